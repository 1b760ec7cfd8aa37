/**
 * Markdown report for pull-request comments: verdict, a table per environment, failures, then unknown
 * and suppressed findings folded away. Every input string is inert text (`policies/inert-text.ts`: the
 * comment is attacker-controlled in a pull request); tables have three columns so they fit a PR page.
 * Stays under GitHub's 65,536-character comment limit.
 */
import type { EvaluationResult, Finding } from '../evaluate';
import { code, text as inert } from '../inert-text';
import { judgedAs, verdict } from './shared';

/** GitHub's limit on one comment, with room for a footer. */
const MAX_CHARS = 60_000;

function row(f: Finding): string {
  const gate = f.result === 'fail' ? (f.mandatory ? 'mandatory' : 'advisory') : f.result;
  return `| ${code(f.ruleId, 40)} | ${f.severity}, ${gate} | ${inert(f.environment, 60)}: ${code(f.location.address)} |`;
}

function detail(f: Finding): string {
  const construct = f.location.constructPath ? ` (${code(f.location.constructPath)})` : '';
  const note = f.suppression ? ` Suppressed: ${inert(f.suppression.reason, 300)}` : '';
  return `- ${code(f.ruleId, 40)} ${inert(f.environment, 60)}: ${code(f.location.address)}${construct}: ${inert(f.message, 300)}${note}`;
}

const HEADER = ['| Rule | Severity | Where |', '|---|---|---|'];

function table(findings: readonly Finding[]): string[] {
  return [
    ...HEADER,
    ...findings.map(row),
    '',
    '<details><summary>What they found</summary>',
    '',
    ...findings.map(detail),
    '',
    '</details>',
  ];
}

/** Renders the Markdown report. */
export function renderMarkdown(result: EvaluationResult): string {
  const icon = result.mandatoryFailures === 0 ? '✅' : '❌';
  const out: string[] = [`### ${icon} acr-iac policy: ${verdict(result)}`, ''];
  out.push(
    '| Environment | Enforcement | Posture | Pass | Fail | Unknown | Suppressed |',
    '|---|---|---|---|---|---|---|',
  );
  for (const env of result.environments) {
    const of = (r: Finding['result']): number =>
      result.findings.filter((f) => f.environment === env.name && f.result === r).length;
    out.push(
      `| ${inert(env.name, 60)} | ${env.enforcement} | ${env.posture} | ${of('pass')} | ${of('fail')} | ${of('unknown')} | ${of('suppressed')} |`,
    );
  }
  out.push('');
  for (const env of result.environments) {
    out.push(`- ${inert(judgedAs(env))}`);
    if (env.notice) out.push(`  - ⚠️ ${inert(env.notice)}`);
    if (!env.checked)
      out.push(
        `  - nothing could be judged in ${inert(env.name, 60)}: every finding is unknown or not applicable`,
      );
  }
  const failures = result.findings.filter((f) => f.result === 'fail');
  const unknown = result.findings.filter((f) => f.result === 'unknown');
  const suppressed = result.findings.filter((f) => f.result === 'suppressed');
  if (failures.length > 0) out.push('', `#### Failures (${failures.length})`, '', ...table(failures));
  if (unknown.length > 0)
    out.push(
      '',
      `<details><summary>Known only after apply (${unknown.length})</summary>`,
      '',
      ...table(unknown),
      '',
      '</details>',
    );
  if (suppressed.length > 0)
    out.push(
      '',
      `<details><summary>Suppressed (${suppressed.length})</summary>`,
      '',
      ...table(suppressed),
      '',
      '</details>',
    );
  if (result.unusedSuppressions.length > 0) {
    out.push('', `#### Unused suppressions (${result.unusedSuppressions.length})`, '');
    for (const u of result.unusedSuppressions)
      out.push(`- ${code(u.suppression.ruleId, 40)} (${inert(u.suppression.declaredAt)}): ${u.note}`);
  }
  let text = `${out.join('\n')}\n`;
  if (text.length > MAX_CHARS) {
    const cut = text.lastIndexOf('\n', MAX_CHARS);
    text = `${text.slice(0, cut)}\n\n_Report truncated to fit a pull-request comment; run \`acr-iac check --format text\` for all findings._\n`;
  }
  return text;
}
