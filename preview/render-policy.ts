/**
 * The policy section of the comment. With a base it leads with what THIS change does: new failures in
 * a narrow table (rule, severity, where), then what they found, fixed failures and the unchanged ones
 * (failing on the base too) folded into `<details>`. Without a base it lists the head's failures the
 * same way. Three columns keep the table inside a PR page; rule IDs never wrap.
 */
import { code, plural, text } from './markdown';
import type { PolicyFailure, PolicySummary } from './policy-summary';
import { severityRank } from './policy-summary';

/** Most failures listed per list. */
const MAX_ROWS = 50;

/** The policy section, or its one-line form when `compact` (the comment is near its size limit). */
export function policyBlock(
  policy: PolicySummary | undefined,
  note: string | undefined,
  compact = false,
): string {
  const heading = policy?.delta ? '### Policy (this change)\n\n' : '### Policy (head)\n\n';
  const noted = note ? `_${text(note, 500)}_\n\n` : '';
  if (!policy) return `${heading}Policy: not evaluated.\n\n${noted}`;
  const lines = [headline(policy), ''];
  if (compact) {
    lines.push('_Failure lists trimmed to stay under the comment size limit; run `acr-iac check` for them._');
    return `${heading}${lines.join('\n')}\n\n${noted}`;
  }
  const delta = policy.delta;
  if (delta) {
    if (delta.new.length > 0) lines.push(`**New failures (${delta.new.length})**`, '', ...listing(delta.new));
    if (delta.fixed.length > 0)
      lines.push(...folded(`Fixed by this change (${delta.fixed.length})`, findings(delta.fixed)));
    if (delta.unchanged.length > 0)
      lines.push(
        ...folded(`Unchanged: failing on the base too (${delta.unchanged.length})`, [
          ...table(delta.unchanged),
          '',
          ...findings(delta.unchanged),
        ]),
      );
  } else if (policy.failing.length > 0) {
    lines.push(...listing(policy.failing));
  }
  return `${heading}${lines.join('\n').trimEnd()}\n\n${noted}`;
}

function headline(policy: PolicySummary): string {
  const others = otherResults(policy);
  const mandatory = (list: readonly PolicyFailure[]): string => {
    const n = list.filter((f) => f.mandatory === true).length;
    return n > 0 ? ` (${n} mandatory)` : '';
  };
  if (policy.delta) {
    const { delta } = policy;
    const parts = [
      `${plural(delta.new.length, 'new failure')}${mandatory(delta.new)}`,
      `${delta.fixed.length} fixed`,
      `${delta.unchanged.length} unchanged`,
    ];
    return `${delta.new.length > 0 ? '**' : ''}${parts[0]}${delta.new.length > 0 ? '**' : ''}, ${parts.slice(1).join(', ')}.${others ? ` Head: ${others}.` : ''}`;
  }
  if (policy.failing.length === 0) return `No failing rules${others ? ` (${others})` : ''}.`;
  const severities = Object.keys(policy.counts).sort(
    (a, b) => severityRank(a) - severityRank(b) || (a < b ? -1 : 1),
  );
  return `Failing: ${severities.map((s) => `${policy.counts[s]} ${text(s)}`).join(', ')}${mandatory(policy.failing)}.${others ? ` Also ${others}.` : ''}`;
}

/** The table and what each failure found, folded. */
function listing(failures: readonly PolicyFailure[]): string[] {
  return [...table(failures), '', ...folded(`What they found (${failures.length})`, findings(failures))];
}

function table(failures: readonly PolicyFailure[]): string[] {
  const rows = ['| Rule | Severity | Where |', '|---|---|---|'];
  for (const f of failures.slice(0, MAX_ROWS)) {
    // Table cells stay short (tables do not wrap on a PR page); the list below has the full address.
    rows.push(`| ${code(f.ruleId, 20)} | ${text(f.severity, 20)}${gate(f)} | ${where(f, 60)} |`);
  }
  if (failures.length > MAX_ROWS) rows.push(`| … | | ${failures.length - MAX_ROWS} more |`);
  return rows;
}

function findings(failures: readonly PolicyFailure[]): string[] {
  const out = failures.slice(0, MAX_ROWS).map((f) => {
    const found = f.message ? `: ${text(f.message, 300)}` : '';
    return `- ${code(f.ruleId, 40)} ${text(f.title, 120)}. ${where(f)}${found}`;
  });
  if (failures.length > MAX_ROWS) out.push(`- … ${failures.length - MAX_ROWS} more`);
  return out;
}

function where(f: PolicyFailure, max?: number): string {
  const env = text(f.environment, 40);
  return f.resource ? `${env}: ${code(f.resource, max)}` : env;
}

function gate(f: PolicyFailure): string {
  if (f.mandatory === undefined) return '';
  return f.mandatory ? ', mandatory' : ', advisory';
}

function folded(summary: string, body: readonly string[]): string[] {
  return [`<details><summary>${summary}</summary>`, '', ...body, '', '</details>', ''];
}

function otherResults(policy: PolicySummary): string {
  const parts: string[] = [];
  if (policy.passed) parts.push(`${policy.passed} passed`);
  if (policy.unknown) parts.push(`${policy.unknown} unknown`);
  if (policy.suppressed) parts.push(`${policy.suppressed} suppressed`);
  return parts.join(', ');
}
