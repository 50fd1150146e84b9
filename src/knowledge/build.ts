/**
 * Builds the knowledge store from per-article extractions: refiners that merge people (name
 * variants with a compatible given name), repeated quotations and events reported twice.
 */
import type { Article, Passage } from '../domain/types.ts';
import { splitSentences } from '../ingest/sentences.ts';
import type { ArticleExtraction, EventExtract, PersonExtract, QuoteExtract } from '../extract/types.ts';
import { foldName, givenNamesCompatible, nameParts, particleVariants, surnamesCompatible } from './names.ts';
import { dateRange, dayNumber, happening, rangesNest, sameHappening, type HappeningText } from './events.ts';
import {
  KNOWLEDGE_VERSION, type EventRecord, type KnowledgeStore, type PersonRecord, type Place, type QuoteOccurrence, type QuoteRecord,
} from './store.ts';

export interface KnowledgeInput {
  articles: readonly Article[];
  passages: readonly Passage[];
  extractions: ReadonlyMap<string, ArticleExtraction>;
}

/** Finds the passage that holds an offset range of an article. */
class PassageLocator {
  private readonly byArticle = new Map<string, Passage[]>();

  constructor(passages: readonly Passage[]) {
    for (const p of passages) {
      const list = this.byArticle.get(p.articleId) ?? [];
      list.push(p);
      this.byArticle.set(p.articleId, list);
    }
  }

  at(articleId: string, start: number): Passage | null {
    const list = this.byArticle.get(articleId) ?? [];
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const p = list[mid];
      if (!p) break;
      if (start < p.start) hi = mid - 1;
      else if (start >= p.end) lo = mid + 1;
      else return p;
    }
    return null;
  }

  place(articleId: string, start: number, end: number): Place {
    return { articleId, passageId: this.at(articleId, start)?.id ?? null, start, end };
  }
}

interface Candidate {
  articleId: string;
  extract: PersonExtract;
  given: string | null;
  surname: string;
  parts: number;
}

interface Cluster {
  members: Candidate[];
  given: string | null;
  surname: string;
  /** Creation order, so merging does not depend on lookup order. */
  order: number;
}

function candidateOf(articleId: string, extract: PersonExtract): Candidate | null {
  const parts = nameParts(extract.name);
  const surname = parts.at(-1);
  if (surname === undefined) return null;
  return { articleId, extract, given: parts.length > 1 ? (parts[0] ?? null) : null, surname, parts: parts.length };
}

function compatible(cluster: Cluster, c: Candidate): boolean {
  if (!surnamesCompatible(cluster.surname, c.surname)) return false;
  if (cluster.given !== null && c.given !== null) return givenNamesCompatible(cluster.given, c.given);
  return true;
}

/**
 * Groups the people of all articles into persons: same surname up to transliteration, and a
 * compatible given name. A bare surname joins a person only when exactly one person fits.
 */
export function clusterPeople(extractions: ReadonlyMap<string, ArticleExtraction>): Candidate[][] {
  const candidates: Candidate[] = [];
  for (const [articleId, x] of extractions) {
    for (const p of x.people) {
      const c = candidateOf(articleId, p);
      if (c) candidates.push(c);
    }
  }
  // Full names first, so bare surnames find the people they may belong to.
  candidates.sort((a, b) => b.parts - a.parts);
  const clusters: Cluster[] = [];
  // Clusters by surname key: two surnames are compatible exactly when they share a key, so a
  // candidate meets only the clusters it may join (no scan of every cluster).
  const byKey = new Map<string, Cluster[]>();
  for (const c of candidates) {
    const keys = particleVariants(c.surname).filter((k) => k !== '');
    const near = new Set<Cluster>();
    for (const key of keys) for (const k of byKey.get(key) ?? []) near.add(k);
    const fits = [...near].sort((a, b) => a.order - b.order).filter((k) => compatible(k, c));
    let target: Cluster | undefined;
    if (c.given !== null) {
      target = fits.find((k) => k.given !== null) ?? (fits.length === 1 ? fits[0] : undefined);
    } else if (fits.length === 1) {
      target = fits[0];
    }
    if (target) {
      target.members.push(c);
      target.given ??= c.given;
    } else {
      const cluster: Cluster = { members: [c], given: c.given, surname: c.surname, order: clusters.length };
      clusters.push(cluster);
      for (const key of keys) {
        const list = byKey.get(key) ?? [];
        list.push(cluster);
        byKey.set(key, list);
      }
    }
  }
  return clusters.map((k) => k.members);
}

