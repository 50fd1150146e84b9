/**
 * The moderator side, composed: the live library over the bundled corpus and every guild's
 * articles, the corpus service, the audit log and the digest scheduler. The Discord transport
 * gets `services` (query answers, scoped per guild with `forGuild`) and `moderation`.
 */
import { AuditLog } from '../storage/audit.ts';
import { ScheduleStore } from '../storage/schedules.ts';
import { CorpusService } from './corpus.ts';
import { createServices, type Services } from './index.ts';
import { openLive, type LiveLibrary, type OpenLiveOptions } from './live-library.ts';
import type { GuildCorpusStore } from '../storage/guild-corpus.ts';
import { Scheduler, type Clock, type PostDigest } from './scheduler.ts';
import type { CorpusProblem } from '../domain/types.ts';

/** What moderator commands call (passed to commands as `context.moderation`). */
export interface Moderation {
  corpus: CorpusService;
  scheduler: Scheduler;
  /** Role ids that count as moderators besides Manage Guild (config MODERATOR_ROLE_IDS). */
  moderatorRoleIds: readonly string[];
}

export interface OpenModerationOptions extends OpenLiveOptions {
  /** Posts a digest to a channel; until the transport sets one, digests are logged and not posted. */
  post?: PostDigest;
  clock?: Clock;
  moderatorRoleIds?: readonly string[];
  /** How often the scheduler checks, in ms. Default 30 000. */
  tickMs?: number;
}

export interface OpenedModeration {
  services: Services;
  moderation: Moderation;
  live: LiveLibrary;
  /** The guild store the live library is built over (followGuildStore watches it for other processes' changes). */
  store: GuildCorpusStore;
  audit: AuditLog;
  problems: CorpusProblem[];
  origin: 'snapshot' | 'built';
}

/** Opens everything over `dataDir`; then `moderation.scheduler.setPost(…)` and `.start()` once the bot can post. */
export async function openModeration(options: OpenModerationOptions): Promise<OpenedModeration> {
  const { log } = options;
  const { live, store, problems, origin } = await openLive(options);
  const services = createServices(live);
  const audit = new AuditLog({ dataDir: options.dataDir, now: options.clock ? () => options.clock?.now() ?? new Date() : undefined });
  const corpus = new CorpusService({ store, live, audit });
  const schedules = await ScheduleStore.open(options.dataDir, log);
  const post: PostDigest = options.post ?? ((channelId, answer) => {
    log.warn('a digest is due but nothing can post it (scheduler.setPost not called)', { channelId, points: answer.points.length });
    return Promise.reject(new Error('no transport to post digests'));
  });
  const scheduler = new Scheduler({ store: schedules, services, post, audit, log, clock: options.clock, tickMs: options.tickMs });
  return { services, moderation: { corpus, scheduler, moderatorRoleIds: options.moderatorRoleIds ?? [] }, live, store, audit, problems, origin };
}
