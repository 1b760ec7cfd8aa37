/**
 * A private endpoint whose connections a Pulumi program builds inside an apply
 * (`privateLinkServiceConnections: registry.id.apply((id) => [...])`): a preview shows the whole list
 * as unknown until apply, with the registry as the input's dependency. The endpoint is the
 * registry's; what it connects to is known only after apply, so ACR-005 is unknown, not failed
 * 'no private endpoint'.
 */
import { checkInventories } from '../../policies';
import {
  PULUMI_UNKNOWN_SENTINEL,
  inventoryFromPulumiPreviewJson,
} from '../../policies/inventory/pulumi-preview/read';
import type { Doc } from './helpers';
import { fixture } from './helpers';

function acr005(doc: Doc): string[] {
  const inventory = inventoryFromPulumiPreviewJson(doc, 'prod', 'prod-preview.json');
  return checkInventories([inventory], { config: { order: ['prod'] } })
    .findings.filter((f) => f.ruleId === 'ACR-005')
    .map((f) => `${f.result}: ${f.message}`);
}

describe('a private endpoint whose connections are known only after apply', () => {
  it("is the registry's, and ACR-005 is unknown rather than failed", () => {
    const doc: Doc = fixture('prod-preview.json');
    const endpoints = doc.steps
      .filter((s: Doc) => s.newState?.type === 'azure-native:network:PrivateEndpoint')
      .map((s: Doc) => s.newState);
    expect(endpoints).toHaveLength(2);
    for (const e of endpoints) e.inputs.privateLinkServiceConnections = PULUMI_UNKNOWN_SENTINEL;
    expect(acr005(doc)).toEqual([
      expect.stringMatching(/^unknown: whether contosoacrprod has a connected private endpoint is not known/),
    ]);
    // With no dependency on a registry of the stack, it may connect any registry (ACR-111), not none.
    for (const e of endpoints) e.propertyDependencies.privateLinkServiceConnections = [];
    expect(acr005(doc)).toEqual([
      expect.stringMatching(/^unknown: whether contosoacrprod has a connected private endpoint is not known/),
    ]);
  });
});
