/**
 * Syntax azurerm v4 rejects, found in a configuration (`AZURERM_REMOVED` in the model): each use is
 * listed for ACR-030, and what it meant to set is read as unknown (a v4 plan of this configuration
 * fails, so neither the v3 meaning nor the v4 default is what will be deployed).
 */
import { AZURERM_REMOVED } from '../../../constructs/model/azurerm-removed';
import type { RemovedSyntax } from '../input-notes';
import type { Unknown } from '../types';
import { isUnknown, unknownBecause } from '../types';
import type { RawResource } from './raw';
import { asRecord, blocks, sourceOf } from './raw';

/** True when `path` (blocks, then an attribute or block) is set in `values`, from segment `at` on. */
function isSet(values: Readonly<Record<string, unknown>>, path: readonly string[], at = 0): boolean {
  const value = values[path[at]];
  if (value === undefined || value === null) return false;
  if (at === path.length - 1) return true;
  // Loops, not some: every registry and diagnostic setting is looked at, a closure per path adds up.
  if (!Array.isArray(value)) {
    const block = asRecord(value);
    return block !== undefined && isSet(block, path, at + 1);
  }
  const list = blocks(value);
  for (let i = 0; i < list.length; i += 1) if (isSet(list[i], path, at + 1)) return true;
  return false;
}

/** The removed attributes of each type, with their paths split once. */
const REMOVED = new Map(
  Object.entries(AZURERM_REMOVED).map(([type, list]) => [
    type,
    list.map((r) => ({ ...r, segments: r.path.split('.') })),
  ]),
);

/** What each removed path hides in the v4 view of the resource. */
const HIDES: Readonly<Record<string, { readonly attribute?: string; readonly block?: string }>> = {
  'azurerm_container_registry.retention_policy': { attribute: 'retention_policy_in_days' },
  'azurerm_container_registry.trust_policy': { attribute: 'trust_policy_enabled' },
  'azurerm_container_registry.georeplication_locations': { block: 'georeplications' },
  'azurerm_container_registry.encryption.enabled': { block: 'encryption' },
  'azurerm_monitor_diagnostic_setting.log': { block: 'log' },
};

/** What most resources use of the removed syntax; frozen since it is shared. */
const NONE_FOUND: readonly RemovedSyntax[] = Object.freeze([]);

/** The removed syntax a resource uses. */
export function removedSyntaxOf(resource: RawResource, file: string): readonly RemovedSyntax[] {
  const removed = REMOVED.get(resource.type);
  if (!removed) return NONE_FOUND;
  // A loop, not filter and map: every registry and diagnostic setting is looked at, almost none uses any.
  let found: RemovedSyntax[] | undefined;
  for (const r of removed) {
    if (!isSet(resource.values, r.segments)) continue;
    (found ??= []).push({
      source: sourceOf(resource, file),
      path: r.path,
      removedIn: r.removedIn,
      replacement: r.replacement,
    });
  }
  return found ?? NONE_FOUND;
}

/**
 * The resource as azurerm v4 sees the configuration: what a removed attribute or block meant to set
 * is UNKNOWN with the reason. Returns the resource itself when it uses no removed syntax.
 */
export function v4View(resource: RawResource, found: readonly RemovedSyntax[]): RawResource {
  if (found.length === 0) return resource;
  let values: Record<string, unknown> | undefined;
  let unknownBlocks: Record<string, Unknown> | undefined;
  for (const r of found) {
    const hides = HIDES[`${resource.type}.${r.path}`];
    if (!hides) continue;
    const reason = unknownBecause(
      `\`${r.path}\` is azurerm ${r.removedIn === '3.0' ? 'v2' : 'v3'} syntax that azurerm v4 rejects at plan time; use ${r.replacement}`,
    );
    if (hides.attribute && resource.values[hides.attribute] === undefined)
      (values ??= { ...resource.values })[hides.attribute] = reason;
    if (hides.block) (unknownBlocks ??= { ...resource.unknownBlocks })[hides.block] = reason;
  }
  if (!values && !unknownBlocks) return resource;
  return { ...resource, ...(values ? { values } : {}), ...(unknownBlocks ? { unknownBlocks } : {}) };
}

