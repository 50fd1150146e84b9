import type { SourcesAnswer } from '../domain/answer.ts';
import type { Article } from '../domain/types.ts';
import type { Library } from './library.ts';

/** What is in the corpus: every article (or those `include` accepts), newest first, undated last. */
export function sources(library: Library, include: (article: Article) => boolean = () => true): SourcesAnswer {
  const counts = new Map<string, number>();
  for (const p of library.passages) counts.set(p.articleId, (counts.get(p.articleId) ?? 0) + 1);
  const articles = library.articles
    .filter(include)
    .map((a) => ({
      id: a.id, title: a.title, author: a.author, publisher: a.publisher,
      published: a.published, url: a.url, passages: counts.get(a.id) ?? 0,
    }))
    .sort((x, y) => (y.published ?? '').localeCompare(x.published ?? '') || x.id.localeCompare(y.id));
  return { kind: 'sources', articles, passages: articles.reduce((n, a) => n + a.passages, 0) };
}
