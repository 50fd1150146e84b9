import type { Article } from '../domain/types.ts';
import type { EventExtract, PersonExtract, QuoteExtract, TimeExtract } from './types.ts';

export interface EventContext {
  times: readonly TimeExtract[];
  quotes: readonly QuoteExtract[];
  people: readonly PersonExtract[];
}

/** Sentences that report something happening at a resolvable time, dated at their precision. */
export function extractEvents(_article: Article, _context: EventContext): EventExtract[] {
  return [];
}
