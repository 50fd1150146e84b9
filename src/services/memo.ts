/**
 * A bounded cache for pure values that are asked for again and again (the sentences of a cited
 * passage, a rendered-once list): at most `limit` entries, the least recently used dropped first.
 */
import { fnv1a } from '../search/hash.ts';

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

/**
 * Whether a key was asked for recently: a table of `slots` key hashes, two to a bucket (a bucket
 * holds the hashes of the last two keys seen there). `check` records the key and says whether it
 * was already there. A cache that admits only keys seen before keeps what is asked again and never
 * fills up (nor makes garbage for the collector) with what is asked once. Keys sharing a bucket
 * push each other out, and a different key with the same 32-bit hash counts as seen: both only
 * change what is cached.
 */
export class SeenBefore {
  readonly #hashes: Uint32Array;
  readonly #mask: number;

  /** @param slots Table size, rounded up to a power of two (at least 16). */
  constructor(slots: number) {
    let size = 16;
    while (size < slots) size *= 2;
    this.#hashes = new Uint32Array(size);
    this.#mask = size - 1;
  }

  /** Records `key`; true when it was recorded before (and not pushed out since). */
  check(key: string): boolean {
    // 0 is kept for "empty".
    const h = (fnv1a(key) >>> 0) || 1;
    // A pair of slots per bucket, newest first: a key is pushed out by the second newer key there.
    const hashes = this.#hashes;
    const slot = (h ^ (h >>> 16)) & this.#mask & ~1;
    if (hashes[slot] === h || hashes[slot + 1] === h) return true;
    hashes[slot + 1] = hashes[slot] as number;
    hashes[slot] = h;
    return false;
  }

  clear(): void {
    this.#hashes.fill(0);
  }
}
