/**
 * Attribute paths (`georeplications[0].location`) and flattening of nested values into path -> leaf maps,
 * shared by the parsers (unknown and replace paths) and the attribute diff.
 */
import type { JsonValue } from './changes';
import { isObject } from './changes';

/** Appends a key or index to a path: `a` + `b` = `a.b`, `a` + 0 = `a[0]`. */
export function joinPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return parent === '' ? key : `${parent}.${key}`;
}

/** Formats a path given as a list of keys and indices (Terraform `replace_paths`). */
export function formatPath(steps: readonly unknown[]): string {
  let path = '';
  for (const step of steps) {
    path = typeof step === 'number' ? joinPath(path, step) : joinPath(path, String(step));
  }
  return path;
}

/** The paths a Terraform boolean mask (`after_unknown`) marks `true`, in document order. */
export function maskedPaths(mask: unknown, parent = ''): string[] {
  if (mask === true) return [parent];
  const out: string[] = [];
  if (Array.isArray(mask))
    mask.forEach((item, index) => out.push(...maskedPaths(item, joinPath(parent, index))));
  else if (isObject(mask)) {
    for (const [key, item] of Object.entries(mask)) out.push(...maskedPaths(item, joinPath(parent, key)));
  }
  return out;
}

/**
 * Flattens a value into leaves keyed by path. Empty objects and arrays are leaves, so that a block going
 * from `[{...}]` to `[]` shows as a change.
 */
export function flatten(
  value: JsonValue | undefined,
  parent = '',
  out = new Map<string, JsonValue>(),
): Map<string, JsonValue> {
  if (value === undefined) return out;
  if (Array.isArray(value) && value.length > 0) {
    value.forEach((item, index) => flatten(item, joinPath(parent, index), out));
  } else if (isObject(value) && Object.keys(value).length > 0) {
    for (const [key, item] of Object.entries(value)) flatten(item, joinPath(parent, key), out);
  } else {
    out.set(parent, value);
  }
  return out;
}

/** True when `path` is `prefix` or lies below it. */
export function isUnder(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`);
}
