/**
 * References across module boundaries in a plan's configuration (plan/module-references.ts): a grant
 * module's `scope = var.scope` is followed through its call's argument and the registry module's
 * output to the registry, hop by hop; what is not only references (a local, a variable's attribute,
 * an argument that depends on the instance) is not followed, and a configuration whose calls or
 * outputs are not objects is refused with the path.
 */
import { InventoryInputError, checkInventories, inventoryFromPlanJson } from '../../policies';

type Expression = Readonly<Record<string, unknown>>;

const refs = (...references: string[]): Expression => ({ references });

/** A plan: a registry in module.acr, and an AcrPush grant in module.grant set from `scope` (its call's argument). */
function plan(scope: Expression, output: Expression, callExtra: Record<string, unknown> = {}): unknown {
  const registry = {
    address: 'module.acr.azurerm_container_registry.this',
    module_address: 'module.acr',
    mode: 'managed',
    type: 'azurerm_container_registry',
    name: 'this',
    change: {
      actions: ['create'],
      before: null,
      after: {
        name: 'contosoacrprod',
        resource_group_name: 'rg-acr-prod',
        location: 'westeurope',
        sku: 'Premium',
        public_network_access_enabled: false,
      },
      after_unknown: { id: true },
    },
  };
  const grant = {
    address: 'module.grant.azurerm_role_assignment.this',
    module_address: 'module.grant',
    mode: 'managed',
    type: 'azurerm_role_assignment',
    name: 'this',
    change: {
      actions: ['create'],
      before: null,
      after: { role_definition_name: 'AcrPush', principal_id: '11111111-1111-1111-1111-111111111111' },
      after_unknown: { id: true, scope: true },
    },
  };
  return {
    format_version: '1.2',
    terraform_version: '1.9.8',
    resource_changes: [registry, grant],
    configuration: {
      root_module: {
        module_calls: {
          acr: {
            source: './modules/acr',
            module: {
              outputs: { registry_id: output },
              resources: [{ address: 'azurerm_container_registry.this', mode: 'managed' }],
            },
          },
          grant: {
            source: './modules/grant',
            expressions: { scope },
            module: {
              resources: [
                {
                  address: 'azurerm_role_assignment.this',
                  mode: 'managed',
                  expressions: { scope: refs('var.scope') },
                },
              ],
            },
            ...callExtra,
          },
        },
      },
    },
  };
}

const OUTPUT = { expression: refs('azurerm_container_registry.this.id', 'azurerm_container_registry.this') };

const grantFindings = (doc: unknown): string[] =>
  checkInventories([inventoryFromPlanJson(doc, 'prod', 'prod.plan.json')], {
    config: { order: ['dev', 'staging', 'prod'], replicaRegions: { prod: [] } },
  })
    .findings.filter(
      (f) =>
        (f.ruleId === 'ACR-024' || f.ruleId === 'ACR-111') &&
        f.location.address === 'module.grant.azurerm_role_assignment.this',
    )
    .map((f) => `${f.ruleId} ${f.result}`);

describe('references across modules in a plan', () => {
  it('follow a variable through its call and an output to the registry', () => {
    expect(grantFindings(plan(refs('module.acr.registry_id', 'module.acr'), OUTPUT))).toEqual([
      'ACR-024 fail',
    ]);
  });

  it('do not follow an output built with a local, or a variable attribute', () => {
    const withLocal = {
      expression: refs(
        'local.suffix',
        'azurerm_container_registry.this.id',
        'azurerm_container_registry.this',
      ),
    };
    expect(grantFindings(plan(refs('module.acr.registry_id', 'module.acr'), withLocal))).toEqual([
      'ACR-111 unknown',
    ]);
    const doc = plan(refs('module.acr.registry_id', 'module.acr'), OUTPUT) as {
      configuration: { root_module: { module_calls: { grant: { module: { resources: unknown[] } } } } };
    };
    doc.configuration.root_module.module_calls.grant.module.resources = [
      {
        address: 'azurerm_role_assignment.this',
        mode: 'managed',
        expressions: { scope: refs('var.target.id', 'var.target') },
      },
    ];
    expect(grantFindings(doc)).toEqual(['ACR-111 unknown']);
  });

  it('do not follow the output of a call with count or for_each', () => {
    const doc = plan(refs('module.acr.registry_id', 'module.acr'), OUTPUT) as {
      configuration: { root_module: { module_calls: { acr: Record<string, unknown> } } };
    };
    doc.configuration.root_module.module_calls.acr.count_expression = { constant_value: 1 };
    expect(grantFindings(doc)).toEqual(['ACR-111 unknown']);
  });

  it('follow the output of one instance of a call with for_each', () => {
    const doc = plan(refs('module.acr["prod"].registry_id', 'module.acr["prod"]', 'module.acr'), OUTPUT) as {
      resource_changes: { address: string; module_address: string; index?: string }[];
      configuration: { root_module: { module_calls: { acr: Record<string, unknown> } } };
    };
    doc.configuration.root_module.module_calls.acr.for_each_expression = { constant_value: { prod: {} } };
    doc.resource_changes[0].address = 'module.acr["prod"].azurerm_container_registry.this';
    doc.resource_changes[0].module_address = 'module.acr["prod"]';
    expect(grantFindings(doc)).toEqual(['ACR-024 fail']);
    // Without the key, the output of a call with for_each is a map of instances: not followed.
    const unkeyed = plan(refs('module.acr.registry_id', 'module.acr'), OUTPUT) as typeof doc;
    unkeyed.configuration.root_module.module_calls.acr.for_each_expression = { constant_value: { prod: {} } };
    unkeyed.resource_changes[0].address = 'module.acr["prod"].azurerm_container_registry.this';
    unkeyed.resource_changes[0].module_address = 'module.acr["prod"]';
    expect(grantFindings(unkeyed)).toEqual(['ACR-111 unknown']);
  });

  it('refuse call arguments or outputs that are not objects, naming where', () => {
    expect(() => grantFindings(plan(refs('module.acr.registry_id'), OUTPUT, { expressions: [] }))).toThrow(
      InventoryInputError,
    );
    expect(() =>
      grantFindings(plan(refs('module.acr.registry_id'), 'azurerm_container_registry.this.id' as never)),
    ).toThrow(
      /configuration\.root_module\.module_calls\.acr\.module\.outputs\.registry_id: expected an object/,
    );
  });
});
