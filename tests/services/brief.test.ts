import { describe, expect, it } from 'vitest';
import { renderJson } from '../../src/render/json/index.ts';
import { renderText } from '../../src/render/text/index.ts';
import { openLibrary } from '../../src/app.ts';
import { silentLogger } from '../../src/log.ts';
import { brief, BRIEF_MAX_POINTS, BRIEF_MAX_SOURCES, BRIEF_MIN_POINTS, REDUNDANCY_THRESHOLD } from '../../src/services/brief.ts';
import { renderDiscord } from '../../src/render/discord/index.ts';
import { UserError } from '../../src/services/errors.ts';
import { textTerms } from '../../src/search/terms.ts';
import { sampleLibrary } from '../support/library.ts';
import { article, tempCorpus } from '../support/corpus.ts';

const DAWN = '001_8e048a01d1900005';
const OPED = '000_0e4e78b473eff5e0';

function overlap(a: string, b: string): number {
  const x = new Set(textTerms(a));
  const y = new Set(textTerms(b));
  const shared = [...x].filter((t) => y.has(t)).length;
  return shared / Math.min(x.size, y.size);
}

describe('/brief on the sample corpus', () => {
  it('cites both articles, and every point is a verbatim sentence of its cited passage', async () => {
    const library = await sampleLibrary();
    const answer = brief(library);
    expect(answer.points.length).toBeGreaterThanOrEqual(BRIEF_MIN_POINTS);
    expect(answer.points.length).toBeLessThanOrEqual(BRIEF_MAX_POINTS);
    const cited = new Set(answer.points.flatMap((p) => p.citations.map((c) => c.article)));
    expect([...cited].sort()).toEqual([OPED, DAWN]);
    for (const p of answer.points) {
      expect(p.citations.length).toBeGreaterThan(0);
      expect(p.text).toBe(p.citations[0]?.excerpt);
      for (const c of p.citations) expect(library.passageById.get(c.passage)?.text).toContain(c.excerpt);
    }
    expect(answer.sources.map((s) => s.id).sort()).toEqual([OPED, DAWN]);
    expect(answer.from).toBe('2026-02-07');
  });

  it('never has two points saying the same thing', async () => {
    const library = await sampleLibrary();
    const points = brief(library).points.map((p) => p.text);
    expect(new Set(points).size).toBe(points.length);
    for (let i = 0; i < points.length; i += 1) {
      for (let j = i + 1; j < points.length; j += 1) expect(overlap(points[i] ?? '', points[j] ?? '')).toBeLessThan(0.8);
    }
    expect(REDUNDANCY_THRESHOLD).toBeLessThan(1);
  });

  it('names key people with cited roles, 2–3 quotes and the latest events, all verbatim', async () => {
    const library = await sampleLibrary();
    const answer = brief(library);
    const names = answer.people.map((p) => p.name);
    expect(names).toContain('Abbas Araghchi');
    expect(names).toContain('Badr al-Busaidi');
    expect(answer.people.every((p) => p.roles.length > 0)).toBe(true);
    expect(answer.quotes.length).toBeGreaterThanOrEqual(2);
    expect(answer.quotes.length).toBeLessThanOrEqual(3);
    expect(answer.events.length).toBeGreaterThan(0);
    const all = [
      ...answer.people.flatMap((p) => p.roles.map((r) => r.citation)),
      ...answer.quotes.flatMap((q) => q.citations),
      ...answer.events.flatMap((e) => e.citations),
    ];
    for (const c of all) expect(library.passageById.get(c.passage)?.text).toContain(c.excerpt);
    const dates = answer.events.map((e) => e.date);
    expect([...dates].sort()).toEqual(dates);
  });

  it('with a topic, keeps to sources and points about it', async () => {
    const library = await sampleLibrary();
    const answer = brief(library, { topic: 'sanctions' });
    expect(answer.title).toBe('Briefing: sanctions');
    expect(answer.points.length).toBeGreaterThan(0);
    expect(answer.points.some((p) => /sanction/i.test(p.text))).toBe(true);
  });

  it('with since after every source, has no sources and no points; a bad since or a stop-word topic is a user error', async () => {
    const library = await sampleLibrary();
    const answer = brief(library, { since: '2027' });
    expect(answer.sources).toEqual([]);
    expect(answer.points).toEqual([]);
    expect(renderText(answer)).toMatch(/No sources/);
    expect(() => brief(library, { since: 'last week' })).toThrow(UserError);
    expect(() => brief(library, { topic: 'the of and' })).toThrow(UserError);
  });

  it('renders the JSON contract: title, points with citations, people, quotes, events, sources', async () => {
    const library = await sampleLibrary();
    const json = JSON.parse(renderJson(brief(library)));
    expect(Object.keys(json)).toEqual(expect.arrayContaining(['title', 'points', 'people', 'quotes', 'events', 'sources', 'sourcesTotal']));
    expect(json.sourcesTotal).toBe(2);
    expect(Object.keys(json.points[0].citations[0]).sort()).toEqual(['article', 'excerpt', 'passage', 'published', 'publisher', 'title', 'url']);
    const text = renderText(brief(library));
    expect(text).toMatch(/^Briefing\n2 sources/);
    expect(text).toMatch(/Key points:/);
  });
});

