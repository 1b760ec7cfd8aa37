/**
 * Object keys of Terraform expressions, as HCL makes them: a key is converted to string (cty's
 * conversion, so a list index or a bool is its text), a `for` expression that gives one key twice is
 * an error unless `...` groups the values by key, and null is never a key. Found on
 * aztfmod/terraform-azurerm-caf's diagnostics module, which iterates
 * `{ for key, value in <list of category lists> : key => value if tobool(value[1]) }`: the keys are
 * list indexes, which Terraform turns into "0", "1".
 * Source: HCL spec, "For Expressions" (the key is converted to string; duplicate keys are an error
 * without the grouping mode) and "Object Constructors".
 */
import type { Scope, Value } from '../../policies/inventory/terraform-json/interpret';
import { EvalError } from '../../policies/inventory/terraform-json/interpret';
import { evaluateText } from '../../policies/inventory/terraform-json/module-scope';
import { rootModuleCheck } from './helpers';

const scope: Scope = {
  variable: () => new EvalError('no variables here'),
  local: () => new EvalError('no locals here'),
  names: new Map(),
};

const value = (text: string): Value => evaluateText(text, scope);

describe('object keys of expressions', () => {
  it('are list indexes as text in a for expression over a list', () => {
    expect(value('${{ for k, v in ["a", "b"] : k => v }}')).toEqual({ 0: 'a', 1: 'b' });
    expect(value('${{ for k, v in ["a", "b"] : k => v }["1"]}')).toBe('b');
  });

  it('are bools and numbers as text, in a for expression and an object constructor', () => {
    expect(value('${{ for v in [true, false] : v => v }}')).toEqual({ true: true, false: false });
    expect(value('${{ (1.5) = "x" }}')).toEqual({ '1.5': 'x' });
  });

  it('may not repeat in a for expression without the grouping ...', () => {
    const result = value('${{ for v in ["a", "b", "a"] : v => v }}');
    expect(result).toBeInstanceOf(EvalError);
    expect((result as EvalError).message).toBe(
      'two items of a for expression give the key "a" (Terraform rejects that without the grouping "...")',
    );
  });

  it('group the values of a key into a list with ..., in collection order', () => {
    const items = '[{ k = "b", v = 1 }, { k = "a", v = 2 }, { k = "b", v = 3 }]';
    expect(value(`\${{ for o in ${items} : o.k => o.v... }}`)).toEqual({ a: [2], b: [1, 3] });
  });

  it('are never null', () => {
    const result = value('${{ for v in ["a"] : null => v }}');
    expect(result).toBeInstanceOf(EvalError);
    expect((result as EvalError).message).toBe('an object key cannot be null');
  });

  const check = rootModuleCheck('acr-for-keys-', {});
  const registry = {
    name: 'contosoacrprod',
    resource_group_name: 'rg',
    location: 'westeurope',
    sku: 'Premium',
  };
  const diagnostics = (forEach: string): Record<string, unknown> => ({
    azurerm_container_registry: { acr: registry },
    azurerm_monitor_diagnostic_setting: {
      audit: {
        name: 'audit',
        target_resource_id: '${azurerm_container_registry.acr.id}',
        log_analytics_workspace_id:
          '/subscriptions/0/resourceGroups/m/providers/Microsoft.OperationalInsights/workspaces/w',
        dynamic: {
          enabled_log: { for_each: forEach, content: { category: '${enabled_log.value[0]}' } },
        },
      },
    },
  });

  it('let a dynamic block iterate category lists keyed by index, as the CAF module does (ACR-017)', () => {
    const categories =
      '[["ContainerRegistryRepositoryEvents", true], ["ContainerRegistryLoginEvents", true], ["Other", false]]';
    // The old reading: unknown, "which Terraform would reject (an object key must be a string)".
    expect(
      check(diagnostics(`\${{ for k, v in ${categories} : k => v if tobool(v[1]) == true }}`), ['ACR-017']),
    ).toEqual(['ACR-017 pass: contosoacrprod sends audit logs']);
    // Only the login events are enabled: the audit logs are incomplete.
    expect(
      check(
        diagnostics(
          '${{ for k, v in [["ContainerRegistryRepositoryEvents", false], ["ContainerRegistryLoginEvents", true]] : k => v if v[1] }}',
        ),
        ['ACR-017'],
      )[0],
    ).toMatch(/^ACR-017 fail: /);
  });

  it('leave a dynamic block over a for expression with a repeated key unknown, saying why', () => {
    const [finding] = check(
      diagnostics(
        '${{ for v in [["ContainerRegistryLoginEvents"], ["ContainerRegistryLoginEvents"]] : v[0] => v }}',
      ),
      ['ACR-017'],
    );
    expect(finding).toMatch(/^ACR-017 unknown: /);
    expect(finding).toContain('two items of a for expression give the key "ContainerRegistryLoginEvents"');
  });
});
