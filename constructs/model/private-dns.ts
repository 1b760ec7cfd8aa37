/**
 * Private connectivity facts. Source: ../shared/FACTS.md section 4 (Microsoft Learn "Connect privately
 * to an Azure container registry using Azure Private Link").
 */

/** The private endpoint sub-resource (group ID) of a registry. */
export const PRIVATE_ENDPOINT_GROUP_ID = 'registry';

/** The private DNS zone that resolves registries over private endpoints. */
export const PRIVATE_DNS_ZONE = 'privatelink.azurecr.io';

/**
 * True for the name of the registry zone in any case (`PrivateLink.AzureCR.io`): resource names are
 * case-insensitive (Microsoft Learn, "Naming rules and restrictions for Azure resources"), as DNS
 * names are (RFC 4343).
 */
export function isPrivateDnsZoneName(name: unknown): boolean {
  return (
    typeof name === 'string' &&
    name.length === PRIVATE_DNS_ZONE.length &&
    name.toLowerCase() === PRIVATE_DNS_ZONE
  );
}

/**
 * The A records the DNS zone group keeps in the zone for a registry: the registry itself and one data
 * endpoint for the home region and each geo-replica, sorted.
 */
export function privateDnsRecords(
  registryName: string,
  homeRegion: string,
  replicaRegions: readonly string[],
): string[] {
  const name = registryName.toLowerCase();
  const regions = [...new Set([homeRegion, ...replicaRegions])].sort();
  return [name, ...regions.map((region) => `${name}.${region}.data`)];
}
