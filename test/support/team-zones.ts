/**
 * Hand-written Terraform of a team's private registry: the registry, its privatelink zone and its
 * private endpoint, all in resource group `rg-<team>` (a zone of one name per resource group, as
 * Azure allows), for the tests of VNet link matching in-process and through the installed bin.
 */

/** The private DNS zone of a registry's private endpoints. */
export const ZONE = 'privatelink.azurecr.io';

/** A subnet ID. */
export const SUBNET =
  '/subscriptions/0/resourceGroups/n/providers/Microsoft.Network/virtualNetworks/v/subnets/s';

/** A registry, its zone and its endpoint in resource group `rg-<team>`, by resource type. */
export function teamResources(team: string): Record<string, Record<string, unknown>> {
  return {
    azurerm_container_registry: {
      [team]: {
        name: `acr${team}`,
        resource_group_name: `rg-${team}`,
        location: 'westeurope',
        sku: 'Premium',
      },
    },
    azurerm_private_dns_zone: { [`${team}zone`]: { name: ZONE, resource_group_name: `rg-${team}` } },
    azurerm_private_endpoint: {
      [`${team}pe`]: {
        name: `${team}-pe`,
        location: 'westeurope',
        resource_group_name: `rg-${team}`,
        subnet_id: SUBNET,
        private_service_connection: {
          name: 'registry',
          private_connection_resource_id: `\${azurerm_container_registry.${team}.id}`,
          subresource_names: ['registry'],
          is_manual_connection: false,
        },
        private_dns_zone_group: {
          name: 'acr',
          private_dns_zone_ids: [`\${azurerm_private_dns_zone.${team}zone.id}`],
        },
      },
    },
  };
}