/** The canonical name of a group: the fullest form, then the most mentioned spelling, then the first seen. */
function canonicalName(members: readonly Candidate[]): string {
  const forms = new Map<string, { form: string; parts: number; weight: number; order: number }>();
  let order = 0;
  for (const m of members) {
    const surname = nameParts(m.extract.name).at(-1) ?? '';
    // How often this article writes the surname this way: its mentions carry the weight.
    const weight = m.extract.mentions.filter((x) => foldName(x.text).includes(surname)).length || 1;
    for (const form of [m.extract.name, ...m.extract.aliases]) {
      const key = foldName(form);
      const entry = forms.get(key) ?? { form, parts: nameParts(form).length, weight: 0, order: order++ };
      entry.weight += form === m.extract.name ? weight : 0;
      forms.set(key, entry);
    }
  }
  const best = [...forms.values()].sort((a, b) => b.parts - a.parts || b.weight - a.weight || a.order - b.order)[0];
  return best?.form ?? members[0]?.extract.name ?? '';
}

function buildPeople(extractions: ReadonlyMap<string, ArticleExtraction>, locator: PassageLocator): {
  people: PersonRecord[];
  personOf: (articleId: string, name: string) => PersonRecord | null;
} {
  const people: PersonRecord[] = [];
  const index = new Map<string, PersonRecord>();
  for (const members of clusterPeople(extractions)) {
    const name = canonicalName(members);
    const seen = new Set([foldName(name)]);
    const aliases: string[] = [];
    for (const m of members) {
      for (const form of [m.extract.name, ...m.extract.aliases]) {
        const key = foldName(form);
        if (!seen.has(key)) {
          seen.add(key);
          aliases.push(form);
        }
      }
    }
    const record: PersonRecord = {
      id: '',
      name,
      aliases,
      roles: members.flatMap((m) => m.extract.roles.map((r) => ({ ...locator.place(m.articleId, r.start, r.end), text: r.text }))),
      mentions: members.flatMap((m) => m.extract.mentions.map((x) => locator.place(m.articleId, x.start, x.end))),
    };
    record.mentions.sort((a, b) => a.articleId.localeCompare(b.articleId) || a.start - b.start);
    people.push(record);
    for (const m of members) index.set(`${m.articleId}\0${m.extract.name}`, record);
  }
  people.sort((a, b) => b.mentions.length - a.mentions.length || a.name.localeCompare(b.name));
  people.forEach((p, i) => (p.id = `person-${i + 1}`));
  return { people, personOf: (articleId, name) => index.get(`${articleId}\0${name}`) ?? null };
}

/** Words of a quote, folded, for comparing versions of the same quotation. */
export function quoteWords(text: string): string[] {
  return foldName(text).replace(/[^\p{L}\p{N}\s]/gu, ' ').split(/\s+/).filter((w) => w !== '');
}

