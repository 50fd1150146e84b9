/**
 * Compact posting lists for MiniSearch's inverted index.
 *
 * MiniSearch keeps, for every term, a `Map<fieldId, Map<docId, termFrequency>>`: about 40 bytes of
 * heap per posting, which at 100k passages is most of the index. `TermPostings` holds the same data
 * as one sorted list of packed integers (4 bytes a posting once compacted into a shared arena) and
 * implements the Map interface MiniSearch reads and writes, so MiniSearch's own `search`, `add`,
 * `remove`, `vacuum` and `toJSON` still work over it; Dossier's query planner reads it directly.
 */

/** Bits of a packed posting holding the term frequency (capped at TF_MAX: BM25 saturates long before). */
const TF_BITS = 5;
export const TF_MAX = (1 << TF_BITS) - 1;
/** Bits holding the field id: at most MAX_FIELDS indexed fields. */
const FIELD_BITS = 2;
export const MAX_FIELDS = 1 << FIELD_BITS;
const FIELD_MASK = MAX_FIELDS - 1;
/** Multiplier of the document id in a packed posting. */
export const DOC_UNIT = 1 << (TF_BITS + FIELD_BITS);
/** Most documents an index can hold (a packed posting must stay a 31-bit integer). */
export const MAX_DOCS = Math.floor(0x7fffffff / DOC_UNIT);

export function pack(doc: number, field: number, tf: number): number {
  return doc * DOC_UNIT + (field << TF_BITS) + Math.min(tf, TF_MAX);
}
export const docOf = (v: number): number => Math.floor(v / DOC_UNIT);
export const fieldOf = (v: number): number => (v >>> TF_BITS) & FIELD_MASK;
export const tfOf = (v: number): number => v & TF_MAX;

/**
 * One term's postings over every field: packed `(doc, field, tf)` integers sorted ascending, so by
 * document then field. Backed by a slice of a shared Int32Array arena after compaction, or by its
 * own array while it grows; a write to an arena-backed list copies it out first.
 */
export class TermPostings {
  /** The backing store: a shared arena (read-only here) or this list's own array. */
  buf: Int32Array | number[];
  start: number;
  /** Number of postings (document–field pairs). */
  count: number;
  /** Lazily computed document frequency per field; null after any write. */
  private dfs: number[] | null = null;

  constructor(buf: Int32Array | number[] = [], start = 0, count = buf.length - start) {
    this.buf = buf;
    this.start = start;
    this.count = count;
  }

  at(i: number): number {
    return this.buf[this.start + i] as number;
  }

