/**
 * Term processing shared by indexing and querying: folds case, diacritics, curly and straight
 * apostrophes and quotes, hyphenated words and the common news abbreviations, and drops stop words.
 */

/** English stop words: too common to help a search. Kept short so names like "Will" still index. */
export const STOP_WORDS: ReadonlySet<string> = new Set([
  'a', 'an', 'and', 'are', 'as', 'at', 'be', 'been', 'but', 'by', 'for', 'from', 'had', 'has', 'have',
  'he', 'her', 'his', 'i', 'in', 'into', 'is', 'it', 'its', 'of', 'on', 'or', 'our', 'she', 'so', 'than',
  'that', 'the', 'their', 'them', 'then', 'there', 'these', 'they', 'this', 'those', 'to', 'was', 'we',
  'were', 'what', 'when', 'which', 'while', 'who', 'with', 'would', 'you', 'your', 'us', 'do', 'did',
  'not', 'no', 'if', 'can', 'could', 'will', 'also', 'about', 'after', 'before', 'over', 'such', 'any',
]);

/**
 * Common news abbreviations and the full forms they stand for, mapped to one index term. Upper-case
 * forms only, so the pronoun "us" stays a stop word in text while "US" and "U.S." mean the country.
 */
const ABBREVIATIONS: ReadonlyArray<{ term: string; forms: string[]; phrase: string[] }> = [
  { term: 'unitedstates', forms: ['US', 'U.S.', 'U.S', 'USA', 'U.S.A.', 'U.S.A'], phrase: ['united', 'states'] },
  { term: 'unitednations', forms: ['UN', 'U.N.', 'U.N'], phrase: ['united', 'nations'] },
  { term: 'unitedkingdom', forms: ['UK', 'U.K.', 'U.K'], phrase: ['united', 'kingdom'] },
  { term: 'europeanunion', forms: ['EU', 'E.U.', 'E.U'], phrase: ['european', 'union'] },
  { term: 'unitedarabemirates', forms: ['UAE', 'U.A.E.', 'U.A.E'], phrase: ['united', 'arab', 'emirates'] },
];

const FORM_TO_TERM = new Map<string, string>();
for (const { term, forms } of ABBREVIATIONS) for (const form of forms) FORM_TO_TERM.set(form, term);

/** First words of the multi-word forms, to skip the phrase search for every other word. */
const PHRASE_STARTS: ReadonlySet<string> = new Set(ABBREVIATIONS.map((a) => a.phrase[0] ?? ''));

/**
 * A memo for a pure function of a word: indexing and highlighting meet the same words again and
 * again (Zipf), and folding (NFKD, regexes) costs far more than a Map lookup. Two generations of
 * at most MEMO_LIMIT words each: when the young one fills up it becomes the old one, so frequent
 * words survive and memory stays bounded.
 */
const MEMO_LIMIT = 65_536;
function memo<T>(fn: (word: string) => T): (word: string) => T {
  let young = new Map<string, T>();
  let old = new Map<string, T>();
  return (word) => {
    let value = young.get(word);
    if (value !== undefined) return value;
    value = old.get(word) ?? fn(word);
    if (young.size >= MEMO_LIMIT) {
      old = young;
      young = new Map();
    }
    young.set(word, value);
    return value;
  };
}

