import { describe, expect, it } from 'vitest';
import { headClasses } from '../../src/knowledge/events.ts';
import { foldName } from '../../src/knowledge/names.ts';
import { STOP_WORDS } from '../../src/search/terms.ts';

/** headClasses as it was written first: folds the whole text before and after each time. The reference. */
function plainHeadClasses(text: string, times: ReadonlyArray<{ start: number; end: number }>): Set<number> {
  const out = new Set<number>();
  const classOf = (w: string): number | undefined => {
    const found = headClasses(`${w} 2025`, [{ start: w.length + 1, end: w.length + 5 }]);
    return found.size === 1 ? [...found][0] : undefined;
  };
  for (const t of times) {
    const before = foldName(text.slice(0, t.start)).split(/[^\p{L}]+/u).filter((w) => w !== '' && !STOP_WORDS.has(w)).slice(-1);
    const after = foldName(text.slice(t.end)).split(/[^\p{L}]+/u).filter((w) => w !== '').slice(0, 1);
    for (const w of [...before, ...after]) {
      const c = classOf(w);
      if (c !== undefined) out.add(c);
    }
  }
  return out;
}

const span = (text: string, words: string): { start: number; end: number } => {
  const start = text.indexOf(words);
  return { start, end: start + words.length };
};

describe('headClasses', () => {
  it('finds the kind of happening named right before or right after a time expression', () => {
    const war = headClasses('war 2025', [{ start: 4, end: 8 }]);
    expect(war.size).toBe(1);
    const s1 = 'Expectations were low after a short but intense war last summer.';
    expect(headClasses(s1, [span(s1, 'last summer')])).toEqual(war);
    const s2 = 'Its missiles were tested during the June 2025 conflict.';
    expect(headClasses(s2, [span(s2, 'June 2025')])).toEqual(war);
    const s3 = 'Ministers met in Muscat last week.';
    expect(headClasses(s3, [span(s3, 'last week')]).size).toBe(0);
  });

  it('looks back past any number of stop words, and never reads a word cut in two', () => {
    const filler = 'and it was as if it had been so, and it was as if it had been so, and it was as if it had been ';
    const s = `The war ${filler}last summer.`;
    expect(headClasses(s, [span(s, 'last summer')])).toEqual(plainHeadClasses(s, [span(s, 'last summer')]));
    expect(headClasses(s, [span(s, 'last summer')]).size).toBe(1);
    // "Postwar" and "warfare" are no kind of happening; their parts "war" must not be read as one
    // when a window cuts them.
    for (let pad = 50; pad < 80; pad += 1) {
      const before = `Postwar${' '.repeat(pad)}in 2025.`;
      expect(headClasses(before, [span(before, '2025')]).size, `pad ${pad}`).toBe(0);
      const after = `In 2025${' '.repeat(pad)}warfare.`;
      expect(headClasses(after, [span(after, '2025')]).size, `pad ${pad}`).toBe(0);
    }
  });

  it('agrees with reading the whole text on generated sentences', () => {
    let seed = 7;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const vocabulary = [...STOP_WORDS].slice(0, 30).concat(['war', 'conflict', 'talks', 'deal', 'strikes', 'election', 'quake', 'storm', 'protests', 'sanctions',
      'Iran’s', 'Muscat', 'Araghchi', 'warfare', 'talking', 'José', 'Ｏｍａｎ', 'ﬁnance', 'e\u0301lection', '2025', 'U.S.', '—', ',', '.', '"', '(talks)']);
    for (let n = 0; n < 400; n += 1) {
      const words = Array.from({ length: 5 + rand(60) }, () => vocabulary[rand(vocabulary.length)] as string);
      const text = words.join(rand(4) === 0 ? '  ' : ' ');
      const times = Array.from({ length: 1 + rand(3) }, () => {
        const start = rand(text.length);
        return { start, end: Math.min(text.length, start + 1 + rand(12)) };
      });
      expect(headClasses(text, times), text).toEqual(plainHeadClasses(text, times));
    }
  });
});
