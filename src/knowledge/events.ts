/**
 * Dates at a precision as intervals, and the test for two sources reporting the same happening.
 */
import { STOP_WORDS } from '../search/terms.ts';
import { foldName } from './names.ts';

/** An inclusive range of ISO days. */
export interface DayRange {
  from: string;
  to: string;
}

const pad = (n: number): string => String(n).padStart(2, '0');

function lastDay(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * The days a TIMEX-style date covers: `2026-02-06`, `2025-06`, `2025-SU` (northern meteorological
 * seasons), `2025-Q1`, `2026-W06`, `2025`, `201X` (a decade). Null for anything else.
 */
export function dateRange(value: string): DayRange | null {
  let range = ranges.get(value);
  if (range === undefined) {
    range = computeDateRange(value);
    if (ranges.size >= 10_000) ranges.clear();
    ranges.set(value, range);
  }
  return range;
}

const ranges = new Map<string, DayRange | null>();

function computeDateRange(value: string): DayRange | null {
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (m) return { from: value, to: value };
  m = /^(\d{4})-(\d{2})$/.exec(value);
  if (m) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    return { from: `${m[1]}-${m[2]}-01`, to: `${m[1]}-${m[2]}-${pad(lastDay(y, mo))}` };
  }
  m = /^(\d{4})-(SP|SU|FA|WI)$/.exec(value);
  if (m) {
    const y = Number(m[1]);
    switch (m[2]) {
      case 'SP': return { from: `${y}-03-01`, to: `${y}-05-31` };
      case 'SU': return { from: `${y}-06-01`, to: `${y}-08-31` };
      case 'FA': return { from: `${y}-09-01`, to: `${y}-11-30` };
      default: return { from: `${y}-12-01`, to: `${y + 1}-02-${pad(lastDay(y + 1, 2))}` };
    }
  }
  m = /^(\d{4})-Q([1-4])$/.exec(value);
  if (m) {
    const q = Number(m[2]);
    const y = Number(m[1]);
    const endMonth = q * 3;
    return { from: `${y}-${pad(endMonth - 2)}-01`, to: `${y}-${pad(endMonth)}-${pad(lastDay(y, endMonth))}` };
  }
  m = /^(\d{4})-W(\d{2})$/.exec(value);
  if (m) {
    const y = Number(m[1]);
    const w = Number(m[2]);
    // ISO week: the week with the year's first Thursday is week 1.
    const jan4 = new Date(Date.UTC(y, 0, 4));
    const monday = new Date(jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * 86_400_000 + (w - 1) * 7 * 86_400_000);
    const sunday = new Date(monday.getTime() + 6 * 86_400_000);
    return { from: monday.toISOString().slice(0, 10), to: sunday.toISOString().slice(0, 10) };
  }
  m = /^(\d{4})$/.exec(value);
  if (m) return { from: `${m[1]}-01-01`, to: `${m[1]}-12-31` };
  m = /^(\d{3})X$/.exec(value);
  if (m) return { from: `${m[1]}0-01-01`, to: `${m[1]}9-12-31` };
  return null;
}

/** True when one date lies within the other (June 2025 within summer 2025; 6 Feb within Feb). */
export function datesCompatible(a: string, b: string): boolean {
  const ra = dateRange(a);
  const rb = dateRange(b);
  if (!ra || !rb) return a === b;
  return rangesNest(dayNumber(ra.from), dayNumber(ra.to), dayNumber(rb.from), dayNumber(rb.to));
}

/** Whether one range of day numbers (`dayNumber`) lies within the other. */
export function rangesNest(aFrom: number, aTo: number, bFrom: number, bTo: number): boolean {
  return (aFrom >= bFrom && aTo <= bTo) || (bFrom >= aFrom && bTo <= aTo);
}

/** A YYYY-MM-DD day as a number that orders as the days do (yyyymmdd). */
export function dayNumber(day: string): number {
  return Number(day.slice(0, -6)) * 10_000 + Number(day.slice(-5, -3)) * 100 + Number(day.slice(-2));
}

/** Nouns that name the same kind of happening in news English. */
const HAPPENING_CLASSES: readonly (readonly string[])[] = [
  ['war', 'conflict', 'fighting', 'hostilities', 'clashes', 'clash', 'combat', 'battle', 'offensive'],
  ['talks', 'negotiations', 'meeting', 'dialogue', 'summit', 'discussions', 'round'],
  ['deal', 'agreement', 'accord', 'pact', 'treaty'],
  ['attack', 'strike', 'strikes', 'assault', 'raid', 'bombing', 'airstrike', 'airstrikes'],
  ['election', 'elections', 'vote', 'poll', 'ballot', 'referendum'],
  ['earthquake', 'quake', 'tremor'],
  ['storm', 'hurricane', 'typhoon', 'cyclone'],
  ['protests', 'protest', 'demonstrations', 'riots', 'unrest'],
  ['sanctions', 'embargo'],
];
const CLASS_OF = new Map<string, number>();
HAPPENING_CLASSES.forEach((words, i) => words.forEach((w) => CLASS_OF.set(w, i)));

