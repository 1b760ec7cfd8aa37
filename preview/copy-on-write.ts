/**
 * Copy-on-write maps over JSON containers, for the walks every value of a plan goes through
 * (sensitivity masks, redaction, sharing): a container none of whose members changes is returned as
 * it is, so a 50 MB plan, whose values are almost all left alone, is not copied once per walk (each
 * copy was garbage for the collector and raised the peak memory of a preview).
 */
import type { JsonObject, JsonValue } from './changes';

/**
 * `value` with `map` applied to each member, in key order: `value` itself when every member maps to
 * itself. A `__proto__` member always takes the copy: assigning it there drops it (it sets the copy's
 * prototype), as the walks did when they copied every object, so no own `__proto__` reaches a change.
 */
export function mapObject(value: JsonObject, map: (item: JsonValue, key: string) => JsonValue): JsonObject {
  const keys = Object.keys(value);
  let out: Record<string, JsonValue> | undefined;
  for (let i = 0; i < keys.length; i += 1) {
    const key = keys[i];
    const item = value[key];
    const next = map(item, key);
    if (out) out[key] = next;
    else if (next !== item || key === '__proto__') {
      out = {};
      for (let j = 0; j < i; j += 1) out[keys[j]] = value[keys[j]];
      out[key] = next;
    }
  }
  return out ?? value;
}

/** `value` with `map` applied to each element: `value` itself when every element maps to itself. */
export function mapArray(
  value: readonly JsonValue[],
  map: (item: JsonValue, index: number) => JsonValue,
): readonly JsonValue[] {
  let out: JsonValue[] | undefined;
  for (let i = 0; i < value.length; i += 1) {
    const item = value[i];
    const next = map(item, i);
    if (out) out.push(next);
    else if (next !== item) {
      out = value.slice(0, i);
      out.push(next);
    }
  }
  return out ?? value;
}
