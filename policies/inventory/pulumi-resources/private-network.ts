/**
 * Private connectivity in the Pulumi graph: a private endpoint with its connection, DNS zone groups,
 * zones (created here or existing) and their VNet links.
 */
import type { PulumiResourceRecord } from './build';
import type { PulumiIndex, PulumiTarget } from './values';
import {
  PULUMI_TYPES as T,
  lastSegment,
  listOf,
  literal,
  pulumiSourceOf,
  recordOf,
  stringListOf,
  stringOf,
} from './values';
import type { DnsZoneRef, PrivateEndpoint, VnetLink } from '../types';
import { UNKNOWN } from '../types';
import { linkDoubt } from '../zone-links';
import { resourceGroupFromId } from '../../../constructs/model/azure-ids';

function dnsZoneOf(
  index: PulumiIndex,
  file: string,
  group: PulumiResourceRecord,
  config: unknown,
): DnsZoneRef {
  const value = recordOf(config)?.privateDnsZoneId;
  const id = literal(value);
  const zoneName = id ? lastSegment(id) : undefined;
  const zone =
    index
      .dependencies(group, 'privateDnsZoneConfigs', T.privateZone)
      .find((z) => !zoneName || literal(z.inputs.privateZoneName) === zoneName) ?? undefined;
  const name = zone ? stringOf(zone.inputs.privateZoneName, '') : (zoneName ?? UNKNOWN);
  // A link of the zone's name in another resource group is another zone's; one whose group (or the
  // zone's) is not known may be (see linkDoubt).
  const links = (key: string | undefined, zoneGroup: string | undefined): VnetLink[] => {
    const out: VnetLink[] = [];
    for (const l of index.ofType(T.vnetLink)) {
      if (literal(l.inputs.privateZoneName) !== key) continue;
      const source = pulumiSourceOf(index, l, file);
      const doubt = linkDoubt(literal(l.inputs.resourceGroupName)?.toLowerCase(), zoneGroup, source.address);
      if (doubt === null) continue;
      out.push({
        source,
        name: stringOf(l.inputs.virtualNetworkLinkName),
        virtualNetworkId: stringOf(recordOf(l.inputs.virtualNetwork)?.id, ''),
        ...(doubt ? { presence: doubt } : {}),
      });
    }
    return out;
  };
  if (zone) {
    const vnetLinks = links(
      literal(zone.inputs.privateZoneName),
      literal(zone.inputs.resourceGroupName)?.toLowerCase(),
    );
    return { id: id ?? UNKNOWN, name, managedHere: true, vnetLinks };
  }
  if (!id) return { id: UNKNOWN, name: UNKNOWN, managedHere: false, vnetLinks: [] };
  return { id, name, managedHere: false, vnetLinks: links(zoneName, resourceGroupFromId(id)?.toLowerCase()) };
}

/** A private endpoint and the registry its connection points at. */
export function privateEndpointOf(
  index: PulumiIndex,
  file: string,
  r: PulumiResourceRecord,
): [PulumiTarget | undefined, PrivateEndpoint] {
  const key = listOf(r.inputs.privateLinkServiceConnections)?.length
    ? 'privateLinkServiceConnections'
    : 'manualPrivateLinkServiceConnections';
  const connection = recordOf(listOf(r.inputs[key])?.[0]);
  const target = connection ? index.registryFromId(r, key, connection.privateLinkServiceId) : undefined;
  const name = literal(r.inputs.privateEndpointName);
  const groups = index.ofType(T.privateDnsZoneGroup).filter((g) => {
    if (index.dependencies(g, 'privateEndpointName').some((d) => d.urn === r.urn)) return true;
    return (
      name !== undefined &&
      literal(g.inputs.privateEndpointName) === name &&
      literal(g.inputs.resourceGroupName) === literal(r.inputs.resourceGroupName)
    );
  });
  return [
    target,
    {
      source: pulumiSourceOf(index, r, file),
      name: stringOf(r.inputs.privateEndpointName),
      subnetId: stringOf(recordOf(r.inputs.subnet)?.id, ''),
      subresources: stringListOf(connection?.groupIds),
      // A manual connection waits for the registry owner's approval (Pending until then).
      manualConnection: key === 'manualPrivateLinkServiceConnections',
      dnsZones: groups.flatMap((g) =>
        (listOf(g.inputs.privateDnsZoneConfigs) ?? []).map((c) => dnsZoneOf(index, file, g, c)),
      ),
    },
  ];
}
