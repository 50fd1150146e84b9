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
  readonly summary: string;
  /**
   * Each source's sentence reporting it, cited. A timeline makes them when first read (a Discord
   * page shows five of its fifty events), so read them rather than copy the event with a spread.
   */
  readonly citations: Citation[];
}

export interface TimelineAnswer {
  kind: 'timeline';
  topic: string | null;
  from: string | null;
  to: string | null;
  events: TimelineEvent[];
}

/** One key point of a briefing: a verbatim sentence of a source (`text` is the first citation's excerpt). */
export interface BriefPoint {
  text: string;
  citations: Citation[];
}

/** A person a briefing names, with the roles the sources state for them. */
export interface BriefPerson {
  name: string;
  roles: CitedRole[];
  /** Mentions within the briefed sources. */
  mentions: number;
}

/** An extractive briefing: every sentence of it is a cited, verbatim excerpt. */
export interface BriefAnswer {
  kind: 'brief';
  /** Heading: `Briefing: <topic>` or `Briefing`. */
  title: string;
  topic: string | null;
  /** The `since` bound as asked (YYYY, YYYY-MM or YYYY-MM-DD), or null. */
  since: string | null;
  /** Date range of the briefed sources (undated sources not counted); null when none is dated. */
  from: IsoDate | null;
  to: IsoDate | null;
  /** 3–7 central sentences across the sources (fewer when the sources are short), most central first. */
  points: BriefPoint[];
  people: BriefPerson[];
  quotes: QuoteItem[];
  /** The latest dated events, in date order. */
  events: TimelineEvent[];
  /** The articles briefed: at most 50 (services/brief.ts BRIEF_MAX_SOURCES), the latest or, with a topic, the best matching. */
  sources: ArticleSummary[];
  /** How many articles there were to brief on; more than `sources.length` when they were capped. */
  sourcesTotal: number;
}

/** A guild's corpus article as the moderator commands list it. */
export interface GuildArticleSummary extends ArticleSummary {
  addedBy: string | null;
  addedAt: string;
}

/** One line of the audit log as /corpus history shows it. */
export interface HistoryEntry {
  time: string;
  guildId: string | null;
  userId: string | null;
  action: string;
  articleIds: string[];
  /** A short human note (title, channel, reason). */
  detail: string | null;
}

/** The reply of a /corpus command: what was added or removed, the guild's list, or its history. */
export type CorpusAnswer =
  | { kind: 'corpus'; action: 'add'; guildId: string; article: GuildArticleSummary; found: { passages: number; people: string[]; quotes: number; events: number }; warnings: string[] }
  | { kind: 'corpus'; action: 'remove'; guildId: string; article: GuildArticleSummary }
  | { kind: 'corpus'; action: 'list'; guildId: string | null; articles: GuildArticleSummary[] }
  | { kind: 'corpus'; action: 'history'; guildId: string | null; entries: HistoryEntry[] };

/** A scheduled digest, as /brief schedule shows it. */
export interface ScheduleSummary {
  id: string;
  guildId: string;
  channelId: string;
  /** `HH:MM`, UTC. */
  time: string;
  every: 'day' | 'week';
  /** 0 = Sunday … 6 = Saturday, for weekly digests. */
  weekday: number | null;
  topic: string | null;
  /** When the next digest is due (ISO). */
  next: string;
}

/** The reply of /brief schedule or /brief unschedule. */
export interface ScheduleAnswer {
  kind: 'schedule';
  action: 'scheduled' | 'unscheduled';
  guildId: string;
  /** The schedules affected (the new one, or the ones removed). */
  schedules: ScheduleSummary[];
}

export type Answer = SearchAnswer | SourcesAnswer | HelpAnswer | WhoAnswer | QuoteAnswer | TimelineAnswer | BriefAnswer | CorpusAnswer | ScheduleAnswer;
