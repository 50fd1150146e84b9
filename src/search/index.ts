import MiniSearch, { type Options } from 'minisearch';
import type { Article, Passage } from '../domain/types.ts';
import {
  asTermPostings, compactInto, docOf, DOC_UNIT, fieldOf, MAX_DOCS, MAX_FIELDS, TermPostings, tfOf,
} from './postings.ts';
import { indexWordInfo, isPhraseStart, phraseTermAt, queryGroups, scanWordRanges, textTerms } from './terms.ts';
import { fnv1a } from './hash.ts';

/**
 * Bumped whenever anything that shapes the index changes (fields, term processing, boosts, the
 * saved form): snapshots carry it and a snapshot with another version is rebuilt.
 */
export const INDEX_VERSION = 3;

/** Marker of a saved index (`toJS`), checked by `fromJS`. */
export const INDEX_FORMAT = 'dossier-passage-index';

/** What is indexed for each passage. */
export interface IndexedPassage {
  id: string;
  text: string;
  title: string;
  section: string;
  /** Names of the people the passage mentions (filled by the knowledge layer; empty before). */
  people: string;
}

/**
 * The one options object for building and loading the index: a snapshot loaded with other options
 * would answer differently, so both paths take this value.
 */
export const INDEX_OPTIONS: Options<IndexedPassage> = {
  /** Passage id, `<articleId>#p<n>`. */
  idField: 'id',
  /** Searched fields. Default: text, title, section, people (at most 4: see postings.ts). */
  fields: ['text', 'title', 'section', 'people'],
  /** Nothing stored in the index: passages live beside it. */
  storeFields: [],
  /** Word tokens already folded into index terms (see terms.ts). */
  tokenize: (text: string) => textTerms(text, 'index'),
  /** Terms arrive processed from `tokenize`; nothing more to do. */
  processTerm: (term: string) => term,
  searchOptions: {
    /** Query trees are built by the planner from already processed terms. */
    tokenize: (text: string) => [text],
    processTerm: (term: string) => term,
    /** Default boosts: a match in the title or a person's name counts for more than one in text. */
    boost: { title: 1.5, section: 1.2, people: 1.5 },
    /** MiniSearch's defaults, spelled out because the planner scores with them too. */
    weights: { fuzzy: 0.45, prefix: 0.375 },
    bm25: { k: 1.2, b: 0.7, d: 0.5 },
  },
};

/** Limits of the query planner (see `PassageIndex.search`). */
export const PLANNER_LIMITS = {
  /** A last word of at least this many characters also matches as a prefix. Default 3. */
  minPrefixLength: 3,
  /** Most completions a prefix expands to (the most frequent first). Default 24. */
  maxPrefixTerms: 24,
  /** Postings a prefix expansion may add beyond the first completion. Default 150,000. */
  prefixPostingBudget: 150_000,
  /** Most fuzzy spellings a word expands to (nearest, then most frequent, first). Default 12. */
  maxFuzzyTerms: 12,
  /** Most words a query is matched on: the rarest are kept. Default 12. */
  maxGroups: 12,
} as const;

/** Edit distance allowed for a word the index lacks: none under 4 letters, 1 up to 7, else 2. */
export function maxEditDistance(term: string): number {
  return term.length < 4 ? 0 : term.length < 8 ? 1 : 2;
}

export interface SearchHit {
  id: string;
  score: number;
  /** Index terms that matched in this passage (for highlighting). */
  terms: string[];
}

export interface PassageSearchOptions {
  /** How many hits at most. Default 10. */
  limit?: number;
  /** Only passages this predicate accepts (e.g. a guild's view of the corpus); applied before the cut. */
  filter?: (id: string) => boolean;
}

/** How one query word is matched: the index terms it expands to, each with its weight. */
export interface PlannedTerm {
  term: string;
  kind: 'exact' | 'prefix' | 'fuzzy';
  weight: number;
  postings: TermPostings;
}

export interface PlannedGroup {
  word: string;
  terms: PlannedTerm[];
  /** Total postings of the group's terms (its cost, and an upper bound on its documents). */
  cost: number;
}

/** What the planner decided for a query (exposed for tests and diagnostics). */
export interface QueryPlan {
  groups: PlannedGroup[];
  /** Words with no exact, prefix or fuzzy match: left out of the AND. */
  missing: string[];
}

/** What a saved index says about itself (the small JSON part of both saved forms). */
interface IndexMeta {
  format: typeof INDEX_FORMAT;
  version: number;
  fields: string[];
  documentCount: number;
  avgFieldLength: number[];
  dirtCount: number;
}

