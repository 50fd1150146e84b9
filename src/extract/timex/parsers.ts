/**
 * Small TIMEX3 parsers, one job each, run per sentence. Each returns candidates with file offsets;
 * the refiners (refiners.ts) then merge overlaps and resolve anaphoric dates. chrono-node handles
 * full calendar dates and clock times (chrono.ts); these cover what it misses or resolves one way
 * only: years, decades, centuries, months, seasons, quarters, weekdays by tense, relative units,
 * "now"-like references, durations and sets.
 */
import type { TimexType } from '../types.ts';
import type { Day, Season } from './calendar.ts';
import { addDays, dayToIso, pad, weekValue } from './calendar.ts';
import type { Direction, } from './resolve.ts';
import {
  resolveMonthDay, resolveMonthYear, resolveQuarter, resolveSeasonYear, resolveWeekday, shiftMonths,
} from './resolve.ts';
import type { Tense } from './tense.ts';

/** One sentence to parse, with what resolution needs. */
export interface ParseContext {
  /** The whole file text; offsets are indexes into it. */
  text: string;
  /** The sentence span. */
  start: number;
  end: number;
  /** The reference day, or null when the article gives none (relative values stay X-filled). */
  ref: Day | null;
  /** The tense governing an absolute offset. */
  tenseAt(offset: number): Tense;
}

/** A time expression a parser proposes. */
export interface Candidate {
  start: number;
  end: number;
  type: TimexType;
  value: string;
  /** The parser that found it (for debugging and priorities). */
  parser: string;
  /** Higher wins among overlapping candidates of the same length. */
  priority: number;
  /** Set for anaphoric dates ("the next day"): resolved against the last day-precision date. */
  anaphor?: { unit: 'day' | 'week' | 'month' | 'year'; offset: number; part?: string };
}

export type Parser = (ctx: ParseContext) => Candidate[];

export const MONTH_NAMES: Record<string, number> = {
  january: 1, february: 2, march: 3, april: 4, may: 5, june: 6, july: 7, august: 8, september: 9,
  october: 10, november: 11, december: 12, jan: 1, feb: 2, mar: 3, apr: 4, jun: 6, jul: 7, aug: 8,
  sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};
const MONTH_RE = String.raw`(?:January|February|March|April|May|June|July|August|September|October|November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)`;
export const WEEKDAYS: Record<string, number> = {
  sunday: 0, monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6,
};
const WEEKDAY_RE = '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)';
const PART_OF_DAY: Record<string, string> = {
  morning: 'MO', afternoon: 'AF', evening: 'EV', night: 'NI', tonight: 'NI', overnight: 'NI',
};

const NUMBER_WORDS: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
  eighteen: 18, nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70,
  eighty: 80, ninety: 90, hundred: 100, half: 0.5, 'a half': 0.5, dozen: 12, 'a dozen': 12,
  'a couple of': 2, 'a couple': 2, 'couple of': 2,
};
/** Quantities that stay unspecified (`X`). */
const VAGUE_QUANTITIES = /^(?:a\s+few|few|several|some|many|a\s+number\s+of|dozens\s+of|hundreds\s+of|thousands\s+of|numerous|countless|the\s+past\s+few|recent)$/i;
const QTY_RE = String.raw`(?:\d+(?:\.\d+)?|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|a\s+hundred|a\s+dozen|a\s+couple\s+of|a\s+couple|couple\s+of|a\s+few|a\s+number\s+of|few|several|many|dozens\s+of|hundreds\s+of|thousands\s+of|a|an)`;
const UNIT_RE = '(?:seconds?|minutes?|hours?|days?|nights?|weeks?|fortnights?|months?|years?|decades?|centur(?:y|ies))';

/** TIMEX3 unit letters per unit word stem. */
const UNITS: Record<string, { code: string; time: boolean }> = {
  second: { code: 'S', time: true }, minute: { code: 'M', time: true }, hour: { code: 'H', time: true },
  day: { code: 'D', time: false }, night: { code: 'D', time: false }, week: { code: 'W', time: false },
  fortnight: { code: 'W', time: false }, month: { code: 'M', time: false }, year: { code: 'Y', time: false },
  decade: { code: 'DE', time: false }, century: { code: 'CE', time: false },
};

function unitOf(word: string): { code: string; time: boolean; stem: string } {
  const w = word.toLowerCase();
  const stem = w === 'centuries' ? 'century' : w.replace(/s$/, '');
  const unit = UNITS[stem] ?? { code: 'D', time: false };
  return { ...unit, stem };
}

