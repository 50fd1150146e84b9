import type { Citation, IsoDate } from './types.ts';

/**
 * What services return: plain data with citations, never strings or embeds. Renderers turn an
 * Answer into console text, JSON or Discord messages. "Nothing found" is an Answer with no results.
 */

/** A range inside a citation's excerpt to show highlighted (a matching search term). */
export interface Highlight {
  start: number;
  end: number;
}

export interface SearchAnswer {
  kind: 'search';
  query: string;
  results: Array<{ score: number; citation: Citation; highlights: Highlight[] }>;
}

export interface ArticleSummary {
  id: string;
  title: string;
  author: string | null;
  publisher: string | null;
  published: IsoDate | null;
  url: string | null;
  passages: number;
}

export interface SourcesAnswer {
  kind: 'sources';
  articles: ArticleSummary[];
  /** Total passages across the listed articles. */
  passages: number;
}

export interface HelpAnswer {
  kind: 'help';
  commands: Array<{ name: string; description: string; usage: string }>;
}

export type Answer = SearchAnswer | SourcesAnswer | HelpAnswer;
