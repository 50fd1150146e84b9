/**
 * Scheduled digests: at each slot (a time of day, UTC, daily or on one weekday), a briefing of
 * what arrived since the last digest is posted to the channel, and nothing when nothing new
 * arrived. Slots missed while the bot was down collapse into one post on return. A slot is marked
 * handled on disk before the post is sent, so a restart never posts it twice.
 */
import { randomBytes } from 'node:crypto';
import type { BriefAnswer, ScheduleAnswer, ScheduleSummary } from '../domain/answer.ts';
import type { Logger } from '../log.ts';
import { textTerms } from '../search/terms.ts';
import type { AuditLog } from '../storage/audit.ts';
import type { ScheduleRecord, ScheduleStore } from '../storage/schedules.ts';
import { UserError } from './errors.ts';
import type { Services } from './index.ts';

/** Time and timers, injectable so tests run a fake clock. */
export interface Clock {
  now(): Date;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => new Date(),
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    t.unref?.();
    return t;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** Sends a digest to a channel (the Discord transport renders and posts it, with no pings). */
export type PostDigest = (channelId: string, answer: BriefAnswer, schedule: ScheduleRecord) => Promise<void>;

export interface SchedulerOptions {
  store: ScheduleStore;
  /** Services over the live library (unscoped: each digest is scoped to its guild). */
  services: Services;
  post: PostDigest;
  audit: AuditLog | null;
  log: Logger;
  /** Default: the system clock. */
  clock?: Clock;
  /** How often due schedules are checked, in ms. Default 30 000. */
  tickMs?: number;
}

export interface ScheduleRequest {
  guildId: string;
  channelId: string;
  /** `HH:MM` (UTC), or `mon 09:00` for a weekly digest on that day. */
  time: string;
  /** `day` (default) or `week`. */
  every?: string;
  topic?: string;
  userId: string | null;
}

export type DigestOutcome =
  | { schedule: string; result: 'posted'; articles: string[] }
  | { schedule: string; result: 'nothing-new' }
  | { schedule: string; result: 'failed'; reason: string };

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const DAY_MS = 24 * 60 * 60 * 1000;

/** Reads `09:00`, `9:00` or `mon 09:00` (any weekday name or its first three letters). */
export function parseSlot(raw: string, every: 'day' | 'week', now: Date): { time: string; weekday: number | null } {
  const m = /^\s*(?:([a-z]+)\s+)?(\d{1,2}):(\d{2})\s*(?:utc)?\s*$/i.exec(raw);
  const hours = Number(m?.[2]);
  const minutes = Number(m?.[3]);
  if (!m || hours > 23 || minutes > 59) {
    throw new UserError(`time must be a time of day, UTC, written HH:MM (e.g. 09:00), or a weekday and a time for weekly digests (mon 09:00); got "${raw}".`, 'time');
  }
  let weekday: number | null = null;
  if (m[1] !== undefined) {
    weekday = DAYS.indexOf(m[1].slice(0, 3).toLowerCase());
    if (weekday < 0 || !/^[a-z]+$/i.test(m[1])) throw new UserError(`"${m[1]}" is not a weekday: use mon, tue, wed, thu, fri, sat or sun.`, 'time');
    if (every === 'day') throw new UserError('A weekday only makes sense with every:week.', 'time');
  } else if (every === 'week') {
    weekday = now.getUTCDay();
  }
  return { time: `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`, weekday };
}

/** The latest slot of a schedule at or before `now`. */
export function latestSlot(s: Pick<ScheduleRecord, 'time' | 'every' | 'weekday'>, now: Date): Date {
  const [h, m] = s.time.split(':').map(Number);
  const slot = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), h ?? 0, m ?? 0));
  if (slot > now) slot.setTime(slot.getTime() - DAY_MS);
  if (s.every === 'week' && s.weekday !== null) {
    const back = (slot.getUTCDay() - s.weekday + 7) % 7;
    slot.setTime(slot.getTime() - back * DAY_MS);
  }
  return slot;
}

/** The first slot after `now`. */
export function nextSlot(s: Pick<ScheduleRecord, 'time' | 'every' | 'weekday'>, now: Date): Date {
  const latest = latestSlot(s, now);
  return new Date(latest.getTime() + (s.every === 'week' ? 7 : 1) * DAY_MS);
}

export function summaryOf(s: ScheduleRecord, now: Date): ScheduleSummary {
  return { id: s.id, guildId: s.guildId, channelId: s.channelId, time: s.time, every: s.every, weekday: s.weekday, topic: s.topic, next: nextSlot(s, now).toISOString() };
}

export class Scheduler {
  private readonly clock: Clock;
  private timer: unknown = null;
  private ticking: Promise<DigestOutcome[]> | null = null;
  private stopped = true;
  private post: PostDigest;

  constructor(private readonly options: SchedulerOptions) {
    this.clock = options.clock ?? systemClock;
    this.post = options.post;
  }

  /** Sets how digests are posted (the Discord transport, once connected). */
  setPost(post: PostDigest): void {
    this.post = post;
  }

