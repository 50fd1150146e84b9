/**
 * Refiners over parser candidates: drop overlaps (longest, then highest priority, wins), join a
 * clock time to the day next to it ("10 a.m. on Friday"), and resolve anaphoric dates ("the next
 * day") against the last day-precision date before them.
 */
import type { Day } from './calendar.ts';
import { addDays, dayToIso, isoToDay, pad, weekValue } from './calendar.ts';
import type { Candidate } from './parsers.ts';
import { shiftMonths } from './resolve.ts';

/** Keeps the longest candidate of each overlapping group (ties: priority, then earliest). */
export function removeOverlaps(candidates: readonly Candidate[]): Candidate[] {
  const sorted = [...candidates].sort((a, b) =>
    (b.end - b.start) - (a.end - a.start) || b.priority - a.priority || a.start - b.start);
  const kept: Candidate[] = [];
  for (const c of sorted) {
    if (kept.some((k) => c.start < k.end && k.start < c.end)) continue;
    kept.push(c);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/** Joins a dateless clock time with an adjacent day ("10 a.m. today", "Friday at 3 p.m."). */
export function mergeTimeWithDay(text: string, candidates: readonly (Candidate & { dateless?: boolean })[]): Candidate[] {
  const out: (Candidate & { dateless?: boolean })[] = [...candidates];
  for (let i = 0; i + 1 < out.length; i += 1) {
    const a = out[i];
    const b = out[i + 1];
    if (!a || !b) continue;
    const gap = text.slice(a.end, b.start);
    if (!/^\s*(?:,|on|at|of)?\s*$/i.test(gap)) continue;
    const time = a.dateless ? a : b.dateless ? b : null;
    const day = time === a ? b : a;
    if (!time || !/^(?:\d{4}|XXXX)-(?:\d{2}|XX)-(?:\d{2}|XX)$/.test(day.value)) continue;
    const clock = time.value.slice(time.value.indexOf('T'));
    out.splice(i, 2, { start: a.start, end: b.end, type: 'TIME', value: `${day.value}${clock}`, parser: 'merged-time', priority: 3 });
  }
  return out;
}

/**
 * Resolves anaphoric candidates in document order: the last day-precision date before them is the
 * anchor, the reference day when there is none, and the value stays X-filled when neither exists.
 */
export function resolveAnaphors(candidates: Candidate[], ref: Day | null): void {
  let last: Day | null = null;
  for (const c of candidates) {
    if (c.anaphor) {
      const anchor = last ?? ref;
      if (!anchor) continue;
      const { unit, offset, part } = c.anaphor;
      if (unit === 'day') {
        c.value = dayToIso(addDays(anchor, offset)) + (part ? `T${part}` : '');
      } else if (unit === 'week') c.value = weekValue(addDays(anchor, 7 * offset));
      else if (unit === 'month') {
        const d = shiftMonths(anchor, offset);
        c.value = `${pad(d.y, 4)}-${pad(d.m)}`;
      } else c.value = String(anchor.y + offset);
      continue;
    }
    const day = isoToDay(c.value.slice(0, 10));
    if (day) last = day;
  }
}
