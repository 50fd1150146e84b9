import { describe, expect, it } from 'vitest';
import { textTerms, WORD, wordTokens, type Token } from '../../src/search/terms.ts';
// Seeded, so a failure names a reproducible input.
import { prng } from '../../scripts/bench-corpus.ts';

/** The word splitter as first written with the regex: the hand-written scanner must agree with it. */
function reference(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    let word = m[0];
    if (word.endsWith('.') && !/^(?:\p{L}\.)+$/u.test(word)) word = word.slice(0, -1);
    out.push({ text: word, start: m.index, end: m.index + word.length });
  }
  return out;
}


describe('word scanning', () => {
  it('splits tricky news text exactly as the word regex does', () => {
    const samples = [
      'Iran’s FM Abbas Araqchi met al-Busaidi in Muscat on Feb. 6, 2026.',
      'The U.S. and the U.N. said... "No." Jr. Sr.',
      'Khorramshahr-4 missiles; 3.5% growth; e.g. foo.bar.baz.',
      'Ünïcödé wörds, ﬁne ligatures, 𝐌𝐚𝐭𝐡 letters and 😀 emoji, 中文 and العربية.',
      'lone \ud800 surrogate and \udc00 low one, a\u2011b non-breaking, a\u2010b hyphen, ʼokina',
      "rock 'n' roll -- dashes — and ‘quotes’ and trailing dots...",
      '',
      '....',
      'A.B.C. D. e.f. x.',
    ];
    for (const s of samples) expect(wordTokens(s), s).toEqual(reference(s));
  });

  it('agrees with the regex on random mixes of letters, digits, joiners and symbols', () => {
    const alphabet = ['a', 'Z', '9', 'é', 'ß', '.', "'", '’', 'ʼ', '-', '\u2010', '\u2011', ' ', ',', '😀', '𝐌', '\ud800', '\udc00', 'ﬁ', '中', '\u0301'];
    const rng = prng(7);
    for (let n = 0; n < 2000; n += 1) {
      let s = '';
      const len = Math.floor(rng() * 24);
      for (let i = 0; i < len; i += 1) s += alphabet[Math.floor(rng() * alphabet.length)];
      expect(wordTokens(s), JSON.stringify(s)).toEqual(reference(s));
    }
  });

  it('gives the same terms the second time a word is seen (memoised folding)', () => {
    const text = 'The United States and the UN met in Zürich; al-Busaidi’s talks. The United States again.';
    const first = textTerms(text);
    expect(textTerms(text)).toEqual(first);
    expect(first).toEqual([
      'unitedstates', 'united', 'states', 'unitednations', 'met', 'zurich', 'albusaidi', 'al', 'busaidi', 'talks',
      'unitedstates', 'united', 'states', 'again',
    ]);
  });
});
