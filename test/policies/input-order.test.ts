/**
 * The order of blocks in a Terraform root module means nothing to Terraform, so it must mean nothing
 * to the inventory: a registry whose resource group is a resource elsewhere in the module is found in
 * that group (here by a role assignment scoped at the group's ID) whether the group comes before or
 * after it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadInventories } from '../../policies';

const GROUP_ID = '/subscriptions/0/resourceGroups/rg-team';

function grantsOfRegistry(dir: string, groupFirst: boolean, group: Record<string, unknown>): number {
  const registry = {
    azurerm_container_registry: {
      acr: {
        name: 'acrteam',
        resource_group_name: '${azurerm_resource_group.team.name}',
        location: 'westeurope',
        sku: 'Premium',
      },
    },
  };
  const groups = { azurerm_resource_group: { team: { name: 'rg-team', location: 'westeurope', ...group } } };
  const grant = {
    azurerm_role_assignment: {
      pull: {
        scope: GROUP_ID,
        role_definition_name: 'AcrPull',
        principal_id: '00000000-0000-0000-0000-000000000001',
      },
    },
  };
  const resource = groupFirst ? { ...groups, ...registry, ...grant } : { ...registry, ...grant, ...groups };
  writeFileSync(path.join(dir, 'main.tf.json'), JSON.stringify({ resource }));
  const [inventory] = loadInventories([dir], { cwd: dir, environment: 'prod' });
  return inventory.registries[0].roleAssignments.length;
}

describe('the order of blocks in a root module', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'acr-order-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('does not decide which resource group a registry is in', () => {
    expect([grantsOfRegistry(dir, true, {}), grantsOfRegistry(dir, false, {})]).toEqual([1, 1]);
    // One instance of a counted group: found as any reference to it is, wherever it is.
    const counted = { count: 1 };
    expect([grantsOfRegistry(dir, true, counted), grantsOfRegistry(dir, false, counted)]).toEqual([1, 1]);
  });
});
