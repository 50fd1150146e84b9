/* eslint-disable @typescript-eslint/no-explicit-any -- interaction responses are read as plain JSON */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../commands/index.ts';
import { encodePageState } from '../../src/render/discord/index.ts';
import { createRest, restFollowUp } from '../../src/transports/discord-rest.ts';
import { checkSignature, ed25519PublicKey, SHED_HEADER, startHttpServer, type RunningHttpServer } from '../../src/transports/http.ts';
import { BUSY, optionValues } from '../../src/transports/discord-interactions.ts';
import {
  autocomplete, buttonPress, chatInput, DiscordStandIn, generateSigningKeys, ping, signatureHeaders, APP_ID, MODERATOR_PERMISSIONS, type SigningKeys,
} from '../support/discord-stand-in.ts';
import { captureLog, HOSTILE_VALUES, optionsFor, SAMPLE_TEXT, STRING, BOOLEAN, testDeps, type CapturedLog } from '../support/discord-stand-in-fixtures.ts';
import { specProblems } from '../support/discord-stand-in-spec.ts';

const CORE = new Set(['search', 'who', 'quote', 'timeline', 'sources', 'help']);
let standIn: DiscordStandIn;
let server: RunningHttpServer;
let keys: SigningKeys;
let captured: CapturedLog;

beforeAll(async () => {
  standIn = await DiscordStandIn.start();
  keys = generateSigningKeys();
  captured = captureLog();
  server = await startHttpServer({
    port: 0, host: '127.0.0.1', publicKey: keys.publicKeyHex, applicationId: APP_ID,
    deps: await testDeps(captured.log), log: captured.log, followUp: restFollowUp(createRest(standIn.apiUrl)),
  });
});

afterAll(async () => {
  await server.close();
  await standIn.close();
});

async function post(body: string, headers: Record<string, string>): Promise<{ status: number; json: any }> {
  const res = await fetch(`${server.url}/interactions`, { method: 'POST', body, headers });
  const text = await res.text();
  let json: unknown = text;
  try {
    json = JSON.parse(text);
  } catch { /* plain text */ }
  return { status: res.status, json };
}

/** Sends an interaction, correctly signed, and checks the response against Discord's spec. */
async function interact(interaction: Record<string, unknown>): Promise<any> {
  const body = JSON.stringify(interaction);
  const { status, json } = await post(body, signatureHeaders(keys, body));
  expect(status).toBe(200);
  expect(specProblems('callback', json)).toEqual([]);
  return json;
}

describe('dossier serve: signatures', () => {
  it('answers PING with PONG when the signature is valid', async () => {
    expect(await interact(ping())).toEqual({ type: 1 });
  });

  it('refuses missing, malformed, bad, tampered and stale signatures with 401', async () => {
    const body = JSON.stringify(ping());
    const good = signatureHeaders(keys, body);
    const other = signatureHeaders(generateSigningKeys(), body);
    const cases: Array<[string, string, Record<string, string>]> = [
      ['missing', body, { 'content-type': 'application/json' }],
      ['no timestamp', body, { 'x-signature-ed25519': good['x-signature-ed25519']! }],
      ['malformed', body, { ...good, 'x-signature-ed25519': 'zz' }],
      ['signed by another key', body, other],
      ['tampered body', body.replace('"type":1', '"type":2'), good],
      ['stale', body, signatureHeaders(keys, body, Math.floor(Date.now() / 1000) - 360)],
      ['from the future', body, signatureHeaders(keys, body, Math.floor(Date.now() / 1000) + 360)],
    ];
    for (const [label, sent, headers] of cases) {
      const { status } = await post(sent, headers);
      expect(status, label).toBe(401);
    }
  });

  it('accepts a timestamp up to 5 minutes off and refuses one beyond', async () => {
    const key = ed25519PublicKey(keys.publicKeyHex);
    const body = Buffer.from('{"type":1}');
    const at = 1_800_000_000;
    for (const [skew, ok] of [[-300, true], [300, true], [-301, false], [301, false]] as const) {
      const h = signatureHeaders(keys, body.toString(), at + skew);
      expect((await checkSignature(key, h['x-signature-ed25519'], h['x-signature-timestamp'], body, at * 1000)).ok, String(skew)).toBe(ok);
    }
  });

  it('reports health on GET /healthz and nothing elsewhere', async () => {
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ ok: true, articles: 2 });
    expect((await fetch(`${server.url}/nope`)).status).toBe(404);
    expect((await fetch(`${server.url}/interactions`)).status).toBe(405);
  });
});