/** A saved index decoded: the meta, the strings and the typed arrays. */
interface IndexParts {
  meta: IndexMeta;
  /** Passage id of each short document id; null for a discarded document. */
  ids: (string | null)[];
  /** ids.length × fields.length unique-term counts. */
  fieldLength: Uint16Array;
  terms: string[];
  /** Postings per term. */
  postingCounts: Uint32Array;
  /** Every term's packed postings, in `terms` order. */
  postings: Int32Array;
}

/** Saved form of an index (`toJS`): plain JSON, with the bulk in base64 typed arrays. */
interface SavedIndex extends IndexMeta {
  ids: (string | null)[];
  /** base64 Uint16Array. */
  fieldLength: string;
  terms: string[];
  /** base64 Uint32Array. */
  postingCounts: string;
  /** base64 Int32Array. */
  postings: string;
}

/** Binary form of an index (`toSnapshot`): meta as JSON, the rest as named byte sections. */
export interface IndexSnapshot {
  meta: unknown;
  sections: Map<string, Uint8Array>;
}

/** Section names of the binary form (a prefix keeps them apart from other sections of a snapshot). */
const SECTIONS = {
  ids: 'index.ids', terms: 'index.terms', fieldLength: 'index.fieldLength', postingCounts: 'index.postingCounts', postings: 'index.postings',
} as const;

interface WordEntry {
  folded: string;
  postings: TermPostings[];
  /** The word may start a multi-word form ("United States"). */
  phrase: boolean;
}

/**
 * Interns written words straight from a text: an open-addressing hash table keyed by the word's
 * characters, so a word seen before costs a hash and a comparison, with no string allocated.
 */
class WordTable {
  private keys: string[] = [];
  private entries: WordEntry[] = [];
  private hashes: number[] = [];
  /** Entry index + 1 per slot; 0 for an empty slot. */
  private slots = new Int32Array(1 << 14);
  private mask = (1 << 14) - 1;

  constructor(private readonly make: (word: string) => WordEntry) {}

  entry(i: number): WordEntry {
    return this.entries[i] as WordEntry;
  }

  /** The entry index of `text.slice(start, end)`, made on first sight. */
  intern(text: string, start: number, end: number): number {
    const h = fnv1a(text, start, end);
    const length = end - start;
    const { slots, mask, keys } = this;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const at = slots[slot] as number;
      if (at === 0) break;
      if (this.hashes[at - 1] !== h) continue;
      const key = keys[at - 1] as string;
      if (key.length !== length) continue;
      let same = true;
      for (let i = 0; i < length; i += 1) {
        if (key.charCodeAt(i) !== text.charCodeAt(start + i)) {
          same = false;
          break;
        }
      }
      if (same) return at - 1;
    }
    const word = text.slice(start, end);
    const index = keys.length;
    keys.push(word);
    this.hashes.push(h);
    this.entries.push(this.make(word));
    if (keys.length * 2 > slots.length) this.rehash(slots.length * 2);
    else this.place(h, index);
    return index;
  }

  private place(h: number, index: number): void {
    let slot = h & this.mask;
    while (this.slots[slot] !== 0) slot = (slot + 1) & this.mask;
    this.slots[slot] = index + 1;
  }

  private rehash(size: number): void {
    this.slots = new Int32Array(size);
    this.mask = size - 1;
    this.hashes.forEach((h, i) => this.place(h, i));
  }
}

/** MiniSearch with Dossier's compact postings and a fast path for adding many passages. */
class PassageMiniSearch extends MiniSearch<IndexedPassage> {
  /** Unique-term count per document and field (a typed mirror of `_fieldLength`). */
  fieldLengths: Uint16Array = new Uint16Array(0);
  /** Passage id per short document id (a mirror of `_documentIds`). */
  ids: (string | null)[] = [];

  get fieldCount(): number {
    return this._options.fields.length;
  }

  get nextId(): number {
    return this._nextId;
  }

  avgFieldLength(field: number): number {
    return this._avgFieldLength[field] ?? 0;
  }

  isLive(doc: number): boolean {
    return this._documentIds.has(doc);
  }

  /** The postings of an exact term, converting a Map MiniSearch made itself into ours. */
  postings(term: string): TermPostings | undefined {
    const value: unknown = this._index.get(term);
    if (value === undefined || value instanceof TermPostings) return value;
    const converted = asTermPostings(value);
    if (converted) this._index.set(term, converted as never);
    return converted;
  }

  /** Every (term, postings) under a prefix. */
  *withPrefix(prefix: string): Generator<[string, TermPostings]> {
    for (const [term, value] of this._index.atPrefix(prefix)) {
      const p = value instanceof TermPostings ? value : this.postings(term);
      if (p) yield [term, p];
    }
  }

