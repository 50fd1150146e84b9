/**
 * A bounded cache for pure values that are asked for again and again (the sentences of a cited
 * passage, a rendered-once list): at most `limit` entries, the least recently used dropped first.
 */
export class BoundedCache<K, V> {
  readonly #map = new Map<K, V>();
  readonly #limit: number;

  /** @param limit Most entries kept (at least 1). */
  constructor(limit: number) {
    this.#limit = Math.max(1, limit);
  }

  /** The value for `key`, made by `make` (and kept) when it is not cached. */
  get(key: K, make: (key: K) => V): V {
    const map = this.#map;
    if (map.has(key)) {
      const value = map.get(key) as V;
      map.delete(key);
      map.set(key, value);
      return value;
    }
    const value = make(key);
    if (map.size >= this.#limit) {
      const oldest = map.keys().next().value;
      if (oldest !== undefined) map.delete(oldest);
    }
    map.set(key, value);
    return value;
  }

  get size(): number {
    return this.#map.size;
  }
}
