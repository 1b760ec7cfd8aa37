/**
 * Which private endpoint a Pulumi DNS zone group belongs to. A zone group is a child of its endpoint
 * (Microsoft.Network/privateEndpoints/privateDnsZoneGroups): azure-native names the endpoint by
 * `privateEndpointName` within `resourceGroupName`. Resource and resource group names are
 * case-insensitive (Microsoft Learn, "Naming rules and restrictions for Azure resources"), and a
 * program writes `resourceGroupName: group.name`, unknown in a preview until apply with the group as
 * the input's dependency. ACR-006 (the endpoint registers in privatelink.azurecr.io) must pass on the
 * endpoint's own zone group, and not on one that may be another endpoint's of the name.
 */
import { checkInventories } from '../../policies';
import {
  PULUMI_UNKNOWN_SENTINEL,
  inventoryFromPulumiPreviewJson,
} from '../../policies/inventory/pulumi-preview/read';
import type { Doc } from './helpers';
import { fixture } from './helpers';

const ZONE_GROUP = 'azure-native:network:PrivateDnsZoneGroup';
const ENDPOINT = 'azure-native:network:PrivateEndpoint';

/** The prod preview with `change` applied to the zone group of endpoint pe-acr-prod-neu. */
function acr006(change: (zoneGroup: Doc, endpoint: Doc, groupUrn: string) => void): string[] {
  const doc: Doc = fixture('prod-preview.json');
  const state = (type: string, pred: (s: Doc) => boolean = () => true): Doc =>
    doc.steps.find((s: Doc) => s.newState?.type === type && pred(s)).newState;
  const neu = (s: Doc) => s.newState.inputs.privateEndpointName === 'pe-acr-prod-neu';
  change(
    state(ZONE_GROUP, neu),
    state(ENDPOINT, neu),
    doc.steps.find((s: Doc) => s.newState?.type === 'azure-native:resources:ResourceGroup').urn,
  );
  const inventory = inventoryFromPulumiPreviewJson(doc, 'prod', 'prod-preview.json');
  return checkInventories([inventory], { config: { order: ['prod'] } })
    .findings.filter((f) => f.ruleId === 'ACR-006' && /neu/.test(f.message))
    .map((f) => `${f.result}: ${f.message}`);
}

describe('a DNS zone group naming its private endpoint in a Pulumi preview', () => {
  const PASS = ['pass: pe-acr-prod-neu registers in privatelink.azurecr.io'];

  it("is the endpoint's when its resource group is the endpoint's group resource (group.name)", () => {
    expect(acr006(() => undefined)).toEqual(PASS);
    expect(
      acr006((g, _e, group) => {
        g.inputs.resourceGroupName = PULUMI_UNKNOWN_SENTINEL;
        g.propertyDependencies.resourceGroupName = [group];
      }),
    ).toEqual(PASS);
  });

  it('matches names in any case, as Azure does', () => {
    expect(
      acr006((g) => {
        g.inputs.privateEndpointName = 'PE-ACR-PROD-NEU';
        g.inputs.resourceGroupName = 'RG-ACR-PROD';
      }),
    ).toEqual(PASS);
  });

  it('is unknown, not passed, when it may be the zone group of an endpoint of the name in another group', () => {
    // Both groups known only after apply, from nothing the preview shows: they may differ.
    const outcomes = acr006((g, e) => {
      g.inputs.resourceGroupName = PULUMI_UNKNOWN_SENTINEL;
      e.inputs.resourceGroupName = PULUMI_UNKNOWN_SENTINEL;
    });
    expect(outcomes).toEqual([
      expect.stringMatching(/^unknown: the DNS zone of pe-acr-prod-neu is unknown: /),
    ]);
    // Another group of the stack: another endpoint's.
    expect(acr006((g) => (g.inputs.resourceGroupName = 'rg-other'))).toEqual([
      'fail: pe-acr-prod-neu has no DNS zone group in privatelink.azurecr.io',
    ]);
  });
});

describe('a DNS zone group whose zone configs are built in an apply', () => {
  it('registers in the zones it depends on (ACR-006 passes), or an unknown zone', () => {
    // privateDnsZoneConfigs: zone.id.apply((id) => [{ name, privateDnsZoneId: id }]): one unknown.
    expect(acr006((g) => (g.inputs.privateDnsZoneConfigs = PULUMI_UNKNOWN_SENTINEL))).toEqual([
      'pass: pe-acr-prod-neu registers in privatelink.azurecr.io',
    ]);
    expect(
      acr006((g) => {
        g.inputs.privateDnsZoneConfigs = PULUMI_UNKNOWN_SENTINEL;
        g.propertyDependencies.privateDnsZoneConfigs = [];
      }),
    ).toEqual([expect.stringMatching(/^unknown: the DNS zone of pe-acr-prod-neu is unknown: /)]);
  });
});

describe('a VNet link naming its zone in another case', () => {
  it("is the zone's (ACR-007 passes, not fails): zone names compare in any case, as Azure does", () => {
    const doc: Doc = fixture('prod-preview.json');
    for (const s of doc.steps.filter(
      (x: Doc) => x.newState?.type === 'azure-native:privatedns:VirtualNetworkLink',
    ))
      s.newState.inputs.privateZoneName = 'PrivateLink.AzureCR.io';
    const inventory = inventoryFromPulumiPreviewJson(doc, 'prod', 'prod-preview.json');
    const results = checkInventories([inventory], { config: { order: ['prod'] } })
      .findings.filter((f) => f.ruleId === 'ACR-007')
      .map((f) => f.result);
    expect(results).toEqual(['pass', 'pass']);
  });
});
