/**
 * Status enums in a Pulumi program written by hand: azure-native types them as strings
 * (`status: 'Disabled'` type-checks where the enum spells `disabled`). Either Azure reads the other
 * spelling as the same value or it rejects the resource; in both cases a resource whose status is
 * some spelling of "disabled" does not run, so it must not count as an enabled quarantine webhook or
 * purge task ('good thing present' rules passing on a disabled one).
 */
import { checkInventories } from '../../policies';
import { inventoryFromPulumiPreviewJson } from '../../policies/inventory/pulumi-preview/read';
import type { Doc } from './helpers';
import { fixture } from './helpers';

function outcomes(doc: Doc, ruleId: string): string[] {
  const inventory = inventoryFromPulumiPreviewJson(doc, 'prod', 'prod-preview.json');
  return checkInventories([inventory], { config: { order: ['prod'] } })
    .findings.filter((f) => f.ruleId === ruleId)
    .map((f) => `${f.result}: ${f.message}`);
}

const states = (doc: Doc, type: string): Doc[] =>
  doc.steps.filter((s: Doc) => s.newState?.type === type).map((s: Doc) => s.newState);

describe('a status written in another case than the enum', () => {
  it('disables a quarantine webhook (ACR-051 fails its region, not passes)', () => {
    const doc: Doc = fixture('prod-preview.json');
    const [registry] = states(doc, 'azure-native:containerregistry:Registry');
    registry.inputs.policies.quarantinePolicy = { status: 'enabled' };
    const hooks = states(doc, 'azure-native:containerregistry:Webhook');
    const north = hooks.find((h: Doc) => h.inputs.location === 'northeurope');
    expect(outcomes(doc, 'ACR-051')).not.toContainEqual(expect.stringMatching(/^fail/));
    north.inputs.status = 'Disabled';
    expect(outcomes(doc, 'ACR-051')).toContainEqual(expect.stringMatching(/^fail: .*northeurope/));
  });
});
