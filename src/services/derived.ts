/**
 * Indexes derived from one Library, computed lazily on first use and kept in WeakMaps keyed by the
 * Library object: a new Library is built on every corpus change, so its caches die with it and
 * nothing here is ever stale. They let the services answer from the records a query can touch
 * instead of scanning the whole corpus on every call; every one gives the same answers as the
 * scan it replaces (tests/services/derived.test.ts checks that).
 */
import type { Passage } from '../domain/types.ts';
import type { EventOccurrence, EventRecord, PersonRecord, QuoteRecord } from '../knowledge/store.ts';
import { foldName } from '../knowledge/names.ts';
import { textTerms, wordTokens } from '../search/terms.ts';
import { citeSentence, type Library } from './library.ts';
import { visiblePerson, type Scope } from './scope.ts';

/** Most scope views (visible people and events of one scope key) kept per library; least recently used go first. */
export const MAX_SCOPE_VIEWS = 64;

/**
 * Numeric ids by the terms they contain, with a sorted vocabulary so the ids of every term that
 * starts with a prefix are found without scanning all of them.
 */
export class TermIndex {
  private readonly postings = new Map<string, number[]>();
  private vocabulary: string[] | null = null;

  add(terms: Iterable<string>, id: number): void {
    for (const term of terms) {
      const list = this.postings.get(term);
      if (list === undefined) this.postings.set(term, [id]);
      else if (list[list.length - 1] !== id) list.push(id);
    }
    this.vocabulary = null;
  }

  /**
   * Ids holding a term that `hasTerm` semantics accept for `t`: the term itself, or, when `t` has
   * 4 characters or more, any term that starts with it.
   */
  matching(t: string): Set<number> {
    const out = new Set<number>();
    this.eachList(t, (list) => {
      for (const id of list) out.add(id);
    });
    return out;
  }

  /** Calls `fn` with every id `matching(t)` holds, without collecting them (an id may come more than once). */
  forEachMatching(t: string, fn: (id: number) => void): void {
    this.eachList(t, (list) => {
      for (const id of list) fn(id);
    });
  }

  /** The id list of each term `matching(t)` accepts. */
  private eachList(t: string, fn: (list: readonly number[]) => void): void {
    if (t.length < 4) {
      const exact = this.postings.get(t);
      if (exact) fn(exact);
      return;
    }
    const vocab = this.sortedVocabulary();
    let lo = 0;
    let hi = vocab.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((vocab[mid] as string) < t) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < vocab.length; i += 1) {
      const term = vocab[i] as string;
      if (!term.startsWith(t)) break;
      const list = this.postings.get(term);
      if (list) fn(list);
    }
  }

  private sortedVocabulary(): string[] {
    this.vocabulary ??= [...this.postings.keys()].sort();
    return this.vocabulary;
  }
}

/** What one scope sees of the people: built once per (library, scope key). */
export interface PeopleView {
  /** `visiblePerson` of every person this scope sees, in store order (a stable array: its name index is cached). */
  people: PersonRecord[];
  /** The visible form of each record this scope sees. */
  visible: Map<PersonRecord, PersonRecord>;
  /** Position in `people` of each visible form. */
  at: Map<PersonRecord, number>;
  /** Quoted people (by a quote this scope sees), as this scope sees them; other speakers' names in first-seen order. */
  speakers?: { people: PersonRecord[]; others: Array<{ name: string; folded: string }> };
}

interface Derived {
  views: Map<string, ScopeCache>;
  passageIndex?: Map<string, number>;
  passagesByArticle?: Map<string, number[]>;
  mentionSpans?: Map<string, Array<{ start: number; end: number; articleId: string; person: PersonRecord }>>;
  eventSpans?: Map<string, Array<{ start: number; end: number; articleId: string; id: string }>>;
  articleMentions?: Map<string, Map<PersonRecord, number>>;
  quotes?: QuoteIndexes;
  events?: EventIndexes;
  titles?: { terms: string[][]; index: TermIndex };
  /** One string per distinct term of the cached term lists (a corpus repeats its words millions of times). */
  interned: Map<string, string>;
}

