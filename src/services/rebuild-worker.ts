/**
 * A rebuild thread (see LiveLibrary's `rebuildIn: 'thread'`): builds the library of the bundled
 * corpus plus the guild store's articles as they are on disk, saves its snapshot in the data dir,
 * reports the version and exits. The main thread, which started it, keeps answering meanwhile and
 * then loads the snapshot.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openLibrary } from '../app.ts';
import { createLogger } from '../log.ts';
import { GuildCorpusStore } from '../storage/guild-corpus.ts';
import { guildArticles } from './live-library.ts';

export interface RebuildJob {
  corpusDir: string;
  dataDir: string;
}

export type RebuildResult = { ok: true; version: string } | { ok: false; error: string };

const port = parentPort;
if (!port) throw new Error('rebuild-worker.ts runs as a worker thread');
const job = workerData as RebuildJob;
// Warnings and errors only (a failure is also posted back to the main thread, which logs it).
const log = createLogger({ level: 'warn', format: 'json' });
try {
  const store = await GuildCorpusStore.open({ dataDir: job.dataDir, log, readOnly: true });
  const opened = await openLibrary({ corpusDir: job.corpusDir, dataDir: job.dataDir, log, extra: guildArticles(store) });
  port.postMessage({ ok: true, version: opened.library.version } satisfies RebuildResult);
} catch (error) {
  port.postMessage({ ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies RebuildResult);
}
