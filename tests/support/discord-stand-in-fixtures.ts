import { ApplicationCommandOptionType } from 'discord.js';
import { COMMANDS } from '../../commands/index.ts';
import type { CommandModule } from '../../commands/types.ts';
import { servicesFor } from '../../src/app.ts';
import { createLogger, type Logger } from '../../src/log.ts';
import { UserError } from '../../src/services/errors.ts';
import type { InteractionDeps } from '../../src/transports/discord-interactions.ts';
import { sampleLibrary } from './library.ts';
import type { OptionInput } from './discord-stand-in.ts';

/**
 * What the gateway and HTTP end-to-end tests share: the real commands over the sample corpus plus
 * probe commands that are slow, broken, or suggest a lot, and the hostile inputs both must survive.
 */

/** Waits 300 ms, then answers like /sources: deferred when the handler defers after 50 ms. */
export const slowCommand: CommandModule = {
  definition: { name: 'slow', description: 'A slow answer', options: [{ type: ApplicationCommandOptionType.Boolean, name: 'public', description: 'Everyone sees it' }] },
  run: async ({ services }) => {
    await new Promise((resolve) => setTimeout(resolve, 300));
    return services.sources();
  },
};

/** Blocks the event loop for 150 ms (sync work, as a big briefing does) and asks to be deferred first. */
export const heavyCommand: CommandModule = {
  definition: { name: 'heavy', description: 'A blocking answer' },
  defer: true,
  run: ({ services }) => {
    const end = Date.now() + 150;
    while (Date.now() < end) { /* busy */ }
    return services.sources();
  },
};

/** Throws a bug. */
export const brokenCommand: CommandModule = {
  definition: { name: 'broken', description: 'Always fails' },
  run: () => {
    throw new TypeError('cannot read properties of undefined');
  },
};

/** Autocompletes with 40 over-long names, and fails on "boom". */
export const suggestCommand: CommandModule = {
  definition: { name: 'suggest', description: 'Suggests', options: [{ type: ApplicationCommandOptionType.String, name: 'name', description: 'A name', required: true, autocomplete: true }] },
  run: () => {
    throw new UserError('Pick a name from the list.', 'name');
  },
  autocomplete: (_context, _focused, value) => {
    if (value === 'boom') throw new Error('autocomplete bug');
    return Array.from({ length: 40 }, (_, i) => ({ name: `${value} ${'Person '.repeat(20)}${i}`, value: `${value}-${i}` }));
  },
};

export const PROBES: readonly CommandModule[] = [slowCommand, heavyCommand, brokenCommand, suggestCommand];

/** The lines logged, to find error ids. */
export interface CapturedLog {
  log: Logger;
  lines: string[];
}

export function captureLog(): CapturedLog {
  const lines: string[] = [];
  return { lines, log: createLogger({ level: 'debug', write: (line) => void lines.push(line) }) };
}

export async function testDeps(log: Logger): Promise<InteractionDeps> {
  const library = await sampleLibrary();
  return { context: { services: servicesFor(library), commands: [...COMMANDS, ...PROBES] }, log, deferAfterMs: 50 };
}

export function hasCommand(name: string): boolean {
  return COMMANDS.some((c) => c.definition.name === name);
}

const STRING = ApplicationCommandOptionType.String;
const BOOLEAN = ApplicationCommandOptionType.Boolean;

/** Valid options for each real command, built from its definition (required text options get `text`). */
export function optionsFor(command: CommandModule, text: string, extra: Partial<Record<string, string | number | boolean>> = {}): OptionInput[] {
  const out: OptionInput[] = [];
  for (const def of command.definition.options ?? []) {
    if (extra[def.name] !== undefined) {
      out.push({ name: def.name, type: def.type, value: extra[def.name]! });
    } else if (def.type === STRING && 'required' in def && def.required) {
      out.push({ name: def.name, type: STRING, value: text });
    }
  }
  return out;
}

/** Sample words per command that find something in the sample corpus. */
export const SAMPLE_TEXT: Record<string, string> = { search: 'enrichment', who: 'Araqchi', quote: 'Araqchi', timeline: 'talks' };

/** Option values every transport must answer safely. */
export const HOSTILE_VALUES: ReadonlyArray<[string, string]> = [
  ['empty', ''],
  ['one character', 'a'],
  ['6,000 characters', 'enrichment '.repeat(546).slice(0, 6000)],
  ['markdown', '**bold** __under__ ~~gone~~ `code` ||spoiler|| [x](https://evil.example) # head'],
  ['mentions', '@everyone @here <@&123> <@456> <#789>'],
  ['zero-width and right-to-left', 'enrich\u200bment \u202eevil\u202c \u200f\u0627\u0644\u062a\u062e\u0635\u064a\u0628'],
];

export { BOOLEAN, STRING };
