/**
 * chrono-node as the base parser for explicit calendar dates and clock times ("June 9, 2008",
 * "Friday, Feb. 6", "9/6/2008", "3:30 p.m."). Bare weekdays and year-less dates are re-resolved
 * by tense (chrono looks one way only); casual and relative parsing is left to parsers.ts.
 */
import * as chrono from 'chrono-node';
import type { Day } from './calendar.ts';
import { dayToIso, pad } from './calendar.ts';
import type { Candidate, ParseContext } from './parsers.ts';
import { resolveMonthDay, resolveWeekday } from './resolve.ts';

/**
 * chrono's casual English configuration keeping only its calendar-date and clock-time parsers:
 * casual words, relative units and bare month names are left to parsers.ts, which resolves them
 * by tense.
 */
function buildChrono(): chrono.Chrono {
  const base = chrono.en.casual.clone();
  base.parsers = base.parsers.filter((p) => !/Casual|Relative|TimeUnit|EndOfCurrentMonth|ENMonthNameParser$/.test(p.constructor.name));
  return base;
}

const CHRONO = buildChrono();

/** Sentences worth handing to chrono: they name a month, or hold a clock time or numeric date. */
const CHRONO_TRIGGER = /\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s*\d|\d\s*(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)|\d[/:]\d|\d\s*(?:a\.?m\b|p\.?m\b)|\b\d{4}-\d{2}-\d{2}\b|\bnoon\b|\bmidnight\b/i;

/** chrono results as candidates. A clock time with no date of its own is marked `dateless`. */
export function chronoCandidates(ctx: ParseContext): (Candidate & { dateless?: boolean })[] {
  const sentence = ctx.text.slice(ctx.start, ctx.end);
  if (!CHRONO_TRIGGER.test(sentence)) return [];
  const instant = ctx.ref ? new Date(Date.UTC(ctx.ref.y, ctx.ref.m - 1, ctx.ref.d, 12)) : new Date(Date.UTC(2000, 0, 1, 12));
  const out: (Candidate & { dateless?: boolean })[] = [];
  for (const r of CHRONO.parse(sentence, { instant, timezone: 0 })) {
    const c = r.start;
    // the span leaves out a leading preposition ("on 3 March 2021" → "3 March 2021")
    const lead = /^(?:on|at|in|by|from|since|until)\s+/i.exec(r.text)?.[0].length ?? 0;
    const start = ctx.start + r.index + lead;
    const end = ctx.start + r.index + r.text.length;
    const hasDay = c.isCertain('day') && c.isCertain('month');
    const hasTime = c.isCertain('hour');
    if (!hasDay && !hasTime) continue; // bare weekdays and the like: parsers.ts resolves them by tense
    // "3/4 of cases": a numeric date needs its year
    if (hasDay && !c.isCertain('year') && /^\d+[/.-]\d+$/.test(r.text.slice(lead).trim())) continue;
    let dayIso: string | null = null;
    if (!hasDay && c.isCertain('weekday')) {
      const wd = c.get('weekday') ?? 0;
      dayIso = ctx.ref ? dayToIso(resolveWeekday(ctx.ref, wd, ctx.tenseAt(start))) : null;
    }
    if (hasDay) {
      const month = c.get('month') ?? 1;
      const d = c.get('day') ?? 1;
      if (c.isCertain('year')) {
        dayIso = `${pad(c.get('year') ?? 0, 4)}-${pad(month)}-${pad(d)}`;
      } else if (ctx.ref) {
        const day: Day | null = resolveMonthDay(ctx.ref, month, d, ctx.tenseAt(start));
        dayIso = day ? dayToIso(day) : `XXXX-${pad(month)}-${pad(d)}`;
      } else {
        dayIso = `XXXX-${pad(month)}-${pad(d)}`;
      }
    }
    // "2:1" scores and "3/4" fractions: a clock time needs minutes or am/pm, a slash date a year
    if (!hasDay && hasTime && !/(?:\d:\d{2}|[ap]\.?m\.?|noon|midnight|o['’]clock)/i.test(r.text)) continue;
    if (hasTime) {
      const time = `T${pad(c.get('hour') ?? 0)}:${pad(c.get('minute') ?? 0)}`;
      const base = dayIso ?? (ctx.ref ? dayToIso(ctx.ref) : 'XXXX-XX-XX');
      out.push({ start, end, type: 'TIME', value: `${base}${time}`, parser: 'chrono-time', priority: 3, dateless: dayIso === null && !c.isCertain('weekday') });
    } else if (dayIso) {
      out.push({ start, end, type: 'DATE', value: dayIso, parser: 'chrono-date', priority: 3 });
    }
  }
  return out;
}

/** A full calendar date (year, month and day all written), for the dateline rule. */
export function explicitFullDate(text: string): { index: number; day: Day } | null {
  const results = CHRONO.parse(text, { instant: new Date(Date.UTC(2000, 0, 1, 12)), timezone: 0 });
  for (const r of results) {
    const c = r.start;
    if (c.isCertain('year') && c.isCertain('month') && c.isCertain('day')) {
      return { index: r.index, day: { y: c.get('year') ?? 0, m: c.get('month') ?? 1, d: c.get('day') ?? 1 } };
    }
  }
  return null;
}