describe('/brief on a large corpus', () => {
  // 60 reports dated a day apart from 2026-01-01, each about the harbour; every third about the dam too.
  const reports = Object.fromEntries(Array.from({ length: 60 }, (_, i) => {
    const day = new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10);
    const dam = i % 3 === 0 ? ` Engineers inspected the river dam ${i} times, the water board said in its report.` : '';
    return [`r${String(i).padStart(2, '0')}.md`, article(`Report ${i}`, `The harbour authority met on ${day} to discuss the ferry terminal and its budget.${dam}`, `publisher: Coastal Times\npublished: ${day}\n`)];
  }));

  it('briefs the latest articles, at most BRIEF_MAX_SOURCES, and says how many there were', async () => {
    const { library } = await openLibrary({ corpusDir: await tempCorpus(reports), dataDir: null, log: silentLogger });
    const answer = brief(library);
    expect(BRIEF_MAX_SOURCES).toBe(50);
    expect(answer.sourcesTotal).toBe(60);
    expect(answer.sources.map((s) => s.id).sort()).toEqual(Array.from({ length: 50 }, (_, i) => `r${String(i + 10).padStart(2, '0')}`));
    expect(answer.from).toBe('2026-01-11');
    for (const p of answer.points) for (const c of p.citations) expect(Number(c.article.slice(1))).toBeGreaterThanOrEqual(10);
    expect(renderText(answer)).toMatch(/^Briefing\nthe 50 latest of 60 sources, 11 Jan 2026 – 1 Mar 2026/);
    const page = renderDiscord(answer, { corpus: { articles: 60, passages: 60, version: 'v' } });
    expect(page.body.embeds?.[0]?.description).toMatch(/^the 50 latest of 60 sources/);
  });

  it('with a topic, briefs only the articles that match it, all of them when under the cap', async () => {
    const { library } = await openLibrary({ corpusDir: await tempCorpus(reports), dataDir: null, log: silentLogger });
    const answer = brief(library, { topic: 'dam' });
    expect(answer.sourcesTotal).toBe(20);
    expect(answer.sources.map((s) => s.id).sort()).toEqual(Array.from({ length: 20 }, (_, i) => `r${String(i * 3).padStart(2, '0')}`));
    expect(renderText(answer)).toMatch(/^Briefing: dam\n20 sources/);
    // Every report is about the harbour: the 50 whose passages match best.
    const harbour = brief(library, { topic: 'harbour' });
    expect([harbour.sources.length, harbour.sourcesTotal]).toEqual([50, 60]);
    expect(renderText(harbour)).toMatch(/^Briefing: harbour\nthe 50 best matching of 60 sources/);
  });
});
