/**
 * A query worker thread (see query-pool.ts): holds a read-only copy of the library, loaded from the
 * snapshot the main thread saves, and answers the interactions the pool sends it with the same
 * handler the main thread uses. It never defers (the main thread decides that) and never writes.
 */
import { parentPort } from 'node:worker_threads';
import { COMMANDS } from '../../commands/index.ts';
import { SnapshotUnavailableError } from '../app.ts';
import { createLogger } from '../log.ts';
import { createServices } from '../services/index.ts';
import type { Library } from '../services/library.ts';
import { openReplica } from '../services/live-library.ts';
import { warmUp } from '../services/warm.ts';
import { handleInteraction, type InteractionDeps } from './discord-interactions.ts';
import type { FromWorker, ToWorker } from './query-pool.ts';

const port = parentPort;
if (!port) throw new Error('query-worker.ts runs as a worker thread of the query pool');

const log = createLogger({ level: process.env.LOG_LEVEL === 'debug' ? 'debug' : 'warn', format: 'json' });
let library: Library | null = null;
const services = createServices({
  current: () => {
    if (!library) throw new Error('no library loaded');
    return library;
  },
});
const deps: InteractionDeps = { context: { services, commands: COMMANDS }, log, deferAfterMs: null };
const send = (message: FromWorker): void => port.postMessage(message);

port.on('message', (message: ToWorker) => {
  if (message.type === 'open') {
    openReplica({ corpusDir: message.corpusDir, dataDir: message.dataDir, log })
      .then(async (opened) => {
        await warmUp(opened, log);
        library = opened;
        send({ type: 'ready', version: opened.version });
      })
      .catch((error: unknown) => {
        if (!(error instanceof SnapshotUnavailableError)) log.error('query worker could not open the library', { error });
        send({ type: 'unavailable', reason: (error as Error).message });
      });
    return;
  }
  handleInteraction(message.interaction, deps).then(
    (reply) => send({ type: 'answer', id: message.id, response: reply.response }),
    (error: unknown) => send({ type: 'failed', id: message.id, error: (error as Error).message }),
  );
});
