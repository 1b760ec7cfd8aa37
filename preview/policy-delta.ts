/**
 * The policy delta of a change: failures of the head that the base did not have (new), failures of the
 * base the head no longer has (fixed), and failures of both (unchanged). Findings are matched by rule,
 * environment and resource identity (Terraform address, Pulumi URN), never by message or line: a
 * message that names a changed value is still the same failure. Equal keys pair up one to one.
 */
import type { PolicyFailure, PolicySummary } from './policy-summary';

/** New, fixed and unchanged failures. */
export interface PolicyDelta<T = PolicyFailure> {
  readonly new: readonly T[];
  readonly fixed: readonly T[];
  readonly unchanged: readonly T[];
}

/** The identity of a failure: rule, environment, resource. */
export function failureKey(failure: {
  readonly ruleId: string;
  readonly environment: string;
  readonly resource: string;
}): string {
  return JSON.stringify([failure.ruleId, failure.environment, failure.resource]);
}

/** Splits `head` against `base` by `key` (multiset: two equal keys in the base cover two in the head). */
export function deltaBy<T>(base: readonly T[], head: readonly T[], key: (item: T) => string): PolicyDelta<T> {
  const remaining = new Map<string, number>();
  for (const item of base) remaining.set(key(item), (remaining.get(key(item)) ?? 0) + 1);
  const added: T[] = [];
  const unchanged: T[] = [];
  for (const item of head) {
    const k = key(item);
    const left = remaining.get(k) ?? 0;
    if (left > 0) {
      remaining.set(k, left - 1);
      unchanged.push(item);
    } else added.push(item);
  }
  const fixed: T[] = [];
  for (const item of [...base].reverse()) {
    const k = key(item);
    const left = remaining.get(k) ?? 0;
    if (left > 0) {
      remaining.set(k, left - 1);
      fixed.unshift(item);
    }
  }
  return { new: added, fixed, unchanged };
}

/** The delta of two policy summaries. */
export function policyDelta(base: PolicySummary, head: PolicySummary): PolicyDelta {
  return deltaBy(base.failing, head.failing, failureKey);
}
