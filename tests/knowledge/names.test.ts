import { describe, expect, it } from 'vitest';
import { editDistance, foldName, givenNamesCompatible, nameParts, partKey, surnamesCompatible } from '../../src/knowledge/names.ts';

describe('name keys', () => {
  it('treats transliteration variants as one surname', () => {
    expect(surnamesCompatible('Araqchi', 'Araghchi')).toBe(true);
    expect(surnamesCompatible('al-Busaidi', 'Albusaidi')).toBe(true);
    expect(surnamesCompatible('Gaddafi', 'Qaddafi')).toBe(true);
    expect(givenNamesCompatible('Mohammed', 'Muhammad')).toBe(true);
  });

  it('keeps different names apart', () => {
    expect(surnamesCompatible('Trump', 'Tusk')).toBe(false);
    expect(surnamesCompatible('Cooper', 'Kushner')).toBe(false);
    expect(givenNamesCompatible('Donald', 'Daniel')).toBe(false);
    expect(surnamesCompatible('Bush', 'Busaidi')).toBe(false);
  });

  it('accepts an initial for a given name', () => {
    expect(givenNamesCompatible('J.', 'Jared')).toBe(true);
    expect(givenNamesCompatible('K', 'Jared')).toBe(false);
  });

  it('splits names into parts without honorifics, keeping particles with the surname', () => {
    expect(nameParts('Dr. Badr al Busaidi')).toEqual(['badr', 'al-busaidi']);
    expect(nameParts('Kushner’s')).toEqual(['kushner']);
    expect(partKey('Mohammed')).toBe(partKey('Muhammad'));
  });

  it('bounds the edit distance', () => {
    expect(editDistance('khoramshahr', 'khorramshahr')).toBe(1);
    expect(editDistance('abc', 'xyzuvw', 2)).toBe(3);
  });
});

describe('foldName', () => {
  it('takes diacritics off, lower-cases, straightens apostrophes and drops a possessive', () => {
    expect(foldName('José Martí’s')).toBe('jose marti');
    expect(foldName('Nguyễn Phú Trọng')).toBe('nguyen phu trong');
    // Already decomposed: the combining accent goes too.
    expect(foldName('Rene\u0301')).toBe('rene');
    // Compatibility forms fold to their letters.
    expect(foldName('Ｏｍａｎ ﬁnance')).toBe('oman finance');
    expect(foldName("O`Neil's")).toBe("o'neil");
    // ASCII text comes back lower-cased and otherwise as it was.
    expect(foldName('The U.S. and Iran')).toBe('the u.s. and iran');
  });
});
