import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Writable } from 'node:stream';
import { COMMANDS } from '../../commands/index.ts';
import type { CommandContext } from '../../commands/types.ts';
import type { Answer } from '../domain/answer.ts';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { articleFromBytes, loadCorpus } from '../ingest/load.ts';
import { isIsoDate } from '../ingest/parse.ts';
import { extractArticle } from '../extract/index.ts';
import { extractionJson } from '../render/json/extraction.ts';
import type { Logger } from '../log.ts';
import { renderJson } from '../render/json/index.ts';
import { renderText } from '../render/text/index.ts';
import { isUserError } from '../services/errors.ts';
import { createServices } from '../services/index.ts';
import { openLive } from '../services/live-library.ts';
import { openModeration } from '../services/moderation.ts';
import { checkGuildId, GuildIdError } from '../storage/guild-corpus.ts';

/** What a CLI run needs from outside: streams, defaults from config, a logger. */
export interface CliEnvironment {
  stdout: Writable;
  stderr: Writable;
  corpusDir: string;
  dataDir: string;
  log: Logger;
}

type Values = Record<string, string | boolean | undefined>;

interface Subcommand {
  usage: string;
  summary: string;
  options: NonNullable<ParseArgsConfig['options']>;
  /** Positional arguments: how many at least, and whether more are allowed. */
  positionals: { min: number; max: number };
  run(values: Values, positionals: string[], env: CliEnvironment): Promise<number>;
}

const corpusOption = { corpus: { type: 'string' } } as const;
const jsonOption = { json: { type: 'boolean' } } as const;

/** Thrown for a bad command line: printed with the usage, exit code 2. */
export class UsageError extends Error {}

async function contextFor(values: Values, env: CliEnvironment): Promise<CommandContext> {
  const guildId = guildOf(values);
  // The bundled corpus plus the guilds' articles (one snapshot for both, as the bot keeps it);
  // with --guild, as that guild sees it: the bundled corpus and its own articles only.
  const { live } = await openLive({ corpusDir: corpusDirOf(values, env), dataDir: env.dataDir, log: env.log });
  const services = createServices(live);
  return { services: guildId === null ? services : services.forGuild(guildId), commands: COMMANDS, guildId, userId: null };
}

/** The --guild value, checked; null without one. */
function guildOf(values: Values): string | null {
  if (values.guild === undefined) return null;
  try {
    return checkGuildId(String(values.guild));
  } catch (error) {
    if (error instanceof GuildIdError) throw new UsageError(`--guild: ${error.message}`);
    throw error;
  }
}

const guildOption = { guild: { type: 'string' } } as const;
const textOf = (v: string | boolean | undefined): string | undefined => (typeof v === 'string' ? v : undefined);

function corpusDirOf(values: Values, env: CliEnvironment): string {
  return typeof values.corpus === 'string' ? values.corpus : env.corpusDir;
}

function print(answer: Answer, values: Values, env: CliEnvironment): number {
  env.stdout.write(values.json === true ? renderJson(answer) : renderText(answer));
  return 0;
}

function positiveInt(value: string | boolean | undefined, option: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (typeof value !== 'string' || !Number.isInteger(n) || n < 1) throw new UsageError(`--${option} must be a whole number of 1 or more, got "${String(value)}"`);
  return n;
}

