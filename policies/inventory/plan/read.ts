/**
 * Adapter: `terraform show -json <plan>` output to an inventory. Uses `resource_changes[].change.after`
 * (or `planned_values` when there are no changes listed); values in `after_unknown` become references
 * taken from the `configuration` section when it names one (so links survive), else UNKNOWN.
 * Data sources come from `prior_state` and the configuration. `lifecycle.prevent_destroy` is not in plan
 * JSON, so destroy protection is UNKNOWN for plans.
 *
 * Child modules are read like the root module: a resource at `module.acr["prod"].azurerm_x.y` takes
 * its configuration from `module.acr.azurerm_x.y`, and its references are resolved inside the same
 * module instance (`module.acr["prod"].`), so attachments link to the registry of their own instance.
 *
 * The plan is read in pieces (document.ts); only resources of the types the inventory reads
 * (`inventoryKeepsValues`) keep their values, everything else is kept as an address without values.
 */
import { PLAN_VALUES, checkValueShapes } from '../value-shapes';
import { TERRAFORM_VALUE_SHAPES } from '../terraform-resources/value-shapes';
import { removalKindOf } from '../../../constructs/model/removal-kinds';
import { InventoryInputError } from '../errors';
import type { ChangeRecord } from '../removals';
import { removalsOf } from '../removals';
import { readParsedDocument } from '../read-document';
import { buildInventory } from '../terraform-resources/build';
import type { RawCommand, RawResource } from '../terraform-resources/raw';
import { planCommandsOf } from './provisioners';
import { asRecord } from '../terraform-resources/raw';
import type { Inventory, Unknown } from '../types';
import { UNKNOWN, unknownBecause } from '../types';
import { neutralAction, reasonsOf } from './actions';
import type { ResourceAddress } from './addresses';
import { configAddressOf } from './addresses';
import type { PlanChange, PlanRead, PlanReadOptions, StateResource } from './document';
import type { ConfigModule } from './types';
import { ModuleReferences } from './module-references';

type Json = Readonly<Record<string, unknown>>;

/** Configuration entries of every resource, by address without instance keys (module path prefixed). */
function configurationExpressions(
  module: ConfigModule | undefined,
  prefix: string,
  out: Map<string, Json>,
): void {
  if (!module) return;
  for (const resource of module.resources ?? []) {
    if (typeof resource.address === 'string') out.set(prefix + resource.address, resource);
  }
  for (const [name, call] of Object.entries(module.module_calls ?? {})) {
    configurationExpressions(call.module, `${prefix}module.${name}.`, out);
  }
}

/**
 * The attribute references of an expression as `${...}` strings: one string for one reference, a list
 * for several (a list attribute such as `private_dns_zone_ids = [a.id, b.id]`). `prefix` is the module
 * instance the expression lives in; `key` the instance key of the resource (`["weu"]`, `[0]`).
 *
 * Terraform lists each attribute reference (`azurerm_x.y.id`) followed by its resource (`azurerm_x.y`).
 * A reference indexed by `each.key` or `count.index` (`azurerm_x.y[each.key].id`) is listed as the
 * resource and `each.key` only: it names the instance with the resource's own key, so it becomes
 * `${azurerm_x.y["weu"].id}` (linking needs the instance; `id` stands for the attribute not listed).
 */
function referenceOf(
  expression: unknown,
  prefix: string,
  key: string,
  modules: ModuleReferences | undefined,
): string | string[] | undefined {
  const refs = asRecord(expression)?.references;
  if (!Array.isArray(refs)) return undefined;
  const names = refs.filter((r): r is string => typeof r === 'string');
  const parts = (r: string): number =>
    r
      .replace(/^(module\.[^.]+\.)+/, '')
      .replace(/^data\./, '')
      .split('.').length;
  const resources = names.filter((r) => !/^(var|local|each|count|path|module|terraform|self)\./.test(r));
  // A variable or module output stands for the resources it is set from (module-references.ts).
  const followed =
    modules === undefined
      ? []
      : names.flatMap((r) => (/^(var|module)\./.test(r) ? (modules.follow(r, prefix) ?? []) : []));
  const attributes = [
    ...new Set([
      ...resources.filter((r) => parts(r) >= 3).map((r) => `\${${prefix}${r}}`),
      ...followed.filter((r) => parts(r) >= 3).map((r) => `\${${r}}`),
    ]),
  ];
  if (attributes.length === 0 && key !== '') {
    const byKey = names.includes(key.startsWith('["') ? 'each.key' : 'count.index');
    const dynamic = resources.filter((r) => parts(r) === 2);
    const other = names.some((r) => /^(each\.value|var\.|local\.)/.test(r));
    if (byKey && dynamic.length === 1 && !other) attributes.push(`\${${prefix}${dynamic[0]}${key}.id}`);
  }
  if (attributes.length === 0) return undefined;
  return attributes.length === 1 ? attributes[0] : attributes;
}

