/**
 * The library as the corpus changes: the bundled corpus plus every guild's articles, re-indexed
 * live when a guild adds or removes one. A new library is built whole beside the current one and
 * then swapped in by one assignment, so a query running meanwhile sees the old library or the new,
 * never a half-built one.
 */
import { createHash } from 'node:crypto';
import { libraryKey, openLibrary, openLoaded, saveLibrarySnapshot, type ExtraArticles, type ExtractionCache } from '../app.ts';
import type { CorpusProblem } from '../domain/types.ts';
import type { LoadedCorpus } from '../ingest/load.ts';
import type { Logger } from '../log.ts';
import { GuildCorpusStore, type GuildCorpusOptions } from '../storage/guild-corpus.ts';
import type { LibrarySource } from './index.ts';
import type { Library } from './library.ts';
import type { RebuildJob, RebuildResult } from './rebuild-worker.ts';
import { siblingModule, startModuleWorker } from './threads.ts';
import { warmUp } from './warm.ts';

/** Builds and saves the library in a worker thread (rebuild-worker.ts); never rejects. */
function rebuildInThread(job: RebuildJob): Promise<RebuildResult> {
  return new Promise((resolve) => {
    let done = false;
    const finish = (result: RebuildResult): void => {
      if (done) return;
      done = true;
      resolve(result);
      void worker.terminate();
    };
    const worker = startModuleWorker(siblingModule(import.meta.url, 'rebuild-worker'), { name: 'dossier-rebuild', workerData: job });
    worker.once('message', (result: RebuildResult) => finish(result));
    worker.once('error', (error) => finish({ ok: false, error: error.message }));
    worker.once('exit', (code) => finish({ ok: false, error: `the rebuild thread exited (code ${code}) without a result` }));
  });
}

/** The guild articles of a store, as extra articles for a library build. */
export function guildArticles(store: GuildCorpusStore): ExtraArticles {
  const stored = store.list();
  const hash = createHash('sha256');
  for (const s of stored) hash.update(`${s.entry.id}\0${s.entry.sha256}\0`);
  return { articles: stored.map((s) => s.article), passages: stored.flatMap((s) => s.passages), hash: hash.digest('hex') };
}

export interface LiveLibraryOptions {
  /** The bundled corpus, loaded once. */
  corpus: LoadedCorpus;
  store: GuildCorpusStore;
  /** The library to serve until the first re-index. */
  initial: Library;
  /** Where the snapshot of the combined library is saved after each re-index; null: nowhere. */
  dataDir: string | null;
  log: Logger;
  /** Build each re-indexed library's derived indexes in the background (see warm.ts). Default true. */
  warm?: boolean;
  /**
   * Where a re-index builds the library. `'here'`, the default: on this thread, reusing each
   * article's extraction. `'thread'` (needs `corpusDir` and `dataDir`): in a worker thread that
   * saves the snapshot, which this thread then loads, so a long-running bot keeps answering
   * while a large corpus is rebuilt (every article is extracted again there).
   */
  rebuildIn?: 'here' | 'thread';
  /** The bundled corpus's folder, for `rebuildIn: 'thread'`. */
  corpusDir?: string;
}

export class LiveLibrary implements LibrarySource {
  private library: Library;
  private running: Promise<Library> | null = null;
  private queued: Promise<Library> | null = null;
  private readonly cache: ExtractionCache = new WeakMap();
  /** Saved snapshots still being written (tests and shutdown wait for them). */
  private saving: Promise<void> = Promise.resolve();
  private readonly savedListeners: Array<(library: Library) => void> = [];

  constructor(private readonly options: LiveLibraryOptions) {
    this.library = options.initial;
  }

  current(): Library {
    return this.library;
  }

  /**
   * Rebuilds the library from the bundled corpus and the store's articles as they are now, and
   * swaps it in. Calls made while a rebuild runs share one more rebuild after it; the promise
   * resolves with a library that includes every change made before the call.
   */
  reindex(): Promise<Library> {
    if (!this.running) {
      this.running = this.build().finally(() => {
        this.running = null;
      });
      return this.running;
    }
    this.queued ??= this.running.catch(() => undefined).then(() => {
      this.queued = null;
      return this.reindex();
    });
    return this.queued;
  }

  /**
   * Calls `listener` each time a re-indexed library's snapshot is written (query workers then load
   * it). Not called for the library the live library starts with.
   */
  onSaved(listener: (library: Library) => void): void {
    this.savedListeners.push(listener);
  }

  /** Resolves when snapshots being saved in the background are written. */
  async settled(): Promise<void> {
    await this.running?.catch(() => undefined);
    await this.saving;
  }

