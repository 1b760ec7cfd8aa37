/**
 * ACR-120..124: what aims at an environment closed to pushes (every promotion target, or a lone
 * production environment) but cannot be judged is a failure of its own, not a
 * silent pass. A grant whose role the checker cannot identify, a token whose scope map it cannot read,
 * a task whose steps it cannot read, an import whose source it cannot tell from the previous
 * environment's registry, or an item (a cache rule among them) whose registry it cannot tell: the
 * checker cannot prove it does not push. Enforcement decides whether the failure gates (mandatory environments).
 */
import { promotionIdentityName } from '../../constructs/model/names';
import type { Attachments, Registry, SourceLocation } from '../inventory/types';
import { isUnknown } from '../inventory/types';
import type { UnattachedItem } from '../inventory/input-notes';
import { isDeclaredToken, listGap } from '../inventory/input-notes';
import { becauseOf } from '../rules/outcomes';
import type { EstateContext, EstateOutcome, EstateRule } from '../rules/types';
import type { EstateItem, ProtectedEnvironment } from './chain';
import {
  estateCacheRules,
  estateGrants,
  estateIngests,
  estateTasks,
  estateTokens,
  predecessorOf,
  pushProtected,
  registriesOf,
} from './chain';
import type { PushVerdict } from './push-paths';
import {
  cacheRulePushVerdict,
  grantPushVerdict,
  ingestPushVerdict,
  taskPushVerdict,
  tokenPushVerdict,
} from './push-paths';
import { compareCodeUnits } from '../../constructs/model/order';

interface Judged {
  readonly verdict: PushVerdict;
  readonly source: SourceLocation;
  readonly declaredIn: string;
  /** True when the item's registry is not known: it may be the target. */
  readonly targetUnknown: boolean;
}

/** Items aimed at the hop's target, or at a registry nobody can tell (it may be the target). */
function aimedAt<T>(items: readonly EstateItem<T>[], target: string): EstateItem<T>[] {
  return items.filter(
    (i) => i.targetEnvironment === target || (i.targetEnvironment === undefined && isUnknown(i.registryName)),
  );
}

type Kind = 'roleAssignments' | 'tokens' | 'tasks' | 'ingests' | 'cacheRules';

/** An item of one kind. */
type ItemOf<K extends Kind> = Attachments[K][number];

/**
 * Why the `kind` items aimed at `environment` may not all be visible: a list of its registries the
 * input does not show whole (a module given the registry). Items that are visible but may not exist
 * (`count`/`for_each`) are judged like the others.
 */
function hiddenItems(estate: EstateContext, environment: string, kind: Kind): unknown {
  for (const registry of registriesOf(estate, environment)) {
    const gap = listGap(registry, kind);
    if (gap) return gap;
  }
  return undefined;
}

/**
 * True for an item of `kind` whose registry is not decided. A password-only item is no token (see
 * estateTokens): its token, declared elsewhere, is judged there.
 */
function isUndecided(u: UnattachedItem, kind: Kind): boolean {
  return u.kind === kind && !u.registry.decided && (u.kind !== 'tokens' || isDeclaredToken(u.item));
}

/** True when an attachment of `kind` of the estate has a registry the input does not decide. */
function anyUndecided(estate: EstateContext, kind: Kind): boolean {
  for (const inventory of estate.inventories.values())
    for (const u of inventory.unattached ?? []) if (isUndecided(u, kind)) return true;
  return false;
}

/**
 * The `kind` attachments of the estate whose registry the input does not decide (it may be the
 * target), judged by `verdict`; those already judged (by file and address) are left out.
 */
