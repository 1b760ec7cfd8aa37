/**
 * Values computed once per key, forgotten all at once past a size limit. Inputs repeat the same
 * strings all over (references, templates, task contents), so each distinct one is worked out once;
 * the limit keeps a hostile input from growing the cache without bound.
 */
export class BoundedCache<K, V extends object | string | number | boolean | null> {
  private readonly entries = new Map<K, V>();

  /** @param limit entries held before the cache is cleared */
  constructor(private readonly limit: number) {}

  /**
   * The value of `key`, computed by `compute` when it is not held. A computation that throws keeps
   * nothing (the next call computes, and throws, again).
   */
  get(key: K, compute: (key: K) => V): V {
    let value = this.entries.get(key);
    if (value === undefined) {
      value = compute(key);
      if (this.entries.size >= this.limit) this.entries.clear();
      this.entries.set(key, value);
    }
    return value;
  }
}
