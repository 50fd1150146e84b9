import type { Article, Passage } from '../domain/types.ts';
import { splitSentences } from './sentences.ts';

/** A paragraph longer than this is split at sentence boundaries into parts of about this size. */
export const MAX_PASSAGE_CHARS = 1200;

const HEADING = /^#{1,6}[ \t]+(.+?)[ \t#]*$/;

interface Block {
  start: number;
  end: number;
}

/** Paragraph blocks of the body: runs of non-blank lines, as offsets into the file text. */
function blocks(text: string, from: number): Block[] {
  const out: Block[] = [];
  const re = /[^\r\n]*(?:\r?\n|$)/g;
  re.lastIndex = from;
  let blockStart = -1;
  let blockEnd = -1;
  for (;;) {
    const lineStart = re.lastIndex;
    const m = re.exec(text);
    if (!m || m[0] === '') break;
    const line = m[0].replace(/\r?\n$/, '');
    const lineEnd = lineStart + line.length;
    if (line.trim() === '') {
      if (blockStart >= 0) out.push({ start: blockStart, end: blockEnd });
      blockStart = -1;
    } else if (HEADING.test(line.trim())) {
      if (blockStart >= 0) out.push({ start: blockStart, end: blockEnd });
      out.push({ start: lineStart, end: lineEnd });
      blockStart = -1;
    } else {
      if (blockStart < 0) blockStart = lineStart;
      blockEnd = lineEnd;
    }
    if (re.lastIndex >= text.length) break;
  }
  if (blockStart >= 0) out.push({ start: blockStart, end: blockEnd });
  return out;
}

function trimSpan(text: string, start: number, end: number): Block {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s] ?? '')) s += 1;
  while (e > s && /\s/.test(text[e - 1] ?? '')) e -= 1;
  return { start: s, end: e };
}

/** Cuts a long paragraph into sentence-aligned parts of at most ~MAX_PASSAGE_CHARS. */
function splitLong(text: string, block: Block): Block[] {
  if (block.end - block.start <= MAX_PASSAGE_CHARS) return [block];
  const sentences = splitSentences(text, block.start, block.end);
  const parts: Block[] = [];
  let current: Block | null = null;
  for (const s of sentences) {
    if (current && s.end - current.start > MAX_PASSAGE_CHARS) {
      parts.push(current);
      current = null;
    }
    current = current ? { start: current.start, end: s.end } : { start: s.start, end: s.end };
  }
  if (current) parts.push(current);
  return parts;
}

/** Splits an article body into passages with stable ids, sections and file offsets. */
export function splitPassages(article: Article): Passage[] {
  const { text } = article;
  const passages: Passage[] = [];
  let section: string | null = null;
  for (const raw of blocks(text, article.bodyStart)) {
    const block = trimSpan(text, raw.start, raw.end);
    if (block.end <= block.start) continue;
    const heading = HEADING.exec(text.slice(block.start, block.end));
    if (heading) {
      section = heading[1]?.trim() ?? null;
      continue;
    }
    for (const part of splitLong(text, block)) {
      const n = passages.length + 1;
      passages.push({
        id: `${article.id}#p${n}`,
        articleId: article.id,
        n,
        section,
        text: text.slice(part.start, part.end),
        start: part.start,
        end: part.end,
      });
    }
  }
  return passages;
}
