import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.ts';
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
