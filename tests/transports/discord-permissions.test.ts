import { PermissionFlagsBits as P } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { cannotPostMessage, channelPermissions, missingToPost } from '../../src/transports/discord-permissions.ts';

const GUILD = '1000';
const BOT = '2000';
const ROLE = '3000';
const OTHER_ROLE = '4000';
const s = (b: bigint): string => String(b);
const roles = [
  { id: GUILD, permissions: s(P.ViewChannel | P.SendMessages) },
  { id: ROLE, permissions: s(P.EmbedLinks) },
  { id: OTHER_ROLE, permissions: s(P.Administrator) },
];

describe('the bot’s permissions in a channel, as Discord computes them', () => {
  it('adds the member’s roles to @everyone, and Administrator grants everything', () => {
    const p = channelPermissions({ guildId: GUILD, memberId: BOT, memberRoles: [ROLE], roles, overwrites: [] });
    expect(missingToPost(p)).toEqual([]);
    expect(missingToPost(channelPermissions({ guildId: GUILD, memberId: BOT, memberRoles: [], roles, overwrites: [] }))).toEqual(['Embed Links']);
    const admin = channelPermissions({ guildId: GUILD, memberId: BOT, memberRoles: [OTHER_ROLE], roles, overwrites: [{ id: GUILD, type: 0, allow: '0', deny: s(P.ViewChannel) }] });
    expect(missingToPost(admin)).toEqual([]);
  });

  it('applies @everyone, then role, then member overwrites, and no View Channel means nothing', () => {
    const base = { guildId: GUILD, memberId: BOT, memberRoles: [ROLE], roles };
    const everyoneDenies = channelPermissions({ ...base, overwrites: [{ id: GUILD, type: 0, allow: '0', deny: s(P.SendMessages) }] });
    expect(missingToPost(everyoneDenies)).toEqual(['Send Messages']);
    const roleAllowsBack = channelPermissions({ ...base, overwrites: [{ id: GUILD, type: 0, allow: '0', deny: s(P.SendMessages) }, { id: ROLE, type: 0, allow: s(P.SendMessages), deny: '0' }] });
    expect(missingToPost(roleAllowsBack)).toEqual([]);
    const memberDenies = channelPermissions({ ...base, overwrites: [{ id: ROLE, type: 0, allow: s(P.SendMessages), deny: '0' }, { id: BOT, type: 1, allow: '0', deny: s(P.EmbedLinks) }] });
    expect(missingToPost(memberDenies)).toEqual(['Embed Links']);
    const hidden = channelPermissions({ ...base, overwrites: [{ id: GUILD, type: 0, allow: '0', deny: s(P.ViewChannel) }] });
    expect(hidden).toBe(0n);
    expect(missingToPost(hidden)).toEqual(['View Channel', 'Send Messages', 'Embed Links']);
  });

  it('names what is missing in the refusal', () => {
    expect(cannotPostMessage('55', ['Send Messages', 'Embed Links'])).toContain("I can't post in <#55>: I need Send Messages and Embed Links");
    expect(cannotPostMessage('55', ['Embed Links'])).toContain('I need Embed Links there');
  });
});