  /** Terms within `distance` edits of `term`, with their distance. */
  fuzzy(term: string, distance: number): Array<[string, TermPostings, number]> {
    const out: Array<[string, TermPostings, number]> = [];
    for (const [t, [value, d]] of this._index.fuzzyGet(term, distance)) {
      const p = value instanceof TermPostings ? value : this.postings(t);
      if (p) out.push([t, p, d]);
    }
    return out;
  }

  private ensureCapacity(docs: number): void {
    const fields = this.fieldCount;
    if (this.fieldLengths.length >= docs * fields) return;
    const grown = new Uint16Array(Math.max(docs, Math.ceil(this.fieldLengths.length / fields) * 2, 1024) * fields);
    grown.set(this.fieldLengths);
    this.fieldLengths = grown;
  }

  /**
   * Adds passages the way `MiniSearch.add` does (same terms as `tokenize`, unique-term field
   * lengths and running averages) but writes compact postings. Each written word is interned once
   * per batch in a `WordTable` straight from the text (no string made for a word seen before) and
   * maps to the posting lists of its index terms; new terms join the radix tree at the end.
   */
  addPassages(docs: readonly IndexedPassage[]): void {
    const { fields } = this._options;
    const fieldCount = fields.length;
    this.ensureCapacity(this._nextId + docs.length);
    const dictionary = new Map<string, TermPostings>();
    const fresh: string[] = [];
    const postingsOf = (term: string): TermPostings => {
      let p = dictionary.get(term);
      if (p === undefined) {
        p = this.postings(term);
        if (p === undefined) {
          p = new TermPostings();
          fresh.push(term);
        }
        dictionary.set(term, p);
      }
      return p;
    };
    const words = new WordTable((word) => {
      const info = indexWordInfo(word);
      return { folded: info.folded, postings: info.index.map(postingsOf), phrase: isPhraseStart(info.folded) };
    });
    let wordIds = new Int32Array(256);
    let wordCount = 0;
    let current = '';
    const onWord = (start: number, end: number): void => {
      if (wordCount === wordIds.length) {
        const grown = new Int32Array(wordCount * 2);
        grown.set(wordIds);
        wordIds = grown;
      }
      wordIds[wordCount++] = words.intern(current, start, end);
    };
    const foldedAt = (k: number): string | undefined => (k < wordCount ? words.entry(wordIds[k] as number).folded : undefined);
    /** The posting lists of a text's index terms, in textTerms order (with repeats). */
    const listsOf = (text: string): TermPostings[] => {
      current = text;
      wordCount = 0;
      scanWordRanges(text, onWord);
      const out: TermPostings[] = [];
      for (let i = 0; i < wordCount; i += 1) {
        const entry = words.entry(wordIds[i] as number);
        if (entry.phrase) {
          const term = phraseTermAt(foldedAt, i);
          if (term !== undefined) out.push(postingsOf(term));
        }
        for (const p of entry.postings) out.push(p);
      }
      return out;
    };
    const lastText: string[] = new Array<string>(fieldCount).fill('\u0000');
    const lastLists: TermPostings[][] = fields.map(() => []);
    for (const doc of docs) {
      const id = doc.id;
      if (this._idToShortId.has(id)) throw new Error(`PassageIndex: duplicate passage id "${id}"`);
      const short = this._nextId;
      if (short >= MAX_DOCS) throw new Error(`PassageIndex: more than ${MAX_DOCS} passages`);
      this._idToShortId.set(id, short);
      this._documentIds.set(short, id);
      this._documentCount += 1;
      this._nextId += 1;
      this.ids[short] = id;
      const lengths: number[] = [];
      for (let f = 0; f < fieldCount; f += 1) {
        const field = fields[f] as keyof IndexedPassage;
        const text = doc[field];
        let lists: TermPostings[];
        if (text === lastText[f]) lists = lastLists[f] as TermPostings[];
        else {
          lists = listsOf(text);
          lastText[f] = text;
          lastLists[f] = lists;
        }
        let length = 0;
        for (const p of lists) if (p.bump(short, f)) length += 1;
        lengths.push(length);
        this.fieldLengths[short * fieldCount + f] = Math.min(length, 0xffff);
        const before = this._documentCount - 1;
        this._avgFieldLength[f] = ((this._avgFieldLength[f] ?? 0) * before + length) / (before + 1);
      }
      this._fieldLength.set(short, lengths);
    }
    for (const term of fresh) this._index.set(term, dictionary.get(term) as never);
  }

