import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/domain/types.ts';
import { extractTimes } from '../../src/extract/times.ts';
import { referenceOf } from '../../src/extract/timex/reference.ts';
import { parseArticle } from '../../src/ingest/parse.ts';

/** A news article with a pinned publication date (none when `published` is null). */
function news(body: string, published: string | null = '2026-02-07', title = 'Test'): Article {
  const front = `---\ntitle: ${JSON.stringify(title)}\n${published ? `published: ${published}\n` : ''}---\n\n`;
  const r = parseArticle('test.md', 'test', front + body + '\n');
  if (!r.ok) throw new Error(r.problems.map((p) => p.reason).join('; '));
  return r.article;
}

/** `text → type value` for every time expression, checking offsets on the way. */
function times(body: string, published: string | null = '2026-02-07'): string[] {
  const a = news(body, published);
  return extractTimes(a).map((t) => {
    expect(a.text.slice(t.start, t.end)).toBe(t.text);
    return `${t.text} → ${t.type} ${t.value}`;
  });
}

// 2026-02-07 is a Saturday.
describe('extractTimes: weekdays by tense', () => {
  it('dates a past-tense weekday to the one before the publication day', () => {
    expect(times('The talks were held in Muscat on Friday.')).toEqual(['Friday → DATE 2026-02-06']);
  });

  it('dates a future-tense weekday forward', () => {
    expect(times('The talks will resume on Friday.')).toEqual(['Friday → DATE 2026-02-13']);
    expect(times('The trial is set to begin on Wednesday.')).toEqual(['Wednesday → DATE 2026-02-11']);
  });

  it('takes "last" and "next" literally', () => {
    expect(times('They met last Monday and meet again next Monday.')).toEqual([
      'last Monday → DATE 2026-02-02', 'next Monday → DATE 2026-02-09',
    ]);
  });

  it('gives a weekday with a part of the day a TIME value', () => {
    expect(times('Protesters gathered on Friday night.')).toEqual(['Friday night → TIME 2026-02-06TNI']);
  });

  it('reads plural weekdays as a set', () => {
    expect(times('The market opens on Mondays.')).toEqual(['Mondays → SET XXXX-WXX-1']);
  });
});

describe('extractTimes: calendar dates, months, years, seasons', () => {
  it('resolves full dates and month-day dates by tense', () => {
    expect(times('February 6, 2026 has the feel of a turning point.')).toEqual(['February 6, 2026 → DATE 2026-02-06']);
    expect(times('The deal was signed on March 5.')).toEqual(['March 5 → DATE 2025-03-05']);
    expect(times('The deal will be signed on March 5.')).toEqual(['March 5 → DATE 2026-03-05']);
  });

  it('values years without their preposition', () => {
    expect(times('Sanctions re-imposed since 2018 hit the economy, as in 2015.')).toEqual(['2018 → DATE 2018', '2015 → DATE 2015']);
    expect(times('Trump ditched Iran’s 2015 nuclear deal.')).toEqual(['2015 → DATE 2015']);
  });

  it('values a month with its year, and a bare month by tense', () => {
    expect(times('It was tested during the June 2025 conflict.')).toEqual(['June 2025 → DATE 2025-06']);
    expect(times('The law was passed in June.')).toEqual(['June → DATE 2025-06']);
    expect(times('The bridge will open in June.')).toEqual(['June → DATE 2026-06']);
  });

  it('resolves seasons: "last summer" is the summer before', () => {
    expect(times('There was a short but intense war last summer.')).toEqual(['last summer → DATE 2025-SU']);
    expect(times('The film opens in the summer of 2027.')).toEqual(['summer of 2027 → DATE 2027-SU']);
  });

  it('values decades, quarters and early/late modifiers', () => {
    expect(times('Ties date back to the early 1990s.')).toEqual(['early 1990s → DATE 199']);
    expect(times('Profits fell in the first quarter of 2025.')).toEqual(['the first quarter of 2025 → DATE 2025-Q1']);
    expect(times('Sales slowed in early 2008.')).toEqual(['early 2008 → DATE 2008']);
  });

  it('resolves relative units and day words', () => {
    expect(times('Prices rose last week and this week.')).toEqual(['last week → DATE 2026-W05', 'this week → DATE 2026-W06']);
    expect(times('The minister resigned yesterday; a successor is named tomorrow.')).toEqual([
      'yesterday → DATE 2026-02-06', 'tomorrow → DATE 2026-02-08',
    ]);
    expect(times('Results are expected next month, and came last year.')).toEqual(['next month → DATE 2026-03', 'last year → DATE 2025']);
    expect(times('Officials met this morning.')).toEqual(['this morning → TIME 2026-02-07TMO']);
  });

  it('joins a clock time to its day', () => {
    expect(times('The vote took place at 10 a.m. on Friday.')).toEqual(['10 a.m. on Friday → TIME 2026-02-06T10:00']);
  });

  it('resolves "ago" at the unit’s precision', () => {
    expect(times('The plant closed three years ago.')).toEqual(['three years ago → DATE 2023']);
    expect(times('The plant closed two days ago.')).toEqual(['two days ago → DATE 2026-02-05']);
  });

  it('resolves an anaphoric day against the last date mentioned', () => {
    expect(times('The summit opened on 3 March 2021. The next day, leaders signed the accord.')).toEqual([
      '3 March 2021 → DATE 2021-03-03', 'The next day → DATE 2021-03-04',
    ]);
  });
});

