/**
 * Finding name candidates: runs of capitalised words, split into a leading title ("Iranian Foreign
 * Minister") and the name itself ("Abbas Araghchi"), then judged by cues: titles and courtesy
 * titles, given names, verbs of saying, appositions, and what the rest of the article says about
 * the same words. One job: which capitalised runs are people. Grouping happens in people.ts.
 */
import {
  AMBIGUOUS_GIVEN, HONORIFICS, MONTHS, NAME_PARTICLES, NAME_SUFFIXES, ORG_HEADS, PLACES, SPEECH_VERBS,
  STOP_CAPS, TITLE_HEADS, TITLE_MODIFIERS, givenNameSet, nameWordSet,
} from './lexicon.ts';
import { bare, type Token } from './tokens.ts';

/** Words that start place names, never person names ("Los Angeles", "Hong Kong", "Tel Aviv"). */
const PLACE_PARTS = new Set(['los', 'las', 'san', 'santa', 'sao', 'são', 'hong', 'kong', 'tel', 'aviv', 'saint', 'st.', 'st', 'port', 'fort', 'mount', 'mt.', 'cape', 'rio', 'buenos', 'aires', 'kuala', 'lumpur', 'sri', 'lanka', 'dhabi', 'salt', 'great', 'upper', 'lower', 'greater', 'little']);
const LOCATIVES = new Set(['in', 'at', 'from', 'near', 'across', 'outside', 'inside', 'throughout', 'towards', 'toward', 'into', 'via']);
/** Kin and function nouns accepted as roles in an apposition ("President Trump’s son-in-law"). */
const ROLE_EXTRA = new Set(['son', 'daughter', 'wife', 'husband', 'brother', 'sister', 'mother', 'father', 'son-in-law', 'daughter-in-law', 'widow', 'cousin', 'nephew', 'niece', 'uncle', 'aunt', 'grandson', 'granddaughter', 'member', 'owner', 'partner', 'friend', 'colleague', 'ally', 'deputy', 'successor', 'predecessor', 'representative']);

export type Verdict = 'person' | 'not-person' | 'unknown';

export interface NameCandidate {
  /** Index range of the name tokens in the token list [first, last]. */
  first: number;
  last: number;
  start: number;
  end: number;
  /** Name tokens' words, as written. */
  words: string[];
  verdict: Verdict;
  /** Why: the cue that decided (for debugging and tests). */
  cue: string;
  /** Role spans found around the name (title before it, appositions). */
  roles: { start: number; end: number }[];
  /** Region the candidate comes from. */
  field: string;
}

/** What the whole article says about words: used lowercase, used after "in"/"from". */
export interface DocContext {
  lowerWords: Set<string>;
  locative: Set<string>;
}

export function docContext(tokens: readonly Token[]): DocContext {
  const lowerWords = new Set<string>();
  const locative = new Set<string>();
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i];
    if (!t || t.kind !== 'word') continue;
    if (!t.cap) lowerWords.add(t.lower);
    else if (i > 0 && LOCATIVES.has(tokens[i - 1]?.text ?? '')) locative.add(t.text);
  }
  return { lowerWords, locative };
}

function isAcronym(t: Token): boolean {
  return /^\p{Lu}[\p{Lu}.&]+$/u.test(t.text) && t.text.length >= 2 && !/^\p{Lu}\.$/u.test(t.text);
}

function isInitial(t: Token): boolean {
  return /^\p{Lu}\.$/u.test(t.text);
}

function isTitle(t: Token): boolean {
  const b = bare(t);
  return TITLE_HEADS.has(b) || HONORIFICS.has(b);
}

function isGiven(word: string): boolean {
  return givenNameSet().has(word);
}

function isNameWord(word: string): boolean {
  return nameWordSet().has(word) || givenNameSet().has(word);
}

function nameLike(t: Token): boolean {
  return t.kind === 'word' && t.cap && !/\d/.test(t.text);
}

