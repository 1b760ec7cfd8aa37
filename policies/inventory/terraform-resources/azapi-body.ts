/**
 * Reading an `azapi_resource` (azapi docs: `type` is `<ARM type>@<api-version>`, `parent_id` the ID of
 * the parent resource, `body` the resource's ARM JSON: an object in azapi 2.x, a JSON-encoded string in
 * 1.x): its body's values at paths, and what its `parent_id` says of the parent (resource group,
 * registry name). Shared by the views of each ARM type (azapi-views.ts) and the merging of children
 * into their parents (azapi-resources.ts).
 */
import { REGISTRY_ID_PATTERN, resourceGroupFromId } from '../../../constructs/model/azure-ids';
import type { Unknown } from '../types';
import { isUnknown, unknownBecause } from '../types';
import type { RawResource } from './raw';
import { asRecord, azapiBodyOf, parseReference } from './raw';

/** Attribute values of a view, by azurerm's names. */
export type Values = Readonly<Record<string, unknown>>;

/** The values at paths of an azapi resource's body: each UNKNOWN, with the reason, when the body is not known. */
export class Body {
  private readonly body: Values | undefined;
  private readonly unreadable: Unknown | undefined;

  constructor(resource: RawResource) {
    const raw = resource.values.body;
    if (isUnknown(raw)) {
      this.unreadable = raw;
      return;
    }
    const body = azapiBodyOf(raw);
    if (body === 'unknown')
      this.unreadable = unknownBecause(
        `the body of ${resource.address} is not a literal object (check the plan)`,
      );
    else this.body = body;
  }

  /** The value at `path` (undefined when absent; an UNKNOWN on the way is the value). */
  at(...path: readonly string[]): unknown {
    if (this.unreadable) return this.unreadable;
    let value: unknown = this.body;
    for (const key of path) {
      if (isUnknown(value)) return value;
      const record = asRecord(value);
      if (!record) return undefined;
      value = record[key];
    }
    return value;
  }

  /** The properties of the resource at `path` under `properties`. */
  property(...path: readonly string[]): unknown {
    return this.at('properties', ...path);
  }
}

/** `values` without the keys whose value is undefined (absent: azurerm's default applies). */
export function defined(values: Record<string, unknown>): Values {
  for (const key of Object.keys(values)) if (values[key] === undefined) delete values[key];
  return values;
}

/** An ARM status (`Enabled`/`Disabled`, any case) as a boolean; other values as they are (unknown to readers). */
export function statusFlag(value: unknown): unknown {
  if (typeof value !== 'string' || value.includes('${')) return value;
  const status = value.toLowerCase();
  if (status === 'enabled') return true;
  if (status === 'disabled') return false;
  return unknownBecause(`status ${JSON.stringify(value)} is neither Enabled nor Disabled`);
}

/** An attribute of the parent a `parent_id` names: `${x.id}` gives `${x.<attribute>}`; else undefined. */
function parentAttribute(parentId: unknown, attribute: string): string | undefined {
  const ref = parseReference(parentId);
  return ref && ref.attribute === 'id' ? `\${${ref.address}.${attribute}}` : undefined;
}

/** The resource group a `parent_id` is, or is in (a literal ID, or a reference to a group or a resource). */
export function groupOf(parentId: unknown): unknown {
  if (typeof parentId === 'string' && !parentId.includes('${'))
    return resourceGroupFromId(parentId) ?? parentId;
  const ref = parseReference(parentId);
  if (ref?.attribute === 'id')
    return `\${${ref.address}.${ref.type === 'azurerm_resource_group' ? 'name' : 'resource_group_name'}}`;
  return parentId;
}

/** The registry name a child's `parent_id` names (a literal registry ID, or a reference to a registry's `id`). */
export function registryNameOf(parentId: unknown): unknown {
  if (typeof parentId === 'string' && !parentId.includes('${'))
    return REGISTRY_ID_PATTERN.exec(parentId)?.[1] ?? parentId;
  return parentAttribute(parentId, 'name') ?? parentId;
}
