/**
 * Collects findings as rule outcomes arrive and hands them back in report order. Pure: no I/O.
 */
import type { Enforcement } from '../constructs/model/declaration';
import type { PolicyConfig } from './config';
import { enforcementOf } from './config';
import type { Finding } from './evaluate';
import type { SourceLocation } from './inventory/types';
import type { Outcome, Outcomes, Result, RuleInfo } from './rules/types';
import type { Suppression } from './suppressions';
import { OutcomeRecorder } from './rules/outcomes';
import { suppressionMatches } from './suppressions';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** The findings of one rule in one environment, in arrival order. */
export interface FindingGroup {
  readonly rule: RuleInfo;
  readonly environment: string;
  readonly enforcement: Enforcement;
  readonly findings: Finding[];
  /** True once a finding of the group passed, failed or was suppressed (something was judged). */
  judged: boolean;
}

/** Plain code-unit order: locale-independent (deterministic on every machine) and fast. */
function compareStrings(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}

function compareLocations(a: Finding, b: Finding): number {
  return compareStrings(a.location.address, b.location.address) || compareStrings(a.message, b.message);
}

function compareMessages(a: Finding, b: Finding): number {
  return compareStrings(a.message, b.message);
}

/** Stable-sorts `list[start, end)` by `compare`, leaving it alone when it is already in order. */
function sortRange(list: Finding[], start: number, end: number, compare: typeof compareLocations): void {
  let sorted = true;
  for (let i = start + 1; i < end && sorted; i += 1) sorted = compare(list[i - 1], list[i]) <= 0;
  if (sorted) return;
  const range = list.slice(start, end).sort(compare);
  for (let i = start; i < end; i += 1) list[i] = range[i - start];
}

/**
 * Stable-sorts a group by address, then message. Rules emit a registry's findings together and
 * registries arrive in address order, so addresses are usually in order already: then only the runs
 * sharing an address are sorted by message, which compares far fewer (long, freshly built) messages
 * than a sort of the whole group would. The result is the same as one stable sort on both keys.
 */
function sortGroup(list: Finding[]): void {
  for (let i = 1; i < list.length; i += 1) {
    if (compareStrings(list[i - 1].location.address, list[i].location.address) > 0) {
      list.sort(compareLocations);
      return;
    }
  }
  let start = 0;
  for (let i = 1; i <= list.length; i += 1) {
    if (i === list.length || list[i].location.address !== list[start].location.address) {
      if (i - start > 1) sortRange(list, start, i, compareMessages);
      start = i;
    }
  }
}

/**
 * Turns rule outcomes into findings as they arrive: enforcement, suppression, counts and the number of
 * mandatory failures in one pass. An estate yields tens of thousands of findings, so each is built
 * once, in its final shape (no intermediate draft copied by spreads), straight into the group of its
 * environment and rule, so putting them in report order is a concatenation of (already sorted) groups.
 *
 * A registry rule reports into the collector itself (it is the rule's `Outcomes`): `judging` points it
 * at the group, registry and fallback location of the rule call, so no outcome object is made.
 */
export class FindingCollector extends OutcomeRecorder {
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
  /** Groups by environment, then rule ID. */
  private readonly groups = new Map<string, Map<string, FindingGroup>>();
  private readonly enforcements = new Map<string, Enforcement>();
  /** Where the outcomes of the current rule call go (set by `judging`). */
  private current: FindingGroup | undefined;
  private currentRegistry: string | undefined;
  private currentFallback: SourceLocation | undefined;

  constructor(
    private readonly config: PolicyConfig,
    /** Suppressions with a valid reason, in precedence order. */
    private readonly valid: readonly Suppression[],
  ) {
    super();
  }

  /** The group findings of `rule` in `environment` go to. */
  group(rule: RuleInfo, environment: string): FindingGroup {
    let byRule = this.groups.get(environment);
    if (!byRule) {
      byRule = new Map();
      this.groups.set(environment, byRule);
    }
    let group = byRule.get(rule.id);
    if (!group) {
      const enforcement = this.enforcementOf(environment);
      group = { rule, environment, enforcement, findings: [], judged: false };
      byRule.set(rule.id, group);
    }
    return group;
  }

  /**
   * Points the outcome methods at `group`, for `registry` (its name, when known); `fallback` locates an
   * outcome without a source. Returns the collector, as the `Outcomes` of the rule call.
   */
  judging(group: FindingGroup, registry: string | undefined, fallback: SourceLocation): Outcomes {
    this.current = group;
    this.currentRegistry = registry;
    this.currentFallback = fallback;
    return this;
  }

  /** Adds the finding of `outcome` to `group`; `fallback` locates it when the outcome has no source. */
  add(group: FindingGroup, registry: string | undefined, outcome: Outcome, fallback: SourceLocation): void {
    this.addFinding(group, registry, outcome.result, outcome.message, outcome.source ?? fallback);
  }

  /** Adds a finding of the current rule call (see `judging`). */
  protected record(result: Outcome['result'], message: string, source: SourceLocation | undefined): void {
    const group = this.current as FindingGroup;
    const location = source ?? (this.currentFallback as SourceLocation);
    this.addFinding(group, this.currentRegistry, result, message, location);
  }

  private addFinding(
    group: FindingGroup,
    registry: string | undefined,
    outcome: Outcome['result'],
    message: string,
    location: SourceLocation,
  ): void {
    const { rule, environment, enforcement } = group;
    const match = this.suppressionOf(rule.id, environment, location, outcome);
    const result = match ? 'suppressed' : outcome;
    const mandatory =
      !match && outcome === 'fail' && enforcement === 'mandatory' && rule.advisoryOnly !== true;
    const { id: ruleId, title, severity } = rule;
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
    group.findings.push(finding);
    if (result === 'pass' || result === 'fail' || result === 'suppressed') group.judged = true;
    this.counts[result] += 1;
    if (mandatory) this.mandatoryFailures += 1;
  }

  /**
   * Every finding, sorted by environment (promotion `order` first), rule ID, address and message,
   * equal findings in arrival order (as a stable sort would leave them).
   */
  sorted(order: readonly string[]): Finding[] {
    const rank = (env: string): number => {
      const i = order.indexOf(env);
      return i < 0 ? order.length : i;
    };
    const environments = [...this.groups.keys()].sort((a, b) => rank(a) - rank(b) || compareStrings(a, b));
    const lists: Finding[][] = [];
    for (const environment of environments) {
      const byRule = this.groups.get(environment) as Map<string, FindingGroup>;
      for (const ruleId of [...byRule.keys()].sort(compareStrings)) {
        const findings = (byRule.get(ruleId) as FindingGroup).findings;
        sortGroup(findings);
        lists.push(findings);
      }
    }
    // One concat (a builtin copy, sized once) rather than a push per finding.
    return ([] as Finding[]).concat(...lists);
  }

  /**
   * Environments where a rule of `ruleIds` judged something (a finding passed, failed or was
   * suppressed): read from the groups, not from a pass over every finding.
   */
  judgedEnvironments(ruleIds: ReadonlySet<string>): Set<string> {
    const judged = new Set<string>();
    for (const [environment, byRule] of this.groups) {
      for (const group of byRule.values()) {
        if (group.judged && ruleIds.has(group.rule.id)) judged.add(environment);
      }
    }
    return judged;
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
