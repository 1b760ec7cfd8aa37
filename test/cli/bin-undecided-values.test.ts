/**
 * The installed bin on a hand-written HCL module written the way public ACR modules are: the
 * resource group a variable without a value (`var.resource_group_name`), the SKU through `title()`.
 * The zone's VNet link is in the same undecided group as the zone, so it is the zone's (ACR-007
 * passes); the SKU is decided (ACR-026 passes). A link whose resource group is not a string is
 * exit 2 with one line, and nothing is written.
 */
import { foreignProject } from '../support/foreign-project';

const hclModule = (linkGroup: string): string => `
variable "resource_group_name" { type = string }
variable "sku" {
  type    = string
  default = "premium"
}
resource "azurerm_container_registry" "this" {
  name                          = "contosoacrprod"
  resource_group_name           = var.resource_group_name
  location                      = "westeurope"
  sku                           = title(var.sku)
  public_network_access_enabled = false
}
resource "azurerm_private_dns_zone" "acr" {
  name                = "privatelink.azurecr.io"
  resource_group_name = var.resource_group_name
}
resource "azurerm_private_dns_zone_virtual_network_link" "hub" {
  name                  = "hub"
  resource_group_name   = ${linkGroup}
  private_dns_zone_name = azurerm_private_dns_zone.acr.name
  virtual_network_id    = "/subscriptions/0/resourceGroups/n/providers/Microsoft.Network/virtualNetworks/v"
}
resource "azurerm_private_endpoint" "this" {
  name                = "pe"
  location            = "westeurope"
  resource_group_name = var.resource_group_name
  subnet_id           = "/subscriptions/0/resourceGroups/n/providers/Microsoft.Network/virtualNetworks/v/subnets/s"
  private_service_connection {
    name                           = "registry"
    private_connection_resource_id = azurerm_container_registry.this.id
    subresource_names              = ["registry"]
    is_manual_connection           = false
  }
  private_dns_zone_group {
    name                 = "acr"
    private_dns_zone_ids = [azurerm_private_dns_zone.acr.id]
  }
}
`;

describe('the installed bin on values a module leaves undecided', () => {
  const { bin, writeModule, resultsAt, refused } = foreignProject('undecided-');

  it('links the zone in the same undecided resource group and reads title(); refuses a group that is no string', () => {
    writeModule('prod', 'main.tf', hclModule('var.resource_group_name'));
    const result = bin('check', 'prod', '--env', 'prod', '--format', 'json');
    expect(resultsAt(result.stdout, 'ACR-007')).toEqual(['pass azurerm_private_endpoint.this']);
    expect(resultsAt(result.stdout, 'ACR-026')).toEqual(['pass azurerm_container_registry.this']);
    writeModule('prod', 'main.tf', hclModule('{ name = "rg" }'));
    refused(
      bin('check', 'prod', '--env', 'prod', '-o', 'prod.json'),
      'prod/main.tf: resource.azurerm_private_dns_zone_virtual_network_link.hub.resource_group_name: expected a string, got an object',
      'prod.json',
    );
  });
});
