/**
 * Query workers: worker threads that answer the read-only interactions (/search, /who, /quote,
 * /timeline, /sources, their autocomplete and page buttons) from their own copy of the library, so
 * the main thread stays free for the network (signature checks, the gateway, deferrals) and the
 * answers use every core. The main thread keeps the one live library that changes (moderators'
 * /corpus, /brief and the scheduler); each worker loads the snapshot the main thread saves, and is
 * sent work only while it holds the library version the main thread serves, so an answer never
 * comes from an older corpus than the main thread's.
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { Logger } from '../log.ts';
import type { Library } from '../services/library.ts';
import { siblingModule, startModuleWorker } from '../services/threads.ts';

/** What the main thread tells a worker. */
export type ToWorker =
  | { type: 'open'; corpusDir: string; dataDir: string; moderatorRoleIds: readonly string[] }
  /**
   * `json`: the interaction as UTF-8 JSON, its buffer transferred (see `FromWorker`). `followUp`:
   * answer with the deferred answer's message body (a briefing) instead of the response.
   */
  | { type: 'ask'; id: number; json: Uint8Array; followUp?: boolean };

/** What a worker tells the main thread. */
export type FromWorker =
  | { type: 'ready'; version: string }
  | { type: 'unavailable'; reason: string }
  /**
   * `json`: the interaction response as UTF-8 JSON, its message already clamped to Discord's
   * limits, its buffer transferred. Bytes, not a string: the HTTP transport sends them as they are.
   * When answers came as strings, the main thread's old generation grew by about each answer
   * (~5 KB) under load and its full collections paused every request; a two-thread repro without
   * the rest of the server does not show it, so why is not known, but bytes keep the heap flat.
   */
  | { type: 'answer'; id: number; json: Uint8Array }
  | { type: 'failed'; id: number; error: string };

export interface QueryPoolOptions {
  /** Threads to start. */
  size: number;
  corpusDir: string;
  dataDir: string;
  log: Logger;
  /** The version the main thread serves now: work goes only to workers holding it. */
  currentVersion: () => string;
  /** MODERATOR_ROLE_IDS, for the moderator commands a worker answers (/brief's preview). Default none. */
  moderatorRoleIds?: readonly string[];
  /** The worker's module. Default: query-worker next to this file (.ts under tsx, .js when built). */
  workerUrl?: URL;
  /**
   * Backlog limit, in milliseconds: once the least busy worker's oldest unanswered question has
   * waited this long, `shed()` says to turn new questions away. Default MAX_WAIT_MS.
   */
  maxWaitMs?: number;
  /** Clock for the backlog, in milliseconds. Default performance.now. */
  now?: () => number;
}

/**
 * Default backlog limit (see `QueryPoolOptions.maxWaitMs`). Half of DEFER_AFTER_MS: a question
 * admitted behind a backlog this old is still answered, or deferred, well within Discord's 3 s.
 * At 1,000 interactions a second a worker's oldest question waits a few milliseconds; measured
 * past capacity without a limit (2,000/s on two cores), the backlog grew to 1,200 questions a
 * worker, every answer came seconds late, and the load generator's new connections overflowed the
 * listen queue (p99 35 s, 454 connections reset).
 */
export const MAX_WAIT_MS = 500;

/** A backlog that turns questions away is logged at most this often, with the count since. */
const SHED_LOG_EVERY_MS = 10_000;

/** `QUERY_WORKERS=auto`: one per core the machine reports. */
export function autoWorkers(): number {
  return availableParallelism();
}

/** Young generation of each query worker, in MB (V8's default is 16-32). */
export const WORKER_YOUNG_GENERATION_MB = 96;

const ENCODER = new TextEncoder();

/** First wait before a worker that found no snapshot tries again; it doubles up to RETRY_MAX_MS. */
const RETRY_FIRST_MS = 1000;
const RETRY_MAX_MS = 30_000;

interface Pending {
  resolve: (json: Uint8Array) => void;
  reject: (error: Error) => void;
  /** When it was sent to the worker (the pool's clock). */
  sentAt: number;
}

class QueryWorker {
  readonly thread: Worker;
  version: string | null = null;
  inFlight = 0;
  opening = false;
  reopen = false;
  retryMs = RETRY_FIRST_MS / 2;
  readonly pending = new Map<number, Pending>();

  constructor(url: URL, readonly index: number) {
    const name = `dossier-query-${index}`;
    // A roomier young generation: each answer makes ~80 KB of short-lived objects. Measured
    // (2026-11-22, 100k passages): 32, 96 and 256 MB change how often scavenges run, not their
    // total cost; what reaches the old generation comes from what outlives a request (caches,
    // objects V8 allocates old), not from the young generation's size. 96 MB keeps scavenges to
    // about two a second under load.
    const options = { name, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } };
    this.thread = startModuleWorker(url, options);
  }
}

/** A pool of query workers; `ask` answers an interaction in one of them, or returns null when none can. */
export class QueryPool {
  private readonly workers: QueryWorker[] = [];
  private nextId = 1;
  private closed = false;
  private readonly now: () => number;
  /** Questions turned away since the pool started, and since the last log line. */
  private shedTotal = 0;
  private shedSinceLog = 0;
  private shedLoggedAt = -Infinity;

  constructor(private readonly options: QueryPoolOptions) {
    this.now = options.now ?? (() => performance.now());
    const url = options.workerUrl ?? siblingModule(import.meta.url, 'query-worker');
    for (let i = 0; i < options.size; i += 1) this.start(url, i);
  }

