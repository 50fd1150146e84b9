/**
 * Calendar arithmetic on plain `{ y, m, d }` days (UTC, proleptic Gregorian) and TIMEX3 value
 * formatting. No time zones: news dates are calendar days.
 */

/** A calendar day. `m` is 1–12, `d` is 1–31. */
export interface Day {
  y: number;
  m: number;
  d: number;
}

export const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

export function dayToIso(day: Day): string {
  return `${pad(day.y, 4)}-${pad(day.m)}-${pad(day.d)}`;
}

/** Parses `YYYY-MM-DD` (no validation beyond the shape); null for anything else. */
export function isoToDay(iso: string): Day | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  return { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
}

function toUtc(day: Day): number {
  return Date.UTC(day.y, day.m - 1, day.d);
}

function fromUtc(ms: number): Day {
  const date = new Date(ms);
  return { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() };
}

export function addDays(day: Day, n: number): Day {
  return fromUtc(toUtc(day) + n * 86_400_000);
}

export function addMonths(y: number, m: number, n: number): { y: number; m: number } {
  const index = y * 12 + (m - 1) + n;
  return { y: Math.floor(index / 12), m: (index % 12) + 1 };
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(day: Day): number {
  return new Date(toUtc(day)).getUTCDay();
}

export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function isValidDay(day: Day): boolean {
  return day.m >= 1 && day.m <= 12 && day.d >= 1 && day.d <= daysInMonth(day.y, day.m);
}

export function compareDays(a: Day, b: Day): number {
  return toUtc(a) - toUtc(b);
}

/** ISO 8601 week of a day: `{ year, week }` (weeks start on Monday; week 1 holds the first Thursday). */
export function isoWeek(day: Day): { year: number; week: number } {
  const dow = (weekday(day) + 6) % 7; // Monday = 0
  const thursday = addDays(day, 3 - dow);
  const jan1 = { y: thursday.y, m: 1, d: 1 };
  const week = Math.floor((toUtc(thursday) - toUtc(jan1)) / (7 * 86_400_000)) + 1;
  return { year: thursday.y, week };
}

export function weekValue(day: Day): string {
  const { year, week } = isoWeek(day);
  return `${pad(year, 4)}-W${pad(week)}`;
}

/** The Monday of a day's ISO week. */
export function mondayOf(day: Day): Day {
  return addDays(day, -((weekday(day) + 6) % 7));
}

export type Season = 'SP' | 'SU' | 'FA' | 'WI';

/** First month of each (northern, meteorological) season; winter starts in December of its year. */
export const SEASON_START: Record<Season, number> = { SP: 3, SU: 6, FA: 9, WI: 12 };

/** Season instance `{ year, season }` as `[first day, last day]`. */
export function seasonRange(year: number, season: Season): [Day, Day] {
  const startMonth = SEASON_START[season];
  const start = { y: year, m: startMonth, d: 1 };
  const endMonth = addMonths(year, startMonth, 2);
  return [start, { y: endMonth.y, m: endMonth.m, d: daysInMonth(endMonth.y, endMonth.m) }];
}
