/**
 * Adapter: `terraform show -json <plan>` output to an inventory. Uses `resource_changes[].change.after`
 * (or `planned_values` when there are no changes listed); values in `after_unknown` become references
 * taken from the `configuration` section when it names one (so links survive), else UNKNOWN.
 * Data sources come from `prior_state` and the configuration. `lifecycle.prevent_destroy` is not in plan
 * JSON, so destroy protection is UNKNOWN for plans.
 */
import { InventoryInputError } from '../errors';
import { buildInventory } from '../terraform-resources/build';
import type { RawResource } from '../terraform-resources/raw';
import { asRecord } from '../terraform-resources/raw';
import type { Inventory } from '../types';
import { UNKNOWN } from '../types';

type Json = Readonly<Record<string, unknown>>;

/** True when a parsed document looks like Terraform plan JSON. */
export function isPlanDocument(doc: unknown): boolean {
  const record = asRecord(doc);
  return (
    record !== undefined &&
    'format_version' in record &&
    ('resource_changes' in record || 'planned_values' in record)
  );
}

function checkFormatVersion(doc: Json, file: string): void {
  const version = doc.format_version;
  const major = typeof version === 'string' ? version.split('.')[0] : undefined;
  if (major !== '1' && major !== '0') {
    throw new InventoryInputError(
      `${file}: unsupported plan format_version ${JSON.stringify(version)} (expected 1.x)`,
    );
  }
}

/** Configuration expressions of every resource, by full address (module path prefixed). */
function configurationExpressions(module: Json | undefined, prefix: string, out: Map<string, Json>): void {
  if (!module) return;
  for (const item of Array.isArray(module.resources) ? module.resources : []) {
    const resource = asRecord(item);
    if (resource && typeof resource.address === 'string')
      out.set(prefix + resource.address, { ...resource, modulePrefix: prefix });
  }
  for (const [name, call] of Object.entries(asRecord(module.module_calls) ?? {})) {
    configurationExpressions(asRecord(asRecord(call)?.module), `${prefix}module.${name}.`, out);
  }
}

/**
 * The attribute references of an expression as `${...}` strings: one string for one reference, a list
 * for several (a list attribute such as `private_dns_zone_ids = [a.id, b.id]`).
 */
function referenceOf(expression: unknown, prefix: string): string | string[] | undefined {
  const refs = asRecord(expression)?.references;
  if (!Array.isArray(refs)) return undefined;
  // Terraform lists each attribute reference (`azurerm_x.y.id`) followed by its resource (`azurerm_x.y`).
  const attributes = refs
    .filter((r): r is string => typeof r === 'string' && !/^(var|local|each|count|path)\./.test(r))
    .filter(
      (r) =>
        r
          .replace(/^data\./, '')
          .replace(/^(module\.[^.]+\.)+/, '')
          .split('.').length >= 3,
    )
    .map((r) => `\${${prefix}${r}}`);
  if (attributes.length === 0) return undefined;
  return attributes.length === 1 ? attributes[0] : attributes;
}

/** Merges known values, unknown markers and configuration references into one value tree. */
function merge(after: unknown, unknown: unknown, expression: unknown, prefix: string): unknown {
  if (unknown === true) return referenceOf(expression, prefix) ?? UNKNOWN;
  if (Array.isArray(after) || Array.isArray(unknown)) {
    const values = Array.isArray(after) ? after : [];
    const unknowns = Array.isArray(unknown) ? unknown : [];
    const expressions = Array.isArray(expression) ? expression : [];
    const length = Math.max(values.length, unknowns.length);
    return Array.from({ length }, (_, i) => merge(values[i], unknowns[i], expressions[i], prefix));
  }
  const afterRecord = asRecord(after);
  const unknownRecord = asRecord(unknown);
  if (!afterRecord && !unknownRecord) {
    if ((after === null || after === undefined) && expression !== undefined)
      return referenceOf(expression, prefix) ?? after;
    return after;
  }
  const expressions = asRecord(expression) ?? {};
  const keys = new Set([...Object.keys(afterRecord ?? {}), ...Object.keys(unknownRecord ?? {})]);
  const out: Record<string, unknown> = {};
  for (const key of keys)
    out[key] = merge(afterRecord?.[key], unknownRecord?.[key], expressions[key], prefix);
  return out;
}

function rawResource(entry: Json, values: unknown): RawResource | undefined {
  const { address, type, name, mode } = entry;
  if (typeof address !== 'string' || typeof type !== 'string' || typeof name !== 'string') return undefined;
  return {
    mode: mode === 'data' ? 'data' : 'managed',
    type,
    name,
    address,
    values: asRecord(values) ?? {},
    preventDestroy: UNKNOWN,
    suppressions: [],
  };
}

function stateResources(module: Json | undefined, out: Json[]): void {
  if (!module) return;
  for (const item of Array.isArray(module.resources) ? module.resources : []) {
    const resource = asRecord(item);
    if (resource) out.push(resource);
  }
  for (const child of Array.isArray(module.child_modules) ? module.child_modules : [])
    stateResources(asRecord(child), out);
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
export function planResources(doc: unknown, file: string): RawResource[] {
  const plan = asRecord(doc);
  if (!plan) throw new InventoryInputError(`${file}: not a JSON object`);
  checkFormatVersion(plan, file);
  const config = new Map<string, Json>();
  configurationExpressions(asRecord(asRecord(plan.configuration)?.root_module), '', config);
  const out = new Map<string, RawResource>();

  const changes = Array.isArray(plan.resource_changes) ? plan.resource_changes : undefined;
  if (changes) {
    for (const item of changes) {
      const entry = asRecord(item);
      const change = asRecord(entry?.change);
      if (!entry || !change) continue;
      const actions = Array.isArray(change.actions) ? change.actions : [];
      if (actions.length === 1 && (actions[0] === 'delete' || actions[0] === 'forget')) continue;
      const expressions = config.get(String(entry.address).replace(/\[[^\]]*\]$/, ''));
      const prefix = typeof expressions?.modulePrefix === 'string' ? expressions.modulePrefix : '';
      const values = merge(change.after, change.after_unknown, expressions?.expressions, prefix);
      const raw = rawResource(entry, values);
      if (raw) out.set(raw.address, raw);
    }
  } else {
    const planned: Json[] = [];
    stateResources(asRecord(asRecord(plan.planned_values)?.root_module), planned);
    for (const entry of planned) {
      const raw = rawResource(entry, entry.values);
      if (raw) out.set(raw.address, raw);
    }
  }
  // Data sources read at plan time live in prior_state; fall back to constant configuration values.
  const prior: Json[] = [];
  stateResources(asRecord(asRecord(asRecord(plan.prior_state)?.values)?.root_module), prior);
  for (const entry of prior.filter((e) => e.mode === 'data')) {
    const raw = rawResource(entry, entry.values);
    if (raw && !out.has(raw.address)) out.set(raw.address, raw);
  }
  for (const [address, entry] of config) {
    if (entry.mode !== 'data' || out.has(address)) continue;
    const raw = rawResource({ ...entry, address }, constantValues(entry));
    if (raw) out.set(address, raw);
  }
  return [...out.values()];
}

/** The inventory of one parsed plan JSON document. */
export function inventoryFromPlanJson(doc: unknown, environment: string, file: string): Inventory {
  return buildInventory(planResources(doc, file), { environment, file, format: 'terraform-plan' });
}