export const SUBCOMMANDS: Record<string, Subcommand> = {
  search: {
    usage: 'dossier search QUERY [--limit N] [--guild ID] [--json] [--corpus DIR]',
    summary: 'the best passages for a question, each cited',
    options: { ...corpusOption, ...jsonOption, ...guildOption, limit: { type: 'string' } },
    positionals: { min: 1, max: Infinity },
    async run(values, positionals, env) {
      const context = await contextFor(values, env);
      return print(context.services.search({ query: positionals.join(' '), limit: positiveInt(values.limit, 'limit') }), values, env);
    },
  },
  who: {
    usage: 'dossier who NAME [--guild ID] [--json] [--corpus DIR]',
    summary: 'who a person is, as the sources say (any spelling)',
    options: { ...corpusOption, ...jsonOption, ...guildOption },
    positionals: { min: 1, max: Infinity },
    async run(values, positionals, env) {
      const context = await contextFor(values, env);
      return print(context.services.who(positionals.join(' ')), values, env);
    },
  },
  quote: {
    usage: 'dossier quote [--speaker S] [--topic T] [--guild ID] [--json] [--corpus DIR]',
    summary: 'direct quotations by speaker and/or topic, merged across sources',
    options: { ...corpusOption, ...jsonOption, ...guildOption, speaker: { type: 'string' }, topic: { type: 'string' } },
    positionals: { min: 0, max: 0 },
    async run(values, _positionals, env) {
      const context = await contextFor(values, env);
      const text = (v: string | boolean | undefined): string | undefined => (typeof v === 'string' ? v : undefined);
      return print(context.services.quotes({ speaker: text(values.speaker), topic: text(values.topic) }), values, env);
    },
  },
  timeline: {
    usage: 'dossier timeline [--topic T] [--from D] [--to D] [--guild ID] [--json] [--corpus DIR]',
    summary: 'events in date order, each cited',
    options: { ...corpusOption, ...jsonOption, ...guildOption, topic: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' } },
    positionals: { min: 0, max: 0 },
    async run(values, _positionals, env) {
      const context = await contextFor(values, env);
      const text = (v: string | boolean | undefined): string | undefined => (typeof v === 'string' ? v : undefined);
      return print(context.services.timeline({ topic: text(values.topic), from: text(values.from), to: text(values.to) }), values, env);
    },
  },
  sources: {
    usage: 'dossier sources [--guild ID] [--json] [--corpus DIR]',
    summary: 'what is in the corpus',
    options: { ...corpusOption, ...jsonOption, ...guildOption },
    positionals: { min: 0, max: 0 },
    async run(values, _positionals, env) {
      const context = await contextFor(values, env);
      return print(context.services.sources(), values, env);
    },
  },
  brief: {
    usage: 'dossier brief [--topic T] [--since D] [--guild ID] [--json] [--corpus DIR]',
    summary: 'an extractive briefing: key points, people, quotes, latest events, sources; all cited',
    options: { ...corpusOption, ...jsonOption, ...guildOption, topic: { type: 'string' }, since: { type: 'string' } },
    positionals: { min: 0, max: 0 },
    async run(values, _positionals, env) {
      const context = await contextFor(values, env);
      return print(context.services.brief({ topic: textOf(values.topic), since: textOf(values.since) }), values, env);
    },
  },
  corpus: {
    usage: 'dossier corpus add FILE --guild ID | list [--guild ID] | remove ID --guild ID | history [--guild ID]  [--json] [--corpus DIR]',
    summary: 'manage the articles guilds added (stored under the data dir)',
    options: { ...corpusOption, ...jsonOption, ...guildOption },
    positionals: { min: 1, max: 2 },
    async run(values, positionals, env) {
      const [action, arg] = positionals;
      const guildId = guildOf(values);
      const needs = (what: string): string => {
        if (arg === undefined) throw new UsageError(`corpus ${action ?? ''} needs ${what}`);
        return arg;
      };
      const needGuild = (): string => {
        if (guildId === null) throw new UsageError(`corpus ${action ?? ''} needs --guild ID`);
        return guildId;
      };
      if (action !== 'add' && action !== 'remove' && arg !== undefined) throw new UsageError(`unexpected argument "${arg}"`);
      const { moderation, live } = await openModeration({ corpusDir: corpusDirOf(values, env), dataDir: env.dataDir, log: env.log });
      const corpus = moderation.corpus;
      let answer: Answer;
      switch (action) {
        case 'add': {
          const file = needs('a FILE');
          const target = needGuild();
          const bytes = await readFile(file).catch((error: NodeJS.ErrnoException) => {
            throw new UsageError(`${file}: cannot read it (${error.code ?? error.message})`);
          });
          answer = await corpus.add({ guildId: target, userId: null, name: basename(file), bytes });
          break;
        }
        case 'list':
          answer = corpus.list(guildId);
          break;
        case 'remove':
          answer = await corpus.remove({ guildId: needGuild(), userId: null, id: needs('an article ID') });
          break;
        case 'history':
          answer = await corpus.history(guildId);
          break;
        default:
          throw new UsageError(`unknown corpus action "${action ?? ''}" (add, list, remove or history)`);
      }
      await live.settled();
      return print(answer, values, env);
    },
  },
  extract: {
    usage: 'dossier extract [--json] [--published YYYY-MM-DD] FILE...',
    summary: 'people, quotes, times and events found in article files (JSON Lines with --json)',
    options: { ...jsonOption, published: { type: 'string' } },
    positionals: { min: 1, max: Infinity },
    async run(values, positionals, env) {
      const published = values.published;
      if (typeof published === 'string' && !isIsoDate(published)) throw new UsageError(`--published must be a date written YYYY-MM-DD, got "${published}"`);
      let failures = 0;
      for (const file of positionals) {
        const bytes = await readFile(file).catch((error: NodeJS.ErrnoException) => {
          env.stderr.write(`dossier extract: ${file}: cannot read it (${error.code ?? error.message})\n`);
          return null;
        });
        if (!bytes) {
          failures += 1;
          continue;
        }
        const loaded = articleFromBytes(file, bytes);
        if (!loaded.ok) {
          for (const p of loaded.problems) env.stderr.write(`dossier extract: ${p.file}${p.field ? ` [${p.field}]` : ''}: ${p.reason}\n`);
          failures += 1;
          continue;
        }
        const article = typeof published === 'string' ? { ...loaded.article, published } : loaded.article;
        const result = extractArticle(article);
        if (values.json === true) {
          env.stdout.write(`${JSON.stringify(extractionJson(result))}\n`);
        } else {
          env.stdout.write(`${file}: ${result.people.length} people, ${result.quotes.length} quotes, ${result.times.length} time expressions, ${result.events.length} events\n`);
          for (const p of result.people) env.stdout.write(`  person  ${p.name}${p.roles.length ? ` (${p.roles.map((r) => r.text).join('; ')})` : ''}: ${p.mentions.length} mentions\n`);
          for (const q of result.quotes) env.stdout.write(`  quote   ${q.speaker ?? '(no speaker)'}: “${q.text}”\n`);
          for (const t of result.times) env.stdout.write(`  time    ${t.text} → ${t.type} ${t.value}\n`);
          for (const e of result.events) env.stdout.write(`  event   ${e.date} (${e.precision}): ${e.text}\n`);
        }
      }
      return failures > 0 ? 1 : 0;
    },
  },
  check: {
    usage: 'dossier check [--corpus DIR]',
    summary: 'validate a corpus and report every problem',
    options: { ...corpusOption },
    positionals: { min: 0, max: 0 },
    async run(values, _positionals, env) {
      const dir = corpusDirOf(values, env);
      const corpus = await loadCorpus(dir);
      for (const p of corpus.problems) {
        env.stdout.write(`${p.severity}: ${p.file}${p.field ? ` [${p.field}]` : ''}: ${p.reason}\n`);
      }
      const errors = corpus.problems.filter((p) => p.severity === 'error').length;
      env.stdout.write(`${dir}: ${corpus.articles.length} articles, ${corpus.passages.length} passages loaded; ${errors} skipped with errors, ${corpus.problems.length - errors} warnings\n`);
      return errors > 0 ? 1 : 0;
    },
  },
};

export function cliHelp(): string {
  const lines = [
    'Usage:',
    '  dossier',
    '      the local console (or the Discord bot when DISCORD_TOKEN is set)',
    '  dossier serve',
    '      the Discord HTTP interactions endpoint (PORT, DISCORD_PUBLIC_KEY, DISCORD_APPLICATION_ID)',
  ];
  for (const s of Object.values(SUBCOMMANDS)) lines.push(`  ${s.usage}`, `      ${s.summary}`);
  return `${lines.join('\n')}\n`;
}

/** Runs one CLI invocation; returns the exit code (0 ok, 1 problems found, 2 bad usage or input). */
export async function runCli(argv: readonly string[], env: CliEnvironment): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    env.stdout.write(cliHelp());
    return 0;
  }
  const sub = SUBCOMMANDS[name];
  if (!sub) {
    env.stderr.write(`dossier: unknown command "${name}"\n${cliHelp()}`);
    return 2;
  }
  try {
    let parsed;
    try {
      parsed = parseArgs({ args: [...rest], options: sub.options, allowPositionals: true, strict: true });
    } catch (error) {
      throw new UsageError((error as Error).message.replace(/^TypeError \[\w+\]: /, ''));
    }
    const { values, positionals } = parsed;
    if (positionals.length < sub.positionals.min) throw new UsageError(`missing argument`);
    if (positionals.length > sub.positionals.max) throw new UsageError(`unexpected argument "${positionals[sub.positionals.max] ?? ''}"`);
    return await sub.run(values as Values, positionals, env);
  } catch (error) {
    if (error instanceof UsageError) {
      env.stderr.write(`dossier ${name}: ${error.message}\nusage: ${sub.usage}\n`);
      return 2;
    }
    if (isUserError(error)) {
      env.stderr.write(`dossier ${name}: ${error.option ? `${error.option}: ` : ''}${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