  /** Moves every posting list into one arena (after a bulk build or load). */
  compact(): void {
    const lists: TermPostings[] = [];
    for (const [term] of this._index) {
      const p = this.postings(term);
      if (p) lists.push(p);
    }
    compactInto(lists);
  }

  save(): IndexParts {
    const fieldCount = this.fieldCount;
    const terms: string[] = [];
    const lists: TermPostings[] = [];
    for (const [term] of this._index) {
      const p = this.postings(term);
      if (p && p.count > 0) {
        terms.push(term);
        lists.push(p);
      }
    }
    const { arena, lengths } = compactInto(lists);
    const ids = this.ids.slice(0, this._nextId).map((id, doc) => (id !== null && this._documentIds.has(doc) ? id : null));
    return {
      meta: {
        format: INDEX_FORMAT, version: INDEX_VERSION, fields: [...this._options.fields],
        documentCount: this._documentCount, avgFieldLength: [...this._avgFieldLength], dirtCount: this._dirtCount,
      },
      ids,
      fieldLength: this.fieldLengths.slice(0, this._nextId * fieldCount),
      terms,
      postingCounts: lengths,
      postings: arena,
    };
  }

  load(saved: IndexParts): void {
    const fieldCount = this.fieldCount;
    const n = saved.ids.length;
    this._nextId = n;
    this._documentCount = saved.meta.documentCount;
    this._dirtCount = saved.meta.dirtCount;
    this._avgFieldLength = [...saved.meta.avgFieldLength];
    this.ids = saved.ids;
    const lengths = saved.fieldLength;
    if (lengths.length !== n * fieldCount) throw new Error('saved index: fieldLength does not match ids');
    this.fieldLengths = lengths;
    const ids = saved.ids;
    // MiniSearch's own per-document maps are made only if its own add/remove/search needs them.
    this._documentIds = lazyMap(() => {
      const m = new Map<number, string>();
      ids.forEach((id, doc) => id !== null && m.set(doc, id));
      return m;
    });
    this._idToShortId = lazyMap(() => {
      const m = new Map<string, number>();
      ids.forEach((id, doc) => id !== null && m.set(id, doc));
      return m;
    });
    this._fieldLength = lazyMap(() => {
      const m = new Map<number, number[]>();
      ids.forEach((id, doc) => id !== null && m.set(doc, Array.from(lengths.subarray(doc * fieldCount, (doc + 1) * fieldCount))));
      return m;
    });
    const counts = saved.postingCounts;
    const arena = saved.postings;
    if (counts.length !== saved.terms.length) throw new Error('saved index: postingCounts does not match terms');
    let at = 0;
    for (let i = 0; i < saved.terms.length; i += 1) {
      const count = counts[i] as number;
      if (at + count > arena.length) throw new Error('saved index: postings are truncated');
      this._index.set(saved.terms[i] as string, new TermPostings(arena, at, count) as never);
      at += count;
    }
    if (at !== arena.length) throw new Error('saved index: postings do not match postingCounts');
  }
}

/**
 * A Map filled on first use: loading an index does not build MiniSearch's per-document maps
 * (three Maps and an array per passage) that Dossier's planner never reads.
 */
function lazyMap<K, V>(fill: () => Map<K, V>): Map<K, V> {
  let real: Map<K, V> | null = null;
  const get = (): Map<K, V> => (real ??= fill());
  return new Proxy(new Map<K, V>(), {
    get(_target, prop) {
      const m = get();
      const value: unknown = Reflect.get(m, prop, m);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(m) : value;
    },
  });
}

function base64(view: ArrayBufferView): string {
  return Buffer.from(view.buffer, view.byteOffset, view.byteLength).toString('base64');
}

function fromBase64(text: unknown, what: string): Uint8Array {
  if (typeof text !== 'string') throw new Error(`saved index: ${what} is missing`);
  return Buffer.from(text, 'base64');
}

/** Checks the meta of a saved index (format, version, fields, counts) and returns it typed. */
function checkMeta(js: unknown): IndexMeta {
  if (typeof js !== 'object' || js === null) throw new Error('saved index: not an object');
  const saved = js as Partial<IndexMeta>;
  if (saved.format !== INDEX_FORMAT) throw new Error(`saved index: format is not ${INDEX_FORMAT}`);
  if (saved.version !== INDEX_VERSION) throw new Error(`saved index: version ${String(saved.version)}, expected ${INDEX_VERSION}`);
  const fields = INDEX_OPTIONS.fields;
  if (!Array.isArray(saved.fields) || saved.fields.join('\u0000') !== fields.join('\u0000')) {
    throw new Error('saved index: fields differ from INDEX_OPTIONS');
  }
  if (!Array.isArray(saved.avgFieldLength) || typeof saved.documentCount !== 'number' || typeof saved.dirtCount !== 'number') {
    throw new Error('saved index: missing counts');
  }
  return saved as IndexMeta;
}

