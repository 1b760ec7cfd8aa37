/**
 * Whether a VNet link of a private DNS zone's name links that zone, by their resource groups. A link
 * is a child of its zone: azurerm's `azurerm_private_dns_zone_virtual_network_link` and azure-native's
 * `VirtualNetworkLink` name the zone by `private_dns_zone_name` / `privateZoneName` within
 * `resource_group_name` / `resourceGroupName`, and a zone name is unique within a resource group
 * (Microsoft.Network/privateDnsZones/virtualNetworkLinks is a child resource of the zone). So zones of
 * one name in two resource groups each have their own links.
 */
import type { Unknown } from './types';
import { unknownBecause } from './types';

/**
 * `undefined` when the link is the zone's (both resource groups known and equal, compared lowercased
 * as Azure does), `null` when it is another zone's, and UNKNOWN with the reason when either group is
 * not known (`link` names the link in the reason).
 */
export function linkDoubt(
  linkGroup: string | undefined,
  zoneGroup: string | undefined,
  link: string,
): Unknown | null | undefined {
  if (linkGroup !== undefined && zoneGroup !== undefined) return linkGroup === zoneGroup ? undefined : null;
  const whose = linkGroup === undefined ? `the resource group of ${link}` : "the zone's resource group";
  return unknownBecause(
    `${whose} is not decided by the input, so the link may belong to another zone of that name`,
  );
}
