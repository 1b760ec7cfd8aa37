/**
 * The VNet links of a private DNS zone: a link names its zone by name and sits in the zone's resource
 * group (azurerm_private_dns_zone_virtual_network_link and azure-native's VirtualNetworkLink are
 * children of the zone: the zone name plus the resource group), so zones of one name in two resource
 * groups each get their own links, and a link whose group the input does not decide may be either
 * zone's: ACR-007 then passes only on links known to exist and to be the zone's.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Inventory } from '../../policies';
import { checkInventories, loadInventories } from '../../policies';
import {
  PULUMI_UNKNOWN_SENTINEL,
  inventoryFromPulumiPreviewJson,
} from '../../policies/inventory/pulumi-preview/read';
import type { Doc } from './helpers';
import { fixture } from './helpers';
import { SUBNET, ZONE, teamResources } from '../support/team-zones';

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

  /** Writes the two teams with `links` (and the blocks of `more` in place of theirs) and reads the module. */
  function inventoryWith(
    links: Record<string, unknown>,
    more: Record<string, Record<string, unknown>> = {},
  ): Inventory {
    const resource: Record<string, Record<string, unknown>> = {};
    for (const part of [teamResources('a'), teamResources('b'), more])
      for (const [type, blocks] of Object.entries(part)) resource[type] = { ...resource[type], ...blocks };
    resource.azurerm_private_dns_zone_virtual_network_link = links;
    writeFileSync(
      path.join(dir, 'main.tf.json'),
      JSON.stringify({ variable: { hub_group: { type: 'string' }, linked: { type: 'bool' } }, resource }),
    );
    const [inventory] = loadInventories([dir], { cwd: dir, environment: 'prod' });
    return inventory;
  }

  function linksByRegistry(links: Record<string, unknown>): Record<string, string[]> {
    const inventory = inventoryWith(links);
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

  it("pass ACR-007 only on a link known to exist and to be the zone's", () => {
    const undecided = acr007(inventoryWith({ a1: link('a1', 'rg-a'), hub: link('hub', '${var.hub_group}') }));
    expect(undecided).toEqual([
      ['acra', 'pass', 'the zone of a-pe is linked to 1 VNet(s)'],
      [
        'acrb',
        'unknown',
        'whether the zone of b-pe is linked to a VNet is not known: the resource group of azurerm_private_dns_zone_virtual_network_link.hub is not decided by the input, so the link may belong to another zone of that name',
      ],
    ]);
    // A link that exists only when a variable says so.
    const counted = acr007(
      inventoryWith({
        a1: { ...link('a1', 'rg-a'), count: '${var.linked ? 1 : 0}' },
        b1: link('b1', 'rg-b'),
      }),
    );
    expect(counted[0].slice(0, 2)).toEqual(['acra', 'unknown']);
    expect(counted[0][2]).toContain('var.linked has no value');
    expect(counted[1]).toEqual(['acrb', 'pass', 'the zone of b-pe is linked to 1 VNet(s)']);
  });

  it("find a link's group through the zone it references, and the zone's through its group", () => {
    // The usual HCL: the link takes the zone's name and resource group, the zone its group's name.
    const chained = acr007(
      inventoryWith(
        {
          a1: {
            ...link('a1', '${azurerm_private_dns_zone.azone.resource_group_name}'),
            private_dns_zone_name: '${azurerm_private_dns_zone.azone.name}',
          },
        },
        {
          azurerm_resource_group: { a: { name: 'rg-a', location: 'westeurope' } },
          azurerm_private_dns_zone: {
            azone: { name: ZONE, resource_group_name: '${azurerm_resource_group.a.name}' },
          },
        },
      ),
    );
    expect(chained).toEqual([
      ['acra', 'pass', 'the zone of a-pe is linked to 1 VNet(s)'],
      ['acrb', 'fail', `the ${ZONE} zone of b-pe is linked to no VNet`],
    ]);
  });
});

/** ACR-007's findings: registry, result, message. */
function acr007(inventory: Inventory): string[][] {
  return checkInventories([inventory], { config: { order: ['prod'] } })
    .findings.filter((f) => f.ruleId === 'ACR-007')
    .map((f) => [String(f.registry), f.result, f.message]);
}

describe('VNet links of private DNS zones in a Pulumi preview', () => {
  const LINK = 'azure-native:privatedns:VirtualNetworkLink';

  /** The prod preview with the resource group of each of its two links replaced. */
  function withLinkGroups(groups: readonly unknown[]): Inventory {
    const doc: Doc = fixture('prod-preview.json');
    const links = doc.steps.filter((s: Doc) => s.newState?.type === LINK);
    expect(links).toHaveLength(groups.length);
    links.forEach((step: Doc, i: number) => (step.newState.inputs.resourceGroupName = groups[i]));
    return inventoryFromPulumiPreviewJson(doc, 'prod', 'prod-preview.json');
  }

  const results = (inventory: Inventory): string[] => acr007(inventory).map(([, result]) => result);

  it('give a zone only the links of its resource group', () => {
    expect(results(withLinkGroups(['rg-acr-prod', 'RG-ACR-PROD']))).toEqual(['pass', 'pass']);
    // Links to the zone of the same name in another group are that zone's.
    expect(results(withLinkGroups(['rg-hub', 'rg-hub']))).toEqual(['fail', 'fail']);
  });

  it('leave ACR-007 unknown on a link whose resource group is known only after apply', () => {
    expect(results(withLinkGroups([PULUMI_UNKNOWN_SENTINEL, 'rg-hub']))).toEqual(['unknown', 'unknown']);
    expect(results(withLinkGroups([PULUMI_UNKNOWN_SENTINEL, 'rg-acr-prod']))).toEqual(['pass', 'pass']);
  });

  it("match a link to its zone through the program's references, unknown in the preview", () => {
    // `privateZoneName: zone.name` and `resourceGroupName: group.name`: unknown until apply, with the
    // zone and the group as the inputs' dependencies.
    const doc: Doc = fixture('prod-preview.json');
    const urnOf = (type: string): string => doc.steps.find((s: Doc) => s.newState?.type === type).urn;
    const zone = urnOf('azure-native:privatedns:PrivateZone');
    const group = urnOf('azure-native:resources:ResourceGroup');
    const links = doc.steps.filter((s: Doc) => s.newState?.type === LINK);
    const refer = (step: Doc, zoneDeps: string[], groupDeps: string[]): void => {
      step.newState.inputs.privateZoneName = PULUMI_UNKNOWN_SENTINEL;
      step.newState.inputs.resourceGroupName = PULUMI_UNKNOWN_SENTINEL;
      step.newState.propertyDependencies.privateZoneName = zoneDeps;
      step.newState.propertyDependencies.resourceGroupName = groupDeps;
    };
    refer(links[0], [zone], [group]);
    refer(links[1], [zone], [group]);
    const read = () => results(inventoryFromPulumiPreviewJson(doc, 'prod', 'prod-preview.json'));
    expect(read()).toEqual(['pass', 'pass']);
    // Without the dependencies, the links may be any zone's.
    refer(links[0], [], []);
    refer(links[1], [], []);
    expect(read()).toEqual(['unknown', 'unknown']);
  });
});
