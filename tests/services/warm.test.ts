import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.ts';
import { quotes } from '../../src/services/quote.ts';
import { warmUp } from '../../src/services/warm.ts';
import { suggestPeople, who } from '../../src/services/who.ts';
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
});
