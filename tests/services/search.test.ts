import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/services/errors.ts';
import { highlightsIn, search } from '../../src/services/search.ts';
import { termsOf, wordTokens } from '../../src/search/terms.ts';
import { sampleLibrary } from '../support/library.ts';
import { openLibrary } from '../../src/app.ts';
import { silentLogger } from '../../src/log.ts';
import { article, tempCorpus } from '../support/corpus.ts';

describe('search on the sample corpus', () => {
  it('finds "Albusaidi" when asked for "al-Busaidi"', async () => {
    const library = await sampleLibrary();
    const answer = search(library, { query: 'al-Busaidi', limit: 10 });
    const excerpts = answer.results.map((r) => r.citation.excerpt);
    expect(excerpts.some((e) => e.includes('Badr Albusaidi'))).toBe(true);
    expect(excerpts.some((e) => e.includes('Badr al-Busaidi'))).toBe(true);
  });

  it('finds "US … sanctions" when asked for "U.S. sanctions", and the other way round', async () => {
    const library = await sampleLibrary();
    const dotted = search(library, { query: 'U.S. sanctions', limit: 10 });
    // The op-ed writes "U.S. measures … sanctions"; Dawn's passages match through "US" in its title.
    expect(dotted.results.some((r) => r.citation.excerpt.includes('new U.S. measures'))).toBe(true);
    expect(dotted.results.some((r) => r.citation.publisher === 'Dawn' && r.citation.excerpt.includes('sanctions'))).toBe(true);
    const plain = search(library, { query: 'US sanctions', limit: 10 });
    expect(plain.results.map((r) => r.citation.passage)).toEqual(dotted.results.map((r) => r.citation.passage));
    const spelled = search(library, { query: 'United States sanctions', limit: 10 });
    expect(spelled.results.map((r) => r.citation.passage)).toEqual(dotted.results.map((r) => r.citation.passage));
  });

  it('matches "US" in text for "U.S." and "United States" queries', async () => {
    const dir = await tempCorpus({ 'a.md': article('Report', 'The US imposed sanctions on Tuesday.\n\nThe weather was fine.') });
    const { library } = await openLibrary({ corpusDir: dir, dataDir: null, log: silentLogger });
    for (const query of ['U.S. sanctions', 'United States sanctions', 'us sanctions']) {
      expect(search(library, { query }).results.map((r) => r.citation.passage)).toEqual(['a#p1']);
    }
  });

  it('finds the missile despite the typo "Khoramshahr"', async () => {
    const library = await sampleLibrary();
    const answer = search(library, { query: 'Khoramshahr' });
    expect(answer.results.length).toBeGreaterThan(0);
    expect(answer.results[0]?.citation.excerpt).toContain('Khorramshahr-4');
  });

  it('finds "Iran’s" for "Iran"', async () => {
    const library = await sampleLibrary();
    const answer = search(library, { query: 'Iran missiles', limit: 10 });
    expect(answer.results.some((r) => library.passageById.get(r.citation.passage)?.text.includes('Iran’s missiles'))).toBe(true);
  });

  it('matches the last word as a prefix and highlights the matching words inside the excerpt', async () => {
    const library = await sampleLibrary();
    const answer = search(library, { query: 'enrich', limit: 3 });
    expect(answer.results.length).toBeGreaterThanOrEqual(2);
    for (const r of answer.results) {
      expect(r.highlights.length).toBeGreaterThan(0);
      for (const h of r.highlights) expect(r.citation.excerpt.slice(h.start, h.end).toLowerCase()).toContain('enrich');
    }
  });

  it('cites every result with a verbatim excerpt of its passage', async () => {
    const library = await sampleLibrary();
    const answer = search(library, { query: 'sanctions relief', limit: 10 });
    expect(answer.results.length).toBeGreaterThan(1);
    for (const r of answer.results) {
      const passage = library.passageById.get(r.citation.passage);
      expect(passage?.text).toContain(r.citation.excerpt);
      expect(r.citation.title).toBe(library.articleById.get(r.citation.article)?.title);
      expect(r.citation.paragraph).toBe(passage?.n);
    }
  });

  it('returns an empty answer, not an error, when nothing matches', async () => {
    const library = await sampleLibrary();
    expect(search(library, { query: 'zzzxqj' }).results).toEqual([]);
  });

  it('rejects an empty or oversized query and a bad limit as user errors', async () => {
    const library = await sampleLibrary();
    expect(() => search(library, { query: '  \u200b ' })).toThrow(UserError);
    expect(() => search(library, { query: 'x'.repeat(301) })).toThrow(/under 300/);
    expect(() => search(library, { query: 'Iran', limit: 0 })).toThrow(/limit/);
  });

  it('applies a filter before taking the top results', async () => {
    const library = await sampleLibrary();
    const answer = search(library, { query: 'Muscat', limit: 10, filter: (id) => id.startsWith('000_') });
    expect(answer.results.length).toBeGreaterThan(0);
    expect(answer.results.every((r) => r.citation.article === '000_0e4e78b473eff5e0')).toBe(true);
  });
});