interface ScopeCache {
  people?: PeopleView;
  /** Other per-scope values, by name (timeline's event order, the sources list). */
  values: Map<string, unknown>;
}

const DERIVED = new WeakMap<Library, Derived>();

function derived(library: Library): Derived {
  let d = DERIVED.get(library);
  if (!d) {
    d = { views: new Map(), interned: new Map() };
    DERIVED.set(library, d);
  }
  return d;
}

/** The per-scope cache of `library` for `scope.key`, most recently used last, at most MAX_SCOPE_VIEWS. */
function scopeCache(library: Library, scope: Scope): ScopeCache {
  const views = derived(library).views;
  let cache = views.get(scope.key);
  if (cache) {
    views.delete(scope.key);
  } else {
    cache = { values: new Map() };
    if (views.size >= MAX_SCOPE_VIEWS) {
      const oldest = views.keys().next().value;
      if (oldest !== undefined) views.delete(oldest);
    }
  }
  views.set(scope.key, cache);
  return cache;
}

/** The people `scope` sees in `library` (see `PeopleView`). */
export function peopleView(library: Library, scope: Scope): PeopleView {
  const cache = scopeCache(library, scope);
  if (!cache.people) {
    const people: PersonRecord[] = [];
    const visible = new Map<PersonRecord, PersonRecord>();
    const at = new Map<PersonRecord, number>();
    for (const record of library.knowledge.people) {
      const person = visiblePerson(record, scope, library);
      if (person === null) continue;
      at.set(person, people.length);
      people.push(person);
      visible.set(record, person);
    }
    cache.people = { people, visible, at };
  }
  return cache.people;
}

/** Quoted people and other speakers `scope` sees (what /quote autocomplete offers). */
export function speakersView(library: Library, scope: Scope): NonNullable<PeopleView['speakers']> {
  const view = peopleView(library, scope);
  if (!view.speakers) {
    const seen = library.knowledge.quotes.filter((q) => q.occurrences.some((o) => scope.article(o.articleId)));
    const quoted = new Set(seen.map((q) => q.speakerId).filter((id): id is string => id !== null));
    const people = library.knowledge.people.filter((p) => quoted.has(p.id)).map((p) => view.visible.get(p)).filter((p): p is PersonRecord => p !== undefined);
    const others = [...new Set(seen.filter((q) => q.speakerId === null && q.speaker !== null).map((q) => q.speaker as string))].map((name) => ({ name, folded: foldName(name) }));
    view.speakers = { people, others };
  }
  return view.speakers;
}

/** A scope-specific value, `name`d by its maker, cached next to the scope's people view (timeline's event order, the sources list). */
export function scopeValue<T>(library: Library, scope: Scope, name: string, make: () => T): T {
  const { values } = scopeCache(library, scope);
  if (!values.has(name)) values.set(name, make());
  return values.get(name) as T;
}

/** Position of each passage in `library.passages`. */
export function passageIndex(library: Library): Map<string, number> {
  const d = derived(library);
  d.passageIndex ??= new Map(library.passages.map((p, i) => [p.id, i]));
  return d.passageIndex;
}

/** Positions in `library.passages` of each article's passages, ascending. */
export function passagesByArticle(library: Library): Map<string, number[]> {
  const d = derived(library);
  if (!d.passagesByArticle) {
    const map = new Map<string, number[]>();
    library.passages.forEach((p, i) => {
      const list = map.get(p.articleId);
      if (list) list.push(i);
      else map.set(p.articleId, [i]);
    });
    d.passagesByArticle = map;
  }
  return d.passagesByArticle;
}

/** Person mentions by passage id, in store order (people, then their mentions). */
export function mentionsByPassage(library: Library): NonNullable<Derived['mentionSpans']> {
  const d = derived(library);
  if (!d.mentionSpans) {
    const map: NonNullable<Derived['mentionSpans']> = new Map();
    for (const person of library.knowledge.people) {
      for (const m of person.mentions) {
        if (m.passageId === null) continue;
        const span = { start: m.start, end: m.end, articleId: m.articleId, person };
        const list = map.get(m.passageId);
        if (list) list.push(span);
        else map.set(m.passageId, [span]);
      }
    }
    d.mentionSpans = map;
  }
  return d.mentionSpans;
}

