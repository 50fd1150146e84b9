import type { TimelineAnswer, TimelineEvent } from '../domain/answer.ts';
import type { Citation } from '../domain/types.ts';
import { precisionRank } from '../knowledge/build.ts';
import { dateRange, type DayRange } from '../knowledge/events.ts';
import { findPeople } from '../knowledge/lookup.ts';
import type { EventOccurrence, EventRecord } from '../knowledge/store.ts';
import type { Passage } from '../domain/types.ts';
import type { Precision } from '../extract/types.ts';
import { termsOf, textTerms, wordTokens } from '../search/terms.ts';
import { UserError } from './errors.ts';
import { highlightsIn } from './search.ts';
import { citeSentence, type Library } from './library.ts';
import { everything, type Scope } from './scope.ts';
import { eventOccurrences, eventsInArticles, forEachEventOccurrenceWithTerm, mentionCounts, occurrenceText, scopeValue, titlesWithTerm, visibleArticles } from './derived.ts';

export interface TimelineRequest {
  /** Words (or a person's name) the events must be about. */
  topic?: string;
  /** Earliest date: `2025`, `2025-06` or `2025-06-01`. */
  from?: string;
  /** Latest date, in the same forms. */
  to?: string;
  /** Most events returned. Default 50. */
  limit?: number;
}

/** Reads a from/to bound; a bad one is a user error that names the option. */
export function parseBound(raw: string | undefined, option: 'from' | 'to'): DayRange | null {
  const value = raw?.trim();
  if (!value) return null;
  const range = /^\d{4}(-\d{2}(-\d{2})?)?$/.test(value) ? dateRange(value) : null;
  if (!range || Number.isNaN(Date.parse(range.from))) {
    throw new UserError(`${option} must be a date written YYYY, YYYY-MM or YYYY-MM-DD, got "${value}".`, option);
  }
  return range;
}

/** A topic names a person when it matches one at least this well (a transliteration variant or better). */
const PERSON_TOPIC_SCORE = 85;

function hasTerm(terms: readonly string[], t: string): boolean {
  return terms.some((x) => x === t || (t.length >= 4 && x.startsWith(t)));
}

/**
 * Whether every mention of the topic in a sentence names another model or version: "Airbus
 * A380" or "iPhone 4" when the topic is "Airbus" or "iPhone 3G" (a number right after the name,
 * other than a year, that the topic does not have).
 */
export function onlyAsOtherModel(sentence: string, topicTerms: readonly string[]): boolean {
  // A model or version needs a digit: most sentences have none, and need no tokenising.
  if (!/\d/.test(sentence)) return false;
  const topic = new Set(topicTerms);
  const mentions = highlightsIn(sentence, topic);
  let others = 0;
  for (const m of mentions) {
    // The word right after the mention (as the whole sentence's tokens would give it).
    const next = wordTokens(sentence.slice(m.end, m.end + NEXT_WORD_WINDOW))[0];
    if (!next || next.start > 1 || !/\d/.test(next.text) || /^(1[89]|20)\d\d$/.test(next.text)) continue;
    if (termsOf(next.text).some((t) => topic.has(t))) continue;
    others += 1;
  }
  return mentions.length > 0 && mentions.length === others;
}

/** How far after a topic mention its next word is looked for. */
const NEXT_WORD_WINDOW = 120;

/**
 * Whether a sentence opens by referring back to something named before: a pronoun ("It", "He")
 * or a definite description ("The aircraft", "The company"). Person topics take personal pronouns.
 */
