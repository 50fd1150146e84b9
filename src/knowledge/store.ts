/**
 * The knowledge store: people, quotations and events merged across articles, as plain data that
 * goes into the snapshot. Every record keeps where it came from (article, passage, offsets), so
 * services can cite it and a guild's view can hide what it must not see.
 */
import type { Precision } from '../extract/types.ts';

/** Bumped whenever the store's shape, merging rules or snapshot encoding (storage/knowledge-codec.ts) change. */
export const KNOWLEDGE_VERSION = 3;

/** A place in the corpus: an article, the passage holding it (null for front matter), file offsets. */
export interface Place {
  articleId: string;
  passageId: string | null;
  start: number;
  end: number;
}

export interface RoleRecord extends Place {
  text: string;
}

export interface PersonRecord {
  id: string;
  /** Canonical name: the fullest form, the most frequent spelling. */
  name: string;
  /** Every other spelling or form seen (not possessives). */
  aliases: string[];
  roles: RoleRecord[];
  mentions: Place[];
}

export interface QuoteOccurrence extends Place {
  /** The sentence(s) around the quote, clipped to its passage: the excerpt shown. */
  contextStart: number;
  contextEnd: number;
  /** The quoted words as this source gives them. */
  text: string;
}

export interface QuoteRecord {
  id: string;
  /** The fullest version of the quoted words. */
  text: string;
  /** Person id when a person said it. */
  speakerId: string | null;
  /** Display name: the person's canonical name, or the organisation or document the text names. */
  speaker: string | null;
  occurrences: QuoteOccurrence[];
}

export interface EventOccurrence extends Place {
  /** Position among the article's events of the same date, as the text orders them. */
  order: number;
  /** The date this source gives (may be coarser or finer than the merged one). */
  date: string;
  precision: Precision;
  /** What dated it in this source: its own time expression, an anchor event, or only the article's main event. */
  basis: 'time' | 'anchor' | 'context';
}

export interface EventRecord {
  id: string;
  date: string;
  precision: Precision;
  occurrences: EventOccurrence[];
}

export interface KnowledgeStore {
  version: number;
  people: PersonRecord[];
  quotes: QuoteRecord[];
  events: EventRecord[];
}

export function emptyKnowledge(): KnowledgeStore {
  return { version: KNOWLEDGE_VERSION, people: [], quotes: [], events: [] };
}
