import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { APP_ID, chatInput, generateSigningKeys, ping, signatureHeaders } from '../support/discord-stand-in.ts';
import { SAMPLE_CORPUS, tempDir } from '../support/corpus.ts';
import { freePort } from '../support/net.ts';

/** `dossier serve` as a real process: configuration errors, serving, and a clean exit on SIGTERM. */

const MAIN = resolve(import.meta.dirname, '../../src/main.ts');
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
let child: ChildProcess | null = null;

afterEach(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  child = null;
});

async function serve(env: Record<string, string>): Promise<{ exit: Promise<number | null>; stderr: () => string }> {
  const cwd = await tempDir('dossier-serve-');
  let err = '';
  child = spawn(process.execPath, ['--import', TSX, MAIN, 'serve'], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DOSSIER_CORPUS_DIR: SAMPLE_CORPUS, DOSSIER_DATA_DIR: resolve(cwd, 'data'), ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr?.on('data', (d: Buffer) => {
    err += d.toString('utf8');
  });
  const proc = child;
  const exit = new Promise<number | null>((done) => proc.once('exit', (code) => done(code)));
  return { exit, stderr: () => err };
}

describe('dossier serve', () => {
  it('lists every missing key at once and says the mode needs them', async () => {
    const run = await serve({});
    expect(await run.exit).toBe(2);
    expect(run.stderr()).toContain('missing DISCORD_PUBLIC_KEY, DISCORD_APPLICATION_ID (needed to run in http mode');
  });

  it('serves signed interactions and exits cleanly on SIGTERM', async () => {
    const keys = generateSigningKeys();
    const port = await freePort();
    const run = await serve({ PORT: String(port), DISCORD_PUBLIC_KEY: keys.publicKeyHex, DISCORD_APPLICATION_ID: APP_ID, DISCORD_API_URL: 'http://127.0.0.1:9/api', QUERY_WORKERS: '1' });
    const url = `http://127.0.0.1:${port}`;
    const end = Date.now() + 60_000;
    for (;;) {
      const ok = await fetch(`${url}/healthz`).then((r) => r.ok, () => false);
      if (ok) break;
      if (Date.now() > end || child?.exitCode !== null) throw new Error(`dossier serve did not start:\n${run.stderr()}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    const body = JSON.stringify(ping());
    const res = await fetch(`${url}/interactions`, { method: 'POST', body, headers: signatureHeaders(keys, body) });
    expect(await res.json()).toEqual({ type: 1 });
    // Its query worker (a thread booted through tsx) loads the saved library and answers commands.
    for (;;) {
      const health = (await (await fetch(`${url}/healthz`)).json()) as { workers: { ready: number; total: number } };
      expect(health.workers.total).toBe(1);
      if (health.workers.ready === 1) break;
      if (Date.now() > end) throw new Error(`the query worker did not load the library:\n${run.stderr()}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    const search = JSON.stringify(chatInput('search', [{ name: 'query', type: 3, value: 'Khoramshahr' }]));
    const answer = (await (await fetch(`${url}/interactions`, { method: 'POST', body: search, headers: signatureHeaders(keys, search) })).json()) as { type: number; data: { embeds: unknown[] } };
    expect(answer.type).toBe(4);
    expect(JSON.stringify(answer.data.embeds)).toContain('Khorramshahr');
    expect((await fetch(`${url}/interactions`, { method: 'POST', body, headers: { 'content-type': 'application/json' } })).status).toBe(401);
    child!.kill('SIGTERM');
    expect(await run.exit).toBe(0);
  }, 90_000);
});
