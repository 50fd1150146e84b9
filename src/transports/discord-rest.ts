import { REST, Routes } from 'discord.js';
import type { Logger } from '../log.ts';
import type { Answer } from '../domain/answer.ts';
import { clampMessage, renderDiscord, type CorpusInfo, type MessageBody } from '../render/discord/index.ts';

/** Discord's REST API base, without the version (discord.js appends `/v10`). */
export const DISCORD_API_URL = 'https://discord.com/api';

/** A REST client for `apiBaseUrl` (DISCORD_API_URL; tests point it at a local stand-in), with rate-limit handling. */
export function createRest(apiBaseUrl: string | null, token?: string | null): REST {
  const rest = new REST({ api: apiBaseUrl ?? DISCORD_API_URL, version: '10' });
  if (token) rest.setToken(token);
  return rest;
}

/** Completes a deferred interaction: PATCH /webhooks/{app}/{token}/messages/@original (no bot token needed). */
export type FollowUpSender = (applicationId: string, token: string, body: MessageBody) => Promise<void>;

export function restFollowUp(rest: REST): FollowUpSender {
  return async (applicationId, token, body) => {
    await rest.patch(Routes.webhookMessage(applicationId, token, '@original'), { body: clampMessage(body), auth: false });
  };
}

/** Waits for a deferred answer and sends it; failures are logged, never thrown. */
export async function completeDeferred(send: FollowUpSender, applicationId: string, token: string, followUp: () => Promise<MessageBody>, log: Logger): Promise<void> {
  try {
    const body = await followUp();
    // An edit cannot change flags; ephemerality was fixed by the deferral.
    const { flags: _flags, ...edit } = body;
    await send(applicationId, token, edit);
  } catch (error) {
    log.error('follow-up failed', { error });
  }
}

/**
 * Posts a scheduled digest (or any answer) to a channel as the bot: POST /channels/{id}/messages
 * with the rendered first page, public (no ephemeral flag), pinging nobody. Needs the bot token on
 * `rest`. Fits the scheduler's PostDigest: `scheduler.setPost(channelPoster(rest, corpus))`.
 */
export function channelPoster(rest: REST, corpus: () => CorpusInfo): (channelId: string, answer: Answer) => Promise<void> {
  return async (channelId, answer) => {
    const { body } = renderDiscord(answer, { corpus: corpus(), ephemeral: false, source: null });
    const { flags: _flags, components: _components, ...message } = body;
    await rest.post(Routes.channelMessages(channelId), { body: clampMessage(message) });
  };
}
