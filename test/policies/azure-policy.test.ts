/**
 * The public Azure Policy built-ins for Container Registry (vendored under test/fixtures/vendor), each
 * evaluated offline against the ARM view of the synthesized prod registry: compliant with every one but
 * the stated opt-outs, and the evaluator itself checked on registries that break them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { inventoryFromCdktfJson } from '../../policies/inventory/cdktf/read';
import { armRegistryOf } from '../../policies/azure-policy/arm';
import { judgeDefinition } from '../../policies/azure-policy/definitions';
import { AZURE_POLICY_NOT_JUDGEABLE, AZURE_POLICY_OPT_OUTS } from '../../policies/azure-policy/built-ins';
import { evaluateCondition } from '../../policies/azure-policy/condition';
import { ESTATE } from '../../stacks/environments';
import { synthEstate } from '../support/cdktf';

type Json = Record<string, unknown>;
const DIR = path.join(__dirname, '..', 'fixtures', 'vendor', 'azure-policy');
const DEFINITIONS: Json[] = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => JSON.parse(readFileSync(path.join(DIR, f), 'utf8')) as Json);
const byId = (id: string): Json => DEFINITIONS.find((d) => d.name === id) as Json;

/** Assignment parameters the estate would give (definitions without defaults need them). */
const ASSIGNMENT = {
  resourceTypeList: ['microsoft.containerregistry/registries'],
  resourceLocation: 'westeurope',
  logAnalytics:
    '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-monitoring/providers/Microsoft.OperationalInsights/workspaces/law-platform',
};

describe('Azure Policy built-ins on the shipped prod registry', () => {
  const stacks = synthEstate(ESTATE);
  const prod = inventoryFromCdktfJson(stacks.prod, 'prod', 'cdktf.out/stacks/prod/cdk.tf.json');
  const arm = armRegistryOf(prod.registries[0]);
  const outcomes = DEFINITIONS.map((d) => judgeDefinition(d, arm, ASSIGNMENT));
  const optedOut = new Set(AZURE_POLICY_OPT_OUTS.map((o) => o.id));
  const notJudgeable = new Set(AZURE_POLICY_NOT_JUDGEABLE.map((o) => o.id));

  it('evaluates every vendored definition: 24, compliant except the stated opt-outs', () => {
    expect(DEFINITIONS).toHaveLength(24);
    const unexpected = outcomes.filter(
      (o) => o.outcome !== 'compliant' && !optedOut.has(o.id) && !notJudgeable.has(o.id),
    );
    expect(unexpected).toEqual([]);
    expect(outcomes.filter((o) => o.outcome === 'compliant')).toHaveLength(
      DEFINITIONS.length - optedOut.size - notJudgeable.size,
    );
  });

  it('really breaks each opt-out, so the opt-out is needed (and stated in docs/rules.md)', () => {
    const docs = readFileSync(path.join(__dirname, '..', '..', 'docs', 'rules.md'), 'utf8');
    for (const id of [...optedOut, ...notJudgeable]) {
      expect(outcomes.find((o) => o.id === id)?.outcome).not.toBe('compliant');
      expect(docs).toContain(id);
    }
  });

  it('flags the weaknesses the built-ins are about on a weakened registry', () => {
    const stack = synthEstate({
      environments: [
        {
          name: 'prod',
          location: 'westeurope',
          resourceGroupName: 'rg-weak',
          registry: { name: 'weakacr', sku: 'Standard', adminEnabled: true, anonymousPull: true },
        },
      ],
    }).prod;
    const weakArm = armRegistryOf(inventoryFromCdktfJson(stack, 'prod', 'weak.json').registries[0]);
    const verdict = (id: string) => judgeDefinition(byId(id), weakArm, ASSIGNMENT).outcome;
    for (const id of [
      'dc921057-6b28-4fbe-9b83-f7bec05db6c2', // admin account
      '9f2dea28-e834-476c-99c5-3507b4728395', // anonymous pull
      '0fdf0491-d080-4575-b627-ad0e843cba0f', // public network access
      'd0793b48-0edc-4296-a390-4c75d1bdfd71', // unrestricted network
      '42781ec6-6127-4c30-bdfa-fb423a0047d3', // ARM-audience tokens (on in a first environment)
      'bd560fc0-3c69-498a-ae9f-aa8eb7de0e13', // SKU without private link
      'e8eef0a8-67cf-4eb4-9386-14b0e78733d4', // no private endpoint connection
      '524b0254-c285-4903-bee6-bb8126cde579', // exports
      '187242f4-89c6-4c43-9a4e-188c0efacc5f', // no resource logs
    ])
      expect([id, verdict(id)]).toEqual([id, 'non-compliant']);
  });

  it('counts a manual private endpoint connection as Pending, which e8eef0a8 does not accept', () => {
    const registry = prod.registries[0];
    const manual = {
      ...registry,
      privateEndpoints: registry.privateEndpoints.map((pe) => ({ ...pe, manualConnection: true })),
    };
    const privateLink = byId('e8eef0a8-67cf-4eb4-9386-14b0e78733d4');
    expect(judgeDefinition(privateLink, arm, ASSIGNMENT).outcome).toBe('compliant');
    expect(judgeDefinition(privateLink, armRegistryOf(manual), ASSIGNMENT).outcome).toBe('non-compliant');
  });

  it('answers unknown for a value known only after apply, and not-judgeable for an unknown function', () => {
    const scope = { resource: { type: 'T', properties: { a: { unknown: true } } }, parameters: {} };
    expect(evaluateCondition({ field: 'T/a', equals: 'x' }, scope)).toBe('unknown');
    expect(
      evaluateCondition(
        {
          anyOf: [
            { field: 'T/a', equals: 'x' },
            { value: 'y', equals: 'Y' },
          ],
        },
        scope,
      ),
    ).toBe(true);
    expect(evaluateCondition({ value: '[utcNow()]', equals: 'x' }, scope)).toEqual({
      notJudgeable: 'function utcNow',
    });
  });
});
