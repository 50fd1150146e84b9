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
import { BoundedCache, SeenBefore } from '../services/memo.ts';
import { clampMessage, renderNotice, type MessageBody } from '../render/discord/index.ts';
import { guildScope } from '../services/scope.ts';
import { warmUp } from '../services/warm.ts';
import { MessageFlags, type APIInteraction } from 'discord.js';
import { APOLOGY, clampResponse, handleInteraction, type InteractionDeps } from './discord-interactions.ts';
import type { FromWorker, ToWorker } from './query-pool.ts';

/** Answers a worker keeps for reuse (a few kilobytes each). */
const ANSWER_CACHE_ENTRIES = 4096;

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
const deps: InteractionDeps = { context: { services, commands: COMMANDS }, log, deferAfterMs: null, moderatorRoleIds: [] };
const send = (message: FromWorker): void => port.postMessage(message);
const encoder = new TextEncoder();
const decoder = new TextDecoder();
/** Sends an answer's JSON as bytes, transferring their buffer (see `FromWorker`). */
const answer = (id: number, raw: string): void => {
  const json = encoder.encode(raw);
  port.postMessage({ type: 'answer', id, json } satisfies FromWorker, [json.buffer]);
};

/**
 * Answers already given, by what they depend on (`answerKey`): the library here never changes
 * (a new one comes with a new version, and the cache is emptied), so a repeated question, the
 * commonest kind when a story breaks, costs a lookup.
 */
const answers = new BoundedCache<string, string>(ANSWER_CACHE_ENTRIES);
/**
 * Questions asked recently: an answer is kept only when its question was asked before. Most
 * searches are asked once, and keeping each of those answers for a while made the collector copy
 * and promote them: under load, ~1 MB every half second into a 1.2 GB old generation, whose full
 * collections pause the worker for 0.2–0.6 s.
 */
const askedBefore = new SeenBefore(4 * ANSWER_CACHE_ENTRIES);

/**
 * What a read-only answer depends on: the library version, what the guild sees of it (its scope),
 * the interaction's type and data (command, options, custom_id; not its ids) and, for a button,
 * whether the message is ephemeral. Null when there is no data to key on.
 */
function answerKey(interaction: APIInteraction, lib: Library): string | null {
  const data = interaction.data as Record<string, unknown> | undefined;
  if (!data) return null;
  const { id: _commandId, ...asked } = data;
  const scope = guildScope(lib, interaction.guild_id ?? null).key;
  const flags = 'message' in interaction && interaction.message ? (interaction.message.flags ?? 0) & MessageFlags.Ephemeral : 0;
  return JSON.stringify([lib.version, scope, interaction.type, asked, flags]);
}

port.on('message', (message: ToWorker) => {
  if (message.type === 'open') {
    deps.moderatorRoleIds = message.moderatorRoleIds;
    openReplica({ corpusDir: message.corpusDir, dataDir: message.dataDir, log })
      .then(async (opened) => {
        await warmUp(opened, log);
        library = opened;
        answers.clear();
        askedBefore.clear();
        send({ type: 'ready', version: opened.version });
      })
      .catch((error: unknown) => {
        if (!(error instanceof SnapshotUnavailableError)) log.error('query worker could not open the library', { error });
        send({ type: 'unavailable', reason: (error as Error).message });
      });
    return;
  }
  const interaction = JSON.parse(decoder.decode(message.json)) as APIInteraction;
  if (message.followUp) {
    // A deferred answer (a briefing): the main thread has answered Discord; this is the message.
    handleInteraction(interaction, deps)
      .then(async (reply) => {
        const body = reply.followUp ? await reply.followUp() : ('data' in reply.response && reply.response.data ? reply.response.data as MessageBody : renderNotice(APOLOGY));
        answer(message.id, JSON.stringify(clampMessage(body)));
      })
      .catch((error: unknown) => send({ type: 'failed', id: message.id, error: (error as Error).message }));
    return;
  }
  const key = library === null ? null : answerKey(interaction, library);
  const kept = key === null ? undefined : answers.find(key);
  if (kept !== undefined) {
    answer(message.id, kept);
    return;
  }
  handleInteraction(interaction, deps).then(
    (reply) => {
      const raw = JSON.stringify(clampResponse(reply.response));
      if (key !== null && askedBefore.check(key) && !raw.includes(APOLOGY)) answers.put(key, raw);
      answer(message.id, raw);
    },
    (error: unknown) => send({ type: 'failed', id: message.id, error: (error as Error).message }),
  );
});