/** A typed array with its own aligned copy of `bytes` (never a view of a larger file buffer). */
function typed<T extends Uint16Array | Uint32Array | Int32Array>(
  bytes: Uint8Array, Ctor: { new (buffer: ArrayBuffer, offset: number, length: number): T; BYTES_PER_ELEMENT: number }, what: string,
): T {
  if (bytes.length % Ctor.BYTES_PER_ELEMENT !== 0) throw new Error(`saved index: ${what} is truncated`);
  const buffer = new ArrayBuffer(bytes.length);
  new Uint8Array(buffer).set(bytes);
  return new Ctor(buffer, 0, bytes.length / Ctor.BYTES_PER_ELEMENT);
}

/** Top-k by (groups matched, score), ties to the earlier passage: a small binary min-heap. */
class TopK {
  readonly docs: number[] = [];
  readonly hits: number[] = [];
  readonly scores: number[] = [];
  constructor(readonly k: number) {}

  /** True if a candidate would make it into the current top k. */
  admits(hits: number, score: number, doc: number): boolean {
    return this.docs.length < this.k || this.less(0, hits, score, doc);
  }

  /** Whether the entry at heap position i ranks below (hits, score, doc). */
  private less(i: number, hits: number, score: number, doc: number): boolean {
    const h = this.hits[i] as number;
    if (h !== hits) return h < hits;
    const s = this.scores[i] as number;
    if (s !== score) return s < score;
    return (this.docs[i] as number) > doc;
  }

  push(hits: number, score: number, doc: number): void {
    if (this.docs.length < this.k) {
      this.docs.push(doc);
      this.hits.push(hits);
      this.scores.push(score);
      this.up(this.docs.length - 1);
    } else {
      this.docs[0] = doc;
      this.hits[0] = hits;
      this.scores[0] = score;
      this.down(0);
    }
  }

  private swap(a: number, b: number): void {
    for (const arr of [this.docs, this.hits, this.scores]) {
      const t = arr[a] as number;
      arr[a] = arr[b] as number;
      arr[b] = t;
    }
  }

  private up(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, this.hits[parent] as number, this.scores[parent] as number, this.docs[parent] as number)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  private down(i: number): void {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let min = i;
      if (l < this.docs.length && this.less(l, this.hits[min] as number, this.scores[min] as number, this.docs[min] as number)) min = l;
      if (r < this.docs.length && this.less(r, this.hits[min] as number, this.scores[min] as number, this.docs[min] as number)) min = r;
      if (min === i) return;
      this.swap(i, min);
      i = min;
    }
  }

  /** Entries best first. */
  sorted(): Array<{ doc: number; hits: number; score: number }> {
    return this.docs
      .map((doc, i) => ({ doc, hits: this.hits[i] as number, score: this.scores[i] as number }))
      .sort((a, b) => b.hits - a.hits || b.score - a.score || a.doc - b.doc);
  }
}

/**
 * The passage index: MiniSearch (its radix tree of terms, document ids and field statistics, with
 * compact posting lists) behind Dossier's own query planner.
 */
export class PassageIndex {
  private readonly mini: PassageMiniSearch;
  /** Per-query scratch, indexed by short document id (reset after every query). */
  private scores = new Float64Array(0);
  private groupsHit = new Uint8Array(0);
  private touched = new Int32Array(0);
  /** Per-field scratch of `run`: average field lengths and the current term's BM25 factors. */
  private readonly avg = new Float64Array(MAX_FIELDS);
  private readonly factors = new Float64Array(MAX_FIELDS);

  private constructor(mini: PassageMiniSearch) {
    this.mini = mini;
  }

  /** The MiniSearch instance holding the index (its own `search` works too, only slower). */
  get miniSearch(): MiniSearch<IndexedPassage> {
    return this.mini;
  }

  static build(articles: readonly Article[], passages: readonly Passage[], people?: ReadonlyMap<string, string[]>): PassageIndex {
    const mini = new PassageMiniSearch(INDEX_OPTIONS);
    const titles = new Map(articles.map((a) => [a.id, a.title]));
    mini.addPassages(passages.map((p) => toIndexed(p, titles.get(p.articleId) ?? '', people?.get(p.id))));
    mini.compact();
    return new PassageIndex(mini);
  }

