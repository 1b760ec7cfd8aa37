/**
 * Private connectivity of a registry as the input declares it: private endpoints, the DNS zones of
 * their zone groups, and the VNet links of those zones.
 */
import { resourceGroupFromId } from '../../constructs/model/azure-ids';
import type { RegistryTarget, ResourceIndex } from './links';
import { pushTo, zoneNameFromId } from './links';
import type { RawResource } from './raw';
import { blocks, parseReference, sourceOf, stringListSetting, stringSetting } from './raw';
import type { DnsZoneRef, PrivateEndpoint, VnetLink } from './types';
import { UNKNOWN } from './types';

function literal(value: unknown): string | undefined {
  return typeof value === 'string' && !value.includes('${') ? value : undefined;
}

/** VNet links indexed by the zone they point at (a reference to a zone resource, or a literal zone name). */
export interface LinkIndex {
  readonly byZoneAddress: Map<string, RawResource[]>;
  readonly byZoneName: Map<string, RawResource[]>;
}

export function indexLinks(index: ResourceIndex): LinkIndex {
  const links: LinkIndex = { byZoneAddress: new Map(), byZoneName: new Map() };
  for (const link of index.ofType('azurerm_private_dns_zone_virtual_network_link')) {
    const ref = parseReference(link.values.private_dns_zone_name);
    if (ref) pushTo(links.byZoneAddress, ref.address, link);
    const name = literal(link.values.private_dns_zone_name);
    if (name) pushTo(links.byZoneName, name, link);
  }
  return links;
}

function vnetLinksFor(
  links: LinkIndex,
  file: string,
  zoneAddress: string | undefined,
  zoneName: string,
  zoneGroup: string | undefined,
): VnetLink[] {
  const byName = (links.byZoneName.get(zoneName) ?? []).filter((link) => {
    const group = literal(link.values.resource_group_name)?.toLowerCase();
    return zoneGroup === undefined || group === undefined || group === zoneGroup;
  });
  const byRef = zoneAddress ? (links.byZoneAddress.get(zoneAddress) ?? []) : [];
  return [...byRef, ...byName].map((link) => ({
    source: sourceOf(link, file),
    name: stringSetting(link.values.name, ''),
    virtualNetworkId: stringSetting(link.values.virtual_network_id, ''),
  }));
}

function dnsZoneOf(index: ResourceIndex, links: LinkIndex, file: string, value: unknown): DnsZoneRef {
  const zone = index.referenced(value);
  if (zone && zone.type === 'azurerm_private_dns_zone') {
    const name = stringSetting(zone.values.name, '');
    const group = literal(zone.values.resource_group_name)?.toLowerCase();
    const vnetLinks = typeof name === 'string' ? vnetLinksFor(links, file, zone.address, name, group) : [];
    return { id: UNKNOWN, name, managedHere: true, vnetLinks };
  }
  const id = literal(value);
  if (!id) return { id: UNKNOWN, name: UNKNOWN, managedHere: false, vnetLinks: [] };
  const name = zoneNameFromId(id);
  return {
    id,
    name,
    managedHere: false,
    vnetLinks: vnetLinksFor(links, file, undefined, name, resourceGroupFromId(id)?.toLowerCase()),
  };
}

export function privateEndpointOf(
  index: ResourceIndex,
  links: LinkIndex,
  file: string,
  r: RawResource,
): [RegistryTarget | undefined, PrivateEndpoint] {
  const connection = blocks(r.values.private_service_connection)[0];
  const target = connection ? index.registryFromId(connection.private_connection_resource_id) : undefined;
  const zones = blocks(r.values.private_dns_zone_group).flatMap((group) => {
    const ids = group.private_dns_zone_ids;
    // Plan JSON may give one reference, or UNKNOWN, where the configuration holds a list.
    const list: unknown[] = Array.isArray(ids) ? ids : ids === undefined || ids === null ? [] : [ids];
    return list.map((id) => dnsZoneOf(index, links, file, id));
  });
  return [
    target,
    {
      source: sourceOf(r, file),
      name: stringSetting(r.values.name, ''),
      subnetId: stringSetting(r.values.subnet_id, ''),
      subresources: stringListSetting(connection?.subresource_names),
      dnsZones: zones,
    },
  ];
}
