/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-return -- interaction responses are read as plain JSON */
import { PermissionFlagsBits } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../commands/index.ts';
import { escapeMarkdown } from '../../src/render/discord/index.ts';
import { openModeration, type OpenedModeration } from '../../src/services/moderation.ts';
import { encodeBriefAction } from '../../src/transports/discord-brief.ts';
import { restChannels } from '../../src/transports/discord-channels.ts';
import { CORPUS_FORM_ID } from '../../src/transports/discord-corpus-form.ts';
import type { InteractionDeps } from '../../src/transports/discord-interactions.ts';
import { createRest, restFollowUp } from '../../src/transports/discord-rest.ts';
import { startGateway, type RunningGateway } from '../../src/transports/gateway.ts';
import { startHttpServer, type RunningHttpServer } from '../../src/transports/http.ts';
import { article, SAMPLE_CORPUS, tempDir } from '../support/corpus.ts';
import {
  APP_ID, attachmentOption, BOT_ID, CHANNEL_ID, chatInput, componentPress, DiscordStandIn, generateSigningKeys, GUILD_ID, modalSubmit,
  MODERATOR_PERMISSIONS, nextId, signatureHeaders, TOKEN, USER_ID, type InteractionPlace, type RecordedCall, type SigningKeys,
} from '../support/discord-stand-in.ts';
import { captureLog, type CapturedLog } from '../support/discord-stand-in-fixtures.ts';
import { specProblems } from '../support/discord-stand-in-spec.ts';

const OTHER = '555555555555555555';
const LOCKED = '666666666666666666';
const REFUSING = '777777777777777777';
const GUILD_B = '888888888888888888';
const BOT_ROLE = '999999999999999999';
const POSTING = PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages | PermissionFlagsBits.EmbedLinks;
const MOD: InteractionPlace = { permissions: MODERATOR_PERMISSIONS };

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const FERRY = article('Harbour authority opens ferry terminal',
  'Maria Vasquez, the harbour authority\'s chief executive, opened the ferry terminal on Tuesday, saying it would "double the island\'s capacity within a year".\n\n'
  + 'Officials said the terminal cost 40 million dollars and took three years to build.', 'publisher: Coastal Times\npublished: 2026-02-10\n');

let standIn: DiscordStandIn;
let gateway: RunningGateway;
let http: RunningHttpServer;
let keys: SigningKeys;
let captured: CapturedLog;
let opened: OpenedModeration;

beforeAll(async () => {
  standIn = await DiscordStandIn.start({ heartbeatMs: 1000 });
  captured = captureLog();
  opened = await openModeration({ corpusDir: SAMPLE_CORPUS, dataDir: await tempDir(), log: captured.log });
  standIn.roles.set(GUILD_ID, [
    { id: GUILD_ID, name: '@everyone', permissions: '68608', position: 0 },
    { id: BOT_ROLE, name: 'Dossier', permissions: String(POSTING), position: 1 },
  ]);
  standIn.memberRoles.set(`${GUILD_ID}:${BOT_ID}`, [BOT_ROLE]);
  standIn.channels.set(OTHER, { guild_id: GUILD_ID, name: 'briefings', permission_overwrites: [] });
  standIn.channels.set(LOCKED, { guild_id: GUILD_ID, name: 'announcements', permission_overwrites: [{ id: BOT_ROLE, type: 0, allow: '0', deny: String(PermissionFlagsBits.SendMessages) }] });
  standIn.channels.set(REFUSING, { guild_id: GUILD_ID, name: 'quiet', permission_overwrites: [] });
  standIn.forbidden.add(REFUSING);
  const deps: InteractionDeps = { context: { services: opened.services, commands: COMMANDS, moderation: opened.moderation }, log: captured.log, deferAfterMs: 50 };
  gateway = await startGateway({ token: TOKEN, deps, log: captured.log, apiBaseUrl: standIn.apiUrl });
  keys = generateSigningKeys();
  http = await startHttpServer({
    port: 0, host: '127.0.0.1', publicKey: keys.publicKeyHex, applicationId: APP_ID, log: captured.log,
    deps: { ...deps, channels: restChannels(createRest(standIn.apiUrl, TOKEN)) }, followUp: restFollowUp(createRest(standIn.apiUrl)),
  });
});

