import { describe, expect, it } from 'vitest';
import { findPeople, findPeopleScan, suggestNames } from '../../src/knowledge/lookup.ts';
import type { PersonRecord } from '../../src/knowledge/store.ts';

/** A deterministic list of people, large enough for findPeople to use its name index. */
function people(count: number): PersonRecord[] {
  let seed = 11;
  const rnd = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const syllables = ['ka', 'ri', 'mo', 'ha', 'shi', 'ba', 'du', 'ne', 'lo', 'za', 'qa', 'gh', 'tr', 'el'];
  const word = (n: number): string => {
    let w = '';
    for (let i = 0; i < n; i += 1) w += syllables[Math.floor(rnd() * syllables.length)];
    return w.charAt(0).toUpperCase() + w.slice(1);
  };
  const givens = Array.from({ length: 40 }, () => word(2));
  const surnames = Array.from({ length: 300 }, () => (rnd() < 0.1 ? `al-${word(3)}` : word(2 + Math.floor(rnd() * 2))));
  return Array.from({ length: count }, (_, i) => {
    const surname = surnames[Math.floor(rnd() * surnames.length)] as string;
    const given = givens[Math.floor(rnd() * givens.length)] as string;
    const name = rnd() < 0.15 ? surname : `${given} ${surname}`;
    return {
      id: `p${i}`, name, aliases: rnd() < 0.3 ? [surname.replace('al-', 'Al')] : [], roles: [],
      mentions: Array.from({ length: Math.floor(rnd() * 6) }, () => ({ articleId: 'a', passageId: null, start: 0, end: 0 })),
    };
  });
}

describe('findPeople on a long list (through its name index)', () => {
  const list = people(400);
  const queries = [
    'k', 'ka', 'kar', 'Al', 'al-', 'albu', 'xyz', 'Karimo', 'karimo', 'kairmo', 'qarimo', ...list.slice(0, 25).flatMap((p) => {
      const parts = p.name.split(' ');
      const last = parts[parts.length - 1] as string;
      return [p.name, last, last.slice(0, 3), `${parts[0]} ${last.slice(0, 2)}`, `${last.slice(0, 2)}${last.slice(3)}`, `x${last}`];
    }),
  ];

  it('answers exactly as scoring every person does, kinds and order included', () => {
    for (const q of queries) {
      const indexed = findPeople(list, q, 25).map((m) => `${m.person.id}:${m.kind}`);
      const scanned = findPeopleScan(list, q, 25).map((m) => `${m.person.id}:${m.kind}`);
      expect(indexed, q).toEqual(scanned);
    }
  });

  it('answers prefixes, names and typos as a scan does, stopping at any limit', () => {
    // Two and three letters come from precomputed rank lists, longer ones from the radix trees;
    // initials, full-form prefixes ("al bu") and given-name filters take the same path.
    const prefixes = ['ba', 'bad', 'badu', 'Al b', 'al bu', 'al-ka', 'K. ka', 'k ka', 'zz', 'Ka Mo', 'kari', 'ha', 'Sh', ...list.slice(0, 15).flatMap((p) => {
      const parts = p.name.split(' ');
      const last = parts.at(-1) ?? '';
      // Whole given names and surnames and misspelt surnames stop early at small limits too.
      return [p.name.slice(0, 2), p.name.slice(0, 3), p.name.slice(0, 4), `${(parts[0] ?? '').charAt(0)}. ${last.slice(0, 3)}`, parts[0] ?? '', last, `${last.slice(0, 2)}x${last.slice(3)}`];
    })];
    for (const q of prefixes) {
      for (const limit of [1, 5, 25, 1000]) {
        const indexed = findPeople(list, q, limit).map((m) => `${m.person.id}:${m.kind}`);
        const scanned = findPeopleScan(list, q, limit).map((m) => `${m.person.id}:${m.kind}`);
        expect(indexed, `${q} (limit ${limit})`).toEqual(scanned);
      }
    }
    expect(findPeople(list, 'ka', 1000).filter((m) => m.kind === 'prefix').length).toBeGreaterThan(25);
  });

  it('answers as a scan does when thousands share a surname and differ by given name', () => {
    const givens = ['Karim', 'Kareem', 'Maryam', 'Mariam', 'Hassan', 'Hasan', 'Ali', 'Omid', 'Q.', 'K.', 'Zahra', 'Leila', 'Qasem', 'Ghasem'];
    const surnames = ['Rahimi', 'Rahimy', 'al-Amiri', 'Amiri', 'Tehrani'];
    const crowd: PersonRecord[] = [];
    for (let i = 0; i < 1200; i += 1) {
      const given = givens[i % givens.length] as string;
      const surname = surnames[Math.floor(i / givens.length) % surnames.length] as string;
      crowd.push({ id: `c${i}`, name: i % 97 === 0 ? surname : `${given} ${surname}`, aliases: i % 5 === 0 ? [`${given.charAt(0)}. ${surname}`] : [], roles: [],
        mentions: Array.from({ length: i % 7 }, () => ({ articleId: 'a', passageId: null, start: 0, end: 0 })) });
    }
    const asked = ['Karim Rahimi', 'Kareem Rahimy', 'K. Rahimi', 'Q. Amiri', 'Qasem al-Amiri', 'Ghasem Amiri', 'Zahra Tehrani', 'Z Tehrani', 'Mariam Rahimi', 'Omid Rahimx', 'Leila Tehranii', 'Rahimi', 'Hassan Am', 'Ali Ra'];
    for (const q of asked) {
      for (const limit of [1, 6, 25]) {
        expect(findPeople(crowd, q, limit).map((m) => `${m.person.id}:${m.kind}`), `${q} (limit ${limit})`).toEqual(findPeopleScan(crowd, q, limit).map((m) => `${m.person.id}:${m.kind}`));
      }
    }
  });

  it('offers near spellings only for a surname nobody has', () => {
    const surname = (list[0]?.name.split(' ').at(-1) ?? '').toLowerCase();
    expect(findPeople(list, surname, 50).some((m) => m.kind === 'typo')).toBe(false);
    const misspelt = `${surname.slice(0, 2)}x${surname.slice(3)}`;
    expect(findPeople(list, misspelt, 50).every((m) => m.kind === 'typo' || m.kind === 'prefix' || m.kind === 'variant')).toBe(true);
    expect(findPeople(list, misspelt, 50).some((m) => m.kind === 'typo')).toBe(true);
  });

  it('with a least score, gives the matches a scan gives at or above it, and asks a second time alike', () => {
    for (const q of queries) {
      for (const min of [60, 75, 85, 95]) {
        for (const limit of [1, 6]) {
          const expected = findPeopleScan(list, q, 1000).filter((m) => m.score >= min).slice(0, limit).map((m) => `${m.person.id}:${m.kind}`);
          expect(findPeople(list, q, limit, min).map((m) => `${m.person.id}:${m.kind}`), `${q} ≥ ${min} (limit ${limit})`).toEqual(expected);
          // The second lookup comes from the remembered fuzzy parts.
          expect(findPeople(list, q, limit, min).map((m) => `${m.person.id}:${m.kind}`), `${q} again`).toEqual(expected);
        }
      }
    }
    expect(queries.some((q) => findPeople(list, q, 6, 60).some((m) => m.kind === 'typo'))).toBe(true);
  });

  it('suggests at most 25 names, prefixes of what was typed first among equals', () => {
    const out = suggestNames(list, 'ka');
    expect(out.length).toBeLessThanOrEqual(25);
    expect(out.length).toBeGreaterThan(0);
  });
});
