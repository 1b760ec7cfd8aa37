/**
 * Runs the catalogue over inventories: registry rules per environment (by posture), promotion rules
 * over the whole estate, then suppressions and enforcement. Pure: no I/O.
 */
import type { Enforcement } from '../constructs/model/declaration';
import type { PolicyConfig } from './config';
import { enforcementOf, postureOf } from './config';
import type { Inventory, SourceLocation } from './inventory/types';
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

type Draft = Omit<Finding, 'mandatory' | 'enforcement'> & { readonly advisoryOnly: boolean };

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

function draft(
  rule: RuleInfo,
  environment: string,
  registry: string | undefined,
  outcome: Outcome,
  fallback: SourceLocation,
): Draft {
  return {
    ruleId: rule.id,
    title: rule.title,
    severity: rule.severity,
    result: outcome.result,
    environment,
    ...(registry !== undefined && { registry }),
    message: outcome.message,
    location: outcome.source ?? fallback,
    advisoryOnly: rule.advisoryOnly === true,
  };
}

function registryDrafts(inventory: Inventory, config: PolicyConfig, disabled: ReadonlySet<string>): Draft[] {
  const environment = inventory.environment;
  const posture = POSTURES.indexOf(postureOf(config, environment));
  const context = {
    environment,
    inventory,
    allowedRegions: config.allowedRegions,
    replicaRegions: config.replicaRegions[environment] ?? [],
  };
  const out: Draft[] = [];
  const active = REGISTRY_RULES.filter((rule) => !disabled.has(rule.id));
  const first = inventory.registries[0];
  // A rule above the environment's posture: one not-applicable finding per environment, not per registry.
  for (const rule of first ? active.filter((r) => POSTURES.indexOf(r.posture) > posture) : []) {
    const message = `not required in the ${POSTURES[posture]} posture of ${environment}`;
    out.push(draft(rule, environment, undefined, { result: 'not-applicable', message }, first.source));
  }
  const applicable = active.filter((r) => POSTURES.indexOf(r.posture) <= posture);
  for (const registry of inventory.registries) {
    const name = isUnknown(registry.name) ? undefined : registry.name;
    for (const rule of applicable) {
      for (const outcome of rule.check(registry, context))
        out.push(draft(rule, environment, name, outcome, registry.source));
    }
  }
  return out;
}

function estateDrafts(
  byEnv: ReadonlyMap<string, Inventory>,
  config: PolicyConfig,
  disabled: ReadonlySet<string>,
): Draft[] {
  const estate: EstateContext = { order: config.order, inventories: byEnv };
  return ESTATE_RULES.filter((rule) => !disabled.has(rule.id)).flatMap((rule) =>
    rule.check(estate).map((o) => draft(rule, o.environment, o.registry, o, o.source)),
  );
}

function compareFindings(order: readonly string[]): (a: Finding, b: Finding) => number {
  const rank = (env: string): number => {
    const i = order.indexOf(env);
    return i < 0 ? order.length : i;
  };
  // Plain code-unit order: locale-independent (deterministic on every machine) and fast.
  const cmp = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);
  return (a, b) =>
    rank(a.environment) - rank(b.environment) ||
    cmp(a.environment, b.environment) ||
    cmp(a.ruleId, b.ruleId) ||
    cmp(a.location.address, b.location.address) ||
    cmp(a.message, b.message);
}

function countResults(findings: readonly Finding[]): ResultCounts {
  const counts: Record<Result, number> = { pass: 0, fail: 0, unknown: 0, 'not-applicable': 0, suppressed: 0 };
  for (const f of findings) counts[f.result] += 1;
  return counts;
}

/**
 * Evaluates every rule over the inventories (one or more per environment) with a resolved config.
 * Pure and deterministic.
 */
export function evaluate(inventories: readonly Inventory[], config: PolicyConfig): EvaluationResult {
  const byEnv = mergeInventories(inventories);
  const disabled = new Set(config.disabledRules);
  const drafts = [
    ...[...byEnv.values()].flatMap((inv) => registryDrafts(inv, config, disabled)),
    ...estateDrafts(byEnv, config, disabled),
  ];
  const suppressions: Suppression[] = [
    ...config.suppressions,
    ...[...byEnv.values()].flatMap(inlineSuppressions),
  ];
  const valid = suppressions.filter(hasValidReason);
  const used = new Set<Suppression>();

  const findings = drafts.map((d): Finding => {
    const enforcement = enforcementOf(config, d.environment);
    const { advisoryOnly, ...rest } = d;
    const suppressible = d.result === 'fail' || d.result === 'unknown';
    const match = suppressible ? valid.find((s) => suppressionMatches(s, d)) : undefined;
    if (match) {
      used.add(match);
      return {
        ...rest,
        result: 'suppressed',
        enforcement,
        mandatory: false,
        suppression: { reason: match.reason, origin: match.origin, declaredAt: match.declaredAt },
      };
    }
    return {
      ...rest,
      enforcement,
      mandatory: d.result === 'fail' && enforcement === 'mandatory' && !advisoryOnly,
    };
  });
  findings.sort(compareFindings(config.order));

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
    counts: countResults(findings),
    mandatoryFailures: findings.filter((f) => f.mandatory).length,
  };
}
