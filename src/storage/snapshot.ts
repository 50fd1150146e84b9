import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic.ts';

/** Format marker and version of the snapshot file itself (not of what it holds). */
export const SNAPSHOT_FORMAT = 'dossier-snapshot-3';
/** Format markers start so; a snapshot of another version is stale (rebuilt quietly), not corrupt. */
const FORMAT_PREFIX = 'dossier-snapshot-';
export const SNAPSHOT_FILE = 'snapshot.bin';
/** The JSON snapshot of earlier versions: removed when a new snapshot is written. */
const LEGACY_SNAPSHOT_FILE = 'snapshot.json';

/**
 * A snapshot file is one line of JSON (the header: format, key, creation time and the byte length
 * of each section) followed by the sections, each starting at a multiple of 8 bytes so typed
 * arrays can view them in place. The `data` section holds the JSON value; the others are binary
 * blobs of the caller's (e.g. the index's posting arena). Reading checks the format, the key (a
 * stale snapshot is told apart before anything large is parsed) and every section's length.
 */
interface Header {
  format: typeof SNAPSHOT_FORMAT;
  /** Hash of the corpus contents and every version that shapes what is stored. */
  key: string;
  createdAt: string;
  sections: Array<{ name: string; bytes: number }>;
}

const DATA_SECTION = 'data';
const ALIGN = 8;

export type SnapshotRead<T> =
  | { status: 'ok'; data: T; sections: ReadonlyMap<string, Uint8Array> }
  | { status: 'missing' }
  | { status: 'stale' }
  | { status: 'corrupt'; reason: string };

const padded = (n: number): number => Math.ceil(n / ALIGN) * ALIGN;

/** Reads the snapshot in `dataDir` if it matches `key`; never throws for a bad file. */
export async function readSnapshot<T>(dataDir: string, key: string): Promise<SnapshotRead<T>> {
  let file: Buffer;
  try {
    file = await readFile(join(dataDir, SNAPSHOT_FILE));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { status: 'missing' };
    return { status: 'corrupt', reason: `cannot read it (${(error as Error).message})` };
  }
  const newline = file.indexOf(10);
  if (newline < 0) return { status: 'corrupt', reason: 'no header line; truncated?' };
  let header: Partial<Header>;
  try {
    header = JSON.parse(file.toString('utf8', 0, newline)) as Partial<Header>;
  } catch (error) {
    return { status: 'corrupt', reason: `header is not valid JSON (${(error as Error).message})` };
  }
  const format: unknown = typeof header === 'object' && header !== null ? header.format : undefined;
  if (typeof format === 'string' && format !== SNAPSHOT_FORMAT && format.startsWith(FORMAT_PREFIX)) {
    return { status: 'stale' };
  }
  if (typeof header !== 'object' || header === null || header.format !== SNAPSHOT_FORMAT
    || typeof header.key !== 'string' || !Array.isArray(header.sections)) {
    return { status: 'corrupt', reason: 'missing format, key or sections' };
  }
  if (header.key !== key) return { status: 'stale' };
  // Sections start on 8-byte boundaries of the file; copy once if the buffer itself is not aligned.
  const bytes = file.byteOffset % ALIGN === 0 ? file : Buffer.from(new Uint8Array(file));
  const sections = new Map<string, Uint8Array>();
  let at = padded(newline + 1);
  let end = at;
  for (const s of header.sections as unknown[]) {
    const { name, bytes: length } = (s ?? {}) as { name?: unknown; bytes?: unknown };
    if (typeof name !== 'string' || typeof length !== 'number' || !Number.isInteger(length) || length < 0) {
      return { status: 'corrupt', reason: 'a section has no name or length' };
    }
    if (at + length > bytes.length) return { status: 'corrupt', reason: `section "${name}" is cut short; truncated?` };
    sections.set(name, bytes.subarray(at, at + length));
    end = at + length;
    at = padded(end);
  }
  if (bytes.length !== end) return { status: 'corrupt', reason: 'file length does not match its sections' };
  const data = sections.get(DATA_SECTION);
  if (data === undefined) return { status: 'corrupt', reason: 'no data section' };
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('utf8'));
  } catch (error) {
    return { status: 'corrupt', reason: `data is not valid JSON (${(error as Error).message})` };
  }
  if (value === undefined || value === null) return { status: 'corrupt', reason: 'no data' };
  sections.delete(DATA_SECTION);
  return { status: 'ok', data: value as T, sections };
}

/**
 * Writes the snapshot atomically: `data` as JSON plus binary `sections` (names other than "data"),
 * one file, replaced whole (see `writeFileAtomic`).
 */
export async function writeSnapshot<T>(dataDir: string, key: string, data: T, sections: ReadonlyMap<string, Uint8Array> = new Map()): Promise<void> {
  const parts: Array<[string, Uint8Array]> = [[DATA_SECTION, Buffer.from(JSON.stringify(data), 'utf8')]];
  for (const [name, bytes] of sections) {
    if (name === DATA_SECTION) throw new Error(`writeSnapshot: section name "${DATA_SECTION}" is reserved`);
    parts.push([name, bytes]);
  }
  const header: Header = {
    format: SNAPSHOT_FORMAT, key, createdAt: new Date().toISOString(),
    sections: parts.map(([name, bytes]) => ({ name, bytes: bytes.byteLength })),
  };
  const head = Buffer.from(`${JSON.stringify(header)}\n`, 'utf8');
  let total = padded(head.length);
  parts.forEach(([, bytes], i) => {
    total += i === parts.length - 1 ? bytes.byteLength : padded(bytes.byteLength);
  });
  const out = Buffer.alloc(total);
  head.copy(out, 0);
  let at = padded(head.length);
  for (const [, bytes] of parts) {
    out.set(bytes, at);
    at += padded(bytes.byteLength);
  }
  await writeFileAtomic(join(dataDir, SNAPSHOT_FILE), out);
  await rm(join(dataDir, LEGACY_SNAPSHOT_FILE), { force: true });
}
