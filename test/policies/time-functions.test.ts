/**
 * `timestamp()` and `timeadd()` in hand-written Terraform: a token password whose expiry is
 * `timeadd(timestamp(), "720h")` or `timeadd(time_static.x.rfc3339, "8760h")` (the Azure Verified
 * Module's registry-token example) has an expiry Terraform sets at apply, so it expires (ACR-022
 * passes); `timeadd()` of literals is computed as Terraform's, and a malformed duration is an error
 * Terraform reports too, never a pass.
 */
import type { Finding } from '../../policies';
import { evaluate, inventoryFromTerraformJson, resolvePolicyConfig } from '../../policies';
import { addTime, durationNs } from '../../policies/inventory/terraform-json/time-functions';

describe('timeadd() of literal arguments, as Terraform computes it', () => {
  it.each([
    ['2026-01-01T00:00:00Z', '8760h', '2027-01-01T00:00:00Z'],
    ['2024-02-28T12:00:00Z', '24h', '2024-02-29T12:00:00Z'],
    ['2026-01-01T00:00:00Z', '-1.5h', '2025-12-31T22:30:00Z'],
    ['2026-01-01T00:00:00Z', '2h45m30s', '2026-01-01T02:45:30Z'],
    ['2026-01-01T00:00:00.900Z', '200ms', '2026-01-01T00:00:01Z'],
    ['2026-06-30T23:00:00+02:00', '2h', '2026-07-01T01:00:00+02:00'],
    ['2026-01-01T00:00:00-05:30', '0', '2026-01-01T00:00:00-05:30'],
  ])('%s plus %s is %s', (time, duration, sum) => {
    expect(addTime(time, duration)).toBe(sum);
  });

  it('rejects what Go does not parse as a duration or RFC 3339 as a timestamp', () => {
    for (const bad of ['', '1d', 'h', '1.5', '--1h', '1h 30m']) expect(durationNs(bad)).toBeUndefined();
    expect(addTime('2026-01-01', '1h')).toBeUndefined();
    expect(addTime('2026-01-01 00:00:00Z', '1h')).toBeUndefined();
  });
});

function acr022(expiry: string): string[] {
  const doc = {
    resource: {
      azurerm_container_registry: {
        acr: { name: 'contosoacrprod', resource_group_name: 'rg', location: 'westeurope', sku: 'Premium' },
      },
      azurerm_container_registry_scope_map: {
        pull: {
          name: 'pull',
          container_registry_name: '${azurerm_container_registry.acr.name}',
          resource_group_name: 'rg',
          actions: ['repositories/app/content/read'],
        },
      },
      azurerm_container_registry_token: {
        ci: {
          name: 'ci',
          container_registry_name: '${azurerm_container_registry.acr.name}',
          resource_group_name: 'rg',
          scope_map_id: '${azurerm_container_registry_scope_map.pull.id}',
        },
      },
      azurerm_container_registry_token_password: {
        pw: {
          container_registry_token_id: '${azurerm_container_registry_token.ci.id}',
          password1: { expiry },
        },
      },
      time_static: { base: {} },
    },
  };
  const inventory = inventoryFromTerraformJson(doc, 'prod', 'main.tf.json');
  return evaluate([inventory], resolvePolicyConfig({ order: ['prod'] }))
    .findings.filter((f: Finding) => f.ruleId === 'ACR-022')
    .map((f: Finding) => `${f.result}: ${f.message}`);
}

describe('a token password whose expiry Terraform computes with timeadd()', () => {
  it.each([
    ['timeadd(timestamp(), "720h")'],
    ['timeadd(time_static.base.rfc3339, "8760h")'],
    ['timeadd("2027-01-01T00:00:00Z", "8760h")'],
  ])('%s: the password expires', (expression) => {
    expect(acr022(`\${${expression}}`)).toEqual(['pass: password1 of token ci expires']);
  });

  it('a duration Terraform rejects is no pass', () => {
    expect(acr022('${timeadd(timestamp(), "30d")}')).toEqual([
      expect.stringMatching(/^unknown: the expiry of password1 of token ci .*"30d" is not a duration/),
    ]);
  });
});
