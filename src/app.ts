import { createHash } from 'node:crypto';
import type { Article, CorpusProblem, Passage } from './domain/types.ts';
import { extractArticle, EXTRACT_VERSION } from './extract/index.ts';
import type { ArticleExtraction } from './extract/types.ts';
import { foldName } from './knowledge/names.ts';
import { buildKnowledge } from './knowledge/build.ts';
import { KNOWLEDGE_VERSION, type KnowledgeStore } from './knowledge/store.ts';
import { parseScanned, scanCorpus, type LoadedCorpus } from './ingest/load.ts';
import type { Logger } from './log.ts';
import { INDEX_VERSION, PassageIndex } from './search/index.ts';
import { createServices, type Services } from './services/index.ts';
import { createLibrary, type Library } from './services/library.ts';
import { decodeCorpus, encodeCorpus } from './storage/corpus-codec.ts';
import { encodeKnowledge, openKnowledge } from './storage/knowledge-codec.ts';
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
  /**
   * Open from the snapshot or not at all: when it is missing, stale or unreadable, throw
   * SnapshotUnavailableError instead of building (a query worker waits for the writer's). Default false.
   */
  snapshotOnly?: boolean;
}

/** openLibrary with `snapshotOnly` found no usable snapshot for the corpus as it is now. */
export class SnapshotUnavailableError extends Error {}

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

/** The snapshot's JSON data; the bulk (index, knowledge, passages) is in binary sections. */
interface SnapshotData {
  index: unknown;
  knowledge: unknown;
  /** The parsed bundled corpus (null in snapshots written by others, e.g. the bench's index-only one). */
  corpus: unknown;
}

/** Snapshot key: the corpus contents and every version that shapes what is stored. */
export function snapshotKey(contentHash: string): string {
  return createHash('sha256')
    .update(`${contentHash}\0index:${INDEX_VERSION}\0extract:${EXTRACT_VERSION}\0knowledge:${KNOWLEDGE_VERSION}`)
    .digest('hex');
}

/** The snapshot key of the bundled corpus plus guild articles (the plain corpus key when there are none). */
export function libraryKey(corpus: Pick<LoadedCorpus, 'contentHash'>, extra?: ExtraArticles): string {
  const hasExtra = extra !== undefined && extra.articles.length > 0;
  return snapshotKey(hasExtra ? createHash('sha256').update(`${corpus.contentHash}\0guilds:${extra.hash}`).digest('hex') : corpus.contentHash);
}

/**
 * Saves a library as the snapshot for `key`: its index, its knowledge store and its bundled-corpus
 * articles and passages (with `library.corpusProblems`), so a start-up whose files still match
 * parses none of them.
 */
export async function saveLibrarySnapshot(dataDir: string, key: string, library: Library): Promise<void> {
  const index = library.index.toSnapshot();
  const knowledge = encodeKnowledge(library.knowledge);
  const corpus = encodeCorpus(library.articles, library.passages, library.corpusProblems ?? []);
  const sections = new Map([...index.sections, ...knowledge.sections, ...corpus.sections]);
  await writeSnapshot<SnapshotData>(dataDir, key, { index: index.meta, knowledge: knowledge.meta, corpus: corpus.meta }, sections);
}

function logProblems(log: Logger, problems: readonly CorpusProblem[]): void {
  for (const p of problems) {
    const fields = { file: p.file, ...(p.field ? { field: p.field } : {}), reason: p.reason };
    if (p.severity === 'error') log.warn('corpus file skipped', fields);
    else log.info('corpus file warning', fields);
  }
}

type ReadSnapshot = { data: SnapshotData; sections: ReadonlyMap<string, Uint8Array> };

/** The snapshot for `key`, or null (missing, stale or corrupt: said in the log). */
async function readLibrarySnapshot(dataDir: string, key: string, log: Logger): Promise<ReadSnapshot | null> {
  const snap = await readSnapshot<SnapshotData>(dataDir, key);
  if (snap.status === 'ok') return { data: snap.data, sections: snap.sections };
  if (snap.status === 'corrupt') log.warn('snapshot corrupt, rebuilding', { dataDir, reason: snap.reason });
  else if (snap.status === 'stale') log.info('corpus changed since the snapshot, rebuilding', { dataDir });
  return null;
}

