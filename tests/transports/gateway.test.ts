/* eslint-disable @typescript-eslint/no-explicit-any -- interaction responses are read as plain JSON */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../commands/index.ts';
import { decodePageState } from '../../src/render/discord/index.ts';
import { startGateway, type RunningGateway } from '../../src/transports/gateway.ts';
import { autocomplete, buttonPress, chatInput, DiscordStandIn, APP_ID, TOKEN, BOT_ID, CHANNEL_ID, type RecordedCall } from '../support/discord-stand-in.ts';
import { channelPoster } from '../../src/transports/discord-rest.ts';
import { BOOLEAN, captureLog, hasCommand, HOSTILE_VALUES, optionsFor, SAMPLE_TEXT, STRING, testDeps, type CapturedLog } from '../support/discord-stand-in-fixtures.ts';
import { specProblems } from '../support/discord-stand-in-spec.ts';

let standIn: DiscordStandIn;
let gateway: RunningGateway;
let captured: CapturedLog;

beforeAll(async () => {
  standIn = await DiscordStandIn.start({ heartbeatMs: 250 });
  captured = captureLog();
  gateway = await startGateway({ token: TOKEN, deps: await testDeps(captured.log), log: captured.log, apiBaseUrl: standIn.apiUrl });
});

afterAll(async () => {
  await gateway?.close();
  await standIn?.close();
});

/** Dispatches an interaction over the gateway and returns the callback the bot posted, checked against the spec. */
async function interact(interaction: Record<string, unknown>): Promise<any> {
  standIn.dispatchInteraction(interaction);
  const call: RecordedCall = await standIn.callbackFor(String(interaction.id));
  expect(call.path).toBe(`/interactions/${String(interaction.id)}/${String(interaction.token)}/callback`);
  expect(specProblems('callback', call.body)).toEqual([]);
  return call.body;
}