afterAll(async () => {
  await http?.close();
  await gateway?.close();
  await opened?.live.settled();
  await standIn?.close();
});

/** Dispatches over the gateway; returns the callback the bot posted, checked against the spec. */
async function interact(interaction: Record<string, unknown>): Promise<any> {
  standIn.dispatchInteraction(interaction);
  const call: RecordedCall = await standIn.callbackFor(String(interaction.id));
  expect(specProblems('callback', call.body)).toEqual([]);
  return call.body;
}

/** The PATCH @original that completes a deferred interaction, checked against the spec. */
async function edited(interaction: Record<string, unknown>): Promise<any> {
  const call = await standIn.waitForCall((c) => c.method === 'PATCH' && c.path === `/webhooks/${APP_ID}/${String(interaction.token)}/messages/@original`);
  expect(specProblems('edit', call.body)).toEqual([]);
  return call.body;
}

const briefNow = (place: InteractionPlace, options: unknown[] = []): Record<string, unknown> => chatInput('brief', [{ type: 1, name: 'now', options }], place);

/** A moderator's /brief now: the deferred preview's buttons. */
async function preview(place: InteractionPlace = MOD): Promise<{ body: any; buttons: any[] }> {
  const command = briefNow(place);
  expect(await interact(command)).toEqual({ type: 5, data: { flags: 64 } });
  const body = await edited(command);
  return { body, buttons: body.components.at(-1).components };
}

function postsTo(channelId: string): RecordedCall[] {
  return standIn.callsTo('POST', new RegExp(`^/channels/${channelId}/messages$`));
}

