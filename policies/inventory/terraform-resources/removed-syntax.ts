/**
 * Syntax azurerm v4 rejects, found in a configuration (`AZURERM_REMOVED` in the model): each use is
 * listed for ACR-030, and what it meant to set is read as unknown (a v4 plan of this configuration
 * fails, so neither the v3 meaning nor the v4 default is what will be deployed).
 */
import { AZURERM_REMOVED } from '../../../constructs/model/azurerm-removed';
import type { RemovedSyntax } from '../input-notes';
import type { Unknown } from '../types';
import { unknownBecause } from '../types';
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
