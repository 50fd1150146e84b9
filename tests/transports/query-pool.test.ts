import { afterEach, describe, expect, it } from 'vitest';
import type { APIInteraction } from 'discord.js';
import { COMMANDS } from '../../commands/index.ts';
import { silentLogger } from '../../src/log.ts';
import { openModeration } from '../../src/services/moderation.ts';
import { decodePageState, encodePageState } from '../../src/render/discord/index.ts';
import { BUSY, clampResponse, handleInteraction, readsOnly, type InteractionDeps } from '../../src/transports/discord-interactions.ts';
import { MAX_WAIT_MS, QueryPool, type QueryPoolOptions } from '../../src/transports/query-pool.ts';
import { article, SAMPLE_CORPUS, tempDir } from '../support/corpus.ts';
import { specProblems } from '../support/discord-stand-in-spec.ts';
import { captureLog } from '../support/discord-stand-in-fixtures.ts';
import { autocomplete, buttonPress, chatInput, GUILD_ID, MODERATOR_PERMISSIONS, ping } from '../support/discord-stand-in.ts';

/** Query workers: real worker threads loading the snapshot the main thread saved. */

const pools: QueryPool[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

async function until(check: () => boolean, what: string, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function setUp(size = 1, extra: Partial<QueryPoolOptions> = {}) {
  const dataDir = await tempDir('dossier-pool-');
  const opened = await openModeration({ corpusDir: SAMPLE_CORPUS, dataDir, log: silentLogger });
  const pool = new QueryPool({ size, corpusDir: SAMPLE_CORPUS, dataDir, log: silentLogger, currentVersion: () => opened.live.current().version, ...extra });
  pools.push(pool);
  opened.live.onSaved((library) => pool.reload(library));
  const here: InteractionDeps = { context: { services: opened.services, commands: COMMANDS, moderation: opened.moderation }, log: silentLogger };
  const pooled: InteractionDeps = { ...here, pool };
  await until(() => pool.ready() === size, 'the workers to load the library');
  return { ...opened, pool, here, pooled };
}

const asInteraction = (raw: Record<string, unknown>): APIInteraction => raw as unknown as APIInteraction;

/** A worker's answer (UTF-8 JSON bytes) as text; null when no worker could take the question. */
async function askText(pool: QueryPool, raw: string, followUp = false): Promise<string | null> {
  const asked = pool.ask(raw, followUp);
  return asked === null ? null : new TextDecoder().decode(await asked);
}

describe('query workers', () => {
  it('answer /search, /who, /quote, /timeline, /sources, autocomplete and page buttons exactly as the main thread does', async () => {
    const { pool, here } = await setUp();
    const asks = [
      chatInput('search', [{ name: 'query', type: 3, value: 'enrichment' }]),
      chatInput('who', [{ name: 'name', type: 3, value: 'Araqchi' }]),
      chatInput('quote', [{ name: 'speaker', type: 3, value: 'Araghchi' }]),
      chatInput('timeline', [{ name: 'topic', type: 3, value: 'sanctions' }]),
      chatInput('sources'),
      autocomplete('who', [{ name: 'name', type: 3, value: 'ara', focused: true }]),
      buttonPress(encodePageState({ command: 'timeline', page: 1, options: {} }) ?? ''),
    ];
    for (const raw of asks) {
      const interaction = asInteraction(raw);
      expect(readsOnly(interaction, COMMANDS)).toBe(true);
      const fromWorker = JSON.parse(await askText(pool, JSON.stringify(interaction)) ?? 'null') as unknown;
      const fromMain = clampResponse((await handleInteraction(interaction, here)).response);
      expect(fromWorker).toEqual(fromMain);
    }
    const who = await askText(pool, JSON.stringify(asks[1]));
    expect(who).toContain('Araghchi');
  }, 120_000);

  it('give a repeated question the same answer, and different ones to different guilds’ views and pages', async () => {
    const { pool } = await setUp();
    const search = (extra: Record<string, unknown> = {}): string => JSON.stringify({ ...chatInput('search', [{ name: 'query', type: 3, value: 'Muscat' }]), ...extra });
    const first = await askText(pool, search());
    expect(await askText(pool, search({ id: '999', token: 'other' }))).toBe(first);
    const publicOne = await askText(pool, JSON.stringify(chatInput('search', [{ name: 'query', type: 3, value: 'Muscat' }, { name: 'public', type: 5, value: true }])));
    expect(publicOne).not.toBe(first);
    const page = (n: number): string => JSON.stringify(buttonPress(encodePageState({ command: 'search', page: n, options: { query: 'Iran', limit: 10 } }) ?? ''));
    expect(await askText(pool, page(1))).not.toBe(await askText(pool, page(0)));
  }, 120_000);

  it('compose a /brief preview (and its pages) after the main thread has checked the moderator and deferred', async () => {
    const { here, pooled, pool } = await setUp();
    const asked = asInteraction(chatInput('brief', [{ name: 'now', type: 1, options: [{ name: 'topic', type: 3, value: 'sanctions' }] }], { permissions: MODERATOR_PERMISSIONS }));
    const viaWorker = await handleInteraction(asked, pooled);
    expect(viaWorker.response).toEqual({ type: 5, data: { flags: 64 } });
    const composed = await viaWorker.followUp!();
    const onMain = await (await handleInteraction(asked, here)).followUp!();
    expect(composed).toEqual(onMain);
    expect(JSON.stringify(composed)).toContain('sanctions');
    // The worker did compose it: asked directly, it gives the same message.
    expect(JSON.parse(await askText(pool, JSON.stringify(asked), true) ?? 'null')).toEqual(onMain);
    // Its Next button recomputes it: composed in the worker too.
    const ids = (composed.components ?? []).flatMap((row) => (row as { components: Array<{ custom_id?: string }> }).components.map((c) => c.custom_id ?? ''));
    const next = ids.find((id) => decodePageState(id)?.command === 'brief' && decodePageState(id)?.page === 1);
    expect(next).toBeDefined();
    const press = asInteraction(buttonPress(next ?? '', 64));
    (press as unknown as { member: { permissions: string } }).member.permissions = MODERATOR_PERMISSIONS;
    const paged = await handleInteraction(press, pooled);
    expect(paged.response).toEqual({ type: 6 });
    expect(await paged.followUp!()).toEqual(await (await handleInteraction(press, here)).followUp!());
    // A member who is not a moderator is refused on the main thread, with nothing deferred.
    const refused = await handleInteraction(asInteraction(chatInput('brief', [{ name: 'now', type: 1, options: [] }], { permissions: '0' })), pooled);
    expect(refused.followUp).toBeUndefined();
    expect(JSON.stringify(refused.response)).toContain('for moderators');
  }, 120_000);

  it('leave moderator commands, briefings, /help, unknown commands and pings to the main thread', () => {
    for (const raw of [
      chatInput('brief', [], { permissions: MODERATOR_PERMISSIONS }),
      chatInput('corpus', [{ name: 'list', type: 1, options: [] }], { permissions: MODERATOR_PERMISSIONS }),
      chatInput('nonexistent'),
      chatInput('help'),
      ping(),
    ]) {
      expect(readsOnly(asInteraction(raw), COMMANDS)).toBe(false);
    }
  });

  it('load a guild’s new article before they answer again; the main thread answers meanwhile', async () => {
    const { pool, pooled, moderation, live } = await setUp();
    const before = live.current().version;
    // Asked before the article exists (and kept for reuse by the worker): nothing about a ferry.
    const asked = JSON.stringify(chatInput('search', [{ name: 'query', type: 3, value: 'ferry terminal' }]));
    expect(await askText(pool, asked)).not.toContain('Maria Vasquez');
    expect(await askText(pool, asked)).not.toContain('Maria Vasquez');
    const added = moderation.corpus.add({
      guildId: GUILD_ID, userId: 'mod', name: 'ferry.md',
      bytes: new TextEncoder().encode(article('Harbour authority opens ferry terminal', 'Maria Vasquez opened the ferry terminal on Tuesday.')),
    });
    await added;
    expect(live.current().version).not.toBe(before);
    // Until a worker holds the new library, nothing is sent to one: the answer comes from the main thread.
    const search = asInteraction(chatInput('search', [{ name: 'query', type: 3, value: 'ferry terminal' }]));
    expect(pool.ready()).toBe(0);
    expect(pool.ask(JSON.stringify(search))).toBeNull();
    const reply = await handleInteraction(search, pooled);
    expect(JSON.stringify(reply.response)).toContain('Maria Vasquez opened the');
    await live.settled();
    await until(() => pool.ready() === 1, 'the worker to load the re-indexed library');
    const fromWorker = await askText(pool, JSON.stringify(search));
    expect(fromWorker).toContain('Maria Vasquez opened the');
    // The same question as before the re-index gets the new answer, not the one kept.
    expect(await askText(pool, asked)).toContain('Maria Vasquez opened the');
  }, 120_000);

  it('defer an answer that is late and send it as the follow-up', async () => {
    const { here } = await setUp(1);
    let release: (() => void) | undefined;
    const slow = {
      ask: (raw: string) => new Promise<Uint8Array>((resolve) => {
        release = () => void handleInteraction(JSON.parse(raw) as APIInteraction, here).then((r) => resolve(new TextEncoder().encode(JSON.stringify(r.response))));
      }),
      ready: () => 1,
      size: 1,
    };
    const interaction = asInteraction(chatInput('search', [{ name: 'query', type: 3, value: 'Muscat' }, { name: 'public', type: 5, value: true }]));
    const reply = await handleInteraction(interaction, { ...here, pool: slow, deferAfterMs: 20 });
    expect(reply.response).toEqual({ type: 5, data: {} });
    expect(reply.followUp).toBeDefined();
    release?.();
    const body = await reply.followUp!();
    expect(JSON.stringify(body.embeds)).toContain('Muscat');
  }, 120_000);

  it('answer on the main thread when the worker fails', async () => {
    const { here } = await setUp(1);
    const broken = { ask: () => Promise.reject(new Error('worker gone')), ready: () => 1, size: 1 };
    const interaction = asInteraction(chatInput('search', [{ name: 'query', type: 3, value: 'Muscat' }]));
    const reply = await handleInteraction(interaction, { ...here, pool: broken });
    expect(reply.response.type).toBe(4);
    expect(JSON.stringify(reply.response)).toContain('Muscat');
  }, 120_000);

  it('turn new questions away at once while the oldest one has waited MAX_WAIT_MS, and take them again once it is answered', async () => {
    let clock = 0;
    const captured = captureLog();
    const { pool, pooled } = await setUp(1, { now: () => clock, log: captured.log });
    const warnings = () => captured.lines.filter((l) => l.includes('turning questions away')).map((l) => JSON.parse(l) as { level: string; turnedAway: number });
    const search = asInteraction(chatInput('search', [{ name: 'query', type: 3, value: 'Muscat' }]));
    // Nothing in flight: not backlogged, whatever the clock says.
    clock = 10 * MAX_WAIT_MS;
    expect(pool.shed()).toBe(false);
    const first = handleInteraction(search, pooled);
    clock += MAX_WAIT_MS - 1;
    expect(pool.shed()).toBe(false);
    clock += 1;
    const turnedAway = [
      chatInput('who', [{ name: 'name', type: 3, value: 'Araghchi' }, { name: 'public', type: 5, value: true }]),
      autocomplete('who', [{ name: 'name', type: 3, value: 'ara', focused: true }]),
      buttonPress(encodePageState({ command: 'search', page: 1, options: { query: 'Iran', limit: 10 } }) ?? ''),
    ];
    const replies = await Promise.all(turnedAway.map((raw) => handleInteraction(asInteraction(raw), pooled)));
    // A command (even one asked in public) and a page button get an ephemeral notice as a new
    // message, so the page stays as it was; autocomplete gets no choices. None is deferred.
    expect(replies.map((r) => r.response)).toEqual([
      { type: 4, data: { content: BUSY, embeds: [], components: [], flags: 64, allowed_mentions: { parse: [] } } },
      { type: 8, data: { choices: [] } },
      { type: 4, data: { content: BUSY, embeds: [], components: [], flags: 64, allowed_mentions: { parse: [] } } },
    ]);
    for (const r of replies) {
      expect(r.shed).toBe(true);
      expect(r.followUp).toBeUndefined();
      expect(specProblems('callback', r.response)).toEqual([]);
    }
    expect(pool.turnedAway()).toBe(3);
    // One warning for the first, then at most one every 10 s, with the count since the last.
    expect(warnings()).toMatchObject([{ level: 'warn', turnedAway: 1 }]);
    clock += 10_000;
    expect(pool.shed()).toBe(true);
    expect(warnings()).toMatchObject([{ turnedAway: 1 }, { turnedAway: 3 }]);
    // The question admitted before the backlog is answered in full, and then questions are taken again.
    expect(JSON.stringify((await first).response)).toContain('Muscat');
    expect(pool.shed()).toBe(false);
    const again = await handleInteraction(search, pooled);
    expect(again.shed).toBeUndefined();
    expect(JSON.stringify(again.response)).toContain('Muscat');
    expect(pool.turnedAway()).toBe(4);
  }, 120_000);

  it('never turn away a /brief preview that a moderator asked for', async () => {
    let clock = 0;
    const { pool, pooled } = await setUp(1, { now: () => clock });
    const pending = handleInteraction(asInteraction(chatInput('search', [{ name: 'query', type: 3, value: 'Muscat' }])), pooled);
    clock += 2 * MAX_WAIT_MS;
    expect(pool.shed()).toBe(true);
    const brief = await handleInteraction(asInteraction(chatInput('brief', [{ name: 'now', type: 1, options: [{ name: 'topic', type: 3, value: 'sanctions' }] }], { permissions: MODERATOR_PERMISSIONS })), pooled);
    expect(brief.shed).toBeUndefined();
    expect(JSON.stringify(await brief.followUp!())).toContain('sanctions');
    await pending;
  }, 120_000);
});