/** The library from a snapshot's index and knowledge over `corpus` plus extra articles; throws when they do not decode. */
function libraryFromSnapshot(snap: ReadSnapshot, corpus: LoadedCorpus, key: string, extra: ExtraArticles | undefined): Library {
  const index = PassageIndex.fromSnapshot(snap.data.index, snap.sections);
  // Checked now (a bad store throws here, so the caller rebuilds); records decoded on first use.
  const knowledge = openKnowledge(snap.data.knowledge, snap.sections, KNOWLEDGE_VERSION);
  const { articles, passages } = combined(corpus, extra);
  return createLibrary({ articles, passages, index, knowledge, version: key.slice(0, 8), corpusProblems: corpus.problems });
}

function combined(corpus: LoadedCorpus, extra: ExtraArticles | undefined): { articles: readonly Article[]; passages: readonly Passage[] } {
  const hasExtra = extra !== undefined && extra.articles.length > 0;
  return {
    articles: hasExtra ? [...corpus.articles, ...extra.articles] : corpus.articles,
    passages: hasExtra ? [...corpus.passages, ...extra.passages] : corpus.passages,
  };
}

/**
 * Loads the corpus and its index: from a valid snapshot when there is one, else built and saved.
 * The corpus files are always read and hashed; they are parsed only when the snapshot does not
 * match (or cannot be read), since a matching snapshot holds the parsed articles and passages.
 */
export async function openLibrary(options: OpenLibraryOptions): Promise<OpenedLibrary> {
  const { log, dataDir } = options;
  const scan = await scanCorpus(options.corpusDir);
  if (dataDir !== null) {
    const key = libraryKey(scan, options.extra);
    const snap = await readLibrarySnapshot(dataDir, key, log);
    if (snap) {
      try {
        if (snap.data.corpus === null || snap.data.corpus === undefined) throw new Error('no saved corpus');
        const corpus = decodeCorpus(snap.data.corpus, snap.sections, scan);
        const library = libraryFromSnapshot(snap, corpus, key, options.extra);
        logProblems(log, corpus.problems);
        return { library, problems: corpus.problems, origin: 'snapshot', corpus };
      } catch (error) {
        if (options.snapshotOnly) throw new SnapshotUnavailableError(`snapshot unreadable: ${(error as Error).message}`);
        log.warn('snapshot unreadable, rebuilding', { dataDir, reason: (error as Error).message });
      }
    }
  }
  if (options.snapshotOnly) throw new SnapshotUnavailableError(dataDir === null ? 'no data dir' : 'no snapshot matches the corpus');
  const corpus = parseScanned(scan);
  logProblems(log, corpus.problems);
  return buildLibrary(corpus, options);
}

/** Like openLibrary, for a corpus already loaded: the snapshot is used when it matches, else built and saved. */
export async function openLoaded(corpus: LoadedCorpus, options: OpenLibraryOptions): Promise<OpenedLibrary> {
  const { log, dataDir } = options;
  if (dataDir !== null) {
    const key = libraryKey(corpus, options.extra);
    const snap = await readLibrarySnapshot(dataDir, key, log);
    if (snap) {
      try {
        return { library: libraryFromSnapshot(snap, corpus, key, options.extra), problems: corpus.problems, origin: 'snapshot', corpus };
      } catch (error) {
        log.warn('snapshot unreadable, rebuilding', { dataDir, reason: (error as Error).message });
      }
    }
  }
  return buildLibrary(corpus, options);
}

/** Extracts, indexes and (with a data dir) saves the library of `corpus` plus extra articles. */
async function buildLibrary(corpus: LoadedCorpus, options: OpenLibraryOptions): Promise<OpenedLibrary> {
  const { log, dataDir } = options;
  const key = libraryKey(corpus, options.extra);
  const { articles, passages } = combined(corpus, options.extra);
  const { knowledge, peopleByPassage } = extractKnowledge(articles, passages, options.cache);
  const index = PassageIndex.build(articles, passages, peopleByPassage);
  const library = createLibrary({ articles, passages, index, knowledge, version: key.slice(0, 8), corpusProblems: corpus.problems });
  if (dataDir !== null) {
    try {
      await saveLibrarySnapshot(dataDir, key, library);
    } catch (error) {
      log.warn('could not save the snapshot; it will be rebuilt next start', { dataDir, reason: (error as Error).message });
    }
  }
  return { library, problems: corpus.problems, origin: 'built', corpus };
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
