import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { readdir } from 'node:fs/promises';
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
  /** Hash of every read corpus file's name and bytes (see `scanCorpus`): a snapshot is valid only for the same hash. */
  contentHash: string;
}

export type DecodeResult = { ok: true; text: string } | { ok: false; reason: string };

/** Strict UTF-8 (a file that is not valid UTF-8 is reported, not guessed at); one instance, reused. */
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes file bytes as strict UTF-8, refusing binary data, and drops a leading BOM. */
export function decodeText(bytes: Uint8Array): DecodeResult {
  if (bytes.length > MAX_FILE_BYTES) {
    return { ok: false, reason: `file is ${(bytes.length / 1024 / 1024).toFixed(1)} MB, over the 5 MB limit` };
  }
  if (bytes.includes(0)) return { ok: false, reason: 'file is binary (it contains NUL bytes), not text' };
  let text: string;
  try {
    text = UTF8.decode(bytes);
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

/** Bumped whenever parsing or passage splitting changes: part of the content hash, so saved parses are not reused. */
export const LOAD_VERSION = 1;

/** One candidate corpus file as scanned: its bytes, or the problem that kept it from being read. */
export type ScannedFile =
  | { name: string; file: string; bytes: Buffer; problem?: undefined }
  | { name: string; file: string; bytes?: undefined; problem: CorpusProblem };

/** A corpus directory read but not parsed: enough to compute its content hash and check a snapshot. */
export interface ScannedCorpus {
  dir: string;
  /** Candidate files in file-name order. */
  files: ScannedFile[];
  /** Problems with the directory itself (it does not exist or cannot be listed). */
  problems: CorpusProblem[];
  /** Hash of every read file's name and bytes and the loader version. */
  contentHash: string;
}

/**
 * Reads every `.md` and `.txt` file of a corpus directory and hashes names and bytes, without
 * parsing anything (parsing is `parseScanned`): the cheap part of loading, enough to tell whether
 * a snapshot still matches. Files over the size limit or unreadable are reported, not read.
 */
export async function scanCorpus(dir: string): Promise<ScannedCorpus> {
  const hash = createHash('sha256').update(`loader:${LOAD_VERSION}\0`);
  let names: string[];
  try {
    names = (await readdir(dir)).sort();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'corpus directory does not exist' : `cannot read corpus directory (${code ?? String(error)})`;
    return { dir, files: [], problems: [{ file: dir, reason, severity: 'error' }], contentHash: hash.digest('hex') };
  }
  const candidates = names.filter((name) => {
    const ext = extname(name).toLowerCase();
    return (CORPUS_EXTENSIONS as readonly string[]).includes(ext) && name.toLowerCase() !== 'readme.md' && !name.startsWith('.');
  });
  // Synchronous reads: several times cheaper in CPU than one promise round trip per file through
  // the thread pool (0.2 s against 1.5 s for 10k files), and this runs at start-up, before serving.
  // Files are read into shared slabs, not a buffer each: tens of thousands of small buffers make
  // V8 collect garbage again and again as their outside-the-heap memory grows.
  const slabs = new SlabReader();
  const files: ScannedFile[] = [];
  for (const name of candidates) {
    const file = join(dir, name);
    let fd: number;
    try {
      // Non-blocking, so a FIFO that happens to be named like a corpus file cannot hang the scan.
      fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT') files.push({ name, file, problem: { file, reason: `cannot read the file (${code ?? String(error)})`, severity: 'error' } });
      continue;
    }
    try {
      const info: Stats = fstatSync(fd);
      if (!info.isFile()) continue;
      if (info.size > MAX_FILE_BYTES) {
        files.push({ name, file, problem: { file, reason: `file is ${(info.size / 1024 / 1024).toFixed(1)} MB, over the 5 MB limit`, severity: 'error' } });
        continue;
      }
      files.push({ name, file, bytes: slabs.read(fd, info.size) });
    } catch (error) {
      files.push({ name, file, problem: { file, reason: `cannot read the file (${(error as NodeJS.ErrnoException).code ?? String(error)})`, severity: 'error' } });
    } finally {
      closeSync(fd);
    }
  }
  for (const f of files) if (f.bytes) hash.update(`${f.name}\0${f.bytes.length}\0`).update(f.bytes);
  return { dir, files, problems: [], contentHash: hash.digest('hex') };
}

/** Size of the shared buffers scanCorpus reads files into. */
const SLAB_BYTES = 16 * 1024 * 1024;

/** Reads whole files into views of shared slabs (a new slab when the current one is full). */
class SlabReader {
  private slab = Buffer.allocUnsafeSlow(0);
  private used = 0;

  /** The file's bytes: `size` as fstat gave it, fewer if it shrank meanwhile (it is then read to its end). */
  read(fd: number, size: number): Buffer {
    if (size > this.slab.length - this.used) {
      this.slab = Buffer.allocUnsafeSlow(Math.max(SLAB_BYTES, size));
      this.used = 0;
    }
    let got = 0;
    while (got < size) {
      const n = readSync(fd, this.slab, this.used + got, size - got, got);
      if (n === 0) break;
      got += n;
    }
    const bytes = this.slab.subarray(this.used, this.used + got);
    // Keep the next file's bytes 8-aligned (typed-array views over them stay possible).
    this.used += (got + 7) & ~7;
    return bytes;
  }
}

/** Parses scanned files into articles and passages, in file-name order; bad files are reported and skipped. */
export function parseScanned(scan: ScannedCorpus, origin: ArticleOrigin = { kind: 'corpus' }): LoadedCorpus {
  const problems: CorpusProblem[] = [...scan.problems];
  const articles: Article[] = [];
  const passages: Passage[] = [];
  const seen = new Map<string, string>();
  for (const f of scan.files) {
    if (f.problem) {
      problems.push(f.problem);
      continue;
    }
    const id = articleIdFor(f.name);
    const earlier = seen.get(id);
    if (earlier !== undefined) {
      problems.push({ file: f.file, reason: `duplicate article id "${id}" (already loaded from ${earlier})`, severity: 'error' });
      continue;
    }
    const result = articleFromBytes(f.file, f.bytes, origin);
    if (!result.ok) {
      problems.push(...result.problems);
      continue;
    }
    seen.set(id, f.file);
    articles.push(result.article);
    for (const p of result.passages) passages.push(p);
    problems.push(...result.warnings);
  }
  return { articles, passages, problems, contentHash: scan.contentHash };
}

/**
 * Loads every `.md` and `.txt` file of a corpus directory, in file-name order. A bad file is
 * reported with its path and reason and skipped; the rest loads. Nothing is written.
 */
export async function loadCorpus(dir: string, origin: ArticleOrigin = { kind: 'corpus' }): Promise<LoadedCorpus> {
  return parseScanned(await scanCorpus(dir), origin);
}