export function refersBack(sentence: string, personal: boolean): boolean {
  const opening = sentence.replace(/^[“"‘'(\s]+/, '');
  if (personal) return /^(He|She|His|Her)\b/.test(opening);
  return /^(It|Its|The [a-z]+(?:[- ][a-z]+)?(?=[\s,]))/.test(opening);
}

/** An event as one scope sees it: what the timeline sorts, filters and cites (see `timelineViews`). */
export interface EventView {
  event: EventRecord;
  /** Its position in the store. */
  index: number;
  range: DayRange;
  /** The occurrences this scope sees that have a passage. */
  visible: EventOccurrence[];
  /** The date as this scope's sources give it (the finest of theirs when it sees only some). */
  date: string;
  precision: Precision;
  sortFrom: string;
  rank: number;
  published: string;
  order: number;
  /** Every source it sees dates it only by its article's main event. */
  contextOnly: boolean;
}

function viewOf(library: Library, event: EventRecord, index: number, scope: Scope): EventView | null {
  const range = dateRange(event.date);
  if (!range) return null;
  const visible = event.occurrences.filter((o) => scope.article(o.articleId) && o.passageId !== null);
  const first = visible[0];
  if (!first || !visible.some((o) => library.passageById.has(o.passageId ?? ''))) return null;
  // In a guild's view, the date is the finest one its own sources give.
  let { date, precision } = event;
  if (visible.length < event.occurrences.length) {
    const finest = [...visible].sort((a, b) => precisionRank(b.precision) - precisionRank(a.precision))[0] ?? first;
    ({ date, precision } = finest);
  }
  return {
    event, index, range, visible, date, precision,
    sortFrom: range.from, rank: precisionRank(event.precision),
    published: library.articleById.get(first.articleId)?.published ?? '', order: first.order,
    contextOnly: visible.every((o) => o.basis === 'context'),
  };
}

const byTimelineOrder = (a: EventView, b: EventView): number =>
  a.sortFrom.localeCompare(b.sortFrom) || a.rank - b.rank || a.order - b.order || a.published.localeCompare(b.published) || a.index - b.index;

interface ScopeEvents {
  /** View of each event this scope can show, by store position. */
  views: Array<EventView | null>;
  /** Those views in timeline order. */
  sorted: EventView[];
  /** Each event's position in `sorted`, by store position; -1 for an event this scope cannot show. */
  positionOf: Int32Array;
  /** Zeroed scratch marks for `timelineViews`, by store position and by timeline position (zero again after each call). */
  scratch: { marks: Uint8Array; marked: Uint8Array };
}

/** The events as `scope` sees them, in timeline order: computed once per (library, scope key). */
function scopeEvents(library: Library, scope: Scope): ScopeEvents {
  return scopeValue(library, scope, 'timeline', () => {
    const views = library.knowledge.events.map((e, i) => viewOf(library, e, i, scope));
    const sorted = views.filter((v): v is EventView => v !== null).sort(byTimelineOrder);
    const positionOf = new Int32Array(views.length).fill(-1);
    sorted.forEach((v, i) => {
      positionOf[v.index] = i;
    });
    return { views, sorted, positionOf, scratch: { marks: new Uint8Array(views.length), marked: new Uint8Array(sorted.length) } };
  });
}

/**
 * The events `timeline` answers with, in its order, before their citations are made
 * (`eventCitations`): all of them, or with `first`, only the first `first` (each candidate is
 * checked in timeline order until that many pass, so a common topic costs what is shown).
 */
export function timelineViews(library: Library, request: TimelineRequest, scope: Scope = everything, first = Number.POSITIVE_INFINITY): { topic: string | null; views: EventView[] } {
  const topic = request.topic?.replace(/\s+/g, ' ').trim() || null;
  if (topic && topic.length > 200) throw new UserError('topic is too long: keep it under 200 characters.', 'topic');
  const from = parseBound(request.from, 'from');
  const to = parseBound(request.to, 'to');
  if (from && to && from.from > to.to) throw new UserError('from must not be later than to.', 'from');
  const topicTerms = topic ? [...new Set(textTerms(topic, 'query'))] : [];
  if (topic && topicTerms.length === 0) throw new UserError('That topic has only common words: try a more specific one.', 'topic');

  const { views, sorted, positionOf, scratch } = scopeEvents(library, scope);
  // Without a topic, a sentence dated only by its article's main event is noise: the timeline
  // keeps what the sources themselves date (a topic brings such sentences back).
  const shown = (v: EventView | null | undefined): v is EventView => v !== null && v !== undefined
    && !(from && v.range.to < from.from) && !(to && v.range.from > to.to) && (topic !== null || !v.contextOnly);
  if (!topic) {
    const out: EventView[] = [];
    for (const v of sorted) {
      if (out.length >= first) break;
      if (shown(v)) out.push(v);
    }
    return { topic, views: out };
  }

  // A topic that names a person also matches the sentences that mention them by any spelling.
  const person = findPeople(library.knowledge.people, topic, 1, PERSON_TOPIC_SCORE)[0]?.person ?? null;
  const personSpans = new Map<string, Array<[number, number]>>();
  for (const m of person?.mentions ?? []) {
    const list = personSpans.get(m.articleId) ?? [];
    list.push([m.start, m.end]);
    personSpans.set(m.articleId, list);
  }

  // The rarest topic word must be there, with at least half of the others ("Boeing 787
  // Dreamliner" matches "the 787 Dreamliner"); or the topic's person is mentioned.
  // The event occurrences are walked by number, over flat arrays (see derived.ts EventOccurrences).
  const visible = visibleArticles(library, scope);
  const { occurrences, articleOf, firstOf, scratch: counters } = eventOccurrences(library);
  const seen = (o: number): boolean => visible === null || visible[articleOf[o] as number] === 1;
  // Without dates to check, an event is shown exactly when this scope has a view of it.
  const inView = from || to ? (event: number): boolean => shown(views[event]) : (event: number): boolean => (positionOf[event] as number) >= 0;
  // Scratch kept with the scope's events and with the occurrences (one call runs at a time; every
  // mark and count set is cleared): `marks` per event, `marked` per timeline position; per
  // occurrence, how many topic words it has (`hits`, each word counted once by its `stamp`) and
  // whether it has the rarest: what `matches` would find in its terms, without reading them.
  const { marks, marked } = scratch;
  const { hits, stamp, rarest: hasRarest } = counters;
  const counted: number[] = [];
  try {
    // Each topic word's shown events (a mark per event, cleared after each word) and occurrences.
    const withTerm = new Map(topicTerms.map((t, i) => {
      const events: number[] = [];
      const found: number[] = [];
      // A word's stamp is its number + 1 in a byte; topics are far shorter than 255 words.
      const word = (i % 255) + 1;
      try {
        forEachEventOccurrenceWithTerm(library, t, (event, o) => {
          if (stamp[o] !== word) {
            if (hits[o] === 0) counted.push(o);
            stamp[o] = word;
            hits[o] = (hits[o] as number) + 1;
            found.push(o);
          }
          if (marks[event] === 0 && inView(event) && seen(o)) {
            marks[event] = 1;
            events.push(event);
          }
        });
      } finally {
        for (const e of events) marks[e] = 0;
      }
      return [t, { events, occurrences: found }] as const;
    }));
    const rarest = topicTerms.length === 1 ? (topicTerms[0] as string) : [...topicTerms].sort((a, b) => (withTerm.get(a)?.events.length ?? 0) - (withTerm.get(b)?.events.length ?? 0))[0] ?? '';
    const need = Math.ceil(topicTerms.length / 2);
    const matches = (terms: readonly string[]): boolean => {
      const matched = topicTerms.filter((t) => hasTerm(terms, t));
      return matched.length === topicTerms.length || (matched.length >= need && matched.includes(rarest));
    };
    for (const o of withTerm.get(rarest)?.occurrences ?? []) hasRarest[o] = 1;
    // `matches(occurrenceTerms(o))`, from the counts.
    const occurrenceMatches = (o: number): boolean => {
      const n = hits[o] as number;
      return n === topicTerms.length || (n >= need && hasRarest[o] === 1);
    };
    // Articles about the topic (their title names it, or they are mostly about the topic's person):
    // there a sentence that refers back ("It", "He", "The aircraft") is about it too.
    const titles = titlesWithTerm(library, rarest);
    const about = new Set([...titles.ids].filter((i) => matches(titles.terms[i] ?? [])).map((i) => library.articles[i]?.id ?? ''));
    if (person) {
      const counts = mentionCounts(library);
      for (const [articleId, spans] of personSpans) {
        let mostMentioned = true;
        for (const [p, n] of counts.get(articleId) ?? []) if (p !== person && n > spans.length) mostMentioned = false;
        if (mostMentioned) about.add(articleId);
      }
    }
    const keep = (v: EventView): boolean => {
      // The occurrences of `v.visible`, by number.
      for (let o = firstOf[v.index] as number, end = firstOf[v.index + 1] as number; o < end; o += 1) {
        if (seen(o) && occurrenceMatches(o) && !onlyAsOtherModel(occurrenceText(library, occurrences[o] as EventOccurrence), topicTerms)) return true;
      }
      return v.event.occurrences.some((o) => {
        if ((personSpans.get(o.articleId) ?? []).some(([s, e]) => s >= o.start && e <= o.end)) return true;
        if (!about.has(o.articleId)) return false;
        const sentence = library.articleById.get(o.articleId)?.text.slice(o.start, o.end) ?? '';
        return refersBack(sentence, person !== null);
      });
    };
    // Only events with a sentence holding the rarest word, or reported in one of those articles, can pass.
    const articles = new Set([...personSpans.keys(), ...about]);
    // Candidates are taken once each (a mark by timeline position), sorted by that position and
    // checked in that order until `first` are kept (sorting a few hundred beat scanning the marks).
    const positions: number[] = [];
    const mark = (i: number): void => {
      const p = positionOf[i] as number;
      if (inView(i) && marked[p] === 0) {
        marked[p] = 1;
        positions.push(p);
      }
    };
    for (const i of withTerm.get(rarest)?.events ?? []) mark(i);
    for (const i of eventsInArticles(library, articles)) mark(i);
    const kept: EventView[] = [];
    try {
      const order = Int32Array.from(positions).sort();
      for (let i = 0; i < order.length && kept.length < first; i += 1) {
        const v = sorted[order[i] as number] as EventView;
        if (keep(v)) kept.push(v);
      }
    } finally {
      for (const p of positions) marked[p] = 0;
    }
    return { topic, views: kept };
  } finally {
    for (const o of counted) {
      hits[o] = 0;
      stamp[o] = 0;
      hasRarest[o] = 0;
    }
  }
}

/** The citations of an event as its scope sees it (or of its occurrences whose passage passes `keep`). */
export function eventCitations(library: Library, view: EventView, keep?: (passage: Passage) => boolean): Citation[] {
  const citations: Citation[] = [];
  for (const o of view.visible) {
    const passage = library.passageById.get(o.passageId ?? '');
    if (passage && (!keep || keep(passage))) citations.push(citeSentence(library, passage, o.start, o.end));
  }
  return citations;
}

/**
 * An event whose citations (and summary, the first one's excerpt) are made when first read. A
 * class, not an object literal with getters: those ended up in the old generation (a heap sample
 * of a mixed run: ~18 KB a /timeline answer outlived the young one), these die young. `toJSON`
 * writes it out whole.
 */
class CitedLazily implements TimelineEvent {
  readonly date: string;
  readonly precision: Precision;
  readonly #library: Library;
  readonly #view: EventView;
  #citations: Citation[] | undefined;

  constructor(library: Library, view: EventView) {
    this.date = view.date;
    this.precision = view.precision;
    this.#library = library;
    this.#view = view;
  }

  get citations(): Citation[] {
    return (this.#citations ??= eventCitations(this.#library, this.#view));
  }

  get summary(): string {
    return this.citations[0]?.excerpt ?? '';
  }

  toJSON(): { date: string; precision: Precision; summary: string; citations: Citation[] } {
    return { date: this.date, precision: this.precision, summary: this.summary, citations: this.citations };
  }
}

/** Events in date order (coarser dates first within a period; same-day events in their stated order), each cited. */
export function timeline(library: Library, request: TimelineRequest, scope: Scope = everything): TimelineAnswer {
  const limit = request.limit ?? 50;
  const { topic, views } = timelineViews(library, request, scope, limit);
  return {
    kind: 'timeline',
    topic,
    from: request.from?.trim() || null,
    to: request.to?.trim() || null,
    events: views.slice(0, limit).map((v) => new CitedLazily(library, v)),
  };
}
