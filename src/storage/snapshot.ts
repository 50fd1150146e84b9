import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic.ts';

/** Format marker and version of the snapshot file itself (not of what it holds). */
export const SNAPSHOT_FORMAT = 'dossier-snapshot';
export const SNAPSHOT_FILE = 'snapshot.json';

export interface Snapshot<T> {
  format: typeof SNAPSHOT_FORMAT;
  /** Hash of the corpus contents and every version that shapes what is stored. */
  key: string;
  createdAt: string;
  data: T;
}

export type SnapshotRead<T> =
  | { status: 'ok'; data: T }
  | { status: 'missing' }
  | { status: 'stale' }
  | { status: 'corrupt'; reason: string };

/** Reads the snapshot in `dataDir` if it matches `key`; never throws for a bad file. */
export async function readSnapshot<T>(dataDir: string, key: string): Promise<SnapshotRead<T>> {
  let text: string;
  try {
    text = await readFile(join(dataDir, SNAPSHOT_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { status: 'missing' };
    return { status: 'corrupt', reason: `cannot read it (${(error as Error).message})` };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { status: 'corrupt', reason: `not valid JSON (${(error as Error).message}); truncated?` };
  }
  if (typeof value !== 'object' || value === null) return { status: 'corrupt', reason: 'not a snapshot object' };
  const snap = value as Partial<Snapshot<T>>;
  if (snap.format !== SNAPSHOT_FORMAT || typeof snap.key !== 'string' || snap.data === undefined) {
    return { status: 'corrupt', reason: 'missing format, key or data' };
  }
  if (snap.key !== key) return { status: 'stale' };
  return { status: 'ok', data: snap.data };
}

export async function writeSnapshot<T>(dataDir: string, key: string, data: T): Promise<void> {
  const snap: Snapshot<T> = { format: SNAPSHOT_FORMAT, key, createdAt: new Date().toISOString(), data };
  await writeFileAtomic(join(dataDir, SNAPSHOT_FILE), JSON.stringify(snap));
}
