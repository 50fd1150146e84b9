/**
 * Finding people by what a user types: full names, surnames, transliteration variants, typos and
 * prefixes (for autocomplete).
 */
import SearchableMap from 'minisearch/SearchableMap';
import { editDistance, foldName, nameParts, particleVariants, partKey } from './names.ts';
import type { PersonRecord } from './store.ts';

export type MatchKind = 'exact' | 'name' | 'variant' | 'part' | 'typo' | 'prefix';

export interface NameMatch {
  person: PersonRecord;
  score: number;
  kind: MatchKind;
}

const SCORES: Record<MatchKind, number> = { exact: 100, name: 95, variant: 85, part: 75, typo: 60, prefix: 40 };

interface FormParts {
  folded: string;
  parts: string[];
  /** The given name (first of several parts) folded without dots, and its partKey: for `givenFits`. */
  givenFold?: string;
  givenKey?: string;
  /** particleVariants of the surname (the last part), kept here: the names.ts memo is bounded. */
  surnameVariants: readonly string[];
}

/** Folded forms and name parts of each person, computed once per record. */
const FORMS = new WeakMap<PersonRecord, FormParts[]>();
function formsOf(person: PersonRecord): FormParts[] {
  let forms = FORMS.get(person);
  if (!forms) {
    forms = [person.name, ...person.aliases].map((f) => {
      const parts = nameParts(f);
      const surname = parts.at(-1);
      const form: FormParts = { folded: foldName(f), parts, surnameVariants: surname === undefined ? [] : particleVariants(surname) };
      const given = form.parts.length > 1 ? form.parts[0] : undefined;
      if (given !== undefined) {
        form.givenFold = foldName(given).replace(/\./g, '');
        form.givenKey = partKey(form.givenFold);
      }
      return form;
    });
    FORMS.set(person, forms);
  }
  return forms;
}

/** A query's given name prepared for many `givenFits` checks. */
interface QueryGiven {
  fold: string;
  key: string;
}

function queryGiven(qGiven: string): QueryGiven {
  const fold = foldName(qGiven).replace(/\./g, '');
  return { fold, key: partKey(fold) };
}

/** `givenNamesCompatible(qGiven, form's given name)` from precomputed folds and keys. */
function givenFits(q: QueryGiven, form: FormParts): boolean {
  const g = form.givenFold as string;
  if (q.fold.length === 1 || g.length === 1) return q.fold[0] === g[0];
  return q.key !== '' && q.key === form.givenKey;
}

/** A query prepared once for scoring many people. */
interface PreparedQuery {
  folded: string;
  qParts: readonly string[];
  /** Last part (the surname, or the only word). */
  q: string | undefined;
  /** First part when there are several. */
  qGiven: QueryGiven | undefined;
  /** particleVariants of `q`. */
  qVariants: readonly string[];
}

function prepare(query: string, qParts: readonly string[]): PreparedQuery {
  const q = qParts.at(-1);
  return {
    folded: foldName(query),
    qParts,
    q,
    qGiven: qParts.length > 1 ? queryGiven(qParts[0] as string) : undefined,
    qVariants: q === undefined ? [] : particleVariants(q),
  };
}

function bestMatch(person: PersonRecord, pq: PreparedQuery): MatchKind | null {
  const forms = formsOf(person);
  const { folded, qParts, q, qGiven, qVariants } = pq;
  if (forms.some((f) => f.folded === folded)) return 'exact';
  if (q === undefined) return null;
  let best: MatchKind | null = null;
  const better = (kind: MatchKind): void => {
    if (best === null || SCORES[kind] > SCORES[best]) best = kind;
  };
  for (const form of forms) {
    const parts = form.parts;
    const surname = parts.at(-1);
    if (surname === undefined) continue;
    // givenNamesCompatible(qGiven, given), from precomputed folds and keys.
    if (qGiven !== undefined && form.givenFold !== undefined && !givenFits(qGiven, form)) continue;
    if (surname === q) better(qGiven !== undefined ? 'name' : 'exact');
    else if (form.surnameVariants.some((k) => k !== '' && qVariants.includes(k))) better('variant');
    else if (qParts.length === 1 && parts.includes(q)) better('part');
    else if (q.length >= 4 && parts.some((p) => editDistance(p, q, 2) <= (q.length >= 7 ? 2 : 1))) better('typo');
    else if (q.length >= 2 && (form.folded.startsWith(folded) || parts.some((p) => p.startsWith(q)))) better('prefix');
  }
  return best;
}

/** A match with the person's rank, while findIndexed sorts. */
type RankedMatch = NameMatch & { rank: number };