/** Builds runs of capitalised words (with particles and initials inside) from the tokens. */
function runs(tokens: readonly Token[]): [number, number][] {
  const out: [number, number][] = [];
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i];
    if (!t || !nameLike(t)) {
      i += 1;
      continue;
    }
    let j = i;
    for (;;) {
      const next = tokens[j + 1];
      if (!next) break;
      if (nameLike(next)) {
        j += 1;
        continue;
      }
      // "Badr al Busaidi", "Ludwig van Beethoven": a lower-case particle between two capitals.
      const after = tokens[j + 2];
      if (next.kind === 'word' && NAME_PARTICLES.has(next.lower) && after && nameLike(after)) {
        j += 2;
        continue;
      }
      break;
    }
    out.push([i, j]);
    i = j + 1;
  }
  return out;
}

/** Is there a line break between two tokens (a run never crosses lines). */
function broken(text: string, a: Token, b: Token): boolean {
  return text.slice(a.end, b.start).includes('\n');
}

function splitAtBreaks(text: string, tokens: readonly Token[], r: [number, number]): [number, number][] {
  const out: [number, number][] = [];
  let s = r[0];
  for (let k = r[0] + 1; k <= r[1]; k += 1) {
    const a = tokens[k - 1];
    const b = tokens[k];
    if (a && b && broken(text, a, b)) {
      out.push([s, k - 1]);
      s = k;
    }
  }
  out.push([s, r[1]]);
  return out;
}

/** Role span to the left of token index `i` (title words, possessive "Oman’s", lowercase titles). */
function leftRoleStart(tokens: readonly Token[], i: number): number {
  let k = i;
  for (;;) {
    const prev = tokens[k - 1];
    if (!prev) break;
    if (prev.kind === 'possessive' && tokens[k - 2]?.cap) {
      k -= 2;
      while (tokens[k - 1]?.cap && tokens[k - 1]?.kind === 'word' && !tokens[k - 1]?.initial) k -= 1;
      if (tokens[k - 1]?.cap && tokens[k - 1]?.initial && !STOP_CAPS.has(tokens[k - 1]?.lower ?? '')) k -= 1;
      break;
    }
    if (prev.kind === 'word' && !prev.cap && (TITLE_HEADS.has(bare(prev)) || TITLE_MODIFIERS.has(prev.lower)) && prev.lower !== 'the' && prev.lower !== 'of') {
      k -= 1;
      continue;
    }
    if (prev.kind === 'word' && prev.cap && (TITLE_HEADS.has(bare(prev)) || TITLE_MODIFIERS.has(bare(prev)) || isAcronym(prev))) {
      k -= 1;
      continue;
    }
    break;
  }
  return k;
}

/** An apposition after the name: ", the head of US Central Command," → its span, or null. */
function appositionAfter(tokens: readonly Token[], last: number): { start: number; end: number; firstIdx: number; lastIdx: number } | null {
  if (tokens[last + 1]?.text !== ',') return null;
  const s = last + 2;
  const first = tokens[s];
  if (!first) return null;
  const det = first.lower === 'the' || first.lower === 'a' || first.lower === 'an' || first.lower === 'his' || first.lower === 'her'
    || first.lower === 'its' || first.lower === 'their' || (first.cap && tokens[s + 1]?.kind === 'possessive')
    || isTitle(first) || TITLE_MODIFIERS.has(first.lower);
  if (!det) return null;
  let e = s;
  let hasHead = false;
  while (e < tokens.length && e - s < 14) {
    const t = tokens[e];
    if (!t) break;
    if (t.kind === 'punct' && t.text !== '-' && t.text !== '–') break;
    if (t.kind === 'word' && (TITLE_HEADS.has(bare(t)) || ROLE_EXTRA.has(t.lower))) hasHead = true;
    if (t.kind === 'word' && !t.cap && SPEECH_VERBS.has(t.lower)) return null;
    e += 1;
  }
  const end = tokens[e];
  if (!hasHead || e === s) return null;
  if (end && end.text !== ',' && end.text !== '.' && end.text !== ';' && end.text !== ')') return null;
  const lastTok = tokens[e - 1];
  if (!lastTok) return null;
  return { start: first.start, end: lastTok.end, firstIdx: s, lastIdx: e - 1 };
}

/** An apposition before the name: "Oman’s foreign minister, Badr al-Busaidi" → its span, or null. */
function appositionBefore(tokens: readonly Token[], first: number): { start: number; end: number } | null {
  if (tokens[first - 1]?.text !== ',') return null;
  const j = first - 2;
  const head = tokens[j];
  if (!head || head.kind !== 'word' || head.cap || !TITLE_HEADS.has(bare(head))) return null;
  const k = leftRoleStart(tokens, j);
  const startTok = tokens[k];
  if (!startTok || k === j && !tokens[k - 1]) return null;
  return { start: startTok.start, end: head.end };
}

