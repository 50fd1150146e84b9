/**
 * What extraction finds in one article. Offsets are JavaScript string indexes into the article's
 * whole file text (BOM removed, front matter included); `end` is exclusive.
 */
import type { IsoDate } from '../domain/types.ts';

export interface Span {
  start: number;
  end: number;
}

export interface Mention extends Span {
  /** The text as written: `text === article.text.slice(start, end)`. */
  text: string;
}

/** A role as the text states it ("Iran’s Foreign Minister", "the head of US Central Command"). */
export interface RoleStatement extends Span {
  text: string;
}

export interface PersonExtract {
  /** The fullest form of the name in this article ("Abbas Araqchi"). */
  name: string;
  /** Other forms seen in this article ("Araqchi", "Abbas Araqchi’s" is a mention, not an alias). */
  aliases: string[];
  roles: RoleStatement[];
  mentions: Mention[];
}

export type SpeakerKind = 'person' | 'organisation' | 'document' | 'group';

export interface QuoteExtract extends Span {
  /** The quoted words without the marks. */
  text: string;
  /** Who said it, as named in the text (resolved through pronouns); null when the text does not say. */
  speaker: string | null;
  speakerStart: number | null;
  speakerEnd: number | null;
  speakerKind: SpeakerKind | null;
}

export type TimexType = 'DATE' | 'TIME' | 'DURATION' | 'SET';

export interface TimeExtract extends Span {
  text: string;
  type: TimexType;
  /** TIMEX3 value: `2026-02-06`, `2026-02`, `2025`, `2025-SU`, `2026-W06`, `P3D`, `PRESENT_REF`, `XXXX-XX-XX`… */
  value: string;
}

export type Precision = 'day' | 'month' | 'season' | 'quarter' | 'year' | 'decade';

export interface EventExtract extends Span {
  /** The date at its precision: `2026-02-06`, `2025-06`, `2025-SU`, `2025-Q1`, `2018`, `201X`. */
  date: string;
  precision: Precision;
  /** The sentence that reports the event, verbatim. */
  text: string;
  /** Position among events of the same date, in the order the text gives (0-based). */
  order: number;
  /**
   * What dates it: its own time expression (`time`), the event a relative anchor names
   * (`anchor`: "hours before the talks"), or, for a past-tense sentence with no time of its own,
   * the article's main event (`context`, the weakest: a timeline without a topic may skip these).
   */
  basis?: 'time' | 'anchor' | 'context';
}

export interface ArticleExtraction {
  file: string;
  published: IsoDate | null;
  people: PersonExtract[];
  quotes: QuoteExtract[];
  times: TimeExtract[];
  events: EventExtract[];
}
