/**
 * The parts of an article's file text that hold prose: the body, and the front-matter fields whose
 * values are text about people (title, summary, author, credits). Offsets point into the whole file.
 */
import type { Article } from '../domain/types.ts';

export interface Region {
  start: number;
  end: number;
  /** Which part of the file: `body`, or the front-matter field name. */
  field: 'body' | 'title' | 'summary' | 'author' | 'credits';
}

const TEXT_FIELDS = new Set(['title', 'summary', 'author', 'credits']);

/** Text regions of the article, front-matter fields first, then the body. */
export function textRegions(article: Article): Region[] {
  const regions: Region[] = [];
  const { text, bodyStart } = article;
  if (bodyStart > 0) {
    // Top-level keys start at column 0; their values run until the next top-level key.
    const lines = /[^\n]*\n?/g;
    let current: Region | null = null;
    let pos = 0;
    const firstLineEnd = text.indexOf('\n');
    pos = firstLineEnd < 0 ? bodyStart : firstLineEnd + 1; // skip the opening ---
    lines.lastIndex = pos;
    for (let m = lines.exec(text); m !== null && m.index < bodyStart && m[0] !== ''; m = lines.exec(text)) {
      const line = m[0];
      const key = /^([A-Za-z_][\w-]*):[ \t]*/.exec(line);
      if (key) {
        if (current) regions.push(current);
        current = null;
        const field = key[1] ?? '';
        if (TEXT_FIELDS.has(field)) {
          current = { start: m.index + key[0].length, end: m.index + line.replace(/\r?\n$/, '').length, field: field as Region['field'] };
        }
      } else if (current && !/^---/.test(line)) {
        current.end = m.index + line.replace(/\r?\n$/, '').length;
      }
    }
    if (current) regions.push(current);
  }
  regions.push({ start: bodyStart, end: text.length, field: 'body' });
  return regions.filter((r) => r.end > r.start);
}