/**
 * Finds the name candidates in `tokens` and gives each a first verdict from local cues.
 * `text` is the whole file text (for line breaks), `field` names the region.
 */
export function findCandidates(text: string, tokens: readonly Token[], ctx: DocContext, field: string): NameCandidate[] {
  const out: NameCandidate[] = [];
  for (const whole of runs(tokens)) {
    for (const [a0, b] of splitAtBreaks(text, tokens, whole)) {
      let a = a0;
      // Leading function words ("The", "In", "But") are not part of a name.
      let precededByThe = tokens[a - 1]?.lower === 'the';
      let placeLead = false;
      while (a <= b && STOP_CAPS.has(tokens[a]?.lower ?? '') && !HONORIFICS.has(bare(tokens[a] as Token))) {
        if (tokens[a]?.lower === 'the') precededByThe = true;
        // "New York", "South Africa", "West Bank": a place, whatever follows.
        if (a < b && /^(?:new|north|south|east|west|northern|southern|eastern|western|central|upper|lower)$/u.test(tokens[a]?.lower ?? '')) placeLead = true;
        a += 1;
      }
      if (a > b || placeLead) continue;
      const cand = judge(text, tokens, ctx, a, b, precededByThe, field);
      if (cand) out.push(cand);
    }
  }
  return out;
}

