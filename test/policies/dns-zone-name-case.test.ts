/**
 * The name of the privatelink zone in any case. Resource names are case-insensitive (Microsoft
 * Learn, "Naming rules and restrictions for Azure resources"), and DNS names too (RFC 4343): a zone
 * declared as `PrivateLink.AzureCR.io` is the registry zone, and a VNet link naming it in another
 * case is its link. ACR-006 and ACR-007 must pass on it, in hand-written Terraform (a zone resource, an
 * existing zone's ID) and in a Pulumi preview.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { checkInventories, loadInventories } from '../../policies';
import { inventoryFromPulumiPreviewJson } from '../../policies/inventory/pulumi-preview/read';
import type { Doc } from './helpers';
import { fixture } from './helpers';
import { SUBNET, teamResources } from '../support/team-zones';

const MIXED = 'PrivateLink.AzureCR.io';
const RULES = ['ACR-006', 'ACR-007'];

function outcomes(findings: readonly { ruleId: string; result: string; message: string }[]): string[] {
  return findings.filter((f) => RULES.includes(f.ruleId)).map((f) => `${f.ruleId} ${f.result}: ${f.message}`);
}

describe('the privatelink zone named in another case in a hand-written root module', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'acr-zone-case-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function check(resource: Record<string, Record<string, unknown>>): string[] {
    writeFileSync(path.join(dir, 'main.tf.json'), JSON.stringify({ resource }));
    const [inventory] = loadInventories([dir], { cwd: dir, environment: 'prod' });
    return outcomes(checkInventories([inventory], { config: { order: ['prod'] } }).findings);
  }

  it('is the registry zone, and a link naming it in lower case is its link', () => {
    const team = teamResources('a');
    (team.azurerm_private_dns_zone.azone as Record<string, unknown>).name = MIXED;
    team.azurerm_private_dns_zone_virtual_network_link = {
      hub: {
        name: 'hub',
        resource_group_name: 'RG-A',
        private_dns_zone_name: 'privatelink.azurecr.io',
        virtual_network_id: `${SUBNET}-hub`,
      },
    };
    expect(check(team)).toEqual([
      'ACR-006 pass: a-pe registers in privatelink.azurecr.io',
      'ACR-007 pass: the zone of a-pe is linked to 1 VNet(s)',
    ]);
  });

  it("is the registry zone when the endpoint gives an existing zone's ID", () => {
    const team = teamResources('a');
    delete (team as Record<string, unknown>).azurerm_private_dns_zone;
    const endpoint = team.azurerm_private_endpoint.ape as Record<string, Record<string, unknown>>;
    endpoint.private_dns_zone_group.private_dns_zone_ids = [
      `/subscriptions/0/resourceGroups/hub/providers/Microsoft.Network/privateDnsZones/${MIXED}`,
    ];
    expect(check(team)).toEqual([
      'ACR-006 pass: a-pe registers in privatelink.azurecr.io',
      expect.stringMatching(/^ACR-007 unknown: /),
    ]);
  });
});

describe('the privatelink zone named in another case in a Pulumi preview', () => {
  it('is the registry zone (ACR-006 and ACR-007 pass on both endpoints)', () => {
    const doc: Doc = fixture('prod-preview.json');
    for (const s of doc.steps) {
      const inputs = s.newState?.inputs;
      if (s.newState?.type === 'azure-native:privatedns:PrivateZone') inputs.privateZoneName = MIXED;
    }
    const inventory = inventoryFromPulumiPreviewJson(doc, 'prod', 'prod-preview.json');
    const results = checkInventories([inventory], { config: { order: ['prod'] } })
      .findings.filter((f) => RULES.includes(f.ruleId))
      .map((f) => `${f.ruleId} ${f.result}`);
    expect(results).toEqual(['ACR-006 pass', 'ACR-006 pass', 'ACR-007 pass', 'ACR-007 pass']);
  });
});
