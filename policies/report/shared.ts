/**
 * Helpers shared by the report renderers.
 */
import type { EvaluationResult, Finding } from '../evaluate';

/** Findings worth showing by default: failures, unknowns and suppressed ones. */
export function notable(result: EvaluationResult): Finding[] {
  return result.findings.filter(
    (f) => f.result === 'fail' || f.result === 'unknown' || f.result === 'suppressed',
  );
}

/** `address (construct path)` or the address alone. */
export function resourceLabel(finding: Finding): string {
  const { address, constructPath } = finding.location;
  return constructPath ? `${address} (${constructPath})` : address;
}

/** One line: PASSED, or FAILED with the number of mandatory failures. */
export function verdict(result: EvaluationResult): string {
  const n = result.mandatoryFailures;
  return n === 0 ? 'PASSED: no mandatory failure' : `FAILED: ${n} mandatory failure${n === 1 ? '' : 's'}`;
}
