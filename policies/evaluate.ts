/**
 * Runs the catalogue over inventories: registry rules per environment (by posture), promotion rules
 * over the whole estate, then suppressions and enforcement. Pure: no I/O.
 */
import type { Enforcement } from '../constructs/model/declaration';
import type { PolicyConfig } from './config';
import { postureOf } from './config';
import { postureStatement } from './posture';
import type { Inventory, Registry, SourceLocation } from './inventory/types';
import { FindingCollector } from './findings';
import { ownValue } from './lookup';
import { isUnknown } from './inventory/types';
import { ESTATE_RULES, REGISTRY_RULES } from './rules/catalogue';
import type { EstateContext, Outcome, Posture, RegistryContext, Result, Severity } from './rules/types';
import { predecessorOf } from './promotion/chain';
import { POSTURES } from './rules/types';
import type { Suppression, UnusedSuppression } from './suppressions';
import { hasValidReason, inlineSuppressions } from './suppressions';
import { compareCodeUnits } from '../constructs/model/order';
import { withOtherInputsUpdates } from './other-inputs-updates';

/** One result of one rule on one item. */
export interface Finding {
  readonly ruleId: string;
  readonly title: string;
  readonly severity: Severity;
  readonly result: Result;
  readonly environment: string;
  /** Registry name, when the finding concerns one. */
  readonly registry?: string;
  readonly message: string;
  readonly location: SourceLocation;
  readonly enforcement: Enforcement;
  /** True for a failure that gates the build (mandatory environment, rule not advisory-only, not suppressed). */
  readonly mandatory: boolean;
  /** Present when the finding is suppressed; the result is then `suppressed`. */
  readonly suppression?: {
    readonly reason: string;
    readonly origin: 'file' | 'code';
    readonly declaredAt: string;
  };
}

/** An environment that was judged. */
export interface EnvironmentSummary {
  readonly name: string;
  readonly enforcement: Enforcement;
  readonly posture: Posture;
  readonly files: readonly string[];
  readonly registries: number;
  readonly resources: number;
  /** How the environment was decided (`--env prod`, `stacks/prod/`, `file name prod.json`, the default). */
  readonly environmentFrom: string;
  /** Why this posture (`last environment of the chain dev -> staging -> prod`, `--posture`). */
  readonly postureFrom: string;
  /** Why this enforcement. */
  readonly enforcementFrom: string;
  /** True when the environment is one of the estate's chain. */
  readonly inChain: boolean;
  /** A notice for the reader: the environment is outside the chain, or none was named. */
  readonly notice?: string;
  /** False when nothing could be judged: no finding passed, failed or was suppressed. */
  readonly checked: boolean;
}

/** Counts of findings by result. */
export type ResultCounts = Readonly<Record<Result, number>>;

/** Everything an evaluation found. */
export interface EvaluationResult {
  /** Findings, sorted by environment (promotion order), rule ID, address, message. */
  readonly findings: readonly Finding[];
  readonly unusedSuppressions: readonly UnusedSuppression[];
  readonly environments: readonly EnvironmentSummary[];
  readonly counts: ResultCounts;
  /** Number of mandatory failures; non-zero means the gate fails. */
  readonly mandatoryFailures: number;
  /** Environments in which nothing could be judged (`check --fail-on-unchecked` exits 3 on any). */
  readonly unchecked: readonly string[];
}

/** The removals of two inventories of one environment (absent when neither describes a change). */
function mergedRemovals(a: Inventory, b: Inventory): Pick<Inventory, 'removals' | 'removalsDoubt'> {
  if (a.removals === undefined && b.removals === undefined) return {};
  const doubt = a.removalsDoubt ?? b.removalsDoubt;
  return {
    removals: [...(a.removals ?? []), ...(b.removals ?? [])],
    ...(doubt ? { removalsDoubt: doubt } : {}),
  };
}

/** The keys of an inventory that hold lists: the lists of two inventories of one environment are joined. */
type ListKey = {
  [K in keyof Inventory]-?: NonNullable<Inventory[K]> extends readonly unknown[] ? K : never;
}[keyof Inventory];

/**
 * Every list of an inventory, joined when two inventories of one environment are merged (a record
 * of every `ListKey`, so a list added to Inventory does not compile until it is here).
 */
