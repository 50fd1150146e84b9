import { ApplicationCommandOptionType, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import { stringOption, type CommandModule } from './types.ts';

export const definition = {
  name: 'timeline',
  description: 'What happened when: events in date order, each cited',
  options: [
    { type: ApplicationCommandOptionType.String, name: 'topic', description: 'What the events are about (words or a name)', max_length: 200 },
    { type: ApplicationCommandOptionType.String, name: 'from', description: 'Earliest date: YYYY, YYYY-MM or YYYY-MM-DD', max_length: 10 },
    { type: ApplicationCommandOptionType.String, name: 'to', description: 'Latest date: YYYY, YYYY-MM or YYYY-MM-DD', max_length: 10 },
    { type: ApplicationCommandOptionType.Boolean, name: 'public', description: 'Show the answer to everyone in the channel (default: only you)' },
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

export const command: CommandModule = {
  definition,
  run: ({ services }, options) => services.timeline({ topic: stringOption(options, 'topic'), from: stringOption(options, 'from'), to: stringOption(options, 'to') }),
};
