/**
 * Renders the one pull-request comment: hidden marker, danger block, per-stack summary, policy, cost, then
 * folded details. The comment stays under `maxLength` by trimming details only; the summary and the
 * danger block are never cut (a very long danger list is shortened per category, each category and its
 * count kept). Output is deterministic: no timestamps, no absolute paths, stable order.
 */
import type { ChangeSet, ChangeSource } from './changes';
import { COUNTED_ACTIONS, countActions, hasChanges, isChange } from './changes';
import type { CostEstimate, CostSide } from './cost';
import type { Danger } from './danger';
import { DANGER_KINDS, DANGER_TITLES } from './danger';
import { code, plural, text, usd } from './markdown';
import type { PolicySummary } from './policy-summary';
import { severityRank } from './policy-summary';
import { resourceDetails, stackHeading } from './render-details';

/** The hidden marker CI looks for to update the comment instead of adding one. */
export const COMMENT_MARKER = '<!-- acr-iac-preview -->';

/** Default size limit: under GitHub's 65,536-character comment limit, with room to spare. */
export const DEFAULT_MAX_LENGTH = 60_000;

/** Everything the comment shows, already computed. */
export interface PreviewReport {
  readonly changeSets: readonly ChangeSet[];
  readonly dangers: readonly Danger[];
  readonly cost: CostEstimate;
  /** The policy result for the head state; undefined when not evaluated. */
  readonly policy?: PolicySummary;
  /** A caveat about the policy result (why it was not evaluated, what it did not cover). */
  readonly policyNote?: string;
}

/** Options of `renderComment`. */
export interface RenderOptions {
  /** @default DEFAULT_MAX_LENGTH */
  readonly maxLength?: number;
}

const SOURCE_LABELS: Readonly<Record<ChangeSource, string>> = {
  'terraform-plan': 'Terraform plan',
  'pulumi-preview': 'Pulumi preview',
  'synth-diff': 'synth diff',
};

/** Danger items listed per category before the rest are only counted, from generous to terse. */
const DANGER_CAPS = [50, 20, 5, 1];

/** Most failing policy findings listed. */
const MAX_POLICY_ROWS = 50;

/** Room kept for the trimmed notice. */
const NOTICE_RESERVE = 400;

/** The Markdown comment for a report. */
export function renderComment(report: PreviewReport, options: RenderOptions = {}): string {
  const maxLength = options.maxLength ?? DEFAULT_MAX_LENGTH;
  const tail = [
    summaryBlock(report.changeSets),
    policyBlock(report.policy, report.policyNote),
    costBlock(report.cost),
  ].join('');
  let head = '';
  for (const cap of DANGER_CAPS) {
    head = `${COMMENT_MARKER}\n## acr-iac preview\n\n${dangerBlock(report.dangers, cap)}${tail}`;
    if (head.length <= maxLength * 0.75) break;
  }
  return head + detailsBlock(report.changeSets, maxLength - head.length - NOTICE_RESERVE);
}

function dangerBlock(dangers: readonly Danger[], cap: number): string {
  if (dangers.length === 0) return '';
  const lines = [
    '> [!CAUTION]',
    `> **${plural(dangers.length, 'change')} could lose data or access.** Review them before merging.`,
    '',
    '### Danger',
    '',
  ];
  for (const kind of DANGER_KINDS) {
    const items = dangers.filter((d) => d.kind === kind);
    if (items.length === 0) continue;
    lines.push(`**${DANGER_TITLES[kind]}** (${items.length})`, '');
    for (const d of items.slice(0, cap))
      lines.push(`- ${text(d.stack)}: ${code(d.address)}: ${text(d.message)}`);
    if (items.length > cap) lines.push(`- … and ${items.length - cap} more of this kind`);
    lines.push('');
  }
  return `${lines.join('\n')}\n`;
}

function summaryBlock(changeSets: readonly ChangeSet[]): string {
  const changed = changeSets.filter(hasChanges);
  const unchanged = changeSets.filter((set) => !hasChanges(set));
  const lines = ['### Changes', ''];
  if (changed.length > 0) {
    lines.push('| Stack | Source | Create | Update | Replace | Delete |', '|---|---|--:|--:|--:|--:|');
    for (const set of changed) {
      const counts = countActions(set);
      lines.push(
        `| ${text(set.stack)} | ${SOURCE_LABELS[set.source]} | ${COUNTED_ACTIONS.map((a) => counts[a]).join(' | ')} |`,
      );
    }
    lines.push('');
    if (unchanged.length > 0)
      lines.push(`No changes: ${unchanged.map((set) => text(set.stack)).join(', ')}.`, '');
  } else {
    lines.push('No changes in any stack.', '');
  }
  for (const set of changed) {
    const counts = countActions(set);
    const others = (['import', 'forget'] as const)
      .filter((a) => counts[a] > 0)
      .map((a) => `${counts[a]} ${a}`);
    if (others.length > 0)
      lines.push(`- ${text(set.stack)} also: ${others.join(', ')} (no change in Azure).`);
  }
  for (const set of changeSets)
    for (const note of set.notes) lines.push(`- ${text(set.stack)}: ${text(note)}`);
  if (changeSets.some((set) => set.source === 'synth-diff' && hasChanges(set))) {
    lines.push('- Synth diff: computed offline from the synthesized configuration, without a plan.');
  }
  return `${lines.join('\n').trimEnd()}\n\n`;
}

