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
    if (this.#map.has(key)) return this.find(key) as V;
    const value = make(key);
    this.put(key, value);
    return value;
  }

  /** The value for `key` if cached (then it counts as recently used). */
  find(key: K): V | undefined {
    const map = this.#map;
    if (!map.has(key)) return undefined;
    const value = map.get(key) as V;
    map.delete(key);
    map.set(key, value);
    return value;
  }

  /** Keeps `value` for `key`, dropping the least recently used entry when full. */
  put(key: K, value: V): void {
    const map = this.#map;
    map.delete(key);
    if (map.size >= this.#limit) {
      const oldest = map.keys().next().value;
      if (oldest !== undefined) map.delete(oldest);
    }
    map.set(key, value);
  }

  clear(): void {
    this.#map.clear();
  }

  get size(): number {
    return this.#map.size;
  }
}