/** Event reports by passage id, in store order. */
export function eventsByPassage(library: Library): NonNullable<Derived['eventSpans']> {
  const d = derived(library);
  if (!d.eventSpans) {
    const map: NonNullable<Derived['eventSpans']> = new Map();
    for (const e of library.knowledge.events) {
      for (const o of e.occurrences) {
        if (o.passageId === null) continue;
        const span = { start: o.start, end: o.end, articleId: o.articleId, id: e.id };
        const list = map.get(o.passageId);
        if (list) list.push(span);
        else map.set(o.passageId, [span]);
      }
    }
    d.eventSpans = map;
  }
  return d.eventSpans;
}

/** How many times each person is mentioned in each article (every mention, front matter too). */
export function mentionCounts(library: Library): Map<string, Map<PersonRecord, number>> {
  const d = derived(library);
  if (!d.articleMentions) {
    const map = new Map<string, Map<PersonRecord, number>>();
    for (const person of library.knowledge.people) {
      for (const m of person.mentions) {
        let counts = map.get(m.articleId);
        if (!counts) {
          counts = new Map();
          map.set(m.articleId, counts);
        }
        counts.set(person, (counts.get(person) ?? 0) + 1);
      }
    }
    d.articleMentions = map;
  }
  return d.articleMentions;
}

// ---------------------------------------------------------------- quotations

interface QuoteIndexes {
  /** Quote positions by speaker id, ascending. */
  bySpeaker: Map<string, number[]>;
  /** Quotes without a speaker id but with a speaker name, by folded name. */
  byFoldedSpeaker: Map<string, number[]>;
  /** Quote positions by the articles of their occurrences, ascending. */
  byArticle: Map<string, number[]>;
  /** Built on first topic query: every term a quote's topic check could see. */
  terms?: TermIndex;
}

function quoteIndexes(library: Library): QuoteIndexes {
  const d = derived(library);
  if (!d.quotes) {
    const bySpeaker = new Map<string, number[]>();
    const byFoldedSpeaker = new Map<string, number[]>();
    const byArticle = new Map<string, number[]>();
    const push = <K>(map: Map<K, number[]>, key: K, i: number): void => {
      const list = map.get(key);
      if (!list) map.set(key, [i]);
      else if (list[list.length - 1] !== i) list.push(i);
    };
    library.knowledge.quotes.forEach((q, i) => {
      if (q.speakerId !== null) push(bySpeaker, q.speakerId, i);
      else if (q.speaker !== null) push(byFoldedSpeaker, foldName(q.speaker), i);
      for (const o of q.occurrences) push(byArticle, o.articleId, i);
    });
    d.quotes = { bySpeaker, byFoldedSpeaker, byArticle };
  }
  return d.quotes;
}

/** Positions of `speakerId`'s quotations, ascending. */
export function quotesBySpeaker(library: Library, speakerId: string): readonly number[] {
  return quoteIndexes(library).bySpeaker.get(speakerId) ?? [];
}

/** Positions of quotations with no speaker id whose folded speaker name passes `test`, ascending. */
export function unattributedQuotes(library: Library, test: (foldedSpeaker: string) => boolean): number[] {
  const out: number[] = [];
  for (const [folded, list] of quoteIndexes(library).byFoldedSpeaker) if (test(folded)) out.push(...list);
  return out.sort((a, b) => a - b);
}

/** Positions of quotations with an occurrence in one of `articleIds`, ascending. */
export function quotesInArticles(library: Library, articleIds: Iterable<string>): number[] {
  const byArticle = quoteIndexes(library).byArticle;
  const out = new Set<number>();
  for (const id of articleIds) for (const i of byArticle.get(id) ?? []) out.add(i);
  return [...out].sort((a, b) => a - b);
}

