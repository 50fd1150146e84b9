import type { Highlight, SearchAnswer } from '../domain/answer.ts';
import type { Passage } from '../domain/types.ts';
import { indexWordInfo, scanWordRanges } from '../search/terms.ts';
import { UserError } from './errors.ts';
import { excerptWindow } from './excerpt.ts';
import { cite, type Library } from './library.ts';

/** Longest query accepted, in characters. */
export const MAX_QUERY_CHARS = 300;
/** Most results one search returns. */
export const MAX_SEARCH_LIMIT = 25;
/** Longest excerpt a search result shows, in characters (cut at word boundaries). */
export const SEARCH_EXCERPT_CHARS = 400;

export interface SearchRequest {
  query: string;
  /** Results wanted, 1 to 25. Default 5. */
  limit?: number;
  /** Only passages this predicate accepts (a guild's view of the corpus). */
  filter?: (passageId: string) => boolean;
}

/** Ranges of the words in `text` whose index terms are among `terms` (the first `max` of them). */
export function highlightsIn(text: string, terms: ReadonlySet<string>, max = Number.POSITIVE_INFINITY): Highlight[] {
  const out: Highlight[] = [];
  // A word's index terms start with its own first letter, lower-cased (folding, possessives and
  // abbreviations keep it), or with a letter after one of its hyphens: a word whose ASCII first
  // letter starts no term, and which has no hyphen, is skipped without folding it.
  const firsts = new Set<number>();
  for (const t of terms) firsts.add(t.charCodeAt(0));
  const skipTo = skipper(text, firsts);
  scanWordRanges(text, (start, end) => {
    if (out.length >= max) return false;
    const c = text.charCodeAt(start);
    if (c < 128 && !firsts.has(c >= 65 && c <= 90 ? c + 32 : c) && !hasHyphen(text, start, end)) return;
    for (const t of indexWordInfo(text.slice(start, end)).index) {
      if (terms.has(t)) {
        out.push({ start, end });
        return;
      }
    }
  }, skipTo);
  return out;
}

/**
 * Where a highlight scan may jump to: a word can have a term only if it holds the term's first
 * letter (either case) or a character outside ASCII (which may fold to it), so the scan moves on
 * to the next such character, or rather to just after the ASCII whitespace before it, where no
 * word can be cut. Found with one regex search (native) instead of a step per character. Null
 * (no skipping) when a term does not start with an ASCII letter or digit.
 */
function skipper(text: string, firsts: ReadonlySet<number>): ((i: number) => number) | undefined {
  let letters = '';
  for (const c of firsts) {
    if (c >= 97 && c <= 122) letters += String.fromCharCode(c, c - 32);
    else if (c >= 48 && c <= 57) letters += String.fromCharCode(c);
    else return undefined;
  }
  const marker = new RegExp(`(?<![A-Za-z0-9])[${letters}]|[\\u0080-\\uffff]`, 'g');
  return (i) => {
    marker.lastIndex = i;
    const found = marker.exec(text);
    if (found === null) return text.length;
    let at = found.index;
    while (at > i && !isAsciiSpace(text.charCodeAt(at - 1))) at -= 1;
    return at;
  };
}

function isAsciiSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d);
}

function hasHyphen(text: string, start: number, end: number): boolean {
  for (let i = start + 1; i < end; i += 1) {
    const c = text.charCodeAt(i);
    if (c === 0x2d || c === 0x2010 || c === 0x2011) return true;
  }
  return false;
}

export function normaliseQuery(raw: string, option = 'query'): string {
  const query = raw.replace(/[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/g, '').replace(/\s+/g, ' ').trim();
  if (query === '') throw new UserError('Type something to search for.', option);
  if (query.length > MAX_QUERY_CHARS) throw new UserError(`That is too long: keep it under ${MAX_QUERY_CHARS} characters.`, option);
  return query;
}

/** The best passages for a query, each cited, with the matching words to highlight. */
export function search(library: Library, request: SearchRequest): SearchAnswer {
  const query = normaliseQuery(request.query);
  const limit = request.limit ?? 5;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_SEARCH_LIMIT) {
    throw new UserError(`limit must be a whole number from 1 to ${MAX_SEARCH_LIMIT}.`, 'limit');
  }
  const hits = library.index.search(query, { limit, filter: request.filter });
  const results: SearchAnswer['results'] = [];
  for (const hit of hits) {
    const passage: Passage | undefined = library.passageById.get(hit.id);
    if (!passage) continue;
    // The window starts at the first match; only the window is then scanned for the rest (its
    // ends are word boundaries, so its words are the passage's words there).
    const terms = new Set(hit.terms);
    const first = highlightsIn(passage.text, terms, 1);
    const { from, to } = excerptWindow(passage.text, first, SEARCH_EXCERPT_CHARS);
    const highlights = highlightsIn(passage.text.slice(from, to), terms);
    results.push({ score: hit.score, citation: cite(library, passage, from, to), highlights });
  }
  return { kind: 'search', query, results };
}
