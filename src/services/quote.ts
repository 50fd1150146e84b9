import type { QuoteAnswer, QuoteItem } from '../domain/answer.ts';
import type { Citation } from '../domain/types.ts';
import { resolvePerson, suggestNames } from '../knowledge/lookup.ts';
import { foldName } from '../knowledge/names.ts';
import type { QuoteOccurrence, QuoteRecord } from '../knowledge/store.ts';
import type { Passage } from '../domain/types.ts';
import { textTerms } from '../search/terms.ts';
import { UserError } from './errors.ts';
import { citeSentence, type Library } from './library.ts';
import { everything, type Scope } from './scope.ts';
import { peopleView, quotesBySpeaker, quotesWithTerms, speakersView, unattributedQuotes } from './derived.ts';

export interface QuoteRequest {
  /** A person (any spelling), or an organisation or document as the text names it ("the alert"). */
  speaker?: string;
  /** Words the quotation or its sentence must contain. */
  topic?: string;
  /** Most quotations returned. Default 25. */
  limit?: number;
}

function clean(raw: string | undefined, option: string): string | null {
  if (raw === undefined) return null;
  const value = raw.replace(/[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/g, '').replace(/\s+/g, ' ').trim();
  if (value === '') return null;
  if (value.length > 200) throw new UserError(`${option} is too long: keep it under 200 characters.`, option);
  return value;
}

/** True when every term of the topic appears (as a word or a word's start) in the text. */
export function matchesTopic(text: string, topicTerms: readonly string[]): boolean {
  if (topicTerms.length === 0) return true;
  const terms = textTerms(text);
  return topicTerms.every((t) => terms.some((x) => x === t || (t.length >= 4 && x.startsWith(t))));
}

/** A quotation as one scope sees it, before its citations are made (see `quoteRows`). */
export interface QuoteRow {
  record: QuoteRecord;
  text: string;
  speaker: string | null;
  date: string | null;
  /** Sort key within a day: the earliest source's article and offset. */
  first: string;
  /** The occurrences this scope sees that have a passage, with it: one citation each. */
  cited: Array<{ occurrence: QuoteOccurrence; passage: Passage }>;
  /** Made when the topic check needed them; else by `rowCitations`. */
  citations?: Citation[];
}

/** The citations of a row (all, or those whose passage passes `keep`), in occurrence order. */
export function rowCitations(library: Library, row: QuoteRow, keep?: (passage: Passage) => boolean): Citation[] {
  if (row.citations) return keep ? row.citations.filter((c, i) => keep((row.cited[i] as { passage: Passage }).passage)) : row.citations;
  return row.cited.filter((x) => !keep || keep(x.passage)).map(({ occurrence: o, passage }) => citeSentence(library, passage, o.contextStart, o.contextEnd));
}

/**
 * The quotations `quotes` answers with, in its order, citations made only where the topic check
 * needs them. `restrict` (positions in the store, ascending) narrows the quotations looked at:
 * rows outside it are left out, rows inside come out as without it. With `first`, only the first
 * `first` rows: candidates are put in date order first and checked against the topic in that
 * order until enough pass (a common topic word costs what is shown, not every quotation with it).
 */
export function quoteRows(library: Library, request: QuoteRequest, scope: Scope = everything, restrict?: readonly number[], first = Number.POSITIVE_INFINITY): { speaker: string | null; topic: string | null; rows: QuoteRow[] } {
  const speaker = clean(request.speaker, 'speaker');
  const topic = clean(request.topic, 'topic');
  const topicTerms = topic ? textTerms(topic, 'query') : [];
  if (topic && topicTerms.length === 0) throw new UserError('That topic has only common words: try a more specific one.', 'topic');

  const all = library.knowledge.quotes;
  // Positions of the quotations that may match, ascending (null: every one).
  let positions: number[] | null = restrict ? [...restrict] : null;
  const narrow = (keep: (i: number) => boolean, list: number[]): void => {
    positions = positions === null ? list : positions.filter(keep);
  };
  if (speaker) {
    const { person } = resolvePerson(peopleView(library, scope).people, speaker);
    const folded = foldName(speaker).replace(/^the\s+/, '');
    const bySpeaker = person !== null ? quotesBySpeaker(library, person.id) : [];
    const named = unattributedQuotes(library, (f) => f.includes(folded));
    const list = [...bySpeaker, ...named].sort((a, b) => a - b);
    const set = new Set(list);
    narrow((i) => set.has(i), list);
  }
  if (topic) {
    const maybe = quotesWithTerms(library, topicTerms);
    if (maybe) narrow((i) => maybe.has(i), [...maybe].sort((a, b) => a - b));
  }

  const rows: Array<QuoteRow & { index: number }> = [];
  const consider = (q: QuoteRecord, index: number): void => {
    // In a guild's view, the words and speaker come from what it sees, never from a source it does not.
    let text = q.text;
    let speakerName = q.speaker;
    if (scope !== everything && q.occurrences.some((o) => !scope.article(o.articleId))) {
      text = q.occurrences.filter((o) => scope.article(o.articleId)).reduce((best, o) => (o.text.length > best.length ? o.text : best), '');
      const record = q.speakerId === null ? undefined : library.personById.get(q.speakerId);
      speakerName = record ? (peopleView(library, scope).visible.get(record)?.name ?? null) : speakerName;
    }
    const cited: QuoteRow['cited'] = [];
    for (const o of q.occurrences) {
      if (!scope.article(o.articleId) || o.passageId === null) continue;
      const passage = library.passageById.get(o.passageId);
      if (passage) cited.push({ occurrence: o, passage });
    }
    if (cited.length === 0) return;
    // Dated by the earliest source that carries it; within a day, in that source's order.
    const earliest = q.occurrences
      .map((o) => ({ o, date: library.articleById.get(o.articleId)?.published ?? null }))
      .filter((x) => scope.article(x.o.articleId))
      .sort((a, b) => (a.date ?? '9999').localeCompare(b.date ?? '9999') || a.o.articleId.localeCompare(b.o.articleId) || a.o.start - b.o.start)[0];
    const sortKey = earliest ? `${earliest.o.articleId}\0${String(earliest.o.start).padStart(10, '0')}` : String(index);
    rows.push({ record: q, text, speaker: speakerName, date: earliest?.date ?? null, first: sortKey, cited, index });
  };
  const chosen: number[] | null = positions;
  if (chosen === null) all.forEach(consider);
  else for (const i of chosen) {
    const q = all[i];
    if (q) consider(q, i);
  }
  // Date order; undated last.
  rows.sort((a, b) => (a.date ?? '9999').localeCompare(b.date ?? '9999') || a.first.localeCompare(b.first));
  if (!topic) return { speaker, topic, rows: rows.slice(0, first) };
  // The topic must be in the words or in a source's sentence around them (the index only narrowed).
  const kept: QuoteRow[] = [];
  for (const row of rows) {
    if (kept.length >= first) break;
    const citations = row.cited.map(({ occurrence: o, passage }) => citeSentence(library, passage, o.contextStart, o.contextEnd));
    const context = citations.map((c) => ` ${c.excerpt}`).join('');
    if (matchesTopic(`${row.text} ${context}`, topicTerms)) kept.push({ ...row, citations });
  }
  return { speaker, topic, rows: kept };
}

/** Quotations by speaker and/or topic, merged across outlets, in date order, each cited in context. */
export function quotes(library: Library, request: QuoteRequest, scope: Scope = everything): QuoteAnswer {
  const limit = request.limit ?? 25;
  const { speaker, topic, rows } = quoteRows(library, request, scope, undefined, limit);
  return {
    kind: 'quote',
    speaker,
    topic,
    quotes: rows.slice(0, limit).map((row): QuoteItem => ({ text: row.text, speaker: row.speaker, date: row.date, citations: rowCitations(library, row) })),
  };
}

/** Speakers for /quote autocomplete: people who are quoted, then organisations and documents. */
export function suggestSpeakers(library: Library, prefix: string, scope: Scope = everything, limit = 25): string[] {
  // Only quotations this scope sees, and only the names written in what it sees.
  const speakers = speakersView(library, scope);
  const names = suggestNames(speakers.people, prefix.trim(), limit);
  const folded = foldName(prefix.trim());
  const others = speakers.others.filter((s) => folded === '' || s.folded.includes(folded)).map((s) => s.name);
  return [...names, ...others].slice(0, limit);
}
