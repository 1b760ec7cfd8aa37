/**
 * Turns `terraform show -json <planfile>` output (FACTS.md section 8) into a change set. The plan is read
 * by the one plan reader `check` uses too (policies/inventory/plan/document.ts), element by element:
 * each change is redacted and reduced to what the comment needs as soon as it is read. Only
 * `resource_changes` is used: `prior_state`, `configuration`, `variables` and `output_changes` can hold
 * secrets and say nothing the preview needs.
 */
import type { PlanChange, PlanRead, PlanReadOptions } from '../policies/inventory/plan/document';
import { neutralAction, reasonsOf } from '../policies/inventory/plan/actions';
import type { JsonObject, JsonValue, ResourceChange } from './changes';
import { isObject } from './changes';
import { formatPath, maskedPaths } from './paths';
import { applySensitiveMask, redactKnownSecrets } from './redact';
import { shareWith } from './share';
import type { ValueBudget } from './value-budget';

export { ACTION_REASONS } from '../policies/inventory/plan/actions';

/** Options of the Terraform plan readers. */
export interface TerraformPlanOptions {
  /** Construct paths by Terraform address (from a synthesized tree), to link changes to constructs. */
  readonly constructPaths?: ReadonlyMap<string, string>;
}

/** True when a parsed document looks like Terraform JSON output (plan or state). */
export function looksLikeTerraform(document: unknown): boolean {
  return (
    isObject(document) &&
    typeof document.format_version === 'string' &&
    ('resource_changes' in document || 'planned_values' in document || 'terraform_version' in document)
  );
}

/** How the preview reads each change of a plan: redacted, values kept as `budget` allows. */
export function terraformPlanOptions(
  options: TerraformPlanOptions,
  budget: ValueBudget,
): PlanReadOptions<ResourceChange> {
  return { change: (change) => toResourceChange(change, options, budget) };
}

/** The notes a plan's flags call for. */
export function terraformPlanNotes(plan: PlanRead<unknown>): string[] {
  const notes: string[] = [];
  if (plan.errored) notes.push('Terraform reported errors while planning: the plan is incomplete.');
  if (!plan.complete) notes.push('The plan is not complete: some changes are deferred to a later run.');
  return notes;
}

function toResourceChange(
  change: PlanChange,
  options: TerraformPlanOptions,
  budget: ValueBudget,
): ResourceChange {
  const type = change.parsed.type;
  const { action, replaceOrder, reasons } = neutralAction(change.action, change.importing);
  const address =
    change.deposed === undefined ? change.address : `${change.address} (deposed ${change.deposed})`;
  const keep = budget.keeps(type, action, change.bytes);
  const beforeValues = keep
    ? redactObject(type, applySensitiveMask(change.before as JsonValue | undefined, change.beforeSensitive))
    : undefined;
  const after = keep
    ? redactObject(type, applySensitiveMask(change.after as JsonValue | undefined, change.afterSensitive))
    : undefined;
  // One copy of what the change leaves alone: the unchanged parts of `before` become `after`'s, which
  // (redaction is copy on write) are the plan's own values, the ones the head policy keeps too.
  const before = beforeValues && shareWith(after, beforeValues);
  const constructPath = options.constructPaths?.get(change.address);
  return {
    address,
    type,
    name: change.name,
    action,
    ...(replaceOrder ? { replaceOrder } : {}),
    ...(before ? { before } : {}),
    ...(after ? { after } : {}),
    unknownAfter: action === 'delete' || !keep ? [] : maskedPaths(change.afterUnknown),
    replacePaths: change.replacePaths.map((path) => formatPath(path)),
    reasons: [...reasonsOf(change.actionReason), ...reasons],
    ...(constructPath ? { constructPath } : {}),
  };
}

function redactObject(type: string, value: JsonValue | undefined): JsonObject | undefined {
  return isObject(value) ? redactKnownSecrets(type, value) : undefined;
}