export function contentWords(text: string): Set<string> {
  const words = foldName(text).replace(/[^\p{L}\p{N}\s]/gu, ' ').split(/\s+/);
  return new Set(words.filter((w) => w.length > 2 && !STOP_WORDS.has(w)).map((w) => w.replace(/(?<=[^s])s$/, '')));
}

/**
 * The happening classes named right next to a time expression in a sentence: "a short but intense
 * war last summer" → war; "the June 2025 conflict" → war. `times` are ranges inside `text`.
 */
export function headClasses(text: string, times: ReadonlyArray<{ start: number; end: number }>): Set<number> {
  const out = new Set<number>();
  for (const t of times) {
    for (const w of [lastWordBefore(text, t.start), firstWordAfter(text, t.end)]) {
      const c = w === undefined ? undefined : CLASS_OF.get(w);
      if (c !== undefined) out.add(c);
    }
  }
  return out;
}

/** Characters around a time expression read first for the word next to it; doubled until the word is whole. */
const NEXT_WORD_WINDOW = 64;

const lettersOf = (text: string): string[] => foldName(text).split(/[^\p{L}]+/u).filter((w) => w !== '');

/**
 * The last folded word before `at` that is not a stop word. Reads a window before `at`, wider
 * until the word found is not the window's first (which may be cut) or the window reaches the start.
 */
function lastWordBefore(text: string, at: number): string | undefined {
  for (let width = NEXT_WORD_WINDOW; ; width *= 2) {
    const from = Math.max(0, at - width);
    const words = lettersOf(text.slice(from, at));
    let i = words.length - 1;
    while (i >= 0 && STOP_WORDS.has(words[i] as string)) i -= 1;
    if (from === 0 || i >= 1) return words[i];
  }
}

/** The first folded word after `at`. Reads a window after `at`, wider until the word is not the window's last (which may be cut). */
function firstWordAfter(text: string, at: number): string | undefined {
  for (let width = NEXT_WORD_WINDOW; ; width *= 2) {
    const to = Math.min(text.length, at + width);
    const words = lettersOf(text.slice(at, to));
    if (to === text.length || words.length >= 2) return words[0];
  }
}

export interface HappeningText {
  date: string;
  /** Folded content words of the sentence (see `contentWords`). */
  words: ReadonlySet<string>;
  /** Classes of the nouns next to the sentence's time expressions (see `headClasses`). */
  heads: ReadonlySet<number>;
  /** Distinctive names in the sentence: capitalised or alphanumeric words rare in the corpus. */
  rare: ReadonlySet<string>;
}

/** A sentence prepared for comparison. `rareWord` says whether a written word is distinctive. */
export function happening(text: string, date: string, times: ReadonlyArray<{ start: number; end: number }>, rareWord: (folded: string) => boolean): HappeningText {
  const rare = new Set<string>();
  for (const m of text.matchAll(/\b(?:\p{Lu}[\p{L}\p{N}]*(?:-[\p{L}\p{N}]+)*|[\p{L}]+-?\d[\p{L}\p{N}-]*)/gu)) {
    const folded = foldName(m[0]);
    if (m.index > 0 && folded.length >= 4 && rareWord(folded)) rare.add(folded);
  }
  return { date, words: contentWords(text), heads: headClasses(text, times), rare };
}

const isDay = (d: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(d);

/**
 * Whether two sentences with compatible dates report the same happening: they share most of their
 * content words; or the nouns their time expressions date are of one kind ("war last summer",
 * "the June 2025 conflict") and their dates are not both exact days; or, on the same day, they
 * share a distinctive name ("Khorramshahr-4") and a kind of happening or most of a verb's sense.
 */
export function sameHappening(a: HappeningText, b: HappeningText): boolean {
  let shared = 0;
  for (const w of a.words) if (b.words.has(w)) shared += 1;
  const union = a.words.size + b.words.size - shared;
  if (union > 0 && shared / union >= 0.5) return true;
  const bothDays = isDay(a.date) && isDay(b.date);
  if (!bothDays && [...a.heads].some((c) => b.heads.has(c))) return true;
  return bothDays && a.date === b.date && [...a.rare].some((w) => b.rare.has(w)) && shared >= 3;
}