describe('dossier serve: commands', () => {
  for (const command of COMMANDS) {
    const name = command.definition.name;
    it(`answers /${name} ephemerally, within the spec`, async () => {
      const res = await interact(chatInput(name, optionsFor(command, SAMPLE_TEXT[name] ?? 'talks')));
      expect(res.type).toBe(4);
      expect(res.data.flags).toBe(64);
      expect(res.data.allowed_mentions).toEqual({ parse: [] });
      // The core commands answer with a cited embed; moderator commands without moderation set up explain why not.
      if (CORE.has(name)) expect(res.data.embeds?.length ?? 0).toBeGreaterThan(0);
      else expect((res.data.embeds?.length ?? 0) > 0 || typeof res.data.content === 'string').toBe(true);
    });
  }

  it('answers /search in the open with public:true, with cited excerpts', async () => {
    const res = await interact(chatInput('search', [{ name: 'query', type: STRING, value: 'enrichment' }, { name: 'public', type: BOOLEAN, value: true }]));
    expect(res.type).toBe(4);
    expect(res.data.flags ?? 0).toBe(0);
    expect(res.data.embeds[0].description).toMatch(/^> .*\n\*\*\[1\]\*\* /m);
  });

  it('turns a page with a button: the state in the custom_id is enough', async () => {
    const id = encodePageState({ command: 'search', page: 1, options: { query: 'Iran', limit: 10 } })!;
    const res = await interact(buttonPress(id));
    expect(res.type).toBe(7);
    expect(res.data.flags).toBeUndefined();
    expect(res.data.embeds[0].footer.text).toMatch(/page 2 of \d/);
    expect(res.data.embeds[0].description).toContain('**[6]**');
  });

  it('answers a stale or foreign button with an ephemeral explanation', async () => {
    const res = await interact(buttonPress('pg:["gone",1,{}]'));
    expect(res).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(res.data.content).toContain('older answer');
  });

  it('autocompletes directly with at most 25 choices of at most 100 characters', async () => {
    const res = await interact(autocomplete('suggest', [{ name: 'name', type: STRING, value: 'Ab', focused: true }]));
    expect(res.type).toBe(8);
    expect(res.data.choices).toHaveLength(25);
    const failed = await interact(autocomplete('suggest', [{ name: 'name', type: STRING, value: 'boom', focused: true }]));
    expect(failed).toEqual({ type: 8, data: { choices: [] } });
  });

  it('defers a slow answer and completes it with a follow-up that reaches Discord', async () => {
    const interaction = chatInput('slow', [{ name: 'public', type: BOOLEAN, value: true }]);
    const res = await interact(interaction);
    expect(res).toEqual({ type: 5, data: {} });
    const edit = await standIn.waitForCall((c) => c.method === 'PATCH' && c.path === `/webhooks/${APP_ID}/${String(interaction.token)}/messages/@original`);
    expect(specProblems('edit', edit.body)).toEqual([]);
    expect((edit.body as any).embeds[0].title).toBe('Sources');
    expect(edit.authorization).toBeUndefined();
  });

  it('defers before running a command that blocks, then completes it', async () => {
    const interaction = chatInput('heavy');
    const res = await interact(interaction);
    expect(res).toEqual({ type: 5, data: { flags: 64 } });
    const edit = await standIn.waitForCall((c) => c.method === 'PATCH' && c.path.includes(String(interaction.token)));
    expect(specProblems('edit', edit.body)).toEqual([]);
  });

  it('apologises for a bug with the id it logged, and keeps serving', async () => {
    const res = await interact(chatInput('broken'));
    const id = /error ([0-9a-f]{8})/.exec(res.data.content)?.[1];
    expect(id).toBeDefined();
    expect(res.data.flags).toBe(64);
    expect(captured.lines.some((l) => l.includes(`"errorId":"${id!}"`))).toBe(true);
    expect(await interact(ping())).toEqual({ type: 1 });
  });
});

