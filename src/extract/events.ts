/**
 * Events, per article: body sentences that report something happening at a resolvable time, dated
 * at the precision the text gives, with their order among same-day events.
 *
 * Rules, in the order they apply to each sentence:
 * 1. Its own dated time expressions date it, one event per distinct date ("re-imposed since 2018
 *    when Trump ditched Iran's 2015 nuclear deal" → 2018 and 2015). A time that only dates a
 *    statement ("X said on Friday") gives way to the content's own times; alone, it dates the
 *    statement.
 * 2. Otherwise a relative anchor ("hours before the talks", "within hours of the talks ending",
 *    "following the talks") takes the date of the event it names: an earlier dated sentence that
 *    mentions an event noun of the same kind, or, for close-in-time anchors ("hours", "just",
 *    "shortly", "within hours of"), the article's main event — the first day-precision date of the
 *    body's first paragraph (the lead).
 * 3. Among events of one date, "before"/"ahead of" anchors and early parts of the day come first,
 *    "after"/"following" anchors and late parts of the day last, the rest in text order.
 */
import type { Article } from '../domain/types.ts';
import { splitSentences } from '../ingest/sentences.ts';
import type { Day } from './timex/calendar.ts';
import { addDays, mondayOf } from './timex/calendar.ts';
import { tenseMarkers } from './timex/tense.ts';
import type { EventExtract, PersonExtract, Precision, QuoteExtract, Span, TimeExtract } from './types.ts';

export interface EventContext {
  times: readonly TimeExtract[];
  quotes: readonly QuoteExtract[];
  people: readonly PersonExtract[];
}

/** A date at its precision, from a TIMEX3 value; null for values that are not calendar dates. */
export function dateOfValue(value: string): { date: string; precision: Precision } | null {
  let m = /^(\d{4}-\d{2}-\d{2})(?:T.*)?$/.exec(value);
  if (m?.[1]) return { date: m[1], precision: 'day' };
  m = /^(\d{4}-\d{2})$/.exec(value);
  if (m?.[1]) return { date: m[1], precision: 'month' };
  m = /^(\d{4})-(SP|SU|FA|WI)$/.exec(value);
  if (m) return { date: value, precision: 'season' };
  m = /^(\d{4})-Q([1-4])$/.exec(value);
  if (m) return { date: value, precision: 'quarter' };
  m = /^(\d{4})-W(\d{2})(?:-WE)?$/.exec(value);
  if (m) {
    // a week is shown at the month that holds most of it (its Thursday)
    const thursday = addDays(weekMonday(Number(m[1]), Number(m[2])), 3);
    return { date: `${thursday.y}-${String(thursday.m).padStart(2, '0')}`, precision: 'month' };
  }
  m = /^(\d{4})(?:-H[12])?$/.exec(value);
  if (m?.[1]) return { date: m[1], precision: 'year' };
  m = /^(\d{3})$/.exec(value);
  if (m?.[1]) return { date: `${m[1]}X`, precision: 'decade' };
  return null;
}

function weekMonday(year: number, week: number): Day {
  // ISO week 1 is the week that holds 4 January
  return addDays(mondayOf({ y: year, m: 1, d: 4 }), 7 * (week - 1));
}