  /** Index of the first posting of a document at or after `doc` (binary search). */
  lowerBound(doc: number, from = 0): number {
    const target = doc * DOC_UNIT;
    let lo = from;
    let hi = this.count;
    const { buf, start } = this;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((buf[start + mid] as number) < target) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  hasDoc(doc: number): boolean {
    const i = this.lowerBound(doc);
    return i < this.count && docOf(this.at(i)) === doc;
  }

  /** Number of documents with this term in `field` (BM25's document frequency). */
  df(field: number): number {
    if (this.dfs === null) {
      const dfs = new Array<number>(MAX_FIELDS).fill(0);
      const { buf, start, count } = this;
      for (let i = 0; i < count; i += 1) {
        const f = fieldOf(buf[start + i] as number);
        dfs[f] = (dfs[f] ?? 0) + 1;
      }
      this.dfs = dfs;
    }
    return this.dfs[field] ?? 0;
  }

  /** Adds a posting; appending in (doc, field) order, as indexing does, is O(1). */
  put(doc: number, field: number, tf: number): void {
    const v = pack(doc, field, tf);
    const own = this.own();
    this.dfs = null;
    const last = own.length > 0 ? (own[own.length - 1] as number) : -1;
    if (v >>> TF_BITS > last >>> TF_BITS || own.length === 0) {
      own.push(v);
    } else {
      const key = v >>> TF_BITS;
      let i = 0;
      while (i < own.length && (own[i] as number) >>> TF_BITS < key) i += 1;
      if (i < own.length && (own[i] as number) >>> TF_BITS === key) own[i] = v;
      else own.splice(i, 0, v);
    }
    this.count = own.length;
  }

  /**
   * Counts one more occurrence of the term in `doc`'s `field`, the latest document indexed: bumps
   * the last posting if it is that pair, else appends one. Returns true for a new posting.
   */
  bump(doc: number, field: number): boolean {
    const own = this.buf;
    if (Array.isArray(own) && this.start === 0) {
      const last = own.length > 0 ? (own[own.length - 1] as number) : -1;
      const key = doc * DOC_UNIT + (field << TF_BITS);
      if (last >= key && last < key + DOC_UNIT / MAX_FIELDS) {
        if ((last & TF_MAX) < TF_MAX) own[own.length - 1] = last + 1;
        return false;
      }
      if (last < key) {
        own.push(key + 1);
        this.count = own.length;
        this.dfs = null;
        return true;
      }
    }
    const tf = this.tf(doc, field);
    this.put(doc, field, (tf ?? 0) + 1);
    return tf === undefined;
  }

  /** Removes the posting of `doc` in `field`; true if there was one. */
  remove(doc: number, field: number): boolean {
    const key = pack(doc, field, 0) >>> TF_BITS;
    for (let i = this.lowerBound(doc); i < this.count; i += 1) {
      const v = this.at(i);
      if (v >>> TF_BITS !== key) {
        if (docOf(v) > doc) break;
        continue;
      }
      const own = this.own();
      own.splice(i, 1);
      this.count = own.length;
      this.dfs = null;
      return true;
    }
    return false;
  }

  /** Term frequency of `doc` in `field`, or undefined. */
  tf(doc: number, field: number): number | undefined {
    for (let i = this.lowerBound(doc); i < this.count; i += 1) {
      const v = this.at(i);
      if (docOf(v) !== doc) return undefined;
      if (fieldOf(v) === field) return tfOf(v);
    }
    return undefined;
  }

  private own(): number[] {
    if (!Array.isArray(this.buf)) {
      const copy: number[] = [];
      for (let i = 0; i < this.count; i += 1) copy.push(this.at(i));
      this.buf = copy;
      this.start = 0;
    } else if (this.start !== 0) {
      this.buf = this.buf.slice(this.start, this.start + this.count);
      this.start = 0;
    }
    return this.buf;
  }

  // ---- The Map<fieldId, Map<docId, tf>> interface MiniSearch uses (FieldTermData).

  get size(): number {
    return this.fieldIds().length;
  }

  get(field: number): FieldPostingsView | undefined {
    return this.df(field) > 0 ? new FieldPostingsView(this, field) : undefined;
  }

  has(field: number): boolean {
    return this.df(field) > 0;
  }

  /** Replaces the postings of `field` with `docs` (MiniSearch adds a new field's map this way). */
  set(field: number, docs: Iterable<[number, number]>): this {
    this.delete(field);
    for (const [doc, tf] of docs) this.put(doc, field, tf);
    return this;
  }

  delete(field: number): boolean {
    if (!this.has(field)) return false;
    const own = this.own().filter((v) => fieldOf(v) !== field);
    this.buf = own;
    this.count = own.length;
    this.dfs = null;
    return true;
  }

  fieldIds(): number[] {
    const out: number[] = [];
    for (let f = 0; f < MAX_FIELDS; f += 1) if (this.df(f) > 0) out.push(f);
    return out;
  }

  keys(): IterableIterator<number> {
    return this.fieldIds()[Symbol.iterator]();
  }

  *values(): IterableIterator<FieldPostingsView> {
    for (const f of this.fieldIds()) yield new FieldPostingsView(this, f);
  }

  *entries(): IterableIterator<[number, FieldPostingsView]> {
    for (const f of this.fieldIds()) yield [f, new FieldPostingsView(this, f)];
  }

  [Symbol.iterator](): IterableIterator<[number, FieldPostingsView]> {
    return this.entries();
  }

  forEach(fn: (value: FieldPostingsView, key: number) => void): void {
    for (const [f, view] of this.entries()) fn(view, f);
  }
}

/** One field of a TermPostings seen as MiniSearch's `Map<docId, termFrequency>`. */
export class FieldPostingsView {
  constructor(private readonly postings: TermPostings, private readonly field: number) {}

  get size(): number {
    return this.postings.df(this.field);
  }

  get(doc: number): number | undefined {
    return this.postings.tf(doc, this.field);
  }

  has(doc: number): boolean {
    return this.get(doc) !== undefined;
  }

  set(doc: number, tf: number): this {
    this.postings.put(doc, this.field, tf);
    return this;
  }

  delete(doc: number): boolean {
    return this.postings.remove(doc, this.field);
  }

  *entries(): IterableIterator<[number, number]> {
    const p = this.postings;
    for (let i = 0; i < p.count; i += 1) {
      const v = p.at(i);
      if (fieldOf(v) === this.field) yield [docOf(v), tfOf(v)];
    }
  }

  *keys(): IterableIterator<number> {
    for (const [doc] of this.entries()) yield doc;
  }

  *values(): IterableIterator<number> {
    for (const [, tf] of this.entries()) yield tf;
  }

  [Symbol.iterator](): IterableIterator<[number, number]> {
    return this.entries();
  }

  forEach(fn: (tf: number, doc: number) => void): void {
    for (const [doc, tf] of this.entries()) fn(tf, doc);
  }
}

/** A posting list from whatever MiniSearch holds for a term (ours, or a Map it created itself). */
export function asTermPostings(value: unknown): TermPostings | undefined {
  if (value instanceof TermPostings) return value;
  if (!(value instanceof Map)) return undefined;
  const all: number[] = [];
  for (const [field, docs] of value as Map<number, Map<number, number>>) {
    for (const [doc, tf] of docs) all.push(pack(doc, field, tf));
  }
  all.sort((a, b) => a - b);
  return new TermPostings(all);
}

/**
 * Moves every list into one shared Int32Array arena (4 bytes a posting, no per-list array
 * overhead). Returns the arena and each list's length, in the order given.
 */
export function compactInto(lists: readonly TermPostings[]): { arena: Int32Array; lengths: Uint32Array } {
  let total = 0;
  for (const p of lists) total += p.count;
  const arena = new Int32Array(total);
  const lengths = new Uint32Array(lists.length);
  let at = 0;
  lists.forEach((p, i) => {
    const { buf, start, count } = p;
    if (Array.isArray(buf)) for (let k = 0; k < count; k += 1) arena[at + k] = buf[start + k] as number;
    else arena.set(buf.subarray(start, start + count), at);
    p.buf = arena;
    p.start = at;
    lengths[i] = count;
    at += count;
  });
  return { arena, lengths };
}
