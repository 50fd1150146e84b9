/**
 * Finding people by what a user types: full names, surnames, transliteration variants, typos and
 * prefixes (for autocomplete).
 */
import SearchableMap from 'minisearch/SearchableMap';
import { editDistance, foldName, givenNamesCompatible, nameParts, particleVariants, surnamesCompatible } from './names.ts';
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
}

/** Folded forms and name parts of each person, computed once per record. */
const FORMS = new WeakMap<PersonRecord, FormParts[]>();
function formsOf(person: PersonRecord): FormParts[] {
  let forms = FORMS.get(person);
  if (!forms) {
    forms = [person.name, ...person.aliases].map((f) => ({ folded: foldName(f), parts: nameParts(f) }));
    FORMS.set(person, forms);
  }
  return forms;
}

function bestMatch(person: PersonRecord, query: string, qParts: readonly string[]): MatchKind | null {
  const forms = formsOf(person);
  const folded = foldName(query);
  if (forms.some((f) => f.folded === folded)) return 'exact';
  const q = qParts.at(-1);
  if (q === undefined) return null;
  const qGiven = qParts.length > 1 ? qParts[0] : undefined;
  let best: MatchKind | null = null;
  const better = (kind: MatchKind): void => {
    if (best === null || SCORES[kind] > SCORES[best]) best = kind;
  };
  for (const form of forms) {
    const parts = form.parts;
    const surname = parts.at(-1);
    if (surname === undefined) continue;
    const given = parts.length > 1 ? parts[0] : undefined;
    const givenOk = qGiven === undefined || given === undefined || givenNamesCompatible(qGiven, given);
    if (qGiven !== undefined && given !== undefined && !givenNamesCompatible(qGiven, given)) continue;
    if (surname === q && givenOk) better(qGiven !== undefined ? 'name' : 'exact');
    else if (surnamesCompatible(surname, q) && givenOk) better('variant');
    else if (qParts.length === 1 && parts.includes(q)) better('part');
    else if (q.length >= 4 && parts.some((p) => editDistance(p, q, 2) <= (q.length >= 7 ? 2 : 1))) better('typo');
    else if (q.length >= 2 && (form.folded.startsWith(folded) || parts.some((p) => p.startsWith(q)))) better('prefix');
  }
  return best;
}

/** Order of matches of one score: the most mentioned first, then by name. */
function byMentions(a: PersonRecord, b: PersonRecord): number {
  return b.mentions.length - a.mentions.length || a.name.localeCompare(b.name);
}

/**
 * A name index over one people list, so a lookup scores only the people it may match instead of
 * everyone: folded name parts and full forms in radix trees (for exact, prefix and typo lookups)
 * and surnames by their transliteration keys. People are numbered by rank (`byMentions`).
 */
interface NameIndex {
  ranked: PersonRecord[];
  parts: SearchableMap<number[]>;
  forms: SearchableMap<number[]>;
  surnameKeys: Map<string, number[]>;
}

/** Lists shorter than this are scanned; longer ones get a NameIndex, kept as long as the list lives. */
const INDEX_FROM = 256;
const NAME_INDEXES = new WeakMap<readonly PersonRecord[], NameIndex>();

function nameIndex(people: readonly PersonRecord[]): NameIndex | null {
  let index = NAME_INDEXES.get(people);
  if (index || people.length < INDEX_FROM) return index ?? null;
  const ranked = [...people].sort(byMentions);
  const parts = new SearchableMap<number[]>();
  const forms = new SearchableMap<number[]>();
  const surnameKeys = new Map<string, number[]>();
  const add = <K>(map: { get(k: K): number[] | undefined; set(k: K, v: number[]): unknown }, key: K, rank: number): void => {
    const list = map.get(key);
    if (list === undefined) map.set(key, [rank]);
    else if (list[list.length - 1] !== rank) list.push(rank);
  };
  ranked.forEach((person, rank) => {
    for (const form of formsOf(person)) {
      add(forms, form.folded, rank);
      for (const part of form.parts) add(parts, part, rank);
      const surname = form.parts.at(-1);
      if (surname !== undefined) for (const key of particleVariants(surname)) if (key !== '') add(surnameKeys, key, rank);
    }
  });
  index = { ranked, parts, forms, surnameKeys };
  NAME_INDEXES.set(people, index);
  return index;
}

