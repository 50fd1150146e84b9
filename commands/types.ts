import { ApplicationCommandOptionType, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import type { Answer } from '../src/domain/answer.ts';
import type { Services } from '../src/services/index.ts';
import type { Moderation } from '../src/services/moderation.ts';

/** Option values as a transport read them (Discord interaction, console line or CLI flags). */
export type OptionValues = Readonly<Record<string, string | number | boolean | undefined>>;

export interface CommandContext {
  services: Services;
  /** Every registered command (for /help). */
  commands: readonly CommandModule[];
  guildId: string | null;
  userId: string | null;
  /** Corpus, schedules and audit for moderator commands (/brief schedule, /corpus); absent where there are none. */
  moderation?: Moderation;
  /** Files attached to the command, downloaded by the transport, by option name (/corpus add file:…). */
  files?: Readonly<Record<string, { name: string; bytes: Uint8Array }>>;
}

/** One slash command: its Discord definition and a handler that calls a service. */
export interface CommandModule {
  definition: RESTPostAPIChatInputApplicationCommandsJSONBody;
  run(context: CommandContext, options: OptionValues): Answer | Promise<Answer>;
  /**
   * Discord transports defer before running (the answer may take over a second, e.g. a briefing).
   * Default false: the answer is sent directly, or deferred if not ready after 1 s.
   */
  defer?: boolean;
  /**
   * Answers without reading the library (/help): never sent to a query worker, whose round trip
   * would cost more than the answer. Default false.
   */
  light?: boolean;
  /**
   * Suggestions while the user types into an option marked `autocomplete: true` (Discord cannot
   * defer these: answer fast). `focused` names the option being typed, `value` is its text so far,
   * `options` the other values already filled in. Transports clamp to 25 choices of ≤ 100 characters.
   */
  autocomplete?(context: CommandContext, focused: string, value: string, options: OptionValues): readonly Suggestion[] | Promise<readonly Suggestion[]>;
}

/** One autocomplete choice: what the user sees (`name`) and what the option receives (`value`). */
export interface Suggestion {
  name: string;
  value: string;
}

export function stringOption(options: OptionValues, name: string): string | undefined {
  const value = options[name];
  return value === undefined ? undefined : String(value);
}

export function integerOption(options: OptionValues, name: string): number | undefined {
  const value = options[name];
  if (value === undefined || value === '') return undefined;
  return typeof value === 'number' ? value : Number(value);
}

/** `/name option:… [optional:…]` (or `/name sub|other …` with subcommands), from a definition; `public` left out. */
export function usageOf(def: CommandModule['definition']): string {
  const options = def.options ?? [];
  const subcommands = options.filter((o) => o.type === ApplicationCommandOptionType.Subcommand);
  if (subcommands.length > 0) return `/${def.name} ${subcommands.map((o) => o.name).join('|')} …`;
  const parts = options
    .filter((o) => o.name !== 'public')
    .map((o) => ('required' in o && o.required ? `${o.name}:…` : `[${o.name}:…]`));
  return [`/${def.name}`, ...parts].join(' ');
}