/** The first and last two words of a text: what a multi-word term ("United States") could span. */
function edges(text: string): { head: string; tail: string } {
  const tokens = wordTokens(text);
  return { head: tokens.slice(0, 2).map((t) => t.text).join(' '), tail: tokens.slice(-2).map((t) => t.text).join(' ') };
}

/**
 * Every term the topic check of `quotes` could find for a quotation in any scope: the terms of its
 * words, of every source's words and of every source's cited sentences, and of any two of those
 * side by side (a phrase such as "United States" can span where one ends and the next begins).
 */
function quoteTermSet(library: Library, q: QuoteRecord): Set<string> {
  const pieces = [q.text, ...q.occurrences.map((o) => o.text)];
  for (const o of q.occurrences) {
    if (o.passageId === null) continue;
    const passage = library.passageById.get(o.passageId);
    if (passage && library.articleById.has(passage.articleId)) pieces.push(citeSentence(library, passage, o.contextStart, o.contextEnd).excerpt);
  }
  const terms = new Set<string>();
  for (const piece of pieces) for (const t of textTerms(piece)) terms.add(t);
  const ends = pieces.map(edges);
  for (const a of ends) for (const b of ends) for (const t of textTerms(`${a.tail} ${b.head}`)) terms.add(t);
  return terms;
}

/**
 * Positions of the quotations that may match every one of `topicTerms` (a superset of those
 * `matchesTopic` accepts, in any scope), or null when it cannot narrow (no terms).
 */
export function quotesWithTerms(library: Library, topicTerms: readonly string[]): Set<number> | null {
  if (topicTerms.length === 0) return null;
  const qi = quoteIndexes(library);
  if (!qi.terms) {
    const index = new TermIndex();
    library.knowledge.quotes.forEach((q, i) => index.add(quoteTermSet(library, q), i));
    qi.terms = index;
  }
  const index = qi.terms;
  const [head = '', ...rest] = topicTerms;
  let out = index.matching(head);
  for (const t of rest) {
    if (out.size === 0) break;
    const ids = index.matching(t);
    out = new Set([...out].filter((i: number) => ids.has(i)));
  }
  return out;
}

// ---------------------------------------------------------------- events

/**
 * Every occurrence (with a passage) of every event, numbered in store order, so an event's
 * occurrences have consecutive ids: what /timeline walks for a topic, as flat arrays (the records
 * themselves are spread over the heap, and reading them was most of a timeline's time).
 */
export interface EventOccurrences {
  /** The occurrence records, by id. */
  occurrences: EventOccurrence[];
  /** The event of each occurrence. */
  eventOf: Int32Array;
  /** Position in `library.articles` of each occurrence's article. */
  articleOf: Int32Array;
  /** The ids of event `e`'s occurrences: `firstOf[e]` up to (not including) `firstOf[e + 1]`. */
  firstOf: Int32Array;
  /** Scratch of `timelineViews`, one counter per occurrence (all zero between calls). */
  scratch: { hits: Uint8Array; stamp: Uint8Array; rarest: Uint8Array };
}

interface EventIndexes extends EventOccurrences {
  terms: TermIndex;
  /** Event positions by the articles of their occurrences, ascending. */
  byArticle: Map<string, number[]>;
}

const OCCURRENCE_TERMS = new WeakMap<object, string[]>();

/** The terms of an event occurrence's sentence, each once (cached per occurrence record, the strings shared). */
export function occurrenceTerms(library: Library, o: EventOccurrence): string[] {
  let terms = OCCURRENCE_TERMS.get(o);
  if (!terms) {
    const interned = derived(library).interned;
    terms = [...new Set(textTerms(occurrenceText(library, o)))].map((t) => {
      const shared = interned.get(t);
      if (shared !== undefined) return shared;
      interned.set(t, t);
      return t;
    });
    OCCURRENCE_TERMS.set(o, terms);
  }
  return terms;
}

/** The sentence an event occurrence reports, as its article writes it. */
export function occurrenceText(library: Library, o: EventOccurrence): string {
  return library.articleById.get(o.articleId)?.text.slice(o.start, o.end) ?? '';
}

