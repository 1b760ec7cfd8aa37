/**
 * A registry setting written by another input: dev's `azapi_update_resource` naming prod's registry
 * by its ID. azapi "update_resource" merges its body into the resource and writes it back on dev's
 * apply; azurerm writes prod's configuration back on prod's apply. After both, the setting is
 * whichever applied last, so where the two differ no rule of prod's registry passes or fails on
 * either value: it is unknown, naming both. Where they agree nothing changes. Inputs are hand-written
 * cdktf JSON and plans of it (checkDevEstate), and two inputs of one environment.
 */
import { checkInventories } from '../../policies';
import type { EvaluationResult } from '../../policies';
import { inventoryFromCdktfJson } from '../../policies/inventory/cdktf/read';
import { checkDevEstate, lockedDownAcr, registryIdOf } from './helpers';

const update = (env: string, properties: Record<string, unknown>, extra = {}): Record<string, unknown> => ({
  type: 'Microsoft.ContainerRegistry/registries@2023-07-01',
  resource_id: registryIdOf(env),
  body: { properties },
  ...extra,
});

/** The findings of `rules` in `environment`, as `rule result: message`. */
function on(result: EvaluationResult, environment: string, rules: readonly string[]): string[] {
  return result.findings
    .filter((f) => f.environment === environment && rules.includes(f.ruleId))
    .map((f) => `${f.ruleId} ${f.result}: ${f.message}`);
}

describe('a registry setting another input writes', () => {
  it.each(['cdktf', 'plan'] as const)(
    'that differs from the registry’s own is unknown, naming both (%s)',
    (format) => {
      const result = checkDevEstate(format, {
        azapi_update_resource: { open: update('prod', { publicNetworkAccess: 'Enabled' }) },
      });
      const file = format === 'cdktf' ? 'stacks/dev/cdk.tf.json' : 'dev.json';
      // The old reading passed: prod's own configuration has public access off.
      expect(on(result, 'prod', ['ACR-003'])).toEqual([
        `ACR-003 unknown: Public network access of contosoacrprod is unknown: azapi_update_resource.open (dev, ${file}) writes true where contosoacrprod has false: which holds depends on which stack applies last (keep one writer)`,
      ]);
    },
  );

  it('that agrees with the registry’s own changes nothing', () => {
    const result = checkDevEstate('cdktf', {
      azapi_update_resource: { same: update('prod', { publicNetworkAccess: 'Disabled' }) },
    });
    expect(on(result, 'prod', ['ACR-003'])).toEqual([
      'ACR-003 pass: Public network access is disabled on contosoacrprod',
    ]);
  });

  it('from an update that may not exist is unknown, with the reason', () => {
    const result = checkDevEstate('cdktf', {
      azapi_update_resource: {
        maybe: update('prod', { publicNetworkAccess: 'Disabled' }, { count: '${var.open ? 1 : 0}' }),
      },
    });
    expect(on(result, 'prod', ['ACR-003'])).toEqual([
      expect.stringMatching(
        /^ACR-003 unknown: .*azapi_update_resource\.maybe \(dev, stacks\/dev\/cdk\.tf\.json\) may write it: .*var\.open/,
      ),
    ]);
  });

  it('zone redundancy, fixed once the registry exists, is unknown for that reason', () => {
    const result = checkDevEstate('cdktf', {
      azapi_update_resource: { zones: update('prod', { zoneRedundancy: 'Enabled' }) },
    });
    expect(on(result, 'prod', ['ACR-010'])).toEqual([
      expect.stringMatching(
        /^ACR-010 unknown: .*azapi_update_resource\.zones \(dev, stacks\/dev\/cdk\.tf\.json\) writes true, but ARM's update of a registry has no zoneRedundancy/,
      ),
    ]);
  });

  it('leaves the settings it does not write alone', () => {
    const result = checkDevEstate('cdktf', {
      azapi_update_resource: { open: update('prod', { publicNetworkAccess: 'Enabled' }) },
    });
    expect(on(result, 'prod', ['ACR-001', 'ACR-026'])).toEqual([
      'ACR-001 pass: The admin user is disabled on contosoacrprod',
      'ACR-026 pass: contosoacrprod is Premium',
    ]);
  });
});

describe('two inputs of one environment', () => {
  it('keep the second’s updates of another stack’s registry (ACR-105)', () => {
    const stack = (env: string, resources: Record<string, unknown> = {}): Record<string, unknown> => ({
      resource: { azurerm_container_registry: { acr: lockedDownAcr(env) }, ...resources },
    });
    const inventories = [
      inventoryFromCdktfJson(stack('dev'), 'dev', 'stacks/dev/cdk.tf.json'),
      // A second dev input that enables staging's admin user: the merge of dev's inputs used to drop it.
      inventoryFromCdktfJson(
        { resource: { azapi_update_resource: { admin: update('staging', { adminUserEnabled: true }) } } },
        'dev',
        'dev-extra.tf.json',
      ),
      inventoryFromCdktfJson(stack('staging'), 'staging', 'stacks/staging/cdk.tf.json'),
      inventoryFromCdktfJson(stack('prod'), 'prod', 'stacks/prod/cdk.tf.json'),
    ];
    const result = checkInventories(inventories, { config: { order: ['dev', 'staging', 'prod'] } });
    expect(on(result, 'staging', ['ACR-105'])).toContainEqual(
      'ACR-105 fail: dev lets an image into staging past promotion: the admin user of contosoacrstaging, which azapi_update_resource.admin enables, can push: its shared credentials have full permissions to the registry',
    );
  });
});