/** The numeric value of a quantity phrase, or null when it is vague ("several"). */
export function quantity(phrase: string): number | null {
  const p = phrase.trim().toLowerCase().replace(/\s+/g, ' ');
  if (/^\d+(?:\.\d+)?$/.test(p)) return Number(p);
  if (VAGUE_QUANTITIES.test(p)) return null;
  if (p in NUMBER_WORDS) return NUMBER_WORDS[p] ?? null;
  const compound = /^(\w+)[ -](\w+)$/.exec(p);
  if (compound) {
    const tens = NUMBER_WORDS[compound[1] ?? ''];
    const ones = NUMBER_WORDS[compound[2] ?? ''];
    if (tens !== undefined && ones !== undefined) return tens === 1 && compound[2] === 'hundred' ? 100 : tens + ones;
  }
  return null;
}

function durationValue(qty: number | null, unitWord: string): string {
  const { code, time, stem } = unitOf(unitWord);
  const n = qty === null ? 'X' : stem === 'fortnight' ? String(qty * 2) : String(qty);
  return time ? `PT${n}${code}` : `P${n}${code}`;
}

/** Runs a global regex over the sentence, yielding absolute offsets. */
function* matches(ctx: ParseContext, re: RegExp): Generator<{ m: RegExpExecArray; start: number; end: number }> {
  const sentence = ctx.text.slice(ctx.start, ctx.end);
  re.lastIndex = 0;
  for (let m = re.exec(sentence); m; m = re.exec(sentence)) {
    if (m[0] === '') {
      re.lastIndex += 1;
      continue;
    }
    yield { m, start: ctx.start + m.index, end: ctx.start + m.index + m[0].length };
  }
}