  /** Adds (or, for a channel that has one, replaces) a guild's digest schedule. */
  async schedule(request: ScheduleRequest): Promise<ScheduleAnswer> {
    const now = this.clock.now();
    const everyRaw = (request.every ?? 'day').trim().toLowerCase();
    if (everyRaw !== 'day' && everyRaw !== 'week') throw new UserError(`every must be day or week, got "${request.every ?? ''}".`, 'every');
    const every: 'day' | 'week' = everyRaw;
    if (!/^\d{1,20}$/.test(request.channelId)) throw new UserError(`channel must be a channel id, got "${request.channelId}".`, 'channel');
    const { time, weekday } = parseSlot(request.time, every, now);
    const topic = request.topic?.replace(/\s+/g, ' ').trim() || null;
    if (topic && topic.length > 200) throw new UserError('topic is too long: keep it under 200 characters.', 'topic');
    if (topic && textTerms(topic, 'query').length === 0) throw new UserError('That topic has only common words: try a more specific one.', 'topic');
    const record: ScheduleRecord = {
      id: `s${randomBytes(4).toString('hex')}`, guildId: request.guildId, channelId: request.channelId, time, every, weekday, topic,
      createdBy: request.userId, createdAt: now.toISOString(), lastSlot: null, lastPostedAt: null, seen: [],
    };
    await this.options.store.update((records) => ({
      records: [...records.filter((r) => !(r.guildId === record.guildId && r.channelId === record.channelId)), record],
      result: undefined,
    }));
    await this.options.audit?.append({ action: 'schedule.add', guildId: request.guildId, userId: request.userId, articleIds: [], detail: `channel ${record.channelId}, ${every} at ${time} UTC${topic ? `, topic "${topic}"` : ''}` });
    return { kind: 'schedule', action: 'scheduled', guildId: request.guildId, schedules: [summaryOf(record, now)] };
  }

  /** Removes a guild's schedules (only the one of `channelId` when given). */
  async unschedule(guildId: string, userId: string | null, channelId?: string): Promise<ScheduleAnswer> {
    const now = this.clock.now();
    const removed = await this.options.store.update((records) => {
      const gone = records.filter((r) => r.guildId === guildId && (channelId === undefined || r.channelId === channelId));
      return { records: records.filter((r) => !gone.includes(r)), result: gone };
    });
    if (removed.length > 0) {
      await this.options.audit?.append({ action: 'schedule.remove', guildId, userId, articleIds: [], detail: removed.map((r) => `channel ${r.channelId}`).join(', ') });
    }
    return { kind: 'schedule', action: 'unscheduled', guildId, schedules: removed.map((r) => summaryOf(r, now)) };
  }

  /** The guild's schedules. */
  list(guildId: string): ScheduleSummary[] {
    const now = this.clock.now();
    return this.options.store.list(guildId).map((r) => summaryOf(r, now));
  }

  /** Checks now, then every `tickMs`: a slot missed while stopped is handled (once) at start. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    const loop = (): void => {
      void this.tick().finally(() => {
        if (!this.stopped) this.timer = this.clock.setTimeout(loop, this.options.tickMs ?? 30_000);
      });
    };
    loop();
  }

  /** Stops checking and waits for a check in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
    await this.ticking?.catch(() => undefined);
  }

  /** Handles every schedule whose latest slot has not been handled yet; one check at a time. */
  tick(): Promise<DigestOutcome[]> {
    this.ticking ??= this.runDue().finally(() => {
      this.ticking = null;
    });
    return this.ticking;
  }

  private async runDue(): Promise<DigestOutcome[]> {
    // Schedules set or removed through another instance on this data dir.
    await this.options.store.refresh().catch((error: unknown) => this.options.log.error('could not read the schedules file', { error }));
    const now = this.clock.now();
    const out: DigestOutcome[] = [];
    for (const s of this.options.store.list()) {
      const slot = latestSlot(s, now);
      const since = s.lastSlot ?? s.createdAt;
      if (slot.getTime() <= Date.parse(since)) continue;
      try {
        out.push(await this.runOne(s, slot, now));
      } catch (error) {
        this.options.log.error('digest failed', { schedule: s.id, guild: s.guildId, error });
        out.push({ schedule: s.id, result: 'failed', reason: (error as Error).message });
      }
    }
    return out;
  }

  private async runOne(s: ScheduleRecord, slot: Date, now: Date): Promise<DigestOutcome> {
    const services = this.options.services.forGuild(s.guildId);
    const visible = new Set(services.sources().articles.map((a) => a.id));
    const seen = new Set(s.seen.filter((id) => visible.has(id)));
    const fresh = new Set([...visible].filter((id) => !seen.has(id)));
    const answer = fresh.size > 0 ? services.brief({ topic: s.topic ?? undefined, articles: (id) => fresh.has(id) }) : null;
    const mark = (posted: boolean, nextSeen: ReadonlySet<string>): Promise<void> => this.options.store.update((records) => ({
      records: records.map((r) => (r.id === s.id ? { ...r, lastSlot: slot.toISOString(), seen: [...nextSeen], lastPostedAt: posted ? now.toISOString() : r.lastPostedAt } : r)),
      result: undefined,
    }));
    const everything = new Set([...seen, ...fresh]);
    if (!answer || answer.points.length === 0) {
      // New articles off the topic count as seen: they will not make a later digest either.
      await mark(false, everything);
      return { schedule: s.id, result: 'nothing-new' };
    }
    // Marked on disk before posting: a crash now loses at most this digest, never posts it twice.
    await mark(true, everything);
    const articles = answer.sources.map((a) => a.id);
    try {
      await this.post(s.channelId, answer, s);
    } catch (error) {
      // The slot stays handled (no retry storm); its articles stay new for the next digest.
      await mark(false, seen);
      await this.options.audit?.append({ action: 'brief.digest', guildId: s.guildId, userId: null, articleIds: articles, detail: `channel ${s.channelId}: not posted (${(error as Error).message})` });
      throw error;
    }
    await this.options.audit?.append({ action: 'brief.digest', guildId: s.guildId, userId: null, articleIds: articles, detail: `channel ${s.channelId}` });
    return { schedule: s.id, result: 'posted', articles };
  }
}
