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

/** A role as a source states it, with the citation that backs it. */
export interface CitedRole {
  text: string;
  citation: Citation;
}

export interface WhoAnswer {
  kind: 'who';
  query: string;
  person: {
    /** Canonical name: the fullest common form. */
    name: string;
    /** Every other spelling and form seen. */
    aliases: string[];
    roles: CitedRole[];
    /** Mentions across the corpus. */
    mentions: number;
    articles: Array<{ id: string; title: string }>;
    /** The most informative excerpts: role statements and quotes first. */
    citations: Citation[];
    /** People most often mentioned with this one. */
    related: Array<{ name: string; count: number }>;
  } | null;
  /** "Did you mean" names when the lookup is unsure (or found nobody). */
  candidates: Array<{ name: string }>;
}

export interface QuoteItem {
  /** The quoted words, verbatim from the (first) source. */
  text: string;
  /** Canonical speaker name (a person, or an organisation or document the text names); null for unattributed. */
  speaker: string | null;
  /** Date of the earliest citing article, if any. */
  date: IsoDate | null;
  /** One citation per outlet that carries it; each excerpt is the quote's context sentence. */
  citations: Citation[];
}

export interface QuoteAnswer {
  kind: 'quote';
  speaker: string | null;
  topic: string | null;
  quotes: QuoteItem[];
}

export type Precision = 'day' | 'month' | 'season' | 'quarter' | 'year' | 'decade';

export interface TimelineEvent {
  /** Date at its precision: `2026-02-06`, `2025-06`, `2025-SU`, `2018`. */
  date: string;
  precision: Precision;
  /** The sentence reporting it, verbatim from the first citation. */
  summary: string;
  citations: Citation[];
}

export interface TimelineAnswer {
  kind: 'timeline';
  topic: string | null;
  from: string | null;
  to: string | null;
  events: TimelineEvent[];
}

export type Answer = SearchAnswer | SourcesAnswer | HelpAnswer | WhoAnswer | QuoteAnswer | TimelineAnswer;