describe('highlightsIn', () => {
  /** The definition: a word is highlighted when one of its index terms is asked for. */
  const reference = (text: string, terms: ReadonlySet<string>): Array<{ start: number; end: number }> =>
    wordTokens(text).filter((t) => termsOf(t.text).some((x) => terms.has(x))).map(({ start, end }) => ({ start, end }));

  it('highlights hyphenated, accented, possessive and abbreviated words as their terms say', () => {
    const text = 'Badr al-Busaidi met the U.S. envoy in Ésfahan; Iran’s US-backed talks and the UN’s role, Khorramshahr-4.';
    const cases = [['busaidi'], ['albusaidi'], ['unitedstates'], ['esfahan'], ['iran'], ['backed'], ['unitednations'], ['khorramshahr'], ['4'], ['zzz']];
    for (const terms of cases) {
      const set = new Set(terms);
      expect(highlightsIn(text, set), terms.join()).toEqual(reference(text, set));
    }
    expect(highlightsIn(text, new Set(['busaidi'])).map((h) => text.slice(h.start, h.end))).toEqual(['al-Busaidi']);
    expect(highlightsIn(text, new Set(['esfahan'])).map((h) => text.slice(h.start, h.end))).toEqual(['Ésfahan']);
  });

  it('agrees with the definition wherever the scan jumps ahead to the letters it looks for', () => {
    const texts = [
      'Senate\tsenators\nsaid\r\nS.E.C. filings; U.S.-Saudi ties, the USA and US’s 2026-02-10 talks at 4pm.',
      'xSenate senate’s anti-senate Anti-Senate\u00a0Senate\u2003senate\u200bsenate 𝐒enate 😀senate senate😀',
      'al-Sabah’s al‐Sabah al‑Sabah Sabah-al O’Sabah d’Sabah S. Sabah. s.sabah https://example.org/senate?s=1',
      'ÉSenate École ecole SÉNAT sénat 1st 2nd 22nd 2026 2026s 2026-s s-2026 e.g. i.e. Jr. Sr.',
    ];
    for (const text of texts) {
      const words = [...new Set(wordTokens(text).flatMap((t) => termsOf(t.text)))];
      for (const term of [...words, 'senate', 's', 'sabah', 'unitedstates', '2026', 'ecole', 'zzz']) {
        const set = new Set([term]);
        expect(highlightsIn(text, set), `${term} in ${text}`).toEqual(reference(text, set));
        expect(highlightsIn(text, set, 1), `${term} in ${text}`).toEqual(reference(text, set).slice(0, 1));
      }
      expect(highlightsIn(text, new Set(words))).toEqual(reference(text, new Set(words)));
    }
  });

  it('agrees with the definition on every passage of the sample corpus', async () => {
    const library = await sampleLibrary();
    const words = [...new Set(library.passages.flatMap((p) => wordTokens(p.text).flatMap((t) => termsOf(t.text))))];
    let checked = 0;
    for (const [i, p] of library.passages.entries()) {
      const terms = new Set([words[(i * 7) % words.length] ?? '', words[(i * 13 + 5) % words.length] ?? '', 'unitedstates', 'iran']);
      const got = highlightsIn(p.text, terms);
      expect(got).toEqual(reference(p.text, terms));
      checked += got.length;
    }
    expect(checked).toBeGreaterThan(20);
  });
});

describe('search excerpts', () => {
  it('highlight exactly the matches inside the excerpt window, as scanning the whole passage does', async () => {
    const library = await sampleLibrary();
    const words = [...new Set(library.passages.flatMap((p) => wordTokens(p.text).map((t) => t.text)))].filter((w) => w.length > 3);
    let checked = 0;
    for (const [i, word] of words.entries()) {
      if (i % 3 !== 0) continue;
      for (const r of search(library, { query: word, limit: 10 }).results) {
        const passage = library.passageById.get(r.citation.passage);
        if (!passage) throw new Error(r.citation.passage);
        // The definition: every match in the passage, those wholly inside the excerpt, shifted to it.
        const asked = new Set(library.index.search(word, { limit: 50 }).find((h) => h.id === passage.id)?.terms ?? []);
        const from = passage.text.indexOf(r.citation.excerpt);
        const to = from + r.citation.excerpt.length;
        const expected = highlightsIn(passage.text, asked).filter((h) => h.start >= from && h.end <= to).map((h) => ({ start: h.start - from, end: h.end - from }));
        expect(r.highlights, `${word} in ${passage.id}`).toEqual(expected);
        checked += r.highlights.length;
      }
    }
    expect(checked).toBeGreaterThan(100);
  });
});
