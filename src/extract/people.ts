/**
 * People of one article: name candidates (names.ts) judged by local cues, then refiners that
 * (1) take authors and contributors from the front matter, (2) carry a confirmed name to its other
 * mentions in the article (surname alone, possessive, given name alone), and (3) group mentions
 * into people with their fullest name, other spellings and stated roles.
 */
import type { Article } from '../domain/types.ts';
import { docContext, findCandidates, type NameCandidate } from './names.ts';
import { textRegions } from './regions.ts';
import { AMBIGUOUS_GIVEN, CORPORATE_SUFFIXES, NAME_SUFFIXES, ORG_HEADS, PLACES } from './lexicon.ts';
import { tokenize, type Token } from './tokens.ts';
import type { Mention, PersonExtract, RoleStatement } from './types.ts';

interface Found {
  cand: NameCandidate;
  tokens: readonly Token[];
}

const CONTRIBUTED = /^\s*(?:\(?\s*(?:in|from)\s+[\p{Lu}][\p{L}.\- ]*\)?\s*)?(?:also\s+)?(?:contributed|reported|wrote|writes|contributes)\b/u;
const BY_BEFORE = /\b(?:by|reporting|writing|editing|reported|written|edited|compiled)\s*[:]?\s*$/iu;

/** The words of a name that identify it: without suffixes ("Jr.") and dots. */
function key(words: readonly string[]): string {
  return words.filter((w) => !NAME_SUFFIXES.has(w.toLowerCase().replace(/\.$/, ''))).join(' ');
}

/** Surnames equal up to case, hyphens and spaces ("al-Busaidi" = "Albusaidi"). */
function sameSurname(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return false;
  const n = (x: string): string => x.toLowerCase().replace(/[^\p{L}]/gu, '');
  return n(a) === n(b);
}

function surnameOf(words: readonly string[]): string | null {
  const core = words.filter((w) => !NAME_SUFFIXES.has(w.toLowerCase().replace(/\.$/, '')));
  return core.length >= 2 ? (core[core.length - 1] ?? null) : null;
}

/**
 * People mentioned in an article, with their mentions, aliases and stated roles. Authors (the
 * `author` field) and contributors named in `credits` count; offsets point into the whole file.
 */
export function extractPeople(article: Article): PersonExtract[] {
  return group(article.text, personCandidates(article).filter((c) => c.verdict === 'person'));
}

/**
 * Every name candidate of an article with its final verdict and the cue that decided it, after the
 * document-level refiners (for extractPeople, debugging and the eval's error listing).
 */