/** Order of matches of one score: the most mentioned first, then by name. */
function byMentions(a: PersonRecord, b: PersonRecord): number {
  return b.mentions.length - a.mentions.length || a.name.localeCompare(b.name);
}

/**
 * A name index over one people list, so a lookup scores only the people it may match instead of
 * everyone: folded name parts and full forms in radix trees (for exact, prefix and typo lookups)
 * and surnames by their transliteration keys. People are numbered by rank (`byMentions`). Short
 * prefixes (which expand to thousands of people) have their people precomputed as ascending rank
 * lists, so autocomplete walks them in rank order and stops after `limit`.
 */
interface NameIndex {
  ranked: PersonRecord[];
  parts: SearchableMap<number[]>;
  forms: SearchableMap<number[]>;
  surnameKeys: Map<string, number[]>;
  /** People by the last part (surname) of each of their forms. */
  lastParts: Map<string, number[]>;
  /** Ranks (ascending, unique) of people with a name part starting with each short prefix. */
  partPrefixes: Map<string, number[]>;
  /** Ranks (ascending, unique) of people with a folded full form starting with each short prefix. */
  formPrefixes: Map<string, number[]>;
  /** Rank lists of the parts fuzzily near a queried part, for the last NEAR_MEMO parts asked (the fuzzy walk is the costly step, and names are asked again and again). */
  near: Map<string, ReadonlyArray<readonly number[]>>;
  /**
   * By rank, the given names a person's forms can agree with (`givenBits`): a query with a given
   * name skips, without scoring, the many people who share its surname but whose given names all
   * start otherwise.
   */
  givenMasks: Uint32Array;
}

/** The bit of a form without a given name: it never conflicts with the query's. */
const NO_GIVEN = 1 << 31;
/** A bit for the first letter of a given name's fold or key (a hash: colliding only weakens the filter). */
const letterBit = (s: string | undefined): number => (s === undefined || s === '' ? 0 : 1 << (s.charCodeAt(0) % 31));

/**
 * Bits that a compatible pair of given names share: `givenFits` needs equal keys (so equal first
 * key letters) or, when either is one letter, equal first letters.
 */
function givenBits(fold: string | undefined, key: string | undefined): number {
  if (fold === undefined) return NO_GIVEN;
  return letterBit(fold) | letterBit(key);
}

/** How many fuzzy part lookups a NameIndex remembers. */
const NEAR_MEMO = 4096;

/** Rank lists of the name parts within the typo distance of `q` (1, or 2 from seven letters). */
function nearParts(index: NameIndex, q: string): ReadonlyArray<readonly number[]> {
  let lists = index.near.get(q);
  if (lists === undefined) {
    lists = [...index.parts.fuzzyGet(q, q.length >= 7 ? 2 : 1).values()].map(([list]) => list);
    if (index.near.size >= NEAR_MEMO) {
      const oldest = index.near.keys().next().value;
      if (oldest !== undefined) index.near.delete(oldest);
    }
    index.near.set(q, lists);
  }
  return lists;
}

/** Lists shorter than this are scanned; longer ones get a NameIndex, kept as long as the list lives. */
const INDEX_FROM = 256;
/** Prefix lengths whose people a NameIndex precomputes (longer prefixes use the radix trees). */
const SHORT_PREFIX = { min: 2, max: 3 } as const;
const NAME_INDEXES = new WeakMap<readonly PersonRecord[], NameIndex>();

function nameIndex(people: readonly PersonRecord[]): NameIndex | null {
  let index = NAME_INDEXES.get(people);
  if (index || people.length < INDEX_FROM) return index ?? null;
  const ranked = [...people].sort(byMentions);
  const parts = new SearchableMap<number[]>();
  const forms = new SearchableMap<number[]>();
  const surnameKeys = new Map<string, number[]>();
  const lastParts = new Map<string, number[]>();
  const partPrefixes = new Map<string, number[]>();
  const formPrefixes = new Map<string, number[]>();
  const add = <K>(map: { get(k: K): number[] | undefined; set(k: K, v: number[]): unknown }, key: K, rank: number): void => {
    const list = map.get(key);
    if (list === undefined) map.set(key, [rank]);
    else if (list[list.length - 1] !== rank) list.push(rank);
  };
  const addPrefixes = (map: Map<string, number[]>, text: string, rank: number): void => {
    for (let n = SHORT_PREFIX.min; n <= Math.min(SHORT_PREFIX.max, text.length); n += 1) add(map, text.slice(0, n), rank);
  };
  const givenMasks = new Uint32Array(ranked.length);
  ranked.forEach((person, rank) => {
    for (const form of formsOf(person)) {
      givenMasks[rank] = (givenMasks[rank] as number) | givenBits(form.givenFold, form.givenKey);
      add(forms, form.folded, rank);
      addPrefixes(formPrefixes, form.folded, rank);
      for (const part of form.parts) {
        add(parts, part, rank);
        addPrefixes(partPrefixes, part, rank);
      }
      const surname = form.parts.at(-1);
      if (surname !== undefined) {
        add(lastParts, surname, rank);
        for (const key of form.surnameVariants) if (key !== '') add(surnameKeys, key, rank);
      }
    }
  });
  index = { ranked, parts, forms, surnameKeys, lastParts, partPrefixes, formPrefixes, near: new Map(), givenMasks };
  NAME_INDEXES.set(people, index);
  return index;
}

