/**
 * /brief: an extractive briefing. Nothing in it is written by us: the key points are whole
 * sentences of the sources, picked for centrality (what several sentences and sources say) and for
 * coverage of the people and events, with near-repeats removed (maximal marginal relevance).
 */
import type { BriefAnswer, BriefPerson, BriefPoint, CitedRole, QuoteItem, TimelineEvent } from '../domain/answer.ts';
import type { Article, Citation, Passage } from '../domain/types.ts';
import { splitSentences } from '../ingest/sentences.ts';
import { dateRange, type DayRange } from '../knowledge/events.ts';
import { foldName } from '../knowledge/names.ts';
import { textTerms } from '../search/terms.ts';
import { UserError } from './errors.ts';
import { citeSentence, type Library } from './library.ts';
import { eventsByPassage, mentionCounts, mentionsByPassage, passageIndex, passageSentences, passagesByArticle, peopleView, quotesInArticles, type PassageSentence } from './derived.ts';
import { quoteRows, rowCitations } from './quote.ts';
import { everything, type Scope } from './scope.ts';
import { listSources, newestFirst } from './sources.ts';
import { eventCitations, timelineViews, type EventView } from './timeline.ts';
import type { PersonRecord } from '../knowledge/store.ts';

export interface BriefRequest {
  /** Words (or a name) the briefing is about; all visible articles when absent. */
  topic?: string;
  /** Only sources published on or after this date: `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (undated ones are left out). */
  since?: string;
  /** Only these articles (a digest of what arrived since the last one). Default: every visible article. */
  articles?: (articleId: string) => boolean;
  /** Most key points, 3 to 7. Default 7. */
  maxPoints?: number;
}

/** Fewest key points a briefing aims for (fewer only when the sources have fewer usable sentences). */
export const BRIEF_MIN_POINTS = 3;
/** Most key points. */
export const BRIEF_MAX_POINTS = 7;
/** Most people listed. */
export const BRIEF_PEOPLE = 5;
/** Most quotations. */
export const BRIEF_QUOTES = 3;
/** Most timeline events (the latest ones). */
export const BRIEF_EVENTS = 5;
/** Two sentences at least this similar (cosine of their weighted terms) say the same thing. */
export const REDUNDANCY_THRESHOLD = 0.4;

/**
 * Most articles one briefing covers: without a topic the latest ones, with a topic those with the
 * best-matching passages. A briefing of a whole archive would be about nothing in particular (and
 * take seconds at 100k passages); the answer says how many articles there were.
 */
export const BRIEF_MAX_SOURCES = 50;

/** Most sentences compared pairwise for centrality; a larger pool is first cut by similarity to its centroid. */
export const MAX_CENTRALITY_POOL = 1500;

/** Sentences shorter or longer than this (characters) are not used as key points. */
const MIN_SENTENCE_CHARS = 40;
const MAX_SENTENCE_CHARS = 500;

interface Candidate {
  passage: Passage;
  article: Article;
  /** Offsets into the passage text. */
  start: number;
  end: number;
  /** Its weighted terms as a unit vector: term ids in ascending order, and their weights divided by the norm. */
  terms: Int32Array;
  unit: Float64Array;
  people: Set<string>;
  events: Set<string>;
  topical: boolean;
  /** Opens by referring back ("He said…", "This is…"): it does not stand alone. */
  dependent: boolean;
}

