/**
 * Resource records as a Pulumi program registers them (what `inventoryFromPulumiResources` reads),
 * for tests that build a stack resource by resource.
 */
import type { PulumiResourceRecord } from '../../policies/inventory/pulumi-resources/build';

/**
 * A custom resource `name` of `type` (`azure-native:containerregistry:Registry`) with `inputs`, a
 * child of stack `stack`'s root, unprotected and with no property dependencies.
 */
export function pulumiRecord(
  type: string,
  name: string,
  inputs: Record<string, unknown>,
  stack = 'prod',
): PulumiResourceRecord {
  return {
    urn: `urn:pulumi:${stack}::acr::${type}::${name}`,
    type,
    name,
    custom: true,
    parent: `urn:pulumi:${stack}::acr::pulumi:pulumi:Stack::acr-${stack}`,
    protect: false,
    inputs,
    propertyDependencies: {},
  };
}

/** The azure-native Premium registry `contosoacrprod` in `rg-acr-prod`, as resource `acr`. */
export const NATIVE_PROD_REGISTRY: PulumiResourceRecord = pulumiRecord(
  'azure-native:containerregistry:Registry',
  'acr',
  {
    registryName: 'contosoacrprod',
    resourceGroupName: 'rg-acr-prod',
    location: 'westeurope',
    sku: { name: 'Premium' },
  },
);
