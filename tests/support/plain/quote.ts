// The plain (full-scan) quote service as it was before src/services/derived.ts: the reference the cached one must agree with (tests/services/derived.test.ts).
import type { QuoteAnswer, QuoteItem } from '../../../src/domain/answer.ts';
import type { Citation } from '../../../src/domain/types.ts';
import { resolvePerson, suggestNames } from '../../../src/knowledge/lookup.ts';
import { foldName } from '../../../src/knowledge/names.ts';
import type { QuoteRecord } from '../../../src/knowledge/store.ts';
import { textTerms } from '../../../src/search/terms.ts';
import { UserError } from '../../../src/services/errors.ts';
import { citeSentence, type Library } from '../../../src/services/library.ts';
import { everything, visiblePerson, type Scope } from '../../../src/services/scope.ts';
import type { PersonRecord } from '../../../src/knowledge/store.ts';

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

/** Quotations by speaker and/or topic, merged across outlets, in date order, each cited in context. */
export function quotes(library: Library, request: QuoteRequest, scope: Scope = everything): QuoteAnswer {
  const speaker = clean(request.speaker, 'speaker');
  const topic = clean(request.topic, 'topic');
  const topicTerms = topic ? textTerms(topic, 'query') : [];
  if (topic && topicTerms.length === 0) throw new UserError('That topic has only common words: try a more specific one.', 'topic');

  let speakerFilter: ((q: QuoteRecord) => boolean) | null = null;
  if (speaker) {
    const people = library.knowledge.people.map((p) => visiblePerson(p, scope, library)).filter((p): p is PersonRecord => p !== null);
    const { person } = resolvePerson(people, speaker);
    const folded = foldName(speaker).replace(/^the\s+/, '');
    speakerFilter = (q) => (person !== null && q.speakerId === person.id)
      || (q.speakerId === null && q.speaker !== null && foldName(q.speaker).includes(folded));
  }

  const items: Array<QuoteItem & { first: string }> = [];
  library.knowledge.quotes.forEach((q, index) => {
    if (speakerFilter && !speakerFilter(q)) return;
    const citations: Citation[] = [];
    let context = '';
    // In a guild's view, the words and speaker come from what it sees, never from a source it does not.
    let text = q.text;
    let speakerName = q.speaker;
    if (scope !== everything && q.occurrences.some((o) => !scope.article(o.articleId))) {
      text = q.occurrences.filter((o) => scope.article(o.articleId)).reduce((best, o) => (o.text.length > best.length ? o.text : best), '');
      const record = q.speakerId === null ? undefined : library.personById.get(q.speakerId);
      speakerName = record ? (visiblePerson(record, scope, library)?.name ?? null) : speakerName;
    }
    for (const o of q.occurrences) {
      if (!scope.article(o.articleId) || o.passageId === null) continue;
      const passage = library.passageById.get(o.passageId);
      if (!passage) continue;
      const citation = citeSentence(library, passage, o.contextStart, o.contextEnd);
      citations.push(citation);
      context += ` ${citation.excerpt}`;
    }
    if (citations.length === 0) return;
    if (topic && !matchesTopic(`${text} ${context}`, topicTerms)) return;
    // Dated by the earliest source that carries it; within a day, in that source's order.
    const earliest = q.occurrences
      .map((o) => ({ o, date: library.articleById.get(o.articleId)?.published ?? null }))
      .filter((x) => scope.article(x.o.articleId))
      .sort((a, b) => (a.date ?? '9999').localeCompare(b.date ?? '9999') || a.o.articleId.localeCompare(b.o.articleId) || a.o.start - b.o.start)[0];
    const first = earliest ? `${earliest.o.articleId}\0${String(earliest.o.start).padStart(10, '0')}` : String(index);
    items.push({ text, speaker: speakerName, date: earliest?.date ?? null, citations, first });
  });
  // Date order; undated last.
  items.sort((a, b) => (a.date ?? '9999').localeCompare(b.date ?? '9999') || a.first.localeCompare(b.first));
  const limit = request.limit ?? 25;
  return {
    kind: 'quote',
    speaker,
    topic,
    quotes: items.slice(0, limit).map(({ first: _first, ...item }) => item),
  };
}

/** Speakers for /quote autocomplete: people who are quoted, then organisations and documents. */
export function suggestSpeakers(library: Library, prefix: string, scope: Scope = everything, limit = 25): string[] {
  // Only quotations this scope sees, and only the names written in what it sees.
  const seen = library.knowledge.quotes.filter((q) => q.occurrences.some((o) => scope.article(o.articleId)));
  const quoted = new Set(seen.map((q) => q.speakerId).filter((id): id is string => id !== null));
  const people = library.knowledge.people.filter((p) => quoted.has(p.id)).map((p) => visiblePerson(p, scope, library)).filter((p): p is PersonRecord => p !== null);
  const names = suggestNames(people, prefix.trim(), limit);
  const folded = foldName(prefix.trim());
  const others = [...new Set(seen.filter((q) => q.speakerId === null && q.speaker !== null).map((q) => q.speaker as string))]
    .filter((s) => folded === '' || foldName(s).includes(folded));
  return [...names, ...others].slice(0, limit);
}