function containsRun(haystack: readonly string[], needle: readonly string[]): boolean {
  if (needle.length === 0 || needle.length > haystack.length) return false;
  outer: for (let i = 0; i + needle.length <= haystack.length; i += 1) {
    for (let j = 0; j < needle.length; j += 1) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/** The fewest words a quotation needs before two outlets' versions of it are taken as one. */
export const MIN_MERGE_WORDS = 4;

/** The sentence or sentences around `[start, end)`, clipped to the passage. */
function contextOf(article: Article, passage: Passage | null, start: number, end: number): { start: number; end: number } {
  if (!passage) return { start, end };
  const sentences = splitSentences(article.text, passage.start, passage.end);
  const first = sentences.find((s) => s.end > start) ?? { start: passage.start, end: passage.end };
  const last = [...sentences].reverse().find((s) => s.start < Math.min(end, passage.end)) ?? first;
  let from = Math.min(first.start, start);
  let to = Math.max(last.end, Math.min(end, passage.end));
  // A sentence that opens with the closing part of a quote: take the sentence before too.
  from = Math.max(passage.start, from);
  to = Math.min(passage.end, to);
  return { start: from, end: to };
}

function buildQuotes(
  input: KnowledgeInput, locator: PassageLocator, personOf: (articleId: string, name: string) => PersonRecord | null,
): QuoteRecord[] {
  const articles = new Map(input.articles.map((a) => [a.id, a]));
  type Draft = QuoteRecord & { words: string[]; order: number };
  const records: Draft[] = [];
  // Two versions of a quotation share every word of the shorter one, so the longer contains the
  // shorter's longest word: candidates come from two small indexes, never a scan of every quote.
  const byWord = new Map<string, Draft[]>();
  const byLongest = new Map<string, Draft[]>();
  const longest = (words: readonly string[]): string => words.reduce((a, b) => (b.length > a.length || (b.length === a.length && b < a) ? b : a), '');
  const push = (map: Map<string, Draft[]>, key: string, r: Draft): void => {
    const list = map.get(key) ?? [];
    if (!list.includes(r)) list.push(r);
    map.set(key, list);
  };
  const indexDraft = (r: Draft): void => {
    for (const w of new Set(r.words)) push(byWord, w, r);
    push(byLongest, longest(r.words), r);
  };
  const ordered = [...input.extractions.entries()].sort((a, b) => a[0].localeCompare(b[0]));
  for (const [articleId, x] of ordered) {
    const article = articles.get(articleId);
    if (!article) continue;
    for (const q of x.quotes) {
      const passage = locator.at(articleId, q.start);
      const context = contextOf(article, passage, q.start, q.end);
      const occurrence: QuoteOccurrence = {
        articleId, passageId: passage?.id ?? null, start: q.start, end: q.end,
        contextStart: context.start, contextEnd: context.end, text: q.text,
      };
      const person = q.speaker !== null && q.speakerKind !== 'organisation' && q.speakerKind !== 'document' && q.speakerKind !== 'group'
        ? personOf(articleId, q.speaker) : null;
      const speakerId = person?.id ?? null;
      const speaker = person?.name ?? q.speaker;
      const words = quoteWords(q.text);
      const candidates = new Set<Draft>(byWord.get(longest(words)) ?? []);
      for (const w of new Set(words)) for (const r of byLongest.get(w) ?? []) candidates.add(r);
      const same = [...candidates].sort((a, b) => a.order - b.order).find((r) => sameQuotation(r, r.words, speakerId, speaker, words));
      if (same) {
        same.occurrences.push(occurrence);
        if (words.length > same.words.length) {
          same.text = q.text;
          same.words = words;
          indexDraft(same);
        }
        if (same.speaker === null && speaker !== null) {
          same.speaker = speaker;
          same.speakerId = speakerId;
        }
      } else {
        const draft: Draft = { id: '', text: q.text, speakerId, speaker, occurrences: [occurrence], words, order: records.length };
        records.push(draft);
        indexDraft(draft);
      }
    }
  }
  return records.map(({ words: _words, order: _order, ...r }, i) => ({ ...r, id: `quote-${i + 1}` }));
}

function sameQuotation(r: QuoteRecord, rWords: readonly string[], speakerId: string | null, speaker: string | null, words: readonly string[]): boolean {
  const shorter = words.length <= rWords.length ? words : rWords;
  const longer = shorter === words ? rWords : words;
  if (shorter.length < MIN_MERGE_WORDS) {
    if (shorter.length !== longer.length || !containsRun(longer, shorter)) return false;
  } else if (!containsRun(longer, shorter)) {
    return false;
  }
  if (speakerId !== null && r.speakerId !== null) return speakerId === r.speakerId;
  if (speaker !== null && r.speaker !== null) return foldName(speaker) === foldName(r.speaker);
  // One side unattributed: only a long quotation is distinctive enough to be the same one.
  return shorter.length >= 6;
}

/** A word in at most this many passages is distinctive enough to identify a happening. */
const RARE_WORD_PASSAGES = 3;
/** Words in more records than this are too common to find merge candidates by. */
const CANDIDATE_WORD_LIMIT = 50;

function buildEvents(input: KnowledgeInput, locator: PassageLocator): EventRecord[] {
  const records: EventRecord[] = [];
  // Per record, by its position in `records`: its happenings' texts, its date's first and last
  // day as numbers (NaN when the date has no day range; kept in step with its date), and the
  // last event that considered it as a candidate.
  const texts: HappeningText[][] = [];
  const firstDay: number[] = [];
  const lastDay: number[] = [];
  const seenBy: number[] = [];
  const articles = new Map(input.articles.map((a) => [a.id, a]));
  const ordered = [...input.extractions.entries()].sort((a, b) => a[0].localeCompare(b[0]));
  // Record positions by key (a year and a content word or a kind of happening).
  const byWord = new Map<string, number[]>();
  const passageFrequency = new Map<string, number>();
  for (const p of input.passages) {
    for (const w of new Set(foldName(p.text).split(/[^\p{L}\p{N}-]+/u))) passageFrequency.set(w, (passageFrequency.get(w) ?? 0) + 1);
  }
  // People's names say who, not what happened: they do not identify a happening.
  const personWords = new Set<string>();
  for (const x of input.extractions.values()) {
    for (const p of x.people) for (const form of [p.name, ...p.aliases]) for (const w of foldName(form).split(/\s+/)) personWords.add(w);
  }
  const rareWord = (w: string): boolean => !personWords.has(w) && (passageFrequency.get(w) ?? 0) <= RARE_WORD_PASSAGES;
  // Keys carry the year: dates in different years never nest, so they are never compared.
  const keysOf = (h: HappeningText): string[] => {
    const year = /^\d{4}/.test(h.date) ? h.date.slice(0, 4) : h.date;
    return [...h.words, ...[...h.heads].map((c) => `#${c}`)].map((k) => `${year}|${k}`);
  };

  let eventNumber = 0;
  for (const [articleId, x] of ordered) {
    const article = articles.get(articleId);
    if (!article) continue;
    for (const e of x.events) {
      eventNumber += 1;
      const inside = x.times.filter((t) => t.start >= e.start && t.end <= e.end).map((t) => ({ start: t.start - e.start, end: t.end - e.start }));
      const h = happening(e.text, e.date, inside, rareWord);
      const occurrence = { ...locator.place(articleId, e.start, e.end), order: e.order, date: e.date, precision: e.precision, basis: e.basis ?? 'time' as const };
      const keys = keysOf(h);
      const range = dateRange(e.date);
      const from = range ? dayNumber(range.from) : Number.NaN;
      const to = range ? dayNumber(range.to) : Number.NaN;
      // Candidates share a key: no scan of every record. They are tried in the order the keys
      // and their lists give, each once; the first that is the same happening is it.
      let same = -1;
      candidates: for (const key of keys) {
        const list = byWord.get(key);
        if (!list || list.length > CANDIDATE_WORD_LIMIT) continue;
        for (const r of list) {
          if (seenBy[r] === eventNumber) continue;
          seenBy[r] = eventNumber;
          // datesCompatible, from the days kept: one range within the other (without ranges, the same date).
          const rFrom = firstDay[r] as number;
          const compatible = Number.isNaN(rFrom) || Number.isNaN(from)
            ? (records[r] as EventRecord).date === e.date
            : rangesNest(rFrom, lastDay[r] as number, from, to);
          if (compatible && (texts[r] as HappeningText[]).some((t) => sameHappening(t, h))) {
            same = r;
            break candidates;
          }
        }
      }
      if (same >= 0) {
        const record = records[same] as EventRecord;
        record.occurrences.push(occurrence);
        (texts[same] as HappeningText[]).push(h);
        // Keep the finer date when the sources agree.
        if (precisionRank(e.precision) > precisionRank(record.precision)) {
          record.date = e.date;
          record.precision = e.precision;
          firstDay[same] = from;
          lastDay[same] = to;
        }
      } else {
        same = records.length;
        records.push({ id: '', date: e.date, precision: e.precision, occurrences: [occurrence] });
        texts.push([h]);
        firstDay.push(from);
        lastDay.push(to);
        seenBy.push(eventNumber);
      }
      for (const key of keys) {
        let list = byWord.get(key);
        if (list === undefined) byWord.set(key, (list = []));
        // Past the limit a key finds no candidates anyway: stop growing it.
        if (list.length <= CANDIDATE_WORD_LIMIT && !list.includes(same)) list.push(same);
      }
    }
  }
  records.forEach((r, i) => (r.id = `event-${i + 1}`));
  return records;
}

const PRECISION_RANK: Record<EventExtract['precision'], number> = { decade: 0, year: 1, quarter: 2, season: 3, month: 4, day: 5 };
export function precisionRank(p: EventExtract['precision']): number {
  return PRECISION_RANK[p];
}

/** Merges every article's extraction into one store. */
export function buildKnowledge(input: KnowledgeInput): KnowledgeStore {
  const locator = new PassageLocator(input.passages);
  const { people, personOf } = buildPeople(input.extractions, locator);
  const quotes = buildQuotes(input, locator, personOf);
  const events = buildEvents(input, locator);
  return { version: KNOWLEDGE_VERSION, people, quotes, events };
}

export type { QuoteExtract };
