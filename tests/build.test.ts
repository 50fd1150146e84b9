import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { expectTwoShards, stopBots } from './support/bot-process.ts';
import { tempDir } from './support/corpus.ts';
import { ROOT, runDossier } from './support/run.ts';

/** The bot as `npm run build` emits it, run with plain node (npm run start:built / serve:built). */
describe('the built bot (npm run build)', () => {
  beforeAll(async () => {
    await promisify(execFile)('npm', ['run', '-s', 'build'], { cwd: ROOT });
  }, 120_000);
  afterEach(stopBots);

  it('runs from dist/ without tsx, extracting the corpus from scratch with the word lists the build copies', async () => {
    // An empty data dir: no snapshot, so the corpus is extracted, which reads src/extract/data.
    const ran = await runDossier([], { entry: 'dist/src/main.js', input: '/who Araghchi\n', env: { DOSSIER_DATA_DIR: await tempDir() } });
    expect(ran.stderr).not.toMatch(/ENOENT|unexpected failure/);
    expect(ran.code).toBe(0);
    expect(ran.stdout).toContain('Who: Abbas Araghchi');
    expect(ran.stdout).toContain('Also written: Abbas Araqchi');
  }, 60_000);

  it('runs its shard processes from dist/ too (SHARDS=2)', async () => {
    const { shards, code } = await expectTwoShards(resolve(ROOT, 'dist/src/main.js'));
    expect(shards).toEqual([[0, 2], [1, 2]]);
    expect(code).toBe(0);
  }, 120_000);
});