/** A value the checker can take as is: a literal, or an UNKNOWN (a `${...}` text is not evaluated here). */
function settled(value: unknown): boolean {
  return isUnknown(value) || typeof value !== 'string' || !value.includes('${');
}

/**
 * `retention_policy { enabled, days }` as azurerm v3 reads it: `days` (default 7) when enabled, else
 * 0 (off); undefined when it cannot be told (more than one block, an expression not evaluated).
 */
function v3RetentionDays(value: unknown): unknown {
  const list = blocks(value);
  if (list.length === 0) return 0; // no block (a dynamic block that makes none): no retention
  if (list.length !== 1) return undefined;
  const { enabled, days = 7 } = list[0];
  if (!settled(enabled) || !settled(days)) return undefined;
  if (isUnknown(enabled)) return enabled;
  return enabled === true || enabled === 'true' ? days : 0;
}

/** `trust_policy { enabled }` as azurerm v3 reads it (default false); undefined when it cannot be told. */
function v3TrustPolicy(value: unknown): unknown {
  const list = blocks(value);
  if (list.length === 0) return false;
  if (list.length !== 1) return undefined;
  const { enabled = false } = list[0];
  return settled(enabled) ? enabled : undefined;
}

/**
 * The diagnostic `log` blocks azurerm v3 collects (`enabled`, default true), as v4 `enabled_log`
 * blocks after the configuration's own; undefined when one's `enabled` cannot be told.
 */
function v3EnabledLogs(values: Readonly<Record<string, unknown>>): unknown[] | undefined {
  const out: unknown[] = [...blocks(values.enabled_log)];
  for (const log of blocks(values.log)) {
    const { enabled = true, category, category_group } = log;
    if (isUnknown(enabled) || !settled(enabled)) return undefined;
    if (enabled === false || enabled === 'false') continue;
    out.push({
      ...(category === undefined ? {} : { category }),
      ...(category_group === undefined ? {} : { category_group }),
    });
  }
  return out;
}

/**
 * The resource as azurerm v3 reads the configuration, for one pinned to v3 (provider-versions.ts):
 * syntax v4 removed but v3 accepts means what it says there (`retention_policy`, `trust_policy`, the
 * diagnostic `log` block); `encryption.enabled` is read by the encryption reader itself. What v3 also
 * rejects (removed in 3.0), or what cannot be told, is UNKNOWN as in the v4 view.
 */
export function v3View(
  resource: RawResource,
  found: readonly RemovedSyntax[],
  constraint: string,
): RawResource {
  if (found.length === 0) return resource;
  const v = resource.values;
  let values: Record<string, unknown> | undefined;
  const unread: RemovedSyntax[] = [];
  for (const r of found) {
    const key = `${resource.type}.${r.path}`;
    let read: unknown;
    let attribute: string | undefined;
    if (r.removedIn === '4.0' && key === 'azurerm_container_registry.retention_policy') {
      attribute = 'retention_policy_in_days';
      read = v.retention_policy_in_days === undefined ? v3RetentionDays(v.retention_policy) : undefined;
    } else if (r.removedIn === '4.0' && key === 'azurerm_container_registry.trust_policy') {
      attribute = 'trust_policy_enabled';
      read = v.trust_policy_enabled === undefined ? v3TrustPolicy(v.trust_policy) : undefined;
    } else if (r.removedIn === '4.0' && key === 'azurerm_monitor_diagnostic_setting.log') {
      attribute = 'enabled_log';
      read = v3EnabledLogs(v);
    } else if (r.removedIn === '4.0') continue;
    if (attribute !== undefined && read !== undefined) (values ??= { ...v })[attribute] = read;
    else if (attribute !== undefined)
      (values ??= { ...v })[attribute] = unknownBecause(
        `\`${r.path}\` (azurerm v3 syntax, which the azurerm ${constraint} of this configuration accepts) is given as more than one block or by an expression not evaluated here`,
      );
    else unread.push(r);
  }
  const withValues = values ? { ...resource, values } : resource;
  return v4View(withValues, unread);
}
