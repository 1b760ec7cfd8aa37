/**
 * A value a plan knows only after apply, that the resource's configuration does not write, is
 * computed by the provider or set by a `dynamic` block (which the configuration section does not
 * show): azurerm computes a registry's `network_rule_set` and `encryption` when they are left out. The
 * unknown finding says so and what would decide it, rather than only "known only after apply".
 */
import { checkInventories, inventoryFromPlanJson } from '../../policies';

/** A plan of a new public Premium registry whose network rule set is known only after apply. */
function plan(expressions: Record<string, unknown> | undefined): unknown {
  const resource = {
    address: 'azurerm_container_registry.this',
    mode: 'managed',
    type: 'azurerm_container_registry',
    name: 'this',
  };
  return {
    format_version: '1.2',
    terraform_version: '1.9.8',
    resource_changes: [
      {
        ...resource,
        change: {
          actions: ['create'],
          before: null,
          after: {
            name: 'contosoacrprod',
            resource_group_name: 'rg-acr-prod',
            location: 'westeurope',
            sku: 'Premium',
            public_network_access_enabled: true,
          },
          after_unknown: { id: true, network_rule_set: true },
        },
      },
    ],
    ...(expressions === undefined
      ? {}
      : { configuration: { root_module: { resources: [{ ...resource, expressions }] } } }),
  };
}

const acr004 = (doc: unknown): string[] =>
  checkInventories([inventoryFromPlanJson(doc, 'prod', 'prod.plan.json')], {
    config: { order: ['dev', 'staging', 'prod'], replicaRegions: { prod: [] } },
  })
    .findings.filter((f) => f.ruleId === 'ACR-004')
    .map((f) => `${f.result}: ${f.message}`);

describe('a value a plan knows only after apply', () => {
  it('says the configuration does not write it, and how to decide it', () => {
    expect(acr004(plan({ sku: { constant_value: 'Premium' } }))).toEqual([
      'unknown: the network exposure of contosoacrprod is unknown: network_rule_set is known only after apply and not written in the configuration: computed by the provider, or set by a dynamic block (plan JSON shows none); set network_rule_set explicitly to decide it',
    ]);
  });

  it('says only that, when the configuration writes it or the plan has no configuration', () => {
    const written = plan({ network_rule_set: { references: ['var.rules'] } });
    expect(acr004(written)).toEqual([
      'unknown: the network exposure of contosoacrprod is only known after apply',
    ]);
    expect(acr004(plan(undefined))).toEqual([
      'unknown: the network exposure of contosoacrprod is only known after apply',
    ]);
  });
});
