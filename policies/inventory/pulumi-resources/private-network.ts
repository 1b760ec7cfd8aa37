/**
 * Private connectivity in the Pulumi graph: a private endpoint with its connection, DNS zone groups,
 * zones (created here or existing) and their VNet links.
 */
import type { PulumiResourceRecord } from './build';
import type { PulumiIndex, PulumiTarget } from './values';
import {
  sameGroupResource,
  PULUMI_TYPES as T,
  lastSegment,
  listOf,
  literal,
  plain,
  pulumiSourceOf,
  recordOf,
  stringListOf,
  stringOf,
} from './values';
import type { DnsZoneRef, PrivateEndpoint, VnetLink } from '../types';
import type { Setting, Unknown } from '../types';
import { UNKNOWN, isUnknown, unknownBecause } from '../types';
import { linkDoubt } from '../zone-links';
import { resourceGroupFromId } from '../../../constructs/model/azure-ids';

/**
 * The VNet links of a zone: `zone`, the zone resource when the stack creates it, or a zone named
 * `zoneName` in `zoneGroup` (both lowercased; undefined when not known). A link names its zone by name
 * within a resource group (see linkDoubt): one of another group is another zone's; one whose group,
 * or the zone's, is not known may be; one whose zone name is not known may be any zone's.
 */
function linksOf(
  index: PulumiIndex,
  file: string,
  zone: PulumiResourceRecord | undefined,
  zoneName: string | undefined,
  zoneGroup: string | undefined,
): VnetLink[] {
  const out: VnetLink[] = [];
  for (const l of index.ofType(T.vnetLink)) {
    // A link that takes its zone name from `zone` itself names it, whatever the name is.
    const ofZone =
      zone !== undefined && index.dependencies(l, 'privateZoneName', T.privateZone).includes(zone);
    // Zone names compare in any case: DNS names are case-insensitive, and so are Azure resource names
    // (Microsoft Learn, "Naming rules and restrictions for Azure resources").
    const name = index.nameVia(l, 'privateZoneName', T.privateZone, 'privateZoneName')?.toLowerCase();
    if (!ofZone && name !== undefined && name !== zoneName) continue;
    const source = pulumiSourceOf(index, l, file);
    const doubt =
      !ofZone && (name === undefined || zoneName === undefined)
        ? unknownBecause(
            `the zone name of ${source.address} is not known before apply, so it may link another zone`,
          )
        : zone !== undefined && sameGroupResource(index.groupOf(l), index.groupOf(zone))
          ? undefined
          : linkDoubt(index.groupOf(l).name, zoneGroup, source.address);
    if (doubt === null) continue;
    out.push({
      source,
      name: stringOf(l.inputs.virtualNetworkLinkName),
      virtualNetworkId: stringOf(recordOf(l.inputs.virtualNetwork)?.id, ''),
      ...(doubt ? { presence: doubt } : {}),
    });
  }
  return out;
}

/** A zone the stack creates, with its VNet links. */
function managedZoneOf(
  index: PulumiIndex,
  file: string,
  zone: PulumiResourceRecord,
  id: Setting<string>,
): DnsZoneRef {
  const name = literal(zone.inputs.privateZoneName)?.toLowerCase();
  const vnetLinks = linksOf(index, file, zone, name, index.groupOf(zone).name);
  return { id, name: stringOf(zone.inputs.privateZoneName, ''), managedHere: true, vnetLinks };
}

function dnsZoneOf(
  index: PulumiIndex,
  file: string,
  group: PulumiResourceRecord,
  config: unknown,
): DnsZoneRef {
  const value = recordOf(config)?.privateDnsZoneId;
  const id = literal(value);
  const zoneName = id ? lastSegment(id).toLowerCase() : undefined;
  const zone =
    index
      .dependencies(group, 'privateDnsZoneConfigs', T.privateZone)
      .find((z) => !zoneName || literal(z.inputs.privateZoneName)?.toLowerCase() === zoneName) ?? undefined;
  if (zone) return managedZoneOf(index, file, zone, id ?? UNKNOWN);
  if (!id || !zoneName) return { id: UNKNOWN, name: UNKNOWN, managedHere: false, vnetLinks: [] };
  const vnetLinks = linksOf(index, file, undefined, zoneName, resourceGroupFromId(id)?.toLowerCase());
  return { id, name: zoneName, managedHere: false, vnetLinks };
}

