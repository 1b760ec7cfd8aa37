/**
 * Structural sharing between the two sides of a change: the parts of one side equal to the same parts
 * of the other become the other's own objects and strings, so a change set holds one copy of what a
 * change leaves alone (most of a resource) instead of two.
 */
import type { JsonValue } from './changes';
import { isObject } from './changes';

/** `next` with every part equal to the same part of `prev` replaced by `prev`'s. */
export function shareWith<T extends JsonValue>(prev: JsonValue | undefined, next: T): T {
  return share(prev, next) as T;
}

function share(prev: JsonValue | undefined, next: JsonValue): JsonValue {
  // Equal strings are still two strings in memory (`===` compares their text): keep `prev`'s. For the
  // same reason the containers below are always rebuilt, never returned as they are.
  if (typeof next === 'string') return prev === next ? prev : next;
  if (prev === next || prev === undefined) return next;
  if (Array.isArray(next)) {
    if (!Array.isArray(prev)) return next;
    let same = prev.length === next.length;
    const out = next.map((item, i) => {
      const shared = share(prev[i], item);
      if (shared !== prev[i]) same = false;
      return shared;
    });
    return same ? prev : out;
  }
  if (isObject(next)) {
    if (!isObject(prev)) return next;
    let same = true;
    let count = 0;
    const out: Record<string, JsonValue> = {};
    for (const key of Object.keys(next)) {
      count += 1;
      const shared = share(prev[key], next[key]);
      if (shared !== prev[key]) same = false;
      out[key] = shared;
    }
    return same && count === Object.keys(prev).length ? prev : out;
  }
  return next;
}