describe('extractTimes: references, durations, sets', () => {
  it('values "now" and "recently" as references', () => {
    expect(times('Leave Iran now. Prices have recently risen.')).toEqual(['now → DATE PRESENT_REF', 'recently → DATE PAST_REF']);
    expect(times('Nobody knows what happens in the future.')).toEqual(['the future → DATE FUTURE_REF']);
  });

  it('values durations, vague ones with X', () => {
    expect(times('The siege lasted three years.')).toEqual(['three years → DURATION P3Y']);
    expect(times('It was shaped by months of escalation.')).toEqual(['months → DURATION PXM']);
    expect(times('He left for a 10-day visit.')).toEqual(['10-day → DURATION P10D']);
    expect(times('The deal came hours before the talks.')).toEqual(['hours → DURATION PTXH']);
  });

  it('values sets', () => {
    expect(times('The board meets every week and reports annually.')).toEqual(['every week → SET P1W', 'annually → SET P1Y']);
    expect(times('Residents pay $5 a day.')).toEqual(['a day → SET P1D']);
  });
});

describe('extractTimes: reference day', () => {
  it('leaves relative expressions unresolved without a publication date', () => {
    expect(times('The talks were held on Friday. Prices rose last week, in 2015 and yesterday.', null)).toEqual([
      'Friday → DATE XXXX-WXX-5', 'last week → DATE XXXX-WXX', '2015 → DATE 2015', 'yesterday → DATE XXXX-XX-XX',
    ]);
  });

  it('takes a full date that opens the body as the dateline when there is no publication date', () => {
    const a = news('February 6, 2026 has the feel of a turning point. Officials met yesterday.', null);
    expect(referenceOf(a)).toEqual({ day: { y: 2026, m: 2, d: 6 }, source: 'dateline' });
    expect(extractTimes(a).map((t) => t.value)).toEqual(['2026-02-06', '2026-02-05']);
  });

  it('does not take a date deep in the first paragraph as the dateline', () => {
    const a = news(`${'Officials and diplomats gathered in the capital for a long-awaited round of talks, '.repeat(2)}which began on February 6, 2026. They met yesterday.`, null);
    expect(referenceOf(a).source).toBe('none');
    expect(extractTimes(a).map((t) => t.value)).toEqual(['2026-02-06', 'XXXX-XX-XX']);
  });

  it('reads time expressions in the title and summary lines of the front matter, with file offsets', () => {
    const text = '---\ntitle: "Talks will resume on Friday"\npublished: 2026-02-07\nsummary:\n  - "Sanctions since 2018"\n---\n\nNo dates here.\n';
    const r = parseArticle('t.md', 't', text);
    if (!r.ok) throw new Error('bad fixture');
    const found = extractTimes(r.article);
    expect(found.map((t) => [t.text, t.value, text.slice(t.start, t.end)])).toEqual([
      ['Friday', '2026-02-13', 'Friday'], ['2018', '2018', '2018'],
    ]);
    // a headline in the present tense reports what happened
    const headline = parseArticle('h.md', 'h', '---\ntitle: "Talks resume on Friday"\npublished: 2026-02-07\n---\n\nBody.\n');
    if (!headline.ok) throw new Error('bad fixture');
    expect(extractTimes(headline.article).map((t) => t.value)).toEqual(['2026-02-06']);
  });
});
