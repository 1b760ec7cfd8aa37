/**
 * Renders the one pull-request comment: hidden marker, danger block, per-stack summary, policy, cost, then
 * folded details. Every input string goes through `markdown.ts` (inert text, capped). The comment stays
 * under `maxLength` (at most GitHub's 65,536 characters): the danger block comes first and is complete
 * (a very long list is shortened per category only when it alone would not fit, each category and its
 * count kept); then details are trimmed, then the policy lists and the cost table, each with a note.
 * Output is deterministic: no timestamps, no absolute paths, stable order.
 */
import type { ChangeSet, ChangeSource } from './changes';
import { COUNTED_ACTIONS, countActions, hasChanges, isChange } from './changes';
import type { CostEstimate, CostSide, StackCost } from './cost';
import type { Danger } from './danger';
import { DANGER_KINDS, DANGER_TITLES } from './danger';
import { code, MAX_VALUE_LENGTH, plural, text, usd } from './markdown';
import type { PolicySummary } from './policy-summary';
import { resourceDetails, stackHeading } from './render-details';
import { policyBlock } from './render-policy';

/** The hidden marker CI looks for to update the comment instead of adding one. */
export const COMMENT_MARKER = '<!-- acr-iac-preview -->';

/** GitHub's limit on one issue or pull-request comment, in characters (FACTS.md section 8). */
export const GITHUB_COMMENT_LIMIT = 65_536;

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

/**
 * How the danger block shrinks when it alone would not fit: first shorter values (code points per
 * value), every entry kept; only then fewer entries per category (each category and its count kept).
 */
const DANGER_FORMS: readonly { readonly entries: number; readonly valueMax: number }[] = [
  { entries: Infinity, valueMax: MAX_VALUE_LENGTH },
  { entries: Infinity, valueMax: 80 },
  { entries: Infinity, valueMax: 40 },
  { entries: 50, valueMax: 40 },
  { entries: 20, valueMax: 40 },
  { entries: 5, valueMax: 40 },
  { entries: 1, valueMax: 40 },
];

/** Room the danger block leaves for the rest (summary, notes, the trimmed notice). */
const AFTER_DANGER_RESERVE = 3_000;

/** Room kept for the trimmed notice. */
const NOTICE_RESERVE = 400;

/** The Markdown comment for a report; never longer than `maxLength` (capped at GITHUB_COMMENT_LIMIT). */
export function renderComment(report: PreviewReport, options: RenderOptions = {}): string {
  const maxLength = Math.min(options.maxLength ?? DEFAULT_MAX_LENGTH, GITHUB_COMMENT_LIMIT - 1);
  const top = `${COMMENT_MARKER}\n## acr-iac preview\n\n`;
  let danger = '';
  for (const form of DANGER_FORMS) {
    danger = dangerBlock(report.dangers, form.entries, form.valueMax);
    if (top.length + danger.length <= maxLength - AFTER_DANGER_RESERVE) break;
  }
  let head = top + danger;
  // Sections in order of importance, each with a short form for when the full one does not fit.
  const sections: readonly [string, string][] = [
    [summaryBlock(report.changeSets), '### Changes\n\n_Trimmed to stay under the comment size limit._\n\n'],
    [policyBlock(report.policy, report.policyNote), policyBlock(report.policy, report.policyNote, true)],
    [costBlock(report.cost), ''],
  ];
  for (const [full, short] of sections) {
    const fits = (part: string): boolean => head.length + part.length <= maxLength - NOTICE_RESERVE;
    head += fits(full) ? full : fits(short) ? short : '';
  }
  const comment = head + detailsBlock(report.changeSets, maxLength - head.length - NOTICE_RESERVE);
  return comment.length <= maxLength ? comment : cut(comment, maxLength);
}

/** Last resort: cut at a line end, closing an open `<details>`, with a note. */
function cut(comment: string, maxLength: number): string {
  const note =
    '\n\n</details>\n\n> **Comment cut** at the size limit; run `acr-iac preview` locally for all of it.\n';
  const end = comment.lastIndexOf('\n', maxLength - note.length);
  return comment.slice(0, Math.max(end, 0)) + note;
}

function dangerBlock(dangers: readonly Danger[], cap: number, valueMax: number): string {
  if (dangers.length === 0) return '';
  const lines = [
    '> [!CAUTION]',
    `> **${plural(dangers.length, 'change')} could lose data, access or protection.** Review them before merging.`,
    '',
    '### Danger',
    '',
  ];
  for (const kind of DANGER_KINDS) {
    const items = dangers.filter((d) => d.kind === kind);
    if (items.length === 0) continue;
    lines.push(`**${DANGER_TITLES[kind]}** (${items.length})`, '');
    for (const d of items.slice(0, cap)) lines.push(dangerLine(d, valueMax));
    if (items.length > cap)
      lines.push(`- … and ${items.length - cap} more of this kind (run \`acr-iac preview\` locally)`);
    lines.push('');
  }
  return `${lines.join('\n')}\n`;
}

function dangerLine(d: Danger, valueMax: number): string {
  const severity = d.severity ? `**${d.severity}** ` : '';
  const value = (v: string | undefined): string => (v !== undefined ? code(v, valueMax) : '(none)');
  const change =
    d.before !== undefined || d.after !== undefined ? ` (${value(d.before)} → ${value(d.after)})` : '';
  const why = d.why ? `: ${text(d.why, 300)}` : '';
  return `- ${severity}${text(d.stack, 60)}: ${code(d.address, valueMax)}: ${text(d.message, valueMax + 100)}${change}${why}`;
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
    const forgotten = stacks.filter((s) => s.after.forgotten > 0).map(forgottenLine);
    if (forgotten.length > 0) lines.push('', ...forgotten);
  }
  lines.push(
    '',
    `_Estimate only (USD, list prices of ${cost.priceTableDate}; storage assumed: ${storage}; each geo-replica billed as a Premium registry). Not a quote._`,
  );
  return `${lines.join('\n')}\n\n`;
}

/** A forgotten registry leaves the stack, not Azure: its bill goes on (cost.ts counts it on both sides). */
function forgottenLine(s: StackCost): string {
  const several = s.after.forgotten > 1;
  const what = plural(s.after.forgotten, 'forgotten registry', 'forgotten registries');
  return `- ${text(s.stack)}: ${what} ${several ? 'stay' : 'stays'} in Azure and ${several ? 'keep' : 'keeps'} costing (counted before and after; no longer managed by this stack).`;
}

function side(cost: CostSide): string {
  if (cost.registries === 0) return '-';
  const unknown = cost.unknownSku > 0 ? `, ${cost.unknownSku} of unknown SKU` : '';
  const forgotten = cost.forgotten > 0 ? `, ${cost.forgotten} forgotten` : '';
  return `${usd(cost.totalUsd)} (${plural(cost.registries, 'registry', 'registries')}, ${plural(cost.replicas, 'replica')}${unknown}${forgotten})`;
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
