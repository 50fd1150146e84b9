import { describe, expect, it } from 'vitest';
import { createLogger, silentLogger } from '../../src/log.ts';
import { openModeration } from '../../src/services/moderation.ts';
import { quotes } from '../../src/services/quote.ts';
import { everything } from '../../src/services/scope.ts';
import { warmScopes, warmUp } from '../../src/services/warm.ts';
import { suggestPeople, who } from '../../src/services/who.ts';
import { article, SAMPLE_CORPUS, tempDir } from '../support/corpus.ts';
import { sampleLibrary } from '../support/library.ts';

describe('warmUp', () => {
  it('builds the shared views without error, and answers stay the same afterwards', async () => {
    const library = await sampleLibrary();
    const before = { who: who(library, 'Araqchi'), names: suggestPeople(library, 'ku'), quotes: quotes(library, { speaker: 'Araghchi' }) };
    const lines: string[] = [];
    await warmUp(library, createLogger({ level: 'debug', write: (l) => lines.push(l) }));
    expect(lines.some((l) => l.includes('derived indexes warmed'))).toBe(true);
    expect(lines.some((l) => l.includes('"level":"warn"'))).toBe(false);
    expect(who(library, 'Araqchi')).toEqual(before.who);
    expect(suggestPeople(library, 'ku')).toEqual(before.names);
    expect(quotes(library, { speaker: 'Araghchi' })).toEqual(before.quotes);
  });

  it('warms the view DMs and guilds without articles share, not the whole library one only the console asks', async () => {
    // No guild articles: that view is the whole library's.
    expect(warmScopes(await sampleLibrary())).toEqual([everything]);
    const opened = await openModeration({ corpusDir: SAMPLE_CORPUS, dataDir: await tempDir(), log: silentLogger });
    await opened.moderation.corpus.add({
      guildId: '100000000000000001', userId: 'mod', name: 'ferry.md',
      bytes: new TextEncoder().encode(article('Harbour opens ferry terminal', 'The harbour authority opened the ferry terminal on Tuesday.', 'published: 2026-02-10\n')),
    });
    expect(warmScopes(opened.services.library()).map((s) => s.key)).toEqual(['bundled']);
  });
});