/** A sentence that opens with a pronoun or a demonstrative needs the one before it to be understood. */
function refersBack(text: string): boolean {
  return /^[“"‘'(]?(He|She|It|They|His|Her|Its|Their|This|That|These|Those|Such|But|And|Also|However)\b/.test(text);
}

function parseSince(raw: string | undefined): DayRange | null {
  const value = raw?.trim();
  if (!value) return null;
  const range = /^\d{4}(-\d{2}(-\d{2})?)?$/.test(value) ? dateRange(value) : null;
  if (!range || Number.isNaN(Date.parse(range.from))) {
    throw new UserError(`since must be a date written YYYY, YYYY-MM or YYYY-MM-DD, got "${value}".`, 'since');
  }
  return range;
}

/** A sentence that can stand alone as a key point: long enough, a statement, not a fragment. */
function usableSentence(text: string): boolean {
  if (text.length < MIN_SENTENCE_CHARS || text.length > MAX_SENTENCE_CHARS) return false;
  if (/\?["”’)]*$/.test(text) || /:$/.test(text)) return false;
  if (!/^[“"‘'(]?[\p{Lu}\p{N}]/u.test(text)) return false;
  return text.split(/\s+/).length >= 7;
}

/** Cosine similarity of two candidates: the dot product of their unit vectors (a merge of sorted term ids). */
function cosine(a: Candidate, b: Candidate): number {
  const at = a.terms;
  const bt = b.terms;
  let i = 0;
  let j = 0;
  let dot = 0;
  while (i < at.length && j < bt.length) {
    const x = at[i] as number;
    const y = bt[j] as number;
    if (x === y) {
      dot += (a.unit[i] as number) * (b.unit[j] as number);
      i += 1;
      j += 1;
    } else if (x < y) i += 1;
    else j += 1;
  }
  return dot;
}

/** `Σ unit[t] · sums[t]` over a candidate's terms. */
function dotWith(c: Candidate, sums: Float64Array): number {
  let dot = 0;
  for (let k = 0; k < c.terms.length; k += 1) dot += (c.unit[k] as number) * (sums[c.terms[k] as number] as number);
  return dot;
}

/** Ids of the people mentioned and events reported within file offsets `[start, end)` of a passage, as `scope` sees them. */
function spansWithin(spans: ReadonlyArray<{ start: number; end: number; articleId: string }> | undefined, scope: Scope, start: number, end: number, id: (i: number) => string): Set<string> {
  const out = new Set<string>();
  (spans ?? []).forEach((s, i) => {
    if (s.start < end && s.end > start && scope.article(s.articleId)) out.add(id(i));
  });
  return out;
}

/**
 * The articles a briefing covers (at most BRIEF_MAX_SOURCES, in corpus order), how many were
 * eligible, and with a topic the passages that match it (in those articles).
 */
function selectSources(library: Library, request: BriefRequest, scope: Scope, topic: string | null): { articles: Article[]; eligible: number; passages: Set<string> | null } {
  const since = parseSince(request.since);
  const wanted = (a: Article): boolean => scope.article(a.id)
    && (request.articles === undefined || request.articles(a.id))
    && (since === null || (a.published !== null && a.published >= since.from));
  const inOrder = (ids: ReadonlySet<string>): Article[] => library.articles.filter((a) => ids.has(a.id));
  if (topic === null) {
    const eligible = library.articles.filter(wanted);
    const chosen = eligible.length <= BRIEF_MAX_SOURCES ? eligible : [...eligible].sort(newestFirst).slice(0, BRIEF_MAX_SOURCES);
    return { articles: inOrder(new Set(chosen.map((a) => a.id))), eligible: eligible.length, passages: null };
  }
  const eligible = new Set(library.articles.filter(wanted).map((a) => a.id));
  const filter = (id: string): boolean => eligible.has(library.passageById.get(id)?.articleId ?? '');
  const hits = library.index.search(topic, { limit: 1000, filter });
  // Articles in the order of their best-matching passage.
  const ranked = [...new Set(hits.map((h) => library.passageById.get(h.id)?.articleId ?? ''))];
  const ids = new Set(ranked.slice(0, BRIEF_MAX_SOURCES));
  const passages = new Set(hits.filter((h) => ids.has(library.passageById.get(h.id)?.articleId ?? '')).map((h) => h.id));
  return { articles: inOrder(ids), eligible: ranked.length, passages };
}

/** Keeps the `max` sentences closest to the pool's centroid (cheap, linear), in their original order. */
function closestToCentroid(cands: Candidate[], max: number, termCount: number): Candidate[] {
  if (cands.length <= max) return cands;
  const centroid = new Float64Array(termCount);
  for (const c of cands) for (let k = 0; k < c.terms.length; k += 1) centroid[c.terms[k] as number] = (centroid[c.terms[k] as number] as number) + (c.unit[k] as number);
  const keep = new Set(cands.map((c) => ({ c, s: dotWith(c, centroid) })).sort((a, b) => b.s - a.s).slice(0, max).map((x) => x.c));
  return cands.filter((c) => keep.has(c));
}

/** The usable sentences of a passage with their terms (they depend on its text alone: cached per passage). */
function sentencesOf(passage: Passage): PassageSentence[] {
  return passageSentences(passage, (p) => {
    const out: PassageSentence[] = [];
    for (const s of splitSentences(p.text)) {
      const text = p.text.slice(s.start, s.end);
      if (!usableSentence(text)) continue;
      const terms = textTerms(text);
      if (terms.length < 4) continue;
      out.push({ start: s.start, end: s.end, terms });
    }
    return out;
  });
}

function candidates(library: Library, articles: readonly Article[], passages: Set<string> | null, scope: Scope, topicTerms: readonly string[]): Candidate[] {
  const ids = new Set(articles.map((a) => a.id));
  const people = mentionsByPassage(library);
  const events = eventsByPassage(library);
  const out: Candidate[] = [];
  const termLists: string[][] = [];
  // The passages of the chosen articles (or the topic's), in corpus order.
  const at = passageIndex(library);
  const byArticle = passagesByArticle(library);
  const positions = passages !== null
    ? [...passages].map((id) => at.get(id)).filter((i): i is number => i !== undefined)
    : [...ids].flatMap((id) => byArticle.get(id) ?? []);
  positions.sort((a, b) => a - b);
  for (const i of positions) {
    const passage = library.passages[i];
    if (!passage || !ids.has(passage.articleId)) continue;
    const article = library.articleById.get(passage.articleId);
    if (!article) continue;
    const mentions = people.get(passage.id);
    const reports = events.get(passage.id);
    for (const s of sentencesOf(passage)) {
      const { terms } = s;
      const text = passage.text.slice(s.start, s.end);
      const from = passage.start + s.start;
      const to = passage.start + s.end;
      const topical = topicTerms.length === 0 || topicTerms.some((t) => terms.some((x) => x === t || (t.length >= 4 && x.startsWith(t))));
      termLists.push(terms);
      out.push({
        passage, article, start: s.start, end: s.end, terms: new Int32Array(0), unit: new Float64Array(0),
        people: spansWithin(mentions, scope, from, to, (k) => mentions?.[k]?.person.id ?? ''),
        events: spansWithin(reports, scope, from, to, (k) => reports?.[k]?.id ?? ''),
        topical,
        dependent: refersBack(text),
      });
    }
  }
  // Weights: term frequency (dampened) times inverse sentence frequency, as unit vectors over term ids.
  const df = new Map<string, number>();
  for (const terms of termLists) for (const t of new Set(terms)) df.set(t, (df.get(t) ?? 0) + 1);
  const n = out.length;
  const termIds = new Map<string, number>();
  const idf: number[] = [];
  for (const [t, count] of df) {
    termIds.set(t, idf.length);
    idf.push(Math.log(1 + n / count));
  }
  out.forEach((c, i) => {
    const tf = new Map<number, number>();
    for (const t of termLists[i] ?? []) {
      const id = termIds.get(t) as number;
      tf.set(id, (tf.get(id) ?? 0) + 1);
    }
    const terms = Int32Array.from(tf.keys()).sort();
    const unit = new Float64Array(terms.length);
    let sum = 0;
    terms.forEach((id, k) => {
      const w = (1 + Math.log(tf.get(id) ?? 1)) * (idf[id] as number);
      unit[k] = w;
      sum += w * w;
    });
    const norm = Math.sqrt(sum);
    for (let k = 0; k < unit.length; k += 1) unit[k] = (unit[k] as number) / norm;
    c.terms = terms;
    c.unit = unit;
  });
  return closestToCentroid(out, MAX_CENTRALITY_POOL, idf.length);
}

/**
 * Centrality of each sentence: its summed similarity to the other sentences, where a sentence of
 * another source counts double (what several outlets say is what matters), scaled to 0..1.
 */
function centrality(cands: readonly Candidate[]): number[] {
  // Summed over every other sentence j, sim(i, j) doubled for another source is
  // 2·Σ_j sim − Σ_{same source} sim − 1 (sim(i, i) = 1 for unit vectors), and Σ_j sim(i, j) is i's
  // dot product with the sum of all the unit vectors: linear in the terms, not quadratic in sentences.
  let termCount = 0;
  for (const c of cands) for (const t of c.terms) termCount = Math.max(termCount, t + 1);
  const all = new Float64Array(termCount);
  const bySource = new Map<string, Float64Array>();
  for (const c of cands) {
    let own = bySource.get(c.article.id);
    if (!own) bySource.set(c.article.id, (own = new Float64Array(termCount)));
    for (let k = 0; k < c.terms.length; k += 1) {
      const t = c.terms[k] as number;
      const u = c.unit[k] as number;
      all[t] = (all[t] as number) + u;
      own[t] = (own[t] as number) + u;
    }
  }
  const scores = cands.map((c) => Math.max(0, 2 * dotWith(c, all) - dotWith(c, bySource.get(c.article.id) ?? all) - 1));
  const max = Math.max(0, ...scores);
  return max > 0 ? scores.map((s) => s / max) : scores;
}

/** Key points by maximal marginal relevance: central, covering new people, events and sources, never repeating. */
function pickPoints(library: Library, cands: readonly Candidate[], maxPoints: number): BriefPoint[] {
  const central = centrality(cands);
  const chosen: number[] = [];
  const people = new Set<string>();
  const events = new Set<string>();
  const articles = new Set<string>();
  const passages = new Set<string>();
  const sourceCount = new Set(cands.map((c) => c.article.id)).size;
  let firstScore = 0;
  while (chosen.length < maxPoints) {
    let best = -1;
    let bestScore = -Infinity;
    cands.forEach((c, i) => {
      if (passages.has(c.passage.id)) return;
      let redundancy = 0;
      for (const k of chosen) {
        const other = cands[k];
        if (other) redundancy = Math.max(redundancy, cosine(c, other));
      }
      if (redundancy >= REDUNDANCY_THRESHOLD) return;
      const newPeople = [...c.people].filter((p) => !people.has(p)).length;
      const newEvents = [...c.events].filter((e) => !events.has(e)).length;
      const score = 0.6 * (central[i] ?? 0)
        + 0.1 * Math.min(newPeople, 2)
        + 0.1 * Math.min(newEvents, 1)
        + (articles.has(c.article.id) || articles.size >= sourceCount ? 0 : 0.25)
        + (c.topical ? 0.1 : 0)
        + 0.05 / c.passage.n
        - (c.dependent ? 0.3 : 0)
        - 0.5 * redundancy;
      if (score > bestScore) {
        bestScore = score;
        best = i;
      }
    });
    const c = cands[best];
    if (!c) break;
    if (chosen.length === 0) firstScore = bestScore;
    else if (chosen.length >= BRIEF_MIN_POINTS && bestScore < 0.4 * firstScore) break;
    chosen.push(best);
    passages.add(c.passage.id);
    articles.add(c.article.id);
    for (const p of c.people) people.add(p);
    for (const e of c.events) events.add(e);
  }
  return chosen.map((i) => {
    const c = cands[i] as Candidate;
    const citations: Citation[] = [citeSentence(library, c.passage, c.passage.start + c.start, c.passage.start + c.end)];
    // Other sources saying much the same thing back the point up (one citation per source).
    const backed = new Set([c.article.id]);
    const support = cands
      .map((o, j) => ({ o, j, sim: cosine(c, o) }))
      .filter(({ o, j, sim }) => j !== i && !backed.has(o.article.id) && sim >= 0.5)
      .sort((a, b) => b.sim - a.sim);
    for (const { o } of support) {
      if (backed.has(o.article.id)) continue;
      backed.add(o.article.id);
      citations.push(citeSentence(library, o.passage, o.passage.start + o.start, o.passage.start + o.end));
    }
    return { text: citations[0]?.excerpt ?? '', citations };
  });
}

function keyPeople(library: Library, articleIds: ReadonlySet<string>, scope: Scope): BriefPerson[] {
  const ranked: Array<BriefPerson & { withRoles: boolean }> = [];
  // Only people mentioned in those articles can be listed: found through the mention counts, taken in store order.
  const view = peopleView(library, scope);
  const counts = mentionCounts(library);
  const mentioned = new Set<PersonRecord>();
  for (const id of articleIds) for (const p of counts.get(id)?.keys() ?? []) mentioned.add(p);
  const records = mentioned.size * 4 < library.knowledge.people.length ? [...mentioned].sort((a, b) => (view.at.get(view.visible.get(a) as PersonRecord) ?? -1) - (view.at.get(view.visible.get(b) as PersonRecord) ?? -1)) : library.knowledge.people;
  for (const record of records) {
    const person = view.visible.get(record);
    if (!person) continue;
    const mentions = person.mentions.filter((m) => articleIds.has(m.articleId)).length;
    if (mentions === 0) continue;
    const roles: CitedRole[] = [];
    const seen = new Set<string>();
    for (const r of person.roles) {
      if (!articleIds.has(r.articleId) || r.passageId === null) continue;
      const key = foldName(r.text);
      const passage = library.passageById.get(r.passageId);
      if (seen.has(key) || !passage) continue;
      seen.add(key);
      roles.push({ text: r.text, citation: citeSentence(library, passage, r.start, r.end) });
    }
    ranked.push({ name: person.name, roles, mentions, withRoles: roles.length > 0 });
  }
  ranked.sort((a, b) => Number(b.withRoles) - Number(a.withRoles) || b.mentions - a.mentions || a.name.localeCompare(b.name));
  const withRoles = ranked.filter((p) => p.withRoles);
  // People with stated roles; when the sources state few roles, the most mentioned others too.
  const list = withRoles.length >= BRIEF_MIN_POINTS ? withRoles : [...withRoles, ...ranked.filter((p) => !p.withRoles && p.mentions >= 2).slice(0, BRIEF_MIN_POINTS - withRoles.length)];
  return list.slice(0, BRIEF_PEOPLE).map(({ withRoles: _w, ...p }) => p);
}

function keyQuotes(library: Library, articleIds: ReadonlySet<string>, topic: string | null, scope: Scope): QuoteItem[] {
  // Only quotations carried by those articles: the rest would lose every citation below.
  const { rows } = quoteRows(library, { topic: topic ?? undefined, limit: Number.MAX_SAFE_INTEGER }, scope, quotesInArticles(library, articleIds));
  const inArticles = (p: Passage): boolean => articleIds.has(p.articleId);
  const items = rows
    .map((row) => ({ row, text: row.text, speaker: row.speaker, count: row.cited.filter((x) => inArticles(x.passage)).length }))
    .filter((q) => q.count > 0);
  type Item = (typeof items)[number];
  const words = (q: Item): number => q.text.split(/\s+/).length;
  // Attributed, carried by several sources, long enough to say something (but not a whole speech).
  const rank = (q: Item): number => (q.speaker ? 4 : 0) + 2 * q.count + (words(q) >= 5 ? 2 : 0) + (words(q) <= 60 ? 1 : 0) + Math.min(words(q), 30) / 30;
  const ordered = [...items].sort((a, b) => rank(b) - rank(a));
  const out: Item[] = [];
  const speakers = new Set<string>();
  for (const pass of [true, false]) {
    for (const q of ordered) {
      if (out.length >= BRIEF_QUOTES) break;
      if (out.includes(q)) continue;
      const who = q.speaker ?? '';
      // First pass: one quotation per speaker.
      if (pass && speakers.has(who)) continue;
      speakers.add(who);
      out.push(q);
    }
  }
  return out.map(({ row }): QuoteItem => ({ text: row.text, speaker: row.speaker, date: row.date, citations: rowCitations(library, row, inArticles) }));
}

function latestEvents(library: Library, articleIds: ReadonlySet<string>, request: BriefRequest, topic: string | null, scope: Scope): TimelineEvent[] {
  const { views } = timelineViews(library, { topic: topic ?? undefined, limit: Number.MAX_SAFE_INTEGER }, scope);
  const since = parseSince(request.since);
  const inArticles = (p: Passage): boolean => articleIds.has(p.articleId);
  // The latest events with a source among those articles: from the end, citing only what is kept.
  const kept: TimelineEvent[] = [];
  for (let i = views.length - 1; i >= 0 && kept.length < BRIEF_EVENTS; i -= 1) {
    const v = views[i] as EventView;
    if (since !== null && !((dateRange(v.date)?.to ?? '') >= since.from)) continue;
    if (!v.visible.some((o) => {
      const passage = library.passageById.get(o.passageId ?? '');
      return passage !== undefined && inArticles(passage);
    })) continue;
    const citations = eventCitations(library, v, inArticles);
    kept.push({ date: v.date, precision: v.precision, summary: citations[0]?.excerpt ?? '', citations });
  }
  return kept.reverse();
}

/** Composes an extractive briefing over what `scope` sees; every point, role, quote and event is cited. */
export function brief(library: Library, request: BriefRequest = {}, scope: Scope = everything): BriefAnswer {
  const topic = request.topic?.replace(/[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/g, '').replace(/\s+/g, ' ').trim() || null;
  if (topic && topic.length > 200) throw new UserError('topic is too long: keep it under 200 characters.', 'topic');
  const topicTerms = topic ? [...new Set(textTerms(topic, 'query'))] : [];
  if (topic && topicTerms.length === 0) throw new UserError('That topic has only common words: try a more specific one.', 'topic');
  const maxPoints = request.maxPoints ?? BRIEF_MAX_POINTS;
  if (!Number.isInteger(maxPoints) || maxPoints < BRIEF_MIN_POINTS || maxPoints > BRIEF_MAX_POINTS) {
    throw new UserError(`points must be a whole number from ${BRIEF_MIN_POINTS} to ${BRIEF_MAX_POINTS}.`, 'points');
  }

  const { articles, eligible, passages } = selectSources(library, request, scope, topic);
  const articleIds = new Set(articles.map((a) => a.id));
  const points = pickPoints(library, candidates(library, articles, passages, scope, topicTerms), maxPoints);
  const dates = articles.map((a) => a.published).filter((d): d is string => d !== null).sort();
  const empty = articles.length === 0;
  return {
    kind: 'brief',
    title: topic ? `Briefing: ${topic}` : 'Briefing',
    topic,
    since: request.since?.trim() || null,
    from: dates[0] ?? null,
    to: dates.at(-1) ?? null,
    points,
    people: empty ? [] : keyPeople(library, articleIds, scope),
    quotes: empty ? [] : keyQuotes(library, articleIds, topic, scope),
    events: empty ? [] : latestEvents(library, articleIds, request, topic, scope),
    sources: listSources(library, (a) => articleIds.has(a.id)).articles,
    sourcesTotal: eligible,
  };
}
