/**
 * No rule ever passes or fails on what it could not read: every rule of the catalogue (iterated, so
 * rules added later are walked too) runs over inventories whose every setting is UNKNOWN and whose
 * lists are not fully visible, and may only answer unknown or not-applicable; so also when only the
 * SKU is known and it is Premium, whose tier leaves every setting open.
 */
import type { Inventory, PolicyConfigInput, Registry } from '../../policies';
import { RULES, evaluate, inventoryFromCdktfJson, resolvePolicyConfig } from '../../policies';
import type { UnattachedItem } from '../../policies/inventory/input-notes';
import { ATTACHMENT_KINDS, unknownBecause } from '../../policies/inventory/types';
import { fixture, withCache, withImports } from './helpers';

const DOUBT = unknownBecause('test: nothing can be read');
const ENVS = ['dev', 'staging', 'prod'];

/** Keys that are not settings (structure, labels), left as they are. */
const STRUCTURAL = new Set(['source', 'kind', 'managedHere', 'identityName', 'description', 'expiry']);

/** Every setting below `value` made UNKNOWN; every item of a list made uncertain. */
function unknownEverything(value: unknown, key = '', parent = ''): unknown {
  if (STRUCTURAL.has(key)) return value;
  // A role's `actions` lists the custom role's actions (not a setting); its abilities are.
  if (key === 'actions' && parent === 'role') return value;
  // Settings whose value is an object are unknown as a whole.
  if (key === 'abilities') return DOUBT;
  if (Array.isArray(value)) {
    if (value.every((v) => typeof v === 'object' && v !== null))
      return value.map((v) => ({ ...(unknownEverything(v, '', key) as object), presence: DOUBT }));
    return DOUBT;
  }
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    return Object.fromEntries(Object.keys(record).map((k) => [k, unknownEverything(record[k], k, key)]));
  }
  return DOUBT;
}

/** The shipped prod registry with an item in every list (its imports and cache added: it has none). */
function baseInventory(env: string): Inventory {
  return inventoryFromCdktfJson(
    withCache(withImports(fixture('prod.cdk.tf.json'))),
    env,
    `stacks/${env}/cdk.tf.json`,
  );
}

const everyList = Object.fromEntries(['replicas', ...ATTACHMENT_KINDS].map((k) => [k, DOUBT]));

/**
 * The fixture's registries with every setting unknown; `empty` also drops every listed item; `sku`
 * keeps a known SKU (Premium: one whose tier decides nothing, see policies/rules/tier-bound.ts).
 */
function unknownInventory(env: string, empty: boolean, sku?: string): Inventory {
  const base = baseInventory(env);
  const registries = base.registries.map((r) => {
    const unknownRegistry = unknownEverything(r) as Registry;
    const lists = empty ? Object.fromEntries(['replicas', ...ATTACHMENT_KINDS].map((k) => [k, []])) : {};
    const tier = sku === undefined ? {} : { sku };
    return { ...unknownRegistry, ...lists, ...tier, source: r.source, incomplete: everyList } as Registry;
  });
  const unattached: UnattachedItem[] = ATTACHMENT_KINDS.flatMap((kind) => {
    const item = (unknownEverything(base.registries[0]) as Registry)[kind][0];
    return item ? [{ kind, item, registry: { decided: false, reason: DOUBT } } as UnattachedItem] : [];
  });
  return {
    ...base,
    registries,
    externalRoleAssignments: unknownEverything(
      base.externalRoleAssignments,
    ) as Inventory['externalRoleAssignments'],
    identities: unknownEverything(base.identities) as Inventory['identities'],
    unattached,
  };
}

const CONFIG: PolicyConfigInput = {
  order: ENVS,
  allowedRegions: ['westeurope', 'northeurope'],
  replicaRegions: { prod: ['northeurope'], staging: ['northeurope'], dev: ['northeurope'] },
  // Every environment in the strictest posture, so every registry rule runs everywhere.
  postures: { dev: 'production', staging: 'production', prod: 'production' },
};

describe.each([
  ['with every listed item unknown', false, undefined],
  ['with empty lists that may hold more', true, undefined],
  ['with every setting unknown but a Premium SKU', false, 'Premium'],
])('every rule over an inventory it cannot read (%s)', (_, empty, sku) => {
  const result = evaluate(
    ENVS.map((env) => unknownInventory(env, empty, sku)),
    resolvePolicyConfig(CONFIG),
  );

  // ACR-026 judges the SKU itself, which the Premium variant lets it read.
  it.each(
    RULES.filter((rule) => !rule.failsClosed && (sku === undefined || rule.id !== 'ACR-026')).map((rule) => [
      rule.id,
    ]),
  )('%s answers only unknown or not-applicable', (id) => {
    const verdicts = result.findings
      .filter((f) => f.ruleId === id && (f.result === 'pass' || f.result === 'fail'))
      .map((f) => `${f.environment} ${f.result}: ${f.message}`);
    expect(verdicts).toEqual([]);
  });

  // The fail-closed rules (ACR-120..122) exist to turn what cannot be read into a failure: they never pass.
  it.each(RULES.filter((rule) => rule.failsClosed).map((rule) => [rule.id]))(
    '%s never passes and says why it fails',
    (id) => {
      const findings = result.findings.filter((f) => f.ruleId === id);
      expect(findings.filter((f) => f.result === 'pass')).toEqual([]);
      for (const f of findings.filter((x) => x.result === 'fail')) {
        expect(f.message).toMatch(/^cannot prove /);
        expect(f.message).not.toContain('[object Object]');
      }
    },
  );

  it('walks every list with an item in it', () => {
    const [registry] = baseInventory('prod').registries;
    // Every list, imports included, holds an item the walk makes unreadable.
    expect(ATTACHMENT_KINDS.filter((kind) => registry[kind].length === 0)).toEqual([]);
  });

  it('gives unknown findings that say why', () => {
    const unknowns = result.findings.filter((f) => f.result === 'unknown');
    expect(unknowns.length).toBeGreaterThan(RULES.length / 2);
    expect(unknowns.filter((f) => f.message.includes('nothing can be read')).length).toBeGreaterThan(10);
  });
});

// With only a Basic or Standard SKU known, a rule may decide a setting the tier cannot have
// (tier-bound.ts), and say so; every other verdict would come from something the walk made unreadable.
describe.each([
  ['Standard', ['ACR-003', 'ACR-004', 'ACR-012', 'ACR-014', 'ACR-015', 'ACR-016', 'ACR-026']],
  ['Basic', ['ACR-002', 'ACR-003', 'ACR-004', 'ACR-012', 'ACR-014', 'ACR-015', 'ACR-016', 'ACR-026']],
])('every rule over an inventory it cannot read but a %s SKU', (sku, decided) => {
  const result = evaluate(
    ENVS.map((env) => unknownInventory(env, false, sku)),
    resolvePolicyConfig(CONFIG),
  );

  it('decides only what the tier decides, saying so', () => {
    const verdicts = result.findings.filter(
      (f) =>
        (f.result === 'pass' || f.result === 'fail') && !RULES.find((r) => r.id === f.ruleId)?.failsClosed,
    );
    const fromTier = (f: { ruleId: string; message: string }) =>
      f.ruleId === 'ACR-026' || f.message.includes(`but ${sku} does not allow`);
    expect(verdicts.filter((f) => !fromTier(f)).map((f) => `${f.ruleId} ${f.result}: ${f.message}`)).toEqual(
      [],
    );
    expect(new Set(verdicts.filter(fromTier).map((f) => f.ruleId))).toEqual(new Set(decided));
  });
});
