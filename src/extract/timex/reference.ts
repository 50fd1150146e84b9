/**
 * The reference day for relative expressions.
 *
 * Rule: the article's publication date when it has one. Without it, a full calendar date (day,
 * month and year all written) that opens the body — within its first {@link DATELINE_WINDOW}
 * characters, where news puts its dateline ("WASHINGTON, Feb. 6, 2026 —", "February 6, 2026 has
 * the feel of…") — is the day the article reports from, and stands in as the reference. A date
 * further in is content, not a dateline, and any other article gets no reference: relative
 * expressions then keep X-filled values rather than wrong ones.
 */
import type { Article } from '../../domain/types.ts';
import type { Day } from './calendar.ts';
import { isoToDay } from './calendar.ts';
import { explicitFullDate } from './chrono.ts';

/** How far into the body a date may start and still count as a dateline (characters). Default 80. */
export const DATELINE_WINDOW = 80;

export interface Reference {
  day: Day | null;
  /** Where it came from: the `published` field, the body's dateline, or nothing. */
  source: 'published' | 'dateline' | 'none';
}

/** The reference day of an article (see the module comment for the rule). */
export function referenceOf(article: Pick<Article, 'published' | 'text' | 'bodyStart'>): Reference {
  if (article.published) {
    const day = isoToDay(article.published);
    if (day) return { day, source: 'published' };
  }
  const body = article.text.slice(article.bodyStart);
  const lead = /^\s*/.exec(body)?.[0].length ?? 0;
  const window = body.slice(lead, lead + DATELINE_WINDOW + 40).split(/\n\s*\n/)[0] ?? '';
  const found = explicitFullDate(window);
  if (found && found.index <= DATELINE_WINDOW) return { day: found.day, source: 'dateline' };
  return { day: null, source: 'none' };
}