/** Ranks (ascending, unique) of the entries of `tree` starting with `prefix`. */
function ranksWithPrefix(short: Map<string, number[]>, tree: SearchableMap<number[]>, prefix: string): readonly number[] {
  if (prefix.length >= SHORT_PREFIX.min && prefix.length <= SHORT_PREFIX.max) return short.get(prefix) ?? [];
  const out: number[] = [];
  for (const [, list] of tree.atPrefix(prefix)) for (const r of list) out.push(r);
  out.sort((a, b) => a - b);
  let n = 0;
  for (let i = 0; i < out.length; i += 1) if (i === 0 || out[i] !== out[n - 1]) out[n++] = out[i] as number;
  out.length = n;
  return out;
}

/**
 * People whose names fit the query, best first (ties: the most mentioned); with `minScore`, only
 * matches scoring at least that (a caller that wants no typo matches skips the fuzzy lookup).
 * Typo matches are offered only when the query's surname (its last word) is nobody's name part:
 * a name written as someone's is taken as meant, and near spellings would only be noise.
 */
export function findPeople(people: readonly PersonRecord[], query: string, limit = 10, minScore = 0): NameMatch[] {
  const qParts = nameParts(query);
  if (qParts.length === 0) return [];
  const index = nameIndex(people);
  if (index) return findIndexed(index, query, qParts, limit, minScore);
  return findPeopleScan(people, query, limit).filter((m) => m.score >= minScore);
}

/** `findPeople` by scoring every person (what the name index must agree with; used for short lists). */
export function findPeopleScan(people: readonly PersonRecord[], query: string, limit = 10): NameMatch[] {
  const qParts = nameParts(query);
  if (qParts.length === 0) return [];
  const pq = prepare(query, qParts);
  const q = pq.q;
  const known = q !== undefined && people.some((p) => formsOf(p).some((f) => f.parts.includes(q)));
  const out: NameMatch[] = [];
  for (const person of people) {
    const kind = bestMatch(person, pq);
    if (kind && !(known && kind === 'typo')) out.push({ person, kind, score: SCORES[kind] });
  }
  out.sort((a, b) => b.score - a.score || byMentions(a.person, b.person));
  return out.slice(0, limit);
}

/**
 * `findPeople` through a NameIndex, with the same answer: every match kind but `prefix` comes
 * from an exact, transliteration-key or bounded fuzzy lookup and is scored by `bestMatch`; the
 * people found only by prefix (often thousands for two letters) are walked in rank order over the
 * ascending rank lists of the prefix, checked until enough are found.
 */
