import { describe, expect, it } from 'vitest';
import { foldWord, queryGroups, termsOf, textTerms } from '../../src/search/terms.ts';

describe('term processing', () => {
  it('folds case and diacritics', () => {
    expect(termsOf('Téhéran')).toEqual(['teheran']);
    expect(foldWord('ÅLAND')).toBe('aland');
  });

  it('drops possessives written with curly or straight apostrophes', () => {
    expect(termsOf('Iran’s')).toEqual(['iran']);
    expect(termsOf("Iran's")).toEqual(['iran']);
    expect(termsOf('Guards’')).toEqual(['guards']);
  });

  it('indexes a hyphenated word whole, joined and by its parts', () => {
    expect(termsOf('al-Busaidi').sort()).toEqual(['al', 'albusaidi', 'busaidi']);
    expect(termsOf('Khorramshahr-4')).toContain('khorramshahr');
    expect(termsOf('Khorramshahr-4')).toContain('khorramshahr4');
  });

  it('maps news abbreviations and their full forms to one term', () => {
    expect(textTerms('U.S. officials')).toEqual(['unitedstates', 'officials']);
    expect(textTerms('US sanctions')).toEqual(['unitedstates', 'sanctions']);
    expect(textTerms('the United States said')).toContain('unitedstates');
    expect(textTerms('the U.N. and the United Nations')).toEqual(['unitednations', 'unitednations', 'united', 'nations']);
  });

  it('keeps the pronoun "us" a stop word in text but reads it as the country in a query', () => {
    expect(textTerms('join us today')).toEqual(['join', 'today']);
    expect(queryGroups('us sanctions').map((g) => g.terms)).toEqual([['unitedstates'], ['sanctions']]);
  });

  it('drops stop words', () => {
    expect(textTerms('the talks in the capital')).toEqual(['talks', 'capital']);
  });

  it('turns curly and straight quotes into nothing', () => {
    expect(textTerms('“good start”')).toEqual(['good', 'start']);
    expect(textTerms('"good start"')).toEqual(['good', 'start']);
  });

  it('groups a query phrase "United States" as one word', () => {
    expect(queryGroups('United States sanctions').map((g) => g.terms)).toEqual([['unitedstates'], ['sanctions']]);
  });
});
