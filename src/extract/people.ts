import type { Article } from '../domain/types.ts';
import type { PersonExtract } from './types.ts';

/** People mentioned in an article, with their mentions, aliases and stated roles. */
export function extractPeople(_article: Article): PersonExtract[] {
  return [];
}
