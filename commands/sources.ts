import { ApplicationCommandOptionType, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import type { CommandModule } from './types.ts';

export const definition = {
  name: 'sources',
  description: 'List the articles Dossier answers from',
  options: [
    { type: ApplicationCommandOptionType.Boolean, name: 'public', description: 'Show the answer to everyone in the channel (default: only you)' },
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

export const command: CommandModule = {
  definition,
  run: ({ services }) => services.sources(),
};
