import { join } from 'node:path';
import {
  diffSynthTrees,
  findDangers,
  loadSynthTree,
  parsePulumiPreview,
  parseTerraformPlan,
} from '../../preview';
import type { Danger } from '../../preview';
import { FIXTURES, loadPlan } from './helpers';

function kinds(dangers: readonly Danger[]): string[] {
  return dangers.map((d) => `${d.stack} ${d.kind} ${d.address}`);
}

/** The plan change of an in-place update of registry `r`. */
function registryUpdate(before: object, after: object): object {
  return {
    address: 'azurerm_container_registry.r',
    type: 'azurerm_container_registry',
    name: 'r',
    change: { actions: ['update'], before, after },
  };
}

describe('findDangers', () => {
  const terraform = findDangers([
    parseTerraformPlan(loadPlan('prod.tfplan.json'), 'prod'),
    parseTerraformPlan(loadPlan('staging.json'), 'staging'),
    parseTerraformPlan(loadPlan('dev.json'), 'dev'),
  ]);

  it('flags a registry replacement, a replica removal and a SKU downgrade in plans', () => {
    expect(kinds(terraform)).toEqual(
      expect.arrayContaining([
        'prod registry-lost azurerm_container_registry.registry',
        'staging replica-removed azurerm_container_registry.registry',
        'staging sku-downgrade azurerm_container_registry.registry',
        'prod private-access-removed azurerm_private_endpoint.registry_pe',
        'staging private-access-removed azurerm_private_dns_zone_virtual_network_link.hub',
        'prod pull-grant-removed azurerm_role_assignment.pull_prod_cluster',
      ]),
    );
    expect(terraform.filter((d) => d.kind === 'replica-removed').map((d) => d.message)).toEqual([
      'geo-replica in northeurope removed',
      'geo-replica in swedencentral removed',
    ]);
    expect(terraform.some((d) => d.stack === 'dev')).toBe(false);
  });

  it('flags the same dangers in a Pulumi preview, and a removed lock and protection', () => {
    const pulumi = findDangers([parsePulumiPreview(loadPlan('prod-preview.json'), 'prod')]);
    expect(kinds(pulumi)).toEqual([
      'prod registry-lost azure-native:containerregistry:Registry::contosoacrprod',
      'prod replica-removed azure-native:containerregistry:Replication::swedencentral',
      'prod private-access-removed azure-native:network:PrivateDnsZoneGroup::registry',
      'prod pull-grant-removed azure-native:authorization:RoleAssignment::pull-prod-cluster',
      'prod protection-removed azure-native:authorization:ManagementLockByScope::acr-delete-lock',
      'prod protection-removed azure-native:resources:ResourceGroup::rg-acr-prod',
    ]);
  });

  it('flags dangers predicted by a synth diff, including prevent_destroy removed', () => {
    const sets = diffSynthTrees(
      loadSynthTree(join(FIXTURES, 'synth', 'base')),
      loadSynthTree(join(FIXTURES, 'synth', 'head')),
    );
    const found = kinds(findDangers(sets));
    const registry = 'azurerm_container_registry.registry_4C1A2B3D';
    expect(found).toEqual(
      expect.arrayContaining([
        `prod registry-lost ${registry}`,
        `prod replica-removed ${registry}`,
        `prod sku-downgrade ${registry}`,
        `prod protection-removed ${registry}`,
        `staging registry-lost ${registry}`,
        'prod pull-grant-removed azurerm_role_assignment.registry_pull_cluster_1A2B3C4D',
      ]),
    );
  });

  it('sees a DNS zone group dropped from a synthesized private endpoint (a single block is an object)', () => {
    const endpoint = (group: object) => ({
      resource: { azurerm_private_endpoint: { pe: { name: 'pe-acr', subnet_id: 'subnet', ...group } } },
    });
    const base = {
      stacks: new Map([
        ['prod', endpoint({ private_dns_zone_group: { name: 'acr-dns', private_dns_zone_ids: ['zone'] } })],
      ]),
    };
    const head = { stacks: new Map([['prod', endpoint({})]]) };
    expect(findDangers(diffSynthTrees(base, head)).map((d) => d.message)).toEqual([
      'private DNS zone group acr-dns removed: DNS records stop following the endpoint',
    ]);
  });

  it('flags a geo-replica whose zone redundancy changes: azurerm deletes and recreates it', () => {
    // container_registry_resource.go: "zoneRedundency can't be updated in place" (DeleteThenPoll).
    const replicas = (zones: boolean) => ({
      sku: 'Premium',
      georeplications: [
        { location: 'northeurope', zone_redundancy_enabled: zones },
        { location: 'swedencentral', zone_redundancy_enabled: true },
      ],
    });
    const plan = {
      format_version: '1.2',
      resource_changes: [registryUpdate(replicas(false), replicas(true))],
    };
    expect(findDangers([parseTerraformPlan(plan, 'prod')]).map((d) => d.message)).toEqual([
      'geo-replica in northeurope replaced (zone redundancy turned on): removed, then re-synced',
    ]);
  });

  it('does not flag an upgrade or a grant without pull', () => {
    const plan = {
      format_version: '1.2',
      resource_changes: [
        registryUpdate({ sku: 'Standard' }, { sku: 'Premium' }),
        {
          address: 'azurerm_role_assignment.sign',
          type: 'azurerm_role_assignment',
          name: 'sign',
          change: { actions: ['delete'], before: { role_definition_name: 'AcrImageSigner' }, after: null },
        },
      ],
    };
    expect(findDangers([parseTerraformPlan(plan, 'dev')])).toEqual([]);
  });
});
