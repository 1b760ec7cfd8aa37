/**
 * Helpers shared by the report renderers.
 */
import type { EnvironmentSummary, EvaluationResult, Finding } from '../evaluate';

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

/**
 * One line: FAILED with the number of mandatory failures; NOTHING CHECKED when no registry setting
 * could be judged in any input (only unknown findings); else PASSED, naming inputs where nothing was.
 */
export function verdict(result: EvaluationResult): string {
  const n = result.mandatoryFailures;
  if (n > 0) return `FAILED: ${n} mandatory failure${n === 1 ? '' : 's'}`;
  const unchecked = result.unchecked ?? [];
  if (unchecked.length > 0 && unchecked.length >= result.environments.length)
    return `NOTHING CHECKED: no registry could be judged in ${unchecked.join(', ')}; see the unknown findings`;
  if (result.environments.length === 0) return 'NOTHING CHECKED: no input was judged';
  const partly = unchecked.length > 0 ? ` (nothing could be judged in ${unchecked.join(', ')})` : '';
  return `PASSED: no mandatory failure${partly}`;
}

/** How an environment was judged and why, in one sentence (every report states it). */
export function judgedAs(env: EnvironmentSummary): string {
  return `environment ${env.name} (from ${env.environmentFrom}); ${env.posture} posture (${env.postureFrom}); ${env.enforcement} enforcement (${env.enforcementFrom})`;
}
