/**
 * Lookups keyed by input. A plain object literal answers `table['constructor']` with Object's
 * constructor and `table['__proto__']` with its prototype, so a name from a declaration, a plan or a
 * folder would find an entry nobody wrote. These helpers only ever find own entries.
 */

/** Names every plain JavaScript object answers to (`constructor`, `toString`, `__proto__`, ...). */
export const JS_BUILT_IN_NAMES: readonly string[] = Object.getOwnPropertyNames(Object.prototype).sort();

/**
 * A frozen copy of `entries` without a prototype: looking up a key it does not hold gives undefined,
 * whatever the key.
 */
export function lookupTable<T extends object>(entries: T): Readonly<T> {
  return Object.freeze(Object.assign(Object.create(null) as T, entries));
}

/** The value `record` holds under `key` itself (never one inherited from Object.prototype). */
export function ownValue<V>(record: Readonly<Record<string, V>> | undefined, key: string): V | undefined {
  return record !== undefined && Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}
