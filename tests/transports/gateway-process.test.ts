import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { chatInput, DiscordStandIn, TOKEN } from '../support/discord-stand-in.ts';
import { SAMPLE_CORPUS, tempDir } from '../support/corpus.ts';
import { specProblems } from '../support/discord-stand-in-spec.ts';

/**
 * `npm start` as a real process: the gateway bot (and SHARDS=N with discord.js's ShardingManager)
 * against the Discord stand-in, answering an interaction and shutting down cleanly on SIGTERM.
 */

const MAIN = resolve(import.meta.dirname, '../../src/main.ts');
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

let child: ChildProcess | null = null;
let standIn: DiscordStandIn | null = null;

afterEach(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  child = null;
  await standIn?.close();
  standIn = null;
});

async function startBot(extra: Record<string, string>): Promise<{ stderr: () => string }> {
  standIn = await DiscordStandIn.start({ heartbeatMs: 1000 });
  const cwd = await tempDir('dossier-bot-');
  let err = '';
  child = spawn(process.execPath, ['--import', TSX, MAIN], {
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
  return { stderr: () => err };
}

function exitOf(proc: ChildProcess): Promise<number | null> {
  return new Promise((done) => (proc.exitCode !== null ? done(proc.exitCode) : proc.once('exit', (code) => done(code))));
}

async function until(check: () => boolean, what: string, timeoutMs = 60_000, log: () => string = () => ''): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}\n${log().slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('npm start with DISCORD_TOKEN', () => {
  it('runs the gateway bot, answers, and exits cleanly on SIGTERM', async () => {
    const bot = await startBot({});
    await until(() => bot.stderr().includes('gateway ready'), 'the bot to be ready', 60_000, bot.stderr);
    const interaction = chatInput('help');
    standIn!.dispatchInteraction(interaction);
    const call = await standIn!.callbackFor(String(interaction.id));
    expect(specProblems('callback', call.body)).toEqual([]);
    child!.kill('SIGTERM');
    expect(await exitOf(child!)).toBe(0);
    expect(bot.stderr()).toContain('shutting down');
  }, 90_000);

  it('runs one process per shard with SHARDS=2', async () => {
    const bot = await startBot({ SHARDS: '2' });
    await until(() => standIn!.received.filter((f) => f.op === 2).length === 2, 'both shards to identify', 80_000, bot.stderr);
    const shards = standIn!.received.filter((f) => f.op === 2).map((f) => (f.d as { shard: [number, number] }).shard);
    expect(shards.sort()).toEqual([[0, 2], [1, 2]]);
    await until(() => (bot.stderr().match(/gateway ready/g) ?? []).length === 2, 'both shards to be ready');
    child!.kill('SIGTERM');
    expect(await exitOf(child!)).toBe(0);
  }, 120_000);
});
