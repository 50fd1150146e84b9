import type { Article } from '../domain/types.ts';
import { extractEvents } from './events.ts';
import { extractPeople } from './people.ts';
import { extractQuotes } from './quotes.ts';
import { extractTimes } from './times.ts';
import type { ArticleExtraction } from './types.ts';

/**
 * Bumped whenever extraction output may change: snapshots carry it and are rebuilt on a change.
 */
export const EXTRACT_VERSION = 4;

/** Runs every extractor over one article; each extractor runs its own refiners. */
export function extractArticle(article: Article): ArticleExtraction {
  const people = extractPeople(article);
  const quotes = extractQuotes(article, people);
  const times = extractTimes(article);
  const events = extractEvents(article, { times, quotes, people });
  return { file: article.file, published: article.published, people, quotes, times, events };
}
