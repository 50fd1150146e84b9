import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import type { Article, ArticleOrigin, CorpusProblem, Passage } from '../domain/types.ts';
import { parseArticle } from './parse.ts';
import { splitPassages } from './passages.ts';

/** Largest corpus file accepted, in bytes. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;
/** File endings the loader reads; everything else in the corpus dir is ignored. */
export const CORPUS_EXTENSIONS = ['.md', '.txt'] as const;

export interface LoadedCorpus {
  articles: Article[];
  passages: Passage[];
  problems: CorpusProblem[];
  /** Hash of every loaded file's name and bytes: a snapshot is valid only for the same hash. */
  contentHash: string;
}

export type DecodeResult = { ok: true; text: string } | { ok: false; reason: string };

/** Decodes file bytes as strict UTF-8, refusing binary data, and drops a leading BOM. */
export function decodeText(bytes: Uint8Array): DecodeResult {
  if (bytes.length > MAX_FILE_BYTES) {
    return { ok: false, reason: `file is ${(bytes.length / 1024 / 1024).toFixed(1)} MB, over the 5 MB limit` };
  }
  if (bytes.includes(0)) return { ok: false, reason: 'file is binary (it contains NUL bytes), not text' };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, reason: 'file is not valid UTF-8 text' };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { ok: true, text };
}

/** The article id for a file name: the name without its extension. */
export function articleIdFor(file: string): string {
  return basename(file, extname(file));
}

export type ArticleFromBytes =
  | { ok: true; article: Article; passages: Passage[]; warnings: CorpusProblem[] }
  | { ok: false; problems: CorpusProblem[] };

/** Validates and parses one file's bytes, as the loader does for every corpus file. */
export function articleFromBytes(
  file: string, bytes: Uint8Array, origin: ArticleOrigin = { kind: 'corpus' },
): ArticleFromBytes {
  const decoded = decodeText(bytes);
  if (!decoded.ok) return { ok: false, problems: [{ file, reason: decoded.reason, severity: 'error' }] };
  const parsed = parseArticle(file, articleIdFor(file), decoded.text, origin);
  if (!parsed.ok) return parsed;
  const passages = splitPassages(parsed.article);
  if (passages.length === 0) {
    return { ok: false, problems: [{ file, reason: 'the article has no paragraphs of text', severity: 'error' }] };
  }
  return { ok: true, article: parsed.article, passages, warnings: parsed.warnings };
}

/**
 * Loads every `.md` and `.txt` file of a corpus directory, in file-name order. A bad file is
 * reported with its path and reason and skipped; the rest loads. Nothing is written.
 */
export async function loadCorpus(dir: string, origin: ArticleOrigin = { kind: 'corpus' }): Promise<LoadedCorpus> {
  const problems: CorpusProblem[] = [];
  const articles: Article[] = [];
  const passages: Passage[] = [];
  const hash = createHash('sha256');

  let names: string[];
  try {
    names = (await readdir(dir)).sort();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'corpus directory does not exist' : `cannot read corpus directory (${code ?? String(error)})`;
    return { articles, passages, problems: [{ file: dir, reason, severity: 'error' }], contentHash: hash.digest('hex') };
  }

  const seen = new Map<string, string>();
  for (const name of names) {
    const ext = extname(name).toLowerCase();
    if (!(CORPUS_EXTENSIONS as readonly string[]).includes(ext) || name.toLowerCase() === 'readme.md' || name.startsWith('.')) continue;
    const file = join(dir, name);
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) continue;
    if (info.size > MAX_FILE_BYTES) {
      problems.push({ file, reason: `file is ${(info.size / 1024 / 1024).toFixed(1)} MB, over the 5 MB limit`, severity: 'error' });
      continue;
    }
    const id = articleIdFor(name);
    const earlier = seen.get(id);
    if (earlier !== undefined) {
      problems.push({ file, reason: `duplicate article id "${id}" (already loaded from ${earlier})`, severity: 'error' });
      continue;
    }
    const bytes = await readFile(file);
    const result = articleFromBytes(file, bytes, origin);
    if (!result.ok) {
      problems.push(...result.problems);
      continue;
    }
    seen.set(id, file);
    hash.update(`${name}\0${bytes.length}\0`).update(bytes);
    articles.push(result.article);
    passages.push(...result.passages);
    problems.push(...result.warnings);
  }
  return { articles, passages, problems, contentHash: hash.digest('hex') };
}
