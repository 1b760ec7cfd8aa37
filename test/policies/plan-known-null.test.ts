/**
 * Terraform plan JSON: a value is unknown only where `after_unknown` says so. An attribute the plan
 * gives as null in `after`, not marked in `after_unknown`, is known to be null, even when its
 * configuration names a resource (`var.archive ? azurerm_log_analytics_workspace.law.id : null`):
 * Terraform's JSON output format, "after_unknown: an object value with similar structure to after,
 * but with all unknown leaf values replaced with true, and all known leaf values omitted"
 * (developer.hashicorp.com/terraform/internals/json-format).
 */
import { evaluate, inventoryFromPlanJson, resolvePolicyConfig } from '../../policies';

const SUB = '/subscriptions/00000000-0000-0000-0000-000000000000';
const ACR_ID = `${SUB}/resourceGroups/rg-a/providers/Microsoft.ContainerRegistry/registries/contosoacrprod`;
const LAW = `${SUB}/resourceGroups/rg-mon/providers/Microsoft.OperationalInsights/workspaces/law`;

function change(type: string, name: string, after: object, afterUnknown: object = {}): object {
  return {
    address: `${type}.${name}`,
    mode: 'managed',
    type,
    name,
    provider_name: 'registry.terraform.io/hashicorp/azurerm',
    change: { actions: ['update'], before: after, after, after_unknown: afterUnknown },
  };
}

function plan(workspace: string | null, afterUnknown: object): object {
  return {
    format_version: '1.2',
    terraform_version: '1.9.5',
    resource_changes: [
      change('azurerm_container_registry', 'acr', {
        id: ACR_ID,
        name: 'contosoacrprod',
        resource_group_name: 'rg-a',
        location: 'westeurope',
        sku: 'Premium',
      }),
      change('azurerm_log_analytics_workspace', 'law', { id: LAW, name: 'law' }),
      change(
        'azurerm_monitor_diagnostic_setting',
        'audit',
        {
          name: 'audit',
          target_resource_id: ACR_ID,
          log_analytics_workspace_id: workspace,
          enabled_log: [{ category: '', category_group: 'audit' }],
        },
        afterUnknown,
      ),
    ],
    configuration: {
      root_module: {
        resources: [
          {
            address: 'azurerm_monitor_diagnostic_setting.audit',
            mode: 'managed',
            type: 'azurerm_monitor_diagnostic_setting',
            name: 'audit',
            expressions: {
              target_resource_id: {
                references: ['azurerm_container_registry.acr.id', 'azurerm_container_registry.acr'],
              },
              log_analytics_workspace_id: {
                references: [
                  'var.audit',
                  'azurerm_log_analytics_workspace.law.id',
                  'azurerm_log_analytics_workspace.law',
                ],
              },
            },
          },
        ],
      },
    },
  };
}

function acr017(doc: object): string[] {
  const inventory = inventoryFromPlanJson(doc, 'prod', 'prod.plan.json');
  return evaluate([inventory], resolvePolicyConfig({ order: ['prod'] }))
    .findings.filter((f) => f.ruleId === 'ACR-017')
    .map((f) => `${f.result}: ${f.message}`);
}

describe('a diagnostic setting whose destination the plan gives as null', () => {
  it('has no destination: ACR-017 fails', () => {
    expect(acr017(plan(null, {}))).toEqual([
      'fail: contosoacrprod has no diagnostic setting with ContainerRegistryLoginEvents and ContainerRegistryRepositoryEvents to a destination',
    ]);
  });

  it('has one when the plan gives it, or marks it unknown (then it comes from the configuration)', () => {
    expect(acr017(plan(LAW, {}))).toEqual(['pass: contosoacrprod sends audit logs']);
    expect(acr017(plan(null, { log_analytics_workspace_id: true }))).toEqual([
      'pass: contosoacrprod sends audit logs',
    ]);
  });
});
