import { command as brief } from './brief.ts';
import { command as corpus } from './corpus.ts';
import { command as help } from './help.ts';
import { command as quote } from './quote.ts';
import { command as search } from './search.ts';
import { command as sources } from './sources.ts';
import { command as timeline } from './timeline.ts';
import { command as who } from './who.ts';
import type { CommandModule } from './types.ts';

/** Every slash command, in the order /help lists them. Deployed from this list. */
export const COMMANDS: readonly CommandModule[] = [search, who, quote, timeline, sources, brief, corpus, help];

export function findCommand(name: string): CommandModule | undefined {
  return COMMANDS.find((c) => c.definition.name === name);
}