function undecidedItems<K extends Kind>(
  estate: EstateContext,
  kind: K,
  judged: readonly Judged[],
  verdict: (item: ItemOf<K>) => PushVerdict,
): Judged[] {
  const undecided = (u: UnattachedItem): boolean => isUndecided(u, kind);
  const seen = new Set(judged.map((j) => `${j.source.file}\u0000${j.source.address}`));
  const out: Judged[] = [];
  for (const [declaredIn, inventory] of [...estate.inventories].sort(([a], [b]) => compareCodeUnits(a, b)))
    for (const u of inventory.unattached ?? []) {
      const key = `${u.item.source.file}\u0000${u.item.source.address}`;
      if (!undecided(u) || seen.has(key)) continue;
      seen.add(key);
      // The kind was checked: the item is one of `kind`.
      const item = u.item as ItemOf<K>;
      out.push({ verdict: verdict(item), source: item.source, declaredIn, targetUnknown: true });
    }
  return out;
}

function unprovableRule<K extends Kind>(
  id: string,
  what: string,
  kind: K,
  remediation: string,
  /**
   * The items aimed at the environment, judged: every one when `all`, else (no undecided item to
   * tell apart from them) only those whose verdict is not `none` (thousands of grants cannot push).
   */
  judge: (estate: EstateContext, hop: ProtectedEnvironment, registry: Registry, all: boolean) => Judged[],
  verdict: (
    item: ItemOf<K>,
    hop: ProtectedEnvironment,
    registry: Registry,
    estate: EstateContext,
  ) => PushVerdict,
): EstateRule {
  return {
    id,
    title: `Every ${what} on an environment closed to pushes can be judged`,
    severity: 'high',
    posture: 'baseline',
    failsClosed: true,
    rationale: `A gate never passes on what it could not read. ${/^[aeiou]/.test(what) ? 'An' : 'A'} ${what} the checker cannot judge may push into the environment, so where enforcement is mandatory it fails: the checker cannot prove it cannot push.`,
    remediation,
    references: {},
    check: (estate) =>
      pushProtected(estate).flatMap((hop): EstateOutcome[] => {
        const registry = registriesOf(estate, hop.to)[0];
        // Almost always no item's registry is undecided: then the judged items need no keys.
        const undecidedAny = anyUndecided(estate, kind);
        const seen = judge(estate, hop, registry, undecidedAny);
        const undecided = undecidedAny
          ? undecidedItems(estate, kind, seen, (item) => verdict(item, hop, registry, estate))
          : [];
        const all = undecided.length === 0 ? seen : [...seen, ...undecided];
        const unknown = all.filter(
          (j) => j.verdict.kind === 'unknown' || (j.targetUnknown && j.verdict.kind === 'push'),
        );
        const hidden = unknown.length === 0 ? hiddenItems(estate, hop.to, kind) : undefined;
        if (hidden)
          return [
            {
              result: 'fail',
              environment: hop.to,
              source: registry.source,
              message: `cannot prove that no ${what} the input hides pushes into ${hop.to}: the ${what}s aimed at it are not all visible${becauseOf(hidden)}`,
            },
          ];
        if (unknown.length === 0)
          return [
            {
              result: 'pass',
              environment: hop.to,
              source: registry.source,
              message: `every ${what} aimed at ${hop.to} can be judged`,
            },
          ];
        return unknown.map((j) => ({
          result: 'fail' as const,
          environment: hop.to,
          source: j.source,
          message: `cannot prove this ${what} of ${j.declaredIn} cannot push into ${hop.to}: ${
            j.targetUnknown ? 'its registry cannot be told (it may be this one); ' : ''
          }${j.verdict.kind === 'none' ? '' : j.verdict.reason}`,
        }));
      }),
  };
}

/** ACR-120: every grant on an environment closed to pushes has a role the checker can identify. */
export const grantsIdentified = unprovableRule(
  'ACR-120',
  'grant',
  'roleAssignments',
  'Use a built-in role of the directory (by name or role definition ID) or a custom role defined in the same input with literal permissions, and a scope the checker can resolve.',
  (estate, hop, registry, all) => {
    const hopIdentity = hop.from === undefined ? undefined : promotionIdentityName(hop.from, hop.to);
    // One pass over the estate's grants (thousands): no filtered copy before the mapped one.
    const judged: Judged[] = [];
    for (const g of estateGrants(estate)) {
      if (g.targetEnvironment !== hop.to) continue;
      const verdict = grantPushVerdict(g.grant, hop.to, registry.roleAssignmentMode, hopIdentity);
      if (!all && verdict.kind === 'none') continue;
      judged.push({
        verdict,
        source: g.grant.source,
        declaredIn: g.declaredIn,
        targetUnknown: g.uncertain,
      });
    }
    return judged;
  },
  (item, hop, registry) =>
    grantPushVerdict(
      item,
      hop.to,
      registry.roleAssignmentMode,
      hop.from === undefined ? undefined : promotionIdentityName(hop.from, hop.to),
    ),
);

