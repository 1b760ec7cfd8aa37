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
 * Marks a group key that stands for an undecided resource group (see `undecidedGroup`). A group key is
 * a literal resource group lowercased (Azure compares names in any case), or such a key.
 */
const UNDECIDED = '\u0000';

/**
 * The group key of a resource group the input does not decide but knows to be one value wherever
 * `key` is written (the adapter says which: an expression of one module instance, a reference).
 */
export function undecidedGroup(key: string): string {
  return UNDECIDED + key;
}

/** True for a group key of a literal resource group (not undefined, not one the input does not decide). */
export function isLiteralGroup(group: string | undefined): group is string {
  return group !== undefined && !group.startsWith(UNDECIDED);
}

/**
 * `undefined` when the link is the zone's (both resource groups the same: equal literals, compared
 * lowercased as Azure does, or one undecided group, see `undecidedGroup`), `null` when it
 * is another zone's (two different literals), and UNKNOWN with the reason otherwise (`link` names the
 * link in the reason).
 */
export function linkDoubt(
  linkGroup: string | undefined,
  zoneGroup: string | undefined,
  link: string,
): Unknown | null | undefined {
  if (linkGroup !== undefined && linkGroup === zoneGroup) return undefined;
  if (isLiteralGroup(linkGroup) && isLiteralGroup(zoneGroup)) return null;
  const whose = !isLiteralGroup(linkGroup) ? `the resource group of ${link}` : "the zone's resource group";
  return unknownBecause(
    `${whose} is not decided by the input, so the link may belong to another zone of that name`,
  );
}
