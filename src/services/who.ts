import type { WhoAnswer } from '../domain/answer.ts';
import type { Citation } from '../domain/types.ts';
import { foldName } from '../knowledge/names.ts';
import { resolvePerson, suggestNames } from '../knowledge/lookup.ts';
import type { PersonRecord, Place } from '../knowledge/store.ts';
import { mentionsByPassage, peopleView, quotesBySpeaker } from './derived.ts';
import { UserError } from './errors.ts';
import { citeSentence, type Library } from './library.ts';
import type { Scope } from './scope.ts';
import { everything } from './scope.ts';

/** Most excerpts a /who answer shows. */
export const WHO_EXCERPTS = 5;
/** Most related people listed. */
export const WHO_RELATED = 5;

export function normaliseName(raw: string, option = 'name'): string {
  const name = raw.replace(/[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/g, '').replace(/\s+/g, ' ').trim();
  if (name === '') throw new UserError('Type a name to look up, e.g. Araghchi.', option);
  if (name.length > 100) throw new UserError('That name is too long: keep it under 100 characters.', option);
  return name;
}

function citePlace(library: Library, place: Place): Citation | null {
  if (place.passageId === null) return null;
  const passage = library.passageById.get(place.passageId);
  return passage ? citeSentence(library, passage, place.start, place.end) : null;
}

/** Who a person is, as the sources say: names, roles, mentions, the most informative excerpts. */
export function who(library: Library, query: string, scope: Scope = everything): WhoAnswer {
  const name = normaliseName(query);
  const view = peopleView(library, scope);
  const { person, candidates } = resolvePerson(view.people, name);
  if (!person) return { kind: 'who', query: name, person: null, candidates: candidates.map((c) => ({ name: c.name })) };

  const roles: Array<{ text: string; citation: Citation }> = [];
  const seenRoles = new Set<string>();
  for (const r of person.roles) {
    const key = foldName(r.text);
    if (seenRoles.has(key)) continue;
    const citation = citePlace(library, r);
    if (!citation) continue;
    seenRoles.add(key);
    roles.push({ text: r.text, citation });
  }

  // Excerpts: role statements first, then the person's quotations, then other mentions; one per passage.
  const excerpts: Citation[] = [];
  const usedPassages = new Set<string>();
  const take = (c: Citation | null): void => {
    if (!c || usedPassages.has(c.passage) || excerpts.length >= WHO_EXCERPTS) return;
    usedPassages.add(c.passage);
    excerpts.push(c);
  };
  for (const r of roles) take(r.citation);
  for (const i of quotesBySpeaker(library, person.id)) {
    const q = library.knowledge.quotes[i];
    if (!q) continue;
    for (const o of q.occurrences) {
      if (!scope.article(o.articleId) || o.passageId === null) continue;
      const passage = library.passageById.get(o.passageId);
      if (passage) take(citeSentence(library, passage, o.contextStart, o.contextEnd));
    }
  }
  for (const m of person.mentions) take(citePlace(library, m));

  const passages = new Set(person.mentions.map((m) => m.passageId).filter((p): p is string => p !== null));
  // Everyone mentioned in the person's passages (in a passage this scope sees, every mention is
  // visible), counted once per passage; by name, in the order of the people list (a later person
  // of the same name replaces an earlier one, as a scan of the list would).
  const shared = new Map<PersonRecord, Set<string>>();
  const byPassage = mentionsByPassage(library);
  for (const passageId of passages) {
    for (const m of byPassage.get(passageId) ?? []) {
      if (!scope.article(m.articleId)) continue;
      const other = view.visible.get(m.person);
      if (!other || other.id === person.id) continue;
      const set = shared.get(other) ?? new Set<string>();
      set.add(passageId);
      shared.set(other, set);
    }
  }
  const position = (p: PersonRecord): number => view.at.get(p) ?? -1;
  const related = new Map<string, number>();
  const order = [...shared.keys()].map((p) => ({ p, at: position(p) })).sort((a, b) => a.at - b.at);
  for (const { p } of order) related.set(p.name, shared.get(p)?.size ?? 0);
  const articleIds = [...new Set(person.mentions.map((m) => m.articleId))];
  return {
    kind: 'who',
    query: name,
    person: {
      name: person.name,
      aliases: person.aliases,
      roles,
      mentions: person.mentions.length,
      articles: articleIds.map((id) => ({ id, title: library.articleById.get(id)?.title ?? id })),
      citations: excerpts,
      related: [...related.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, WHO_RELATED).map(([n, count]) => ({ name: n, count })),
    },
    candidates: candidates.map((c) => ({ name: c.name })),
  };
}

/** Names for /who autocomplete. */
export function suggestPeople(library: Library, prefix: string, scope: Scope = everything, limit = 25): string[] {
  // A guild is suggested only the names written in what it sees.
  const people = scope === everything ? library.knowledge.people : peopleView(library, scope).people;
  return suggestNames(people, prefix.trim(), limit);
}