describe('/brief from Discord: preview, then post', () => {
  it('shows a moderator an ephemeral preview with Post here, Post to… and Cancel', async () => {
    const { body, buttons } = await preview();
    expect(body.embeds[0].title).toContain('Briefing');
    expect(buttons.map((b: any) => b.label)).toEqual(['Post here', 'Post to…', 'Cancel']);
    for (const b of buttons) expect(b.custom_id.length).toBeLessThanOrEqual(100);
  });

  it('posts to another channel picked from the channel select, pinging nobody, and audits the post', async () => {
    const { buttons } = await preview();
    const shown = await interact(componentPress(buttons[1].custom_id, MOD));
    expect(shown.type).toBe(7);
    const select = shown.data.components[0].components[0];
    expect(select).toMatchObject({ type: 8, channel_types: [0, 5] });
    const pick = componentPress(select.custom_id, { ...MOD, componentType: 8, values: [OTHER] });
    expect(await interact(pick)).toEqual({ type: 6 });
    const done = await edited(pick);
    expect(done.content).toContain(`Posted the briefing to <#${OTHER}>`);
    expect(done.components).toEqual([]);
    const posts = postsTo(OTHER);
    expect(posts.length).toBeGreaterThan(0);
    for (const p of posts) {
      expect(p.authorization).toBe(`Bot ${TOKEN}`);
      expect(specProblems('message', p.body)).toEqual([]);
      expect((p.body as any).allowed_mentions).toEqual({ parse: [] });
      expect((p.body as any).flags).toBeUndefined();
      expect((p.body as any).components ?? []).toEqual([]);
    }
    // The bot checked its permissions there from the channel's overwrites before posting.
    expect(standIn.callsTo('GET', new RegExp(`^/channels/${OTHER}$`)).length).toBeGreaterThan(0);
    const history = await opened.moderation.corpus.history(GUILD_ID);
    const entry = history.kind === 'corpus' && history.action === 'history' ? history.entries.find((e) => e.action === 'brief.post') : undefined;
    expect(entry).toMatchObject({ userId: USER_ID, detail: `channel ${OTHER}` });
    expect(entry?.articleIds.length).toBe(2);
  });

  it('posts a briefing that cites both sample articles, every point a verbatim excerpt of its cited passage', async () => {
    const before = postsTo(OTHER).length;
    const { buttons } = await preview();
    const select = (await interact(componentPress(buttons[1].custom_id, MOD))).data.components[0].components[0];
    const pick = componentPress(select.custom_id, { ...MOD, componentType: 8, values: [OTHER] });
    await interact(pick);
    await edited(pick);
    const posted = postsTo(OTHER).slice(before).map((c) => (c.body as any).embeds.map((e: any) => e.description).join('\n')).join('\n');
    const library = opened.services.library();
    const answer = opened.services.forGuild(GUILD_ID).brief({});
    expect(answer.points.length).toBeGreaterThanOrEqual(3);
    const sample = library.articles.filter((a) => a.origin.kind === 'corpus');
    expect(sample).toHaveLength(2);
    for (const a of sample) expect(posted).toContain(escapeMarkdown(a.title.slice(0, 40)));
    for (const point of answer.points) {
      expect(point.citations.length).toBeGreaterThan(0);
      // The point is its first citation's excerpt; every citation's excerpt is verbatim in its passage.
      expect(library.passageById.get(point.citations[0]!.passage)?.text).toContain(point.text);
      for (const c of point.citations) expect(library.passageById.get(c.passage)?.text).toContain(c.excerpt);
      // Shown as a block quote (with "…" where the sentence starts mid-passage).
      const shown = escapeMarkdown(point.text).slice(0, 60);
      expect(posted.split('\n').some((line) => line.startsWith('> ') && line.replace(/^> (… )?/, '').startsWith(shown))).toBe(true);
    }
    expect(new Set(answer.points.flatMap((p) => p.citations.map((c) => c.article)))).toEqual(new Set(sample.map((a) => a.id)));
  });

  it('says clearly when it may not post here (no Embed Links) and posts nothing', async () => {
    const { buttons } = await preview();
    const res = await interact(componentPress(buttons[0].custom_id, MOD));
    expect(res.type).toBe(7);
    expect(res.data.content).toContain(`I can't post in <#${CHANNEL_ID}>: I need Embed Links`);
    expect(res.data.components[0].components.map((b: any) => b.label)).toEqual(['Post here', 'Post to…', 'Cancel']);
    expect(postsTo(CHANNEL_ID)).toEqual([]);
  });

  it('says clearly when the channel’s overwrites deny Send Messages, or when Discord refuses with 403', async () => {
    const { buttons } = await preview();
    const select = (await interact(componentPress(buttons[1].custom_id, MOD))).data.components[0].components[0];
    const locked = componentPress(select.custom_id, { ...MOD, componentType: 8, values: [LOCKED] });
    await interact(locked);
    expect((await edited(locked)).content).toContain(`I can't post in <#${LOCKED}>: I need Send Messages`);
    expect(postsTo(LOCKED)).toEqual([]);
    const refusing = componentPress(select.custom_id, { ...MOD, componentType: 8, values: [REFUSING] });
    await interact(refusing);
    expect((await edited(refusing)).content).toContain(`I can't post in <#${REFUSING}>: I need Send Messages and Embed Links`);
  });

  it('cancels without posting', async () => {
    const { buttons } = await preview();
    const res = await interact(componentPress(buttons[2].custom_id, MOD));
    expect(res).toMatchObject({ type: 7, data: { content: expect.stringContaining('nothing was posted'), embeds: [], components: [] } });
  });

  it('posts from a preview button over HTTP after a restart: the custom_id is the whole state', async () => {
    const id = encodeBriefAction('h', { topic: null, since: null })!;
    const press = componentPress(id, { ...MOD, appPermissions: String(POSTING | 68608n) });
    const body = JSON.stringify(press);
    const res = await fetch(`${http.url}/interactions`, { method: 'POST', body, headers: signatureHeaders(keys, body) });
    expect(await res.json()).toEqual({ type: 6 });
    expect((await edited(press)).content).toContain(`Posted the briefing to <#${CHANNEL_ID}>`);
    const posts = postsTo(CHANNEL_ID);
    expect(posts.length).toBeGreaterThan(0);
    for (const p of posts) expect(specProblems('message', p.body)).toEqual([]);
  });
});

