/**
 * A private endpoint whose DNS zone group names a zone read by a `data "azurerm_private_dns_zone"`:
 * the data source reads an existing zone (azurerm docs: "Use this data source to access information
 * about an existing Private DNS Zone"), managed by another configuration (a hub's), whose VNet links
 * are made there. ACR-007 follows what the input shows.
 */
import type { Finding } from '../../policies';
import { evaluate, inventoryFromTerraformJson, resolvePolicyConfig } from '../../policies';

const SUB = '/subscriptions/00000000-0000-0000-0000-000000000000';
type Json = Record<string, unknown>;

function acr007(resource: Json): string[] {
  const doc = {
    data: {
      azurerm_private_dns_zone: { hub: { name: 'privatelink.azurecr.io', resource_group_name: 'rg-hub' } },
    },
    resource: {
      azurerm_container_registry: {
        acr: {
          name: 'contosoacrprod',
          resource_group_name: 'rg-a',
          location: 'westeurope',
          sku: 'Premium',
          public_network_access_enabled: false,
        },
      },
      azurerm_private_endpoint: {
        pe: {
          name: 'pe',
          location: 'westeurope',
          resource_group_name: 'rg-a',
          subnet_id: `${SUB}/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/v/subnets/s`,
          private_service_connection: {
            name: 'c',
            private_connection_resource_id: '${azurerm_container_registry.acr.id}',
            subresource_names: ['registry'],
            is_manual_connection: false,
          },
          private_dns_zone_group: {
            name: 'g',
            private_dns_zone_ids: ['${data.azurerm_private_dns_zone.hub.id}'],
          },
        },
      },
      ...resource,
    },
  };
  const findings: readonly Finding[] = evaluate(
    [inventoryFromTerraformJson(doc, 'prod', 'prod/main.tf.json')],
    resolvePolicyConfig({ order: ['prod'] }),
  ).findings;
  return findings.filter((f) => f.ruleId === 'ACR-007').map((f) => `${f.result}: ${f.message}`);
}

describe('a DNS zone read by a data source', () => {
  it('is not failed for links this input does not show: they are made where the zone is managed', () => {
    expect(acr007({})).toEqual([
      'unknown: the zone of pe is managed elsewhere; its VNet links are not visible here',
    ]);
  });

  it('passes on a link this input makes to it', () => {
    const link = {
      name: 'spoke',
      resource_group_name: '${data.azurerm_private_dns_zone.hub.resource_group_name}',
      private_dns_zone_name: '${data.azurerm_private_dns_zone.hub.name}',
      virtual_network_id: `${SUB}/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/v`,
    };
    expect(acr007({ azurerm_private_dns_zone_virtual_network_link: { spoke: link } })).toEqual([
      'pass: the zone of pe is linked to 1 VNet(s)',
    ]);
  });
});