/** Folds a word: Unicode compatibility forms, diacritics stripped, lower case, curly quotes straightened. */
export function foldWord(word: string): string {
  return word
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[\u2018\u2019\u201b\u02bc\u2032`´]/g, "'")
    .toLowerCase();
}

/**
 * Raw word tokens with their offsets: letters, digits, inner apostrophes, hyphens and dots
 * (so "al-Busaidi", "Iran’s" and "U.S." arrive whole and are folded by `termsOf`).
 */
/** The word pattern `scanWords` implements by hand (kept as its specification). */
export const WORD = /[\p{L}\p{N}](?:[\p{L}\p{N}]|['\u2019\u02bc.\u2010\u2011-](?=[\p{L}\p{N}]))*\.?/gu;

export interface Token {
  /** The word as written. */
  text: string;
  start: number;
  end: number;
}

export function wordTokens(text: string): Token[] {
  const out: Token[] = [];
  scanWords(text, (word, start) => void out.push({ text: word, start, end: start + word.length }));
  return out;
}

/** The regex's letter-or-digit class, for code points outside ASCII. */
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
const ABBREVIATION_WORD = /^(?:\p{L}\.)+$/u;

/** Length in code units (1 or 2) of the letter or digit at `i`, or 0 if there is none. */
function wordCharAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) ? 1 : 0;
  if (c >= 0xd800 && c <= 0xdbff) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return LETTER_OR_DIGIT.test(text.slice(i, i + 2)) ? 2 : 0;
    return 0;
  }
  if (c >= 0xdc00 && c <= 0xdfff) return 0;
  return LETTER_OR_DIGIT.test(text[i] as string) ? 1 : 0;
}

/** Inner punctuation a word may hold when a letter or digit follows: ' ’ ʼ . ‐ ‑ - */
function isJoiner(c: number): boolean {
  return c === 0x27 || c === 0x2e || c === 0x2d || c === 0x2019 || c === 0x02bc || c === 0x2010 || c === 0x2011;
}

/**
 * Calls `emit` for every word of `text`, exactly as matching WORD with `matchAll` and trimming a
 * non-abbreviation's trailing dot would, without the regex's per-match cost (indexing runs this
 * over every passage).
 */
function scanWords(text: string, emit: (word: string, start: number) => void): void {
  scanWordRanges(text, (start, end) => emit(text.slice(start, end), start));
}

/**
 * Calls `emit(start, end)` for every word of `text`: the words `scanWords` gives, as offsets, so a
 * caller that interns words itself (index building) never makes a string for a word it has seen.
 * The scan stops when `emit` returns false.
 *
 * `skipTo(i)`, called where the scan is between words (at 0 and where each word's scan ended),
 * may move it on, over words the caller does not want, to a later position that is also between
 * words: `i` itself, the end of the text, or any position just after an ASCII whitespace
 * character (no word holds one). Default: no skipping.
 */
export function scanWordRanges(text: string, emit: (start: number, end: number) => boolean | void, skipTo?: (i: number) => number): void {
  const n = text.length;
  let i = skipTo ? skipTo(0) : 0;
  while (i < n) {
    const first = wordCharAt(text, i);
    if (first === 0) {
      const c = text.charCodeAt(i);
      // Step over a whole surrogate pair, as the regex (in unicode mode) does.
      i += c >= 0xd800 && c <= 0xdbff && i + 1 < n && text.charCodeAt(i + 1) >= 0xdc00 && text.charCodeAt(i + 1) <= 0xdfff ? 2 : 1;
      continue;
    }
    const start = i;
    let j = i + first;
    for (;;) {
      const w = wordCharAt(text, j);
      if (w > 0) {
        j += w;
        continue;
      }
      if (j < n && isJoiner(text.charCodeAt(j)) && wordCharAt(text, j + 1) > 0) {
        j += 1;
        continue;
      }
      break;
    }
    let end = j;
    if (j < n && text.charCodeAt(j) === 0x2e) {
      // A trailing dot belongs to the word only for abbreviations such as "U.S." or "Jr.".
      if (ABBREVIATION_WORD.test(text.slice(start, j + 1))) end = j + 1;
      j += 1;
    }
    if (emit(start, end) === false) return;
    i = skipTo ? skipTo(j) : j;
  }
}

/**
 * The index terms for one written word (folded, possessive dropped, hyphenated parts plus the
 * joined form, abbreviations mapped). `query` mode also reads lower-case "us"/"un" as the country
 * and the organisation, since nobody searches for the pronoun.
 */
export function termsOf(word: string, mode: 'index' | 'query' = 'index'): string[] {
  return (mode === 'index' ? indexTermsMemo(word) : queryTermsMemo(word)).slice();
}

function computeTermsOf(word: string, mode: 'index' | 'query'): readonly string[] {
  const mapped = FORM_TO_TERM.get(word) ?? (mode === 'query' ? FORM_TO_TERM.get(word.toUpperCase()) : undefined);
  if (mapped !== undefined) return [mapped];
  let folded = foldWord(word).replace(/\.+$/, '');
  folded = folded.replace(/'s$/, '').replace(/s'$/, 's').replace(/'/g, '');
  if (folded.includes('.')) folded = folded.replace(/\./g, '');
  if (folded === '') return [];
  const parts = folded.split(/[\u2010\u2011-]+/).filter((p) => p !== '');
  if (parts.length > 1) {
    const joined = parts.join('');
    const out = new Set<string>([joined]);
    for (const part of parts) if (!STOP_WORDS.has(part) && part.length > 1) out.add(part);
    return [...out];
  }
  if (STOP_WORDS.has(folded)) return [];
  return [folded];
}

/** What indexing needs to know about one written word, computed once per distinct word. */
interface WordInfo {
  folded: string;
  index: readonly string[];
  query: readonly string[] | undefined;
}
const wordInfo = memo((word): WordInfo => ({ folded: foldWord(word), index: computeTermsOf(word, 'index'), query: undefined }));
const indexTermsMemo = (word: string): readonly string[] => wordInfo(word).index;
function queryTermsMemo(word: string): readonly string[] {
  const info = wordInfo(word);
  info.query ??= computeTermsOf(word, 'query');
  return info.query;
}

/** True when a folded word may start a multi-word form ("united" of "United States"). */
export function isPhraseStart(folded: string): boolean {
  return PHRASE_STARTS.has(folded);
}

/** A written word's fold and its index terms (memoised; the arrays must not be changed). */
export function indexWordInfo(word: string): { readonly folded: string; readonly index: readonly string[] } {
  return wordInfo(word);
}

/**
 * The multi-word form ("United States") starting at word `i`, given the folded words, as its
 * index term; undefined when none starts there. `textTerms` adds it before the word's own terms.
 */
export function phraseTermAt(folded: (k: number) => string | undefined, i: number): string | undefined {
  const first = folded(i);
  if (first === undefined || !PHRASE_STARTS.has(first)) return undefined;
  return ABBREVIATIONS.find((a) => a.phrase.every((p, k) => folded(i + k) === p))?.term;
}

/** Every index term of a text, in order, with multi-word forms ("United States") added as one term. */
export function textTerms(text: string, mode: 'index' | 'query' = 'index'): string[] {
  const words: WordInfo[] = [];
  const raw: string[] = [];
  scanWords(text, (word) => {
    raw.push(word);
    words.push(wordInfo(word));
  });
  const out: string[] = [];
  for (let i = 0; i < words.length; i += 1) {
    const info = words[i] as WordInfo;
    const phrase = PHRASE_STARTS.has(info.folded) ? ABBREVIATIONS.find((a) => a.phrase.every((p, k) => words[i + k]?.folded === p)) : undefined;
    if (phrase) {
      out.push(phrase.term);
      // A query asks for the country, not the two words: "United States" must find "US".
      if (mode === 'query') {
        i += phrase.phrase.length - 1;
        continue;
      }
    }
    const terms = mode === 'index' ? info.index : queryTermsMemo(raw[i] as string);
    for (const term of terms) out.push(term);
  }
  return out;
}

/** One group a query must match: any of its terms (the index spellings of one written word or phrase). */
export interface QueryGroup {
  word: string;
  terms: string[];
}

/**
 * Splits a user query into groups of alternative terms, one per meaningful word; a multi-word
 * form ("United States") becomes one group with its abbreviation term.
 */
export function queryGroups(query: string): QueryGroup[] {
  const tokens = wordTokens(query);
  const folded = tokens.map((t) => foldWord(t.text));
  const groups: QueryGroup[] = [];
  const seen = new Set<string>();
  const add = (word: string, terms: string[]): void => {
    const key = terms.join('|');
    if (terms.length === 0 || seen.has(key)) return;
    seen.add(key);
    groups.push({ word, terms });
  };
  for (let i = 0; i < tokens.length; i += 1) {
    const phrase = ABBREVIATIONS.find((a) => a.phrase.every((p, k) => folded[i + k] === p));
    if (phrase) {
      add(tokens.slice(i, i + phrase.phrase.length).map((t) => t.text).join(' '), [phrase.term]);
      i += phrase.phrase.length - 1;
      continue;
    }
    const token = tokens[i];
    if (token) add(token.text, termsOf(token.text, 'query'));
  }
  return groups;
}
