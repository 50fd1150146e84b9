import { describe, expect, it } from 'vitest';
import { extractPeople } from '../../src/extract/people.ts';
import { extractQuotes } from '../../src/extract/quotes.ts';
import { article } from './helpers.ts';

function quotes(text: string) {
  const a = article(text);
  return extractQuotes(a, extractPeople(a));
}

describe('extractQuotes', () => {
  it('spans the quoted words without the marks and attributes `“…,” X said`', () => {
    const text = '“It was a good start,” Abbas Araghchi said.';
    const [q] = quotes(text);
    expect(q).toMatchObject({ start: 1, end: 20, text: 'It was a good start', speaker: 'Abbas Araghchi', speakerKind: 'person' });
    expect(text.slice(q?.speakerStart ?? 0, q?.speakerEnd ?? 0)).toBe('Abbas Araghchi');
  });

  it('uses the fullest name for a surname-only attribution and spans the mention', () => {
    const text = 'Foreign Minister Abbas Araghchi spoke after the talks.\n\n“It was a good start,” Araghchi told state TV.';
    const [q] = quotes(text);
    expect(q?.speaker).toBe('Abbas Araghchi');
    expect(text.slice(q?.speakerStart ?? 0, q?.speakerEnd ?? 0)).toBe('Araghchi');
  });

  it('attributes `“…,” said <title phrase>, X` to the person after the title', () => {
    const text = '“This is a major milestone,” said Airbus President and Chief Executive Officer, Tom Enders.';
    const [q] = quotes(text);
    expect(q?.speaker).toBe('Tom Enders');
    expect(text.slice(q?.speakerStart ?? 0, q?.speakerEnd ?? 0)).toBe('Tom Enders');
  });

  it('attributes `X said: “…”` and straight quote marks', () => {
    const [q] = quotes('Maria Lopez said: "We will appeal the ruling."');
    expect(q).toMatchObject({ text: 'We will appeal the ruling.', speaker: 'Maria Lopez' });
  });

  it('attributes `X insisted that “…”` through a pronoun', () => {
    const text = 'Abbas Araqchi was calm. He insisted that “any dialogue requires refraining from threats” today.';
    const [q] = quotes(text);
    expect(q?.speaker).toBe('Abbas Araqchi');
    expect(text.slice(q?.speakerStart ?? 0, q?.speakerEnd ?? 0)).toBe('He');
  });

  it('attributes a partial quote inside a clause to the subject', () => {
    const [q] = quotes('Iran’s Foreign Minister Abbas Araqchi came out of the talks calling them a “good start,” and more.');
    expect(q).toMatchObject({ text: 'good start', speaker: 'Abbas Araqchi' });
  });

  it('carries the speaker to a follow-on quote in the same paragraph', () => {
    const qs = quotes('“It was a good start,” Abbas Araghchi told state TV. “If this process continues, we will agree.”');
    expect(qs.map((q) => q.speaker)).toEqual(['Abbas Araghchi', 'Abbas Araghchi']);
  });

  it('carries the speaker across paragraphs when a quote runs on', () => {
    const text = 'Maria Lopez spoke first.\n\n“We will appeal,” she said. “The ruling ignores the evidence.\n\n“We will win in the end.”';
    const qs = quotes(text);
    expect(qs.map((q) => q.speaker)).toEqual(['Maria Lopez', 'Maria Lopez', 'Maria Lopez']);
  });

  it('attributes `according to X`', () => {
    const [q] = quotes('The deal is “all but done,” according to Maria Lopez.');
    expect(q?.speaker).toBe('Maria Lopez');
  });

  it('gives a quote to a document, resolved to the body that issued it', () => {
    const text = 'The US Virtual Embassy in Iran issued a security alert early on Friday.\n\n“Leave Iran now,” the alert said.';
    const [q] = quotes(text);
    expect(q).toMatchObject({ text: 'Leave Iran now', speakerKind: 'document', speaker: 'US Virtual Embassy security alert' });
    expect(text.slice(q?.speakerStart ?? 0, q?.speakerEnd ?? 0)).toBe('the alert');
  });

  it('gives a quote to an organisation named with "the"', () => {
    const [q] = quotes('“Restraint is needed,” the ministry said.');
    expect(q).toMatchObject({ speaker: 'the ministry', speakerKind: 'organisation' });
  });

  it('ignores apostrophes that are not quote marks', () => {
    expect(quotes('The Revolutionary Guards’ bases and Iran’s missiles were not discussed.')).toEqual([]);
  });
});