  /**
   * Loads an index saved by `toJS`, with the same options it was built with. Throws a clear error
   * for anything that is not a complete saved index of this version (callers rebuild).
   */
  static fromJS(js: unknown): PassageIndex {
    const meta = checkMeta(js);
    const saved = js as Partial<SavedIndex>;
    if (!Array.isArray(saved.ids) || !Array.isArray(saved.terms)) throw new Error('saved index: missing ids or terms');
    return PassageIndex.load({
      meta,
      ids: saved.ids,
      terms: saved.terms,
      fieldLength: typed(fromBase64(saved.fieldLength, 'fieldLength'), Uint16Array, 'fieldLength'),
      postingCounts: typed(fromBase64(saved.postingCounts, 'postingCounts'), Uint32Array, 'postingCounts'),
      postings: typed(fromBase64(saved.postings, 'postings'), Int32Array, 'postings'),
    });
  }

  /** The index as plain JSON-able data, for `fromJS` (the snapshot uses the faster `toSnapshot`). */
  toJS(): unknown {
    const parts = this.mini.save();
    const saved: SavedIndex = {
      ...parts.meta,
      ids: parts.ids,
      fieldLength: base64(parts.fieldLength),
      terms: parts.terms,
      postingCounts: base64(parts.postingCounts),
      postings: base64(parts.postings),
    };
    return saved;
  }

  /**
   * The index as a small JSON meta value plus binary sections (ids and terms as NUL-separated
   * UTF-8, the typed arrays as their bytes), for `fromSnapshot`: nothing to parse but the meta.
   */
  toSnapshot(): IndexSnapshot {
    const parts = this.mini.save();
    const bytes = (view: ArrayBufferView): Uint8Array => new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
    return {
      meta: { ...parts.meta, idCount: parts.ids.length, termCount: parts.terms.length },
      sections: new Map([
        [SECTIONS.ids, Buffer.from(parts.ids.map((id) => id ?? '').join('\u0000'), 'utf8')],
        [SECTIONS.terms, Buffer.from(parts.terms.join('\u0000'), 'utf8')],
        [SECTIONS.fieldLength, bytes(parts.fieldLength)],
        [SECTIONS.postingCounts, bytes(parts.postingCounts)],
        [SECTIONS.postings, bytes(parts.postings)],
      ]),
    };
  }

  /**
   * Loads an index saved by `toSnapshot`. Throws a clear error for a missing or cut section, or a
   * saved index of another version or field list (callers rebuild).
   */
  static fromSnapshot(meta: unknown, sections: ReadonlyMap<string, Uint8Array>): PassageIndex {
    const m = checkMeta(meta);
    const { idCount, termCount } = meta as { idCount?: unknown; termCount?: unknown };
    if (typeof idCount !== 'number' || typeof termCount !== 'number') throw new Error('saved index: missing id or term count');
    const section = (name: string): Uint8Array => {
      const b = sections.get(name);
      if (b === undefined) throw new Error(`saved index: section ${name} is missing`);
      return b;
    };
    const strings = (name: string, count: number): string[] => {
      if (count === 0) return [];
      const b = section(name);
      const out = Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('utf8').split('\u0000');
      if (out.length !== count) throw new Error(`saved index: section ${name} holds ${out.length} entries, expected ${count}`);
      return out;
    };
    const ids = strings(SECTIONS.ids, idCount).map((id) => (id === '' ? null : id));
    return PassageIndex.load({
      meta: m,
      ids,
      terms: strings(SECTIONS.terms, termCount),
      fieldLength: typed(section(SECTIONS.fieldLength), Uint16Array, 'fieldLength'),
      postingCounts: typed(section(SECTIONS.postingCounts), Uint32Array, 'postingCounts'),
      postings: typed(section(SECTIONS.postings), Int32Array, 'postings'),
    });
  }

  private static load(parts: IndexParts): PassageIndex {
    const mini = new PassageMiniSearch(INDEX_OPTIONS);
    mini.load(parts);
    return new PassageIndex(mini);
  }

  add(articles: readonly Article[], passages: readonly Passage[], people?: ReadonlyMap<string, string[]>): void {
    const titles = new Map(articles.map((a) => [a.id, a.title]));
    this.mini.addPassages(passages.map((p) => toIndexed(p, titles.get(p.articleId) ?? '', people?.get(p.id))));
  }

  get size(): number {
    return this.mini.documentCount;
  }

