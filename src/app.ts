import { createHash } from 'node:crypto';
import type { Article, CorpusProblem, Passage } from './domain/types.ts';
import { extractArticle, EXTRACT_VERSION } from './extract/index.ts';
import type { ArticleExtraction } from './extract/types.ts';
import { foldName } from './knowledge/names.ts';
import { buildKnowledge } from './knowledge/build.ts';
import { KNOWLEDGE_VERSION, type KnowledgeStore } from './knowledge/store.ts';
import { loadCorpus, type LoadedCorpus } from './ingest/load.ts';
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
  /** Articles added by guilds, indexed with the bundled corpus (see storage/guild-corpus.ts). Default: none. */
  extra?: ExtraArticles;
  /** Extractions kept between builds, so a rebuild re-extracts only new articles. Default: none. */
  cache?: ExtractionCache;
}

/** Articles from outside the corpus folder, and a hash of their contents for the snapshot key. */
export interface ExtraArticles {
  articles: readonly Article[];
  passages: readonly Passage[];
  /** Changes whenever any of them changes (ids and content hashes). */
  hash: string;
}

/** Per-article extractions, by article object (an article's text never changes once loaded). */
export type ExtractionCache = WeakMap<Article, ArticleExtraction>;

export interface OpenedLibrary {
  library: Library;
  problems: CorpusProblem[];
  /** How the index came to be: loaded from a snapshot, or built (and why). */
  origin: 'snapshot' | 'built';
  /** The bundled corpus as loaded (a live library rebuilds from it without reading it again). */
  corpus: LoadedCorpus;
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

/** The snapshot key of the bundled corpus plus guild articles (the plain corpus key when there are none). */
export function libraryKey(corpus: LoadedCorpus, extra?: ExtraArticles): string {
  const hasExtra = extra !== undefined && extra.articles.length > 0;
  return snapshotKey(hasExtra ? createHash('sha256').update(`${corpus.contentHash}\0guilds:${extra.hash}`).digest('hex') : corpus.contentHash);
}

/** Saves a library's index and knowledge as the snapshot for `key`. */
export async function saveLibrarySnapshot(dataDir: string, key: string, library: Library): Promise<void> {
  await saveSnapshot(dataDir, key, library.index, library.knowledge);
}

/** The snapshot: the index's meta and the knowledge store as JSON, the index's bulk as binary sections. */
async function saveSnapshot(dataDir: string, key: string, index: PassageIndex, knowledge: KnowledgeStore): Promise<void> {
  const { meta, sections } = index.toSnapshot();
  await writeSnapshot<SnapshotData>(dataDir, key, { index: meta, knowledge }, sections);
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
  return openLoaded(corpus, options);
}

/** Like openLibrary, for a corpus already loaded: the snapshot is used when it matches, else built and saved. */
export async function openLoaded(corpus: LoadedCorpus, options: OpenLibraryOptions): Promise<OpenedLibrary> {
  const { log } = options;
  const extra = options.extra;
  const hasExtra = extra !== undefined && extra.articles.length > 0;
  const key = libraryKey(corpus, extra);
  const version = key.slice(0, 8);
  const articles = hasExtra ? [...corpus.articles, ...extra.articles] : corpus.articles;
  const passages = hasExtra ? [...corpus.passages, ...extra.passages] : corpus.passages;

  if (options.dataDir !== null) {
    const snap = await readSnapshot<SnapshotData>(options.dataDir, key);
    if (snap.status === 'ok') {
      try {
        const index = PassageIndex.fromSnapshot(snap.data.index, snap.sections);
        const knowledge = snap.data.knowledge;
        if (knowledge?.version !== KNOWLEDGE_VERSION || !Array.isArray(knowledge.people)) throw new Error('knowledge store missing or of another version');
        return { library: createLibrary({ articles, passages, index, knowledge, version }), problems: corpus.problems, origin: 'snapshot', corpus };
      } catch (error) {
        log.warn('snapshot unreadable, rebuilding', { dataDir: options.dataDir, reason: (error as Error).message });
      }
    } else if (snap.status === 'corrupt') {
      log.warn('snapshot corrupt, rebuilding', { dataDir: options.dataDir, reason: snap.reason });
    } else if (snap.status === 'stale') {
      log.info('corpus changed since the snapshot, rebuilding', { dataDir: options.dataDir });
    }
  }

  const { knowledge, peopleByPassage } = extractKnowledge(articles, passages, options.cache);
  const index = PassageIndex.build(articles, passages, peopleByPassage);
  if (options.dataDir !== null) {
    try {
      await saveSnapshot(options.dataDir, key, index, knowledge);
    } catch (error) {
      log.warn('could not save the snapshot; it will be rebuilt next start', { dataDir: options.dataDir, reason: (error as Error).message });
    }
  }
  return { library: createLibrary({ articles, passages, index, knowledge, version }), problems: corpus.problems, origin: 'built', corpus };
}

/**
 * Runs extraction over every article and merges the results; also says which people each passage
 * mentions, so a search for a name finds the passages that mention that person by any spelling.
 */
export function extractKnowledge(articles: readonly Article[], passages: readonly Passage[], cache?: ExtractionCache): { knowledge: KnowledgeStore; peopleByPassage: Map<string, string[]> } {
  const extractions = new Map(articles.map((a) => {
    let x = cache?.get(a);
    if (!x) {
      x = extractArticle(a);
      cache?.set(a, x);
    }
    return [a.id, x];
  }));
  const knowledge = buildKnowledge({ articles, passages, extractions });
  const peopleByPassage = new Map<string, string[]>();
  const byId = new Map(articles.map((a) => [a.id, a]));
  const isolated = articles.some((a) => a.origin.kind === 'guild');
  const folded = new Map<string, string>();
  const foldedText = (a: Article): string => {
    let t = folded.get(a.id);
    if (t === undefined) {
      t = foldName(a.text);
      folded.set(a.id, t);
    }
    return t;
  };
  for (const person of knowledge.people) {
    const forms = [person.name, ...person.aliases];
    const all = forms.join(' ');
    // With guild articles, a passage is found only by the spellings its readers can see: those
    // written in the bundled corpus, plus (for a guild's passage) those written in that guild's articles.
    const namesFor = new Map<string, string>();
    const audience = (a: Article): string => (a.origin.kind === 'guild' ? a.origin.guildId : '');
    const names = (a: Article): string => {
      if (!isolated) return all;
      const key = audience(a);
      let n = namesFor.get(key);
      if (n === undefined) {
        const seen = [...new Set(person.mentions.map((m) => m.articleId))].map((id) => byId.get(id))
          .filter((x): x is Article => x !== undefined && (x.origin.kind === 'corpus' || audience(x) === key));
        n = forms.filter((f) => seen.some((x) => foldedText(x).includes(foldName(f)))).join(' ');
        namesFor.set(key, n);
      }
      return n;
    };
    const done = new Set<string>();
    for (const m of person.mentions) {
      const article = byId.get(m.articleId);
      if (m.passageId === null || done.has(m.passageId) || !article) continue;
      done.add(m.passageId);
      const list = peopleByPassage.get(m.passageId) ?? [];
      list.push(names(article));
      peopleByPassage.set(m.passageId, list);
    }
  }
  return { knowledge, peopleByPassage };
}

/** Services over a fixed library. */
export function servicesFor(library: Library): Services {
  return createServices({ current: () => library });
}