const LISTS: Readonly<Record<ListKey, true>> = {
  registries: true,
  externalRoleAssignments: true,
  externalTokens: true,
  externalTasks: true,
  externalIngests: true,
  externalRegistryUpdates: true,
  identities: true,
  inlineSuppressions: true,
  sensitiveTexts: true,
  moduleCalls: true,
  untypedResources: true,
  removedSyntax: true,
  unattached: true,
  removals: true,
};

/** Two inventories of one environment as one: the first's file, format and origin, lists joined, counts added. */
function mergedInventory(existing: Inventory, inv: Inventory): Inventory {
  const lists: Record<string, unknown[]> = {};
  for (const key of Object.keys(LISTS) as ListKey[]) {
    if (key === 'removals') continue;
    const a = existing[key] ?? [];
    const b = inv[key] ?? [];
    if (a.length > 0 || b.length > 0) lists[key] = [...a, ...b];
  }
  return {
    ...existing,
    ...(lists as Partial<Inventory>),
    resourceCount: existing.resourceCount + inv.resourceCount,
    ...mergedRemovals(existing, inv),
  };
}

/** The inventories by environment, those of one environment merged (in input order). */
function mergeInventories(inventories: readonly Inventory[]): Map<string, Inventory> {
  const byEnv = new Map<string, Inventory>();
  for (const inv of inventories) {
    const existing = byEnv.get(inv.environment);
    byEnv.set(inv.environment, existing ? mergedInventory(existing, inv) : inv);
  }
  return byEnv;
}

/** True when the registries' addresses strictly ascend (as the adapters list them). */
function ascendingAddresses(registries: readonly Registry[]): boolean {
  for (let i = 1; i < registries.length; i += 1)
    if (!(registries[i - 1].source.address < registries[i].source.address)) return false;
  return true;
}

function collectRegistryFindings(
  inventory: Inventory,
  byEnv: ReadonlyMap<string, Inventory>,
  config: PolicyConfig,
  disabled: ReadonlySet<string>,
  collector: FindingCollector,
): void {
  const environment = inventory.environment;
  const posture = POSTURES.indexOf(postureOf(config, environment));
  const context: RegistryContext = {
    environment,
    inventory,
    // Where its images may be promoted from: an import from there is promotion (ACR-024).
    predecessor: predecessorOf(config.order, byEnv, environment),
    allowedRegions: config.allowedRegions,
    replicaRegions: ownValue(config.replicaRegions, environment) ?? [],
    allowedCacheSources: config.allowedCacheSources,
  };
  const active = REGISTRY_RULES.filter((rule) => !disabled.has(rule.id));
  const registries = inventory.registries;
  const first = registries[0];
  // A rule above the environment's posture: one not-applicable finding per environment, not per registry.
  for (const rule of first ? active.filter((r) => POSTURES.indexOf(r.posture) > posture) : []) {
    const message = `not required in the ${POSTURES[posture]} posture of ${environment}`;
    const outcome: Outcome = { result: 'not-applicable', message };
    collector.add(collector.group(rule, environment), undefined, outcome, first.source);
  }
  const names = registries.map((r) => (isUnknown(r.name) ? undefined : r.name));
  // Findings at a registry's source are ordered by its index when the addresses strictly ascend.
  const ranked = ascendingAddresses(registries);
  const unattached = inventory.unattached ?? [];
  // Rule by rule (registries inside), so each rule's findings arrive together and in address order.
  for (const rule of active.filter((r) => POSTURES.indexOf(r.posture) <= posture)) {
    // At least one finding per registry.
    const group = collector.group(rule, environment, registries.length);
    for (let i = 0; i < registries.length; i += 1) {
      const registry = registries[i];
      const out = collector.judging(group, names[i], registry.source, ranked ? i : -1);
      rule.judge(out, registry, context);
    }
    if (unattached.length > 0 && rule.checkUnattached) {
      // Rare: as a list, each outcome then given the registry of the item it judged.
      for (const outcome of rule.checkUnattached(unattached, context)) {
        const target = unattached.find((u) => u.item.source === outcome.source)?.registry;
        const registry = target?.decided && typeof target.name === 'string' ? target.name : undefined;
        collector.add(group, registry, outcome, outcome.source ?? unattached[0].item.source);
      }
    }
  }
}

