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
  blocks,
  boolSetting,
  literal,
  parseReference,
  sourceOf,
  stringListSetting,
  stringSetting,
} from './raw';
import type { DnsZoneRef, PrivateEndpoint, Unknown, VnetLink } from '../types';
import { UNKNOWN } from '../types';
import { linkDoubt } from '../zone-links';

/**
 * VNet links indexed by the zone they point at (a reference to a zone resource, or a literal zone name),
 * with the inventory items built from them. Many registries often share one zone name (every
 * `privatelink.azurecr.io` zone of a resource group), so the items and the per-zone lists are built
 * once and shared instead of once per registry.
 */
export interface LinkIndex {
  /** The input file, for source locations. */
  readonly file: string;
  readonly byZoneAddress: Map<string, RawResource[]>;
  /** Links that name their zone by a literal name, by that name. */
  readonly byZoneName: Map<string, NamedLinks>;
  /** The inventory item of each link resource. */
  readonly items: Map<RawResource, VnetLink>;
  /** Links found by zone name, by zone name then the zone's lowercased resource group. */
  readonly byNameAndGroup: Map<string, Map<string | undefined, readonly VnetLink[]>>;
  /** The zone each zone ID text (reference or literal ID) names, built once: an endpoint per region names the same zone. */
  readonly zones: Map<string, DnsZoneRef>;
}

/**
 * The links of one zone name, in input order, and by their lowercased resource group: a zone is
 * found by name and group, and one of each per resource group is what Azure allows, so a large
 * input with a zone per group must not scan every link of the name for each zone.
 */
interface NamedLinks {
  readonly all: { readonly link: RawResource; readonly group: string | undefined }[];
  readonly byGroup: Map<string, RawResource[]>;
  /** True when some link's resource group is not known (it matches a zone in any group). */
  anyUngrouped: boolean;
}

/** Indexes the VNet links of the input in `file`. */
export function indexLinks(index: ResourceIndex, file: string): LinkIndex {
  const links: LinkIndex = {
    file,
    byZoneAddress: new Map(),
    byZoneName: new Map(),
    items: new Map(),
    byNameAndGroup: new Map(),
    zones: new Map(),
  };
  const all = index.ofType('azurerm_private_dns_zone_virtual_network_link');
  // Indexed: this runs once per input, unoptimized, where a for...of makes an iterator result per link.
  for (let i = 0; i < all.length; i += 1) {
    const link = all[i];
    const ref = parseReference(link.values.private_dns_zone_name);
    if (ref) pushTo(links.byZoneAddress, ref.address, link);
    const name = literal(link.values.private_dns_zone_name);
    if (!name) continue;
    const named = entryOf(links.byZoneName, name, (): NamedLinks => ({
      all: [],
      byGroup: new Map(),
      anyUngrouped: false,
    }));
    const group = literal(link.values.resource_group_name)?.toLowerCase();
    named.all.push({ link, group });
    if (group === undefined) named.anyUngrouped = true;
    else pushTo(named.byGroup, group, link);
  }
  return links;
}

/**
 * The inventory item of a link: with the link's own presence (a `count`/`for_each` link may not
 * exist), or else `doubt` when the link may belong to another zone of its name.
 */
function vnetLinkItem(links: LinkIndex, link: RawResource, doubt?: Unknown): VnetLink {
  const item = entryOf(links.items, link, () => ({
    source: sourceOf(link, links.file),
    name: stringSetting(link.values.name, ''),
    virtualNetworkId: stringSetting(link.values.virtual_network_id, ''),
    ...(link.presence ? { presence: link.presence } : {}),
  }));
  return doubt && !item.presence ? { ...item, presence: doubt } : item;
}

