import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.ts';
import { GuildCorpusStore } from '../../src/storage/guild-corpus.ts';
import { article, tempDir } from '../support/corpus.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const G = '500000000000000005';

/** Runs a script that adds an article and is killed (SIGKILL) at the given write step. */
function killedAt(dataDir: string, step: string, script: string): Promise<NodeJS.Signals | null> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, dataDir, step], { cwd: ROOT, stdio: 'ignore' });
    child.on('error', fail);
    child.on('exit', (_code, signal) => done(signal));
  });
}

describe('guild corpus store, killed mid-add', () => {
  it.each(['add:file-written', 'add:manifest-written'])('a process killed at %s leaves a loadable corpus with the old or the new state', async (step) => {
    const dataDir = await tempDir();
    const store = await GuildCorpusStore.open({ dataDir, log: silentLogger });
    await store.add({ guildId: G, name: 'old.md', bytes: new TextEncoder().encode(article('Old', 'An older article with a paragraph of text.')), userId: null });
    const script = join(await tempDir(), 'add.mts');
    await writeFile(script, `
import { GuildCorpusStore } from ${JSON.stringify(resolve(ROOT, 'src/storage/guild-corpus.ts'))};
import { silentLogger } from ${JSON.stringify(resolve(ROOT, 'src/log.ts'))};
const [dataDir, step] = process.argv.slice(2);
const store = await GuildCorpusStore.open({ dataDir, log: silentLogger, afterStep: (s) => { if (s === step) process.kill(process.pid, 'SIGKILL'); } });
await store.add({ guildId: ${JSON.stringify(G)}, name: 'new.md', bytes: new TextEncoder().encode('---\\ntitle: New\\n---\\n\\nA new article with a paragraph of text.\\n'), userId: null });
`);
    expect(await killedAt(dataDir, step, script)).toBe('SIGKILL');
    const reopened = await GuildCorpusStore.open({ dataDir, log: silentLogger });
    expect(reopened.problems).toEqual([]);
    expect(reopened.list(G).map((s) => s.entry.id)).toEqual(step === 'add:file-written' ? [`g${G}-old`] : [`g${G}-old`, `g${G}-new`]);
  });
});
