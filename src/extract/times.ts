import type { Article } from '../domain/types.ts';
import type { TimeExtract } from './types.ts';

/** Temporal expressions, typed and valued as TIMEX3, resolved against the publication date. */
export function extractTimes(_article: Article): TimeExtract[] {
  return [];
}