describe('gateway bot against the Discord stand-in', () => {
  it('logs in with only the Guilds intent, gets READY and keeps its heartbeat acknowledged', async () => {
    const identify = standIn.received.find((f) => f.op === 2)?.d as { intents: number; token: string };
    expect(identify.intents).toBe(1);
    expect(identify.token).toBe(TOKEN);
    expect(gateway.client.user?.id).toBe(BOT_ID);
    expect(standIn.callsTo('GET', /^\/gateway\/bot$/)).toHaveLength(1);
    const before = standIn.heartbeatAcks;
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(standIn.heartbeatAcks).toBeGreaterThan(before);
    expect(gateway.client.options.allowedMentions).toEqual({ parse: [] });
  });

  for (const name of ['search', 'who', 'quote', 'timeline', 'sources', 'help']) {
    it.skipIf(!hasCommand(name))(`answers /${name} with a cited, ephemeral embed`, async () => {
      const command = COMMANDS.find((c) => c.definition.name === name)!;
      const res = await interact(chatInput(name, optionsFor(command, SAMPLE_TEXT[name] ?? 'talks')));
      expect(res.type).toBe(4);
      expect(res.data.flags).toBe(64);
      expect(res.data.allowed_mentions).toEqual({ parse: [] });
      expect(res.data.embeds[0].footer.text).toMatch(/2 articles · \d+ passages · corpus [0-9a-f]{8}/);
    });
  }

  it('cites excerpts in /search as block quotes with numbered citations, in the open with public:true', async () => {
    const res = await interact(chatInput('search', [{ name: 'query', type: STRING, value: 'enrichment' }, { name: 'limit', type: 4, value: 10 }, { name: 'public', type: BOOLEAN, value: true }]));
    expect(res.data.flags ?? 0).toBe(0);
    expect(res.data.embeds[0].description).toMatch(/^> .*\n\*\*\[1\]\*\* /m);
  });

  it('turns the page when the Next button of a /search answer is pressed', async () => {
    const first = await interact(chatInput('search', [{ name: 'query', type: STRING, value: 'Iran' }, { name: 'limit', type: 4, value: 10 }]));
    const next = first.data.components[0].components[1];
    expect(next.label).toBe('Next');
    expect(decodePageState(next.custom_id)).toMatchObject({ command: 'search', page: 1 });
    const turned = await interact(buttonPress(next.custom_id));
    expect(turned.type).toBe(7);
    expect(turned.data.embeds[0].footer.text).toContain('page 2 of');
  });

  it.skipIf(!hasCommand('who'))('autocompletes /who names directly', async () => {
    const res = await interact(autocomplete('who', [{ name: 'name', type: STRING, value: 'Ar', focused: true }]));
    expect(res.type).toBe(8);
    expect(res.data.choices.length).toBeGreaterThan(0);
    expect(res.data.choices.length).toBeLessThanOrEqual(25);
  });

  it.skipIf(!hasCommand('quote'))('autocompletes /quote speakers directly', async () => {
    const res = await interact(autocomplete('quote', [{ name: 'speaker', type: STRING, value: '', focused: true }]));
    expect(res.type).toBe(8);
    expect(Array.isArray(res.data.choices)).toBe(true);
  });

  it('clamps a flood of autocomplete suggestions to 25 of at most 100 characters', async () => {
    const res = await interact(autocomplete('suggest', [{ name: 'name', type: STRING, value: 'x'.repeat(90), focused: true }]));
    expect(res.data.choices).toHaveLength(25);
  });

  it('defers a slow answer and edits it in with a follow-up', async () => {
    const interaction = chatInput('slow');
    const res = await interact(interaction);
    expect(res).toEqual({ type: 5, data: { flags: 64 } });
    const edit = await standIn.waitForCall((c) => c.method === 'PATCH' && c.path === `/webhooks/${APP_ID}/${String(interaction.token)}/messages/@original`);
    expect(specProblems('edit', edit.body)).toEqual([]);
  });

  it('apologises for a bug with a logged id and keeps answering', async () => {
    const res = await interact(chatInput('broken'));
    const id = /error ([0-9a-f]{8})/.exec(res.data.content)?.[1];
    expect(captured.lines.some((l) => l.includes(`"errorId":"${id ?? 'none'}"`))).toBe(true);
    expect((await interact(chatInput('help'))).type).toBe(4);
  });

  for (const [label, value] of HOSTILE_VALUES) {
    it(`answers /search with ${label} safely, pinging nobody`, async () => {
      const res = await interact(chatInput('search', [{ name: 'query', type: STRING, value }]));
      expect(res.data.flags).toBe(64);
      expect(res.data.allowed_mentions).toEqual({ parse: [] });
      expect(JSON.stringify(res.data)).not.toMatch(/(^|[^\\])(@everyone|<@&123>)/);
    });
  }

  it('posts an answer to a channel as the bot, in the open and pinging nobody', async () => {
    const post = channelPoster(gateway.client.rest, () => ({ articles: 2, passages: 40, version: 'abcd1234' }));
    await post(CHANNEL_ID, { kind: 'help', commands: [{ name: 'search', description: 'Find @everyone', usage: '/search query:…' }] });
    const call = await standIn.waitForCall((c) => c.method === 'POST' && c.path === `/channels/${CHANNEL_ID}/messages`);
    expect(call.authorization).toBe(`Bot ${TOKEN}`);
    expect(specProblems('followup', call.body)).toEqual([]);
    expect((call.body as { flags?: number }).flags).toBeUndefined();
  });

  it('answers unknown commands and options safely', async () => {
    expect((await interact(chatInput('nonexistent'))).data.content).toContain('/help');
    expect((await interact(chatInput('help', [{ name: 'bogus', type: STRING, value: '<@&1>' }]))).type).toBe(4);
    expect((await interact(buttonPress('garbage'))).data.flags).toBe(64);
  });
});