function eventIndexes(library: Library): EventIndexes {
  const d = derived(library);
  if (!d.events) {
    const articleAt = new Map(library.articles.map((a, i) => [a.id, i]));
    const occurrences: EventOccurrence[] = [];
    const events: number[] = [];
    const articles: number[] = [];
    const records = library.knowledge.events;
    const firstOf = new Int32Array(records.length + 1);
    const terms = new TermIndex();
    const byArticle = new Map<string, number[]>();
    records.forEach((e: EventRecord, i) => {
      firstOf[i] = occurrences.length;
      for (const o of e.occurrences) {
        const list = byArticle.get(o.articleId);
        if (!list) byArticle.set(o.articleId, [i]);
        else if (list[list.length - 1] !== i) list.push(i);
        if (o.passageId === null) continue;
        terms.add(occurrenceTerms(library, o), occurrences.length);
        occurrences.push(o);
        events.push(i);
        articles.push(articleAt.get(o.articleId) ?? -1);
      }
    });
    firstOf[records.length] = occurrences.length;
    const n = occurrences.length;
    d.events = {
      occurrences, eventOf: Int32Array.from(events), articleOf: Int32Array.from(articles), firstOf, terms, byArticle,
      scratch: { hits: new Uint8Array(n), stamp: new Uint8Array(n), rarest: new Uint8Array(n) },
    };
  }
  return d.events;
}

/** The numbered event occurrences of `library` (see `EventOccurrences`). */
export function eventOccurrences(library: Library): EventOccurrences {
  return eventIndexes(library);
}

/**
 * Calls `fn(event, occurrence id)` for each occurrence (with a passage) whose sentence has a term
 * matching `t` (exact, or by prefix from 4 characters); an occurrence may come more than once.
 */
export function forEachEventOccurrenceWithTerm(library: Library, t: string, fn: (event: number, occurrence: number) => void): void {
  const { terms, eventOf } = eventIndexes(library);
  terms.forEachMatching(t, (id) => {
    fn(eventOf[id] as number, id);
  });
}

/**
 * Which articles `scope` sees, by position in `library.articles` (1: seen); null when it sees
 * them all. Cached per (library, scope key).
 */
export function visibleArticles(library: Library, scope: Scope): Uint8Array | null {
  if (scope.key === '*') return null;
  return scopeValue(library, scope, 'articles', () => Uint8Array.from(library.articles, (a) => (scope.article(a.id) ? 1 : 0)));
}

/** Positions of the events with an occurrence in one of `articleIds`. */
export function eventsInArticles(library: Library, articleIds: Iterable<string>): Set<number> {
  const byArticle = eventIndexes(library).byArticle;
  const out = new Set<number>();
  for (const id of articleIds) for (const i of byArticle.get(id) ?? []) out.add(i);
  return out;
}

/** Positions in `library.articles` of the articles whose title has a term matching `t`, and every title's terms. */
export function titlesWithTerm(library: Library, t: string): { ids: Set<number>; terms: readonly string[][] } {
  const d = derived(library);
  if (!d.titles) {
    const index = new TermIndex();
    const terms = library.articles.map((a, i) => {
      const ts = textTerms(a.title);
      index.add(ts, i);
      return ts;
    });
    d.titles = { terms, index };
  }
  return { ids: d.titles.index.matching(t), terms: d.titles.terms };
}

// ---------------------------------------------------------------- sentences

/** A sentence of a passage usable as a key point, with its terms (offsets into the passage text). */
export interface PassageSentence {
  start: number;
  end: number;
  terms: string[];
}

const SENTENCES = new WeakMap<Passage, PassageSentence[]>();

/**
 * The sentences of `passage` that `make` gives (the usable ones, with their terms), cached per
 * passage record: they depend on its text alone. `make` must be the same function on every call.
 */
export function passageSentences(passage: Passage, make: (passage: Passage) => PassageSentence[]): PassageSentence[] {
  let list = SENTENCES.get(passage);
  if (!list) {
    list = make(passage);
    SENTENCES.set(passage, list);
  }
  return list;
}