  private start(url: URL, index: number): void {
    const { log } = this.options;
    const worker = new QueryWorker(url, index);
    this.workers[index] = worker;
    worker.thread.on('message', (message: FromWorker) => this.onMessage(worker, message));
    worker.thread.on('error', (error) => log.error('query worker failed', { worker: index, error }));
    worker.thread.on('exit', (code) => {
      for (const p of worker.pending.values()) p.reject(new Error(`query worker ${index} exited (${code})`));
      worker.pending.clear();
      worker.version = null;
      if (this.closed) return;
      log.warn('query worker exited; starting another', { worker: index, code });
      setTimeout(() => {
        if (!this.closed) this.start(url, index);
      }, 1000).unref();
    });
    this.open(worker);
  }

  private open(worker: QueryWorker): void {
    if (worker.opening) {
      worker.reopen = true;
      return;
    }
    worker.opening = true;
    const message: ToWorker = { type: 'open', corpusDir: this.options.corpusDir, dataDir: this.options.dataDir, moderatorRoleIds: this.options.moderatorRoleIds ?? [] };
    worker.thread.postMessage(message);
  }

  private onMessage(worker: QueryWorker, message: FromWorker): void {
    const { log } = this.options;
    switch (message.type) {
      case 'ready':
      case 'unavailable':
        if (message.type === 'ready') {
          worker.version = message.version;
          log.info('query worker ready', { worker: worker.index, version: message.version, current: message.version === this.options.currentVersion() });
        } else {
          log.info('query worker has no snapshot to load yet', { worker: worker.index, reason: message.reason });
        }
        worker.opening = false;
        if (worker.reopen) {
          worker.reopen = false;
          this.open(worker);
        } else if (message.type === 'unavailable') {
          // The main thread may still be saving the snapshot: try again, less and less often.
          worker.retryMs = Math.min(RETRY_MAX_MS, worker.retryMs * 2);
          setTimeout(() => {
            if (!this.closed && worker.version !== this.options.currentVersion()) this.open(worker);
          }, worker.retryMs).unref();
        }
        if (message.type === 'ready') worker.retryMs = RETRY_FIRST_MS / 2;
        return;
      case 'answer':
      case 'failed': {
        const p = worker.pending.get(message.id);
        if (!p) return;
        worker.pending.delete(message.id);
        worker.inFlight -= 1;
        if (message.type === 'answer') p.resolve(message.json);
        else p.reject(new Error(message.error));
      }
    }
  }

  /** Workers holding the library the main thread serves. */
  ready(): number {
    const current = this.options.currentVersion();
    return this.workers.filter((w) => w.version === current).length;
  }

  get size(): number {
    return this.workers.length;
  }

  /** Tells every worker to load the snapshot of `library` (saved by the live library). */
  reload(library: Library): void {
    this.options.log.debug('query workers loading a new library', { version: library.version });
    for (const w of this.workers) this.open(w);
  }

  /**
   * Answers an interaction (`raw`: its JSON) in the least busy worker that holds the current
   * library, with the response as UTF-8 JSON (its message clamped to Discord's limits), or with
   * `followUp`, the deferred answer's message as UTF-8 JSON; null when no worker holds it (the
   * caller answers itself). Rejects when the worker fails or exits meanwhile.
   */
  ask(raw: string, followUp = false): Promise<Uint8Array> | null {
    if (this.closed) return null;
    const worker = this.leastBusy();
    if (worker === null) return null;
    const id = this.nextId++;
    worker.inFlight += 1;
    const sentAt = this.now();
    return new Promise((resolve, reject) => {
      worker.pending.set(id, { resolve, reject, sentAt });
      const json = ENCODER.encode(raw);
      const message: ToWorker = { type: 'ask', id, json, followUp };
      worker.thread.postMessage(message, [json.buffer]);
    });
  }

  /** The worker `ask` sends to: the one with fewest questions in flight among those holding the current library. */
  private leastBusy(): QueryWorker | null {
    const current = this.options.currentVersion();
    let best: QueryWorker | null = null;
    for (const w of this.workers) {
      if (w.version === current && (best === null || w.inFlight < best.inFlight)) best = w;
    }
    return best;
  }

  /**
   * Whether to turn a new question away rather than queue it: the worker `ask` would send it to,
   * the least busy one, has had a question unanswered for `maxWaitMs` or longer. The caller
   * answers at once that Dossier is busy: an answer queued behind the backlog would come after
   * Discord's 3 s, and the backlog would only grow. Counts what it turns away (see `turnedAway`)
   * and logs a warning at most every 10 s. False when no worker holds the library (`ask` returns
   * null then).
   */
  shed(): boolean {
    const worker = this.closed ? null : this.leastBusy();
    const oldest = worker?.pending.values().next().value;
    if (oldest === undefined) return false;
    const now = this.now();
    const waited = now - oldest.sentAt;
    if (waited < (this.options.maxWaitMs ?? MAX_WAIT_MS)) return false;
    this.shedTotal += 1;
    this.shedSinceLog += 1;
    if (now - this.shedLoggedAt >= SHED_LOG_EVERY_MS) {
      this.options.log.warn('query workers backlogged: turning questions away', {
        turnedAway: this.shedSinceLog, oldestWaitMs: Math.round(waited), inFlight: this.workers.map((w) => w.inFlight),
      });
      this.shedLoggedAt = now;
      this.shedSinceLog = 0;
    }
    return true;
  }

  /** Questions `shed()` has turned away since the pool started. */
  turnedAway(): number {
    return this.shedTotal;
  }

  /** Stops every worker (after the answers in flight). */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.workers.map(async (w) => {
      const deadline = Date.now() + 5000;
      while (w.inFlight > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      await w.thread.terminate();
    }));
  }
}
