import { ApplicationCommandOptionType, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import type { CommandModule } from './types.ts';
import { integerOption, stringOption } from './types.ts';

export const definition = {
  name: 'search',
  description: 'Find the passages of the news corpus that best answer a question',
  options: [
    { type: ApplicationCommandOptionType.String, name: 'query', description: 'Words to look for, e.g. "enrichment" or "US sanctions"', required: true, max_length: 300 },
    { type: ApplicationCommandOptionType.Integer, name: 'limit', description: 'How many passages (1-10, default 5)', min_value: 1, max_value: 10 },
    { type: ApplicationCommandOptionType.Boolean, name: 'public', description: 'Show the answer to everyone in the channel (default: only you)' },
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

export const command: CommandModule = {
  definition,
  run: ({ services }, options) => services.search({ query: stringOption(options, 'query') ?? '', limit: integerOption(options, 'limit') }),
};
