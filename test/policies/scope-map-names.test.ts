/**
 * Tokens whose scope map is named, not referenced (a literal scope map ID, or a data source): a scope
 * map's name is unique only within its registry, so with a map of one name in each of two registries
 * a token gets the actions of the map in its own registry, and is unknown when that registry is not
 * decided. ACR-023 (tokens are pull-only) must not pass on another registry's map.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Inventory } from '../../policies';
import { checkInventories, loadInventories } from '../../policies';
import type { PulumiResourceRecord } from '../../policies/inventory/pulumi-resources/build';
import { inventoryFromPulumiResources } from '../../policies/inventory/pulumi-resources/build';

const READ = ['repositories/app/content/read'];
const WRITE = ['repositories/app/content/write', 'repositories/app/content/read'];
const mapId = (registry: string) =>
  `/subscriptions/0/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/${registry}/scopeMaps/ci`;

/** ACR-023's results by registry. */
function acr023(inventory: Inventory): Record<string, string> {
  return Object.fromEntries(
    checkInventories([inventory], { config: { order: ['prod'] } })
      .findings.filter((f) => f.ruleId === 'ACR-023' && f.result !== 'not-applicable')
      .map((f) => [String(f.registry), `${f.result}: ${f.message}`]),
  );
}

describe('a token naming its scope map in a hand-written root module', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'acr-scope-maps-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function inventory(token: Record<string, unknown>, dataMaps?: Record<string, unknown>): Inventory {
    const registry = (name: string) => ({
      name,
      resource_group_name: 'rg',
      location: 'westeurope',
      sku: 'Premium',
    });
    const map = (registryName: string, actions: readonly string[]) => ({
      name: 'ci',
      container_registry_name: registryName,
      resource_group_name: 'rg',
      actions,
    });
    const doc = {
      variable: { registry: { type: 'string' } },
      resource: {
        azurerm_container_registry: { a: registry('acra'), b: registry('acrb') },
        // The read-only map comes first, so a match by name alone finds it.
        azurerm_container_registry_scope_map: { aci: map('acra', READ), bci: map('acrb', WRITE) },
        azurerm_container_registry_token: { t: { name: 't', resource_group_name: 'rg', ...token } },
      },
      ...(dataMaps ? { data: { azurerm_container_registry_scope_map: dataMaps } } : {}),
    };
    writeFileSync(path.join(dir, 'main.tf.json'), JSON.stringify(doc));
    return loadInventories([dir], { cwd: dir, environment: 'prod' })[0];
  }

  it("gets the actions of the map in the token's registry", () => {
    expect(acr023(inventory({ container_registry_name: 'acrb', scope_map_id: mapId('acrb') }))).toEqual({
      acrb: 'fail: token t can write: repositories/app/content/write',
    });
    expect(acr023(inventory({ container_registry_name: 'acra', scope_map_id: mapId('ACRA') }))).toEqual({
      acra: 'pass: token t can only read',
    });
  });

  it('is unknown when the registry of the token is not decided', () => {
    // A data source names the map; its registry (and the token's) is a variable without a value.
    const undecided = inventory(
      {
        container_registry_name: '${var.registry}',
        scope_map_id: '${data.azurerm_container_registry_scope_map.ci.id}',
      },
      { ci: { name: 'ci', container_registry_name: '${var.registry}', resource_group_name: 'rg' } },
    );
    expect(undecided.externalTokens?.map((t) => t.actions)).toEqual([
      expect.objectContaining({
        reason: `the input has 2 scope maps named "ci", and which registry each is in, or the token's, is not decided`,
      }),
    ]);
  });
});

describe('a token naming its scope map in a Pulumi stack', () => {
  const record = (type: string, name: string, inputs: Record<string, unknown>): PulumiResourceRecord => ({
    urn: `urn:pulumi:prod::p::azure-native:containerregistry:${type}::${name}`,
    type: `azure-native:containerregistry:${type}`,
    name,
    custom: true,
    protect: false,
    inputs,
    propertyDependencies: {},
  });

  it("gets the actions of the map in the token's registry", () => {
    const registry = (name: string) =>
      record('Registry', name, {
        registryName: name,
        resourceGroupName: 'rg',
        location: 'westeurope',
        sku: { name: 'Premium' },
      });
    const map = (registryName: string, actions: readonly string[]) =>
      record('ScopeMap', `${registryName}-ci`, {
        scopeMapName: 'ci',
        registryName,
        resourceGroupName: 'rg',
        actions,
      });
    const token = (registryName: string) =>
      record('Token', `${registryName}-t`, {
        tokenName: 't',
        registryName,
        resourceGroupName: 'rg',
        scopeMapId: mapId(registryName),
      });
    const inventory = inventoryFromPulumiResources(
      [registry('acra'), registry('acrb'), map('acra', READ), map('acrb', WRITE), token('acrb')],
      { environment: 'prod', file: 'Pulumi.prod.yaml' },
    );
    expect(acr023(inventory)).toEqual({ acrb: 'fail: token t can write: repositories/app/content/write' });
  });
});
