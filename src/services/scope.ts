import type { PersonRecord } from '../knowledge/store.ts';

/**
 * What a caller may see: a guild sees the bundled corpus and its own articles only. Services
 * filter every record through it, so nothing of another guild's leaks into an answer.
 */
export interface Scope {
  article(articleId: string): boolean;
}

/** The whole corpus (the console and CLI without --guild). */
export const everything: Scope = { article: () => true };

/** The person as this scope sees them (only visible mentions and roles), or null if not at all. */
export function visiblePerson(person: PersonRecord, scope: Scope): PersonRecord | null {
  if (scope === everything) return person;
  const mentions = person.mentions.filter((m) => scope.article(m.articleId));
  if (mentions.length === 0) return null;
  return { ...person, mentions, roles: person.roles.filter((r) => scope.article(r.articleId)) };
}
