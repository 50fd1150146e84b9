import { PermissionFlagsBits } from 'discord.js';

/**
 * The bot's permissions in a channel, computed as Discord does (base permissions of @everyone and
 * the member's roles, Administrator grants all, then the channel's overwrites for @everyone, the
 * member's roles and the member), and what it lacks to post a briefing there. Pure: the REST side
 * (discord-channels.ts) fetches the inputs.
 */

/** What posting an embed needs: View Channel, Send Messages and Embed Links. */
export const POST_NEEDS: ReadonlyArray<readonly [bigint, string]> = [
  [PermissionFlagsBits.ViewChannel, 'View Channel'],
  [PermissionFlagsBits.SendMessages, 'Send Messages'],
  [PermissionFlagsBits.EmbedLinks, 'Embed Links'],
];

const ALL = (1n << 64n) - 1n;

export interface PermissionOverwrite {
  id: string;
  /** 0: a role, 1: a member. */
  type: number;
  allow: string;
  deny: string;
}

export interface PermissionInputs {
  guildId: string;
  /** The member's user id. */
  memberId: string;
  /** The member's role ids (without @everyone). */
  memberRoles: readonly string[];
  /** Every role of the guild with its permissions (@everyone has the guild's id). */
  roles: ReadonlyArray<{ id: string; permissions: string }>;
  overwrites: readonly PermissionOverwrite[];
}

function bits(value: string | bigint | null | undefined): bigint {
  if (typeof value === 'bigint') return value;
  return typeof value === 'string' && /^\d+$/.test(value) ? BigInt(value) : 0n;
}

/** The member's permissions in the channel (Discord's algorithm; no View Channel means none). */
export function channelPermissions(input: PermissionInputs): bigint {
  const byId = new Map(input.roles.map((r) => [r.id, bits(r.permissions)]));
  let base = byId.get(input.guildId) ?? 0n;
  for (const id of input.memberRoles) base |= byId.get(id) ?? 0n;
  if ((base & PermissionFlagsBits.Administrator) !== 0n) return ALL;
  let perms = base;
  const everyone = input.overwrites.find((o) => o.id === input.guildId);
  if (everyone) perms = (perms & ~bits(everyone.deny)) | bits(everyone.allow);
  let allow = 0n;
  let deny = 0n;
  for (const o of input.overwrites) {
    if (o.type === 0 && o.id !== input.guildId && input.memberRoles.includes(o.id)) {
      allow |= bits(o.allow);
      deny |= bits(o.deny);
    }
  }
  perms = (perms & ~deny) | allow;
  const own = input.overwrites.find((o) => o.type === 1 && o.id === input.memberId);
  if (own) perms = (perms & ~bits(own.deny)) | bits(own.allow);
  return (perms & PermissionFlagsBits.ViewChannel) === 0n ? 0n : perms;
}

/** The names of what `permissions` lacks to post an embed (empty: it can). Administrator has everything. */
export function missingToPost(permissions: string | bigint | null | undefined): string[] {
  const p = bits(permissions);
  if ((p & PermissionFlagsBits.Administrator) !== 0n) return [];
  return POST_NEEDS.filter(([bit]) => (p & bit) === 0n).map(([, name]) => name);
}

/** "I can't post in <#id>: I need Send Messages and Embed Links." */
export function cannotPostMessage(channelId: string, missing: readonly string[]): string {
  const need = missing.length === 0 ? ['Send Messages', 'Embed Links'] : missing;
  const list = need.length === 1 ? need[0] : `${need.slice(0, -1).join(', ')} and ${need[need.length - 1] ?? ''}`;
  return `I can't post in <#${channelId}>: I need ${list ?? ''} there. Ask a server admin to allow it, or pick another channel.`;
}
