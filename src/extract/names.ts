/**
 * Finding name candidates: runs of capitalised words, split into a leading title ("Iranian Foreign
 * Minister") and the name itself ("Abbas Araghchi"), then judged by cues: titles and courtesy
 * titles, given names, verbs of saying, appositions, and what the rest of the article says about
 * the same words. One job: which capitalised runs are people. Grouping happens in people.ts.
 */
import {
  AMBIGUOUS_GIVEN, CORPORATE_SUFFIXES, HONORIFICS, MONTHS, NAME_PARTICLES, NAME_SUFFIXES, ORG_HEADS, PERSON_BEFORE,
  PERSON_NOUNS, PERSON_VERBS, PLACES, SPEECH_VERBS, STOP_CAPS, TITLE_HEADS, TITLE_MODIFIERS, commonWordSet,
  givenNameSet, nameWordSet, nationalitySet, placeNameSet,
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

/** Regnal and generational numbers after a name ("Louis XVI", "Carlos I", "Glenn Profitt II"). */
const ROMAN = /^(?:I{1,3}|IV|VI{0,3}|IX|XI{0,3}|XIV|XVI{0,3}|XIX|XX)$/u;

/** Given names that are also everyday words but common as given names ("Will Smith", "Rose Byrne"). */
const GIVEN_COMMON = new Set(`will mark frank bill jack don guy ray rose grace hope joy dawn faith amber ruby jade pearl iris
  lily daisy holly ivy violet summer april may june victor sandy rusty bob pat sue penny gene earl chuck cliff dale glen
  gay bud buck chip drew harry art bert ken max sonny sunny rob wade miles dean rich matt nick sally carol lance chase
  grant hunter august autumn heather bishop carter cook baker king prince major rex sky skip tim tom mike buddy eddy jerry
  bobby billy sammy tommy johnny jimmy randy terry kitty`.split(/\s+/));

/** Frequent East Asian family names, written first ("Wang Shichong", "Nguyen Van Thieu"). */
const FAMILY_FIRST = new Set(`Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Zhu Hu Guo Lin Gao Luo Zheng Liang Xie
  Deng Feng Cao Peng Zeng Xiao Tian Dong Pan Yuan Cai Jiang Du Ye Cheng Wei Su Lu Ding Ren Shen Yao Jin Qian Dai Fang Shi
  Xiong Mao Qiu Qin Hou Jia Xia Zou Kong Bai Yan Kim Choi Jung Jeong Kang Cho Yoon Jang Lim Shin Seo Kwon Hwang Ahn Hong
  Nguyen Tran Pham Hoang Huynh Phan Vu Vo Dang Bui Ngo Duong Ly Chan Wong Cheung Lau Leung Tse Yip Chow Koizumi`.split(/\s+/));

/** A common English word as written (capitalised or not): "Ring", "Home"; not "Brad" or "Smith". */
function isCommonWord(t: Token): boolean {
  return commonWordSet().has(t.lower);
}

/** A word that is only a common word, never a name part ("Revolver", "Complex", "Chair"). */
function onlyCommon(t: Token): boolean {
  return isCommonWord(t) && !nameWordSet().has(t.text) && !givenNameSet().has(t.text);
}

/** Known place: a country, capital, province, large city ("Chiang Mai") or a PLACES word. */
function isPlaceName(text: string): boolean {
  return PLACES.has(text.toLowerCase()) || placeNameSet().has(text);
}

function isInitial(t: Token): boolean {
  return /^\p{Lu}\.$/u.test(t.text);
}

/** A courtesy title as written in prose ("Mr", "Dr."), not an acronym ("MS Windows"). */
function isHonorific(t: Token): boolean {
  return HONORIFICS.has(bare(t)) && !/^\p{Lu}{2,}\.?$/u.test(t.text);
}

function isTitle(t: Token): boolean {
  return TITLE_HEADS.has(bare(t)) || isHonorific(t);
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
      // A nickname in quotes between two names: William "Cowboy" Cowley.
      if (/^["“‘']$/u.test(next.text)) {
        let q = j + 2;
        while (q < j + 5 && tokens[q] && nameLike(tokens[q] as Token)) q += 1;
        const close = tokens[q];
        const resume = tokens[q + 1];
        if (q > j + 2 && close && /^["”’']$/u.test(close.text) && resume && nameLike(resume) && !resume.initial && !tokens[q - 1]?.initial) {
          j = q + 1;
          continue;
        }
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
      // So are sentence-initial common words ("Despite Bobick", "Apparently Hitzig").
      const orgRun = tokens.slice(a, b + 1).some((t) => ORG_HEADS.has(bare(t)));
      while (a <= b && (STOP_CAPS.has(tokens[a]?.lower ?? '') || (a < b && !orgRun && tokens[a]?.initial === true && onlyCommon(tokens[a] as Token) && !TITLE_HEADS.has(bare(tokens[a] as Token)))) && !HONORIFICS.has(bare(tokens[a] as Token))) {
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
      if (isHonorific(t)) honorific = true;
      else if (TITLE_HEADS.has(bare(t))) titled = true;
    }
  }
  // Acronyms ("US", "NATO") are not name words: keep the part after the last one. A roman numeral
  // after a name word is a regnal or generational number ("Louis XVI").
  for (let k = first; k <= last; k += 1) {
    const t = tokens[k] as Token;
    if (isAcronym(t) && !(k > first && ROMAN.test(t.text))) first = k + 1;
  }
  // A title or organisation word before a given name and a name ("County Coroner William
  // McLaughlin", "Law Professor David W. Opderbeck"): the name is the part from the given name on.
  for (let k = first + 1; k < last; k += 1) {
    const t = tokens[k] as Token;
    if (!isGiven(t.text) || AMBIGUOUS_GIVEN.has(t.lower) || isCommonWord(t)) continue;
    const before = tokens.slice(first, k);
    const after = tokens.slice(k + 1, last + 1);
    if (before.some((u) => isGiven(u.text) && !isCommonWord(u) && !TITLE_HEADS.has(bare(u)))) break;
    if (!before.some((u) => TITLE_HEADS.has(bare(u)) || ORG_HEADS.has(bare(u)) || onlyCommon(u) || nationalitySet().has(u.text))) break;
    if (after.some((u) => ORG_HEADS.has(bare(u)) || CORPORATE_SUFFIXES.has(u.text))) break;
    roles.push({ start: (tokens[first] as Token).start, end: (tokens[k - 1] as Token).end });
    titled = titled || before.some((u) => TITLE_HEADS.has(bare(u)));
    first = k;
    break;
  }
  // Suffixes and particles do not end a name's core; trailing particles are dropped.
  while (last >= first && NAME_PARTICLES.has((tokens[last] as Token).text)) last -= 1;
  // "Queenslander Mitchell Rawlins": a leading word that is no name before a given name.
  if (h < 0 && last - first >= 2) {
    const t0 = tokens[first] as Token;
    const t1 = tokens[first + 1] as Token;
    if (!isNameWord(t0.text) && (isCommonWord(t0) || /(?:er|an|ese|ish)$/u.test(t0.lower)) && isGiven(t1.text) && !AMBIGUOUS_GIVEN.has(t1.lower)) first += 1;
  }
  if (first > last) return null;
  // Quote marks around a nickname are part of the span, not of the name's words.
  const nameToks = tokens.slice(first, last + 1).filter((t) => t.kind !== 'punct');
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
  const regnal = nameToks.length >= 2 && ROMAN.test(nameToks[nameToks.length - 1]?.text ?? '');
  const coreToks = nameToks.filter((t, i) => !NAME_SUFFIXES.has(bare(t)) && !NAME_PARTICLES.has(t.text) && !(i > 0 && isInitial(t)) && !(i > 0 && i === nameToks.length - 1 && regnal));
  const core = coreToks.map((t) => bare(t));
  const nextTok = tokens[last + 1];
  const next2 = tokens[last + 2];
  // 2. Things that are not people.
  if (nameToks.length > 5) return verdict('not-person', 'too long');
  if (nameToks.some((t) => /\d/.test(t.text))) return verdict('not-person', 'digits');
  if (lowers.some((w, i) => ORG_HEADS.has(w) && !(i === 0 && isGiven(words[0] ?? '') && nameToks.length > 1))) return verdict('not-person', 'organisation head');
  if (nextTok && CORPORATE_SUFFIXES.has(nextTok.text) || words.some((w) => CORPORATE_SUFFIXES.has(w))) return verdict('not-person', 'company');
  if (nameToks.some((t) => nationalitySet().has(t.text)) && !honorific && !titled) return verdict('not-person', 'nationality');
  // "Boston Bruins", "Rochester Jeffersons": a place and a plural is a team.
  if (nameToks.length >= 2 && isPlaceName(words.slice(0, -1).join(' ')) && !isGiven(words[0] ?? '') && /[^s]s$/u.test(words[words.length - 1] ?? '') && !nameWordSet().has(words[words.length - 1] ?? '') && !honorific && !titled) return verdict('not-person', 'team');
  if (nextTok?.lower === 'of' && next2?.cap && !titled && !honorific && !isGiven(words[0] ?? '')) return verdict('unknown', 'x of y');
  if (lowers.some((w) => PLACE_PARTS.has(w))) return verdict('not-person', 'place part');
  if (core.length === 1 && MONTHS.has(core[0] ?? '') && !honorific) return verdict('not-person', 'month');
  if (core.some((w) => STOP_CAPS.has(w) && !AMBIGUOUS_GIVEN.has(w))) return verdict('unknown', 'stop word');
  // A run that ends in a title is a role ("Airbus President", "Chief Executive Officer"), unless
  // a given name leads it ("John Major").
  const tail = coreToks[coreToks.length - 1];
  if (core.length >= 2 && tail && TITLE_HEADS.has(bare(tail)) && !honorific && !isGiven(words[0] ?? '')) return verdict('not-person', 'title phrase');
  const single = core.length === 1;
  const w0 = words[0] ?? '';
  const prevTok = tokens[first - 1];
  // "the pianist András", "his brother Konstanty", "née Stone", "a daughter named Breana Symone".
  const nounBefore = prevTok && prevTok.kind === 'word' && !prevTok.cap
    && (PERSON_NOUNS.has(prevTok.lower) || PERSON_NOUNS.has(prevTok.lower.replace(/s$/u, '')) || prevTok.lower === 'member' || prevTok.lower === 'members' || PERSON_BEFORE.has(prevTok.lower) || (/ists?$/u.test(prevTok.lower) && prevTok.lower.length >= 6 && !isCommonWord(prevTok)) || /^(?:\p{L}+ists|artist|pianist|guitarist|novelist|journalist|activist)$/u.test(prevTok.lower));
  // "Budjana moved", "Carter 's father", "Touma ( 1919 - 1985 )", "Dahvin ( born 1993 )".
  const verbAfter = nextTok && nextTok.kind === 'word' && !nextTok.cap && PERSON_VERBS.has(nextTok.lower);
  const kinAfter = nextTok?.kind === 'possessive' || nextTok?.text === '\'' || nextTok?.text === '’'
    ? ((t) => t !== undefined && /^(?:father|mother|wife|husband|son|daughter|brother|sister|parents|widow|girlfriend|boyfriend|family|career|death|birth|funeral|childhood|debut)$/u.test(t.lower))(tokens[last + (nextTok?.kind === 'possessive' ? 2 : tokens[last + 2]?.lower === 's' ? 3 : 2)])
    : false;
  const bornAfter = (nextTok?.text === '(' && (next2?.lower === 'born' || next2?.lower === 'née' || (next2?.kind === 'number' && /^\d{4}$/u.test(next2.text) && /^[-–—]$/u.test(tokens[last + 3]?.text ?? ''))))
    || (nextTok?.text === ',' && next2?.lower === 'born');
  const strong = honorific || titled || nounBefore === true || kinAfter || bornAfter;
  if (single && PLACES.has(lowers[0] ?? '') && !honorific) return verdict('unknown', 'place');
  if (!strong && !single && placeNameSet().has(words.join(' '))) return verdict('unknown', 'place');
  // "Paxton, Illinois", "Salem, New Jersey": a name followed by a region is a place.
  if (!strong && nextTok?.text === ',' && next2?.cap && !(isGiven(w0) && !single)) {
    let e = last + 2;
    const region: string[] = [];
    while (tokens[e]?.cap && tokens[e]?.kind === 'word' && region.length < 3) {
      region.push((tokens[e] as Token).text);
      e += 1;
    }
    if (region.length > 0 && isPlaceName(region.join(' ')) && !isGiven(region[0] ?? '')) return verdict('unknown', 'place');
  }
  // Names do not end in a word that is only a common noun ("Velvet Revolver", "Scott Chair").
  const lastCore = coreToks[coreToks.length - 1];
  const realGiven = isGiven(w0) && (!isCommonWord(nameToks[0] as Token) || GIVEN_COMMON.has(w0.toLowerCase()));
  if (!strong && lastCore && onlyCommon(lastCore) && !(realGiven && !single)) return verdict('unknown', 'common word');
  // Nor are they made of common words only ("Red Lion", "Law Enforcement"), unless led by a given name.
  if (!strong && coreToks.every((t) => isCommonWord(t)) && !GIVEN_COMMON.has(coreToks[0]?.lower ?? '')) return verdict('unknown', 'common words');
  if (!single && PLACES.has(lowers[lowers.length - 1] ?? '') && !isGiven(w0)) return verdict('unknown', 'place');

  // 3. Evidence for a person.
  if (honorific) return verdict('person', 'honorific');
  if (regnal && (titled || (isGiven(w0) && !isAcronym(tokens[first - 1] ?? (tokens[first] as Token)))) && (nameToks[nameToks.length - 1]?.text !== 'I' || titled)) return verdict('person', 'regnal number');
  if (titled && !precededByThe) return verdict('person', 'title');
  if (titled && !single) return verdict('person', 'title');
  const ambiguous = AMBIGUOUS_GIVEN.has(w0.toLowerCase()) || ctx.lowerWords.has(w0.toLowerCase());
  const monthDate = MONTHS.has(w0.toLowerCase()) && (tokens[first + 1]?.kind === 'number' || tokens[first - 1]?.kind === 'number');
  if (!single && isGiven(w0) && !monthDate) {
    const second = nameToks[1] as Token;
    if (!ambiguous || (second.cap && !PLACES.has(second.lower) && !STOP_CAPS.has(second.lower))) return verdict('person', 'given name');
  }
  if (!single && isInitial(nameToks[0] as Token) && !precededByThe) return verdict('person', 'initial');
  // "Gotthold Ephraim Lessing", "Adilson Tavares Varela": a given name second, between name words.
  if (nameToks.length === 3 && isGiven(nameToks[1]?.text ?? '') && !isCommonWord(nameToks[1] as Token) && !isCommonWord(nameToks[0] as Token)
    && !isCommonWord(nameToks[2] as Token) && !isPlaceName(words.join(' ')) && localish0()) return verdict('person', 'given name');
  function localish0(): boolean {
    return !precededByThe && !nameToks.some((t) => ctx.locative.has(t.text));
  }
  const says = (nextTok && nextTok.kind === 'word' && SPEECH_VERBS.has(nextTok.lower) && !nextTok.cap)
    || (prevTok && prevTok.kind === 'word' && /^(?:says|said|added|asked|according)$/u.test(prevTok.lower));
  const who = nextTok?.text === ',' && (next2?.lower === 'who' || next2?.kind === 'number');
  const nameish = nameToks.every((t) => isNameWord(t.text) || NAME_PARTICLES.has(t.lower) || isInitial(t));
  const localish = !precededByThe && !nameToks.some((t) => ctx.locative.has(t.text));
  if ((says || who || appAfter || appBefore) && localish && (nameish || !single)) return verdict('person', 'context');
  const placeLike = single && isPlaceName(w0);
  if (placeLike) return verdict('unknown', 'place');
  const familyFirst = !single && nameToks.length <= 3 && FAMILY_FIRST.has(w0) && nameToks.slice(1).every((t) => !isCommonWord(t) && !isPlaceName(t.text) && !ORG_HEADS.has(t.lower));
  if (familyFirst && localish) return verdict('person', 'family name first');
  if ((nounBefore || kinAfter || bornAfter) && localish && !placeLike) return verdict('person', 'person cue');
  if (verbAfter && localish && !placeLike && (nameish || !single || !isCommonWord(nameToks[0] as Token))) return verdict('person', 'person verb');
  if (!single && nameToks.length <= 3 && nameish && localish && !(nameToks[0] as Token).initial) return verdict('person', 'name words');
  if (single && isGiven(w0) && !ambiguous && localish && nextTok?.cap !== true && !placeLike && !isCommonWord(nameToks[0] as Token)) return verdict('person', 'given only');
  return verdict('unknown', 'no cue');
}