/** The word just before an absolute offset (lower case), skipping spaces; '' at sentence start. */
function wordBefore(ctx: ParseContext, at: number): string {
  const before = ctx.text.slice(Math.max(ctx.start, at - 40), at);
  const m = /([\p{L}\p{N}.'’$£€#-]+)[\s\u00a0]*$/u.exec(before);
  return m?.[1] ?? '';
}

function wordAfter(ctx: ParseContext, at: number): string {
  const after = ctx.text.slice(at, Math.min(ctx.end, at + 40));
  const m = /^[\s\u00a0]*([\p{L}\p{N}'’-]+)/u.exec(after);
  return m?.[1] ?? '';
}

function direction(modifier: string | undefined, ctx: ParseContext, at: number): Direction {
  const m = modifier?.toLowerCase();
  if (m === 'last' || m === 'past' || m === 'previous') return 'last';
  if (m === 'next' || m === 'coming') return 'next';
  if (m === 'this' || m === 'current') return 'this';
  // "since December", "since Monday": always behind the reference
  if (wordBefore(ctx, at).toLowerCase() === 'since') return 'past';
  return ctx.tenseAt(at);
}

const C = (start: number, end: number, type: TimexType, value: string, parser: string, priority = 1): Candidate => ({ start, end, type, value, parser, priority });

// ---------------------------------------------------------------------------------------------
// Years, decades, centuries

/** Words before a four-digit number that make it a year. */
const YEAR_CUES = new Set([
  'in', 'since', 'by', 'until', 'till', 'before', 'after', 'during', 'from', 'to', 'through', 'throughout',
  'of', 'between', 'and', 'or', 'circa', 'c.', 'early', 'late', 'mid', 'mid-', 'end', 'around', 'the', 'for',
  'spring', 'summer', 'autumn', 'fall', 'winter', 'year', 'fiscal', 'as', 'at', 'on', 'than', 'about',
  'ca.', 'midway', 'into',
]);
/** Words before a number that make it something else than a year. */
const NOT_YEAR_BEFORE = new Set([
  'page', 'pages', 'p.', 'pp.', 'no.', 'nos.', 'number', 'route', 'flight', 'room', 'chapter', 'section',
  'article', 'rule', 'resolution', 'model', 'version', 'bus', 'platform', 'highway', 'interstate', 'nearly',
  'almost', 'least', 'approximately', 'roughly', 'some', 'total', 'over', 'under', 'only', 'just',
  'extra', 'additional', 'another', 'killed', 'paid', 'costs', 'cost', 'code', 'exit', 'suite', 'apartment',
  'unit', 'flat', 'bill', 'act', 'law', 'item', 'box', 'pin', 'zip', 'tel', 'phone', 'vol.', 'volume', 'issue',
]);
/** Plural nouns that follow a year as its modifier ("the 2015 elections"). */
const YEAR_NOUNS = new Set([
  'elections', 'olympics', 'games', 'championships', 'talks', 'accords', 'protests', 'riots', 'attacks',
  'floods', 'polls', 'finals', 'playoffs', 'awards', 'hearings', 'negotiations', 'sanctions', 'agreements',
  'celebrations', 'events', 'results', 'figures', 'earnings', 'levels', 'rules', 'reforms', 'laws',
]);

const YEAR = /(?<![\p{L}\p{N}$£€#@/:.,\u00a3-])((?:early|late|mid)[\s-]+)?(1[0-9]{3}|20[0-9]{2})(?![\p{L}\p{N}%]|[.,:/]\d|[-–]\d{2}\b(?!\d)|\s*(?:%|per\s?cent|percent))/gu;

function looksLikeYear(ctx: ParseContext, start: number, end: number, year: number, hasMod: boolean): boolean {
  const prev = wordBefore(ctx, start);
  const lower = prev.toLowerCase();
  if (NOT_YEAR_BEFORE.has(lower)) return false;
  if (/^[\d.,]+$/.test(prev) || /[$£€#]/.test(prev)) return false;
  const next = wordAfter(ctx, end);
  const nextChar = ctx.text.slice(end, end + 1);
  if (/^[\p{Ll}][\p{Ll}-]*s$/u.test(next) && !/ss$/.test(next) && !YEAR_NOUNS.has(next) && !hasMod && /\s/.test(nextChar)) {
    // "2000 troops", "1500 people"
    return false;
  }
  if (/^(?:people|men|women|children|troops|soldiers|police|staff|persons|tonnes|tons|barrels|feet|metres|meters|miles|km|kilometres|acres|hectares|votes|units)$/i.test(next)) return false;
  if (lower === 'than' || lower === 'about' || lower === 'around') {
    // "more than 2000" is a count; "around 2010" is a year when a count noun does not follow
    if (lower === 'than') return false;
  }
  // A capitalised word right before, not a cue, not a month: a name or model ("Windows 2000").
  if (/^\p{Lu}/u.test(prev) && !YEAR_CUES.has(lower) && !(lower in MONTH_NAMES) && !/^\p{Lu}\p{Ll}*['’]s$/u.test(prev)) {
    const atSentenceStart = ctx.text.slice(ctx.start, start).trim() === prev;
    if (!atSentenceStart) return false;
  }
  if (year < 1900 && !YEAR_CUES.has(lower) && !hasMod) return false;
  return true;
}

export const parseYears: Parser = (ctx) => {
  const out: Candidate[] = [];
  for (const { m, start, end } of matches(ctx, YEAR)) {
    const year = Number(m[2]);
    const yearStart = start + (m[1]?.length ?? 0);
    if (!looksLikeYear(ctx, yearStart, end, year, m[1] !== undefined)) continue;
    out.push(C(start, end, 'DATE', String(year), 'year'));
  }
  return out;
};

const DECADE = /\b(?:(early|late|mid)[\s-]+)?(?:(1[0-9]|20)([0-9])0|['’]([0-9])0)['’]?s\b/g;

export const parseDecades: Parser = (ctx) => {
  const out: Candidate[] = [];
  for (const { m, start, end } of matches(ctx, DECADE)) {
    let value: string;
    if (m[2] !== undefined) value = `${m[2]}${m[3]}`;
    else {
      const d = Number(m[4]);
      const refYear = ctx.ref?.y ?? 2000;
      const century = d * 10 > refYear % 100 ? Math.floor(refYear / 100) - 1 : Math.floor(refYear / 100);
      value = `${century}${d}`;
    }
    out.push(C(start, end, 'DATE', value, 'decade'));
  }
  return out;
};

const CENTURY = /\b(?:(early|late|mid)[\s-]+)?(\d{1,2})(?:st|nd|rd|th)[\s-]century\b/gi;

export const parseCenturies: Parser = (ctx) => {
  const out: Candidate[] = [];
  for (const { m, start, end } of matches(ctx, CENTURY)) out.push(C(start, end, 'DATE', pad(Number(m[2]) - 1), 'century'));
  return out;
};

// ---------------------------------------------------------------------------------------------
// Months (with a year or alone), seasons, quarters, halves

const MONTH_YEAR = new RegExp(String.raw`\b(?:(early|late|mid)[\s-]+)?(${MONTH_RE})(?:,?\s+(?:of\s+)?)(\d{4})\b(?![.,]\d)`, 'g');
const MONTH_ALONE = new RegExp(String.raw`\b(?:(last|next|this|coming|past|early|late|mid)[\s-]+)?(${MONTH_RE})(?![\p{L}\p{N}]|\s+\d)`, 'gu');
const MONTH_CUES = new Set([
  'in', 'since', 'until', 'till', 'by', 'during', 'from', 'to', 'through', 'throughout', 'of', 'before',
  'after', 'between', 'and', 'or', 'early', 'late', 'mid', 'last', 'next', 'this', 'coming', 'past', 'end',
  'beginning', 'start', 'middle', 'for', 'as', 'on', 'into',
]);

function monthNumber(name: string): number {
  return MONTH_NAMES[name.toLowerCase().replace(/\.$/, '')] ?? 0;
}

export const parseMonths: Parser = (ctx) => {
  const out: Candidate[] = [];
  for (const { m, start, end } of matches(ctx, MONTH_YEAR)) {
    out.push(C(start, end, 'DATE', `${m[3]}-${pad(monthNumber(m[2] ?? ''))}`, 'month-year', 2));
  }
  for (const { m, start, end } of matches(ctx, MONTH_ALONE)) {
    const name = m[2] ?? '';
    const month = monthNumber(name);
    const modifier = m[1]?.toLowerCase();
    const nameStart = end - name.length;
    const prev = modifier ?? wordBefore(ctx, nameStart).toLowerCase();
    const next = wordAfter(ctx, end);
    if (!MONTH_CUES.has(prev)) continue;
    if (/^\p{Lu}/u.test(next) && !/^[.,;:]/.test(ctx.text.slice(end, end + 1))) continue; // "May Day", a name
    if (/^(?:mar|march|may)$/i.test(name) && !modifier && !['in', 'since', 'until', 'till', 'by', 'during', 'of', 'from', 'early', 'late', 'mid', 'last', 'next', 'this', 'before', 'after'].includes(prev)) continue;
    if (name.toLowerCase() === 'may' && /^(?:be|have|not|also|well|the|a|an|to)$/i.test(next)) continue;
    if (ctx.ref === null) {
      out.push(C(start, end, 'DATE', `XXXX-${pad(month)}`, 'month'));
      continue;
    }
    const y = resolveMonthYear(ctx.ref, month, direction(['early', 'late', 'mid'].includes(modifier ?? '') ? undefined : modifier, ctx, start));
    out.push(C(start, end, 'DATE', `${y}-${pad(month)}`, 'month'));
  }
  return out;
};

const SEASONS: Record<string, Season> = { spring: 'SP', summer: 'SU', autumn: 'FA', fall: 'FA', winter: 'WI' };
const SEASON = /\b(?:(last|this|next|past|coming|early|late|mid)[\s-]+)?(?:(?:this\s+)?(past)\s+)?(spring|summer|autumn|fall|winter)(?:['’]s)?(?:\s+(?:of\s+)?(\d{4})\b)?/gi;

export const parseSeasons: Parser = (ctx) => {
  const out: Candidate[] = [];
  for (const { m, start, end } of matches(ctx, SEASON)) {
    const word = (m[3] ?? '').toLowerCase();
    const season = SEASONS[word];
    if (!season) continue;
    let modifier = m[1]?.toLowerCase();
    if (m[2]) modifier = 'last';
    const prev = wordBefore(ctx, start).toLowerCase();
    const year = m[4];
    const hasCue = modifier !== undefined || year !== undefined ||
      ['in', 'during', 'by', 'until', 'since', 'over', 'through', 'throughout', 'this', 'the', 'that', 'next', 'last'].includes(prev);
    if (!hasCue) continue;
    if (word === 'fall' || word === 'spring') {
      // verbs and nouns: "prices fall", "the fall of Rome", "hot spring"
      if (!modifier && !year && !['in', 'during', 'by', 'until', 'since', 'over', 'through', 'this'].includes(prev)) continue;
      if (/^\s+of\s+(?!\d)/.test(ctx.text.slice(end, end + 8))) continue;
    }
    let y: number | null = year !== undefined ? Number(year) : null;
    if (y === null && ctx.ref) {
      const dir = modifier === 'early' || modifier === 'late' || modifier === 'mid' ? undefined : modifier;
      y = resolveSeasonYear(ctx.ref, season, direction(dir, ctx, start));
    }
    out.push(C(start, end, 'DATE', `${y === null ? 'XXXX' : pad(y, 4)}-${season}`, 'season'));
  }
  return out;
};

const ORDINALS: Record<string, number> = { first: 1, '1st': 1, second: 2, '2nd': 2, third: 3, '3rd': 3, fourth: 4, '4th': 4, final: 4 };
const QUARTER = /\b(?:the\s+)?(first|second|third|fourth|1st|2nd|3rd|4th|final|last|this|next|current)[\s-]quarter(?:\s+of\s+(\d{4})|\s+(\d{4}))?\b|\bQ([1-4])(?:\s+(\d{4}))?\b/gi;

export const parseQuarters: Parser = (ctx) => {
  const out: Candidate[] = [];
  for (const { m, start, end } of matches(ctx, QUARTER)) {
    const word = (m[1] ?? '').toLowerCase();
    const year = m[2] ?? m[3] ?? m[5];
    let q: number | null = m[4] ? Number(m[4]) : (ORDINALS[word] ?? null);
    if (word === 'last' && year) q = 4;
    if (year) {
      if (q === null) continue;
      out.push(C(start, end, 'DATE', `${year}-Q${q}`, 'quarter', 2));
      continue;
    }
    if (!ctx.ref) {
      out.push(C(start, end, 'DATE', q === null ? 'XXXX-QX' : `XXXX-Q${q}`, 'quarter'));
      continue;
    }
    const dir = q === null ? direction(word, ctx, start) : ctx.tenseAt(start);
    const r = resolveQuarter(ctx.ref, q, dir);
    out.push(C(start, end, 'DATE', `${r.y}-Q${r.q}`, 'quarter'));
  }
  return out;
};

const HALF = /\b(?:the\s+)?(first|second)\s+half\s+of\s+(?:the\s+year\s+|(\d{4}))/gi;

export const parseHalves: Parser = (ctx) => {
  const out: Candidate[] = [];
  for (const { m, start, end } of matches(ctx, HALF)) {
    const h = (m[1] ?? '').toLowerCase() === 'first' ? 1 : 2;
    const y = m[2] ?? (ctx.ref ? String(ctx.ref.y) : 'XXXX');
    out.push(C(start, end, 'DATE', `${y}-H${h}`, 'half', 2));
  }
  return out;
};

// ---------------------------------------------------------------------------------------------
// Days: today/yesterday/tomorrow, weekdays by tense, parts of days, holidays

function dayValue(day: Day | null, part?: string): string {
  const base = day ? dayToIso(day) : 'XXXX-XX-XX';
  return part ? `${base}T${part}` : base;
}

const DAY_WORD = /\b(?:the\s+day\s+(before|after)\s+)?(today|yesterday|tomorrow|tonight)(?:['’]s)?(?:\s+(morning|afternoon|evening|night))?\b|\b(this|last)\s+(morning|afternoon|evening|night)\b/gi;

export const parseDayWords: Parser = (ctx) => {
  const out: Candidate[] = [];
  for (const { m, start, end } of matches(ctx, DAY_WORD)) {
    if (m[2]) {
      const word = m[2].toLowerCase();
      let offset = word === 'yesterday' ? -1 : word === 'tomorrow' ? 1 : 0;
      if (m[1]) offset += m[1].toLowerCase() === 'before' ? -1 : 1;
      const part = m[3] ? PART_OF_DAY[m[3].toLowerCase()] : word === 'tonight' ? 'NI' : undefined;
      const day = ctx.ref ? addDays(ctx.ref, offset) : null;
      out.push(C(start, end, part ? 'TIME' : 'DATE', dayValue(day, part), 'day-word', 2));
    } else {
      const mod = (m[4] ?? '').toLowerCase();
      const part = PART_OF_DAY[(m[5] ?? '').toLowerCase()] ?? 'MO';
      const day = ctx.ref ? addDays(ctx.ref, mod === 'last' ? -1 : 0) : null;
      out.push(C(start, end, 'TIME', dayValue(day, part), 'day-part', 2));
    }
  }
  return out;
};

const WEEKDAY = new RegExp(String.raw`\b(?:(last|next|this|coming|past|previous)\s+)?(${WEEKDAY_RE})(s)?\b(?:['’]s)?(?:\s+(morning|afternoon|evening|night))?`, 'g');
/** Words before a weekday that show it is part of a name ("Bloody Sunday", "Super Tuesday"). */
const WEEKDAY_OK_BEFORE = /^(?:on|by|until|till|since|before|after|from|to|and|or|late|early|last|next|this|coming|past|previous|every|each|of|through|between|for|as|at|but|then|that|until|the|mid|midday|into|during|,)$/i;

export const parseWeekdays: Parser = (ctx) => {
  const out: Candidate[] = [];
  for (const { m, start, end } of matches(ctx, WEEKDAY)) {
    const dayName = m[2] ?? '';
    const dow = WEEKDAYS[dayName.toLowerCase()] ?? 0;
    const modifier = m[1]?.toLowerCase();
    const next = wordAfter(ctx, start + (m[1] ? m[1].length + 1 : 0) + dayName.length + (m[3]?.length ?? 0));
    const nameEnd = start + m[0].indexOf(dayName) + dayName.length;
    if (/^\p{Lu}/u.test(next) && !(next.toLowerCase().replace(/\.$/, '') in MONTH_NAMES) && !/^[,.;:]/.test(ctx.text.slice(nameEnd, nameEnd + 1))) continue;
    if (!modifier) {
      const prev = wordBefore(ctx, start);
      const atStart = ctx.text.slice(ctx.start, start).trim() === '';
      if (!atStart && /^\p{Lu}/u.test(prev) && !WEEKDAY_OK_BEFORE.test(prev)) continue;
    }
    if (m[3]) {
      out.push(C(start, end, 'SET', `XXXX-WXX-${dow === 0 ? 7 : dow}`, 'weekday-set'));
      continue;
    }
    const part = m[4] ? PART_OF_DAY[m[4].toLowerCase()] : undefined;
    const day = ctx.ref ? resolveWeekday(ctx.ref, dow, direction(modifier, ctx, start)) : null;
    const value = day ? dayValue(day, part) : `XXXX-WXX-${dow === 0 ? 7 : dow}${part ? `T${part}` : ''}`;
    out.push(C(start, end, part ? 'TIME' : 'DATE', value, 'weekday'));
  }
  return out;
};

const HOLIDAY = /\b(Christmas(?:\s+(?:Eve|Day))?|New\s+Year['’]s(?:\s+(?:Eve|Day))?|Valentine['’]s\s+Day|Halloween|Boxing\s+Day)(?:\s+(\d{4}))?\b/g;
const HOLIDAY_DATES: Record<string, [number, number]> = {
  christmas: [12, 25], 'christmas day': [12, 25], 'christmas eve': [12, 24], "new year's": [1, 1],
  "new year's day": [1, 1], "new year's eve": [12, 31], "valentine's day": [2, 14], halloween: [10, 31],
  'boxing day': [12, 26],
};

export const parseHolidays: Parser = (ctx) => {
  const out: Candidate[] = [];
  for (const { m, start, end } of matches(ctx, HOLIDAY)) {
    const key = (m[1] ?? '').toLowerCase().replace(/\s+/g, ' ').replace('’', "'");
    const md = HOLIDAY_DATES[key];
    if (!md) continue;
    const next = wordAfter(ctx, end);
    if (/^(?:tree|trees|card|cards|shopping|party|parties|sales|lights|decorations|message|speech|present|presents|holidays?|season|market|dinner|resolutions?)$/i.test(next)) continue;
    let value: string;
    if (m[2]) value = `${m[2]}-${pad(md[0])}-${pad(md[1])}`;
    else if (ctx.ref) {
      const day = resolveMonthDay(ctx.ref, md[0], md[1], ctx.tenseAt(start));
      value = day ? dayToIso(day) : `XXXX-${pad(md[0])}-${pad(md[1])}`;
    } else value = `XXXX-${pad(md[0])}-${pad(md[1])}`;
    out.push(C(start, end, 'DATE', value, 'holiday'));
  }
  return out;
};

// ---------------------------------------------------------------------------------------------
// Relative units: "last week", "this year", "earlier this month", "next weekend"

const RELATIVE = /\b(?:(earlier|later)\s+)?(last|next|this|coming|past|previous|current)\s+(week|weekend|month|year|decade|century)\b/gi;

export const parseRelativeUnits: Parser = (ctx) => {
  const out: Candidate[] = [];
  for (const { m, start, end } of matches(ctx, RELATIVE)) {
    const modStart = start + (m[1] ? m[0].indexOf(m[2] ?? '') : 0);
    const prev = wordBefore(ctx, modStart).toLowerCase();
    const mod = (m[2] ?? '').toLowerCase();
    // "the past week", "the last year" are durations; "the next day" is anaphoric (elsewhere)
    if ((prev === 'the' || prev === 'this' || prev === 'that') && !m[1]) continue;
    if (prev === 'a' || prev === 'per' || prev === 'every' || prev === 'each') continue;
    const unit = (m[3] ?? '').toLowerCase();
    const shift = mod === 'last' || mod === 'past' || mod === 'previous' ? -1 : mod === 'next' || mod === 'coming' ? 1 : 0;
    const ref = ctx.ref;
    let value: string;
    switch (unit) {
      case 'week':
      case 'weekend':
        value = ref ? weekValue(addDays(ref, 7 * shift)) : 'XXXX-WXX';
        if (unit === 'weekend') value += '-WE';
        break;
      case 'month': {
        const d = ref ? shiftMonths(ref, shift) : null;
        value = d ? `${pad(d.y, 4)}-${pad(d.m)}` : 'XXXX-XX';
        break;
      }
      case 'year':
        value = ref ? String(ref.y + shift) : 'XXXX';
        break;
      case 'decade':
        value = ref ? String(Math.floor(ref.y / 10) + shift) : 'XXX';
        break;
      default:
        value = ref ? pad(Math.floor(ref.y / 100) + shift) : 'XX';
    }
    out.push(C(start, end, 'DATE', value, 'relative-unit', 2));
  }
  return out;
};

// ---------------------------------------------------------------------------------------------
// Anaphoric days: "the next day", "the following week", "the day before", "that day"

const ANAPHOR = /\b(?:the\s+(next|following|previous|preceding|same)\s+(day|morning|evening|night|week|month|year)|the\s+(day|week)\s+(before|after|earlier|later)|(?:later|earlier)\s+(?:that|the\s+same)\s+(day|week|month|year)|that\s+(day|morning|evening|night))\b/gi;

export const parseAnaphoric: Parser = (ctx) => {
  const out: Candidate[] = [];
  for (const { m, start, end } of matches(ctx, ANAPHOR)) {
    let unitWord: string;
    let offset = 0;
    if (m[1]) {
      unitWord = (m[2] ?? '').toLowerCase();
      const w = m[1].toLowerCase();
      offset = w === 'next' || w === 'following' ? 1 : w === 'same' ? 0 : -1;
    } else if (m[3]) {
      // "the day before the talks" anchors to an event, not to a date: leave it to events
      if (/^\s+(?:the|a|an|his|her|their|its|\p{Lu})/u.test(ctx.text.slice(end, end + 6))) continue;
      unitWord = m[3].toLowerCase();
      offset = /before|earlier/i.test(m[4] ?? '') ? -1 : 1;
    } else {
      unitWord = (m[5] ?? m[6] ?? '').toLowerCase();
    }
    const part = PART_OF_DAY[unitWord];
    const unit = part ? 'day' : (unitWord as 'day' | 'week' | 'month' | 'year');
    const c = C(start, end, part ? 'TIME' : 'DATE', 'XXXX-XX-XX', 'anaphor', 2);
    c.anaphor = part ? { unit, offset, part } : { unit, offset };
    out.push(c);
  }
  return out;
};

// ---------------------------------------------------------------------------------------------
// PRESENT_REF, PAST_REF, FUTURE_REF

const REFS: [RegExp, string][] = [
  [/\b(?:right\s+)?now\b(?![-–])|\bcurrently\b|\bat\s+present\b|\bat\s+the\s+moment\b|\bnowadays\b|\bthese\s+days\b|\bpresently\b|\bat\s+this\s+time\b/gi, 'PRESENT_REF'],
  [/\brecently\b|\bin\s+the\s+past\b(?!\s+(?:few|several|\d|two|three|four|five|six|seven|eight|nine|ten|week|month|year|decade|day))|\bpreviously\b|\blately\b|\bin\s+recent\s+times\b/gi, 'PAST_REF'],
  [/\bin\s+the\s+(?:near\s+|distant\s+|foreseeable\s+)?future\b/gi, 'FUTURE_REF'],
];

export const parseRefs: Parser = (ctx) => {
  const out: Candidate[] = [];
  for (const [re, value] of REFS) {
    for (const { m, start, end } of matches(ctx, re)) {
      // "in the past" / "in the future": the timex is the noun phrase without "in"
      const inPrefix = /^in\s+/i.exec(m[0]);
      const s = inPrefix ? start + inPrefix[0].length : start;
      if (value === 'PRESENT_REF' && /^now$/i.test(m[0])) {
        const prev = wordBefore(ctx, start).toLowerCase();
        if (prev === 'from' || prev === 'until' || prev === 'till') {
          // "from now on", "until now": still the present
        }
      }
      out.push(C(s, end, 'DATE', value, 'ref'));
    }
  }
  return out;
};

// ---------------------------------------------------------------------------------------------
// Durations ("three years", "months of escalation", "a 10-day visit"), "ago", ages, sets

const DURATION = new RegExp(
  String.raw`\b(?:(the\s+(?:past|last|next|coming|previous|following|first|final|last|latest|better\s+part\s+of\s+the|whole|entire)\s+(?:(?:${QTY_RE})\s+)?)|(${QTY_RE})[\s-]+(?:(and\s+a\s+half)[\s-]+)?)(${UNIT_RE})(?:[\s-](and\s+a\s+half))?(?:([\s-]+old)|(\s+ago)|(\s+(?:later|earlier)))?\b`,
  'gi',
);

function agoValue(ref: Day | null, qty: number | null, unitWord: string): { type: TimexType; value: string } {
  const { stem } = unitOf(unitWord);
  if (!ref || qty === null || !Number.isInteger(qty)) {
    const value = stem === 'year' ? (ref && qty === null ? 'PAST_REF' : 'XXXX') : stem === 'month' ? 'XXXX-XX' : stem === 'week' ? 'XXXX-WXX' : stem === 'decade' ? 'XXX' : 'XXXX-XX-XX';
    return { type: 'DATE', value: qty === null ? 'PAST_REF' : value };
  }
  switch (stem) {
    case 'year':
      return { type: 'DATE', value: String(ref.y - qty) };
    case 'decade':
      return { type: 'DATE', value: String(Math.floor((ref.y - 10 * qty) / 10)) };
    case 'century':
      return { type: 'DATE', value: pad(Math.floor((ref.y - 100 * qty) / 100)) };
    case 'month': {
      const d = shiftMonths(ref, -qty);
      return { type: 'DATE', value: `${pad(d.y, 4)}-${pad(d.m)}` };
    }
    case 'week':
    case 'fortnight':
      return { type: 'DATE', value: weekValue(addDays(ref, -7 * qty * (stem === 'fortnight' ? 2 : 1))) };
    case 'day':
    case 'night':
      return { type: 'DATE', value: dayToIso(addDays(ref, -qty)) };
    default:
      return { type: 'DATE', value: dayToIso(ref) };
  }
}

export const parseDurations: Parser = (ctx) => {
  const out: Candidate[] = [];
  for (const { m, start, end } of matches(ctx, DURATION)) {
    const lead = m[1];
    const unitWord = m[4] ?? '';
    let qtyText = m[2];
    if (lead) {
      const inner = new RegExp(String.raw`(${QTY_RE})\s+$`, 'i').exec(lead);
      qtyText = inner?.[1];
    }
    const plural = /s$/i.test(unitWord) && !/^(?:days|hours|minutes|seconds|nights|weeks|months|years|decades|centuries)$/i.test(unitWord) ? false : /s$/i.test(unitWord);
    let qty = qtyText === undefined ? (plural ? null : 1) : quantity(qtyText);
    if (qty !== null && (m[3] || m[5])) qty += 0.5;
    // "a" before a plural unit is not a quantity ("a years-long war" is rare); "a day" is one day
    if (qtyText && /^an?$/i.test(qtyText) && plural) continue;
    const lower = (qtyText ?? '').toLowerCase();
    // "once a year", "$5 a day", "three times a week": a set, handled below
    if ((lower === 'a' || lower === 'an') && !lead) {
      const before = ctx.text.slice(Math.max(ctx.start, start - 30), start);
      if (/(?:\bonce|\btwice|\btimes|[\d%]|\bmillion|\bbillion|\bdollars|\beuros|\bpounds|\bhours|\bdays|\bper\s*cent|\bpercent)\s*$/i.test(before)) {
        out.push(C(start, end, 'SET', durationValue(1, unitWord), 'set', 1));
        continue;
      }
    }
    if (m[7]) {
      const { type, value } = agoValue(ctx.ref, qty, unitWord);
      out.push(C(start, end, type, value, 'ago', 3));
      continue;
    }
    const value = durationValue(qty === null ? null : qty, unitWord);
    // the "old" of an age and the "later" of an interval are not part of the duration
    const spanEnd = m[6] || m[8] ? end - (m[6] ?? m[8] ?? '').length : end;
    out.push(C(start, spanEnd, 'DURATION', value.replace(/\.5/, '.5'), lead ? 'duration-lead' : 'duration', 1));
  }
  return out;
};

/** Bare plural units: "hours before the talks", "months of escalation", "for years". */
const BARE_UNITS = /\b(?:(recent|coming|past|many|long|several)\s+)?(minutes|hours|days|weeks|months|years|decades|centuries)\b/gi;

export const parseBareUnits: Parser = (ctx) => {
  const out: Candidate[] = [];
  for (const { m, start, end } of matches(ctx, BARE_UNITS)) {
    const prev = wordBefore(ctx, start).toLowerCase();
    if (/^(?:the|these|those|their|his|her|its|our|early|later|golden|teenage|formative)$/.test(prev) && !m[1]) continue;
    const value = durationValue(null, m[2] ?? '');
    if ((m[1] ?? '').toLowerCase() === 'coming' || (m[1] ?? '').toLowerCase() === 'recent') {
      out.push(C(start, end, 'DURATION', value, 'bare-unit'));
      continue;
    }
    out.push(C(start, end, 'DURATION', value, 'bare-unit', 0));
  }
  return out;
};

const SET = new RegExp(String.raw`\b(?:(?:every|each)\s+(?:(other|single)\s+)?(day|week|month|year|morning|afternoon|evening|night|weekend|quarter|${WEEKDAY_RE}|decade)|(annually|yearly|hourly|nightly|biannually|fortnightly)|per\s+(day|week|month|year|hour|annum))\b`, 'gi');
const SET_VALUES: Record<string, string> = {
  day: 'P1D', week: 'P1W', month: 'P1M', year: 'P1Y', morning: 'TMO', afternoon: 'TAF', evening: 'TEV',
  night: 'TNI', weekend: 'P1WE', quarter: 'P3M', decade: 'P1DE', annually: 'P1Y', yearly: 'P1Y',
  hourly: 'PT1H', nightly: 'TNI', biannually: 'P6M', fortnightly: 'P2W', hour: 'PT1H', annum: 'P1Y',
};

export const parseSets: Parser = (ctx) => {
  const out: Candidate[] = [];
  for (const { m, start, end } of matches(ctx, SET)) {
    const word = (m[2] ?? m[3] ?? m[4] ?? '').toLowerCase();
    let value = SET_VALUES[word];
    if (value === undefined && word in WEEKDAYS) {
      const dow = WEEKDAYS[word] ?? 0;
      value = `XXXX-WXX-${dow === 0 ? 7 : dow}`;
    }
    if (m[1]?.toLowerCase() === 'other' && value) value = value.replace('1', '2');
    out.push(C(start, end, 'SET', value ?? 'P1D', 'set', 2));
  }
  return out;
};

/** Every parser, in no particular order (the refiners decide between overlapping candidates). */
export const PARSERS: readonly Parser[] = [
  parseYears, parseDecades, parseCenturies, parseMonths, parseSeasons, parseQuarters, parseHalves,
  parseDayWords, parseWeekdays, parseHolidays, parseRelativeUnits, parseAnaphoric, parseRefs,
  parseDurations, parseBareUnits, parseSets,
];
