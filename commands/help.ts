import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import { usageOf, type CommandModule } from './types.ts';

export const definition = {
  name: 'help',
  description: 'What Dossier can answer, and how',
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

export const command: CommandModule = {
  definition,
  light: true,
  run: ({ commands }) => ({
    kind: 'help',
    commands: commands.map((c) => ({ name: c.definition.name, description: c.definition.description, usage: usageOf(c.definition) })),
  }),
};
