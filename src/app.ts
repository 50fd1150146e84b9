import { createHash } from 'node:crypto';
import type { Article, CorpusProblem, Passage } from './domain/types.ts';
import { extractArticle, EXTRACT_VERSION } from './extract/index.ts';
import { buildKnowledge } from './knowledge/build.ts';
import { KNOWLEDGE_VERSION, type KnowledgeStore } from './knowledge/store.ts';
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
  knowledge: KnowledgeStore;
}

/** Snapshot key: the corpus contents and every version that shapes what is stored. */
export function snapshotKey(contentHash: string): string {
  return createHash('sha256')
    .update(`${contentHash}\0index:${INDEX_VERSION}\0extract:${EXTRACT_VERSION}\0knowledge:${KNOWLEDGE_VERSION}`)
    .digest('hex');
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
        const knowledge = snap.data.knowledge;
        if (knowledge?.version !== KNOWLEDGE_VERSION || !Array.isArray(knowledge.people)) throw new Error('knowledge store missing or of another version');
        return { library: createLibrary({ ...corpus, index, knowledge, version }), problems: corpus.problems, origin: 'snapshot' };
      } catch (error) {
        log.warn('snapshot unreadable, rebuilding', { dataDir: options.dataDir, reason: (error as Error).message });
      }
    } else if (snap.status === 'corrupt') {
      log.warn('snapshot corrupt, rebuilding', { dataDir: options.dataDir, reason: snap.reason });
    } else if (snap.status === 'stale') {
      log.info('corpus changed since the snapshot, rebuilding', { dataDir: options.dataDir });
    }
  }

  const { knowledge, peopleByPassage } = extractKnowledge(corpus.articles, corpus.passages);
  const index = PassageIndex.build(corpus.articles, corpus.passages, peopleByPassage);
  if (options.dataDir !== null) {
    try {
      await writeSnapshot<SnapshotData>(options.dataDir, key, { index: index.toJS(), knowledge });
    } catch (error) {
      log.warn('could not save the snapshot; it will be rebuilt next start', { dataDir: options.dataDir, reason: (error as Error).message });
    }
  }
  return { library: createLibrary({ ...corpus, index, knowledge, version }), problems: corpus.problems, origin: 'built' };
}

/**
 * Runs extraction over every article and merges the results; also says which people each passage
 * mentions, so a search for a name finds the passages that mention that person by any spelling.
 */
export function extractKnowledge(articles: readonly Article[], passages: readonly Passage[]): { knowledge: KnowledgeStore; peopleByPassage: Map<string, string[]> } {
  const extractions = new Map(articles.map((a) => [a.id, extractArticle(a)]));
  const knowledge = buildKnowledge({ articles, passages, extractions });
  const peopleByPassage = new Map<string, string[]>();
  for (const person of knowledge.people) {
    const names = [person.name, ...person.aliases].join(' ');
    for (const passageId of new Set(person.mentions.map((m) => m.passageId))) {
      if (passageId === null) continue;
      const list = peopleByPassage.get(passageId) ?? [];
      list.push(names);
      peopleByPassage.set(passageId, list);
    }
  }
  return { knowledge, peopleByPassage };
}

/** Services over a fixed library. */
export function servicesFor(library: Library): Services {
  return createServices({ current: () => library });
}
