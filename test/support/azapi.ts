/**
 * azapi_resource bodies for tests of the azapi reading (azapi-resources.test.ts,
 * azapi-registry-children.test.ts): a locked-down prod registry, role assignments by ARM role ID, and
 * a checker that writes resources as a one-file root module and returns rule findings.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { findingsOn, folderPerTest } from '../policies/helpers';

export const RG = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-acr-prod';
export const REGISTRY_ID = `${RG}/providers/Microsoft.ContainerRegistry/registries/contosoacrprod`;
export const SUBNET = `${RG}/providers/Microsoft.Network/virtualNetworks/v/subnets/s`;
export const WORKSPACE = `${RG}/providers/Microsoft.OperationalInsights/workspaces/w`;
export const ROLE =
  '/subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.Authorization/roleDefinitions';
export const ACR_PUSH = `${ROLE}/8311e382-0749-4cb8-b61a-304f252e45ec`;
export const ACR_PULL = `${ROLE}/7f951dda-4ed3-4680-a7ca-43fe172d538d`;
export const CI = '11111111-1111-1111-1111-111111111111';
export const REGISTRY = '${azapi_resource.acr.id}';

/** An azapi_resource of `type` (API version added) with `extra` attributes. */
export function azapi(type: string, extra: Record<string, unknown>): Record<string, unknown> {
  return { type: `${type}@2023-07-01`, ...extra };
}

/** A locked-down prod registry created with azapi, with `properties` over the defaults. */
export function registry(properties: Record<string, unknown> = {}): Record<string, unknown> {
  return azapi('Microsoft.ContainerRegistry/registries', {
    name: 'contosoacrprod',
    parent_id: RG,
    location: 'westeurope',
    body: {
      sku: { name: 'Premium' },
      properties: {
        adminUserEnabled: false,
        publicNetworkAccess: 'Disabled',
        zoneRedundancy: 'Enabled',
        policies: { quarantinePolicy: { status: 'enabled' }, exportPolicy: { status: 'disabled' } },
        ...properties,
      },
    },
  });
}

/** An azapi role assignment `name` of `role` at `scope`, for the CI principal. */
export function grant(name: string, scope: string, role: string): Record<string, unknown> {
  return azapi('Microsoft.Authorization/roleAssignments', {
    name,
    parent_id: scope,
    body: { properties: { roleDefinitionId: role, principalId: CI, principalType: 'ServicePrincipal' } },
  });
}

/** What `azapiChecker` gives a describe block. */
export interface AzapiChecker {
  /** Writes `resources` as `main.tf.json`; `rule result: message` of the findings of `rules` (at `address`). */
  readonly check: (
    resources: Record<string, unknown>,
    rules: readonly string[],
    address?: string,
  ) => string[];
  /** The current test's folder, for tests that write other files. */
  readonly folder: () => string;
}

/**
 * A fresh folder per test (`folderPerTest`) and a checker over it. Call it in a describe block: it
 * registers its own beforeEach and afterEach.
 */
export function azapiChecker(): AzapiChecker {
  const folder = folderPerTest('acr-azapi-');
  return {
    check: (resources, rules, address) => {
      writeFileSync(path.join(folder(), 'main.tf.json'), JSON.stringify({ resource: resources }));
      return findingsOn(folder(), rules, address);
    },
    folder,
  };
}
