/**
 * Sentence boundaries in English news text: a small, rule-based splitter that knows the usual
 * abbreviations (titles, initials, months, "U.S."), decimal numbers, ellipses and closing quotes.
 */

export interface Span {
  start: number;
  end: number;
}

/** Abbreviations that end with a full stop but do not end a sentence (lower case, without the dot). */
const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'sr', 'jr', 'st', 'mt', 'gen', 'lt', 'col', 'maj', 'capt', 'cpt', 'sgt',
  'adm', 'cmdr', 'gov', 'sen', 'rep', 'rev', 'hon', 'pres', 'supt', 'insp', 'det', 'cpl', 'pvt', 'fr',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
  'mon', 'tue', 'tues', 'wed', 'thu', 'thur', 'thurs', 'fri', 'sat', 'sun',
  'no', 'nos', 'vs', 'v', 'etc', 'inc', 'ltd', 'co', 'corp', 'dept', 'univ', 'approx', 'est', 'fig',
  'al', 'op', 'cf', 'e.g', 'i.e', 'a.m', 'p.m', 'ave', 'blvd', 'rd', 'ft', 'km', 'mi', 'oz', 'lb',
]);

const CLOSERS = new Set(['"', '\u201d', '\u2019', "'", ')', ']', '\u00bb']);

function isUpperStart(ch: string | undefined): boolean {
  return ch !== undefined && /[\p{Lu}\p{N}"\u201c\u2018'([]/u.test(ch);
}

/** The word (letters and inner dots) that ends just before `index`. */
function wordBefore(text: string, index: number): string {
  let i = index;
  while (i > 0 && /[\p{L}.]/u.test(text[i - 1] ?? '')) i -= 1;
  return text.slice(i, index);
}

/** Splits `text` (or `text.slice(from, to)`) into sentence spans, trimmed of surrounding white space. */
export function splitSentences(text: string, from = 0, to = text.length): Span[] {
  const spans: Span[] = [];
  let start = from;
  let i = from;
  const push = (end: number): void => {
    let s = start;
    let e = end;
    while (s < e && /\s/.test(text[s] ?? '')) s += 1;
    while (e > s && /\s/.test(text[e - 1] ?? '')) e -= 1;
    if (e > s) spans.push({ start: s, end: e });
    start = end;
  };
  while (i < to) {
    const ch = text[i];
    if (ch === '\n' && text[i + 1] === '\n') {
      push(i);
      i += 2;
      continue;
    }
    if (ch === '.' || ch === '!' || ch === '?' || ch === '\u2026') {
      let j = i + 1;
      while (j < to && (text[j] === '.' || text[j] === '!' || text[j] === '?' || text[j] === '\u2026')) j += 1;
      while (j < to && CLOSERS.has(text[j] ?? '')) j += 1;
      if (j >= to) {
        i = j;
        break;
      }
      if (!/\s/.test(text[j] ?? '')) {
        i = j;
        continue;
      }
      let k = j;
      while (k < to && /\s/.test(text[k] ?? '')) k += 1;
      const next = text[k];
      if (ch === '.' && j === i + 1) {
        const word = wordBefore(text, i);
        const bare = word.toLowerCase();
        // "U.S." and initials ("J. Smith") and known abbreviations do not end a sentence unless a
        // capitalised word that is not a name continuation follows; we keep it simple and stay put.
        if (ABBREVIATIONS.has(bare) || /^\p{L}$/u.test(word)) {
          i = j;
          continue;
        }
        if (/^(\p{L}\.)+\p{L}$/u.test(word) && !isUpperStart(next)) {
          i = j;
          continue;
        }
      }
      if (ch === '\u2026' && next !== undefined && /\p{Ll}/u.test(next)) {
        i = j;
        continue;
      }
      if (isUpperStart(next) || next === undefined) {
        push(j);
        i = k;
        continue;
      }
      i = j;
      continue;
    }
    i += 1;
  }
  push(to);
  return spans;
}