/** The number of unknown leaves of an `after_unknown` value (counting stops past two). */
function unknownLeaves(unknown: unknown): number {
  if (unknown === true) return 1;
  if (typeof unknown !== 'object' || unknown === null) return 0;
  let count = 0;
  for (const value of Object.values(unknown)) {
    count += unknownLeaves(value);
    if (count > 1) return count;
  }
  return count;
}

/**
 * The reference that the one unknown leaf of `unknown` is, when `expression` is one expression for a
 * whole object value (an azapi `body`, whose configuration lists every reference of the object at
 * once, not per key) that references one resource attribute and the value has exactly one unknown
 * leaf: the leaf is the only part the reference can have made unknown (`privateLinkServiceId =
 * azapi_resource.acr.id`). The same reading the plan gives an unknown attribute of its references.
 */
function onlyLeafReference(
  unknown: unknown,
  expression: unknown,
  prefix: string,
  key: string,
  modules: ModuleReferences | undefined,
): string | undefined {
  const opaque = asRecord(expression);
  if (!opaque || !Array.isArray(opaque.references) || typeof unknown !== 'object' || unknown === null)
    return undefined;
  if (unknownLeaves(unknown) !== 1) return undefined;
  const ref = referenceOf(expression, prefix, key, modules);
  return typeof ref === 'string' ? ref : undefined;
}

/**
 * Merges known values, unknown markers and configuration references into one value tree. Copy on
 * write: a part with nothing unknown and no reference to add is the plan's own object, not a copy.
 * `leaf`: what the one unknown leaf below is (see onlyLeafReference).
 */
function merge(
  after: unknown,
  unknown: unknown,
  expression: unknown,
  prefix: string,
  key: string,
  modules: ModuleReferences | undefined,
  leaf?: string,
): unknown {
  if (unknown === true) return leaf ?? referenceOf(expression, prefix, key, modules) ?? UNKNOWN;
  leaf ??= onlyLeafReference(unknown, expression, prefix, key, modules);
  if (Array.isArray(after) || Array.isArray(unknown)) {
    const values: readonly unknown[] = Array.isArray(after) ? after : [];
    const unknowns = Array.isArray(unknown) ? unknown : [];
    const expressions = Array.isArray(expression) ? expression : [];
    const length = Math.max(values.length, unknowns.length);
    let out: unknown[] | undefined = Array.isArray(after) && values.length === length ? undefined : [];
    for (let i = 0; i < length; i += 1) {
      const value = merge(values[i], unknowns[i], expressions[i], prefix, key, modules, leaf);
      if (out) out.push(value);
      else if (value !== values[i]) out = [...values.slice(0, i), value];
    }
    return out ?? after;
  }
  const afterRecord = asRecord(after);
  const unknownRecord = asRecord(unknown);
  // A leaf `after_unknown` does not mark is known, null included (`var.x ? azurerm_y.z.id : null`
  // planned as null): "after_unknown ... with all unknown leaf values replaced with true, and all known
  // leaf values omitted" (developer.hashicorp.com/terraform/internals/json-format). Its references
  // name what it might have been, not what it is.
  if (!afterRecord && !unknownRecord) return after;
  const expressions = asRecord(expression) ?? {};
  let out: Record<string, unknown> | undefined = afterRecord ? undefined : {};
  for (const name of Object.keys(afterRecord ?? {})) {
    const was = afterRecord?.[name];
    const value = merge(was, unknownRecord?.[name], expressions[name], prefix, key, modules, leaf);
    if (out) out[name] = value;
    else if (value !== was) out = { ...afterRecord, [name]: value };
  }
  for (const name of Object.keys(unknownRecord ?? {})) {
    if (afterRecord && name in afterRecord) continue;
    const value = merge(undefined, unknownRecord?.[name], expressions[name], prefix, key, modules, leaf);
    if (value === undefined) continue;
    out ??= { ...afterRecord };
    out[name] = value;
  }
  return out ?? after;
}

