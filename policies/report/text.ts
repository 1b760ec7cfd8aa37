/**
 * Plain-text report for terminals and CI logs: failures, unknowns and suppressed findings per
 * environment, unused suppressions, counts and the verdict.
 */
import type { EvaluationResult, Finding } from '../evaluate';
import { redactSecretText } from '../redact';
import { judgedAs, notable, resourceLabel, verdict } from './shared';

const LABEL: Readonly<Record<Finding['result'], string>> = {
  fail: 'FAIL',
  unknown: 'UNKNOWN',
  suppressed: 'SUPPRESSED',
  pass: 'PASS',
  'not-applicable': 'N/A',
};

function line(f: Finding): string {
  const gate = f.result === 'fail' ? (f.mandatory ? ' (mandatory)' : ' (advisory)') : '';
  const lines = [
    `  ${LABEL[f.result]} ${f.ruleId} [${f.severity}]${gate} ${f.title}: ${f.message}`,
    `      at ${f.location.file} ${resourceLabel(f)}`,
  ];
  if (f.suppression)
    lines.push(
      `      suppressed (${f.suppression.origin}, ${f.suppression.declaredAt}): ${f.suppression.reason}`,
    );
  return redactSecretText(lines.join('\n'));
}

/** Renders the text report. */
export function renderText(result: EvaluationResult): string {
  const shown = notable(result);
  const out: string[] = [];
  for (const env of result.environments) {
    const findings = shown.filter((f) => f.environment === env.name);
    out.push(
      `${env.name} (${env.enforcement}, ${env.posture} posture, ${env.registries} registr${env.registries === 1 ? 'y' : 'ies'}): ${env.files.join(', ')}`,
    );
    out.push(`  judged as: ${judgedAs(env)}`);
    if (env.notice) out.push(`  notice: ${env.notice}`);
    if (!env.checked) out.push('  nothing could be judged here: every finding is unknown or not applicable');
    out.push(findings.length === 0 ? '  no failures' : findings.map(line).join('\n'));
  }
  const orphans = shown.filter((f) => !result.environments.some((e) => e.name === f.environment));
  if (orphans.length > 0) out.push('other environments:', orphans.map(line).join('\n'));
  if (result.unusedSuppressions.length > 0) {
    out.push('unused suppressions:');
    for (const u of result.unusedSuppressions) {
      const s = u.suppression;
      const scope = [s.environment, s.address, s.constructPath].filter(Boolean).join(' ');
      out.push(`  ${s.ruleId} ${scope} (${s.origin}, ${s.declaredAt}): ${u.note}`);
    }
  }
  const c = result.counts;
  out.push(
    `${c.pass} passed, ${c.fail} failed, ${c.unknown} unknown, ${c.suppressed} suppressed, ${c['not-applicable']} not applicable`,
  );
  out.push(verdict(result));
  return `${out.join('\n')}\n`;
}
