/**
 * Turns `terraform show -json <planfile>` output (FACTS.md section 8) into a change set. The plan is read
 * by the one plan reader `check` uses too (policies/inventory/plan/document.ts), element by element:
 * each change is redacted and reduced to what the comment needs as soon as it is read. Only
 * `resource_changes` is used, and of `configuration` only the references of the attributes the preview
 * follows when they are known only after apply (`ATTRIBUTES_FOLLOWED`): `prior_state`, the
 * configuration's values, `variables` and `output_changes` can hold secrets and say nothing the
 * preview needs.
 */
import type { PlanChange, PlanRead, PlanReadOptions } from '../policies/inventory/plan/document';
import type { ConfigModule } from '../policies/inventory/plan/types';
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
  return { change: (change) => toResourceChange(change, options, budget), configuration: true };
}

/**
 * Attributes whose configuration reference the preview follows when the plan knows them only after
 * apply: a role assignment's role, created in the same apply (`azurerm_role_definition.x.role_definition_resource_id`).
 */
const ATTRIBUTES_FOLLOWED: Readonly<Record<string, readonly string[]>> = {
  azurerm_role_assignment: ['role_definition_id'],
};

/** Roots of references that name no resource (`var.x`, `local.y`, `each.value`, `module.m.out`). */
const NOT_RESOURCES: ReadonlySet<string> = new Set([
  'var',
  'local',
  'each',
  'count',
  'path',
  'module',
  'terraform',
  'self',
]);

/** The module path of an address (`module.a["x"].module.b.azurerm_x.y` -> `module.a["x"].module.b.`). */
function modulePrefix(address: string): string {
  const match = /^((?:module\.[A-Za-z0-9_-]+(?:\[[^\]]*\])?\.)*)/.exec(address);
  return match ? match[1] : '';
}

/** The configuration module a module path (with instance keys) is in. */
function configurationAt(root: ConfigModule, prefix: string): ConfigModule | undefined {
  let module: ConfigModule | undefined = root;
  for (const match of prefix.matchAll(/module\.([A-Za-z0-9_-]+)(?:\[[^\]]*\])?\./g))
    module = module?.module_calls?.[match[1]]?.module;
  return module;
}

/**
 * `changes` with, for each attribute of ATTRIBUTES_FOLLOWED known only after apply, the resource its
 * configuration references when that is exactly one resource of the change set.
 */
export function withConfigurationReferences(
  changes: readonly ResourceChange[],
  configuration: ConfigModule | undefined,
): ResourceChange[] {
  if (!configuration) return [...changes];
  const addresses = new Set(changes.map((c) => c.address));
  return changes.map((change) => {
    const followed = ATTRIBUTES_FOLLOWED[change.type];
    if (!followed || !followed.some((a) => change.unknownAfter.includes(a))) return change;
    const prefix = modulePrefix(change.address);
    const local = change.address.slice(prefix.length).replace(/\[[^\]]*\]$/, '');
    const resource = configurationAt(configuration, prefix)?.resources?.find((r) => r.address === local);
    const expressions = resource?.expressions as Record<string, { references?: unknown }> | undefined;
    const references: Record<string, string> = {};
    for (const attribute of followed) {
      if (!change.unknownAfter.includes(attribute)) continue;
      const refs = expressions?.[attribute]?.references;
      if (!Array.isArray(refs)) continue;
      // An attribute reference (`type.name.attribute`, `data.type.name.attribute`) names its resource.
      const targets = new Set(
        refs
          .filter((r): r is string => typeof r === 'string')
          .map((r) => r.split('.'))
          .filter((parts) => parts.length >= (parts[0] === 'data' ? 4 : 3) && !NOT_RESOURCES.has(parts[0]))
          .map((parts) => `${prefix}${parts.slice(0, parts[0] === 'data' ? 3 : 2).join('.')}`),
      );
      const [target] = targets;
      if (targets.size === 1 && addresses.has(target)) references[attribute] = target;
    }
    return Object.keys(references).length > 0 ? { ...change, references } : change;
  });
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
