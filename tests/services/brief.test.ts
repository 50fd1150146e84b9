import { describe, expect, it } from 'vitest';
import { renderJson } from '../../src/render/json/index.ts';
import { renderText } from '../../src/render/text/index.ts';
import { brief, BRIEF_MAX_POINTS, BRIEF_MIN_POINTS, REDUNDANCY_THRESHOLD } from '../../src/services/brief.ts';
import { UserError } from '../../src/services/errors.ts';
import { textTerms } from '../../src/search/terms.ts';
import { sampleLibrary } from '../support/library.ts';

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
    expect(Object.keys(json)).toEqual(expect.arrayContaining(['title', 'points', 'people', 'quotes', 'events', 'sources']));
    expect(Object.keys(json.points[0].citations[0]).sort()).toEqual(['article', 'excerpt', 'passage', 'published', 'publisher', 'title', 'url']);
    const text = renderText(brief(library));
    expect(text).toMatch(/^Briefing\n2 sources/);
    expect(text).toMatch(/Key points:/);
  });
});
