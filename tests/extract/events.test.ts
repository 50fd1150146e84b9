import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/domain/types.ts';
import { dateOfValue, extractEvents, reportsHappening } from '../../src/extract/events.ts';
import { extractTimes } from '../../src/extract/times.ts';
import type { EventExtract } from '../../src/extract/types.ts';
import { parseArticle } from '../../src/ingest/parse.ts';

function parse(text: string, file = 'test.md'): Article {
  const r = parseArticle(file, file.replace(/\.md$/, ''), text);
  if (!r.ok) throw new Error(r.problems.map((p) => p.reason).join('; '));
  return r.article;
}

function news(body: string, published: string | null = '2026-02-07'): Article {
  return parse(`---\ntitle: Test\n${published ? `published: ${published}\n` : ''}---\n\n${body}\n`);
}

function events(a: Article): EventExtract[] {
  const found = extractEvents(a, { times: extractTimes(a), quotes: [], people: [] });
  for (const e of found) expect(a.text.slice(e.start, e.end)).toBe(e.text);
  return found;
}

/** `date precision #order: first words` for each event, in date then stated order. */
function timeline(a: Article): string[] {
  return [...events(a)]
    .sort((x, y) => x.date.localeCompare(y.date) || x.order - y.order)
    .map((e) => `${e.date} ${e.precision} #${e.order}: ${e.text.split(' ').slice(0, 4).join(' ')}`);
}

describe('dateOfValue', () => {
  it('maps TIMEX3 values to a date and its precision', () => {
    expect(dateOfValue('2026-02-06')).toEqual({ date: '2026-02-06', precision: 'day' });
    expect(dateOfValue('2026-02-06T10:00')).toEqual({ date: '2026-02-06', precision: 'day' });
    expect(dateOfValue('2025-06')).toEqual({ date: '2025-06', precision: 'month' });
    expect(dateOfValue('2025-SU')).toEqual({ date: '2025-SU', precision: 'season' });
    expect(dateOfValue('2025-Q1')).toEqual({ date: '2025-Q1', precision: 'quarter' });
    expect(dateOfValue('2018')).toEqual({ date: '2018', precision: 'year' });
    expect(dateOfValue('201')).toEqual({ date: '201X', precision: 'decade' });
    expect(dateOfValue('2026-W06')).toEqual({ date: '2026-02', precision: 'month' });
    for (const v of ['PRESENT_REF', 'XXXX-XX-XX', 'XXXX-WXX-5', 'P3D']) expect(dateOfValue(v)).toBeNull();
  });
});