describe('dossier serve: under load', () => {
  it('answers a read-only question at once with a busy notice and a header when the query workers are backlogged', async () => {
    // The pool's own backlog rule is tested in query-pool.test.ts; here a pool that is always backlogged.
    const backlogged = { ask: () => null, ready: () => 1, size: 1, shed: () => true, turnedAway: () => 7 };
    const busy = await startHttpServer({
      port: 0, host: '127.0.0.1', publicKey: keys.publicKeyHex, applicationId: APP_ID,
      deps: { ...(await testDeps(captured.log)), pool: backlogged }, log: captured.log, followUp: restFollowUp(createRest(standIn.apiUrl)),
    });
    try {
      const send = async (interaction: Record<string, unknown>) => {
        const body = JSON.stringify(interaction);
        const res = await fetch(`${busy.url}/interactions`, { method: 'POST', body, headers: signatureHeaders(keys, body) });
        const json = await res.json() as any;
        expect(res.status).toBe(200);
        expect(specProblems('callback', json)).toEqual([]);
        return { header: res.headers.get(SHED_HEADER), json };
      };
      const search = await send(chatInput('search', [{ name: 'query', type: STRING, value: 'enrichment' }]));
      expect(search.header).toBe('1');
      expect(search.json).toMatchObject({ type: 4, data: { content: BUSY, flags: 64, allowed_mentions: { parse: [] } } });
      // What the workers do not answer is answered as ever: a PING, /help.
      expect(await send(ping())).toEqual({ header: null, json: { type: 1 } });
      const help = await send(chatInput('help'));
      expect(help.header).toBeNull();
      expect(help.json.data.content ?? help.json.data.embeds[0].title).not.toContain(BUSY);
      const health = await (await fetch(`${busy.url}/healthz`)).json() as any;
      expect(health.workers).toEqual({ ready: 1, total: 1, turnedAway: 7 });
    } finally {
      await busy.close();
    }
  });
});

describe('dossier serve: subcommands, moderators and attachments', () => {
  it.skipIf(!COMMANDS.some((c) => c.definition.name === 'corpus'))('keeps moderator commands from members without Manage Server', async () => {
    const res = await interact(chatInput('corpus', [{ type: 1, name: 'list', options: [] }]));
    expect(res.data).toMatchObject({ flags: 64, content: expect.stringContaining('for moderators') });
    const allowed = await interact(chatInput('corpus', [{ type: 1, name: 'list', options: [] }], { permissions: MODERATOR_PERMISSIONS }));
    expect(allowed.data.content ?? '').not.toContain('for moderators');
  });

  it('flattens a subcommand under `subcommand` and hands attachments over for download', () => {
    const command = {
      definition: { name: 'c', description: 'd', options: [{ type: 1, name: 'add', description: 'd', options: [{ type: 11, name: 'file', description: 'd', required: true }, { type: 3, name: 'note', description: 'd' }] }] },
      run: () => { throw new Error('unused'); },
    } as never;
    expect(optionValues(command, [{ type: 1, name: 'add', options: [{ name: 'file', type: 11, value: '99' }, { name: 'note', type: 3, value: 'hi' }] }]))
      .toEqual({ ok: true, values: { subcommand: 'add', note: 'hi' }, attachments: { file: '99' } });
    expect(optionValues(command, [{ type: 1, name: 'add', options: [] }])).toEqual({ ok: false, message: '/c needs file.' });
    expect(optionValues(command, [{ type: 1, name: 'nope', options: [] }])).toMatchObject({ ok: false });
  });
});

describe('dossier serve: hostile input', () => {
  for (const [label, value] of HOSTILE_VALUES) {
    it(`answers /search with ${label} safely`, async () => {
      const res = await interact(chatInput('search', [{ name: 'query', type: STRING, value }]));
      expect(res.type).toBe(4);
      expect(res.data.flags).toBe(64);
      const shown = JSON.stringify(res.data);
      expect(shown).not.toMatch(/(^|[^\\])@everyone/);
      expect(shown).not.toMatch(/(^|[^\\])<@&123>/);
    });
  }

  it('answers an unknown command, unknown options and a wrongly typed option safely', async () => {
    const unknown = await interact(chatInput('nonexistent', [{ name: 'x', type: STRING, value: 'y' }]));
    expect(unknown.data.content).toContain('/help');
    const extra = await interact(chatInput('search', [{ name: 'query', type: STRING, value: 'enrichment' }, { name: 'bogus', type: STRING, value: '@everyone' }]));
    expect(extra.data.embeds.length).toBe(1);
    const typed = await interact(chatInput('search', [{ name: 'query', type: STRING, value: 5 as unknown as string }]));
    expect(typed.data.content).toContain('query');
  });

  it('answers a body that is not an interaction with 400, and keeps serving', async () => {
    for (const body of ['not json', '[]', '{"type":"x"}']) {
      const { status } = await post(body, signatureHeaders(keys, body));
      expect(status).toBe(400);
    }
    const odd = await interact({ ...chatInput('search'), data: null });
    expect(odd.data.content).toMatch(/error [0-9a-f]{8}/);
    expect(await interact(ping())).toEqual({ type: 1 });
  });
});