/**
 * `values` with a reason on each top-level value the plan knows only after apply and the resource's
 * configuration does not write: the provider computes it (azurerm's Optional+Computed blocks, such as
 * a registry's `network_rule_set` and `encryption`, are unknown in the plan of a new registry that
 * leaves them out), or a `dynamic` block sets it, which the configuration section does not show
 * (Terraform's jsonconfig ignores `dynamic` blocks). Either way the finding can say what would decide it.
 */
function withUnwrittenReasons(values: unknown, expressions: unknown): unknown {
  const record = asRecord(values);
  const written = asRecord(expressions);
  if (!record || !written) return values;
  let out: Record<string, unknown> | undefined;
  for (const key of Object.keys(record)) {
    if (record[key] !== UNKNOWN || Object.hasOwn(written, key)) continue;
    out ??= { ...record };
    out[key] = unknownBecause(
      `${key} is known only after apply and not written in the configuration: computed by the provider, or set by a dynamic block (plan JSON shows none); set ${key} explicitly to decide it`,
    );
  }
  return out ?? values;
}

/**
 * Terraform types whose values the inventory reads: the types terraform-resources/ judges or follows
 * references to, and the removal kinds. Everything else keeps its address only, which is what makes
 * reading a large landing-zone plan cheap. test/policies/plan-reader.test.ts checks that every type
 * terraform-resources/ names is kept.
 */
const INVENTORY_TYPE_PREFIXES =
  /^(azurerm_container_registry|azurerm_private_dns_|azurerm_role_|azapi_|time_)/;
const INVENTORY_TYPES: ReadonlySet<string> = new Set([
  'azurerm_private_endpoint',
  'azurerm_container_connected_registry',
  'azurerm_monitor_diagnostic_setting',
  'azurerm_management_lock',
  'azurerm_resource_group',
  'azurerm_user_assigned_identity',
  'azurerm_key_vault_key',
  'azurerm_subnet',
  'azurerm_virtual_network',
  'azurerm_log_analytics_workspace',
  // Scopes of role assignments (resource group, subscription, management group).
  'azurerm_subscription',
  'azurerm_management_group',
  'azurerm_client_config',
]);

/** True when the inventory reads the values of a resource at this address (data sources always). */
export function inventoryKeepsValues(address: ResourceAddress): boolean {
  return (
    address.mode === 'data' || INVENTORY_TYPE_PREFIXES.test(address.type) || INVENTORY_TYPES.has(address.type)
  );
}

/** What the inventory keeps of one change. */
interface KeptChange {
  readonly address: string;
  readonly parsed: ResourceAddress;
  /** False when the object is gone after the apply (deleted, forgotten, a deposed object). */
  readonly remains: boolean;
  readonly values: boolean;
  readonly after?: unknown;
  readonly afterUnknown?: unknown;
  /** The change as a record for the removal finder (registries, groups, locks, azapi resources). */
  readonly record?: ChangeRecord;
  /** The strings its masks mark sensitive (see sensitiveStrings). */
  readonly sensitive?: readonly string[];
}

/** Sensitive strings shorter than this are not worth hiding (and would match unrelated text). */
const MIN_SENSITIVE_TEXT = 4;

