import { DiscordAPIError, Routes, type REST } from 'discord.js';
import type { Answer } from '../domain/answer.ts';
import { clampMessage, renderDiscord, type CorpusInfo, type MessageBody } from '../render/discord/index.ts';
import { cannotPostMessage, channelPermissions, missingToPost, type PermissionOverwrite } from './discord-permissions.ts';

/**
 * Posting to a channel as the bot (briefings a moderator posts, scheduled digests), and checking
 * first that the bot may: its permissions in the channel are computed from the channel's
 * overwrites, the guild's roles and the bot's member, all read over REST (so it works the same
 * from the gateway and from `dossier serve`). Needs the bot token on `rest`.
 */

/** Most messages one posted answer takes (one embed page each). */
export const MAX_POSTED_PAGES = 5;

/** Posting is not possible (missing permissions, unknown channel): `message` says why, for the moderator. */
export class CannotPostError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CannotPostError';
  }
}

export interface ChannelAccess {
  /** What the bot lacks to post an embed in the channel (empty: nothing). Throws CannotPostError when it cannot see the channel. */
  missingIn(guildId: string, channelId: string): Promise<string[]>;
  /** POST /channels/{id}/messages; a 403 or 404 from Discord becomes a CannotPostError. */
  post(channelId: string, body: MessageBody): Promise<void>;
}

function seeError(channelId: string, error: unknown): never {
  if (error instanceof DiscordAPIError && (error.status === 403 || error.status === 404)) {
    throw new CannotPostError(error.status === 404
      ? `I can't find <#${channelId}>: it may have been deleted, or I can't see it.`
      : cannotPostMessage(channelId, []));
  }
  throw error;
}

/** ChannelAccess over REST. `botUserId` defaults to GET /users/@me (asked once). */
export function restChannels(rest: REST, botUserId?: () => string | null | undefined): ChannelAccess {
  let me: Promise<string> | null = null;
  const botId = (): Promise<string> => {
    const known = botUserId?.();
    if (known) return Promise.resolve(known);
    me ??= (rest.get(Routes.user('@me')) as Promise<{ id: string }>).then((u) => u.id).catch((error: unknown) => {
      me = null;
      throw error;
    });
    return me;
  };
  return {
    async missingIn(guildId, channelId) {
      try {
        const channel = await rest.get(Routes.channel(channelId)) as { guild_id?: string; permission_overwrites?: PermissionOverwrite[] };
        if (channel.guild_id !== undefined && channel.guild_id !== guildId) throw new CannotPostError(`<#${channelId}> is not a channel of this server.`);
        const id = await botId();
        const [roles, member] = await Promise.all([
          rest.get(Routes.guildRoles(guildId)) as Promise<Array<{ id: string; permissions: string }>>,
          rest.get(Routes.guildMember(guildId, id)) as Promise<{ roles: string[] }>,
        ]);
        const permissions = channelPermissions({ guildId, memberId: id, memberRoles: member.roles, roles, overwrites: channel.permission_overwrites ?? [] });
        return missingToPost(permissions);
      } catch (error) {
        return seeError(channelId, error);
      }
    },
    async post(channelId, body) {
      try {
        await rest.post(Routes.channelMessages(channelId), { body: clampMessage(body) });
      } catch (error) {
        seeError(channelId, error);
      }
    },
  };
}

/**
 * An answer as the messages posted to a channel: every page (up to MAX_POSTED_PAGES), each one
 * embed, public, without buttons, pinging nobody.
 */
export function postedPages(answer: Answer, corpus: CorpusInfo): MessageBody[] {
  // A source keeps the renderer from noting that paging is unavailable; the buttons are dropped.
  const source = { command: answer.kind, options: {} };
  const first = renderDiscord(answer, { corpus, ephemeral: false, source, page: 0 });
  const out: MessageBody[] = [];
  for (let page = 0; page < Math.min(first.pages, MAX_POSTED_PAGES); page += 1) {
    const { body } = page === 0 ? first : renderDiscord(answer, { corpus, ephemeral: false, source, page });
    const { flags: _flags, components: _components, ...message } = body;
    out.push(clampMessage(message));
  }
  return out;
}

/** Posts an answer to a channel (every page, in order). Fits the scheduler's PostDigest. */
export async function postAnswer(channels: ChannelAccess, channelId: string, answer: Answer, corpus: CorpusInfo): Promise<number> {
  const pages = postedPages(answer, corpus);
  for (const body of pages) await channels.post(channelId, body);
  return pages.length;
}