/** Kinds of happenings an anchor can name; nouns of one kind refer to the same event. */
const EVENT_KINDS: Record<string, readonly string[]> = {
  meeting: ['talks', 'meeting', 'meetings', 'negotiations', 'discussions', 'dialogue', 'summit', 'session', 'round', 'conference', 'consultations', 'visit', 'trip'],
  vote: ['election', 'elections', 'vote', 'voting', 'poll', 'polls', 'ballot', 'referendum'],
  attack: ['attack', 'attacks', 'strike', 'strikes', 'bombing', 'blast', 'explosion', 'raid', 'shooting', 'assault', 'invasion', 'war', 'conflict', 'fighting', 'clashes'],
  court: ['trial', 'hearing', 'verdict', 'sentencing', 'ruling', 'judgment', 'judgement'],
  speech: ['speech', 'address', 'announcement', 'statement', 'remarks', 'briefing', 'interview', 'keynote', 'presentation'],
  launch: ['launch', 'release', 'unveiling', 'debut', 'opening', 'premiere', 'event', 'show'],
  ceremony: ['ceremony', 'funeral', 'inauguration', 'wedding', 'celebration', 'celebrations', 'parade'],
  match: ['match', 'game', 'final', 'race', 'tournament', 'fight'],
  disaster: ['earthquake', 'quake', 'storm', 'hurricane', 'flood', 'floods', 'fire', 'crash', 'accident', 'eruption'],
};
const KIND_OF = new Map<string, string>();
for (const [kind, nouns] of Object.entries(EVENT_KINDS)) for (const n of nouns) KIND_OF.set(n, kind);
const EVENT_NOUN_RE = new RegExp(`\\b(${[...KIND_OF.keys()].join('|')})\\b`, 'gi');

/**
 * "hours before the talks", "ahead of scheduled talks", "within hours of the talks ending",
 * "following the indirect talks", "just hours before the meeting began".
 */
const ANCHOR = new RegExp(
  String.raw`\b((?:(?:just|only|shortly|moments|minutes|hours|days|a\s+day|a\s+few\s+(?:hours|days|minutes)|the\s+day|the\s+night|immediately|soon|not\s+long)\s+)*)(before|after|ahead\s+of|following|prior\s+to|on\s+the\s+eve\s+of|in\s+the\s+wake\s+of|within\s+(?:hours|minutes|days|a\s+day)\s+of|during|in\s+remarks\s+following)\s+((?:(?:the|this|that|these|those|its|their|his|her|scheduled|planned|indirect|direct|first|second|latest|final|\p{L}+['’]s)\s+){0,4})(${[...KIND_OF.keys()].join('|')})\b(\s+(?:ending|ended|end|began|begin|beginning|started|start|opened|closed|concluded|wrapped\s+up))?`,
  'giu',
);

interface Anchor {
  kind: string;
  relation: 'before' | 'after' | 'during';
  /** Close in time ("hours before"): may fall back to the main event. */
  close: boolean;
  at: number;
}

function anchorsIn(text: string, span: Span): Anchor[] {
  const sentence = text.slice(span.start, span.end);
  const out: Anchor[] = [];
  ANCHOR.lastIndex = 0;
  for (let m = ANCHOR.exec(sentence); m; m = ANCHOR.exec(sentence)) {
    const quant = (m[1] ?? '').trim();
    const prep = (m[2] ?? '').toLowerCase().replace(/\s+/g, ' ');
    const noun = (m[4] ?? '').toLowerCase();
    const kind = KIND_OF.get(noun);
    if (!kind) continue;
    const ending = /end|clos|conclu|wrapp/i.test(m[5] ?? '');
    let relation: Anchor['relation'];
    if (prep.startsWith('within')) relation = 'after';
    else if (prep === 'before' || prep === 'ahead of' || prep === 'prior to' || prep === 'on the eve of') relation = 'before';
    else if (prep === 'during') relation = 'during';
    else relation = 'after';
    if (ending && relation === 'during') relation = 'after';
    const close = quant !== '' || prep.startsWith('within') || prep === 'on the eve of';
    out.push({ kind, relation, close, at: span.start + m.index });
  }
  return out;
}

