import { describe, expect, it } from 'vitest';
import { extractPeople } from '../../src/extract/people.ts';
import { extractQuotes } from '../../src/extract/quotes.ts';
import { extractTimes } from '../../src/extract/times.ts';
import { parseArticle } from '../../src/ingest/parse.ts';
import { article } from './helpers.ts';

function names(text: string): string[] {
  return extractPeople(article(text)).map((p) => p.name);
}

function speakers(text: string): (string | null)[] {
  const a = article(text);
  return extractQuotes(a, extractPeople(a)).map((q) => q.speaker);
}

describe('not a person', () => {
  it('"May" the month', () => {
    expect(names('In May the council met again. Prices rose on 3 May 2024.')).toEqual([]);
  });

  it('"Reading" the town', () => {
    expect(names('Reading is a town in Berkshire. Trains from Reading to London run hourly.')).toEqual([]);
  });

  it('a newspaper such as the Sunday Times', () => {
    expect(names('The report appeared in the Sunday Times last week, the Sunday Times said.')).toEqual([]);
  });

  it('organisations and institutions', () => {
    expect(names('The Kremlin, an ally of Iran, said it hoped for results. With input from Reuters.')).toEqual([]);
    expect(names('The missile was deployed at a Revolutionary Guard site, the Revolutionary Guards said.')).toEqual([]);
  });

  it('places, even as the subject of a sentence', () => {
    expect(names('Talks were held in Muscat. Muscat has long hosted such meetings. Tehran said little.')).toEqual([]);
  });

  it('a product name with a number', () => {
    expect(names('Iran unveiled the Khorramshahr-4 ballistic missile.')).toEqual([]);
  });

  it('a bare title', () => {
    expect(names('The President said the Foreign Minister would travel.')).toEqual([]);
  });
});

describe('not a speaker', () => {
  it('a scare quote has no speaker', () => {
    expect(speakers('It would not be “a regional war”; it would become a global inflation event.')).toEqual([null]);
  });

  it('a term in quotes has no speaker, even with a person named nearby', () => {
    expect(speakers('Jane Doe toured the site. State media showed an underground “missile city” on Friday.')).toEqual([null]);
  });

  it('a pronoun with no person before it stays unresolved', () => {
    expect(speakers('“We are ready,” he said.')).toEqual([null]);
  });
});

/** Time expressions found in a body published on Saturday 7 February 2026, as `text=value`. */
function dates(body: string): string[] {
  const r = parseArticle('t.md', 't', `---\ntitle: T\npublished: 2026-02-07\n---\n\n${body}\n`);
  if (!r.ok) throw new Error('bad fixture');
  return extractTimes(r.article).map((t) => `${t.text}=${t.value}`);
}

describe('not a date', () => {
  it('"May" as a name, while "in May" stays a month', () => {
    expect(dates('Theresa May said the vote may be delayed.')).toEqual([]);
    expect(dates('The vote was held in May.')).toEqual(['May=2025-05']);
  });

  it('a percentage and a decimal', () => {
    expect(dates('Inflation reached 12.5% and 2015.5 points.')).toEqual([]);
  });

  it('a newspaper or name with a weekday in it', () => {
    expect(dates('The Sunday Times reported it, as did the Sunday Telegraph, after Bloody Sunday.')).toEqual([]);
  });

  it('"Reading" the town and other capitalised words', () => {
    expect(dates('Reading beat Swindon. Trains from Reading run to London.')).toEqual([]);
  });

  it('counts, page numbers and model numbers are not years', () => {
    expect(dates('About 2,000 troops and 2000 police were sent.')).toEqual([]);
    expect(dates('See page 1998 of the report, flight 2012 and Windows 2000.')).toEqual([]);
    expect(dates('The fund holds more than 2010 companies.')).toEqual([]);
  });

  it('"last minute" and "day one" are not dates', () => {
    expect(dates('The talks followed last minute hiccups; they did not collapse on day one.')).toEqual([]);
  });

  it('a fraction is not a numeric date', () => {
    expect(dates('In 3/4 of cases the score was 2:1.')).toEqual([]);
  });
});

describe('not a person: organisations, places and common words that look like names', () => {
  it('an all-caps acronym is no courtesy title ("MS Windows")', () => {
    expect(names('The font shipped with MS Windows in 1992.')).toEqual([]);
  });

  it('a band name made of common words', () => {
    expect(names('They toured with Velvet Revolver and played Rock Out live.')).toEqual([]);
  });

  it('a sports team, and its plural name alone later', () => {
    expect(names('He joined the Boston Bruins in 1934. The Bruins won the cup twice.')).toEqual([]);
  });

  it('a company with a corporate suffix, and the same words alone', () => {
    expect(names('Eberhard Faber GmbH was founded in 1922. Eberhard Faber makes pencils.')).toEqual([]);
  });

  it('a town followed by its state, and a known city', () => {
    expect(names('The line ran to Paxton, Illinois. Trains leave for Chiang Mai daily.')).toEqual([]);
  });

  it('nationality adjectives', () => {
    expect(names('The Brazilian firm grew. Australian troops landed.')).toEqual([]);
  });

  it('a list of companies is not confirmed as people', () => {
    expect(names('Clients include Sub-Zero, KaVo and Gendex.')).toEqual([]);
  });

  it('a common noun with a title word ("Official Website") is no person', () => {
    expect(names('See the Official Website for tickets.')).toEqual([]);
  });
});


describe('not a person: a run of capitalised words that ends in a title', () => {
  it('takes "Airbus President" and "Chief Executive Officer" for roles, and keeps "John Major"', async () => {
    const { extractPeople } = await import('../../src/extract/people.ts');
    const { article } = await import('./helpers.ts');
    const names = extractPeople(article('The deal was signed by Airbus President and Chief Executive Officer, Tom Enders. John Major said so.')).map((p) => p.name);
    expect(names).toContain('Tom Enders');
    expect(names).toContain('John Major');
    expect(names).not.toContain('Airbus President');
    expect(names.some((n) => /Officer/.test(n))).toBe(false);
  });
});
