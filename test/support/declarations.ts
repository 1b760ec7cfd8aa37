/**
 * Small declarations for tests: a valid Premium environment to vary one property at a time.
 */
import type {
  EnvironmentDeclaration,
  EstateDeclaration,
  RegistryDeclaration,
} from '../../constructs/model/declaration';

/** A subnet ID in the test subscription. */
export const SUBNET =
  '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-a/subnets/snet-pe';
/** A VNet ID in the test subscription. */
export const VNET =
  '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-a';
/** A Log Analytics workspace ID. */
export const WORKSPACE =
  '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-mon/providers/Microsoft.OperationalInsights/workspaces/law';
/** An Entra object ID. */
export const PRINCIPAL = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';

/** An environment named `name` whose registry is `registry` merged over a minimal Premium registry. */
export function env(
  name: string,
  registry: Partial<RegistryDeclaration> = {},
  extra: Partial<EnvironmentDeclaration> = {},
): EnvironmentDeclaration {
  return {
    name,
    location: 'westeurope',
    resourceGroupName: `rg-${name}`,
    ...extra,
    registry: { name: `acr${name}test`, sku: 'Premium', ...registry },
  };
}

/** A one-environment estate. */
export function estateOf(...environments: EnvironmentDeclaration[]): EstateDeclaration {
  return { environments };
}