function judge(
  _text: string, tokens: readonly Token[], ctx: DocContext, a: number, b: number, precededByThe: boolean, field: string,
): NameCandidate | null {
  // 1. Leading title: the last title word such that everything before it is title-like or not a name.
  let h = -1;
  for (let k = a; k < b; k += 1) {
    const t = tokens[k] as Token;
    if (isTitle(t)) {
      let ok = true;
      for (let q = a; q < k; q += 1) {
        const u = tokens[q] as Token;
        if (isGiven(u.text) && !isTitle(u) && !TITLE_MODIFIERS.has(u.lower) && !AMBIGUOUS_GIVEN.has(u.lower)) ok = false;
      }
      if (ok) h = k;
    }
  }
  let first = h >= 0 ? h + 1 : a;
  let last = b;
  let honorific = false;
  let titled = false;
  const roles: { start: number; end: number }[] = [];
  if (h >= 0) {
    for (let q = a; q <= h; q += 1) {
      const t = tokens[q] as Token;
      if (HONORIFICS.has(bare(t))) honorific = true;
      else if (TITLE_HEADS.has(bare(t))) titled = true;
    }
  }
  // Acronyms ("US", "NATO") are not name words: keep the part after the last one.
  for (let k = first; k <= last; k += 1) {
    if (isAcronym(tokens[k] as Token)) first = k + 1;
  }
  // Suffixes and particles do not end a name's core; trailing particles are dropped.
  while (last >= first && NAME_PARTICLES.has((tokens[last] as Token).text)) last -= 1;
  // "Queenslander Mitchell Rawlins": a leading word that is no name before a given name.
  if (h < 0 && last - first >= 2) {
    const t0 = tokens[first] as Token;
    const t1 = tokens[first + 1] as Token;
    if (!isNameWord(t0.text) && isGiven(t1.text) && !AMBIGUOUS_GIVEN.has(t1.lower)) first += 1;
  }
  if (first > last) return null;
  const nameToks = tokens.slice(first, last + 1);
  const words = nameToks.map((t) => t.text);
  const start = (tokens[first] as Token).start;
  const end = (tokens[last] as Token).end;
  const cand: NameCandidate = { first, last, start, end, words, verdict: 'unknown', cue: '', roles, field };
  const verdict = (v: Verdict, cue: string): NameCandidate => {
    cand.verdict = v;
    cand.cue = cue;
    return cand;
  };

  // Role before: lower-case titles or title-led run.
  const leftStart = leftRoleStart(tokens, h >= 0 ? a : first);
  const leftTok = tokens[leftStart];
  if (h >= 0 || leftStart < first) {
    // Courtesy titles alone are no role.
    const roleTokens = tokens.slice(leftStart, first).filter((t) => !HONORIFICS.has(bare(t)));
    const lastRole = roleTokens[roleTokens.length - 1];
    if (leftTok && lastRole && roleTokens.some((t) => TITLE_HEADS.has(bare(t)))) {
      roles.push({ start: roleTokens[0]?.start ?? leftTok.start, end: lastRole.end });
      titled = true;
    }
  }
  const prev = tokens[first - 1];
  if (prev && prev.kind === 'word' && !prev.cap && TITLE_HEADS.has(bare(prev))) titled = true;
  const appAfter = appositionAfter(tokens, last);
  const appBefore = appositionBefore(tokens, first);
  if (appAfter) roles.push({ start: appAfter.start, end: appAfter.end });
  if (appBefore) roles.push(appBefore);

  const lowers = nameToks.map((t) => bare(t));
  const core = nameToks.filter((t) => !NAME_SUFFIXES.has(bare(t)) && !(NAME_PARTICLES.has(t.text))).map((t) => bare(t));
  const nextTok = tokens[last + 1];
  const next2 = tokens[last + 2];
  // 2. Things that are not people.
  if (nameToks.length > 5) return verdict('not-person', 'too long');
  if (nameToks.some((t) => /\d/.test(t.text))) return verdict('not-person', 'digits');
  if (lowers.some((w, i) => ORG_HEADS.has(w) && !(i === 0 && isGiven(words[0] ?? '') && nameToks.length > 1))) return verdict('not-person', 'organisation head');
  if (nextTok?.lower === 'of' && next2?.cap && !titled && !honorific && !isGiven(words[0] ?? '')) return verdict('unknown', 'x of y');
  if (lowers.some((w) => PLACE_PARTS.has(w))) return verdict('not-person', 'place part');
  if (core.length === 1 && MONTHS.has(core[0] ?? '') && !honorific) return verdict('not-person', 'month');
  if (core.some((w) => STOP_CAPS.has(w) && !AMBIGUOUS_GIVEN.has(w))) return verdict('unknown', 'stop word');
  const single = core.length === 1;
  const w0 = words[0] ?? '';
  if (single && PLACES.has(lowers[0] ?? '') && !honorific) return verdict('unknown', 'place');
  if (!single && PLACES.has(lowers[lowers.length - 1] ?? '') && !isGiven(w0)) return verdict('unknown', 'place');

  // 3. Evidence for a person.
  if (honorific) return verdict('person', 'honorific');
  if (titled && !precededByThe) return verdict('person', 'title');
  if (titled && !single) return verdict('person', 'title');
  const ambiguous = AMBIGUOUS_GIVEN.has(w0.toLowerCase()) || ctx.lowerWords.has(w0.toLowerCase());
  const monthDate = MONTHS.has(w0.toLowerCase()) && (tokens[first + 1]?.kind === 'number' || tokens[first - 1]?.kind === 'number');
  if (!single && isGiven(w0) && !monthDate) {
    const second = nameToks[1] as Token;
    if (!ambiguous || (second.cap && !PLACES.has(second.lower) && !STOP_CAPS.has(second.lower))) return verdict('person', 'given name');
  }
  if (!single && isInitial(nameToks[0] as Token) && !precededByThe) return verdict('person', 'initial');
  const prevTok = tokens[first - 1];
  const says = (nextTok && nextTok.kind === 'word' && SPEECH_VERBS.has(nextTok.lower) && !nextTok.cap)
    || (prevTok && prevTok.kind === 'word' && /^(?:says|said|added|asked|according)$/u.test(prevTok.lower));
  const who = nextTok?.text === ',' && (next2?.lower === 'who' || next2?.kind === 'number');
  const nameish = nameToks.every((t) => isNameWord(t.text) || NAME_PARTICLES.has(t.lower) || isInitial(t));
  const localish = !precededByThe && !nameToks.some((t) => ctx.locative.has(t.text));
  if ((says || who || appAfter || appBefore) && localish && (nameish || !single)) return verdict('person', 'context');
  if (!single && nameToks.length <= 3 && nameish && localish && !(nameToks[0] as Token).initial) return verdict('person', 'name words');
  if (single && isGiven(w0) && !ambiguous && localish && nextTok?.cap !== true) return verdict('person', 'given only');
  return verdict('unknown', 'no cue');
}
