/**
 * Private connectivity: the `privatelink.azurecr.io` zone (created or existing), its VNet links, and
 * one private endpoint per subnet with a DNS zone group that keeps the records current.
 */
import { Construct } from 'constructs';
import { TerraformStack } from 'cdktf';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { PrivateDnsZone } from '@cdktf/provider-azurerm/lib/private-dns-zone';
import { PrivateDnsZoneVirtualNetworkLink } from '@cdktf/provider-azurerm/lib/private-dns-zone-virtual-network-link';
import { PrivateEndpoint } from '@cdktf/provider-azurerm/lib/private-endpoint';
import type { ResolvedRegistry } from '../model/resolve';
import { PRIVATE_DNS_ZONE, PRIVATE_ENDPOINT_GROUP_ID } from '../model/private-dns';
import { resourceGroupFromId } from '../model/azure-ids';
import type { IRegistry } from './registry-base';

/** Properties of PrivateNetwork. */
export interface PrivateNetworkProps {
  readonly registry: IRegistry;
  /** The registry's resolved settings (private endpoints, DNS, location, tags). */
  readonly settings: ResolvedRegistry;
}

/** Private endpoints, the private DNS zone and its VNet links for one registry. */
export class PrivateNetwork extends Construct {
  /** ID of the zone the endpoints register in. */
  readonly zoneId: string;

  constructor(scope: Construct, id: string, props: PrivateNetworkProps) {
    super(scope, id);
    const { registry, settings } = props;
    const dns = settings.privateDns ?? { vnetLinks: [] };
    const existing = dns.existingZoneId;
    const zone = existing
      ? undefined
      : new PrivateDnsZone(this, 'zone', {
          name: PRIVATE_DNS_ZONE,
          resourceGroupName: settings.resourceGroupName,
          tags: settings.tags,
        });
    this.zoneId = existing ?? zone!.id;
    // With a centrally owned zone the links go into the zone's resource group.
    const zoneResourceGroup = existing
      ? (resourceGroupFromId(existing) ?? settings.resourceGroupName)
      : settings.resourceGroupName;

    const provider = dns.linkSubscriptionId
      ? zoneSubscriptionProvider(this, dns.linkSubscriptionId)
      : undefined;
    for (const link of dns.vnetLinks) {
      new PrivateDnsZoneVirtualNetworkLink(this, link.name, {
        ...(provider && { provider }),
        name: link.name,
        resourceGroupName: zoneResourceGroup,
        privateDnsZoneName: zone ? zone.name : PRIVATE_DNS_ZONE,
        virtualNetworkId: link.virtualNetworkId,
        registrationEnabled: false,
        tags: settings.tags,
      });
    }
    for (const endpoint of settings.privateEndpoints) {
      new PrivateEndpoint(this, endpoint.name, {
        name: endpoint.name,
        location: endpoint.location,
        resourceGroupName: settings.resourceGroupName,
        subnetId: endpoint.subnetId,
        privateServiceConnection: {
          name: `${endpoint.name}-connection`,
          privateConnectionResourceId: registry.registryId,
          subresourceNames: [PRIVATE_ENDPOINT_GROUP_ID],
          isManualConnection: false,
        },
        privateDnsZoneGroup: { name: 'acr-dns', privateDnsZoneIds: [this.zoneId] },
        tags: settings.tags,
      });
    }
  }
}

/**
 * The azurerm provider of the stack on `subscriptionId` (an alias, made once per subscription): a VNet
 * link is a child of its zone and takes no subscription of its own, so links to a zone in another
 * subscription go through it. It registers no resource providers (links need none registered) and
 * authenticates from the environment, as the default provider does.
 */
function zoneSubscriptionProvider(scope: Construct, subscriptionId: string): AzurermProvider {
  const stack = TerraformStack.of(scope);
  const id = `azurerm-dns-${subscriptionId}`;
  const existing = stack.node.tryFindChild(id);
  if (existing instanceof AzurermProvider) return existing;
  return new AzurermProvider(stack, id, {
    alias: `dns_${subscriptionId.replace(/-/g, '_')}`,
    subscriptionId,
    features: [{}],
    resourceProviderRegistrations: 'none',
  });
}
