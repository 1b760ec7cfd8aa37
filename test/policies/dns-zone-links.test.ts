/**
 * The VNet links of a private DNS zone, from hand-written Terraform JSON: a link names its zone by
 * name and sits in the zone's resource group (azurerm_private_dns_zone_virtual_network_link is a
 * child of the zone: `private_dns_zone_name` plus `resource_group_name`), so zones of one name in two
 * resource groups each get their own links, and a link whose group the input does not decide may be
 * either zone's.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadInventories } from '../../policies';

const ZONE = 'privatelink.azurecr.io';
const SUBNET = '/subscriptions/0/resourceGroups/n/providers/Microsoft.Network/virtualNetworks/v/subnets/s';

/** A registry, its zone and its endpoint in resource group `rg-<team>`. */
function team(team: string): Record<string, Record<string, unknown>> {
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

function link(name: string, group: string): Record<string, unknown> {
  return {
    name,
    private_dns_zone_name: ZONE,
    resource_group_name: group,
    virtual_network_id: `${SUBNET}-${name}`,
  };
}

describe('VNet links of private DNS zones in a hand-written root module', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'acr-links-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function linksByRegistry(links: Record<string, unknown>): Record<string, string[]> {
    const a = team('a');
    const b = team('b');
    const resource: Record<string, Record<string, unknown>> = {};
    for (const part of [a, b])
      for (const [type, blocks] of Object.entries(part)) resource[type] = { ...resource[type], ...blocks };
    resource.azurerm_private_dns_zone_virtual_network_link = links;
    writeFileSync(
      path.join(dir, 'main.tf.json'),
      JSON.stringify({ variable: { hub_group: { type: 'string' } }, resource }),
    );
    const [inventory] = loadInventories([dir], { cwd: dir, environment: 'prod' });
    return Object.fromEntries(
      inventory.registries.map((r) => [
        r.name,
        r.privateEndpoints.flatMap((pe) =>
          pe.dnsZones.flatMap((z) => z.vnetLinks.map((l) => String(l.name))),
        ),
      ]),
    );
  }

  it('give each zone the links of its own resource group', () => {
    expect(
      linksByRegistry({ a1: link('a1', 'rg-a'), b1: link('b1', 'RG-B'), a2: link('a2', 'rg-a') }),
    ).toEqual({
      acra: ['a1', 'a2'],
      acrb: ['b1'],
    });
  });

  it('give a link whose resource group is not decided to every zone of its name, in input order', () => {
    expect(
      linksByRegistry({
        a1: link('a1', 'rg-a'),
        hub: link('hub', '${var.hub_group}'),
        b1: link('b1', 'rg-b'),
      }),
    ).toEqual({ acra: ['a1', 'hub'], acrb: ['hub', 'b1'] });
  });
});
