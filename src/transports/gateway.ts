import { Client, Events, GatewayDispatchEvents, GatewayIntentBits, Routes, type APIInteraction } from 'discord.js';
import type { Logger } from '../log.ts';
import { handleInteraction, type InteractionDeps } from './discord-interactions.ts';
import { restChannels } from './discord-channels.ts';
import { completeDeferred, DISCORD_API_URL, restFollowUp } from './discord-rest.ts';

/**
 * The gateway bot: a discord.js Client with only the Guilds intent. Interactions are read as the
 * raw payload the gateway dispatches and answered by the same handler as the HTTP endpoint, the
 * initial response over REST (POST /interactions/{id}/{token}/callback) and deferred answers by
 * PATCH @original. A handler error never reaches the client: it becomes an apology.
 */

export interface GatewayOptions {
  token: string;
  deps: InteractionDeps;
  log: Logger;
  /** DISCORD_API_URL (tests: the local stand-in). Default Discord's. */
  apiBaseUrl?: string | null;
}

export interface RunningGateway {
  client: Client;
  /** Interactions being answered (tests wait on these; shutdown lets them finish). */
  pending: Set<Promise<void>>;
  /** Logs out and closes the gateway connection after in-flight answers finish. */
  close(): Promise<void>;
}

/** A discord.js Client as Dossier configures it: the Guilds intent only, pinging nobody, REST at `apiBaseUrl`. */
export function createClient(apiBaseUrl: string | null | undefined): Client {
  return new Client({
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: { parse: [] },
    rest: { api: apiBaseUrl ?? DISCORD_API_URL },
  });
}

/** Logs in and answers interactions until close(). Resolves once the client is ready. */
export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const { log } = options;
  const client = createClient(options.apiBaseUrl);
  const pending = new Set<Promise<void>>();
  const followUp = restFollowUp(client.rest);
  // Briefings are posted as the bot, with the client's token, unless the caller brought its own access.
  const deps: InteractionDeps = { ...options.deps, channels: options.deps.channels ?? restChannels(client.rest, () => client.user?.id) };

  async function answer(interaction: APIInteraction): Promise<void> {
    const reply = await handleInteraction(interaction, deps);
    try {
      await client.rest.post(Routes.interactionCallback(interaction.id, interaction.token), { body: reply.response, auth: false });
    } catch (error) {
      log.warn('interaction response failed', { interaction: interaction.id, error });
      return;
    }
    if (reply.followUp) await completeDeferred(followUp, interaction.application_id, interaction.token, reply.followUp, log);
  }

  client.ws.on(GatewayDispatchEvents.InteractionCreate, (data: APIInteraction) => {
    const done = answer(data).catch((error: unknown) => log.error('interaction handling failed', { error }));
    pending.add(done);
    void done.finally(() => pending.delete(done));
  });
  client.on(Events.Error, (error) => log.error('discord client error', { error }));
  client.on(Events.Warn, (message) => log.warn('discord client warning', { message }));
  client.on(Events.ShardDisconnect, (event, shardId) => log.warn('shard disconnected', { shardId, code: event.code }));

  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login(options.token);
  await ready;
  log.info('gateway ready', { user: client.user?.tag, shards: client.ws.shards.size, guilds: client.guilds.cache.size });
  return {
    client,
    pending,
    async close() {
      await Promise.allSettled([...pending]);
      await client.destroy();
    },
  };
}
