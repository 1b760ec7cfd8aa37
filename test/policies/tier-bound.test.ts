/**
 * A setting the checker cannot read, of a capability the registry's known SKU does not have, is
 * judged on the SKU (FACTS.md section 1, constructs/model/tiers.ts): a Basic or Standard registry has
 * no network rules, no customer-managed key, no retention, no dedicated data endpoints, cannot turn
 * exports or public access off, and Basic has no anonymous pull. The same unknowns on Premium, and
 * any unknown on a registry whose SKU is itself unknown, stay unknown.
 */
import { rootModuleCheck } from './helpers';

const RULES = ['ACR-002', 'ACR-003', 'ACR-004', 'ACR-012', 'ACR-014', 'ACR-015', 'ACR-016'];

const check = rootModuleCheck('acr-tier-bound-', {
  sku: { type: 'string' },
  setting: { type: 'bool' },
  days: { type: 'number' },
  action: { type: 'string' },
  key: { type: 'string' },
});

/** A registry of `sku` whose tier-gated settings all come from variables without values. */
const registry = (sku: string): Record<string, unknown> => ({
  azurerm_container_registry: {
    acr: {
      name: 'contosoacrprod',
      resource_group_name: 'rg-acr-prod',
      location: 'westeurope',
      sku,
      anonymous_pull_enabled: '${var.setting}',
      public_network_access_enabled: '${var.setting}',
      export_policy_enabled: '${var.setting}',
      data_endpoint_enabled: '${var.setting}',
      retention_policy_in_days: '${var.days}',
      network_rule_set: { default_action: '${var.action}' },
      encryption: { key_vault_key_id: '${var.key}', identity_client_id: '${var.key}' },
    },
  },
});

const results = (findings: readonly string[]): string[] => findings.map((f) => f.split(':')[0]);

describe('a setting the input leaves open, on a SKU without its capability', () => {
  it('is judged on Standard as the tier holds it, saying why', () => {
    const findings = check(registry('Standard'), RULES);
    expect(results(findings)).toEqual([
      'ACR-002 unknown',
      'ACR-003 fail',
      'ACR-004 fail',
      'ACR-012 fail',
      'ACR-014 fail',
      'ACR-015 fail',
      'ACR-016 fail',
    ]);
    expect(findings).toContain(
      'ACR-016 fail: Customer-managed key encryption of contosoacrprod is not known, but Standard does not allow customer-managed key encryption, which needs Premium: it is disabled',
    );
    expect(findings.find((f) => f.startsWith('ACR-004'))).toMatch(
      /^ACR-004 fail: contosoacrprod is public with network default action Allow: public network access of contosoacrprod is not known, but Standard does not allow disabling public network access, which needs Premium; the network default action of contosoacrprod is not known, but Standard does not allow network rules \(IP allow lists, default action\), which needs Premium$/,
    );
    expect(findings.find((f) => f.startsWith('ACR-012'))).toMatch(
      /^ACR-012 fail: retention of contosoacrprod is not known, but Standard does not allow retention of untagged manifests, which needs Premium: retention of untagged manifests is off$/,
    );
  });

  it('passes on Basic where the tier gives the wanted value (no anonymous pull)', () => {
    const findings = check(registry('Basic'), ['ACR-002']);
    expect(findings).toEqual([
      'ACR-002 pass: Anonymous pull of contosoacrprod is not known, but Basic does not allow anonymous pull, which needs Standard: it is disabled',
    ]);
  });

  it('stays unknown on Premium, and on a registry whose SKU is not known', () => {
    for (const sku of ['Premium', '${var.sku}'])
      expect(results(check(registry(sku), RULES))).toEqual(RULES.map((rule) => `${rule} unknown`));
  });
});

describe('ACR-025 on an agent pool the input may not create', () => {
  const pools = rootModuleCheck('acr-tier-pools-', { pools: { type: 'number' } });
  const withPool = (count: unknown): Record<string, unknown> => ({
    ...registry('Standard'),
    azurerm_container_registry_agent_pool: {
      pool: {
        name: 'pool',
        resource_group_name: 'rg-acr-prod',
        location: 'westeurope',
        container_registry_name: '${azurerm_container_registry.acr.name}',
        count,
      },
    },
  });

  it('fails when the pool is certain, and is unknown when its count is undecided', () => {
    const pool = (findings: readonly string[]) => findings.filter((f) => f.includes('agent pools'));
    expect(pool(pools(withPool(1), ['ACR-025']))).toEqual([
      'ACR-025 fail: contosoacrprod uses dedicated task agent pools, which needs Premium, on Standard',
    ]);
    expect(pool(pools(withPool('${var.pools}'), ['ACR-025']))).toEqual([
      expect.stringMatching(/^ACR-025 unknown: whether contosoacrprod uses dedicated task agent pools /),
    ]);
  });
});
