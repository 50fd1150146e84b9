/**
 * Finding people by what a user types: full names, surnames, transliteration variants, typos and
 * prefixes (for autocomplete).
 */
import { editDistance, foldName, givenNamesCompatible, nameParts, surnamesCompatible } from './names.ts';
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

/** People whose names fit the query, best first (ties: the most mentioned). */
export function findPeople(people: readonly PersonRecord[], query: string, limit = 10): NameMatch[] {
  const qParts = nameParts(query);
  if (qParts.length === 0) return [];
  const out: NameMatch[] = [];
  for (const person of people) {
    const kind = bestMatch(person, query, qParts);
    if (kind) out.push({ person, kind, score: SCORES[kind] });
  }
  out.sort((a, b) => b.score - a.score || b.person.mentions.length - a.person.mentions.length || a.person.name.localeCompare(b.person.name));
  return out.slice(0, limit);
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
