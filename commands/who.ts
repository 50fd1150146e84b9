import { ApplicationCommandOptionType, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import { stringOption, type CommandModule } from './types.ts';

export const definition = {
  name: 'who',
  description: 'Who is this person, as the sources say: names, roles, mentions, excerpts',
  options: [
    { type: ApplicationCommandOptionType.String, name: 'name', description: 'A name or surname, any spelling (e.g. Araghchi)', required: true, max_length: 100, autocomplete: true },
    { type: ApplicationCommandOptionType.Boolean, name: 'public', description: 'Show the answer to everyone in the channel (default: only you)' },
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

export const command: CommandModule = {
  definition,
  run: ({ services }, options) => services.who(stringOption(options, 'name') ?? ''),
  autocomplete: ({ services }, _focused, value) => services.suggestPeople(value).map((name) => ({ name, value: name })),
};