function collectEstateFindings(
  byEnv: ReadonlyMap<string, Inventory>,
  config: PolicyConfig,
  disabled: ReadonlySet<string>,
  collector: FindingCollector,
): void {
  const estate: EstateContext = { order: config.order, inventories: byEnv };
  for (const rule of ESTATE_RULES) {
    if (disabled.has(rule.id)) continue;
    for (const o of rule.check(estate))
      collector.add(collector.group(rule, o.environment), o.registry, o, o.source);
  }
}

/**
 * The findings with every text an input marks sensitive replaced by `(sensitive)` in their messages
 * (a masked principal ID or registry name is read to judge, never shown); the findings themselves
 * when no input marks any (the usual case: no copy).
 */
function withoutSensitiveTexts(findings: Finding[], inventories: readonly Inventory[]): Finding[] {
  // Longest first, so a text inside another is not left half shown.
  const texts = [...new Set(inventories.flatMap((i) => i.sensitiveTexts ?? []))].sort(
    (a, b) => b.length - a.length || compareCodeUnits(a, b),
  );
  if (texts.length === 0) return findings;
  return findings.map((f) => {
    let message = f.message;
    for (const text of texts) if (message.includes(text)) message = message.split(text).join('(sensitive)');
    return message === f.message ? f : { ...f, message };
  });
}

/**
 * Evaluates every rule over the inventories (one or more per environment) with a resolved config.
 * Pure and deterministic.
 */
export function evaluate(inventories: readonly Inventory[], config: PolicyConfig): EvaluationResult {
  // Settings another input writes are weighed once the inputs of each environment are together.
  const byEnv = withOtherInputsUpdates(mergeInventories(inventories));
  const disabled = new Set(config.disabledRules);
  const suppressions: Suppression[] = [
    ...config.suppressions,
    ...[...byEnv.values()].flatMap(inlineSuppressions),
  ];
  const collector = new FindingCollector(config, suppressions.filter(hasValidReason));
  for (const inv of byEnv.values()) collectRegistryFindings(inv, byEnv, config, disabled, collector);
  collectEstateFindings(byEnv, config, disabled, collector);
  const { used } = collector;
  const findings = withoutSensitiveTexts(collector.sorted(config.order), inventories);

  const unusedSuppressions = suppressions
    .filter((s) => !used.has(s))
    .map((s) => ({
      suppression: s,
      note: hasValidReason(s)
        ? 'matched no failing or unknown finding'
        : 'reason is shorter than 10 characters',
    }));

  // Judged: a registry rule passed, failed or was suppressed on something the input holds.
  const registryRules = new Set(REGISTRY_RULES.map((r) => r.id));
  const judged = collector.judgedEnvironments(registryRules);
  const environments = [...byEnv.values()]
    .map((inv): EnvironmentSummary => {
      const statement = postureStatement(config, inv.environment, inv.environmentOrigin);
      return {
        name: inv.environment,
        enforcement: statement.enforcement,
        posture: statement.posture,
        files: [
          ...new Set(inventories.filter((i) => i.environment === inv.environment).map((i) => i.file)),
        ].sort(),
        registries: inv.registries.length,
        resources: inv.resourceCount,
        environmentFrom: statement.environmentFrom,
        postureFrom: statement.postureFrom,
        enforcementFrom: statement.enforcementFrom,
        inChain: statement.inChain,
        ...(statement.notice ? { notice: statement.notice } : {}),
        checked: judged.has(inv.environment),
      };
    })
    .sort((a, b) => {
      const ia = config.order.indexOf(a.name);
      const ib = config.order.indexOf(b.name);
      return (
        (ia < 0 ? config.order.length : ia) - (ib < 0 ? config.order.length : ib) ||
        compareCodeUnits(a.name, b.name)
      );
    });

  return {
    findings,
    unusedSuppressions,
    environments,
    counts: collector.counts,
    mandatoryFailures: collector.mandatoryFailures,
    unchecked: environments.filter((e) => !e.checked).map((e) => e.name),
  };
}
