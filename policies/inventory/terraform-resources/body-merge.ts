/**
 * How an `azapi_update_resource` body lands on the resource it updates, and how a doubtful update
 * (one that may not exist, or may update another resource) reads: its changes are unknown.
 *
 * The merge is azapi's own: the provider reads the resource, merges the body into what it read and
 * writes the result back (Azure/terraform-provider-azapi, internal/services/azapi_update_resource.go
 * `CreateUpdate`: `client.Get`, `utils.MergeObject(existing, body)`, `client.CreateOrUpdate`). In
 * `utils/json.go`, `MergeObject` merges objects key by key (the body wins), lists of the same length
 * element by element, and otherwise takes the body's value. The same merge serves an ARM body (of an
 * `azapi_resource`) and the azurerm attributes a body maps onto (of an azurerm resource), whose blocks
 * are the ARM objects under other names.
 */
import type { Unknown } from '../types';
import { isUnknown } from '../types';

type Json = Readonly<Record<string, unknown>>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !isUnknown(value);
}

/**
 * A list of blocks as a list: azurerm attributes of a nested block may be written as one object
 * (cdktf) or as a list of objects, which ARM's merge sees as the same list.
 */
function asList(value: unknown, other: unknown): unknown {
  return Array.isArray(other) && isObject(value) ? [value] : value;
}

/**
 * `patch` merged into `existing` as azapi's `MergeObject` does. What is unknown in `existing` stays
 * unknown where the patch merges into it (an object into an unknown object: its other keys are not
 * known); an unknown patch value is the result.
 */
export function mergeArm(existing: unknown, patch: unknown): unknown {
  if (patch === undefined) return existing;
  if (isUnknown(patch)) return patch;
  const old = asList(existing, patch);
  const next = asList(patch, existing);
  if (isObject(next)) {
    if (isUnknown(old)) return old;
    if (!isObject(old)) return next;
    const out: Record<string, unknown> = { ...old };
    for (const key of Object.keys(next)) out[key] = mergeArm(old[key], next[key]);
    return out;
  }
  if (Array.isArray(next) && Array.isArray(old) && next.length === old.length)
    return next.map((value: unknown, i) => mergeArm(old[i], value));
  return next;
}

/** True when two JSON-like values (UNKNOWN markers included) are the same. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  const ra = a as Json;
  const rb = b as Json;
  return keysA.every((key) => Object.hasOwn(rb, key) && sameValue(ra[key], rb[key]));
}

/**
 * `before` where an update that may not apply would make it `after`: each part it would change is
 * `doubt`, each part it leaves alone stays. Objects (and lists of the same length) are compared part
 * by part, so that a doubt about one property leaves the others known.
 */
export function doubtful(before: unknown, after: unknown, doubt: Unknown): unknown {
  if (sameValue(before, after)) return before;
  const old = asList(before, after);
  const next = asList(after, before);
  if (isObject(old) && isObject(next)) {
    const out: Record<string, unknown> = { ...old };
    for (const key of Object.keys(next)) out[key] = doubtful(old[key], next[key], doubt);
    return out;
  }
  if (Array.isArray(old) && Array.isArray(next) && old.length === next.length)
    return next.map((value: unknown, i) => doubtful(old[i], value, doubt));
  return doubt;
}

/**
 * What `withBody` holds that `without` does not: the parts a body decides, of a reading with and
 * without it (undefined when nothing). An object keeps its differing keys; anything else is taken
 * whole, without the keys it leaves undefined (absent: not set by the body).
 */
export function bodyPart(withBody: unknown, without: unknown): unknown {
  if (withBody === undefined || sameValue(withBody, without)) return undefined;
  if (isObject(withBody) && isObject(without)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(withBody)) {
      const part = bodyPart(withBody[key], without[key]);
      if (part !== undefined) out[key] = part;
    }
    return Object.keys(out).length > 0 ? out : undefined;
  }
  return defined(withBody);
}

/** `value` without the object keys whose value is undefined, at any depth. */
function defined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(defined);
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) if (value[key] !== undefined) out[key] = defined(value[key]);
  return out;
}
