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
const WORD = /[\p{L}\p{N}](?:[\p{L}\p{N}]|['\u2019\u02bc.\u2010\u2011-](?=[\p{L}\p{N}]))*\.?/gu;

export interface Token {
  /** The word as written. */
  text: string;
  start: number;
  end: number;
}

export function wordTokens(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    let word = m[0];
    // A trailing dot belongs to the word only for abbreviations such as "U.S." or "Jr.".
    if (word.endsWith('.') && !/^(?:\p{L}\.)+$/u.test(word)) word = word.slice(0, -1);
    out.push({ text: word, start: m.index, end: m.index + word.length });
  }
  return out;
}

/**
 * The index terms for one written word (folded, possessive dropped, hyphenated parts plus the
 * joined form, abbreviations mapped). `query` mode also reads lower-case "us"/"un" as the country
 * and the organisation, since nobody searches for the pronoun.
 */
export function termsOf(word: string, mode: 'index' | 'query' = 'index'): string[] {
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

/** Every index term of a text, in order, with multi-word forms ("United States") added as one term. */
export function textTerms(text: string, mode: 'index' | 'query' = 'index'): string[] {
  const tokens = wordTokens(text);
  const folded = tokens.map((t) => foldWord(t.text));
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i];
    if (!token) continue;
    const phrase = ABBREVIATIONS.find((a) => a.phrase.every((p, k) => folded[i + k] === p));
    if (phrase) {
      out.push(phrase.term);
      // A query asks for the country, not the two words: "United States" must find "US".
      if (mode === 'query') {
        i += phrase.phrase.length - 1;
        continue;
      }
    }
    out.push(...termsOf(token.text, mode));
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
