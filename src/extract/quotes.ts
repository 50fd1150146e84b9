import type { Article } from '../domain/types.ts';
import type { PersonExtract, QuoteExtract } from './types.ts';

/** Direct quotations with their speakers (null when the text names none). */
export function extractQuotes(_article: Article, _people: readonly PersonExtract[]): QuoteExtract[] {
  return [];
}