/** ACR-121: every token on an environment closed to pushes has a scope map the checker can read. */
export const tokensReadable = unprovableRule(
  'ACR-121',
  'token',
  'tokens',
  'Bind tokens to a scope map of the same input, or to a system scope map by name (_repositories_pull, ...), and name their registry literally.',
  (estate, hop) =>
    aimedAt(estateTokens(estate), hop.to).map((t) => ({
      verdict: tokenPushVerdict(t.item),
      source: t.item.source,
      declaredIn: t.declaredIn,
      targetUnknown: t.targetEnvironment === undefined,
    })),
  (item) => tokenPushVerdict(item),
);

/** ACR-122: every task on an environment closed to pushes has steps the checker can read. */
export const tasksReadable = unprovableRule(
  'ACR-122',
  'task',
  'tasks',
  'Keep tasks off promotion targets, or give them inline (encoded) steps that only purge; a task file in a Git context cannot be read by the checker.',
  (estate, hop) =>
    aimedAt(estateTasks(estate), hop.to).map((t) => ({
      verdict: taskPushVerdict(t.item),
      source: t.item.source,
      declaredIn: t.declaredIn,
      targetUnknown: t.targetEnvironment === undefined,
    })),
  (item) => taskPushVerdict(item),
);

/**
 * ACR-123: every import into an environment closed to pushes has a source the checker can tell from
 * the previous environment's registry.
 */
export const importsReadable = unprovableRule(
  'ACR-123',
  'import',
  'ingests',
  "Import only from the previous environment's registry, named literally (its resource ID or login server) or by a reference to it, and check the environments together so the previous one's registries are known; keep import pipelines and pipeline runs off promotion targets, and give their connected registries a literal `ReadOnly` mode.",
  (estate, hop) => {
    const predecessor = predecessorOf(estate.order, estate.inventories, hop.to);
    const target = registriesOf(estate, hop.to)[0]?.name;
    return aimedAt(estateIngests(estate), hop.to).map((i) => ({
      verdict: ingestPushVerdict(i.item, isUnknown(i.registryName) ? target : i.registryName, predecessor),
      source: i.item.source,
      declaredIn: i.declaredIn,
      targetUnknown: i.targetEnvironment === undefined,
    }));
  },
  (item, hop, registry, estate) =>
    ingestPushVerdict(item, registry.name, predecessorOf(estate.order, estate.inventories, hop.to)),
);

/**
 * ACR-124: every cache rule that may be on an environment closed to pushes has a registry the
 * checker can tell. A cache rule lets images in past promotion wherever it is (push-paths.ts): on a
 * known target ACR-105 and ACR-024 fail it; one whose registry the input does not decide may be on
 * the target, and this rule fails it.
 */
export const cacheRulesPlaced = unprovableRule(
  'ACR-124',
  'cache rule',
  'cacheRules',
  'Keep cache rules in the first environment, and name the registry of each literally or by a reference to it.',
  (estate, hop) =>
    aimedAt(estateCacheRules(estate), hop.to).map((c) => ({
      verdict: cacheRulePushVerdict(c.item),
      source: c.item.source,
      declaredIn: c.declaredIn,
      targetUnknown: c.targetEnvironment === undefined,
    })),
  (item) => cacheRulePushVerdict(item),
);

/** Rules of this file. */
export const UNPROVABLE_RULES: readonly EstateRule[] = [
  grantsIdentified,
  tokensReadable,
  tasksReadable,
  importsReadable,
  cacheRulesPlaced,
];
