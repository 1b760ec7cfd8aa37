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
import { compareCodeUnits } from '../constructs/model/order';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function compareLocations(a: Finding, b: Finding): number {
  return compareCodeUnits(a.location.address, b.location.address) || compareCodeUnits(a.message, b.message);
}

/** The largest array a group is made at ahead (beyond it, arrays of a fixed length are slower). */
const MAX_EXPECTED = 10_000;

/**
 * The findings of one rule in one environment, in report order: by address, then message, equal
 * findings in arrival order (as one stable sort on both keys would leave them).
 *
 * Rules emit a registry's findings together and registries arrive in address order, so findings
 * usually arrive in address order: each is then checked against the one before it while both are at
 * hand, and a run at one address is kept in message order by insertion (a few findings at most), so
 * no pass over the group and no sort is needed at the end. A finding at a registry's own source is
 * ordered by the registry's rank without comparing addresses (they share long prefixes). The first
 * finding out of address order stops the checking: the group is then sorted once, when handed back.
 * Insertion only ever moves a finding past ones with a greater message at its address, so the sort
 * sees equal findings in arrival order and the result is the same either way.
 */
export class FindingGroup {
  /**
   * The findings, `count` of them: the array is made at the size the group is expected to reach (a
   * registry rule's group holds at least one finding per registry), so that it does not grow by
   * copies from empty for each of thousands of findings; `inOrder` trims it.
   */
  private readonly list: Finding[];
  private count = 0;
  /** True once a finding of the group passed, failed or was suppressed (something was judged). */
  judged = false;
  /** False once a finding arrived out of address order (then `inOrder` sorts). */
  private ordered = true;
  /** Where the run of findings at the last finding's address starts. */
  private runStart = 0;
  /** The rank of the last finding's location (see `add`), or -1. */
  private lastRank = -1;

  constructor(
    readonly rule: RuleInfo,
    readonly environment: string,
    readonly enforcement: Enforcement,
    /** The valid suppressions of the rule that may apply in the environment, in precedence order. */
    readonly suppressions: readonly Suppression[],
    /** How many findings the group is expected to hold. @default 0 */
    expected = 0,
  ) {
    this.list = expected > 0 ? new Array<Finding>(Math.min(expected, MAX_EXPECTED)) : [];
  }

  /**
   * Adds a finding. `rank` is, for a finding at the source of one of a list of registries whose
   * addresses strictly ascend, the registry's index in that list (the same list for every ranked
   * finding of the group); -1 otherwise.
   */
  add(finding: Finding, rank: number): void {
    const list = this.list;
    const end = this.count;
    list[end] = finding;
    this.count = end + 1;
    const lastRank = this.lastRank;
    this.lastRank = rank;
    if (!this.ordered || end === 0) return;
    const last = list[end - 1];
    const order =
      last.location === finding.location
        ? 0
        : rank >= 0 && lastRank >= 0
          ? lastRank - rank
          : compareCodeUnits(last.location.address, finding.location.address);
    if (order > 0) {
      this.ordered = false;
    } else if (order < 0) {
      this.runStart = end;
    } else {
      // The same address: insert by message among the run's findings.
      let i = end;
      while (i > this.runStart && compareCodeUnits(list[i - 1].message, finding.message) > 0) {
        list[i] = list[i - 1];
        i -= 1;
      }
      list[i] = finding;
    }
  }

  /** The findings in report order. */
  inOrder(): Finding[] {
    const list = this.list;
    if (list.length > this.count) list.length = this.count;
    if (!this.ordered) list.sort(compareLocations);
    return list;
  }
}

/**
 * Turns rule outcomes into findings as they arrive: enforcement, suppression, counts and the number of
 * mandatory failures in one pass. An estate yields tens of thousands of findings, so each is built
 * once, in its final shape (no intermediate draft copied by spreads), straight into the group of its
 * environment and rule, so putting them in report order is a concatenation of groups (kept in order as
 * findings arrive, see FindingGroup).
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
  private currentRank = -1;

  constructor(
    private readonly config: PolicyConfig,
    /** Suppressions with a valid reason, in precedence order. */
    private readonly valid: readonly Suppression[],
  ) {
    super();
  }

  /**
   * The group findings of `rule` in `environment` go to; `expected` (how many it will hold, at least)
   * sizes it when it is made. @default 0
   */
  group(rule: RuleInfo, environment: string, expected = 0): FindingGroup {
    let byRule = this.groups.get(environment);
    if (!byRule) {
      byRule = new Map();
      this.groups.set(environment, byRule);
    }
    let group = byRule.get(rule.id);
    if (!group) {
      const enforcement = this.enforcementOf(environment);
      // Only the rule's suppressions for this environment can match (most groups have none).
      const suppressions = this.valid.filter(
        (s) => s.ruleId === rule.id && (s.environment === undefined || s.environment === environment),
      );
      group = new FindingGroup(rule, environment, enforcement, suppressions, expected);
      byRule.set(rule.id, group);
    }
    return group;
  }

  /**
   * Points the outcome methods at `group`, for `registry` (its name, when known); `fallback` (the
   * registry's source) locates an outcome without a source. `rank` orders findings at `fallback`
   * (see FindingGroup.add): the registry's index in a list whose addresses strictly ascend, or -1.
   * Returns the collector, as the `Outcomes` of the rule call.
   */
  judging(
    group: FindingGroup,
    registry: string | undefined,
    fallback: SourceLocation,
    rank: number,
  ): Outcomes {
    this.current = group;
    this.currentRegistry = registry;
    this.currentFallback = fallback;
    this.currentRank = rank;
    return this;
  }

  /** Adds the finding of `outcome` to `group`; `fallback` locates it when the outcome has no source. */
  add(group: FindingGroup, registry: string | undefined, outcome: Outcome, fallback: SourceLocation): void {
    this.addFinding(group, registry, outcome.result, outcome.message, outcome.source ?? fallback, -1);
  }

  /** Adds a finding of the current rule call (see `judging`). */
  protected record(result: Outcome['result'], message: string, source: SourceLocation | undefined): void {
    const group = this.current as FindingGroup;
    const fallback = this.currentFallback as SourceLocation;
    const location = source ?? fallback;
    const rank = location === fallback ? this.currentRank : -1;
    this.addFinding(group, this.currentRegistry, result, message, location, rank);
  }

  private addFinding(
    group: FindingGroup,
    registry: string | undefined,
    outcome: Outcome['result'],
    message: string,
    location: SourceLocation,
    rank: number,
  ): void {
    const { rule, environment, enforcement } = group;
    const match = suppressionOf(group, location, outcome);
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
    group.add(finding, rank);
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
    const environments = [...this.groups.keys()].sort((a, b) => rank(a) - rank(b) || compareCodeUnits(a, b));
    const lists: Finding[][] = [];
    for (const environment of environments) {
      const byRule = this.groups.get(environment) as Map<string, FindingGroup>;
      for (const ruleId of [...byRule.keys()].sort(compareCodeUnits)) {
        lists.push((byRule.get(ruleId) as FindingGroup).inOrder());
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
}

/** The first valid suppression of the group covering a failing or unknown finding at `location`. */
function suppressionOf(
  group: FindingGroup,
  location: SourceLocation,
  result: Outcome['result'],
): Suppression | undefined {
  if (group.suppressions.length === 0 || (result !== 'fail' && result !== 'unknown')) return undefined;
  const finding = { ruleId: group.rule.id, environment: group.environment, location };
  return group.suppressions.find((s) => suppressionMatches(s, finding));
}
