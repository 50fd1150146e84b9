import type { Article, Citation, Passage } from '../domain/types.ts';
import type { PassageIndex } from '../search/index.ts';

/**
 * Everything the services read: the loaded corpus, its passage index and (later) the knowledge
 * store. Built once by the composition root; replaced whole when the corpus changes.
 */
export interface Library {
  articles: readonly Article[];
  passages: readonly Passage[];
  articleById: ReadonlyMap<string, Article>;
  passageById: ReadonlyMap<string, Passage>;
  index: PassageIndex;
  /** Identifies this state of the corpus (shown in footers; part of the snapshot key). */
  version: string;
}

export function createLibrary(articles: readonly Article[], passages: readonly Passage[], index: PassageIndex, version: string): Library {
  return {
    articles,
    passages,
    articleById: new Map(articles.map((a) => [a.id, a])),
    passageById: new Map(passages.map((p) => [p.id, p])),
    index,
    version,
  };
}

/**
 * A citation of `passage`, with the excerpt `passage.text.slice(from, to)` (the whole passage by
 * default): the one way citations are made, so every excerpt is verbatim text of its passage.
 */
export function cite(library: Library, passage: Passage, from = 0, to = passage.text.length): Citation {
  const article = library.articleById.get(passage.articleId);
  if (!article) throw new Error(`passage ${passage.id} has no article`);
  return {
    article: article.id,
    passage: passage.id,
    title: article.title,
    author: article.author,
    publisher: article.publisher,
    published: article.published,
    url: article.url,
    excerpt: passage.text.slice(from, to),
    paragraph: passage.n,
    cutBefore: from > 0,
    cutAfter: to < passage.text.length,
  };
}
