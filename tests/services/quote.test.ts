import { describe, expect, it } from 'vitest';
import { quotes } from '../../src/services/quote.ts';
import { sampleLibrary } from '../support/library.ts';

describe('/quote on the sample corpus', () => {
  it('gives Araghchi’s quotations, with the merged one citing both articles', async () => {
    const library = await sampleLibrary();
    const answer = quotes(library, { speaker: 'Araghchi' });
    const texts = answer.quotes.map((q) => q.text);
    expect(texts.some((t) => t.startsWith('It was a good start to the negotiations'))).toBe(true);
    expect(texts.some((t) => t.startsWith('If this process continues'))).toBe(true);
    expect(texts).toContain('wall of mistrust');
    const merged = answer.quotes.filter((q) => /^any dialogue requires refraining from threats and pressure/i.test(q.text));
    expect(merged).toHaveLength(1);
    expect(new Set(merged[0]?.citations.map((c) => c.article)).size).toBe(2);
    expect(answer.quotes.every((q) => q.speaker === 'Abbas Araghchi')).toBe(true);
  });

  it('attributes "Leave Iran now…" to the alert, not to a person', async () => {
    const library = await sampleLibrary();
    const all = quotes(library, {}).quotes;
    const leave = all.find((q) => q.text.startsWith('Leave Iran now'));
    expect(leave?.speaker).toMatch(/alert/i);
    expect(library.knowledge.people.some((p) => p.name === leave?.speaker)).toBe(false);
    expect(quotes(library, { speaker: 'the alert' }).quotes.map((q) => q.text)).toContain(leave?.text);
  });

  it('leaves scare quotes without a speaker', async () => {
    const library = await sampleLibrary();
    const all = quotes(library, {}).quotes;
    expect(all.find((q) => q.text === 'a regional war')?.speaker ?? null).toBeNull();
    expect(all.find((q) => q.text === 'missile city')?.speaker ?? null).toBeNull();
  });

  it('filters by topic and cites each quote with its context sentence', async () => {
    const library = await sampleLibrary();
    const answer = quotes(library, { topic: 'mistrust' });
    expect(answer.quotes.map((q) => q.text)).toEqual(['wall of mistrust']);
    const c = answer.quotes[0]?.citations[0];
    expect(c?.excerpt).toMatch(/^In remarks following the indirect talks/);
    expect(library.passageById.get(c?.passage ?? '')?.text).toContain(c?.excerpt);
  });

  it('returns no quotes, not an error, for a speaker nobody quotes', async () => {
    const library = await sampleLibrary();
    expect(quotes(library, { speaker: 'Zelensky' }).quotes).toEqual([]);
  });
});

describe('quote limits', () => {
  it('gives the first quotations of the whole answer, checking the topic only as far as it shows', async () => {
    const library = await sampleLibrary();
    for (const request of [{ topic: 'talks' }, { topic: 'Iran' }, { speaker: 'Araghchi' }, { speaker: 'Araghchi', topic: 'talks' }, {}]) {
      const all = quotes(library, { ...request, limit: 1000 }).quotes;
      for (const limit of [1, 2, 5]) {
        expect(quotes(library, { ...request, limit }).quotes, `${JSON.stringify(request)} first ${limit}`).toEqual(all.slice(0, limit));
      }
    }
    expect(quotes(library, { topic: 'talks', limit: 1000 }).quotes.length).toBeGreaterThan(2);
  });
});
