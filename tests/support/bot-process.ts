import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiscordStandIn, TOKEN } from './discord-stand-in.ts';
import { SAMPLE_CORPUS, tempDir } from './corpus.ts';

/** The gateway bot as a real process (`npm start` with DISCORD_TOKEN), against its own Discord stand-in. */
export interface RunningBot {
  child: ChildProcess;
  standIn: DiscordStandIn;
  /** Everything the bot has logged so far. */
  stderr: () => string;
}

const MAIN = resolve(import.meta.dirname, '../../src/main.ts');
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const started: RunningBot[] = [];

/**
 * Starts the bot on the sample corpus with `extra` environment: from the TypeScript sources through
 * tsx, as `npm start` does, or from `entry` (a built `dist/src/main.js`) with plain node.
 */
export async function startBot(extra: Record<string, string>, entry?: string): Promise<RunningBot> {
  const standIn = await DiscordStandIn.start({ heartbeatMs: 1000 });
  const cwd = await tempDir('dossier-bot-');
  let err = '';
  const child = spawn(process.execPath, entry === undefined ? ['--import', TSX, MAIN] : [entry], {
    cwd,
    env: {
      PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DISCORD_TOKEN: TOKEN, DISCORD_API_URL: standIn.apiUrl,
      DOSSIER_CORPUS_DIR: SAMPLE_CORPUS, DOSSIER_DATA_DIR: resolve(cwd, 'data'), LOG_LEVEL: 'info', ...extra,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr?.on('data', (d: Buffer) => {
    err += d.toString('utf8');
  });
  const bot = { child, standIn, stderr: () => err };
  started.push(bot);
  return bot;
}

/** Kills every bot still running and closes the stand-ins (for afterEach). */
export async function stopBots(): Promise<void> {
  for (const bot of started.splice(0)) {
    if (bot.child.exitCode === null && bot.child.signalCode === null) bot.child.kill('SIGKILL');
    await bot.standIn.close();
  }
}

export function exitOf(proc: ChildProcess): Promise<number | null> {
  return new Promise((done) => (proc.exitCode !== null ? done(proc.exitCode) : proc.once('exit', (code) => done(code))));
}

export async function until(check: () => boolean, what: string, timeoutMs = 60_000, log: () => string = () => ''): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}\n${log().slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Starts the bot with SHARDS=2 and checks that both shard processes identify, get ready and stop on SIGTERM. */
export async function expectTwoShards(entry?: string): Promise<{ shards: Array<[number, number]>; code: number | null }> {
  const bot = await startBot({ SHARDS: '2' }, entry);
  await until(() => bot.standIn.received.filter((f) => f.op === 2).length === 2, 'both shards to identify', 80_000, bot.stderr);
  const shards = bot.standIn.received.filter((f) => f.op === 2).map((f) => (f.d as { shard: [number, number] }).shard);
  await until(() => (bot.stderr().match(/gateway ready/g) ?? []).length === 2, 'both shards to be ready', 60_000, bot.stderr);
  bot.child.kill('SIGTERM');
  return { shards: shards.sort(), code: await exitOf(bot.child) };
}
