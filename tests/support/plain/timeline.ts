// The plain (full-scan) timeline service as it was before src/services/derived.ts: the reference the cached one must agree with (tests/services/derived.test.ts).
import type { TimelineAnswer, TimelineEvent } from '../../../src/domain/answer.ts';
import type { Citation } from '../../../src/domain/types.ts';
import { precisionRank } from '../../../src/knowledge/build.ts';
import { dateRange, type DayRange } from '../../../src/knowledge/events.ts';
import { findPeople } from '../../../src/knowledge/lookup.ts';
import type { EventRecord } from '../../../src/knowledge/store.ts';
import { termsOf, textTerms, wordTokens } from '../../../src/search/terms.ts';
import { UserError } from '../../../src/services/errors.ts';
import { citeSentence, type Library } from '../../../src/services/library.ts';
import { everything, type Scope } from '../../../src/services/scope.ts';

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

const termCache = new WeakMap<object, string[]>();
function cachedTerms(key: object, text: string): string[] {
  let terms = termCache.get(key);
  if (!terms) {
    terms = textTerms(text);
    termCache.set(key, terms);
  }
  return terms;
}

function hasTerm(terms: readonly string[], t: string): boolean {
  return terms.some((x) => x === t || (t.length >= 4 && x.startsWith(t)));
}

/**
 * Whether every mention of the topic in a sentence names another model or version: "Airbus
 * A380" or "iPhone 4" when the topic is "Airbus" or "iPhone 3G" (a number right after the name,
 * other than a year, that the topic does not have).
 */
export function onlyAsOtherModel(sentence: string, topicTerms: readonly string[]): boolean {
  const tokens = wordTokens(sentence);
  let mentions = 0;
  let others = 0;
  tokens.forEach((token, i) => {
    if (!termsOf(token.text).some((t) => topicTerms.includes(t))) return;
    mentions += 1;
    const next = tokens[i + 1];
    if (!next || next.start - token.end > 1 || !/\d/.test(next.text) || /^(1[89]|20)\d\d$/.test(next.text)) return;
    if (termsOf(next.text).some((t) => topicTerms.includes(t))) return;
    others += 1;
  });
  return mentions > 0 && mentions === others;
}

/**
 * Whether a sentence opens by referring back to something named before: a pronoun ("It", "He")
 * or a definite description ("The aircraft", "The company"). Person topics take personal pronouns.
 */
