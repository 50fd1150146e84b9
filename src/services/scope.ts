import type { Article } from '../domain/types.ts';
import { foldName } from '../knowledge/names.ts';
import type { PersonRecord } from '../knowledge/store.ts';
import type { Library } from './library.ts';

/**
 * What a caller may see: a guild sees the bundled corpus and its own articles only. Services
 * filter every record through it, so nothing of another guild's leaks into an answer.
 */
export interface Scope {
  article(articleId: string): boolean;
  /**
   * Names what this scope sees, stable across calls: services cache what a scope sees of a
   * library (visible people, event order) by it, so two scopes with one key over one library must
   * see the same articles. `everything` is '*'; a guild's view is 'bundled' or `guild:<id>`.
   */
  readonly key: string;
}

/** The whole corpus (the console and CLI without --guild). */
export const everything: Scope = { article: () => true, key: '*' };

/** Guild ids with articles of their own in each library. */
const GUILDS = new WeakMap<Library, Set<string>>();
function guildsWithArticles(library: Library): Set<string> {
  let guilds = GUILDS.get(library);
  if (!guilds) {
    guilds = new Set();
    for (const a of library.articles) if (a.origin.kind === 'guild') guilds.add(a.origin.guildId);
    GUILDS.set(library, guilds);
  }
  return guilds;
}

/**
 * What a guild sees in `library`: the bundled corpus (articles whose origin is `corpus`) and the
 * articles that guild added; with a null guild (a DM), the bundled corpus only. Unknown ids are invisible.
 * Its key is 'bundled' when the guild has no articles of its own in `library` (it then sees what a
 * DM sees), else `guild:<id>`; when no guild has any, the scope is `everything` (the same view, one
 * set of derived indexes instead of two).
 */
export function guildScope(library: Library, guildId: string | null): Scope {
  const guilds = guildsWithArticles(library);
  // No guild has added anything: every guild sees the whole library, and shares its views.
  if (guilds.size === 0) return everything;
  const own = guildId !== null && guilds.has(guildId);
  return {
    key: own ? `guild:${guildId}` : 'bundled',
    article: (id) => {
      const origin = library.articleById.get(id)?.origin;
      return origin !== undefined && (origin.kind === 'corpus' || origin.guildId === guildId);
    },
  };
}

const foldedTexts = new WeakMap<Article, string>();
function foldedText(article: Article): string {
  let text = foldedTexts.get(article);
  if (text === undefined) {
    text = foldName(article.text);
    foldedTexts.set(article, text);
  }
  return text;
}

/**
 * The person as this scope sees them (only visible mentions and roles), or null if not at all.
 * With `library`, the name and aliases are only the forms written in visible articles: a spelling
 * seen only in another guild's article is never shown (nor suggested).
 */
export function visiblePerson(person: PersonRecord, scope: Scope, library?: Library): PersonRecord | null {
  if (scope === everything) return person;
  const mentions = person.mentions.filter((m) => scope.article(m.articleId));
  if (mentions.length === 0) return null;
  const roles = person.roles.filter((r) => scope.article(r.articleId));
  if (!library || mentions.length === person.mentions.length) return { ...person, mentions, roles };
  const articles = [...new Set(mentions.map((m) => m.articleId))].map((id) => library.articleById.get(id)).filter((a): a is Article => a !== undefined);
  const written = (form: string): boolean => {
    const folded = foldName(form);
    return articles.some((a) => foldedText(a).includes(folded));
  };
  const forms = [person.name, ...person.aliases].filter(written);
  const first = mentions[0];
  const fallback = first ? library.articleById.get(first.articleId)?.text.slice(first.start, first.end) ?? person.name : person.name;
  // The canonical name when it is visible, else the fullest visible form.
  const ordered = forms[0] === person.name ? forms : [...forms].sort((a, b) => b.split(/\s+/).length - a.split(/\s+/).length);
  const [name = fallback, ...aliases] = ordered;
  return { ...person, name, aliases, mentions, roles };
}
