import { describe, expect, it } from 'vitest';
import type { Article, Passage } from '../../src/domain/types.ts';
import type { ArticleExtraction, EventExtract, PersonExtract, QuoteExtract } from '../../src/extract/types.ts';
import { buildKnowledge } from '../../src/knowledge/build.ts';
import { datesCompatible } from '../../src/knowledge/events.ts';

/** An article whose body is the given paragraphs, one passage each. */
function fixture(id: string, paragraphs: string[]): { article: Article; passages: Passage[] } {
  const text = paragraphs.join('\n\n');
  const passages: Passage[] = [];
  let at = 0;
  paragraphs.forEach((p, i) => {
    passages.push({ id: `${id}#p${i + 1}`, articleId: id, n: i + 1, section: null, text: p, start: at, end: at + p.length });
    at += p.length + 2;
  });
  const article: Article = {
    id, file: `${id}.md`, title: id, author: null, publisher: null, published: null, url: null, dateline: null,
    summary: [], credits: null, text, bodyStart: 0, origin: { kind: 'corpus' },
  };
  return { article, passages };
}

function person(text: string, name: string, forms: string[] = [name]): PersonExtract {
  // Every occurrence of each form, longest forms first, without overlaps.
  const mentions: PersonExtract['mentions'] = [];
  for (const f of [...forms].sort((x, y) => y.length - x.length)) {
    for (let at = text.indexOf(f); at >= 0; at = text.indexOf(f, at + 1)) {
      if (!mentions.some((m) => at < m.end && m.start < at + f.length)) mentions.push({ start: at, end: at + f.length, text: f });
    }
  }
  mentions.sort((x, y) => x.start - y.start);
  return { name, aliases: forms.filter((f) => f !== name), roles: [], mentions };
}

function quote(text: string, words: string, speaker: string | null): QuoteExtract {
  const start = text.indexOf(words);
  return { start, end: start + words.length, text: words, speaker, speakerStart: null, speakerEnd: null, speakerKind: speaker ? 'person' : null };
}

function event(text: string, sentence: string, date: string, precision: EventExtract['precision']): EventExtract {
  const start = text.indexOf(sentence);
  return { start, end: start + sentence.length, text: sentence, date, precision, order: 0 };
}

function extraction(file: string, x: Partial<ArticleExtraction>): ArticleExtraction {
  return { file, published: null, people: [], quotes: [], times: [], events: [], ...x };
}