export function refersBack(sentence: string, personal: boolean): boolean {
  const opening = sentence.replace(/^[“"‘'(\s]+/, '');
  if (personal) return /^(He|She|His|Her)\b/.test(opening);
  return /^(It|Its|The [a-z]+(?:[- ][a-z]+)?(?=[\s,]))/.test(opening);
}

/** Events in date order (coarser dates first within a period; same-day events in their stated order), each cited. */
export function timeline(library: Library, request: TimelineRequest, scope: Scope = everything): TimelineAnswer {
  const topic = request.topic?.replace(/\s+/g, ' ').trim() || null;
  if (topic && topic.length > 200) throw new UserError('topic is too long: keep it under 200 characters.', 'topic');
  const from = parseBound(request.from, 'from');
  const to = parseBound(request.to, 'to');
  if (from && to && from.from > to.to) throw new UserError('from must not be later than to.', 'from');
  const topicTerms = topic ? [...new Set(textTerms(topic, 'query'))] : [];
  if (topic && topicTerms.length === 0) throw new UserError('That topic has only common words: try a more specific one.', 'topic');

  // A topic that names a person also matches the sentences that mention them by any spelling.
  const person = topic ? findPeople(library.knowledge.people, topic, 1).find((m) => m.score >= 85)?.person ?? null : null;
  const personSpans = new Map<string, Array<[number, number]>>();
  for (const m of person?.mentions ?? []) {
    const list = personSpans.get(m.articleId) ?? [];
    list.push([m.start, m.end]);
    personSpans.set(m.articleId, list);
  }

  type Item = TimelineEvent & { sortFrom: string; rank: number; published: string; order: number };
  const items: Item[] = [];
  const eventTerms: Array<{ event: EventRecord; terms: string[][]; texts: string[] }> = [];
  for (const event of library.knowledge.events) {
    const range = dateRange(event.date);
    if (!range) continue;
    if (from && range.to < from.from) continue;
    if (to && range.from > to.to) continue;
    const visible = event.occurrences.filter((o) => scope.article(o.articleId) && o.passageId !== null);
    if (visible.length === 0) continue;
    // Without a topic, a sentence dated only by its article's main event is noise: the timeline
    // keeps what the sources themselves date (a topic brings such sentences back).
    if (!topic && visible.every((o) => o.basis === 'context')) continue;
    const texts = visible.map((o) => ({ o, text: library.articleById.get(o.articleId)?.text.slice(o.start, o.end) ?? '' }));
    const citations: Citation[] = [];
    for (const { o } of texts) {
      const passage = library.passageById.get(o.passageId ?? '');
      if (passage) citations.push(citeSentence(library, passage, o.start, o.end));
    }
    const first = visible[0];
    if (!first || citations.length === 0) continue;
    // In a guild's view, the date is the finest one its own sources give.
    let { date, precision } = event;
    if (visible.length < event.occurrences.length) {
      const finest = [...visible].sort((a, b) => precisionRank(b.precision) - precisionRank(a.precision))[0] ?? first;
      ({ date, precision } = finest);
    }
    eventTerms.push({ event, terms: texts.map(({ o, text }) => cachedTerms(o, text)), texts: texts.map((t) => t.text) });
    items.push({
      date, precision, summary: citations[0]?.excerpt ?? '', citations,
      sortFrom: range.from, rank: precisionRank(event.precision),
      published: library.articleById.get(first.articleId)?.published ?? '', order: first.order,
    });
  }

  let kept = items;
  if (topic) {
    // The rarest topic word must be there, with at least half of the others ("Boeing 787
    // Dreamliner" matches "the 787 Dreamliner"); or the topic's person is mentioned.
    const df = new Map(topicTerms.map((t) => [t, eventTerms.filter((e) => e.terms.some((ts) => hasTerm(ts, t))).length]));
    const rarest = [...topicTerms].sort((a, b) => (df.get(a) ?? 0) - (df.get(b) ?? 0))[0] ?? '';
    const need = Math.ceil(topicTerms.length / 2);
    const matches = (terms: readonly string[]): boolean => {
      const matched = topicTerms.filter((t) => hasTerm(terms, t));
      return matched.length === topicTerms.length || (matched.length >= need && matched.includes(rarest));
    };
    // Articles about the topic (their title names it, or they are mostly about the topic's person):
    // there a sentence that refers back ("It", "He", "The aircraft") is about it too.
    const about = new Set(library.articles.filter((a) => matches(textTerms(a.title))).map((a) => a.id));
    if (person) {
      for (const [articleId, spans] of personSpans) {
        const mostMentioned = library.knowledge.people.every((p) => p === person || p.mentions.filter((m) => m.articleId === articleId).length <= spans.length);
        if (mostMentioned) about.add(articleId);
      }
    }
    kept = items.filter((_item, i) => {
      const entry = eventTerms[i];
      if (!entry) return false;
      if (entry.terms.some((terms, k) => matches(terms) && !onlyAsOtherModel(entry.texts[k] ?? '', topicTerms))) return true;
      return entry.event.occurrences.some((o) => {
        if ((personSpans.get(o.articleId) ?? []).some(([s, e]) => s >= o.start && e <= o.end)) return true;
        if (!about.has(o.articleId)) return false;
        const sentence = library.articleById.get(o.articleId)?.text.slice(o.start, o.end) ?? '';
        return refersBack(sentence, person !== null);
      });
    });
  }
  kept.sort((a, b) => a.sortFrom.localeCompare(b.sortFrom) || a.rank - b.rank || a.order - b.order || a.published.localeCompare(b.published));
  const limit = request.limit ?? 50;
  return {
    kind: 'timeline',
    topic,
    from: request.from?.trim() || null,
    to: request.to?.trim() || null,
    events: kept.slice(0, limit).map(({ date, precision, summary, citations }) => ({ date, precision, summary, citations })),
  };
}