const REPORTING = String.raw`(?:said|says|told\s+(?:[\p{L}’'-]+\s+){0,3}?|added|stated|noted|insisted|claimed|argued|explained|commented|remarked|reported|wrote|declared|confirmed|denied|acknowledged|warned|stressed|urged)`;
const STATEMENT_BEFORE = new RegExp(String.raw`\b${REPORTING}\s+(?:(?:early|late|earlier|later)\s+)?(?:on\s+|in\s+a\s+statement\s+on\s+|at\s+)?$`, 'iu');
const STATEMENT_AFTER = /^,?\s+(?:[\p{L}’'.-]+\s+){0,5}?(?:said|says|told|stated|added|declared)\b/u;

/** A time that only dates the act of saying ("the Kremlin said on Friday …"). */
function isStatementTime(text: string, sentence: Span, time: TimeExtract): boolean {
  const before = text.slice(Math.max(sentence.start, time.start - 60), time.start);
  if (STATEMENT_BEFORE.test(before)) return true;
  const after = text.slice(time.end, Math.min(sentence.end, time.end + 60));
  const lead = text.slice(sentence.start, time.start).trim();
  return /^(?:on|early\s+on|late\s+on|)$/i.test(lead) && STATEMENT_AFTER.test(after);
}

function partOfDayRank(text: string, sentence: Span, time: TimeExtract): number {
  const before = text.slice(Math.max(sentence.start, time.start - 20), time.start);
  if (/\bearly\s+(?:on\s+)?$/i.test(before) || /T(?:MO|0[0-9]|1[01])/.test(time.value)) return 0;
  if (/\blate\s+(?:on\s+)?$/i.test(before) || /T(?:EV|NI|1[89]|2[0-3])/.test(time.value)) return 2;
  return 1;
}

/**
 * The kind of the event noun nearest to a time expression in its sentence: the happening that time
 * dates ("the talks … held in Muscat on Friday", "the June 2025 conflict"). Nouns inside an anchor
 * phrase ("ahead of scheduled talks") name another event and do not count.
 */
function nearestEventKind(text: string, span: Span, time: TimeExtract, anchors: readonly Anchor[]): string | null {
  const sentence = text.slice(span.start, span.end);
  let best: string | null = null;
  let bestDistance = Infinity;
  EVENT_NOUN_RE.lastIndex = 0;
  for (let m = EVENT_NOUN_RE.exec(sentence); m; m = EVENT_NOUN_RE.exec(sentence)) {
    const at = span.start + m.index;
    const kind = KIND_OF.get(m[0].toLowerCase());
    if (!kind || anchors.some((a) => a.kind === kind && a.at <= at && at - a.at < 80)) continue;
    const distance = at < time.start ? time.start - (at + m[0].length) : at - time.end;
    if (distance < bestDistance) {
      best = kind;
      bestDistance = distance;
    }
  }
  return best;
}

interface Draft {
  date: string;
  precision: Precision;
  span: Span;
  rank: number;
  basis: NonNullable<EventExtract['basis']>;
}

const REPORTED = /\b(?:said|told|announced|stated|added|noted|confirmed|declared|reported|explained|insisted|claimed|argued|called|described)\b/i;

const PRESENT_REPORT = /\b(?:says|claims|reports|insists|argues|announces|confirms|denies|warns)\b/;

/**
 * Whether a sentence with no time of its own reports something that happened (simple past or
 * present perfect), rather than a plan, a past perfect backstory ("had pushed"), or a standing fact
 * in the present tense. Such sentences take the article's main event date (basis `context`).
 */
export function reportsHappening(sentence: string): boolean {
  const markers = tenseMarkers(sentence);
  const past = markers.filter((m) => m.tense === 'past');
  // news reports in the present: "Boeing says …", "the company claims …"
  if (PRESENT_REPORT.test(sentence)) return true;
  if (past.length === 0) return false;
  const future = markers.some((m) => m.tense === 'future');
  if (future && !REPORTED.test(sentence)) return false;
  // past perfect only: "Tehran had pushed for Muscat" happened before the main event
  const simple = past.filter((m) => !/^had\b/i.test(sentence.slice(m.at)) && !/\bhad\s+(?:\p{L}+\s+)?$/iu.test(sentence.slice(Math.max(0, m.at - 20), m.at)));
  return simple.length > 0;
}

/** Sentence spans of the body, headings left out. */
function bodySentences(article: Article): { span: Span; paragraph: number }[] {
  const out: { span: Span; paragraph: number }[] = [];
  const re = /[^\n]+(?:\n(?![ \t]*\n)[^\n]*)*/g;
  re.lastIndex = article.bodyStart;
  let paragraph = 0;
  for (let m = re.exec(article.text); m; m = re.exec(article.text)) {
    if (m[0].trim() === '' || /^\s*#{1,6}\s/.test(m[0])) continue;
    for (const span of splitSentences(article.text, m.index, m.index + m[0].length)) out.push({ span, paragraph });
    paragraph += 1;
  }
  return out;
}

/** Sentences that report something happening at a resolvable time, dated at their precision. */
export function extractEvents(article: Article, context: EventContext): EventExtract[] {
  const { text } = article;
  const times = [...context.times].sort((a, b) => a.start - b.start);
  const sentences = bodySentences(article);
  const drafts: Draft[] = [];
  const registry = new Map<string, { date: string; precision: Precision }>();
  let main: { date: string; precision: Precision } | null = null;
  /** Sentences with no time and no anchor: dated by context once the main event is known. */
  const pending: Span[] = [];

  for (const { span, paragraph } of sentences) {
    const own = times.filter((t) => t.start >= span.start && t.end <= span.end && (t.type === 'DATE' || t.type === 'TIME'));
    const dated = own.map((t) => ({ t, d: dateOfValue(t.value) })).filter((x) => x.d !== null) as { t: TimeExtract; d: { date: string; precision: Precision } }[];
    const content = dated.filter((x) => !isStatementTime(text, span, x.t));
    const chosen = content.length > 0 ? content : dated;
    const anchors = anchorsIn(text, span);
    const anchorRank = anchors.some((a) => a.relation === 'before') ? 0 : anchors.some((a) => a.relation === 'after') ? 2 : 1;

    if (chosen.length > 0) {
      const seen = new Set<string>();
      for (const { t, d } of chosen) {
        if (seen.has(d.date)) continue;
        seen.add(d.date);
        const rank = anchorRank !== 1 ? anchorRank : partOfDayRank(text, span, t);
        drafts.push({ date: d.date, precision: d.precision, span, rank, basis: 'time' });
      }
      const first = chosen[0]?.d;
      if (first && main === null && paragraph === 0 && first.precision === 'day') main = first;
      for (const { t, d } of chosen) {
        if (d.precision !== 'day' && d.precision !== 'month') continue;
        const kind = nearestEventKind(text, span, t, anchors);
        if (kind && !registry.has(kind)) registry.set(kind, d);
      }
      continue;
    }
    let anchored = false;
    for (const anchor of anchors) {
      const target = registry.get(anchor.kind) ?? (anchor.close ? main : null);
      if (!target) continue;
      drafts.push({ date: target.date, precision: target.precision, span, rank: anchor.relation === 'before' ? 0 : anchor.relation === 'after' ? 2 : 1, basis: 'anchor' });
      anchored = true;
      break;
    }
    if (!anchored) pending.push(span);
  }

  // The main event: the lead's first day-precision date, else the publication day.
  main ??= article.published ? { date: article.published, precision: 'day' } : null;
  if (main) {
    for (const span of pending) {
      if (reportsHappening(text.slice(span.start, span.end))) {
        drafts.push({ date: main.date, precision: main.precision, span, rank: 1, basis: 'context' });
      }
    }
  }

  const byDate = new Map<string, Draft[]>();
  for (const d of drafts) {
    const list = byDate.get(d.date) ?? [];
    list.push(d);
    byDate.set(d.date, list);
  }
  const events: EventExtract[] = [];
  for (const list of byDate.values()) {
    list.sort((a, b) => a.rank - b.rank || a.span.start - b.span.start);
    list.forEach((d, order) => {
      events.push({ date: d.date, precision: d.precision, start: d.span.start, end: d.span.end, text: text.slice(d.span.start, d.span.end), order, basis: d.basis });
    });
  }
  return events.sort((a, b) => a.start - b.start || a.date.localeCompare(b.date));
}

