/**
 * A local module call whose instances the input does not decide (`for_each` over a value known only
 * after apply) is not read, so ACR-110 says it may create registries or attach to them. When the
 * module's whole tree declares no resource the inventory reads and runs no provisioner, no instance
 * of it can change a verdict: it is not reported, and the registry it is given keeps its verdicts.
 * Found on aztfmod/terraform-azurerm-caf, whose key-vault access-policy modules iterate a map
 * filtered by `data.azuread_client_config.current.object_id`.
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { mayTouchRegistries } from '../../policies/inventory/terraform-resources/registry-types';
import { REPO } from '../support/packed';
import { findingsOn, folderPerTest, lockedDownAcr } from './helpers';

describe('module calls that cannot touch a registry', () => {
  const dir = folderPerTest('acr-inert-');

  /** A root module with the prod registry and a call of `./policy` per principal the input does not decide. */
  function check(child: Record<string, unknown>, grandchild?: Record<string, unknown>): string[] {
    const root = dir();
    writeFileSync(
      path.join(root, 'main.tf.json'),
      JSON.stringify({
        data: { azuread_client_config: { current: {} } },
        resource: { azurerm_container_registry: { acr: lockedDownAcr('prod') } },
        module: {
          policy: {
            source: './policy',
            for_each:
              '${{ for k, v in { me = "x" } : k => v if data.azuread_client_config.current.object_id != "" }}',
            registry_id: '${azurerm_container_registry.acr.id}',
          },
        },
      }),
    );
    mkdirSync(path.join(root, 'policy', 'inner'), { recursive: true });
    writeFileSync(path.join(root, 'policy', 'main.tf.json'), JSON.stringify(child));
    if (grandchild)
      writeFileSync(path.join(root, 'policy', 'inner', 'main.tf.json'), JSON.stringify(grandchild));
    return findingsOn(root, ['ACR-110', 'ACR-018']);
  }

  const accessPolicy = {
    variable: { registry_id: {} },
    resource: {
      azurerm_key_vault_access_policy: { p: { key_vault_id: 'kv', tenant_id: 't', object_id: 'o' } },
      random_string: { suffix: { length: 4 } },
    },
  };

  it('are not reported when the tree declares nothing the inventory reads (ACR-110 says nothing)', () => {
    // The old reading: "ACR-110 unknown: module.policy (./policy) may create registries ...", and
    // ACR-018 unknown because module.policy is given the registry and may attach a lock to it.
    expect(check(accessPolicy)).toEqual(['ACR-018 fail: contosoacrprod has no CanNotDelete lock']);
  });

  it('are inert through a local child that is inert too', () => {
    const child = { ...accessPolicy, module: { inner: { source: './inner' } } };
    expect(check(child, accessPolicy)).toEqual(['ACR-018 fail: contosoacrprod has no CanNotDelete lock']);
  });

  it.each([
    [
      'a lock',
      {
        resource: {
          azurerm_management_lock: {
            l: { name: 'l', scope: '${var.registry_id}', lock_level: 'CanNotDelete' },
          },
        },
      },
    ],
    [
      'an azapi resource',
      { resource: { azapi_resource: { r: { type: 'x@1', name: 'r', parent_id: 'p' } } } },
    ],
    [
      'a provisioner',
      { resource: { null_resource: { n: { provisioner: { 'local-exec': { command: 'echo' } } } } } },
    ],
    [
      'a registry module call',
      { module: { acr: { source: 'Azure/avm-res-containerregistry-registry/azurerm' } } },
    ],
  ])('stay unknown when the tree holds %s', (_, child) => {
    const findings = check(child);
    expect(findings[0]).toMatch(/^ACR-018 unknown: /);
    expect(findings[1]).toMatch(
      /^ACR-110 unknown: module.policy \(.\/policy\) may create registries or attach to them/,
    );
  });

  it('stay unknown when a local child holds a type the inventory reads', () => {
    const child = { ...accessPolicy, module: { inner: { source: './inner' } } };
    const findings = check(child, {
      resource: {
        azurerm_role_assignment: { g: { scope: 's', role_definition_name: 'AcrPush', principal_id: 'p' } },
      },
    });
    expect(findings[1]).toMatch(/^ACR-110 unknown: /);
  });

  it('know every resource type the Terraform readers name as one that may touch a registry', () => {
    const folders = ['policies/inventory/terraform-resources', 'policies/inventory/plan', 'constructs/model'];
    const named = new Set<string>();
    for (const folder of folders)
      for (const file of readdirSync(path.join(REPO, folder)).filter((f) => f.endsWith('.ts'))) {
        const text = readFileSync(path.join(REPO, folder, file), 'utf8');
        // Quoted type names (not backticked message text), and object keys by type (value shapes,
        // removed syntax, sensitive attributes).
        for (const [, type] of text.matchAll(/['"]((?:azurerm|azapi)_[a-z_]+)['"]/g)) named.add(type);
        for (const [, type] of text.matchAll(/^\s+((?:azurerm|azapi)_[a-z_]+):/gm)) named.add(type);
      }
    // Named only so the preview redacts its secrets (SENSITIVE_ATTRIBUTES): no verdict reads it.
    const redactionOnly = new Set(['azurerm_key_vault_certificate']);
    expect(named.size).toBeGreaterThan(20);
    expect([...named].filter((type) => !mayTouchRegistries(type) && !redactionOnly.has(type))).toEqual([]);
  });
});
