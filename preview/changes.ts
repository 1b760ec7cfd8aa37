/**
 * The normalized change set every preview input (Terraform plan JSON, Pulumi preview JSON, a diff of two
 * synthesized cdktf trees) is turned into. Danger, cost and rendering read only these types.
 */

/** A JSON value as read from a plan or synthesized file. */
export type JsonValue =
  null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** A JSON object. */
export type JsonObject = { readonly [key: string]: JsonValue };

/**
 * What happens to one resource. `replace` is one action however the engine spells it (Terraform's
 * `["delete","create"]` / `["create","delete"]`, Pulumi's replace + create-replacement + delete-replaced).
 * `forget` (Terraform `removed` blocks) and `import` leave the cloud resource as it is.
 */
export type ChangeAction =
  'create' | 'update' | 'replace' | 'delete' | 'no-op' | 'read' | 'import' | 'forget';

/** The order of a replacement: the old object is gone before its successor exists, or after. */
export type ReplaceOrder = 'create-before-destroy' | 'delete-before-create';

/** Where a change set came from. */
export type ChangeSource = 'terraform-plan' | 'pulumi-preview' | 'synth-diff';

/** One resource and what happens to it. Values are already redacted. */
export interface ResourceChange {
  /** Terraform address (`azurerm_container_registry.registry`) or Pulumi `type::name`. */
  readonly address: string;
  /** Terraform resource type or Pulumi type token. */
  readonly type: string;
  /** The resource's logical name. */
  readonly name: string;
  readonly action: ChangeAction;
  /** Set only for `replace`. */
  readonly replaceOrder?: ReplaceOrder;
  /** Values before the change (redacted); undefined when the resource does not exist yet. */
  readonly before?: JsonObject;
  /** Values after the change (redacted, unknown values absent); undefined when it will not exist. */
  readonly after?: JsonObject;
  /** Attribute paths known only after apply (`id`, `georeplications[0].id`). */
  readonly unknownAfter: readonly string[];
  /**
   * For a top-level attribute known only after apply, the one resource it comes from, where the input
   * says: the resource a Terraform plan's configuration references (`role_definition_id` ->
   * `azurerm_role_definition.importer`; references only, never values), or the one a Pulumi input
   * depends on (`roleDefinitionId` -> `azure-native:authorization:RoleDefinition::importer`).
   */
  readonly references?: Readonly<Record<string, string>>;
  /** Attribute paths whose change forces the replacement (`location`, `georeplications[0].location`). */
  readonly replacePaths: readonly string[];
  /** Why the engine replaces, deletes or reads the resource, in plain words (`no longer in the configuration`). */
  readonly reasons: readonly string[];
  /** The construct path (cdktf metadata), when known. */
  readonly constructPath?: string;
  /** Destroy protection (`prevent_destroy`, Pulumi `protect`) before and after, when visible. */
  readonly protectedBefore?: boolean;
  readonly protectedAfter?: boolean;
  /**
   * Set when the input cannot tell whether the resource is replaced or deleted (a synth diff whose
   * `count`, `for_each` or force-new attribute depends on something that changed and cannot be
   * evaluated): the worst it may come to, and why. `action` is then what could be predicted.
   */
  readonly possibleRemoval?: PossibleRemoval;
}

/** A replacement or deletion the input suggests but cannot confirm. */
export interface PossibleRemoval {
  readonly action: 'replace' | 'delete';
  /** Why, in plain words. */
  readonly reasons: readonly string[];
}

/** All changes of one stack (environment). */
export interface ChangeSet {
  /** The stack or environment name (`prod`). */
  readonly stack: string;
  readonly source: ChangeSource;
  /** Resources sorted by address. */
  readonly resources: readonly ResourceChange[];
  /** Caveats to show with the stack (an errored plan, predicted replacements...). */
  readonly notes: readonly string[];
}

/** Actions counted in the summary table, in display order. */
export const COUNTED_ACTIONS = ['create', 'update', 'replace', 'delete'] as const;

/** Per-action counts of a change set. */
export type ActionCounts = Readonly<Record<ChangeAction, number>>;

/** Counts the actions of a change set. */
export function countActions(changeSet: ChangeSet): ActionCounts {
  const counts: Record<ChangeAction, number> = {
    create: 0,
    update: 0,
    replace: 0,
    delete: 0,
    'no-op': 0,
    read: 0,
    import: 0,
    forget: 0,
  };
  for (const resource of changeSet.resources) counts[resource.action] += 1;
  return counts;
}

/** True when a resource changes anything in the cloud or in the state. */
export function isChange(resource: ResourceChange): boolean {
  return resource.action !== 'no-op' && resource.action !== 'read';
}

/** True when a change set has at least one change. */
export function hasChanges(changeSet: ChangeSet): boolean {
  return changeSet.resources.some(isChange);
}

/** Sorts resources by address (stable, locale-independent) for deterministic output. */
export function sortResources(resources: readonly ResourceChange[]): ResourceChange[] {
  return [...resources].sort((a, b) => compareText(a.address, b.address));
}

/** Locale-independent string comparison. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** True when `value` is a plain JSON object (not null, not an array). */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Deep equality of JSON values (object key order ignored). */
export function sameJson(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((item, i) => sameJson(item, b[i]));
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => key in b && sameJson(a[key], b[key]));
  }
  return false;
}