describe('moderator commands refuse members without Manage Server', () => {
  it('refuses /brief and a preview button to a plain member, ephemerally, and audits both attempts', async () => {
    const userId = nextId();
    const res = await interact(briefNow({ userId }));
    expect(res).toMatchObject({ type: 4, data: { flags: 64, content: expect.stringContaining('for moderators') } });
    const press = await interact(componentPress(encodeBriefAction('h', { topic: null, since: null })!, { userId }));
    expect(press).toMatchObject({ type: 4, data: { flags: 64 } });
    const history = await opened.moderation.corpus.history(GUILD_ID, 1000);
    const denied = history.kind === 'corpus' && history.action === 'history' ? history.entries.filter((e) => e.userId === userId) : [];
    expect(denied.map((e) => [e.action, e.detail])).toEqual([['permission.denied', '/brief'], ['permission.denied', '/brief']]);
  });
});

describe('/corpus add from Discord, guild by guild', () => {
  it('adds an attached article that answers a /who at once, and that another guild never sees', async () => {
    const fileId = nextId();
    const add = chatInput('corpus', [{ type: 1, name: 'add', options: [{ name: 'file', type: 11, value: fileId }] }], { ...MOD, resolved: attachmentOption(standIn, fileId, 'ferry.md', enc(FERRY)) });
    expect(await interact(add)).toEqual({ type: 5, data: { flags: 64 } });
    const added = await edited(add);
    expect(added.embeds[0].title).toBe('Article added');
    expect(added.embeds[0].description).toContain('Maria Vasquez');
    const who = await interact(chatInput('who', [{ name: 'name', type: 3, value: 'Vasquez' }]));
    expect(who.data.embeds[0].title).toBe('Who: Maria Vasquez');
    const elsewhere = await interact(chatInput('who', [{ name: 'name', type: 3, value: 'Vasquez' }], { guildId: GUILD_B }));
    expect(elsewhere.data.embeds[0].description).toContain('Nobody by that name');
    const search = await interact(chatInput('search', [{ name: 'query', type: 3, value: 'ferry terminal' }], { guildId: GUILD_B }));
    expect(JSON.stringify(search.data)).not.toContain('Harbour authority');
    const auto = await interact({ ...chatInput('who', [{ name: 'name', type: 3, value: 'Vas', focused: true }], { guildId: GUILD_B }), type: 4 });
    expect(auto.data.choices).toEqual([]);
  });

  it('refuses an attachment over 5 MB without downloading it', async () => {
    const fileId = nextId();
    const add = chatInput('corpus', [{ type: 1, name: 'add', options: [{ name: 'file', type: 11, value: fileId }] }], { ...MOD, resolved: attachmentOption(standIn, fileId, 'huge.md', enc(FERRY), 6 * 1024 * 1024) });
    await interact(add);
    expect((await edited(add)).content).toContain('over 5 MB');
    expect(standIn.calls.filter((c) => c.path === '/attachments/huge.md')).toEqual([]);
  });

  it('shows the article form without a file, and adds what is typed into it', async () => {
    const open = await interact(chatInput('corpus', [{ type: 1, name: 'add', options: [] }], MOD));
    expect(open.type).toBe(9);
    expect(open.data.custom_id).toBe(CORPUS_FORM_ID);
    expect(open.data.components.map((r: any) => r.components[0].custom_id)).toEqual(['title', 'publisher', 'date', 'url', 'text']);
    const submit = modalSubmit(CORPUS_FORM_ID, {
      title: 'Library reopens after flood', publisher: 'Valley Post', date: '2026-03-01', url: '',
      text: 'Tomas Lindqvist, the city librarian, reopened the central library on Monday.\n\nThe flood had closed it for six months.',
    }, MOD);
    expect(await interact(submit)).toEqual({ type: 5, data: { flags: 64 } });
    expect((await edited(submit)).embeds[0].title).toBe('Article added');
    const who = await interact(chatInput('who', [{ name: 'name', type: 3, value: 'Lindqvist' }]));
    expect(who.data.embeds[0].title).toBe('Who: Tomas Lindqvist');
    const bad = modalSubmit(CORPUS_FORM_ID, { title: 'Dated badly', date: 'March 1', text: 'Some text here.' }, MOD);
    await interact(bad);
    expect((await edited(bad)).content).toContain('date must be written YYYY-MM-DD');
  });
});
