import { describe, expect, it } from 'vitest';
import { extractPeople } from '../../src/extract/people.ts';
import { article } from './helpers.ts';

function people(text: string) {
  return extractPeople(article(text));
}

describe('extractPeople', () => {
  it('finds a full name and spans it exactly', () => {
    const text = 'Talks resumed on Monday. Jared Kushner joined the delegation.';
    const [p] = people(text);
    expect(p?.name).toBe('Jared Kushner');
    expect(p?.mentions).toEqual([{ start: 25, end: 38, text: 'Jared Kushner' }]);
  });

  it('leaves the possessive out of a mention and groups it with the full name', () => {
    const text = 'Jared Kushner arrived late. Kushner’s presence was noted.';
    const ps = people(text);
    expect(ps).toHaveLength(1);
    expect(ps[0]?.mentions.map((m) => m.text)).toEqual(['Jared Kushner', 'Kushner']);
    expect(ps[0]?.aliases).toEqual(['Kushner']);
    expect(text.slice(ps[0]?.mentions[1]?.start, ps[0]?.mentions[1]?.end)).toBe('Kushner');
  });

  it('keeps a title out of the name and records it as a role', () => {
    const text = 'The inclusion of Admiral Brad Cooper, the head of US Central Command, was noted.';
    const [p] = people(text);
    expect(p?.name).toBe('Brad Cooper');
    expect(p?.mentions[0]).toEqual({ start: 25, end: 36, text: 'Brad Cooper' });
    expect(p?.roles.map((r) => r.text)).toEqual(['Admiral', 'the head of US Central Command']);
  });

  it('reads a role from a title with a possessive country before it', () => {
    const text = 'Iran’s Foreign Minister Abbas Araqchi spoke to reporters.';
    const [p] = people(text);
    expect(p?.name).toBe('Abbas Araqchi');
    expect(p?.roles.map((r) => r.text)).toEqual(['Iran’s Foreign Minister']);
    expect(p?.roles[0]).toMatchObject({ start: 0, end: 23 });
  });

  it('reads a role from an apposition before and after the name', () => {
    const text = 'Mediator Badr al-Busaidi, Oman’s foreign minister, said the talks were serious. '
      + 'Later, Oman’s foreign minister, Badr al-Busaidi, flew home.';
    const [p] = people(text);
    expect(p?.name).toBe('Badr al-Busaidi');
    expect(p?.mentions).toHaveLength(2);
    expect(p?.roles.map((r) => r.text)).toEqual(['Mediator', 'Oman’s foreign minister']);
  });

  it('merges spellings of one surname within an article', () => {
    const text = 'Badr al-Busaidi hosted the talks. Omani Foreign Minister Badr Albusaidi shuttled between rooms.';
    const ps = people(text);
    expect(ps).toHaveLength(1);
    expect(ps[0]?.aliases).toContain('Badr Albusaidi');
  });

  it('finds a person named only by title and surname', () => {
    const [p] = people('The order was signed by President Trump on Friday.');
    expect(p?.name).toBe('Trump');
    expect(p?.roles.map((r) => r.text)).toEqual(['President']);
  });

  it('takes the author and contributors from the front matter, with offsets into the whole file', () => {
    const text = '---\ntitle: Talks\nauthor: Qamar Bashir\ncredits: "With input from Reuters. Anwar Iqbal in Washington also contributed to this report"\n---\n\nThe talks went on.\n';
    const ps = extractPeople(article(text, 'a.md'));
    expect(ps.map((p) => p.name)).toEqual(['Qamar Bashir', 'Anwar Iqbal']);
    const m = ps[0]?.mentions[0];
    expect(text.slice(m?.start, m?.end)).toBe('Qamar Bashir');
    const n = ps[1]?.mentions[0];
    expect(text.slice(n?.start, n?.end)).toBe('Anwar Iqbal');
  });

  it('accepts a courtesy title and an unfamiliar surname', () => {
    const [p] = people('Speaking in Lagos, Mr. Adebayo Okonkwo-Eze said the port would reopen.');
    expect(p?.name).toBe('Adebayo Okonkwo-Eze');
  });

  it('finds a name introduced by a verb of saying', () => {
    const ps = people('“We will not move,” said Rasmus Quellberg, who chairs the committee.');
    expect(ps.map((p) => p.name)).toEqual(['Rasmus Quellberg']);
  });

  describe('general cues added in EXTRACT_VERSION 2', () => {
    function spans(text: string): string[] {
      return people(text).flatMap((p) => p.mentions.map((m) => text.slice(m.start, m.end)));
    }

    it('keeps a middle initial inside the name', () => {
      const text = 'The post went to Brigadier General John A. Corder in 1986.';
      const [p] = people(text);
      expect(p?.name).toBe('John A. Corder');
      expect(p?.mentions[0]).toMatchObject({ start: 35, end: 49 });
    });

    it('spans a quoted nickname between given name and surname, and carries the surname', () => {
      const text = 'William "Cowboy" Cowley was born in 1912. Later Cowley coached in Ottawa.';
      expect(spans(text)).toEqual(['William "Cowboy" Cowley', 'Cowley']);
    });

    it('splits a title made of office words off a given name', () => {
      const text = 'County Coroner William McLaughlin arrived at noon.';
      const [p] = people(text);
      expect(p?.name).toBe('William McLaughlin');
      expect(p?.mentions[0]).toMatchObject({ start: 15, end: 33 });
      expect(p?.roles.map((r) => r.text)).toEqual(['County Coroner']);
    });

    it('takes "(born …)" after an unknown name as a person cue and carries the surname', () => {
      const text = 'Delwyn Langejans (born 1950) is a luthier. Langejans lives in Michigan.';
      expect(spans(text)).toEqual(['Delwyn Langejans', 'Langejans']);
    });

    it('takes a person noun before a name as a cue ("the pianist András")', () => {
      expect(spans('The owner hires the pianist András to play in his restaurant.')).toEqual(['András']);
      expect(spans('Angela Carder (née Stone) was a patient.')).toContain('Stone');
    });

    it('takes a verb only people do after an unknown name as a cue', () => {
      expect(spans('In 1998 Kowalczyk retired from the stage.')).toEqual(['Kowalczyk']);
    });

    it('confirms the uncued items of a list of people', () => {
      const text = 'The salon was frequented by Ludwig Tieck, Friedrich Schelling and Novalis.';
      expect(spans(text)).toEqual(['Ludwig Tieck', 'Friedrich Schelling', 'Novalis']);
    });

    it('reads East Asian names written family name first', () => {
      expect(spans('Li Shimin defeated Wang Shichong at the pass.')).toEqual(['Li Shimin', 'Wang Shichong']);
    });

    it('keeps a regnal number with a monarch’s name', () => {
      expect(spans('Her father served Louis XVI as finance minister.')).toEqual(['Louis XVI']);
    });

    it('drops a sentence-initial adverb before a surname', () => {
      const text = 'Joe Bobick trained hard. Despite Bobick winning the round, he lost.';
      expect(spans(text)).toEqual(['Joe Bobick', 'Bobick']);
    });

    it('knows given names of many languages', () => {
      expect(spans('She married Stanisław Baranowski in 1838.')).toEqual(['Stanisław Baranowski']);
    });
  });
});