/** Adds to `out` the strings of `value` that `mask` marks sensitive (`true` at a node covers it all). */
function sensitiveStrings(value: unknown, mask: unknown, out: string[], covered = false): void {
  const hidden = covered || mask === true;
  if (typeof value === 'string') {
    // Duplicates are dropped once, for the whole plan (planInventory).
    if (hidden && value.length >= MIN_SENSITIVE_TEXT) out.push(value);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  if (!hidden && (typeof mask !== 'object' || mask === null)) return;
  const masks = (hidden ? {} : mask) as Record<string, unknown>;
  if (Array.isArray(value)) value.forEach((v, i) => sensitiveStrings(v, masks[i], out, hidden));
  else
    for (const key of Object.keys(value))
      sensitiveStrings((value as Record<string, unknown>)[key], masks[key], out, hidden);
}

function keepChange(change: PlanChange): KeptChange {
  const values = inventoryKeepsValues(change.parsed);
  const { action, reasons } = neutralAction(change.action, change.importing);
  const remains = change.deposed === undefined && action !== 'delete' && action !== 'forget';
  const before = asRecord(change.before);
  const after = asRecord(change.after);
  const kind = values ? removalKindOf(change.parsed.type, before ?? after) : undefined;
  const address =
    change.deposed === undefined ? change.address : `${change.address} (deposed ${change.deposed})`;
  const record: ChangeRecord | undefined = kind
    ? {
        address,
        type: change.parsed.type,
        action,
        ...(before ? { before } : {}),
        ...(after ? { after } : {}),
        reasons: [
          ...reasonsOf(change.actionReason),
          ...reasons,
          ...(change.deposed ? ['a deposed object'] : []),
        ],
      }
    : undefined;
  const sensitive: string[] = [];
  if (values) {
    sensitiveStrings(change.before, change.beforeSensitive, sensitive);
    sensitiveStrings(change.after, change.afterSensitive, sensitive);
  }
  return {
    address: change.address,
    parsed: change.parsed,
    remains,
    values,
    ...(values && remains ? { after: change.after, afterUnknown: change.afterUnknown } : {}),
    ...(record ? { record } : {}),
    ...(sensitive.length > 0 ? { sensitive } : {}),
  };
}

/** What the inventory reads of a plan. */
const CHECK_OPTIONS: PlanReadOptions<KeptChange> = {
  change: keepChange,
  keepStateValues: inventoryKeepsValues,
  planned: true,
  priorData: true,
  configuration: true,
};

function rawResource(
  parsed: ResourceAddress,
  address: string,
  values: unknown,
  commands?: readonly RawCommand[],
): RawResource {
  const raw = {
    mode: parsed.mode,
    type: parsed.type,
    name: parsed.name,
    address,
    values: asRecord(values) ?? {},
    preventDestroy: UNKNOWN,
    suppressions: [],
  };
  return commands === undefined ? raw : { ...raw, commands };
}

/** The commands the provisioners of a managed resource's configuration run (see provisioners.ts). */
function commandsAt(
  config: ReadonlyMap<string, Json>,
  parsed: ResourceAddress,
  file: string,
  modules: ModuleReferences | undefined,
): RawCommand[] | undefined {
  if (parsed.mode !== 'managed') return undefined;
  const address = configAddressOf(parsed);
  const entry = config.get(address);
  if (entry?.provisioners === undefined) return undefined;
  return planCommandsOf(
    entry,
    `${file}: configuration ${address}`,
    parsed.module === '' ? '' : `${parsed.module}.`,
    modules,
  );
}

function stateRaw(resource: StateResource): RawResource {
  return rawResource(resource.parsed, resource.address, resource.values);
}

function constantValues(config: Json | undefined): Record<string, unknown> {
  const expressions = asRecord(config?.expressions) ?? {};
  const out: Record<string, unknown> = {};
  for (const [key, expression] of Object.entries(expressions)) {
    const constant = asRecord(expression);
    if (constant && 'constant_value' in constant) out[key] = constant.constant_value;
  }
  return out;
}

/** The resources a plan will leave in place, with values merged as described above. */
export function planResources(plan: PlanRead<KeptChange>, file: string): RawResource[] {
  const config = new Map<string, Json>();
  configurationExpressions(plan.configuration, '', config);
  const modules = plan.configuration ? new ModuleReferences(plan.configuration) : undefined;
  const out = new Map<string, RawResource>();
  if (plan.hasResourceChanges) {
    for (const change of plan.changes) {
      if (!change.remains) continue;
      const { parsed } = change;
      let values: unknown = {};
      if (change.values) {
        // Checked as the plan wrote it, before unknown markers are merged in (see value-shapes.ts).
        const shapes = TERRAFORM_VALUE_SHAPES[parsed.type];
        const after = asRecord(change.after);
        if (shapes && after)
          checkValueShapes(
            after,
            shapes,
            () => `${file}: resource_changes ${change.address} change.after`,
            PLAN_VALUES,
          );
        const expressions = config.get(configAddressOf(parsed))?.expressions;
        // References are relative to the module instance the resource lives in.
        const prefix = parsed.module === '' ? '' : `${parsed.module}.`;
        values = withUnwrittenReasons(
          merge(change.after, change.afterUnknown, expressions, prefix, parsed.key, modules),
          expressions,
        );
      }
      out.set(
        change.address,
        rawResource(parsed, change.address, values, commandsAt(config, parsed, file, modules)),
      );
    }
  } else {
    for (const resource of plan.planned)
      out.set(
        resource.address,
        rawResource(
          resource.parsed,
          resource.address,
          resource.values,
          commandsAt(config, resource.parsed, file, modules),
        ),
      );
  }
  // Data sources read at plan time live in prior_state; fall back to constant configuration values.
  for (const resource of plan.priorData)
    if (!out.has(resource.address)) out.set(resource.address, stateRaw(resource));
  for (const [address, entry] of config) {
    if (
      entry.mode !== 'data' ||
      out.has(address) ||
      typeof entry.type !== 'string' ||
      typeof entry.name !== 'string'
    )
      continue;
    const parsed: ResourceAddress = { module: '', mode: 'data', type: entry.type, name: entry.name, key: '' };
    out.set(address, rawResource(parsed, address, constantValues(entry)));
  }
  return [...out.values()];
}

/** The inventory of a plan that was read. */
export function planInventory(plan: PlanRead<KeptChange>, environment: string, file: string): Inventory {
  const inventory = buildInventory(planResources(plan, file), {
    environment,
    file,
    format: 'terraform-plan',
  });
  const records = plan.changes.flatMap((c) => (c.record ? [c.record] : []));
  const doubt = removalsDoubtOf(plan);
  const sensitiveTexts = [...new Set(plan.changes.flatMap((c) => c.sensitive ?? []))].sort();
  return {
    ...inventory,
    removals: removalsOf(records, file),
    ...(doubt ? { removalsDoubt: doubt } : {}),
    ...(sensitiveTexts.length > 0 ? { sensitiveTexts } : {}),
  };
}

/** Why a plan may remove more than its `resource_changes` show, or undefined when it shows every change. */
function removalsDoubtOf(plan: PlanRead<KeptChange>): Unknown | undefined {
  if (plan.errored) return unknownBecause('Terraform reported errors while planning: the plan is incomplete');
  if (!plan.complete)
    return unknownBecause(
      'the plan is not complete (complete = false): some changes are deferred to a later run',
    );
  if (!plan.hasResourceChanges)
    return unknownBecause('the plan has no resource_changes: it does not say what it deletes');
  return undefined;
}

/** What `check` reads of a plan (for the shared document walk, read-document.ts). */
export const PLAN_CHECK_OPTIONS = CHECK_OPTIONS;

/** What `check` keeps of one change of a plan. */
export type PlanCheckChange = KeptChange;

/** The inventory of one parsed plan JSON document (read through the same walk as a file). */
export function inventoryFromPlanJson(doc: unknown, environment: string, file: string): Inventory {
  const document = readParsedDocument(doc, file, { plan: CHECK_OPTIONS });
  if (document.format !== 'terraform-plan')
    throw new InventoryInputError(
      `${file}: not a Terraform plan (expected \`terraform show -json <planfile>\` output)`,
    );
  return planInventory(document.plan, environment, file);
}

/** True when a parsed document looks like Terraform plan JSON (top-level keys only). */
export function isPlanDocument(doc: unknown): boolean {
  const record = asRecord(doc);
  return (
    record !== undefined &&
    'format_version' in record &&
    ('resource_changes' in record || 'planned_values' in record)
  );
}
