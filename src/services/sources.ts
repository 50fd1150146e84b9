import type { SourcesAnswer } from '../domain/answer.ts';
import type { Article } from '../domain/types.ts';
import { passagesByArticle, scopeValue } from './derived.ts';
import type { Library } from './library.ts';
import { everything, type Scope } from './scope.ts';

/**
 * What is in the corpus: every article `scope` sees, newest first, undated last. Computed once per
 * (library, scope key) and shared by every call: answers are never changed by their readers.
 */
export function sources(library: Library, scope: Scope = everything): SourcesAnswer {
  return scopeValue(library, scope, 'sources', () => listSources(library, (a) => scope.article(a.id)));
}

/** Newest first, undated last, then by id: the order /sources lists articles in (and /brief picks the latest). */
export function newestFirst(x: Pick<Article, 'id' | 'published'>, y: Pick<Article, 'id' | 'published'>): number {
  return (y.published ?? '').localeCompare(x.published ?? '') || x.id.localeCompare(y.id);
}

/** The articles `include` accepts, as `sources` lists them (not cached: for one-off selections). */
export function listSources(library: Library, include: (article: Article) => boolean): SourcesAnswer {
  const counts = passagesByArticle(library);
  const articles = library.articles
    .filter(include)
    .map((a) => ({
      id: a.id, title: a.title, author: a.author, publisher: a.publisher,
      published: a.published, url: a.url, passages: counts.get(a.id)?.length ?? 0,
    }))
    .sort(newestFirst);
  return { kind: 'sources', articles, passages: articles.reduce((n, a) => n + a.passages, 0) };
}
