import { cp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger, silentLogger } from '../../src/log.ts';
import { followGuildStore, openLive } from '../../src/services/live-library.ts';
import { article, SAMPLE_CORPUS, tempCorpus, tempDir } from '../support/corpus.ts';
import { runDossier } from '../support/run.ts';

const G = '123456789012345678';

async function until(what: string, ok: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`still waiting for ${what} after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('live library following the guild store', () => {
  it('re-indexes when a `dossier corpus` command run in another process adds or removes an article', async () => {
    const dataDir = await tempDir();
    const { live, store } = await openLive({ corpusDir: SAMPLE_CORPUS, dataDir, log: silentLogger, warm: false });
    const following = followGuildStore(store, live, silentLogger, 50);
    const env = { DOSSIER_DATA_DIR: dataDir, DOSSIER_CORPUS_DIR: SAMPLE_CORPUS };
    const has = (): boolean => live.current().articles.some((a) => a.id === `g${G}-harbour-tolls`);
    try {
      const dir = await tempCorpus({ 'harbour-tolls.md': article('Harbour tolls', 'The harbour board raised its tolls on Tuesday, the board said.', 'published: 2026-02-10\n') });
      const added = await runDossier(['corpus', 'add', join(dir, 'harbour-tolls.md'), '--guild', G], { env });
      expect(added.code, added.stderr).toBe(0);
      await until('the added article', has);
      expect(store.list(G).map((s) => s.entry.id)).toEqual([`g${G}-harbour-tolls`]);

      const removed = await runDossier(['corpus', 'remove', `g${G}-harbour-tolls`, '--guild', G], { env });
      expect(removed.code, removed.stderr).toBe(0);
      await until('the article gone', () => !has());
      expect(store.list(G)).toEqual([]);
    } finally {
      await following.stop();
      await live.settled();
    }
  }, 60_000);
});

describe('live library rebuilding in a worker thread', () => {
  const bytes = (title: string): Uint8Array => new TextEncoder().encode(article(title, `The harbour board met on Tuesday about ${title}, the board said.`, 'published: 2026-02-10\n'));
  const logged = (): { log: ReturnType<typeof createLogger>; entries: Array<Record<string, unknown>> } => {
    const entries: Array<Record<string, unknown>> = [];
    return { entries, log: createLogger({ level: 'info', write: (line) => void entries.push(JSON.parse(line) as Record<string, unknown>) }) };
  };

  it('builds the new library there, loads the snapshot it saved, and tells the listeners', async () => {
    const dataDir = await tempDir();
    const { log, entries } = logged();
    const { live, store } = await openLive({ corpusDir: SAMPLE_CORPUS, dataDir, log, warm: false, rebuildIn: 'thread' });
    const before = live.current();
    const saved: string[] = [];
    live.onSaved((library) => saved.push(library.version));
    let turns = 0;
    let running = true;
    const spin = (): void => {
      turns += 1;
      if (running) setImmediate(spin);
    };
    spin();
    await store.add({ guildId: G, name: 'tolls.md', bytes: bytes('tolls'), userId: null });
    const library = await live.reindex().finally(() => (running = false));
    expect(library.articles.map((a) => a.id)).toContain(`g${G}-tolls`);
    expect(live.current()).toBe(library);
    expect(library.articles).toHaveLength(before.articles.length + 1);
    expect(saved).toEqual([library.version]);
    expect(entries.find((e) => e.msg === 'library re-indexed')).toMatchObject({ builtIn: 'a worker thread' });
    // The main thread's event loop went on turning while the thread built.
    expect(turns).toBeGreaterThan(20);
    await live.settled();
  }, 60_000);

  it('builds on the main thread when the thread cannot build the same library, losing no article', async () => {
    // The bundled corpus's folder goes away while the bot runs: the thread builds something else
    // (or fails), and the library is built here from the corpus loaded at start.
    const corpusDir = await tempDir();
    await cp(SAMPLE_CORPUS, corpusDir, { recursive: true });
    const dataDir = await tempDir();
    const { log, entries } = logged();
    const { live, store } = await openLive({ corpusDir, dataDir, log, warm: false, rebuildIn: 'thread' });
    await rm(corpusDir, { recursive: true, force: true });
    await store.add({ guildId: G, name: 'fares.md', bytes: bytes('fares'), userId: null });
    const library = await live.reindex();
    expect(library.articles.map((a) => a.id)).toContain(`g${G}-fares`);
    expect(library.articles.filter((a) => a.origin.kind === 'corpus').length).toBeGreaterThan(0);
    expect(entries.find((e) => e.msg === 'library re-indexed')).toMatchObject({ builtIn: 'the main thread' });
    await live.settled();
  }, 60_000);
});
