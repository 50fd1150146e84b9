/**
 * Who counts as a moderator: a member with Manage Guild or Administrator in the interaction's
 * member permissions, or with one of the MODERATOR_ROLE_IDS roles. Pure: the Discord transport
 * reads the bits and roles from the interaction and asks here.
 */

/** Discord permission bits (https://discord.com/developers/docs/topics/permissions). */
export const ADMINISTRATOR = 0x8n;
export const MANAGE_GUILD = 0x20n;
/** `default_member_permissions` of moderator commands: Manage Guild, as the decimal string Discord wants. */
export const MODERATOR_PERMISSIONS = String(MANAGE_GUILD);

export interface MemberAccess {
  /** The member's permissions in the channel, as Discord sends them (a decimal string) or a bigint; null outside a guild. */
  permissions: string | bigint | null | undefined;
  /** The member's role ids. */
  roles: readonly string[];
}

function bits(value: string | bigint | null | undefined): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value !== 'string' || !/^\d+$/.test(value)) return 0n;
  return BigInt(value);
}

/** True for a member with Manage Guild or Administrator, or with one of `moderatorRoleIds`. */
export function isModerator(member: MemberAccess, moderatorRoleIds: readonly string[] = []): boolean {
  const p = bits(member.permissions);
  if ((p & ADMINISTRATOR) !== 0n || (p & MANAGE_GUILD) !== 0n) return true;
  return member.roles.some((r) => moderatorRoleIds.includes(r));
}