/** People whose names fit the query, best first (ties: the most mentioned). */
export function findPeople(people: readonly PersonRecord[], query: string, limit = 10): NameMatch[] {
  const qParts = nameParts(query);
  if (qParts.length === 0) return [];
  const index = nameIndex(people);
  if (index) return findIndexed(index, query, qParts, limit);
  return findPeopleScan(people, query, limit);
}

/** `findPeople` by scoring every person (what the name index must agree with; used for short lists). */
export function findPeopleScan(people: readonly PersonRecord[], query: string, limit = 10): NameMatch[] {
  const qParts = nameParts(query);
  if (qParts.length === 0) return [];
  const out: NameMatch[] = [];
  for (const person of people) {
    const kind = bestMatch(person, query, qParts);
    if (kind) out.push({ person, kind, score: SCORES[kind] });
  }
  out.sort((a, b) => b.score - a.score || byMentions(a.person, b.person));
  return out.slice(0, limit);
}

/**
 * `findPeople` through a NameIndex, with the same answer: every match kind but `prefix` comes
 * from an exact, transliteration-key or bounded fuzzy lookup and is scored by `bestMatch`; the
 * people found only by prefix (often thousands for two letters) are taken in rank order, checked
 * until enough are found.
 */
function findIndexed(index: NameIndex, query: string, qParts: readonly string[], limit: number): NameMatch[] {
  const q = qParts.at(-1) as string;
  const folded = foldName(query);
  const strong = new Set<number>();
  const addAll = (list: readonly number[] | undefined): void => {
    if (list) for (const r of list) strong.add(r);
  };
  addAll(index.forms.get(folded));
  addAll(index.parts.get(q));
  for (const key of particleVariants(q)) if (key !== '') addAll(index.surnameKeys.get(key));
  if (q.length >= 4) for (const [, [list]] of index.parts.fuzzyGet(q, q.length >= 7 ? 2 : 1)) addAll(list);
  const out: NameMatch[] = [];
  /** Ranks of people whose best match is a prefix: ranked among the prefix-only ones below. */
  const prefixRanks = new Set<number>();
  for (const rank of [...strong].sort((a, b) => a - b)) {
    const person = index.ranked[rank] as PersonRecord;
    const kind = bestMatch(person, query, qParts);
    if (kind === 'prefix') prefixRanks.add(rank);
    else if (kind) out.push({ person, kind, score: SCORES[kind] });
  }
  out.sort((a, b) => b.score - a.score);
  if (out.length >= limit || q.length < 2) return out.slice(0, limit);
  // Prefix-only people: bestMatch would give them `prefix` exactly when this check passes.
  const prefixed = new Set<number>();
  for (const [, list] of index.parts.atPrefix(q)) for (const r of list) if (!strong.has(r)) prefixed.add(r);
  for (const [, list] of index.forms.atPrefix(folded)) for (const r of list) if (!strong.has(r)) prefixed.add(r);
  const qGiven = qParts.length > 1 ? qParts[0] : undefined;
  for (const rank of [...prefixed, ...prefixRanks].sort((a, b) => a - b)) {
    if (out.length >= limit) break;
    const person = index.ranked[rank] as PersonRecord;
    const fits = prefixRanks.has(rank) || formsOf(person).some((form) => {
      const given = form.parts.length > 1 ? form.parts[0] : undefined;
      if (form.parts.length === 0) return false;
      if (qGiven !== undefined && given !== undefined && !givenNamesCompatible(qGiven, given)) return false;
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