/** The links of a zone name whose resource group is unknown on either side or matches `zoneGroup`. */
function linksByName(links: LinkIndex, zoneName: string, zoneGroup: string | undefined): readonly VnetLink[] {
  const byGroup = entryOf(links.byNameAndGroup, zoneName, () => new Map());
  return entryOf(byGroup, zoneGroup, () => matchingLinks(links, links.byZoneName.get(zoneName), zoneGroup));
}

/**
 * The links of `named` that are, or may be, in `zoneGroup`, in input order; one that may be another
 * zone's says so (see `linkDoubt`), so ACR-007 is unknown, not passed, on it alone.
 */
function matchingLinks(
  links: LinkIndex,
  named: NamedLinks | undefined,
  zoneGroup: string | undefined,
): readonly VnetLink[] {
  if (!named) return [];
  if (zoneGroup !== undefined && !named.anyUngrouped)
    return (named.byGroup.get(zoneGroup) ?? []).map((link) => vnetLinkItem(links, link));
  const out: VnetLink[] = [];
  for (const { link, group } of named.all) {
    const doubt = linkDoubt(group, zoneGroup, link.address);
    if (doubt !== null) out.push(vnetLinkItem(links, link, doubt));
  }
  return out;
}

function vnetLinksFor(
  links: LinkIndex,
  zoneAddress: string | undefined,
  zoneName: string,
  zoneGroup: string | undefined,
): readonly VnetLink[] {
  const byName = linksByName(links, zoneName, zoneGroup);
  const byRef = zoneAddress ? (links.byZoneAddress.get(zoneAddress) ?? []) : [];
  // The shared list when no link references the zone resource itself (the usual case).
  if (byRef.length === 0) return byName;
  return [...byRef.map((link) => vnetLinkItem(links, link)), ...byName];
}

function dnsZoneOf(index: ResourceIndex, links: LinkIndex, value: unknown): DnsZoneRef {
  if (typeof value !== 'string') return dnsZoneOfValue(index, links, value);
  return entryOf(links.zones, value, () => dnsZoneOfValue(index, links, value));
}

function dnsZoneOfValue(index: ResourceIndex, links: LinkIndex, value: unknown): DnsZoneRef {
  const zone = index.referenced(value);
  if (zone && zone.type === 'azurerm_private_dns_zone') {
    const name = stringSetting(zone.values.name, '');
    const group = literal(zone.values.resource_group_name)?.toLowerCase();
    const vnetLinks = typeof name === 'string' ? vnetLinksFor(links, zone.address, name, group) : [];
    return { id: UNKNOWN, name, managedHere: true, vnetLinks };
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

/** A private endpoint and the registry its connection points at. */
export function privateEndpointOf(
  index: ResourceIndex,
  links: LinkIndex,
  file: string,
  r: RawResource,
): { readonly target: RegistryTarget | undefined; readonly item: PrivateEndpoint } {
  const connection = blocks(r.values.private_service_connection)[0];
  const target = connection ? index.registryFromId(connection.private_connection_resource_id) : undefined;
  // Loops, not flatMap and map: one endpoint (or two) per registry of a large input.
  const zones: DnsZoneRef[] = [];
  for (const group of blocks(r.values.private_dns_zone_group)) {
    const ids = group.private_dns_zone_ids;
    // Plan JSON may give one reference, or UNKNOWN, where the configuration holds a list.
    if (!Array.isArray(ids)) {
      if (ids !== undefined && ids !== null) zones.push(dnsZoneOf(index, links, ids));
      continue;
    }
    for (let i = 0; i < ids.length; i += 1) zones.push(dnsZoneOf(index, links, ids[i]));
  }
  return {
    target,
    item: {
      source: sourceOf(r, file),
      name: stringSetting(r.values.name, ''),
      subnetId: stringSetting(r.values.subnet_id, ''),
      subresources: stringListSetting(connection?.subresource_names),
      dnsZones: zones,
      // `is_manual_connection = true` asks the registry's owner to approve: Pending until then.
      manualConnection: boolSetting(connection?.is_manual_connection, false),
    },
  };
}
