/**
 * Which zone a VNet link links when the input does not decide their resource groups. A link is a
 * child of its zone (Microsoft.Network/privateDnsZones/virtualNetworkLinks): azurerm names the zone
 * by `private_dns_zone_name` within the link's `resource_group_name`. Terraform evaluates one
 * expression of one module instance to one value wherever it is written (unless it calls an impure
 * function such as `uuid()`), so a zone and a link both in `var.rg`, or both in
 * `azurerm_resource_group.rg.name`, are in the same group: the link is the zone's, and ACR-007 passes
 * however `var.rg` is set. Two different expressions, or an expression and a literal, may differ:
 * ACR-007 stays unknown. Inputs are hand-written root modules (main.tf.json).
 */
import { ZONE, teamResources } from '../support/team-zones';
import { rootModuleCheck } from './helpers';

const VNET = '/subscriptions/0/resourceGroups/n/providers/Microsoft.Network/virtualNetworks/v';

/**
 * Team prod's registry with a private endpoint into its zone (test/support/team-zones.ts), the zone
 * in `zoneGroup`, and a VNet link of the zone in `linkGroup`.
 */
function endpointModule(zoneGroup: string, linkGroup: string): Record<string, unknown> {
  const resources = teamResources('prod');
  return {
    ...resources,
    azurerm_resource_group: { rg: { name: '${var.rg}', location: 'westeurope' } },
    azurerm_private_dns_zone: { prodzone: { name: ZONE, resource_group_name: zoneGroup } },
    azurerm_private_dns_zone_virtual_network_link: {
      link: {
        name: 'hub',
        resource_group_name: linkGroup,
        private_dns_zone_name: '${azurerm_private_dns_zone.prodzone.name}',
        virtual_network_id: VNET,
      },
    },
  };
}

const LINKED = 'ACR-007 pass: the zone of prod-pe is linked to 1 VNet(s)';
const mayBeAnother = (whose: string): string =>
  `ACR-007 unknown: whether the zone of prod-pe is linked to a VNet is not known: ${whose} is not decided by the input, so the link may belong to another zone of that name`;

describe('a VNet link whose resource group the input does not decide', () => {
  const check = rootModuleCheck('acr-zone-groups-', { rg: { type: 'string' }, other: { type: 'string' } });
  const acr007 = (zoneGroup: string, linkGroup: string): string[] =>
    check(endpointModule(zoneGroup, linkGroup), ['ACR-007'], 'prod', {
      azurerm_resource_group: { hub: { name: '${var.other}' } },
    });

  it.each([
    ['one variable without a value', '${var.rg}'],
    ['one function of it', '${lower(var.rg)}'],
    ['one reference to a resource group', '${azurerm_resource_group.rg.name}'],
    ['one reference to a data source', '${data.azurerm_resource_group.hub.name}'],
  ])('is the zone’s when both are %s', (_, group) => {
    // The old reading: unknown, "the resource group of ... is not decided by the input".
    expect(acr007(group, group)).toEqual([LINKED]);
  });

  it('may be another zone’s when the two expressions differ, or one is a literal', () => {
    const link = 'the resource group of azurerm_private_dns_zone_virtual_network_link.link';
    expect(acr007('${var.rg}', '${var.other}')).toEqual([mayBeAnother(link)]);
    expect(acr007('rg-prod', '${var.rg}')).toEqual([mayBeAnother(link)]);
    expect(acr007('${var.rg}', 'rg-prod')).toEqual([mayBeAnother("the zone's resource group")]);
  });

  it('may be another zone’s when the expression calls an impure function', () => {
    const group = '${substr(uuid(), 0, 8)}';
    expect(acr007(group, group)).toEqual([
      mayBeAnother('the resource group of azurerm_private_dns_zone_virtual_network_link.link'),
    ]);
  });

  it('is another zone’s when both are literals that differ', () => {
    expect(acr007('rg-prod', 'rg-hub')).toEqual([
      'ACR-007 fail: the privatelink.azurecr.io zone of prod-pe is linked to no VNet',
    ]);
  });
});
