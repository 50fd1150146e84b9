import { createHash } from 'node:crypto';
import type { CorpusProblem } from './domain/types.ts';
import { loadCorpus } from './ingest/load.ts';
import type { Logger } from './log.ts';
import { INDEX_VERSION, PassageIndex } from './search/index.ts';
import { createServices, type Services } from './services/index.ts';
import { createLibrary, type Library } from './services/library.ts';
import { readSnapshot, writeSnapshot } from './storage/snapshot.ts';

/** The composition root: config values in, a library and services out. Nothing here is global. */

export interface OpenLibraryOptions {
  corpusDir: string;
  /** Where the snapshot lives; null to neither read nor write one (e.g. `dossier check`). */
  dataDir: string | null;
  log: Logger;
}

export interface OpenedLibrary {
  library: Library;
  problems: CorpusProblem[];
  /** How the index came to be: loaded from a snapshot, or built (and why). */
  origin: 'snapshot' | 'built';
}

interface SnapshotData {
  index: unknown;
}

/** Snapshot key: the corpus contents and every version that shapes what is stored. */
export function snapshotKey(contentHash: string): string {
  return createHash('sha256').update(`${contentHash}\0index:${INDEX_VERSION}`).digest('hex');
}

/** Loads the corpus and its index: from a valid snapshot when there is one, else built and saved. */
export async function openLibrary(options: OpenLibraryOptions): Promise<OpenedLibrary> {
  const { log } = options;
  const corpus = await loadCorpus(options.corpusDir);
  for (const p of corpus.problems) {
    const fields = { file: p.file, ...(p.field ? { field: p.field } : {}), reason: p.reason };
    if (p.severity === 'error') log.warn('corpus file skipped', fields);
    else log.info('corpus file warning', fields);
  }
  const key = snapshotKey(corpus.contentHash);
  const version = key.slice(0, 8);

  if (options.dataDir !== null) {
    const snap = await readSnapshot<SnapshotData>(options.dataDir, key);
    if (snap.status === 'ok') {
      try {
        const index = PassageIndex.fromJS(snap.data.index);
        return { library: createLibrary(corpus.articles, corpus.passages, index, version), problems: corpus.problems, origin: 'snapshot' };
      } catch (error) {
        log.warn('snapshot unreadable, rebuilding', { dataDir: options.dataDir, reason: (error as Error).message });
      }
    } else if (snap.status === 'corrupt') {
      log.warn('snapshot corrupt, rebuilding', { dataDir: options.dataDir, reason: snap.reason });
    } else if (snap.status === 'stale') {
      log.info('corpus changed since the snapshot, rebuilding', { dataDir: options.dataDir });
    }
  }

  const index = PassageIndex.build(corpus.articles, corpus.passages);
  if (options.dataDir !== null) {
    try {
      await writeSnapshot<SnapshotData>(options.dataDir, key, { index: index.toJS() });
    } catch (error) {
      log.warn('could not save the snapshot; it will be rebuilt next start', { dataDir: options.dataDir, reason: (error as Error).message });
    }
  }
  return { library: createLibrary(corpus.articles, corpus.passages, index, version), problems: corpus.problems, origin: 'built' };
}

/** Services over a fixed library. */
export function servicesFor(library: Library): Services {
  return createServices({ current: () => library });
}