describe('buildKnowledge', () => {
  it('merges spelling variants of one person and keeps every spelling', () => {
    const a = fixture('a', ['Foreign Minister Abbas Araqchi spoke. Araqchi left.']);
    const b = fixture('b', ['Abbas Araghchi said more. Araghchi was calm. Araghchi smiled.']);
    const store = buildKnowledge({
      articles: [a.article, b.article], passages: [...a.passages, ...b.passages],
      extractions: new Map([
        ['a', extraction('a', { people: [person(a.article.text, 'Abbas Araqchi', ['Abbas Araqchi', 'Araqchi'])] })],
        ['b', extraction('b', { people: [person(b.article.text, 'Abbas Araghchi', ['Abbas Araghchi', 'Araghchi'])] })],
      ]),
    });
    expect(store.people).toHaveLength(1);
    expect(store.people[0]?.name).toBe('Abbas Araghchi');
    expect(store.people[0]?.aliases.sort()).toEqual(['Abbas Araqchi', 'Araghchi', 'Araqchi']);
    expect(store.people[0]?.mentions.map((m) => m.passageId)).toEqual(['a#p1', 'a#p1', 'b#p1', 'b#p1', 'b#p1']);
  });

  it('keeps two people apart who share a surname or a given name', () => {
    const a = fixture('a', ['Donald Trump met Donald Tusk. Eric Trump was there.']);
    const store = buildKnowledge({
      articles: [a.article], passages: a.passages,
      extractions: new Map([['a', extraction('a', { people: [
        person(a.article.text, 'Donald Trump'), person(a.article.text, 'Donald Tusk'), person(a.article.text, 'Eric Trump'),
      ] })]]),
    });
    expect(store.people.map((p) => p.name).sort()).toEqual(['Donald Trump', 'Donald Tusk', 'Eric Trump']);
  });

  it('joins a bare surname to a person only when exactly one fits', () => {
    const a = fixture('a', ['Jared Kushner arrived.']);
    const b = fixture('b', ['Kushner spoke.']);
    const c = fixture('c', ['Donald Trump and Eric Trump came.']);
    const d = fixture('d', ['Trump spoke.']);
    const store = buildKnowledge({
      articles: [a.article, b.article, c.article, d.article], passages: [...a.passages, ...b.passages, ...c.passages, ...d.passages],
      extractions: new Map([
        ['a', extraction('a', { people: [person(a.article.text, 'Jared Kushner')] })],
        ['b', extraction('b', { people: [person(b.article.text, 'Kushner')] })],
        ['c', extraction('c', { people: [person(c.article.text, 'Donald Trump'), person(c.article.text, 'Eric Trump')] })],
        ['d', extraction('d', { people: [person(d.article.text, 'Trump')] })],
      ]),
    });
    const kushner = store.people.find((p) => p.name === 'Jared Kushner');
    expect(kushner?.mentions).toHaveLength(2);
    expect(store.people.map((p) => p.name).sort()).toEqual(['Donald Trump', 'Eric Trump', 'Jared Kushner', 'Trump']);
  });

  it('merges the same quotation cut differently by two outlets, with both occurrences', () => {
    const long = 'Any dialogue requires refraining from threats and pressure. We do not discuss any other issue';
    const short = 'any dialogue requires refraining from threats and pressure';
    const a = fixture('a', [`“${long},” Araghchi said.`]);
    const b = fixture('b', [`He insisted that “${short}” and left.`]);
    const store = buildKnowledge({
      articles: [a.article, b.article], passages: [...a.passages, ...b.passages],
      extractions: new Map([
        ['a', extraction('a', { people: [person(a.article.text, 'Araghchi')], quotes: [quote(a.article.text, long, 'Araghchi')] })],
        ['b', extraction('b', { people: [person(b.article.text, 'Araqchi', [])], quotes: [quote(b.article.text, short, 'Araqchi')] })],
      ]),
    });
    expect(store.quotes).toHaveLength(1);
    expect(store.quotes[0]?.text).toBe(long);
    expect(store.quotes[0]?.occurrences.map((o) => o.articleId)).toEqual(['a', 'b']);
  });

  it('does not merge short phrases that happen to recur', () => {
    const a = fixture('a', ['They called it a “good start” today.']);
    const b = fixture('b', ['“It was a good start to the negotiations,” he said.']);
    const store = buildKnowledge({
      articles: [a.article, b.article], passages: [...a.passages, ...b.passages],
      extractions: new Map([
        ['a', extraction('a', { quotes: [quote(a.article.text, 'good start', null)] })],
        ['b', extraction('b', { quotes: [quote(b.article.text, 'It was a good start to the negotiations', null)] })],
      ]),
    });
    expect(store.quotes).toHaveLength(2);
  });

  it('merges one happening reported at nested dates by two sources, keeping the finer date', () => {
    const s1 = 'Expectations were low after a short but intense war last summer.';
    const s2 = 'Its missiles were tested during the June 2025 conflict.';
    const a = fixture('a', [s1]);
    const b = fixture('b', [s2]);
    const t1 = a.article.text.indexOf('last summer');
    const t2 = b.article.text.indexOf('June 2025');
    const store = buildKnowledge({
      articles: [a.article, b.article], passages: [...a.passages, ...b.passages],
      extractions: new Map([
        ['a', extraction('a', { events: [event(a.article.text, s1, '2025-SU', 'season')], times: [{ start: t1, end: t1 + 11, text: 'last summer', type: 'DATE', value: '2025-SU' }] })],
        ['b', extraction('b', { events: [event(b.article.text, s2, '2025-06', 'month')], times: [{ start: t2, end: t2 + 9, text: 'June 2025', type: 'DATE', value: '2025-06' }] })],
      ]),
    });
    expect(store.events).toHaveLength(1);
    expect(store.events[0]).toMatchObject({ date: '2025-06', precision: 'month' });
    expect(store.events[0]?.occurrences).toHaveLength(2);
  });

  it('compares a later source with the finer date once the sources agreed on it', () => {
    const s1 = 'Expectations were low after a short but intense war last summer.';
    const s2 = 'Its missiles were tested during the June 2025 conflict.';
    const s3 = 'Its drones were tested during the August 2025 war.';
    const [a, b, c] = [fixture('a', [s1]), fixture('b', [s2]), fixture('c', [s3])];
    const time = (text: string, words: string, value: string) => {
      const start = text.indexOf(words);
      return { start, end: start + words.length, text: words, type: 'DATE' as const, value };
    };
    const store = buildKnowledge({
      articles: [a.article, b.article, c.article], passages: [...a.passages, ...b.passages, ...c.passages],
      extractions: new Map([
        ['a', extraction('a', { events: [event(a.article.text, s1, '2025-SU', 'season')], times: [time(a.article.text, 'last summer', '2025-SU')] })],
        ['b', extraction('b', { events: [event(b.article.text, s2, '2025-06', 'month')], times: [time(b.article.text, 'June 2025', '2025-06')] })],
        ['c', extraction('c', { events: [event(c.article.text, s3, '2025-08', 'month')], times: [time(c.article.text, 'August 2025', '2025-08')] })],
      ]),
    });
    // August lies within last summer, but not within June, which the first two sources agreed on.
    expect(store.events.map((e) => [e.date, e.occurrences.length])).toEqual([['2025-06', 2], ['2025-08', 1]]);
  });

  it('keeps apart different happenings on the same day', () => {
    const s1 = 'Iran unveiled a missile on Friday.';
    const s2 = 'The embassy issued a security alert on Friday.';
    const a = fixture('a', [s1, s2]);
    const b = fixture('b', ['Talks were held in Oman on Friday.']);
    const store = buildKnowledge({
      articles: [a.article, b.article], passages: [...a.passages, ...b.passages],
      extractions: new Map([
        ['a', extraction('a', { events: [event(a.article.text, s1, '2026-02-06', 'day'), event(a.article.text, s2, '2026-02-06', 'day')] })],
        ['b', extraction('b', { events: [event(b.article.text, 'Talks were held in Oman on Friday.', '2026-02-06', 'day')] })],
      ]),
    });
    expect(store.events).toHaveLength(3);
  });
});

describe('datesCompatible', () => {
  it('nests days in months, months in seasons and years, years in decades', () => {
    expect(datesCompatible('2025-06', '2025-SU')).toBe(true);
    expect(datesCompatible('2026-02-06', '2026-02')).toBe(true);
    expect(datesCompatible('2018', '201X')).toBe(true);
    expect(datesCompatible('2025-06', '2025-WI')).toBe(false);
    expect(datesCompatible('2026-02-06', '2026-02-07')).toBe(false);
    expect(datesCompatible('2024-12-15', '2024-WI')).toBe(true);
  });
});
