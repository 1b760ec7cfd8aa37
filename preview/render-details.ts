/**
 * The folded per-resource part of the comment: one `<details>` block per changed resource with its
 * attribute changes. These blocks are what the renderer trims when the comment grows too long.
 */
import type { ChangeSet, JsonValue, ResourceChange } from './changes';
import { isChange, sameJson } from './changes';
import { code, text, valueCell } from './markdown';
import { flatten, isUnder } from './paths';

/** Most attribute rows shown for one resource. */
const MAX_ROWS = 150;

/**
 * Longest value (code points) that goes into a table cell. A PR page lays tables out at their content's
 * width (scrolling sideways), while list items wrap: longer values are listed instead.
 */
const MAX_CELL = 48;

/** What a value known only after apply is shown as. */
export const KNOWN_AFTER_APPLY = '(known after apply)';

/** One changed attribute of a resource. */
export interface AttributeChange {
  readonly path: string;
  readonly before?: JsonValue | undefined;
  readonly after?: JsonValue | undefined;
  readonly unknown: boolean;
  readonly forcesReplacement: boolean;
}

/** The attributes a change touches, in document order (unknown values last). */
export function attributeChanges(resource: ResourceChange): AttributeChange[] {
  if (!isChange(resource) || resource.action === 'import' || resource.action === 'forget') return [];
  const before = resource.action === 'create' ? new Map<string, JsonValue>() : flatten(resource.before);
  const after = resource.action === 'delete' ? new Map<string, JsonValue>() : flatten(resource.after);
  const unknown = resource.action === 'delete' ? [] : resource.unknownAfter;
  const forces = (path: string): boolean => resource.replacePaths.some((forced) => isUnder(path, forced));
  const out: AttributeChange[] = [];
  for (const path of new Set([...before.keys(), ...after.keys()])) {
    if (unknown.some((prefix) => isUnder(path, prefix))) continue;
    const was = before.get(path);
    const will = after.get(path);
    if (sameJson(was, will)) continue;
    out.push({ path, before: was, after: will, unknown: false, forcesReplacement: forces(path) });
  }
  for (const path of unknown) {
    out.push({ path, before: before.get(path), unknown: true, forcesReplacement: forces(path) });
  }
  return out;
}

/** The heading of a stack's details. */
export function stackHeading(changeSet: ChangeSet): string {
  return `#### ${text(changeSet.stack)}\n\n`;
}

/** The folded block of one resource. */
export function resourceDetails(resource: ResourceChange): string {
  const order = resource.replaceOrder ? ` (${resource.replaceOrder.replace(/-/g, ' ')})` : '';
  const lines = [`<details><summary>${code(resource.address)}: ${resource.action}${order}</summary>`, ''];
  if (resource.constructPath) lines.push(`Construct: ${code(resource.constructPath)}`, '');
  if (resource.replacePaths.length > 0)
    lines.push(`Forced by: ${resource.replacePaths.map(code).join(', ')}`, '');
  if (resource.reasons.length > 0) lines.push(`Why: ${resource.reasons.map(text).join('; ')}.`, '');
  if (resource.action === 'forget')
    // Pulumi type tokens hold colons, Terraform types never do; a retained Pulumi delete is a forget too.
    lines.push(
      `${resource.type.includes(':') ? 'Pulumi' : 'Terraform'} stops managing this resource; it stays in Azure.`,
      '',
    );
  if (resource.action === 'import')
    lines.push('The existing resource is brought under management; Azure is unchanged.', '');
  const changes = attributeChanges(resource);
  if (changes.length > 0) {
    const shown = changes.slice(0, MAX_ROWS);
    const more = changes.length - shown.length;
    if (shown.every(fitsCell)) {
      lines.push('| Attribute | Before | After |', '|---|---|---|', ...shown.map(row));
      if (more > 0) lines.push(`| … ${more} more attributes | | |`);
    } else {
      lines.push(...shown.map(item));
      if (more > 0) lines.push(`- … ${more} more attributes`);
    }
    lines.push('');
  }
  lines.push('</details>', '');
  return `${lines.join('\n')}\n`;
}

function shownLength(value: JsonValue | undefined): number {
  return value === undefined ? 0 : (typeof value === 'string' ? value : JSON.stringify(value)).length;
}

function fitsCell(change: AttributeChange): boolean {
  return Math.max(change.path.length, shownLength(change.before), shownLength(change.after)) <= MAX_CELL;
}

function row(change: AttributeChange): string {
  const marker = change.forcesReplacement ? ' (forces replacement)' : '';
  const after = change.unknown ? `_${KNOWN_AFTER_APPLY}_` : valueCell(change.after);
  return `| ${code(change.path)}${marker} | ${valueCell(change.before)} | ${after} |`;
}

/** One change as a list item: `path`: before → after. */
function item(change: AttributeChange): string {
  const marker = change.forcesReplacement ? ' (forces replacement)' : '';
  const before = change.before === undefined ? '(none)' : valueCell(change.before);
  const after = change.unknown
    ? `_${KNOWN_AFTER_APPLY}_`
    : change.after === undefined
      ? '(none)'
      : valueCell(change.after);
  return `- ${code(change.path)}${marker}: ${before} → ${after}`;
}
