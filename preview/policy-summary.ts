/**
 * The policy result for the head state, as the comment shows it: failing findings counted by severity and
 * listed by rule. The preview never evaluates rules itself; the CLI (`cli/preview-policy.ts`) runs the
 * policy engine and hands this summary to the renderer.
 */
import type { PolicyDelta } from './policy-delta';

/** One failing rule on one resource. */
export interface PolicyFailure {
  readonly ruleId: string;
  readonly title: string;
  readonly severity: string;
  readonly resource: string;
  readonly environment: string;
  /** What the rule found, when the engine says. */
  readonly message?: string;
  /** True when the failure gates the build (mandatory enforcement). */
  readonly mandatory?: boolean;
}

/** The policy result for the head state. */
export interface PolicySummary {
  /** Failing findings by severity (lowercase). */
  readonly counts: Readonly<Record<string, number>>;
  /** Findings that passed, could not be decided (unknown values) or were suppressed, when the engine says. */
  readonly passed?: number;
  readonly unknown?: number;
  readonly suppressed?: number;
  /** Failing findings, in the order the comment lists them. */
  readonly failing: readonly PolicyFailure[];
  /** New, fixed and unchanged failures against the base, when a base was judged too. */
  readonly delta?: PolicyDelta;
}

/** Severities from most to least severe; unknown severities sort after these, alphabetically. */
export const SEVERITY_ORDER = ['critical', 'high', 'error', 'medium', 'warning', 'low', 'info'] as const;

/** A policy finding as a rule engine reports it (field names tolerant of the engine's spelling). */
export interface FindingLike {
  readonly ruleId?: string;
  readonly id?: string;
  readonly title?: string;
  readonly severity?: string;
  readonly result?: string;
  readonly environment?: string;
  readonly resource?: string;
  readonly message?: string;
  readonly mandatory?: boolean;
}

/** Rank of a severity for sorting. */
export function severityRank(severity: string): number {
  const index = (SEVERITY_ORDER as readonly string[]).indexOf(severity.toLowerCase());
  return index < 0 ? SEVERITY_ORDER.length : index;
}

/** Summarizes findings: those whose result is `fail` are counted and listed, most severe first. */
export function summarizeFindings(findings: readonly FindingLike[]): PolicySummary {
  const failing: PolicyFailure[] = [];
  let passed = 0;
  let unknown = 0;
  let suppressed = 0;
  for (const finding of findings) {
    if (finding.result === 'pass') passed += 1;
    if (finding.result === 'unknown') unknown += 1;
    if (finding.result === 'suppressed') suppressed += 1;
    if (finding.result !== 'fail') continue;
    failing.push({
      ruleId: finding.ruleId ?? finding.id ?? 'unknown-rule',
      title: finding.title ?? '',
      severity: (finding.severity ?? 'unknown').toLowerCase(),
      resource: finding.resource ?? '',
      environment: finding.environment ?? '',
      ...(finding.message ? { message: finding.message } : {}),
      ...(finding.mandatory !== undefined ? { mandatory: finding.mandatory } : {}),
    });
  }
  failing.sort(
    (a, b) =>
      severityRank(a.severity) - severityRank(b.severity) ||
      compare(a.severity, b.severity) ||
      compare(a.ruleId, b.ruleId) ||
      compare(a.environment, b.environment) ||
      compare(a.resource, b.resource) ||
      compare(a.message ?? '', b.message ?? ''),
  );
  const counts: Record<string, number> = {};
  for (const failure of failing) counts[failure.severity] = (counts[failure.severity] ?? 0) + 1;
  return { counts, passed, unknown, suppressed, failing };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
