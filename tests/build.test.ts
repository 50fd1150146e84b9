import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { tempDir } from './support/corpus.ts';
import { ROOT, runDossier } from './support/run.ts';

describe('the built bot (npm run build)', () => {
  it('runs from dist/ without tsx, extracting the corpus from scratch with the word lists the build copies', async () => {
    await promisify(execFile)('npm', ['run', '-s', 'build'], { cwd: ROOT });
    // An empty data dir: no snapshot, so the corpus is extracted, which reads src/extract/data.
    const ran = await runDossier([], { entry: 'dist/src/main.js', input: '/who Araghchi\n', env: { DOSSIER_DATA_DIR: await tempDir() } });
    expect(ran.stderr).not.toMatch(/ENOENT|unexpected failure/);
    expect(ran.code).toBe(0);
    expect(ran.stdout).toContain('Who: Abbas Araghchi');
    expect(ran.stdout).toContain('Also written: Abbas Araqchi');
  }, 120_000);
});
