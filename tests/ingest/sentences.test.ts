import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/ingest/sentences.ts';

const split = (text: string): string[] => splitSentences(text).map((s) => text.slice(s.start, s.end));

describe('splitSentences', () => {
  it('splits at full stops followed by a capital', () => {
    expect(split('The talks began. They ended late.')).toEqual(['The talks began.', 'They ended late.']);
  });

  it('does not split after titles, initials or U.S. inside a sentence', () => {
    expect(split('Mr. Smith met Dr. J. Doe in the U.S. and left. Then he slept.')).toEqual([
      'Mr. Smith met Dr. J. Doe in the U.S. and left.', 'Then he slept.',
    ]);
  });

  it('keeps closing quotes with their sentence', () => {
    expect(split('“It was a good start.” Araghchi said more.')).toEqual(['“It was a good start.”', 'Araghchi said more.']);
  });

  it('does not split decimals or a quote that goes on in lower case', () => {
    expect(split('Prices rose 12.5 percent. “Leave now,” the alert said.')).toEqual(['Prices rose 12.5 percent.', '“Leave now,” the alert said.']);
  });
});
