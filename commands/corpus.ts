import { ApplicationCommandOptionType, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import { UserError } from '../src/services/errors.ts';
import { MODERATOR_PERMISSIONS } from '../src/services/permissions.ts';
import { stringOption, type CommandModule } from './types.ts';

/**
 * /corpus: moderators curate what the bot knows in their server. Options arrive flattened, with
 * the subcommand's name under `subcommand`. `add` reads the attachment the transport downloaded
 * into `context.files.file`; without one, the transport shows the article form (a modal) and
 * calls `moderation.corpus.addFields` with what was typed.
 */
export const definition = {
  name: 'corpus',
  description: 'Moderators: add, list and remove this server’s articles; see who changed what',
  default_member_permissions: MODERATOR_PERMISSIONS,
  dm_permission: false,
  options: [
    {
      type: ApplicationCommandOptionType.Subcommand, name: 'add', description: 'Add an article: attach a .md or .txt file, or fill in a form',
      options: [
        { type: ApplicationCommandOptionType.Attachment, name: 'file', description: 'A .md (with front matter) or .txt article, up to 5 MB' },
      ],
    },
    { type: ApplicationCommandOptionType.Subcommand, name: 'list', description: 'The articles added in this server' },
    {
      type: ApplicationCommandOptionType.Subcommand, name: 'remove', description: 'Remove an article added in this server',
      options: [
        { type: ApplicationCommandOptionType.String, name: 'id', description: 'The article id (see /corpus list)', required: true, max_length: 100, autocomplete: true },
      ],
    },
    { type: ApplicationCommandOptionType.Subcommand, name: 'history', description: 'Who changed what, when' },
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

export const command: CommandModule = {
  definition,
  // Adding or removing re-indexes the library, which blocks while it runs: Discord transports defer first.
  defer: true,
  run: async (context, options) => {
    const m = context.moderation;
    if (!m) throw new UserError('The corpus cannot be changed here.');
    if (context.guildId === null) throw new UserError('The corpus is managed in a server, not in direct messages.');
    const guildId = context.guildId;
    const sub = stringOption(options, 'subcommand');
    switch (sub) {
      case 'add': {
        const file = context.files?.file;
        if (!file) throw new UserError('Attach a .md or .txt file to add (or use the form).', 'file');
        return m.corpus.add({ guildId, userId: context.userId, name: file.name, bytes: file.bytes });
      }
      case 'list':
        return m.corpus.list(guildId);
      case 'remove':
        return m.corpus.remove({ guildId, userId: context.userId, id: stringOption(options, 'id') ?? '' });
      case 'history':
        return m.corpus.history(guildId);
      default:
        throw new UserError('Use /corpus add, list, remove or history.');
    }
  },
  autocomplete: (context, _focused, value) => {
    if (!context.moderation || context.guildId === null) return [];
    return context.moderation.corpus.suggestArticles(context.guildId, value).map((a) => ({ name: `${a.id} — ${a.title}`.slice(0, 100), value: a.id }));
  },
};