describe('extractEvents', () => {
  it('dates a sentence by its own time, one event per distinct date', () => {
    expect(timeline(news('Sanctions were re-imposed in 2018, three years after the 2015 deal.'))).toEqual([
      '2015 year #0: Sanctions were re-imposed in', '2018 year #0: Sanctions were re-imposed in',
    ]);
  });

  it('dates a statement by its own time only when its content has none', () => {
    expect(timeline(news('The minister said on Friday that the plant was built in 1998.'))).toEqual([
      '1998 year #0: The minister said on',
    ]);
    expect(timeline(news('The minister said on Friday that talks should continue.'))).toEqual([
      '2026-02-06 day #0: The minister said on',
    ]);
  });

  it('dates a relative anchor by the event it names, before the anchor', () => {
    const a = news('The summit was held in Geneva on 3 March 2021.\n\nHours before the summit, protesters gathered outside.\n\nWithin hours of the summit ending, the leaders flew home.');
    expect(timeline(a)).toEqual([
      '2021-03-03 day #0: Hours before the summit,',
      '2021-03-03 day #1: The summit was held',
      '2021-03-03 day #2: Within hours of the',
    ]);
    expect(events(a).map((e) => e.basis)).toEqual(['time', 'anchor', 'anchor']);
  });

  it('anchors a close-in-time phrase to the lead’s main event when no earlier sentence names it', () => {
    expect(timeline(news('Leaders met in Geneva on Tuesday.\n\nJust hours before the meeting began, a bomb exploded.'))).toEqual([
      '2026-02-03 day #0: Just hours before the', '2026-02-03 day #1: Leaders met in Geneva',
    ]);
  });

  it('gives a past-tense sentence with no time the main event’s date, marked as context', () => {
    const a = news('Leaders met in Geneva on Tuesday.\n\nThe president signed the accord.\n\nThe accord is a framework.\n\nThe rebels had rejected it.');
    expect(events(a).map((e) => [e.date, e.basis, e.text.slice(0, 20)])).toEqual([
      ['2026-02-03', 'time', 'Leaders met in Genev'], ['2026-02-03', 'context', 'The president signed'],
    ]);
  });

  it('dates nothing it cannot resolve: no publication date, no dateline', () => {
    expect(events(news('The talks were held on Friday. The president signed the accord.', null))).toEqual([]);
  });

  it('tells past reports from plans, standing facts and backstory', () => {
    expect(reportsHappening('The president signed the accord.')).toBe(true);
    expect(reportsHappening('Boeing says it has 800 orders.')).toBe(true);
    expect(reportsHappening('The bridge will open soon.')).toBe(false);
    expect(reportsHappening('The accord is a framework.')).toBe(false);
    expect(reportsHappening('Tehran had pushed for Muscat.')).toBe(false);
  });
});

describe('sample corpus timeline (issue 3 §4)', () => {
  const load = (name: string): Article => parse(readFileSync(new URL(`../../corpus/${name}`, import.meta.url), 'utf8'), `corpus/${name}`);
  const opinion = events(load('000_0e4e78b473eff5e0.md'));
  const dawn = events(load('001_8e048a01d1900005.md'));
  const all = [...opinion, ...dawn];
  const find = (list: EventExtract[], words: string, date: string): EventExtract | undefined =>
    list.find((e) => e.text.includes(words) && e.date === date);

  it('dates the 2015 nuclear deal, the 2018 withdrawal and the June 2025 war', () => {
    expect(find(dawn, 'Iran’s 2015 nuclear deal', '2015')?.precision).toBe('year');
    expect(find(dawn, 're-imposed since 2018 when Trump ditched', '2018')?.precision).toBe('year');
    expect(find(opinion, 'the June 2025 conflict', '2025-06')?.precision).toBe('month');
    expect(find(dawn, 'a short but intense war last summer', '2025-SU')?.precision).toBe('season');
  });

  it('dates the Muscat talks and what surrounds them to 6 February 2026, in their stated order', () => {
    const day = dawn.filter((e) => e.date === '2026-02-06').sort((a, b) => a.order - b.order);
    const at = (words: string): number => day.findIndex((e) => e.text.includes(words));
    const deployment = at('Just hours before the meeting began, Iran unveiled the Khorramshahr-4');
    const stateTv = at('said hours before the talks that one of the country’s most advanced');
    const alert = at('issued a security alert early on Friday');
    const talks = at('The indirect talks between the United States and Iran held in Muscat on Friday');
    const kremlin = at('The Kremlin, an ally of Iran, said on Friday');
    const sanctions = at('Within hours of the talks ending, Washington announced fresh sanctions');
    for (const i of [deployment, stateTv, alert, talks, kremlin, sanctions]) expect(i).toBeGreaterThanOrEqual(0);
    expect(deployment).toBeLessThan(alert);
    expect(stateTv).toBeLessThan(talks);
    expect(alert).toBeLessThan(talks);
    expect(talks).toBeLessThan(kremlin);
    expect(kremlin).toBeLessThan(sanctions);
    expect(find(opinion, 'Hours before talks, Iranian state media highlighted deployment', '2026-02-06')).toBeDefined();
  });

  it('dates nothing to the publication day 7 February 2026', () => {
    expect(all.filter((e) => e.date === '2026-02-07')).toEqual([]);
  });
});
