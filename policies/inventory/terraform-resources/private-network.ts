/**
 * Private connectivity of a registry as the input declares it: private endpoints, the DNS zones of
 * their zone groups, and the VNet links of those zones.
 */
import { resourceGroupFromId } from '../../../constructs/model/azure-ids';
import type { RegistryTarget, ResourceIndex } from './links';
import { zoneNameFromId } from './links';
import { entryOf, pushTo } from '../map-entry';
import type { RawResource } from './raw';
import {
  asRecord,
  blocks,
  firstBlock,
  boolSetting,
  literal,
  parseReference,
  sourceOf,
  stringListSetting,
  stringSetting,
} from './raw';

import type { DnsZoneRef, PrivateEndpoint, VnetLink } from '../types';
import { UNKNOWN, sameKey } from '../types';
import { isLiteralGroup, linkDoubt, undecidedGroup } from '../zone-links';

/**
 * VNet links indexed by the zone they point at (a reference to a zone resource, or a literal zone name),
 * with the inventory items built from them. Many registries often share one zone name (every
 * `privatelink.azurecr.io` zone of a resource group), so the items and the per-zone lists are built
 * once and shared instead of once per registry.
 */
export interface LinkIndex {
  /** The items of links that name their zone by a reference, by the zone's address. */
  readonly byZoneAddress: Map<string, VnetLink[]>;
  /** Links that name their zone by a literal name, by that name lowercased (names compare in any case). */
  readonly byZoneName: Map<string, NamedLinks>;
  /**
   * Links found by zone name where some link's group or the zone's is not known, by zone name then
   * the zone's lowercased resource group (the usual case is `byZoneName`'s lists by group).
   */
  readonly byNameAndGroup: Map<string, Map<string | undefined, readonly VnetLink[]>>;
  /** The zone each zone ID text (reference or literal ID) names, built once: an endpoint per region names the same zone. */
  readonly zones: Map<string, DnsZoneRef>;
}

/**
 * The links of one zone name, in input order, and by their lowercased resource group: a zone is
 * found by name and group, and one of each per resource group is what Azure allows, so a large
 * input with a zone per group must not scan every link of the name for each zone. The lists hold
 * the links' inventory items, shared by every zone they match.
 */
interface NamedLinks {
  readonly all: { readonly item: VnetLink; readonly group: string | undefined }[];
  readonly byGroup: Map<string, VnetLink[]>;
  /** True when some link's resource group is not a literal (it may match a zone in any group). */
  anyUngrouped: boolean;
}

/** The links of a zone no link names; frozen since it is shared. */
const NO_LINKS: readonly VnetLink[] = Object.freeze([]);

/**
 * What a `resource_group_name` is for matching: its literal text lowercased (Azure compares names in
 * any case); for one the input does not decide but that is one value with others (`Unknown.same`:
 * `var.rg` on both the zone and the link; or one reference to a resource attribute), a key that
 * only those match; undefined otherwise.
 */
function groupKey(value: unknown): string | undefined {
  if (typeof value === 'string') {
    if (!value.includes('${')) return value.toLowerCase();
    // A reference to another resource's attribute (`${azurerm_resource_group.rg.name}`, in a child
    // module with its module address) is that attribute's one value wherever it is written.
    return parseReference(value) ? undecidedGroup(value) : undefined;
  }
  const same = sameKey(value);
  return same === undefined ? undefined : undecidedGroup(same);
}

/** Indexes the VNet links of the input in `file`. */
export function indexLinks(index: ResourceIndex, file: string): LinkIndex {
  const links: LinkIndex = {
    byZoneAddress: new Map(),
    byZoneName: new Map(),
    byNameAndGroup: new Map(),
    zones: new Map(),
  };
  const all = index.ofType('azurerm_private_dns_zone_virtual_network_link');
  // Indexed: this runs once per input, unoptimized, where a for...of makes an iterator result per link.
  for (let i = 0; i < all.length; i += 1) {
    const link = all[i];
    const ref = parseReference(link.values.private_dns_zone_name);
    if (ref) pushTo(links.byZoneAddress, ref.address, vnetLinkItem(file, link));
    // Zone names compare in any case, as Azure's resource names do.
    const name = literal(link.values.private_dns_zone_name)?.toLowerCase();
    if (!name) continue;
    let named = links.byZoneName.get(name);
    if (!named) {
      named = { all: [], byGroup: new Map(), anyUngrouped: false };
      links.byZoneName.set(name, named);
    }
    const group = groupKey(link.values.resource_group_name);
    const item = vnetLinkItem(file, link);
    named.all.push({ item, group });
    if (!isLiteralGroup(group)) named.anyUngrouped = true;
    else pushTo(named.byGroup, group, item);
  }
  return links;
}

/**
 * The inventory item of a link (each link is one zone's: by reference or by name, never both), with
 * the link's presence when a `count`/`for_each` decides whether it exists.
 */
function vnetLinkItem(file: string, link: RawResource): VnetLink {
  const item = {
    source: sourceOf(link, file),
    name: stringSetting(link.values.name, ''),
    virtualNetworkId: stringSetting(link.values.virtual_network_id, ''),
  };
  return link.presence ? { ...item, presence: link.presence } : item;
}

