/**
 * Plain data shared by every layer. Nothing here does I/O or knows about Discord.
 *
 * Offsets are JavaScript string indexes (UTF-16 code units) into an article's whole file text as
 * decoded from UTF-8 with a leading BOM removed, front matter included; `end` is exclusive.
 */

/** An ISO calendar date, `YYYY-MM-DD`. */
export type IsoDate = string;

/** One corpus file, parsed. */
export interface Article {
  /** The file name without its extension; unique within a corpus. */
  id: string;
  /** Path of the file it was read from (as given to the loader). */
  file: string;
  title: string;
  author: string | null;
  publisher: string | null;
  /** Publication date, the reference for relative dates; null when the source gives none. */
  published: IsoDate | null;
  url: string | null;
  dateline: string | null;
  summary: string[];
  credits: string | null;
  /** The whole file text (BOM removed), front matter included: offsets point into it. */
  text: string;
  /** Offset where the body starts (just after the front matter). */
  bodyStart: number;
  /** Where the article comes from: the bundled corpus, or a guild that added it. */
  origin: ArticleOrigin;
}

export type ArticleOrigin = { kind: 'corpus' } | { kind: 'guild'; guildId: string };

/** A paragraph of an article (or a sentence-aligned part of a long one): the unit of search and citation. */
export interface Passage {
  /** `<articleId>#p<n>`, n counting from 1 in body order; stable across runs. */
  id: string;
  articleId: string;
  /** 1-based position in the article body. */
  n: number;
  /** The `## Heading` this passage sits under, if any. */
  section: string | null;
  /**
   * Verbatim text: `article.text.slice(start, end)`. A passage loaded from a snapshot reads it
   * through a getter on its prototype (storage/corpus-codec.ts), so copy a passage field by field,
   * not with `{ ...passage }`.
   */
  readonly text: string;
  start: number;
  end: number;
}

/** A problem found while loading a corpus: the file and what is wrong with it. */
export interface CorpusProblem {
  file: string;
  /** The front-matter field at fault, when there is one. */
  field?: string;
  reason: string;
  /** `error`: the file was skipped. `warning`: it loaded, but something is off. */
  severity: 'error' | 'warning';
}

/** Where a shown excerpt comes from. `excerpt` is always verbatim text of the passage. */
export interface Citation {
  article: string;
  passage: string;
  title: string;
  /** The article's author: shown in labels when there is no publisher. Not part of the JSON contract. */
  author: string | null;
  publisher: string | null;
  published: IsoDate | null;
  url: string | null;
  excerpt: string;
  /** Passage number within the article (the ¶ shown to users). */
  paragraph: number;
  /** Whether the excerpt starts after the passage start / ends before the passage end (render "…"). */
  cutBefore: boolean;
  cutAfter: boolean;
}