/**
 * The zones of a DNS zone group. Configs built in an apply (`zone.id.apply((id) => [...])`) are one
 * unknown: the zones the input depends on, or one zone whose name is not known.
 */
function zonesOfGroup(index: PulumiIndex, file: string, g: PulumiResourceRecord): DnsZoneRef[] {
  const configs = plain(g.inputs.privateDnsZoneConfigs);
  if (!isUnknown(configs)) return (listOf(configs) ?? []).map((c) => dnsZoneOf(index, file, g, c));
  const zones = index.dependencies(g, 'privateDnsZoneConfigs', T.privateZone);
  if (zones.length > 0) return zones.map((z) => managedZoneOf(index, file, z, UNKNOWN));
  const name = unknownBecause(`the zone configs of ${g.urn} are known only after apply`);
  return [{ id: UNKNOWN, name, managedHere: false, vnetLinks: [] }];
}

/**
 * Whether DNS zone group `g` is endpoint `r`'s: by reference (`privateEndpointName: endpoint.name`),
 * or by the endpoint's name within its resource group, since a zone group is a child of its endpoint
 * (Microsoft.Network/privateEndpoints/privateDnsZoneGroups). Names compare in any case: resource and
 * resource group names are case-insensitive (Microsoft Learn, "Naming rules and restrictions for Azure
 * resources"). UNKNOWN, with the reason, when the group may be another endpoint's of the name (a
 * resource group known only after apply on either side).
 */
function zoneGroupOfEndpoint(
  index: PulumiIndex,
  g: PulumiResourceRecord,
  r: PulumiResourceRecord,
): boolean | Unknown {
  if (index.dependencies(g, 'privateEndpointName').includes(r)) return true;
  const name = literal(r.inputs.privateEndpointName)?.toLowerCase();
  if (name === undefined || literal(g.inputs.privateEndpointName)?.toLowerCase() !== name) return false;
  const own = index.groupOf(g);
  const endpoint = index.groupOf(r);
  if (sameGroupResource(own, endpoint)) return true;
  if (own.name !== undefined && endpoint.name !== undefined) return own.name === endpoint.name;
  return unknownBecause(
    `the resource group of ${g.urn} or of its endpoint is known only after apply, so the zone group may be another endpoint's of the name`,
  );
}

/**
 * A private endpoint, the registry its connection points at, and the input naming it (the
 * connections' key and the connection's `privateLinkServiceId`).
 */
export function privateEndpointOf(
  index: PulumiIndex,
  file: string,
  r: PulumiResourceRecord,
): [PulumiTarget | undefined, PrivateEndpoint, string, unknown] {
  // Connections built in an apply (`registry.id.apply((id) => [...])`) are one unknown, the registry
  // their dependency: the endpoint is the registry's, and what it connects is known only after apply.
  const automatic = plain(r.inputs.privateLinkServiceConnections);
  const key =
    isUnknown(automatic) || listOf(automatic)?.length
      ? 'privateLinkServiceConnections'
      : 'manualPrivateLinkServiceConnections';
  const first = plain(listOf(r.inputs[key])?.[0] ?? r.inputs[key]);
  const connection = recordOf(first);
  const connectionId = connection ? connection.privateLinkServiceId : isUnknown(first) ? first : undefined;
  const target = connectionId === undefined ? undefined : index.registryFromId(r, key, connectionId);
  const dnsZones: DnsZoneRef[] = [];
  for (const g of index.ofType(T.privateDnsZoneGroup)) {
    const ofEndpoint = zoneGroupOfEndpoint(index, g, r);
    if (ofEndpoint === false) continue;
    if (ofEndpoint === true) dnsZones.push(...zonesOfGroup(index, file, g));
    else dnsZones.push({ id: UNKNOWN, name: ofEndpoint, managedHere: false, vnetLinks: [] });
  }
  return [
    target,
    {
      source: pulumiSourceOf(index, r, file),
      name: stringOf(r.inputs.privateEndpointName),
      subnetId: stringOf(recordOf(r.inputs.subnet)?.id, ''),
      subresources: isUnknown(first) ? UNKNOWN : stringListOf(connection?.groupIds),
      // A manual connection waits for the registry owner's approval (Pending until then).
      manualConnection: isUnknown(automatic)
        ? listOf(r.inputs.manualPrivateLinkServiceConnections)?.length
          ? UNKNOWN
          : false
        : key === 'manualPrivateLinkServiceConnections',
      dnsZones,
    },
    key,
    connectionId,
  ];
}
