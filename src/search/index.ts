import MiniSearch, { type AsPlainObject, type Options, type Query, type SearchResult } from 'minisearch';
import type { Article, Passage } from '../domain/types.ts';
import { queryGroups, textTerms } from './terms.ts';

/**
 * Bumped whenever anything that shapes the index changes (fields, term processing, boosts):
 * snapshots carry it and a snapshot with another version is rebuilt.
 */
export const INDEX_VERSION = 1;

/** What is indexed for each passage. */
export interface IndexedPassage {
  id: string;
  text: string;
  title: string;
  section: string;
  /** Names of the people the passage mentions (filled by the knowledge layer; empty before). */
  people: string;
}

/**
 * The one options object for building and loading the index: a snapshot loaded with other options
 * would answer differently, so both paths take this value.
 */
export const INDEX_OPTIONS: Options<IndexedPassage> = {
  /** Passage id, `<articleId>#p<n>`. */
  idField: 'id',
  /** Searched fields. Default: text, title, section, people. */
  fields: ['text', 'title', 'section', 'people'],
  /** Nothing stored in the index: passages live beside it. */
  storeFields: [],
  /** Word tokens already folded into index terms (see terms.ts). */
  tokenize: (text: string) => textTerms(text, 'index'),
  /** Terms arrive processed from `tokenize`; nothing more to do. */
  processTerm: (term: string) => term,
  searchOptions: {
    /** Query trees are built by `planQuery` from already processed terms. */
    tokenize: (text: string) => [text],
    processTerm: (term: string) => term,
    /** Default boosts: a match in the title or a person's name counts for more than one in text. */
    boost: { title: 1.5, section: 1.2, people: 1.5 },
  },
};

export interface SearchHit {
  id: string;
  score: number;
  /** Index terms that matched in this passage (for highlighting). */
  terms: string[];
}

export interface PassageSearchOptions {
  /** How many hits at most. Default 10. */
  limit?: number;
  /** Only passages this predicate accepts (e.g. a guild's view of the corpus). */
  filter?: (id: string) => boolean;
}

/** The passage index: MiniSearch behind a query planner. */
export class PassageIndex {
  readonly mini: MiniSearch<IndexedPassage>;

  private constructor(mini: MiniSearch<IndexedPassage>) {
    this.mini = mini;
  }

  static build(articles: readonly Article[], passages: readonly Passage[], people?: ReadonlyMap<string, string[]>): PassageIndex {
    const mini = new MiniSearch<IndexedPassage>(INDEX_OPTIONS);
    const titles = new Map(articles.map((a) => [a.id, a.title]));
    mini.addAll(passages.map((p) => toIndexed(p, titles.get(p.articleId) ?? '', people?.get(p.id))));
    return new PassageIndex(mini);
  }

  /** Loads an index saved by `toJS`, with the same options it was built with. */
  static fromJS(js: unknown): PassageIndex {
    return new PassageIndex(MiniSearch.loadJS<IndexedPassage>(js as AsPlainObject, INDEX_OPTIONS));
  }

  toJS(): AsPlainObject {
    return this.mini.toJSON();
  }

  add(articles: readonly Article[], passages: readonly Passage[]): void {
    const titles = new Map(articles.map((a) => [a.id, a.title]));
    this.mini.addAll(passages.map((p) => toIndexed(p, titles.get(p.articleId) ?? '')));
  }

  get size(): number {
    return this.mini.documentCount;
  }

  /**
   * Plans and runs a query: every word must match (exact, or as a prefix for the last word); when
   * that finds nothing, words are allowed to match fuzzily and any word may be missing.
   */
  search(query: string, options: PassageSearchOptions = {}): SearchHit[] {
    const limit = options.limit ?? 10;
    const groups = queryGroups(query);
    if (groups.length === 0) return [];
    const filter = options.filter;
    const searchFilter = filter ? (r: SearchResult) => filter(String(r.id)) : undefined;
    const tree = (fuzzy: boolean, combineWith: 'AND' | 'OR'): Query => ({
      combineWith,
      queries: groups.map((g, i) => ({
        combineWith: 'OR',
        queries: g.terms,
        prefix: i === groups.length - 1 && g.terms.length === 1 && (g.terms[0]?.length ?? 0) >= 3,
        fuzzy: fuzzy ? (term: string) => (term.length >= 5 ? 0.2 : term.length >= 4 ? 1 : false) : false,
      })),
    });
    let results = this.mini.search(tree(false, 'AND'), { filter: searchFilter });
    if (results.length === 0) results = this.mini.search(tree(true, 'AND'), { filter: searchFilter });
    if (results.length === 0 && groups.length > 1) results = this.mini.search(tree(true, 'OR'), { filter: searchFilter });
    return results.slice(0, limit).map((r) => ({ id: String(r.id), score: r.score, terms: r.terms }));
  }
}

function toIndexed(p: Passage, title: string, people: string[] = []): IndexedPassage {
  return { id: p.id, text: p.text, title, section: p.section ?? '', people: people.join(' ; ') };
}
