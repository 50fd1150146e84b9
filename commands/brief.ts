import { ApplicationCommandOptionType, ChannelType, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import { MODERATOR_PERMISSIONS } from '../src/services/permissions.ts';
import { UserError } from '../src/services/errors.ts';
import { stringOption, type CommandModule } from './types.ts';

/**
 * /brief: moderators compose a cited briefing (`now`), or schedule digests to a channel. Options
 * arrive flattened, with the subcommand's name under `subcommand` (default `now`).
 */
export const definition = {
  name: 'brief',
  description: 'Moderators: a cited briefing to preview and post, or digests on a schedule',
  default_member_permissions: MODERATOR_PERMISSIONS,
  dm_permission: false,
  options: [
    {
      type: ApplicationCommandOptionType.Subcommand, name: 'now', description: 'Compose a briefing: key points, people, quotes, latest events, sources',
      options: [
        { type: ApplicationCommandOptionType.String, name: 'topic', description: 'What the briefing is about (words or a name); default: everything', max_length: 200 },
        { type: ApplicationCommandOptionType.String, name: 'since', description: 'Only sources published since: YYYY, YYYY-MM or YYYY-MM-DD', max_length: 10 },
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand, name: 'schedule', description: 'Post a digest on a schedule, only when something new arrived',
      options: [
        { type: ApplicationCommandOptionType.Channel, name: 'channel', description: 'Where digests are posted', required: true, channel_types: [ChannelType.GuildText, ChannelType.GuildAnnouncement] },
        { type: ApplicationCommandOptionType.String, name: 'time', description: 'Time of day, UTC: HH:MM (weekly: e.g. mon 09:00)', required: true, max_length: 16 },
        { type: ApplicationCommandOptionType.String, name: 'topic', description: 'Only news about this (words or a name)', max_length: 200 },
        { type: ApplicationCommandOptionType.String, name: 'every', description: 'How often (default: day)', choices: [{ name: 'day', value: 'day' }, { name: 'week', value: 'week' }] },
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand, name: 'unschedule', description: 'Stop scheduled digests (all of this server, or one channel)',
      options: [
        { type: ApplicationCommandOptionType.Channel, name: 'channel', description: 'Only the digests of this channel', channel_types: [ChannelType.GuildText, ChannelType.GuildAnnouncement] },
      ],
    },
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

function moderationOf(context: Parameters<CommandModule['run']>[0]): NonNullable<typeof context.moderation> & { guildId: string } {
  if (!context.moderation) throw new UserError('Scheduled digests are not available here.');
  if (context.guildId === null) throw new UserError('Digests are scheduled in a server, not in direct messages.');
  return { ...context.moderation, guildId: context.guildId };
}

export const command: CommandModule = {
  definition,
  // A briefing ranks every visible passage: it may block for over a second, so Discord transports defer first.
  defer: true,
  run: async (context, options) => {
    const sub = stringOption(options, 'subcommand') ?? 'now';
    switch (sub) {
      case 'now':
        return context.services.brief({ topic: stringOption(options, 'topic'), since: stringOption(options, 'since') });
      case 'schedule': {
        const m = moderationOf(context);
        return m.scheduler.schedule({
          guildId: m.guildId, userId: context.userId, channelId: stringOption(options, 'channel') ?? '',
          time: stringOption(options, 'time') ?? '', every: stringOption(options, 'every'), topic: stringOption(options, 'topic'),
        });
      }
      case 'unschedule': {
        const m = moderationOf(context);
        return m.scheduler.unschedule(m.guildId, context.userId, stringOption(options, 'channel'));
      }
      default:
        throw new UserError(`/brief has no subcommand "${sub}": use now, schedule or unschedule.`);
    }
  },
};