function policyBlock(policy: PolicySummary | undefined, note: string | undefined): string {
  const heading = '### Policy (head)\n\n';
  const noted = note ? `_${text(note)}_\n\n` : '';
  if (!policy) return `${heading}Policy: not evaluated.\n\n${noted}`;
  const others = otherResults(policy);
  if (policy.failing.length === 0)
    return `${heading}No failing rules${others ? ` (${others})` : ''}.\n\n${noted}`;
  const severities = Object.keys(policy.counts).sort(
    (a, b) => severityRank(a) - severityRank(b) || (a < b ? -1 : 1),
  );
  const mandatory = policy.failing.filter((f) => f.mandatory === true).length;
  const lines = [
    `Failing: ${severities.map((s) => `${policy.counts[s]} ${text(s)}`).join(', ')}${mandatory > 0 ? ` (${mandatory} mandatory)` : ''}.${others ? ` Also ${others}.` : ''}`,
    '',
    '| Rule | Severity | Gate | Environment | Resource | Finding |',
    '|---|---|---|---|---|---|',
  ];
  for (const f of policy.failing.slice(0, MAX_POLICY_ROWS)) {
    const gate = f.mandatory === undefined ? '' : f.mandatory ? 'mandatory' : 'advisory';
    lines.push(
      `| ${code(f.ruleId)} | ${text(f.severity)} | ${gate} | ${text(f.environment)} | ${code(f.resource)} | ${text(f.message ? `${f.title}: ${f.message}` : f.title)} |`,
    );
  }
  if (policy.failing.length > MAX_POLICY_ROWS) {
    lines.push(`| … ${policy.failing.length - MAX_POLICY_ROWS} more failing findings | | | | | |`);
  }
  return `${heading}${lines.join('\n')}\n\n${noted}`;
}

function otherResults(policy: PolicySummary): string {
  const parts: string[] = [];
  if (policy.passed) parts.push(`${policy.passed} passed`);
  if (policy.unknown) parts.push(`${policy.unknown} unknown`);
  if (policy.suppressed) parts.push(`${policy.suppressed} suppressed`);
  return parts.join(', ');
}

function costBlock(cost: CostEstimate): string {
  const stacks = cost.stacks.filter((s) => s.before.registries + s.after.registries > 0);
  const storage =
    cost.storageGiB !== undefined
      ? `${cost.storageGiB} GiB stored per registry`
      : "each tier's included storage";
  const lines = ['### Estimated monthly cost', ''];
  if (stacks.length === 0) {
    lines.push('No registries in these stacks.');
  } else {
    lines.push('| Stack | Before | After | Change |', '|---|--:|--:|--:|');
    for (const s of stacks) {
      const delta = s.after.totalUsd - s.before.totalUsd;
      const change = delta === 0 ? 'none' : `${delta > 0 ? '+' : ''}${usd(delta)}`;
      lines.push(`| ${text(s.stack)} | ${side(s.before)} | ${side(s.after)} | ${change} |`);
    }
  }
  lines.push(
    '',
    `_Estimate only (USD, list prices of ${cost.priceTableDate}; storage assumed: ${storage}; each geo-replica billed as a Premium registry). Not a quote._`,
  );
  return `${lines.join('\n')}\n\n`;
}

function side(cost: CostSide): string {
  if (cost.registries === 0) return '-';
  const unknown = cost.unknownSku > 0 ? `, ${cost.unknownSku} of unknown SKU` : '';
  return `${usd(cost.totalUsd)} (${plural(cost.registries, 'registry', 'registries')}, ${plural(cost.replicas, 'replica')}${unknown})`;
}

function detailsBlock(changeSets: readonly ChangeSet[], budget: number): string {
  const changed = changeSets.filter(hasChanges);
  if (changed.length === 0) return '';
  let remaining = budget;
  let omitted = 0;
  const parts: string[] = [];
  changed.forEach((set, index) => {
    // Each stack gets a fair share of what is left, so one huge stack cannot crowd out the others.
    let share = Math.floor(remaining / (changed.length - index));
    const resources = set.resources.filter(isChange);
    const blocks: string[] = [];
    let shown = 0;
    for (const resource of resources) {
      const block = resourceDetails(resource);
      if (block.length > share) break;
      blocks.push(block);
      share -= block.length;
      shown += 1;
    }
    const heading = stackHeading(set);
    const rest = resources.length - shown;
    const more = rest > 0 ? `_${plural(rest, 'more changed resource')} not shown._\n\n` : '';
    const part = heading + blocks.join('') + more;
    parts.push(part);
    remaining -= part.length;
    omitted += rest;
  });
  const total = changed.reduce((n, set) => n + set.resources.filter(isChange).length, 0);
  const notice =
    omitted > 0
      ? `> **Details trimmed** to stay under the comment size limit: ${omitted} of ${plural(total, 'changed resource')} not shown. The summary and danger block above are complete; run \`acr-iac preview\` locally for everything.\n\n`
      : '';
  return `### Details\n\n${notice}${parts.join('')}`;
}