/** The links of a zone name that are, or may be, in `zoneGroup` (undefined: not known), in input order. */
function linksByName(links: LinkIndex, zone: string, zoneGroup: string | undefined): readonly VnetLink[] {
  const zoneName = zone.toLowerCase();
  const named = links.byZoneName.get(zoneName);
  if (!named) return NO_LINKS;
  // The usual case: every link of the name states its group, the zone's are listed already.
  if (isLiteralGroup(zoneGroup) && !named.anyUngrouped) return named.byGroup.get(zoneGroup) ?? NO_LINKS;
  const byGroup = entryOf(links.byNameAndGroup, zoneName, () => new Map());
  // A link that may be another zone's of the name says so (see `linkDoubt`), so ACR-007 is unknown,
  // not passed, on it alone.
  return entryOf(byGroup, zoneGroup, () => {
    const out: VnetLink[] = [];
    for (const { item, group } of named.all) {
      const doubt = linkDoubt(group, zoneGroup, item.source.address);
      if (doubt === null) continue;
      out.push(doubt && !item.presence ? { ...item, presence: doubt } : item);
    }
    return out;
  });
}

function vnetLinksFor(
  links: LinkIndex,
  zoneAddress: string | undefined,
  zoneName: string,
  zoneGroup: string | undefined,
): readonly VnetLink[] {
  const byName = linksByName(links, zoneName, zoneGroup);
  const byRef = zoneAddress ? links.byZoneAddress.get(zoneAddress) : undefined;
  // The shared list when no link references the zone resource itself (the usual case).
  if (!byRef) return byName;
  return [...byRef, ...byName];
}

function dnsZoneOf(index: ResourceIndex, links: LinkIndex, value: unknown): DnsZoneRef {
  if (typeof value !== 'string') return dnsZoneOfValue(index, links, value);
  // Written out rather than through entryOf: a closure per endpoint adds up.
  let zone = links.zones.get(value);
  if (zone === undefined) {
    zone = dnsZoneOfValue(index, links, value);
    links.zones.set(value, zone);
  }
  return zone;
}

function dnsZoneOfValue(index: ResourceIndex, links: LinkIndex, value: unknown): DnsZoneRef {
  const zone = index.referenced(value);
  if (zone && zone.type === 'azurerm_private_dns_zone') {
    const name = stringSetting(zone.values.name, '');
    const group = groupKey(zone.values.resource_group_name);
    const vnetLinks = typeof name === 'string' ? vnetLinksFor(links, zone.address, name, group) : [];
    // A `data "azurerm_private_dns_zone"` reads a zone another configuration manages (a hub's): its
    // VNet links are made there, not visible here.
    return { id: UNKNOWN, name, managedHere: zone.mode === 'managed', vnetLinks };
  }
  const id = literal(value);
  if (!id) return { id: UNKNOWN, name: UNKNOWN, managedHere: false, vnetLinks: [] };
  const name = zoneNameFromId(id);
  return {
    id,
    name,
    managedHere: false,
    vnetLinks: vnetLinksFor(links, undefined, name, resourceGroupFromId(id)?.toLowerCase()),
  };
}

/** The registry a private endpoint's connection points at. */
export function privateEndpointTarget(index: ResourceIndex, r: RawResource): RegistryTarget | undefined {
  const connection = firstBlock(r.values.private_service_connection);
  return connection ? index.registryFromId(connection.private_connection_resource_id) : undefined;
}

/** A private endpoint (its registry: `privateEndpointTarget`). */
export function privateEndpointOf(
  index: ResourceIndex,
  links: LinkIndex,
  file: string,
  r: RawResource,
): PrivateEndpoint {
  const connection = firstBlock(r.values.private_service_connection);
  return {
    source: sourceOf(r, file),
    name: stringSetting(r.values.name, ''),
    subnetId: stringSetting(r.values.subnet_id, ''),
    subresources: stringListSetting(connection?.subresource_names),
    dnsZones: zonesOf(index, links, r.values.private_dns_zone_group),
    // `is_manual_connection = true` asks the registry's owner to approve: Pending until then.
    manualConnection: boolSetting(connection?.is_manual_connection, false),
  };
}

/** The zones of an endpoint's DNS zone groups, in order. */
function zonesOf(index: ResourceIndex, links: LinkIndex, groups: unknown): DnsZoneRef[] {
  // The usual single group with a list of zone IDs: its zones in a list of their number (a list
  // grown by push from empty takes room for 16, and there is one per endpoint of a large input).
  const one = Array.isArray(groups) ? undefined : asRecord(groups);
  const ids = one?.private_dns_zone_ids;
  if (Array.isArray(ids)) {
    const zones = new Array<DnsZoneRef>(ids.length);
    for (let i = 0; i < ids.length; i += 1) zones[i] = dnsZoneOf(index, links, ids[i]);
    return zones;
  }
  // Loops, not flatMap and map.
  const zones: DnsZoneRef[] = [];
  const list = one ? [one] : blocks(groups);
  for (let g = 0; g < list.length; g += 1) {
    const listed = list[g].private_dns_zone_ids;
    // Plan JSON may give one reference, or UNKNOWN, where the configuration holds a list.
    if (!Array.isArray(listed)) {
      if (listed !== undefined && listed !== null) zones.push(dnsZoneOf(index, links, listed));
      continue;
    }
    for (let i = 0; i < listed.length; i += 1) zones.push(dnsZoneOf(index, links, listed[i]));
  }
  return zones;
}
