/**
 * Private connectivity: the `privatelink.azurecr.io` zone (created, or an existing one by ID), its VNet
 * links, and one private endpoint per subnet with a DNS zone group that keeps the records current.
 */
import * as pulumi from '@pulumi/pulumi';
import { PrivateZone } from '@pulumi/azure-native/privatedns/privateZone';
import { VirtualNetworkLink } from '@pulumi/azure-native/privatedns/virtualNetworkLink';
import { PrivateEndpoint } from '@pulumi/azure-native/network/privateEndpoint';
import { PrivateDnsZoneGroup } from '@pulumi/azure-native/network/privateDnsZoneGroup';
import { Provider as AzureNativeProvider } from '@pulumi/azure-native/provider';
import type { ResolvedRegistry } from '../model/resolve';
import { PRIVATE_DNS_ZONE, PRIVATE_ENDPOINT_GROUP_ID } from '../model/private-dns';
import { resourceGroupFromId } from '../model/azure-ids';
import type { IRegistry } from './access';
import { childOf } from './access';

/** Private DNS zones are global resources. */
const GLOBAL = 'global';

/** Arguments of PrivateNetwork. */
export interface PrivateNetworkArgs {
  readonly registry: IRegistry;
  /** The registry's resolved settings (private endpoints, DNS, location, tags). */
  readonly settings: ResolvedRegistry;
  /**
   * The registry's replications. An endpoint gets the records of the data endpoints of the regions
   * the registry is replicated to when it connects; for a replica added later they must be added by
   * hand (Learn, "Connect privately to an Azure container registry using Azure Private Link": "If you
   * later add a new replica, you need to manually add a new zone record for the data endpoint in that
   * region"). So each endpoint waits for them. @default []
   */
  readonly replicas?: readonly pulumi.Resource[] | undefined;
}

/** Private endpoints, the private DNS zone and its VNet links (type `acr-iac:index:PrivateNetwork`). */
export class PrivateNetwork extends pulumi.ComponentResource {
  /** ID of the zone the endpoints register in. */
  readonly zoneId: pulumi.Output<string>;

  constructor(name: string, args: PrivateNetworkArgs, opts?: pulumi.ComponentResourceOptions) {
    super('acr-iac:index:PrivateNetwork', name, {}, opts);
    const { registry, settings } = args;
    const dns = settings.privateDns ?? { vnetLinks: [] };
    const existing = dns.existingZoneId;
    const zone = existing
      ? undefined
      : new PrivateZone(
          `${settings.name}-zone`,
          {
            privateZoneName: PRIVATE_DNS_ZONE,
            resourceGroupName: settings.resourceGroupName,
            location: GLOBAL,
            tags: { ...settings.tags },
          },
          childOf(this, registry),
        );
    this.zoneId = zone ? zone.id : pulumi.output(existing as string);
    // With a centrally owned zone the links go into the zone's resource group.
    const zoneResourceGroup = existing
      ? (resourceGroupFromId(existing) ?? settings.resourceGroupName)
      : settings.resourceGroupName;
    const afterZone = {
      parent: this,
      dependsOn: [...(registry.anchor ? [registry.anchor] : []), ...(zone ? [zone] : [])],
    };

    // A link is a child of its zone and takes no subscription: links to a zone in another subscription
    // go through a provider on it (`linksInZoneSubscription`), authenticated from the environment.
    const provider =
      dns.linkSubscriptionId === undefined
        ? undefined
        : new AzureNativeProvider(
            `${settings.name}-dns-zone-subscription`,
            { subscriptionId: dns.linkSubscriptionId },
            { parent: this },
          );
    for (const link of dns.vnetLinks) {
      new VirtualNetworkLink(
        `${settings.name}-${link.name}`,
        {
          virtualNetworkLinkName: link.name,
          privateZoneName: PRIVATE_DNS_ZONE,
          resourceGroupName: zoneResourceGroup,
          location: GLOBAL,
          virtualNetwork: { id: link.virtualNetworkId },
          registrationEnabled: false,
          tags: { ...settings.tags },
        },
        provider ? { ...afterZone, provider } : afterZone,
      );
    }
    for (const endpoint of settings.privateEndpoints) {
      const pe = new PrivateEndpoint(
        `${settings.name}-${endpoint.name}`,
        {
          privateEndpointName: endpoint.name,
          location: endpoint.location,
          resourceGroupName: settings.resourceGroupName,
          subnet: { id: endpoint.subnetId },
          privateLinkServiceConnections: [
            {
              name: `${endpoint.name}-connection`,
              privateLinkServiceId: registry.registryId,
              groupIds: [PRIVATE_ENDPOINT_GROUP_ID],
            },
          ],
          tags: { ...settings.tags },
        },
        childOf(this, registry, ...(args.replicas ?? [])),
      );
      new PrivateDnsZoneGroup(
        `${settings.name}-${endpoint.name}-dns`,
        {
          privateDnsZoneGroupName: 'acr-dns',
          privateEndpointName: endpoint.name,
          resourceGroupName: settings.resourceGroupName,
          privateDnsZoneConfigs: [{ name: 'privatelink-azurecr-io', privateDnsZoneId: this.zoneId }],
        },
        { parent: this, dependsOn: [pe, ...(zone ? [zone] : [])] },
      );
    }
    this.registerOutputs({ zoneId: this.zoneId });
  }
}
