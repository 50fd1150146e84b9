import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/services/errors.ts';
import { timeline, timelineViews } from '../../src/services/timeline.ts';
import { sampleLibrary } from '../support/library.ts';

describe('/timeline on the sample corpus', () => {
  it('puts the events in date order at the precision the sources give', async () => {
    const library = await sampleLibrary();
    const events = timeline(library, {}).events;
    const find = (re: RegExp): { date: string; precision: string } | undefined => events.find((e) => e.citations.some((c) => re.test(c.excerpt)));
    expect(find(/2015 nuclear deal/)?.date).toBe('2015');
    expect(events.some((e) => e.date === '2018' && e.citations.some((c) => /2018/.test(c.excerpt)))).toBe(true);
    const war = events.filter((e) => e.citations.some((c) => /June 2025 conflict|intense war last summer/.test(c.excerpt)));
    expect(war).toHaveLength(1);
    expect(war[0]?.date).toMatch(/^2025-(06|SU)$/);
    expect(find(/Khorramshahr-4/)?.date).toBe('2026-02-06');
    expect(find(/security alert/)?.date).toBe('2026-02-06');
    expect(find(/Kremlin/)?.date).toBe('2026-02-06');
    expect(find(/fresh sanctions/)?.date).toBe('2026-02-06');
    expect(find(/talks between the United States and Iran held in Muscat/)?.date).toBe('2026-02-06');
    const dates = events.map((e) => e.date);
    expect(dates.indexOf('2015')).toBeLessThan(dates.indexOf('2018'));
    expect(dates.indexOf('2018')).toBeLessThan(dates.findIndex((d) => d.startsWith('2025')));
  });

  it('dates nothing about the talks on the publication day', async () => {
    const library = await sampleLibrary();
    expect(timeline(library, {}).events.filter((e) => e.date === '2026-02-07')).toEqual([]);
  });

  it('orders the missile deployment before the talks and the sanctions after them', async () => {
    const library = await sampleLibrary();
    const day = timeline(library, { from: '2026-02-06', to: '2026-02-06' }).events;
    const at = (re: RegExp): number => day.findIndex((e) => e.citations.some((c) => re.test(c.excerpt)));
    expect(at(/Khorramshahr-4/)).toBeGreaterThanOrEqual(0);
    expect(at(/Khorramshahr-4/)).toBeLessThan(at(/fresh sanctions/));
  });

  it('filters by topic and by dates', async () => {
    const library = await sampleLibrary();
    const sanctions = timeline(library, { topic: 'sanctions' }).events;
    expect(sanctions.length).toBeGreaterThan(0);
    expect(sanctions.every((e) => e.citations.some((c) => /sanction/i.test(c.excerpt)))).toBe(true);
    const early = timeline(library, { to: '2019' }).events;
    expect(early.map((e) => e.date).every((d) => d <= '2019')).toBe(true);
    expect(early.length).toBeGreaterThan(0);
  });

  it('rejects a malformed date as a user error naming the option', async () => {
    const library = await sampleLibrary();
    expect(() => timeline(library, { from: 'last week' })).toThrow(UserError);
    expect(() => timeline(library, { from: 'last week' })).toThrow(/from must be a date/);
    expect(() => timeline(library, { from: '2026', to: '2025' })).toThrow(/not be later/);
  });
});

describe('timeline topic rules', () => {
  it('does not count a mention that names another model of the topic', async () => {
    const { onlyAsOtherModel } = await import('../../src/services/timeline.ts');
    expect(onlyAsOtherModel('The Airbus A380 flew on Friday.', ['airbus'])).toBe(true);
    expect(onlyAsOtherModel('Airbus sold more planes in 2005.', ['airbus'])).toBe(false);
    expect(onlyAsOtherModel('The Airbus A380 and Airbus itself gained.', ['airbus'])).toBe(false);
    expect(onlyAsOtherModel('The iPhone 4 went on sale.', ['iphone', '4'])).toBe(false);
  });

  it('judges other models as tokenising the whole sentence does (the plain definition)', async () => {
    const { onlyAsOtherModel } = await import('../../src/services/timeline.ts');
    const { onlyAsOtherModel: plain } = await import('../support/plain/timeline.ts');
    const library = await sampleLibrary();
    const sentences = [
      ...library.passages.flatMap((p) => p.text.split(/(?<=[.!?])\s+/)),
      'Boeing 787-9 and the Boeing 777X flew; Boeing 2024 plans.', 'Khorramshahr-4 and Khorramshahr 4 were shown.', 'The A380’s 2 engines; Airbus A350 in 2019.',
    ];
    const topics = [['iran'], ['khorramshahr'], ['boeing'], ['airbus'], ['2026'], ['talks', 'muscat'], ['a380']];
    let judged = 0;
    for (const sentence of sentences) {
      for (const topic of topics) {
        expect(onlyAsOtherModel(sentence, topic), `${topic.join()} in ${sentence}`).toBe(plain(sentence, topic));
        if (plain(sentence, topic)) judged += 1;
      }
    }
    expect(judged).toBeGreaterThanOrEqual(2);
  });

  it('takes sentences that refer back only by a pronoun or a definite description', async () => {
    const { refersBack } = await import('../../src/services/timeline.ts');
    expect(refersBack('It was delivered in 2007.', false)).toBe(true);
    expect(refersBack('The aircraft landed in Sydney.', false)).toBe(true);
    expect(refersBack('Singapore Airlines ordered ten.', false)).toBe(false);
    expect(refersBack('He founded the company in 1976.', true)).toBe(true);
    expect(refersBack('It rained.', true)).toBe(false);
  });
});

describe('timeline limits', () => {
  it('gives the first events of the whole answer, checking only as many as it shows', async () => {
    const library = await sampleLibrary();
    for (const topic of [undefined, 'Iran', 'talks', 'Araghchi', 'sanctions missile', 'Muscat']) {
      const all = timelineViews(library, { topic }).views;
      expect(all.length, topic).toBeGreaterThan(0);
      for (const limit of [1, 2, 5]) {
        expect(timelineViews(library, { topic }, undefined, limit).views, `${topic ?? '(none)'} first ${limit}`).toEqual(all.slice(0, limit));
        expect(timeline(library, { topic, limit }).events.map((e) => e.date)).toEqual(all.slice(0, limit).map((v) => v.date));
      }
    }
  });
});