  private async build(): Promise<Library> {
    const { corpus, store, log, dataDir, corpusDir } = this.options;
    const started = Date.now();
    const inThread = this.options.rebuildIn === 'thread' && dataDir !== null && corpusDir !== undefined;
    if (inThread) {
      const result = await rebuildInThread({ corpusDir, dataDir });
      if (!result.ok) log.error('the rebuild thread failed; rebuilding on the main thread', { error: result.error });
    }
    const extra = guildArticles(store);
    // After a rebuild thread, the snapshot it saved is loaded when it is of the corpus and guild
    // articles as they are now; when they changed meanwhile (or the thread failed), the library is
    // built and saved here. Without one, it is built here and saved in the background.
    const opened = await openLoaded(corpus, { corpusDir: '', dataDir: inThread ? dataDir : null, log, extra, cache: this.cache });
    const library = opened.library;
    this.library = library;
    if (this.options.warm !== false) void warmUp(library, log);
    log.info('library re-indexed', {
      articles: library.articles.length, passages: library.passages.length, version: library.version, ms: Date.now() - started,
      ...(inThread ? { builtIn: opened.origin === 'snapshot' ? 'a worker thread' : 'the main thread' } : {}),
    });
    if (inThread) {
      for (const listener of this.savedListeners) listener(library);
    } else if (dataDir !== null) {
      const key = libraryKey(corpus, extra);
      this.saving = this.saving.then(() => saveLibrarySnapshot(dataDir, key, library)).then(() => {
        for (const listener of this.savedListeners) listener(library);
      }, (error: unknown) => {
        log.warn('could not save the snapshot; it will be rebuilt next start', { dataDir, reason: (error as Error).message });
      });
    }
    return library;
  }
}

export interface OpenLiveOptions {
  corpusDir: string;
  dataDir: string;
  log: Logger;
  /** Passed to the guild store (tests inject crashes between write steps). */
  afterStep?: GuildCorpusOptions['afterStep'];
  /** The clock for the store's `addedAt`. Default: the system clock. */
  now?: () => Date;
  /**
   * Warm each re-indexed library (LiveLibraryOptions.warm). Default true; off when query workers
   * answer the queries, so the main thread does not hold a second set of derived indexes.
   */
  warm?: boolean;
  /** Where re-indexes build (LiveLibraryOptions.rebuildIn). Default `'here'`. */
  rebuildIn?: 'here' | 'thread';
}

export interface OpenedLive {
  live: LiveLibrary;
  store: GuildCorpusStore;
  /** Problems of the bundled corpus and of the guild store. */
  problems: CorpusProblem[];
  origin: 'snapshot' | 'built';
}

/** Opens the guild store and the library over the bundled corpus plus every guild's articles (snapshot when it matches). */
export async function openLive(options: OpenLiveOptions): Promise<OpenedLive> {
  const { corpusDir, dataDir, log } = options;
  const store = await GuildCorpusStore.open({ dataDir, log, afterStep: options.afterStep, now: options.now });
  for (const p of store.problems) log.warn('guild corpus problem', { file: p.file, reason: p.reason });
  const opened = await openLibrary({ corpusDir, dataDir, log, extra: guildArticles(store) });
  const live = new LiveLibrary({ corpus: opened.corpus, store, initial: opened.library, dataDir, log, warm: options.warm, rebuildIn: options.rebuildIn, corpusDir });
  return { live, store, problems: [...opened.problems, ...store.problems], origin: opened.origin };
}

/**
 * A read-only copy of the live library as its writer last saved it: the guild store read without
 * cleaning or writing, and the library from the snapshot only (SnapshotUnavailableError when the
 * writer has not saved one for the corpus as it is now). What a query worker serves from.
 */
export async function openReplica(options: { corpusDir: string; dataDir: string; log: Logger }): Promise<Library> {
  const store = await GuildCorpusStore.open({ dataDir: options.dataDir, log: options.log, readOnly: true });
  const opened = await openLibrary({ ...options, extra: guildArticles(store), snapshotOnly: true });
  return opened.library;
}

/** How often a long-running process looks for guild corpus changes made by other processes. */
export const GUILD_STORE_POLL_MS = 5_000;

/**
 * Looks every `everyMs` for changes another process made to the guild store (a `dossier corpus`
 * command, another instance on the same data dir) and re-indexes the live library when there are.
 * Costs a stat of each guild's manifest a look. The timer does not keep the process alive.
 */
export function followGuildStore(store: GuildCorpusStore, live: LiveLibrary, log: Logger, everyMs = GUILD_STORE_POLL_MS): { stop(): Promise<void> } {
  let looking: Promise<void> | null = null;
  const look = async (): Promise<void> => {
    try {
      if (await store.refresh()) {
        log.info('guild corpus changed by another process; re-indexing');
        await live.reindex();
      }
    } catch (error) {
      log.error('could not read guild corpus changes', { error });
    } finally {
      looking = null;
    }
  };
  // A look still running (a re-index takes a while on a big corpus) makes the next tick a no-op.
  const timer = setInterval(() => {
    looking ??= look();
  }, everyMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await looking;
    },
  };
}
