import { readFileSync } from 'node:fs';
import { parseArticle } from '../../src/ingest/parse.ts';
import type { Article } from '../../src/domain/types.ts';

/** An article from a bare text (no front matter), or from a markdown text with front matter. */
export function article(text: string, file = 'test.txt'): Article {
  const r = parseArticle(file, 'test', text);
  if (!r.ok) throw new Error(r.problems.map((p) => p.reason).join('; '));
  return r.article;
}

/** A sample-corpus article by file name. */
export function corpusArticle(name: string): Article {
  const file = new URL(`../../corpus/${name}`, import.meta.url);
  return article(readFileSync(file, 'utf8'), `corpus/${name}`);
}
