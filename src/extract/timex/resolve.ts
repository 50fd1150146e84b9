/**
 * Direction-aware resolution of calendar expressions against a reference day, by tense: past tense
 * looks back, future tense looks forward (chrono only looks one way).
 */
import type { Day, Season } from './calendar.ts';
import { addDays, addMonths, compareDays, daysInMonth, isValidDay, seasonRange, weekday } from './calendar.ts';
import type { Tense } from './tense.ts';

/** How an expression points: an explicit modifier ("last", "next", "this") or the sentence's tense. */
export type Direction = 'last' | 'next' | 'this' | Tense;

/**
 * A weekday (0 = Sunday) relative to `ref`. Past/`present` tense: the latest such day on or before
 * the reference; future: the first one after it; "last": strictly before; "next": strictly after,
 * "this": within the reference's Monday-to-Sunday week.
 */
export function resolveWeekday(ref: Day, dow: number, direction: Direction): Day {
  const refDow = weekday(ref);
  switch (direction) {
    case 'last': {
      const back = (refDow - dow + 7) % 7 || 7;
      return addDays(ref, -back);
    }
    case 'next':
    case 'future': {
      const ahead = (dow - refDow + 7) % 7 || 7;
      return addDays(ref, ahead);
    }
    case 'this': {
      const mondayBased = (d: number): number => (d + 6) % 7;
      return addDays(ref, mondayBased(dow) - mondayBased(refDow));
    }
    default: {
      const back = (refDow - dow + 7) % 7;
      return addDays(ref, -back);
    }
  }
}

/** The year of a month (1–12) named without one. */
export function resolveMonthYear(ref: Day, month: number, direction: Direction): number {
  switch (direction) {
    case 'last':
      return month < ref.m ? ref.y : ref.y - 1;
    case 'next':
      return month > ref.m ? ref.y : ref.y + 1;
    case 'future':
      return month >= ref.m ? ref.y : ref.y + 1;
    case 'past':
      return month <= ref.m ? ref.y : ref.y - 1;
    default:
      return ref.y;
  }
}

/** The full day of a month and day named without a year; null when no year makes it valid. */
export function resolveMonthDay(ref: Day, month: number, d: number, direction: Direction): Day | null {
  const candidates = [ref.y - 1, ref.y, ref.y + 1]
    .map((y) => ({ y, m: month, d }))
    .filter(isValidDay);
  if (candidates.length === 0) return null;
  if (direction === 'past' || direction === 'last') {
    const past = candidates.filter((c) => compareDays(c, ref) <= 0);
    return past[past.length - 1] ?? candidates[0] ?? null;
  }
  if (direction === 'future' || direction === 'next') {
    return candidates.find((c) => compareDays(c, ref) >= 0) ?? null;
  }
  // present/this: the nearest
  let best = candidates[0] ?? null;
  for (const c of candidates) {
    if (best && Math.abs(compareDays(c, ref)) < Math.abs(compareDays(best, ref))) best = c;
  }
  return best;
}

/** The year of a season instance ("last summer", "this winter", "in the spring"). */
export function resolveSeasonYear(ref: Day, season: Season, direction: Direction): number {
  const containing = [ref.y - 1, ref.y].find((y) => {
    const [s, e] = seasonRange(y, season);
    return compareDays(s, ref) <= 0 && compareDays(ref, e) <= 0;
  });
  if (direction === 'this' || direction === 'present') {
    if (containing !== undefined) return containing;
    return direction === 'this' && season === 'WI' && ref.m < 3 ? ref.y - 1 : ref.y;
  }
  if (direction === 'last' || direction === 'past') {
    if (direction === 'past' && containing !== undefined) return containing;
    // the latest instance that ended before the reference
    for (let y = ref.y; y >= ref.y - 2; y -= 1) {
      if (compareDays(seasonRange(y, season)[1], ref) < 0) return y;
    }
    return ref.y - 1;
  }
  if (direction === 'future' && containing !== undefined) return containing;
  for (let y = ref.y - 1; y <= ref.y + 1; y += 1) {
    if (compareDays(seasonRange(y, season)[0], ref) > 0) return y;
  }
  return ref.y + 1;
}

/** Year and quarter for "the third quarter", "last quarter", "this quarter". */
export function resolveQuarter(ref: Day, quarter: number | null, direction: Direction): { y: number; q: number } {
  const current = Math.floor((ref.m - 1) / 3) + 1;
  if (quarter === null) {
    if (direction === 'last') return current === 1 ? { y: ref.y - 1, q: 4 } : { y: ref.y, q: current - 1 };
    if (direction === 'next') return current === 4 ? { y: ref.y + 1, q: 1 } : { y: ref.y, q: current + 1 };
    return { y: ref.y, q: current };
  }
  if (direction === 'future' || direction === 'next') return { y: quarter >= current ? ref.y : ref.y + 1, q: quarter };
  return { y: quarter <= current ? ref.y : ref.y - 1, q: quarter };
}

/** `ref` moved by `n` months, the day clamped to the month's length. */
export function shiftMonths(ref: Day, n: number): Day {
  const { y, m } = addMonths(ref.y, ref.m, n);
  return { y, m, d: Math.min(ref.d, daysInMonth(y, m)) };
}
