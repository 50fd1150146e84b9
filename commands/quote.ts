import { ApplicationCommandOptionType, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import { stringOption, type CommandModule } from './types.ts';

export const definition = {
  name: 'quote',
  description: 'Direct quotations with their speakers, merged across sources',
  options: [
    { type: ApplicationCommandOptionType.String, name: 'speaker', description: 'Who said it (a person, or e.g. "the alert")', max_length: 100, autocomplete: true },
    { type: ApplicationCommandOptionType.String, name: 'topic', description: 'Words the quotation is about', max_length: 200 },
    { type: ApplicationCommandOptionType.Boolean, name: 'public', description: 'Show the answer to everyone in the channel (default: only you)' },
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

export const command: CommandModule = {
  definition,
  run: ({ services }, options) => services.quotes({ speaker: stringOption(options, 'speaker'), topic: stringOption(options, 'topic') }),
  autocomplete: ({ services }, _focused, value) => services.suggestSpeakers(value).map((name) => ({ name, value: name })),
};