  /**
   * Plans a query. Each word's index terms are looked up exactly (the last word of 3+ letters also
   * as a prefix, bounded to its most frequent completions); only a word the index lacks is matched
   * fuzzily, within `maxEditDistance`: spellings one edit away first, two edits only for a long
   * word with none at one. Words with no match at all are reported as missing.
   */
  plan(query: string): QueryPlan {
    const groups = queryGroups(query);
    const planned: PlannedGroup[] = [];
    const missing: string[] = [];
    const { weights } = searchDefaults();
    groups.forEach((g, i) => {
      const terms: PlannedTerm[] = [];
      const seen = new Set<string>();
      const add = (t: PlannedTerm): void => {
        if (seen.has(t.term) || t.postings.count === 0) return;
        seen.add(t.term);
        terms.push(t);
      };
      for (const term of g.terms) {
        const postings = this.mini.postings(term);
        if (postings) add({ term, kind: 'exact', weight: 1, postings });
      }
      const last = i === groups.length - 1;
      const only = g.terms.length === 1 ? g.terms[0] : undefined;
      if (last && only !== undefined && only.length >= PLANNER_LIMITS.minPrefixLength) {
        const completions: Array<[string, TermPostings]> = [];
        for (const [term, postings] of this.mini.withPrefix(only)) if (term !== only) completions.push([term, postings]);
        completions.sort((a, b) => b[1].count - a[1].count || (a[0] < b[0] ? -1 : 1));
        let budget = PLANNER_LIMITS.prefixPostingBudget;
        for (const [term, postings] of completions.slice(0, PLANNER_LIMITS.maxPrefixTerms)) {
          if (budget < postings.count && terms.length > 0) continue;
          budget -= postings.count;
          const distance = term.length - only.length;
          add({ term, kind: 'prefix', weight: (weights.prefix * term.length) / (term.length + 0.3 * distance), postings });
        }
      }
      // Nearest spellings first: one edit, and two only for a long word that has none at one.
      for (let distance = 1; terms.length === 0 && distance <= 2; distance += 1) {
        const candidates: Array<[string, TermPostings, number]> = [];
        for (const term of g.terms) {
          if (maxEditDistance(term) >= distance) candidates.push(...this.mini.fuzzy(term, distance).filter(([, , d]) => d > 0));
        }
        candidates.sort((a, b) => a[2] - b[2] || b[1].count - a[1].count || (a[0] < b[0] ? -1 : 1));
        for (const [term, postings, d] of candidates.slice(0, PLANNER_LIMITS.maxFuzzyTerms)) {
          add({ term, kind: 'fuzzy', weight: (weights.fuzzy * term.length) / (term.length + d), postings });
        }
      }
      if (terms.length === 0) missing.push(g.word);
      else planned.push({ word: g.word, terms, cost: terms.reduce((n, t) => n + t.postings.count, 0) });
    });
    return { groups: planned, missing };
  }

  /**
   * Runs a query: every word must match (AND) when some passage has them all, else passages are
   * ranked by how many words they match, then by score. Scores are BM25 per field with
   * MiniSearch's parameters, boosts and prefix/fuzzy weights. The `filter` is applied before the
   * top-k cut; only candidates that could enter the top k are ever checked or kept.
   */
  search(query: string, options: PassageSearchOptions = {}): SearchHit[] {
    const limit = options.limit ?? 10;
    if (limit < 1) return [];
    const plan = this.plan(query);
    if (plan.groups.length === 0) return [];
    const groups = [...plan.groups].sort((a, b) => a.cost - b.cost).slice(0, PLANNER_LIMITS.maxGroups);
    let top = this.run(groups, 'and', limit, options.filter);
    if (top.length === 0 && groups.length > 1) top = this.run(groups, 'or', limit, options.filter);
    return top.map(({ doc, hits, score }) => ({
      id: this.mini.ids[doc] as string,
      score: score * hits,
      terms: [...new Set(groups.flatMap((g) => g.terms.filter((t) => t.postings.hasDoc(doc)).map((t) => t.term)))],
    }));
  }

  private scratch(): void {
    const n = this.mini.nextId;
    if (this.scores.length >= n) return;
    const size = Math.max(n, this.scores.length * 2, 1024);
    this.scores = new Float64Array(size);
    this.groupsHit = new Uint8Array(size);
    this.touched = new Int32Array(size);
  }

