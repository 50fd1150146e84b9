import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { CommandContext } from '../../commands/types.ts';
import type { Logger } from '../log.ts';
import { renderText, type TextStyle } from '../render/text/index.ts';
import { parseCommandLine, runCommand, type Outcome } from './dispatch.ts';

export interface ConsoleOptions {
  input: Readable;
  output: Writable;
  context: CommandContext;
  log: Logger;
  /** A person at a terminal: show a banner and a prompt, and highlight with ANSI bold. */
  interactive: boolean;
  /** A line printed once at the start in interactive mode. */
  banner?: string;
}

/** Renders one outcome as the console shows it. */
export function renderOutcome(outcome: Outcome, style: TextStyle): string {
  switch (outcome.kind) {
    case 'answer':
      return renderText(outcome.answer, style);
    case 'user-error':
      return `${outcome.message}\n`;
    case 'bug':
      return `${outcome.message}\n`;
  }
}

/**
 * The local console: a person types slash commands and sees each answer as the Discord message
 * would read. Reads piped input line by line too, and returns when input ends.
 */
export async function runConsole(options: ConsoleOptions): Promise<void> {
  const { input, output, context, log, interactive } = options;
  const style: TextStyle = { highlight: interactive ? 'ansi' : 'markdown' };
  const rl = createInterface({ input, output: interactive ? output : undefined, terminal: interactive, prompt: 'dossier> ' });
  if (interactive) {
    if (options.banner) output.write(`${options.banner}\n`);
    rl.prompt();
  }
  for await (const raw of rl) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) {
      if (interactive) rl.prompt();
      continue;
    }
    if (/^\/?(exit|quit)$/i.test(line)) break;
    const parsed = parseCommandLine(line, context.commands);
    const text = parsed.ok
      ? renderOutcome(await runCommand(parsed.command, context, parsed.options, log), style)
      : `${parsed.message}\n`;
    if (!interactive) output.write(`dossier> ${line}\n`);
    output.write(`${text}\n`);
    if (interactive) rl.prompt();
  }
  rl.close();
}
