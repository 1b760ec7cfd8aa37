/**
 * Lookups keyed by input (environment names, role and scope-map names from a file): only a record's
 * own keys count, so `constructor`, `__proto__` or `toString` never find an inherited member.
 */

/** `record[key]` when `key` is one of the record's own keys, else undefined. */
export function ownValue<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

/** A copy of `record` without a prototype: no inherited member can be looked up in it. */
export function nullPrototypeCopy<T>(record: Readonly<Record<string, T>> | undefined): Record<string, T> {
  const copy = Object.create(null) as Record<string, T>;
  if (record) for (const key of Object.keys(record)) copy[key] = record[key];
  return copy;
}
