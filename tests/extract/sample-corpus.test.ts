import { describe, expect, it } from 'vitest';
import { extractPeople } from '../../src/extract/people.ts';
import { extractQuotes } from '../../src/extract/quotes.ts';
import type { PersonExtract } from '../../src/extract/types.ts';
import { corpusArticle } from './helpers.ts';

const OPINION = '000_0e4e78b473eff5e0.md';
const DAWN = '001_8e048a01d1900005.md';

function find(people: PersonExtract[], part: string): PersonExtract | undefined {
  return people.find((p) => p.name.includes(part) || p.aliases.some((a) => a.includes(part)));
}

describe('sample corpus: people (issue 3 §4)', () => {
  const opinion = extractPeople(corpusArticle(OPINION));
  const dawn = extractPeople(corpusArticle(DAWN));

  it('finds Araqchi / Araghchi as Iran’s foreign minister in both articles', () => {
    expect(find(opinion, 'Araqchi')?.name).toBe('Abbas Araqchi');
    expect(find(opinion, 'Araqchi')?.roles.map((r) => r.text)).toContain('Iran’s Foreign Minister');
    expect(find(dawn, 'Araghchi')?.name).toBe('Abbas Araghchi');
    expect(find(dawn, 'Araghchi')?.roles.map((r) => r.text)).toContain('Iranian Foreign Minister');
    expect(find(dawn, 'Araghchi')?.mentions.length).toBeGreaterThanOrEqual(4);
  });

  it('finds al-Busaidi / Albusaidi as mediator and Oman’s foreign minister', () => {
    const p = find(dawn, 'Busaidi');
    expect(p?.name).toBe('Badr al-Busaidi');
    expect(p?.aliases).toContain('Badr Albusaidi');
    expect(p?.roles.map((r) => r.text)).toEqual(expect.arrayContaining(['Mediator', 'Oman’s foreign minister', 'Omani Foreign Minister']));
    expect(find(opinion, 'Busaidi')?.roles.map((r) => r.text)).toContain('Oman’s foreign minister');
  });

  it('finds Brad Cooper with Admiral and head of US Central Command', () => {
    const p = find(dawn, 'Cooper');
    expect(p?.name).toBe('Brad Cooper');
    expect(p?.roles.map((r) => r.text)).toEqual(['Admiral', 'the head of US Central Command']);
  });

  it('finds Witkoff, Kushner, Trump, Qamar Bashir and Anwar Iqbal', () => {
    expect(find(dawn, 'Witkoff')?.roles.map((r) => r.text)).toEqual(['Special Envoy']);
    expect(find(dawn, 'Kushner')?.mentions.map((m) => m.text)).toEqual(['Jared Kushner', 'Kushner']);
    expect(find(dawn, 'Trump')).toBeDefined();
    expect(find(opinion, 'Trump')?.name).toBe('Donald Trump');
    expect(find(opinion, 'Qamar Bashir')).toBeDefined();
    expect(find(dawn, 'Anwar Iqbal')).toBeDefined();
  });

  it('takes no place or organisation for a person', () => {
    for (const people of [opinion, dawn]) {
      const all = people.flatMap((p) => [p.name, ...p.aliases]).join(' | ');
      for (const bad of ['Khorramshahr', 'Muscat', 'Kremlin', 'Dawn', 'Reuters', 'Revolutionary Guard', 'Washington', 'Tehran']) {
        expect(all).not.toContain(bad);
      }
    }
  });
});

describe('sample corpus: quotes (issue 3 §4)', () => {
  const quotesOf = (name: string) => {
    const a = corpusArticle(name);
    return extractQuotes(a, extractPeople(a));
  };
  const opinion = quotesOf(OPINION);
  const dawn = quotesOf(DAWN);
  const q = (qs: typeof dawn, start: string) => qs.find((x) => x.text.startsWith(start));

  it('attributes Araghchi’s quotes', () => {
    expect(q(dawn, 'It was a good start to the negotiations')?.speaker).toBe('Abbas Araghchi');
    expect(q(dawn, 'If this process continues')?.speaker).toBe('Abbas Araghchi');
    expect(q(dawn, 'wall of mistrust')?.speaker).toBe('Abbas Araghchi');
    expect(q(dawn, 'Any dialogue requires refraining')?.speaker).toBe('Abbas Araghchi');
    expect(q(opinion, 'any dialogue requires refraining')?.speaker).toBe('Abbas Araqchi');
  });

  it('gives "Leave Iran now…" to the embassy’s alert, not a person', () => {
    const leave = q(dawn, 'Leave Iran now');
    expect(leave?.speakerKind).toBe('document');
    expect(leave?.speaker).toContain('alert');
  });

  it('leaves "a regional war" and "missile city" without a speaker', () => {
    expect(q(opinion, 'a regional war')?.speaker).toBeNull();
    expect(q(opinion, 'missile city')?.speaker).toBeNull();
  });
});