export function personCandidates(article: Article): NameCandidate[] {
  const { text } = article;
  const regions = textRegions(article);
  const perRegion = regions.map((r) => ({ region: r, tokens: tokenize(text, r.start, r.end) }));
  const ctx = docContext(perRegion.flatMap((p) => p.tokens));
  const found: Found[] = [];
  for (const { region, tokens } of perRegion) {
    for (const cand of findCandidates(text, tokens, ctx, region.field)) {
      if (region.field === 'author' && cand.verdict !== 'not-person') {
        cand.verdict = 'person';
        cand.cue = 'author';
      } else if (region.field === 'credits' && cand.verdict === 'unknown' && cand.cue !== 'place' && !/\b(?:in|from|at)\s*$/u.test(text.slice(Math.max(region.start, cand.start - 6), cand.start))) {
        const after = text.slice(cand.end, Math.min(region.end, cand.end + 60));
        const before = text.slice(Math.max(region.start, cand.start - 30), cand.start);
        const lineStart = text.lastIndexOf('\n', cand.start) + 1;
        const lineEnd = text.indexOf('\n', cand.end);
        const line = text.slice(Math.max(lineStart, region.start), lineEnd < 0 || lineEnd > region.end ? region.end : lineEnd);
        if (CONTRIBUTED.test(after) || BY_BEFORE.test(before) || (cand.words.length >= 2 && line.replace(/["'|>-]/g, '').trim() === cand.words.join(' '))) {
          cand.verdict = 'person';
          cand.cue = 'credit';
        }
      }
      found.push({ cand, tokens });
    }
  }

  refuteOrganisations(found);
  propagate(found);
  confirmLists(found);
  propagate(found);
  return found.map((f) => f.cand);
}

/** Cues that say only "this looks like a name": an organisation seen elsewhere outweighs them. */
const WEAK_CUES = new Set(['given name', 'name words', 'given only', 'same name', 'given name of a person']);
/** Organisation verdicts whose name part marks the same words elsewhere as the organisation. */
const ORG_CUES = new Set(['company', 'team']);

/**
 * Refiner: words seen as an organisation once ("Eberhard Faber GmbH", "Boston Bruins") are not a
 * person elsewhere in the article on a weak cue alone ("Eberhard Faber", "Bruins").
 */
function refuteOrganisations(found: Found[]): void {
  const orgNames = new Set<string>();
  for (const { cand } of found) {
    if (cand.verdict !== 'not-person' || !ORG_CUES.has(cand.cue)) continue;
    const core = cand.words.filter((w) => !ORG_HEADS.has(w.toLowerCase()) && !CORPORATE_SUFFIXES.has(w));
    if (core.length === 0 || core.length === cand.words.length && cand.cue !== 'team') continue;
    orgNames.add(core.join(' '));
    if (cand.cue === 'team') orgNames.add(core[core.length - 1] ?? '');
  }
  if (orgNames.size === 0) return;
  // A name that some mention gives a strong cue for ("Mr Faber said") stays a person.
  const strong = new Set(found.filter((f) => f.cand.verdict === 'person' && !WEAK_CUES.has(f.cand.cue)).map((f) => key(f.cand.words)));
  for (const { cand } of found) {
    if (strong.has(key(cand.words))) continue;
    if (cand.verdict === 'person' && WEAK_CUES.has(cand.cue) && orgNames.has(key(cand.words))) {
      cand.verdict = 'unknown';
      cand.cue = 'organisation elsewhere';
    } else if (cand.verdict === 'unknown' && orgNames.has(key(cand.words))) {
      cand.verdict = 'not-person';
      cand.cue = 'organisation elsewhere';
    }
  }
}

/** Refiner: names confirmed anywhere confirm their other mentions. */
function propagate(found: Found[]): void {
  const fullNames = new Set<string>();
  const surnames = new Set<string>();
  const givens = new Map<string, number>();
  for (const { cand } of found) {
    if (cand.verdict !== 'person') continue;
    const k = key(cand.words);
    fullNames.add(k);
    const s = surnameOf(cand.words);
    if (s) {
      surnames.add(s);
      const g = cand.words[0] ?? '';
      givens.set(g, (givens.get(g) ?? 0) + 1);
    }
  }
  for (const { cand } of found) {
    if (cand.verdict !== 'unknown' || cand.cue === 'organisation elsewhere') continue;
    const k = key(cand.words);
    const single = cand.words.length === 1 ? (cand.words[0] ?? '') : null;
    if (fullNames.has(k)) {
      cand.verdict = 'person';
      cand.cue = 'same name';
    } else if (single !== null && surnames.has(single)) {
      cand.verdict = 'person';
      cand.cue = 'surname';
    } else if (single !== null && givens.has(single) && !AMBIGUOUS_GIVEN.has(single.toLowerCase()) && !PLACES.has(single.toLowerCase())) {
      cand.verdict = 'person';
      cand.cue = 'given name of a person';
    } else if (cand.words.length >= 2 && surnames.has(cand.words[cand.words.length - 1] ?? '') && cand.cue !== 'organisation head') {
      cand.verdict = 'person';
      cand.cue = 'surname';
    }
  }
}

/** Words that join the items of a list of names: ",", "and", ", and", "or", "&". */
function listJoint(tokens: readonly Token[], from: number, to: number): boolean {
  const between = tokens.slice(from, to).map((t) => t.lower).join(' ');
  return between === ',' || between === 'and' || between === ', and' || between === 'or' || between === ', or';
}

/**
 * Refiner: in a list or coordination of names ("Tieck , Schelling and Novalis", "Carter and
 * LeRoi"), where people outnumber known non-people, the items without any cue are people too.
 */
function confirmLists(found: Found[]): void {
  let i = 0;
  while (i < found.length) {
    let j = i;
    while (j + 1 < found.length) {
      const a = found[j] as Found;
      const b = found[j + 1] as Found;
      if (a.tokens !== b.tokens || !listJoint(a.tokens, a.cand.last + 1, b.cand.first)) break;
      j += 1;
    }
    if (j > i) {
      const items = found.slice(i, j + 1).map((f) => f.cand);
      const people = items.filter((c) => c.verdict === 'person' && c.cue !== 'given only' && c.cue !== 'given name of a person').length;
      const others = items.filter((c) => c.verdict === 'not-person' || c.cue === 'place' || c.cue === 'common words' || c.cue === 'nationality').length;
      if (people >= 1 && people > others) {
        for (const c of items) {
          const w = c.words.join(' ');
          if (c.verdict === 'unknown' && c.cue === 'no cue' && w.length >= 3 && !/^[\p{Lu}\d&.-]+$/u.test(w)) {
            c.verdict = 'person';
            c.cue = 'list';
          }
        }
      }
    }
    i = j + 1;
  }
}

/** Groups person mentions into people: full names first, then surnames and given names alone. */
function group(text: string, cands: NameCandidate[]): PersonExtract[] {
  interface Entity { words: string[]; mentions: NameCandidate[]; first: number }
  const entities: Entity[] = [];
  const byKey = new Map<string, Entity>();
  const ordered = [...cands].sort((x, y) => x.start - y.start);
  const multi = ordered.filter((c) => c.words.length >= 2);
  const singles = ordered.filter((c) => c.words.length < 2);
  for (const c of multi) {
    const k = key(c.words);
    let e = byKey.get(k);
    if (!e) {
      // "Brad Cooper" and "Admiral Brad Cooper" are one; "Abbas Araqchi" and "Araqchi" too.
      const s = surnameOf(c.words);
      e = entities.find((x) => sameSurname(surnameOf(x.words), s) && (x.words[0] === c.words[0] || /^\p{Lu}\.$/u.test(c.words[0] ?? '') && x.words[0]?.[0] === c.words[0]?.[0]));
      if (!e) {
        e = { words: c.words, mentions: [], first: c.start };
        entities.push(e);
      }
      byKey.set(k, e);
    }
    if (c.words.length > e.words.length) e.words = c.words;
    e.mentions.push(c);
  }
  for (const c of singles) {
    const w = c.words[0] ?? '';
    const bySurname = entities.filter((x) => x.words.length >= 2 && surnameOf(x.words) === w);
    const byGiven = entities.filter((x) => x.words.length >= 2 && x.words[0] === w);
    const pool = bySurname.length > 0 ? bySurname : byGiven;
    let e: Entity | undefined;
    if (pool.length > 0) {
      // The nearest earlier mention wins; else the first one.
      let best: Entity | undefined;
      let bestPos = -1;
      for (const x of pool) {
        for (const m of x.mentions) if (m.start < c.start && m.start > bestPos) { best = x; bestPos = m.start; }
      }
      e = best ?? pool[0];
    }
    if (!e) {
      e = byKey.get(w);
      if (!e) {
        e = { words: [w], mentions: [], first: c.start };
        entities.push(e);
        byKey.set(w, e);
      }
    }
    e.mentions.push(c);
  }
  return entities
    .map((e) => {
      const mentions: Mention[] = e.mentions
        .sort((x, y) => x.start - y.start)
        .map((m) => ({ start: m.start, end: m.end, text: text.slice(m.start, m.end) }));
      const name = e.words.join(' ');
      const aliases = [...new Set(mentions.map((m) => m.text.replace(/\s+/g, ' ')))].filter((t) => t !== name);
      const seen = new Set<string>();
      const roles: RoleStatement[] = [];
      for (const m of e.mentions) {
        for (const r of m.roles) {
          const t = text.slice(r.start, r.end);
          if (seen.has(t.toLowerCase())) continue;
          seen.add(t.toLowerCase());
          roles.push({ start: r.start, end: r.end, text: t });
        }
      }
      return { name, aliases, roles, mentions, first: mentions[0]?.start ?? 0 };
    })
    .sort((x, y) => x.first - y.first)
    .map(({ name, aliases, roles, mentions }) => ({ name, aliases, roles, mentions }));
}
