/**
 * The two ways the readers fill their lookup tables: an entry made once on first use, and a list
 * grown per key. Inputs repeat the same texts, names and targets thousands of times, so most of
 * what the readers work out is kept by key in a Map of one reading.
 */

/** The entry of `key` in `map`, made by `make` when there is none. */
export function entryOf<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let entry = map.get(key);
  if (entry === undefined) {
    entry = make();
    map.set(key, entry);
  }
  return entry;
}

/** Appends `value` to the list at `key`. */
export function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