function findIndexed(index: NameIndex, query: string, qParts: readonly string[], limit: number, minScore: number): NameMatch[] {
  const pq = prepare(query, qParts);
  const q = pq.q as string;
  const folded = pq.folded;
  // Candidates in tiers by the best score they can reach: an exact form or the surname can make
  // any kind; a transliteration key of the surname only, at most `variant`; a part that is no
  // surname, at most `part`; a spelling only fuzzily near, at most `typo` (a closer relation would
  // have put them in a higher tier).
  const strong = new Set<number>();
  const tier = (lists: Iterable<readonly number[] | undefined>): Set<number> => {
    const set = new Set<number>();
    for (const list of lists) {
      if (list) for (const r of list) if (!strong.has(r)) set.add(r);
    }
    for (const r of set) strong.add(r);
    return set;
  };
  // Someone has the surname as written: no typo matches (see findPeople).
  const known = index.parts.get(q) !== undefined;
  // Each tier is looked up only when reached (the fuzzy one is the costly one), and tiers that
  // cannot reach `minScore` not at all.
  const tiers: Array<{ ranks: () => Set<number>; bound: number }> = [
    { ranks: () => tier([index.forms.get(folded), index.lastParts.get(q)]), bound: SCORES.exact },
    { ranks: () => tier(pq.qVariants.filter((k) => k !== '').map((k) => index.surnameKeys.get(k))), bound: SCORES.variant },
    { ranks: () => tier([index.parts.get(q)]), bound: SCORES.part },
    { ranks: () => tier(q.length >= 4 && !known ? nearParts(index, q) : []), bound: SCORES.typo },
  ].filter((t) => t.bound >= minScore);
  // With a given name in the query, a person none of whose forms can agree with it matches only
  // by an exact full form: everyone else is skipped unscored.
  const exactRanks = new Set(index.forms.get(folded) ?? []);
  const qBits = pq.qGiven === undefined ? 0 : givenBits(pq.qGiven.fold, pq.qGiven.key) | NO_GIVEN;
  const out: NameMatch[] = [];
  const found = new Map<number, number>();
  const count = (score: number): void => void found.set(score, (found.get(score) ?? 0) + 1);
  /** Ranks of people whose best match is a prefix: ranked among the prefix-only ones below. */
  const prefixRanks = new Set<number>();
  let complete = true;
  tiers: for (const { ranks, bound } of tiers) {
    // Matches that beat any later candidate of this tier: a higher score, or the bound itself
    // reached in this tier (ranks ascend); once `limit` of them are found, the answer is known.
    let beaten = 0;
    for (const [score, n] of found) if (score > bound) beaten += n;
    if (beaten >= limit) {
      complete = false;
      break;
    }
    for (const rank of [...ranks()].sort((x, y) => x - y)) {
      if (beaten >= limit) {
        complete = false;
        break tiers;
      }
      if (qBits !== 0 && ((index.givenMasks[rank] as number) & qBits) === 0 && !exactRanks.has(rank)) continue;
      const person = index.ranked[rank] as PersonRecord;
      const kind = bestMatch(person, pq);
      if (kind === 'prefix') prefixRanks.add(rank);
      else if (kind && SCORES[kind] >= minScore && !(known && kind === 'typo')) {
        const score = SCORES[kind];
        out.push({ person, kind, score, rank } as NameMatch);
        count(score);
        if (score >= bound) beaten += 1;
      }
    }
  }
  out.sort((x, y) => y.score - x.score || (x as RankedMatch).rank - (y as RankedMatch).rank);
  for (const m of out) delete (m as Partial<RankedMatch>).rank;
  if (!complete || out.length >= limit || q.length < 2 || SCORES.prefix < minScore) return out.slice(0, limit);
  // Prefix-only people, in rank order: bestMatch would give them `prefix` exactly when this check
  // passes. Both rank lists are ascending: merge them, stopping once `limit` matches are found.
  const byPart = ranksWithPrefix(index.partPrefixes, index.parts, q);
  const byForm = ranksWithPrefix(index.formPrefixes, index.forms, folded);
  const qGiven = pq.qGiven;
  let i = 0;
  let j = 0;
  while (out.length < limit && (i < byPart.length || j < byForm.length)) {
    const a = i < byPart.length ? (byPart[i] as number) : Infinity;
    const b = j < byForm.length ? (byForm[j] as number) : Infinity;
    const rank = Math.min(a, b);
    if (a === rank) i += 1;
    if (b === rank) j += 1;
    if (strong.has(rank) && !prefixRanks.has(rank)) continue;
    const person = index.ranked[rank] as PersonRecord;
    const fits = prefixRanks.has(rank) || formsOf(person).some((form) => {
      if (form.parts.length === 0) return false;
      if (qGiven !== undefined && form.givenFold !== undefined && !givenFits(qGiven, form)) return false;
      return form.folded.startsWith(folded) || form.parts.some((p) => p.startsWith(q));
    });
    if (fits) out.push({ person, kind: 'prefix', score: SCORES.prefix });
  }
  return out;
}

/**
 * Resolves a query to one person when the best match is good and clearly ahead; otherwise no
 * person, and the matches as "did you mean" candidates.
 */
export function resolvePerson(people: readonly PersonRecord[], query: string): { person: PersonRecord | null; candidates: PersonRecord[] } {
  const matches = findPeople(people, query, 6);
  const [first, second] = matches;
  if (!first || first.score < SCORES.typo) return { person: null, candidates: matches.map((m) => m.person) };
  const tied = second !== undefined && second.score === first.score && second.kind !== 'exact'
    && second.person.mentions.length * 2 > first.person.mentions.length;
  if (tied && first.kind !== 'exact') return { person: null, candidates: matches.map((m) => m.person) };
  return { person: first.person, candidates: matches.slice(1).filter((m) => m.score >= SCORES.typo).map((m) => m.person) };
}

/** Autocomplete: names that start with (or nearly match) what was typed, at most `limit`. */
export function suggestNames(people: readonly PersonRecord[], prefix: string, limit = 25): string[] {
  const folded = foldName(prefix);
  if (folded === '') return people.slice(0, limit).map((p) => p.name);
  return findPeople(people, prefix, limit).map((m) => m.person.name);
}
