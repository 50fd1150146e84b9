import { describe, expect, it } from 'vitest';
import type { BriefAnswer } from '../../src/domain/answer.ts';
import { silentLogger } from '../../src/log.ts';
import { UserError } from '../../src/services/errors.ts';
import { openModeration } from '../../src/services/moderation.ts';
import { latestSlot, parseSlot, type Clock } from '../../src/services/scheduler.ts';
import { article, SAMPLE_CORPUS, tempDir } from '../support/corpus.ts';

const G = '300000000000000003';
const CHANNEL = '400000000000000004';

/** A clock the test moves by hand; timers never fire by themselves. */
function fakeClock(start: string): Clock & { set(iso: string): void } {
  let now = new Date(start);
  return { now: () => new Date(now), setTimeout: () => null, clearTimeout: () => undefined, set: (iso) => (now = new Date(iso)) };
}

async function openAt(dataDir: string, clock: Clock, posts: Array<{ channel: string; answer: BriefAnswer }>) {
  return openModeration({
    corpusDir: SAMPLE_CORPUS, dataDir, log: silentLogger, clock,
    post: (channel, answer) => {
      posts.push({ channel, answer });
      return Promise.resolve();
    },
  });
}

describe('scheduled digests', () => {
  it('posts at the slot, then only when something new arrived, and not twice after a restart', async () => {
    const dataDir = await tempDir();
    const clock = fakeClock('2026-03-01T08:00:00Z');
    const posts: Array<{ channel: string; answer: BriefAnswer }> = [];
    const first = await openAt(dataDir, clock, posts);
    const scheduled = await first.moderation.scheduler.schedule({ guildId: G, channelId: CHANNEL, time: '09:00', userId: 'mod' });
    expect(scheduled.schedules[0]?.next).toBe('2026-03-01T09:00:00.000Z');

    expect(await first.moderation.scheduler.tick()).toEqual([]);
    clock.set('2026-03-01T09:00:30Z');
    const [fired] = await first.moderation.scheduler.tick();
    expect(fired?.result).toBe('posted');
    expect(posts).toHaveLength(1);
    expect(posts[0]?.channel).toBe(CHANNEL);
    expect(posts[0]?.answer.sources).toHaveLength(2);
    expect(await first.moderation.scheduler.tick()).toEqual([]);

    // Restart within the same slot: nothing is posted again.
    const second = await openAt(dataDir, clock, posts);
    expect(await second.moderation.scheduler.tick()).toEqual([]);
    expect(posts).toHaveLength(1);

    // Next day, nothing new: the slot passes without a post.
    clock.set('2026-03-02T09:01:00Z');
    expect((await second.moderation.scheduler.tick()).map((o) => o.result)).toEqual(['nothing-new']);
    expect(posts).toHaveLength(1);

    // Something arrives; the bot is down for three slots; on return it posts once, about the new article only.
    await second.moderation.corpus.add({ guildId: G, userId: 'mod', name: 'ferry.md', bytes: new TextEncoder().encode(article('Ferry terminal opens', 'The harbour authority opened a new ferry terminal on Tuesday after three years of building work.', 'published: 2026-03-02\n')) });
    await second.live.settled();
    clock.set('2026-03-05T12:00:00Z');
    const third = await openAt(dataDir, clock, posts);
    expect((await third.moderation.scheduler.tick()).map((o) => o.result)).toEqual(['posted']);
    expect(await third.moderation.scheduler.tick()).toEqual([]);
    expect(posts).toHaveLength(2);
    expect(posts[1]?.answer.sources.map((s) => s.id)).toEqual([`g${G}-ferry`]);

    const history = await third.audit.read({ guildId: G });
    expect(history.filter((e) => e.action === 'brief.digest').map((e) => e.articleIds)).toEqual([
      posts[0]!.answer.sources.map((s) => s.id),
      [`g${G}-ferry`],
    ]);
  });

  it('keeps the articles new for the next digest when posting fails, without retrying the slot', async () => {
    const dataDir = await tempDir();
    const clock = fakeClock('2026-03-01T08:00:00Z');
    const opened = await openModeration({ corpusDir: SAMPLE_CORPUS, dataDir, log: silentLogger, clock, post: () => Promise.reject(new Error('Missing Permissions')) });
    await opened.moderation.scheduler.schedule({ guildId: G, channelId: CHANNEL, time: '09:00', userId: null });
    clock.set('2026-03-01T09:00:00Z');
    expect((await opened.moderation.scheduler.tick()).map((o) => o.result)).toEqual(['failed']);
    expect(await opened.moderation.scheduler.tick()).toEqual([]);
    const posts: Array<{ channel: string; answer: BriefAnswer }> = [];
    opened.moderation.scheduler.setPost((channel, answer) => {
      posts.push({ channel, answer });
      return Promise.resolve();
    });
    clock.set('2026-03-02T09:00:00Z');
    expect((await opened.moderation.scheduler.tick()).map((o) => o.result)).toEqual(['posted']);
    expect(posts[0]?.answer.sources).toHaveLength(2);
  });

  it('unschedules, and reads weekly slots and bad times clearly', async () => {
    const dataDir = await tempDir();
    const clock = fakeClock('2026-03-04T10:00:00Z'); // a Wednesday
    const opened = await openAt(dataDir, clock, []);
    const weekly = await opened.moderation.scheduler.schedule({ guildId: G, channelId: CHANNEL, time: 'mon 07:30', every: 'week', userId: null });
    expect(weekly.schedules[0]).toMatchObject({ every: 'week', weekday: 1, time: '07:30', next: '2026-03-09T07:30:00.000Z' });
    expect(latestSlot({ time: '07:30', every: 'week', weekday: 1 }, new Date('2026-03-09T07:29:00Z')).toISOString()).toBe('2026-03-02T07:30:00.000Z');
    expect(() => parseSlot('25:00', 'day', new Date())).toThrow(UserError);
    expect(() => parseSlot('mon 09:00', 'day', new Date())).toThrow(/every:week/);
    await expect(opened.moderation.scheduler.schedule({ guildId: G, channelId: CHANNEL, time: '09:00', every: 'hourly', userId: null })).rejects.toThrow(/every must be day or week/);
    const removed = await opened.moderation.scheduler.unschedule(G, null);
    expect(removed.schedules).toHaveLength(1);
    expect(opened.moderation.scheduler.list(G)).toEqual([]);
    const reopened = await openAt(dataDir, clock, []);
    expect(reopened.moderation.scheduler.list(G)).toEqual([]);
  });

  it('posts, from the instance that posts digests, a schedule another instance on the data dir took, losing neither', async () => {
    const dataDir = await tempDir();
    const clock = fakeClock('2026-03-01T08:00:00Z');
    const posts: Array<{ channel: string; answer: BriefAnswer }> = [];
    const poster = await openAt(dataDir, clock, posts);
    const other = await openAt(dataDir, clock, []);
    const OTHER_CHANNEL = '400000000000000005';
    await other.moderation.scheduler.schedule({ guildId: G, channelId: OTHER_CHANNEL, time: '09:00', userId: 'mod' });
    await poster.moderation.scheduler.schedule({ guildId: G, channelId: CHANNEL, time: '09:00', userId: 'mod' });
    clock.set('2026-03-01T09:00:30Z');
    expect((await poster.moderation.scheduler.tick()).map((o) => o.result)).toEqual(['posted', 'posted']);
    expect(posts.map((p) => p.channel).sort()).toEqual([CHANNEL, OTHER_CHANNEL]);
    // The other instance unschedules its channel: the poster's next check no longer has it.
    await other.moderation.scheduler.unschedule(G, 'mod', OTHER_CHANNEL);
    await poster.moderation.scheduler.tick();
    expect(poster.moderation.scheduler.list(G).map((s) => s.channelId)).toEqual([CHANNEL]);
    const reopened = await openAt(dataDir, clock, []);
    expect(reopened.moderation.scheduler.list(G).map((s) => s.channelId)).toEqual([CHANNEL]);
  });
});
