/**
 * JSON report: every finding (passes included), environments, counts and unused suppressions.
 */
import type { EvaluationResult } from '../evaluate';
import { redactSecretText } from '../redact';

/** Version of the JSON report shape. */
export const JSON_REPORT_VERSION = 1;

/** Renders the JSON report (stable key order, no timestamps). */
export function renderJson(result: EvaluationResult): string {
  const report = {
    version: JSON_REPORT_VERSION,
    tool: 'acr-iac',
    passed: result.mandatoryFailures === 0,
    mandatoryFailures: result.mandatoryFailures,
    unchecked: result.unchecked,
    counts: result.counts,
    environments: result.environments,
    findings: result.findings.map((f) => ({ ...f, message: redactSecretText(f.message) })),
    unusedSuppressions: result.unusedSuppressions,
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
