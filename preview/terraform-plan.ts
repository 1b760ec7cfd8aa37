/**
 * Reads `terraform show -json <planfile>` output (FACTS.md section 8) into a change set. Only
 * `resource_changes` is read: `prior_state`, `configuration`, `variables` and `output_changes` can hold
 * secrets and say nothing the preview needs.
 */
import type { ChangeAction, ChangeSet, JsonObject, JsonValue, ReplaceOrder, ResourceChange } from './changes';
import { isObject, sortResources } from './changes';
import { PreviewInputError } from './errors';
import { formatPath, maskedPaths } from './paths';
import { applySensitiveMask, redactKnownSecrets } from './redact';

/** Options of `parseTerraformPlan`. */
export interface TerraformPlanOptions {
  /** Construct paths by Terraform address (from a synthesized tree), to link changes to constructs. */
  readonly constructPaths?: ReadonlyMap<string, string>;
}

/** Plain-words reasons for Terraform's `action_reason` values. */
const ACTION_REASONS: Readonly<Record<string, string>> = {
  replace_because_tainted: 'the object is tainted',
  replace_because_cannot_update: 'cannot be updated in place',
  replace_by_request: 'replacement requested (-replace)',
  replace_by_triggers: 'replace_triggered_by',
  delete_because_no_resource_config: 'no longer in the configuration',
  delete_because_no_module: 'its module is no longer in the configuration',
  delete_because_wrong_repetition: 'count/for_each changed',
  delete_because_count_index: 'count index out of range',
  delete_because_each_key: 'for_each key removed',
  delete_because_no_move_target: 'moved to an address that does not exist',
  read_because_config_unknown: 'configuration known only after apply',
  read_because_dependency_pending: 'depends on a pending change',
};

/** Major versions of the plan JSON format this reader understands. */
const SUPPORTED_MAJORS = new Set([0, 1]);

/** True when a parsed document looks like Terraform JSON output (plan or state). */
export function looksLikeTerraform(document: unknown): boolean {
  return (
    isObject(document) &&
    typeof document.format_version === 'string' &&
    ('resource_changes' in document || 'planned_values' in document || 'terraform_version' in document)
  );
}

/** Turns a parsed plan document into the change set of `stack`; throws `PreviewInputError` when it is not one. */
export function parseTerraformPlan(
  document: unknown,
  stack: string,
  options: TerraformPlanOptions = {},
): ChangeSet {
  if (!isObject(document)) throw new PreviewInputError('not a Terraform plan: expected a JSON object');
  checkFormatVersion(document.format_version);
  if (!('planned_values' in document) && !('resource_changes' in document) && 'values' in document) {
    throw new PreviewInputError('this is Terraform state, not a plan: use `terraform show -json <planfile>`');
  }
  const changes = document.resource_changes ?? [];
  if (!Array.isArray(changes))
    throw new PreviewInputError('not a Terraform plan: resource_changes is not a list');
  const resources = changes.map((entry, index) => readResourceChange(entry, index, options));
  const notes: string[] = [];
  if (document.errored === true)
    notes.push('Terraform reported errors while planning: the plan is incomplete.');
  if (document.complete === false)
    notes.push('The plan is not complete: some changes are deferred to a later run.');
  return { stack, source: 'terraform-plan', resources: sortResources(resources), notes };
}

function checkFormatVersion(version: JsonValue | undefined): void {
  if (typeof version !== 'string') {
    throw new PreviewInputError(
      'not a Terraform plan: format_version is missing (use `terraform show -json`)',
    );
  }
  const major = Number(version.split('.')[0]);
  if (!SUPPORTED_MAJORS.has(major)) {
    throw new PreviewInputError(
      `unsupported Terraform plan format_version "${version}": this tool reads major version 1 (and 0.x)`,
    );
  }
}

function readResourceChange(entry: JsonValue, index: number, options: TerraformPlanOptions): ResourceChange {
  const where = `resource_changes[${index}]`;
  if (!isObject(entry) || typeof entry.address !== 'string' || typeof entry.type !== 'string') {
    throw new PreviewInputError(`not a Terraform plan: ${where} has no address or type`);
  }
  const change = entry.change;
  if (!isObject(change) || !Array.isArray(change.actions)) {
    throw new PreviewInputError(`not a Terraform plan: ${where} (${entry.address}) has no change.actions`);
  }
  const type = entry.type;
  const { action, replaceOrder } = readActions(
    change.actions,
    `${where} (${entry.address})`,
    change.importing,
  );
  const address =
    typeof entry.deposed === 'string' ? `${entry.address} (deposed ${entry.deposed})` : entry.address;
  const before = redactObject(type, applySensitiveMask(change.before, change.before_sensitive));
  const after = redactObject(type, applySensitiveMask(change.after, change.after_sensitive));
  const replacePaths = Array.isArray(change.replace_paths) ? change.replace_paths.map(replacePath) : [];
  const reason = entry.action_reason;
  const reasons = typeof reason === 'string' ? [ACTION_REASONS[reason] ?? reason.replace(/_/g, ' ')] : [];
  const constructPath = options.constructPaths?.get(entry.address);
  return {
    address,
    type,
    name: typeof entry.name === 'string' ? entry.name : entry.address,
    action,
    ...(replaceOrder ? { replaceOrder } : {}),
    ...(before ? { before } : {}),
    ...(after ? { after } : {}),
    unknownAfter: action === 'delete' ? [] : maskedPaths(change.after_unknown),
    replacePaths,
    reasons,
    ...(constructPath ? { constructPath } : {}),
  };
}

function readActions(
  actions: readonly JsonValue[],
  where: string,
  importing: JsonValue | undefined,
): { action: ChangeAction; replaceOrder?: ReplaceOrder } {
  const key = actions.join(',');
  switch (key) {
    case 'create':
    case 'update':
    case 'delete':
    case 'read':
    case 'forget':
      return { action: key };
    case 'no-op':
      return { action: isObject(importing) ? 'import' : 'no-op' };
    case 'delete,create':
      return { action: 'replace', replaceOrder: 'delete-before-create' };
    case 'create,delete':
      return { action: 'replace', replaceOrder: 'create-before-destroy' };
    default:
      throw new PreviewInputError(`not a Terraform plan: ${where} has unknown actions [${key}]`);
  }
}

function replacePath(path: JsonValue): string {
  return Array.isArray(path) ? formatPath(path) : String(path);
}

function redactObject(type: string, value: JsonValue | undefined): JsonObject | undefined {
  return isObject(value) ? redactKnownSecrets(type, value) : undefined;
}
