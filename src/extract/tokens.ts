/**
 * A small word tokenizer for the extractors: words (with inner hyphens and apostrophes, initials
 * and known abbreviations keeping their dot), numbers and single punctuation marks, each with its
 * offsets. A possessive "’s" becomes a token of its own, so "Kushner’s" yields "Kushner" + "’s".
 */
import { HONORIFICS, NAME_SUFFIXES, TITLE_HEADS } from './lexicon.ts';

export interface Token {
  start: number;
  end: number;
  text: string;
  /** Lower-case text. */
  lower: string;
  kind: 'word' | 'number' | 'punct' | 'possessive';
  /** Starts with a capital letter (or is an "al-X"-style name part). */
  cap: boolean;
  /** First word of a sentence, paragraph or line (after opening quotes or brackets). */
  initial: boolean;
}

const WORD = /[\p{L}\p{M}]+(?:[’'\-.][\p{L}\p{M}]+)*|\d+(?:[.,:]\d+)*%?|\S/gu;
const PARTICLE_PREFIX = /^(?:al|el|as|ash|ad|an|ar|at|az|bin|ibn|abu|d|o)[-’'][\p{Lu}]/u;
const CAP = /^\p{Lu}/u;

/** True for a word that looks like an abbreviation keeping its dot ("Dr.", "Gen.", "J.", "Jr."). */
function keepsDot(word: string): boolean {
  const lower = word.toLowerCase();
  if (/^\p{Lu}$/u.test(word)) return true; // initial
  if (/^(?:\p{L}\.)+\p{L}$/u.test(word)) return true; // U.S, A.A
  return HONORIFICS.has(lower) || TITLE_HEADS.has(lower) || NAME_SUFFIXES.has(lower) || lower === 'st' || lower === 'mt';
}

/**
 * Tokenizes `text.slice(from, to)`. `initial` is set for the first word of a sentence (after
 * `.`, `!`, `?`, a blank line or a line start) — a capital there says nothing about names.
 */
export function tokenize(text: string, from = 0, to = text.length): Token[] {
  const tokens: Token[] = [];
  WORD.lastIndex = from;
  let atStart = true;
  let lastEnd = from;
  const slice = text.slice(0, to);
  for (let m = WORD.exec(slice); m !== null; m = WORD.exec(slice)) {
    const start = m.index;
    let end = start + m[0].length;
    let word = m[0];
    if (text.slice(lastEnd, start).includes('\n')) atStart = true;
    lastEnd = end;
    if (/^\d/.test(word)) {
      tokens.push({ start, end, text: word, lower: word, kind: 'number', cap: false, initial: false });
      atStart = false;
      continue;
    }
    if (!/^[\p{L}\p{M}]/u.test(word)) {
      const initial = atStart;
      tokens.push({ start, end, text: word, lower: word, kind: 'punct', cap: false, initial });
      if (word === '.' || word === '!' || word === '?' || word === '…') atStart = true;
      continue;
    }
    // Possessive: "Kushner’s" → "Kushner" + "’s".
    let possessive: Token | null = null;
    const pm = /[’']s$/u.exec(word);
    if (pm && word.length > 2) {
      const pStart = end - 2;
      possessive = { start: pStart, end, text: text.slice(pStart, end), lower: "'s", kind: 'possessive', cap: false, initial: false };
      word = word.slice(0, -2);
      end = pStart;
    } else if (text[end] === '.' && keepsDot(word)) {
      end += 1;
      word += '.';
      WORD.lastIndex = end;
      lastEnd = end;
    }
    const cap = CAP.test(word) || PARTICLE_PREFIX.test(word);
    tokens.push({ start, end, text: word, lower: word.toLowerCase(), kind: 'word', cap, initial: atStart });
    if (possessive) tokens.push(possessive);
    atStart = false;
    // A dot kept on an abbreviation does not end the sentence; one kept on a sentence-final initial
    // would, but that is rare enough to ignore.
  }
  return tokens;
}

/** The word without a trailing dot, lower case ("Gen." → "gen"). */
export function bare(token: Token): string {
  return token.lower.endsWith('.') ? token.lower.slice(0, -1) : token.lower;
}