  private run(groups: readonly PlannedGroup[], mode: 'and' | 'or', limit: number, filter?: (id: string) => boolean): Array<{ doc: number; hits: number; score: number }> {
    this.scratch();
    const { scores, groupsHit, touched } = this;
    const mini = this.mini;
    const fieldCount = mini.fieldCount;
    const fieldLengths = mini.fieldLengths;
    const n = mini.documentCount;
    const { boosts, bm25 } = searchDefaults();
    const { k, b, d } = bm25;
    const avg = this.avg;
    for (let f = 0; f < fieldCount; f += 1) avg[f] = mini.avgFieldLength(f) || 1;
    const factors = this.factors;
    const and = mode === 'and';
    let touchedCount = 0;

    // One plain loop per term list (no closures): this is the hot path of /search.
    for (let g = 0; g < groups.length; g += 1) {
      const group = groups[g] as PlannedGroup;
      const stamp = g + 1;
      // In AND mode, a group far larger than the surviving candidates is probed per candidate.
      const probe = and && g > 0 && touchedCount * 16 < group.cost;
      for (const { postings, weight } of group.terms) {
        for (let f = 0; f < fieldCount; f += 1) {
          const df = postings.df(f);
          factors[f] = df === 0 ? 0 : weight * (boosts[f] ?? 1) * Math.log(1 + (n - df + 0.5) / (df + 0.5));
        }
        if (probe) {
          for (let c = 0; c < touchedCount; c += 1) {
            const doc = touched[c] as number;
            const hit = groupsHit[doc] as number;
            if (hit < g) continue;
            for (let i = postings.lowerBound(doc); i < postings.count; i += 1) {
              const v = postings.at(i);
              if (docOf(v) !== doc) break;
              const f = fieldOf(v);
              scores[doc] = (scores[doc] as number) + bm25Score(factors[f] as number, tfOf(v), fieldLengths[doc * fieldCount + f] as number, avg[f] as number, k, b, d);
              groupsHit[doc] = stamp;
            }
          }
          continue;
        }
        const { buf, start, count } = postings;
        const end = start + count;
        for (let i = start; i < end; i += 1) {
          const v = buf[i] as number;
          const doc = Math.floor(v / DOC_UNIT);
          const hit = groupsHit[doc] as number;
          if (and) {
            if (hit < g) continue;
            if (g === 0 && hit === 0) touched[touchedCount++] = doc;
            groupsHit[doc] = stamp;
          } else {
            if (hit === 0) touched[touchedCount++] = doc;
            // OR mode counts groups in the high bits: (count << 4 | last group stamp) needs g < 16.
            if ((hit & 15) !== (stamp & 15)) groupsHit[doc] = (((hit >> 4) + 1) << 4) | (stamp & 15);
          }
          const f = fieldOf(v);
          scores[doc] = (scores[doc] as number) + bm25Score(factors[f] as number, tfOf(v), fieldLengths[doc * fieldCount + f] as number, avg[f] as number, k, b, d);
        }
      }
    }

    const top = new TopK(limit);
    const all = groups.length;
    const allLive = mini.documentCount === mini.nextId;
    for (let c = 0; c < touchedCount; c += 1) {
      const doc = touched[c] as number;
      const hit = groupsHit[doc] as number;
      const hits = mode === 'and' ? (hit === all ? all : 0) : hit >> 4;
      const score = scores[doc] as number;
      scores[doc] = 0;
      groupsHit[doc] = 0;
      if (hits === 0 || !top.admits(hits, score, doc) || (!allLive && !mini.isLive(doc))) continue;
      if (filter && !filter(mini.ids[doc] as string)) continue;
      top.push(hits, score, doc);
    }
    return top.sorted();
  }
}

/** One posting's BM25 score: `factor` (the term's weight, boost and IDF) times its saturated, length-normalised frequency. */
function bm25Score(factor: number, tf: number, len: number, avgLen: number, k: number, b: number, d: number): number {
  return factor * (d + (tf * (k + 1)) / (tf + k * (1 - b + (b * len) / avgLen)));
}

let defaults: { boosts: number[]; weights: { fuzzy: number; prefix: number }; bm25: { k: number; b: number; d: number } } | undefined;

/** Boosts (by field id), weights and BM25 parameters from INDEX_OPTIONS.searchOptions. */
function searchDefaults(): NonNullable<typeof defaults> {
  if (defaults) return defaults;
  const so = INDEX_OPTIONS.searchOptions ?? {};
  const boost = so.boost ?? {};
  defaults = {
    boosts: INDEX_OPTIONS.fields.map((f) => boost[f] ?? 1),
    weights: { fuzzy: so.weights?.fuzzy ?? 0.45, prefix: so.weights?.prefix ?? 0.375 },
    bm25: { k: so.bm25?.k ?? 1.2, b: so.bm25?.b ?? 0.7, d: so.bm25?.d ?? 0.5 },
  };
  return defaults;
}

if (INDEX_OPTIONS.fields.length > MAX_FIELDS) throw new Error(`INDEX_OPTIONS: at most ${MAX_FIELDS} fields`);

function toIndexed(p: Passage, title: string, people: string[] = []): IndexedPassage {
  return { id: p.id, text: p.text, title, section: p.section ?? '', people: people.join(' ; ') };
}
