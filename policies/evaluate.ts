/**
 * Runs the catalogue over inventories: registry rules per environment (by posture), promotion rules
 * over the whole estate, then suppressions and enforcement. Pure: no I/O.
 */
import type { Enforcement } from '../constructs/model/declaration';
import type { PolicyConfig } from './config';
import { enforcementOf, postureOf } from './config';
import type { Inventory, SourceLocation } from './inventory/types';
import { pushTo } from './inventory/links';
import { isUnknown } from './inventory/types';
import { ESTATE_RULES, REGISTRY_RULES } from './rules/catalogue';
import type { EstateContext, Outcome, Posture, Result, RuleInfo, Severity } from './rules/types';
import { POSTURES } from './rules/types';
import type { Suppression, UnusedSuppression } from './suppressions';
import { hasValidReason, inlineSuppressions, suppressionMatches } from './suppressions';

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
}

function mergeInventories(inventories: readonly Inventory[]): Map<string, Inventory> {
  const byEnv = new Map<string, Inventory>();
  for (const inv of inventories) {
    const existing = byEnv.get(inv.environment);
    byEnv.set(
      inv.environment,
      existing
        ? {
            ...existing,
            file: existing.file,
            registries: [...existing.registries, ...inv.registries],
            externalRoleAssignments: [...existing.externalRoleAssignments, ...inv.externalRoleAssignments],
            identities: [...existing.identities, ...inv.identities],
            inlineSuppressions: [...existing.inlineSuppressions, ...inv.inlineSuppressions],
            resourceCount: existing.resourceCount + inv.resourceCount,
          }
        : inv,
    );
  }
  return byEnv;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * Turns rule outcomes into findings as they arrive: enforcement, suppression, counts and the number of
 * mandatory failures in one pass. An estate yields tens of thousands of findings, so each is built
 * once, in its final shape (no intermediate draft copied by spreads).
 */
class FindingCollector {
  readonly findings: Finding[] = [];
  readonly counts: Record<Result, number> = {
    pass: 0,
    fail: 0,
    unknown: 0,
    'not-applicable': 0,
    suppressed: 0,
  };
  mandatoryFailures = 0;
  /** Suppressions that matched a finding. */
  readonly used = new Set<Suppression>();
  private readonly enforcements = new Map<string, Enforcement>();

  constructor(
    private readonly config: PolicyConfig,
    /** Suppressions with a valid reason, in precedence order. */
    private readonly valid: readonly Suppression[],
  ) {}

  /** Adds the finding of `outcome`; `fallback` locates it when the outcome has no source. */
  add(
    rule: RuleInfo,
    environment: string,
    registry: string | undefined,
    outcome: Outcome,
    fallback: SourceLocation,
  ): void {
    const location = outcome.source ?? fallback;
    const enforcement = this.enforcementOf(environment);
    const match = this.suppressionOf(rule.id, environment, location, outcome.result);
    const result = match ? 'suppressed' : outcome.result;
    const mandatory =
      !match && outcome.result === 'fail' && enforcement === 'mandatory' && rule.advisoryOnly !== true;
    const { id: ruleId, title, severity } = rule;
    const message = outcome.message;
    // Two literals rather than a conditional spread: the key order is the JSON report's.
    const finding: Mutable<Finding> =
      registry === undefined
        ? { ruleId, title, severity, result, environment, message, location, enforcement, mandatory }
        : {
            ruleId,
            title,
            severity,
            result,
            environment,
            registry,
            message,
            location,
            enforcement,
            mandatory,
          };
    if (match) {
      this.used.add(match);
      finding.suppression = { reason: match.reason, origin: match.origin, declaredAt: match.declaredAt };
    }
    this.findings.push(finding);
    this.counts[result] += 1;
    if (mandatory) this.mandatoryFailures += 1;
  }

  private enforcementOf(environment: string): Enforcement {
    let enforcement = this.enforcements.get(environment);
    if (enforcement === undefined) {
      enforcement = enforcementOf(this.config, environment);
      this.enforcements.set(environment, enforcement);
    }
    return enforcement;
  }

  /** The first valid suppression covering a failing or unknown finding. */
  private suppressionOf(
    ruleId: string,
    environment: string,
    location: SourceLocation,
    result: Outcome['result'],
  ): Suppression | undefined {
    if (this.valid.length === 0 || (result !== 'fail' && result !== 'unknown')) return undefined;
    const finding = { ruleId, environment, location };
    return this.valid.find((s) => suppressionMatches(s, finding));
  }
}

function collectRegistryFindings(
  inventory: Inventory,
  config: PolicyConfig,
  disabled: ReadonlySet<string>,
  collector: FindingCollector,
): void {
  const environment = inventory.environment;
  const posture = POSTURES.indexOf(postureOf(config, environment));
  const context = {
    environment,
    inventory,
    allowedRegions: config.allowedRegions,
    replicaRegions: config.replicaRegions[environment] ?? [],
  };
  const active = REGISTRY_RULES.filter((rule) => !disabled.has(rule.id));
  const first = inventory.registries[0];
  // A rule above the environment's posture: one not-applicable finding per environment, not per registry.
  for (const rule of first ? active.filter((r) => POSTURES.indexOf(r.posture) > posture) : []) {
    const message = `not required in the ${POSTURES[posture]} posture of ${environment}`;
    collector.add(rule, environment, undefined, { result: 'not-applicable', message }, first.source);
  }
  const applicable = active.filter((r) => POSTURES.indexOf(r.posture) <= posture);
  for (const registry of inventory.registries) {
    const name = isUnknown(registry.name) ? undefined : registry.name;
    for (const rule of applicable) {
      for (const outcome of rule.check(registry, context))
        collector.add(rule, environment, name, outcome, registry.source);
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
    for (const o of rule.check(estate)) collector.add(rule, o.environment, o.registry, o, o.source);
  }
}

/** Plain code-unit order: locale-independent (deterministic on every machine) and fast. */
function compareStrings(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}

function compareLocations(a: Finding, b: Finding): number {
  return compareStrings(a.location.address, b.location.address) || compareStrings(a.message, b.message);
}

/**
 * Sorts findings by environment (promotion order first), rule ID, address and message, keeping the
 * arrival order of equal findings (a stable sort). Findings arrive registry by registry, so they are
 * grouped by environment and rule first (a linear pass), and only each group, already nearly in
 * address order, is sorted: far fewer comparisons than one sort of everything on all four keys.
 */
function sortFindings(findings: readonly Finding[], order: readonly string[]): Finding[] {
  const groups = new Map<string, Map<string, Finding[]>>();
  for (const finding of findings) {
    let byRule = groups.get(finding.environment);
    if (!byRule) {
      byRule = new Map();
      groups.set(finding.environment, byRule);
    }
    pushTo(byRule, finding.ruleId, finding);
  }
  const rank = (env: string): number => {
    const i = order.indexOf(env);
    return i < 0 ? order.length : i;
  };
  const environments = [...groups.keys()].sort((a, b) => rank(a) - rank(b) || compareStrings(a, b));
  const sorted: Finding[] = [];
  for (const environment of environments) {
    const byRule = groups.get(environment) as Map<string, Finding[]>;
    for (const ruleId of [...byRule.keys()].sort(compareStrings)) {
      for (const finding of (byRule.get(ruleId) as Finding[]).sort(compareLocations)) sorted.push(finding);
    }
  }
  return sorted;
}

/**
 * Evaluates every rule over the inventories (one or more per environment) with a resolved config.
 * Pure and deterministic.
 */
export function evaluate(inventories: readonly Inventory[], config: PolicyConfig): EvaluationResult {
  const byEnv = mergeInventories(inventories);
  const disabled = new Set(config.disabledRules);
  const suppressions: Suppression[] = [
    ...config.suppressions,
    ...[...byEnv.values()].flatMap(inlineSuppressions),
  ];
  const collector = new FindingCollector(config, suppressions.filter(hasValidReason));
  for (const inv of byEnv.values()) collectRegistryFindings(inv, config, disabled, collector);
  collectEstateFindings(byEnv, config, disabled, collector);
  const { used } = collector;
  const findings = sortFindings(collector.findings, config.order);

  const unusedSuppressions = suppressions
    .filter((s) => !used.has(s))
    .map((s) => ({
      suppression: s,
      note: hasValidReason(s)
        ? 'matched no failing or unknown finding'
        : 'reason is shorter than 10 characters',
    }));

  const environments = [...byEnv.values()]
    .map((inv) => ({
      name: inv.environment,
      enforcement: enforcementOf(config, inv.environment),
      posture: postureOf(config, inv.environment),
      files: [
        ...new Set(inventories.filter((i) => i.environment === inv.environment).map((i) => i.file)),
      ].sort(),
      registries: inv.registries.length,
      resources: inv.resourceCount,
    }))
    .sort((a, b) => {
      const ia = config.order.indexOf(a.name);
      const ib = config.order.indexOf(b.name);
      return (
        (ia < 0 ? config.order.length : ia) - (ib < 0 ? config.order.length : ib) ||
        a.name.localeCompare(b.name)
      );
    });

  return {
    findings,
    unusedSuppressions,
    environments,
    counts: collector.counts,
    mandatoryFailures: collector.mandatoryFailures,
  };
}
