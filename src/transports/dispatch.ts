import { randomBytes } from 'node:crypto';
import { ApplicationCommandOptionType, type APIApplicationCommandOption } from 'discord.js';

type CommandOption = APIApplicationCommandOption;
import { usageOf, type CommandContext, type CommandModule, type OptionValues } from '../../commands/types.ts';
import type { Answer } from '../domain/answer.ts';
import type { Logger } from '../log.ts';
import { isUserError } from '../services/errors.ts';

/**
 * The one path from a parsed command to an Answer, shared by every transport: expected user
 * errors come back as messages; anything else is a bug, logged with an id the user can quote.
 */
export type Outcome =
  | { kind: 'answer'; answer: Answer }
  | { kind: 'user-error'; message: string }
  | { kind: 'bug'; errorId: string; message: string };

export function newErrorId(): string {
  return randomBytes(4).toString('hex');
}

export async function runCommand(
  command: CommandModule, context: CommandContext, options: OptionValues, log: Logger,
): Promise<Outcome> {
  try {
    const answer = await command.run(context, options);
    return { kind: 'answer', answer };
  } catch (error) {
    if (isUserError(error)) return { kind: 'user-error', message: error.message };
    const errorId = newErrorId();
    log.error('command failed', { errorId, command: command.definition.name, user: context.userId, guild: context.guildId, error });
    return { kind: 'bug', errorId, message: `Sorry, something went wrong on our side (error ${errorId}). It has been logged.` };
  }
}

export type ParsedLine =
  | { ok: true; command: CommandModule; options: Record<string, string | number | boolean> }
  | { ok: false; message: string };

/**
 * Reads a console line such as `/search US sanctions limit:3`: `name:value` pairs set options by
 * name; other words fill the first text option. Values are checked against the definition.
 */
export function parseCommandLine(line: string, commands: readonly CommandModule[]): ParsedLine {
  const m = /^\/?(\S+)\s*([\s\S]*)$/.exec(line.trim());
  if (!m) return { ok: false, message: 'Type a command such as /search enrichment, or /help.' };
  const name = (m[1] ?? '').toLowerCase();
  const command = commands.find((c) => c.definition.name === name);
  if (!command) return { ok: false, message: `Unknown command /${name}. Type /help for the list.` };
  let defs: readonly CommandOption[] = command.definition.options ?? [];
  let rest = m[2] ?? '';
  const options: Record<string, string | number | boolean> = {};
  // A command with subcommands: the first word names one (the first subcommand when it does not).
  const subcommands = defs.filter((o) => o.type === ApplicationCommandOptionType.Subcommand);
  if (subcommands.length > 0) {
    const word = /^(\S+)(?:\s+|$)/.exec(rest);
    const chosen = subcommands.find((o) => o.name === word?.[1]?.toLowerCase()) ?? subcommands[0];
    if (chosen === subcommands.find((o) => o.name === word?.[1]?.toLowerCase())) rest = rest.slice(word?.[0].length ?? 0);
    options.subcommand = chosen?.name ?? '';
    defs = chosen && 'options' in chosen ? (chosen.options ?? []) : [];
  }
  const names = defs.map((o) => o.name);
  const raw: Record<string, string> = {};
  const keyed = new RegExp(`(?:^|\\s)(${names.map(escapeRegExp).join('|') || '(?!)'}):`, 'g');
  const marks = [...rest.matchAll(keyed)];
  const free = (marks.length > 0 ? rest.slice(0, marks[0]?.index ?? 0) : rest).trim();
  marks.forEach((mark, i) => {
    const start = (mark.index ?? 0) + mark[0].length;
    const end = marks[i + 1]?.index ?? rest.length;
    raw[mark[1] ?? ''] = rest.slice(start, end).trim();
  });
  if (free !== '') {
    const target = defs.find((o) => o.type === ApplicationCommandOptionType.String && raw[o.name] === undefined);
    if (!target) return { ok: false, message: `/${name} takes no free text. Usage: ${usageOf(command.definition)}` };
    raw[target.name] = free;
  }
  for (const def of defs) {
    const value = raw[def.name];
    if (value === undefined || value === '') {
      if ('required' in def && def.required) return { ok: false, message: `/${name} needs ${def.name}. Usage: ${usageOf(command.definition)}` };
      continue;
    }
    if (def.type === ApplicationCommandOptionType.Integer || def.type === ApplicationCommandOptionType.Number) {
      const n = Number(value);
      if (!Number.isFinite(n) || (def.type === ApplicationCommandOptionType.Integer && !Number.isInteger(n))) {
        return { ok: false, message: `${def.name} must be a number, got "${value}".` };
      }
      const min = 'min_value' in def ? def.min_value : undefined;
      const max = 'max_value' in def ? def.max_value : undefined;
      if ((min !== undefined && n < min) || (max !== undefined && n > max)) {
        return { ok: false, message: `${def.name} must be from ${min ?? '…'} to ${max ?? '…'}, got ${n}.` };
      }
      options[def.name] = n;
    } else if (def.type === ApplicationCommandOptionType.Boolean) {
      if (!/^(true|false|yes|no)$/i.test(value)) return { ok: false, message: `${def.name} must be true or false, got "${value}".` };
      options[def.name] = /^(true|yes)$/i.test(value);
    } else {
      options[def.name] = value;
    }
  }
  return { ok: true, command, options };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
