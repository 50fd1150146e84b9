import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';

/**
 * A local Discord for tests, on 127.0.0.1: the REST routes Dossier uses (gateway info, the bot
 * user, application commands, interaction callbacks, webhook edits and follow-ups) and a WebSocket
 * gateway (HELLO, IDENTIFY → READY, heartbeats and ACKs, INTERACTION_CREATE dispatches). Every
 * REST call is recorded, so tests assert on what the bot sent.
 */

export const APP_ID = '111111111111111111';
export const BOT_ID = APP_ID;
export const GUILD_ID = '222222222222222222';
export const CHANNEL_ID = '333333333333333333';
export const USER_ID = '444444444444444444';
export const TOKEN = 'MTExMTExMTExMTExMTExMTEx.stand-in.token';

export interface RecordedCall {
  method: string;
  /** Path after `/api/v10`, e.g. `/interactions/1/tok/callback`. */
  path: string;
  body: unknown;
  authorization: string | undefined;
}

interface StoredCommand {
  id: string;
  application_id: string;
  guild_id?: string;
  version: string;
  type: number;
  name: string;
  description: string;
  options?: unknown[];
  [key: string]: unknown;
}

/** A channel as GET /channels/{id} returns it (the stand-in fills in the rest). */
export interface StandInChannel {
  guild_id: string;
  name: string;
  permission_overwrites: Array<{ id: string; type: number; allow: string; deny: string }>;
}

let snowflake = 1_000_000_000_000_000n;
/** A fresh, increasing snowflake id. */
export function nextId(): string {
  snowflake += 1n;
  return snowflake.toString();
}

export class DiscordStandIn {
  readonly calls: RecordedCall[] = [];
  readonly commands = new Map<string, StoredCommand[]>();
  /** Gateway frames the bot sent (IDENTIFY, heartbeats…). */
  readonly received: Array<{ op: number; d: unknown }> = [];
  heartbeatAcks = 0;
  /** Channels GET /channels/{id} knows (with their permission overwrites). */
  readonly channels = new Map<string, StandInChannel>();
  /** Roles of each guild (GET /guilds/{id}/roles); @everyone has the guild's id. */
  readonly roles = new Map<string, Array<{ id: string; name: string; permissions: string; position: number }>>();
  /** Role ids of each member, by `guild:user` (GET /guilds/{id}/members/{user}). */
  readonly memberRoles = new Map<string, string[]>();
  /** Channels where POST /channels/{id}/messages answers 403 Missing Permissions whatever the overwrites say. */
  readonly forbidden = new Set<string>();
  /** Files served at `attachmentUrl(name)` (Discord's CDN, as attachments are downloaded). */
  readonly files = new Map<string, Uint8Array>();
  private readonly sockets = new Set<WebSocket>();
  /** Sessions that identified or resumed. */
  private readonly ready = new Set<WebSocket>();
  private readonly held: string[] = [];
  private seq = 0;
  private readonly waiters: Array<{ match: (c: RecordedCall) => boolean; resolve: (c: RecordedCall) => void }> = [];
  private readonly identifyWaiters: Array<() => void> = [];

  private constructor(private readonly server: Server, private readonly wss: WebSocketServer, readonly port: number, readonly heartbeatMs: number) {}

  /** Starts the stand-in on a free port. `heartbeatMs` is the interval HELLO asks for. */
  static async start(options: { heartbeatMs?: number } = {}): Promise<DiscordStandIn> {
    const server = createServer();
    const wss = new WebSocketServer({ server, path: '/gateway' });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const standIn = new DiscordStandIn(server, wss, (server.address() as AddressInfo).port, options.heartbeatMs ?? 1000);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => void standIn.rest(req, res));
    wss.on('connection', (socket) => standIn.connect(socket));
    return standIn;
  }

  /** The REST base to give discord.js or DISCORD_API_URL (discord.js appends `/v10`). */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  /** Where an attachment put in `files` is downloaded from. */
  attachmentUrl(name: string): string {
    return `http://127.0.0.1:${this.port}/attachments/${encodeURIComponent(name)}`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}/gateway`;
  }

  /** Calls whose method and path match. */
  callsTo(method: string, pattern: RegExp): RecordedCall[] {
    return this.calls.filter((c) => c.method === method && pattern.test(c.path));
  }

  /** Resolves with the first recorded call (past or future) that matches. */
  waitForCall(match: (c: RecordedCall) => boolean, timeoutMs = 25_000): Promise<RecordedCall> {
    const seen = this.calls.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('stand-in: expected REST call never came')), timeoutMs);
      this.waiters.push({ match, resolve: (c) => { clearTimeout(timer); resolve(c); } });
    });
  }

  /** The callback the bot posted for interaction `id`. */
  callbackFor(id: string): Promise<RecordedCall> {
    return this.waitForCall((c) => c.method === 'POST' && c.path.startsWith(`/interactions/${id}/`));
  }

  /** Sends INTERACTION_CREATE to every connected gateway session. */
  dispatchInteraction(interaction: Record<string, unknown>): void {
    this.dispatch('INTERACTION_CREATE', interaction);
  }

  dispatch(t: string, d: unknown): void {
    this.seq += 1;
    const frame = JSON.stringify({ op: 0, t, s: this.seq, d });
    // While the bot is reconnecting (a late heartbeat ACK on a busy machine), hold dispatches for the next session.
    if (this.ready.size === 0) {
      this.held.push(frame);
      return;
    }
    for (const socket of this.ready) socket.send(frame);
  }

  /** Marks a session ready and sends it what was held while no session was. */
  private sessionReady(socket: WebSocket): void {
    this.ready.add(socket);
    for (const frame of this.held.splice(0)) socket.send(frame);
  }

  /** Resolves when a session has identified (READY sent). */
  whenIdentified(): Promise<void> {
    if (this.received.some((f) => f.op === 2)) return Promise.resolve();
    return new Promise((resolve) => this.identifyWaiters.push(resolve));
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private record(call: RecordedCall): void {
    this.calls.push(call);
    for (let i = this.waiters.length - 1; i >= 0; i -= 1) {
      const w = this.waiters[i]!;
      if (w.match(call)) {
        this.waiters.splice(i, 1);
        w.resolve(call);
      }
    }
  }

  private connect(socket: WebSocket): void {
    this.sockets.add(socket);
    socket.on('close', () => {
      this.sockets.delete(socket);
      this.ready.delete(socket);
    });
    socket.send(JSON.stringify({ op: 10, d: { heartbeat_interval: this.heartbeatMs }, s: null, t: null }));
    socket.on('message', (raw: Buffer) => {
      let frame: { op: number; d: unknown };
      try {
        frame = JSON.parse(raw.toString('utf8')) as { op: number; d: unknown };
      } catch {
        socket.close(4002, 'Decode error');
        return;
      }
      this.received.push(frame);
      if (frame.op === 1) {
        this.heartbeatAcks += 1;
        socket.send(JSON.stringify({ op: 11, d: null, s: null, t: null }));
      } else if (frame.op === 2) {
        const d = frame.d as { token?: string; shard?: [number, number] };
        if (d.token !== TOKEN) {
          socket.close(4004, 'Authentication failed.');
          return;
        }
        this.seq += 1;
        socket.send(JSON.stringify({
          op: 0, t: 'READY', s: this.seq,
          d: {
            v: 10,
            user: { id: BOT_ID, username: 'dossier', discriminator: '0', global_name: null, avatar: null, bot: true, verified: true, flags: 0, mfa_enabled: false },
            guilds: [],
            session_id: `session-${this.seq}`,
            resume_gateway_url: this.gatewayUrl,
            shard: d.shard ?? [0, 1],
            application: { id: APP_ID, flags: 0 },
          },
        }));
        this.sessionReady(socket);
        for (const resolve of this.identifyWaiters.splice(0)) resolve();
      } else if (frame.op === 6) {
        // RESUME after a reconnect: accepted, then anything dispatched meanwhile.
        if ((frame.d as { token?: string }).token !== TOKEN) {
          socket.close(4004, 'Authentication failed.');
          return;
        }
        this.seq += 1;
        socket.send(JSON.stringify({ op: 0, t: 'RESUMED', s: this.seq, d: {} }));
        this.sessionReady(socket);
      }
    });
  }

  private async rest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    let body: unknown = null;
    if (text) {
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
    }
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const method = req.method ?? 'GET';
    const m = /^\/api\/v10(\/.*)$/.exec(url.pathname);
    const path = decodeURIComponent(m?.[1] ?? url.pathname);
    const authorization = req.headers.authorization;
    this.record({ method, path, body, authorization });

    const json = (status: number, value: unknown): void => {
      const out = value === undefined ? '' : JSON.stringify(value);
      res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(out) });
      res.end(out);
    };
    const needsBot = (): boolean => {
      if (authorization === `Bot ${TOKEN}`) return true;
      json(401, { message: '401: Unauthorized', code: 0 });
      return false;
    };
    const file = /^\/attachments\/([^/]+)$/.exec(url.pathname);
    if (file && method === 'GET') {
      const bytes = this.files.get(decodeURIComponent(file[1] ?? ''));
      if (!bytes) return json(404, { message: '404: Not Found', code: 0 });
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': bytes.length });
      res.end(Buffer.from(bytes));
      return;
    }
    if (!m) return json(404, { message: '404: Not Found', code: 0 });
    const oneChannel = /^\/channels\/(\d+)$/.exec(path);
    if (oneChannel && method === 'GET') {
      if (!needsBot()) return;
      const ch = this.channels.get(oneChannel[1]!);
      if (!ch) return json(404, { message: 'Unknown Channel', code: 10003 });
      return json(200, { id: oneChannel[1], type: 0, position: 0, nsfw: false, parent_id: null, last_message_id: null, rate_limit_per_user: 0, topic: null, flags: 0, ...ch });
    }
    const guildRoles = /^\/guilds\/(\d+)\/roles$/.exec(path);
    if (guildRoles && method === 'GET') {
      if (!needsBot()) return;
      const roles = this.roles.get(guildRoles[1]!) ?? [{ id: guildRoles[1]!, name: '@everyone', permissions: MEMBER_PERMISSIONS, position: 0 }];
      return json(200, roles.map((r) => ({ color: 0, hoist: false, managed: false, mentionable: false, flags: 0, icon: null, unicode_emoji: null, ...r })));
    }
    const guildMember = /^\/guilds\/(\d+)\/members\/(\d+)$/.exec(path);
    if (guildMember && method === 'GET') {
      if (!needsBot()) return;
      const roles = this.memberRoles.get(`${guildMember[1]!}:${guildMember[2]!}`) ?? [];
      return json(200, { user: { id: guildMember[2], username: 'dossier', discriminator: '0', global_name: null, avatar: null, bot: true }, roles, joined_at: '2024-01-01T00:00:00.000000+00:00', deaf: false, mute: false, flags: 0, nick: null, avatar: null });
    }

    if (method === 'GET' && path === '/gateway/bot') {
      if (!needsBot()) return;
      return json(200, { url: this.gatewayUrl, shards: 1, session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 } });
    }
    if (method === 'GET' && path === '/gateway') return json(200, { url: this.gatewayUrl });
    if (method === 'GET' && path === '/users/@me') {
      if (!needsBot()) return;
      return json(200, { id: BOT_ID, username: 'dossier', discriminator: '0', global_name: null, avatar: null, bot: true });
    }
    if (method === 'GET' && path === '/applications/@me') {
      if (!needsBot()) return;
      return json(200, { id: APP_ID, name: 'Dossier', flags: 0, bot_public: true, bot_require_code_grant: false, description: '', verify_key: '0'.repeat(64) });
    }
    const cmds = /^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/.exec(path);
    if (cmds) {
      if (!needsBot()) return;
      const scope = cmds[2] ?? 'global';
      if (method === 'GET') return json(200, this.commands.get(scope) ?? []);
      if (method === 'PUT' && Array.isArray(body)) {
        const old = this.commands.get(scope) ?? [];
        const stored = (body as Array<Record<string, unknown>>).map((def) => {
          const prev = old.find((c) => c.name === def.name);
          return {
            type: 1, ...def, id: prev?.id ?? nextId(), application_id: cmds[1]!, version: nextId(),
            ...(cmds[2] ? { guild_id: cmds[2] } : {}),
          } as StoredCommand;
        });
        this.commands.set(scope, stored);
        return json(200, stored);
      }
      return json(405, { message: '405: Method Not Allowed', code: 0 });
    }
    if (method === 'POST' && /^\/interactions\/\d+\/[^/]+\/callback$/.test(path)) {
      res.writeHead(204);
      res.end();
      return;
    }
    const channel = /^\/channels\/(\d+)\/messages$/.exec(path);
    if (channel && method === 'POST') {
      if (!needsBot()) return;
      if (this.forbidden.has(channel[1]!)) return json(403, { message: 'Missing Permissions', code: 50013 });
      return json(200, { id: nextId(), channel_id: channel[1], type: 0, content: '', embeds: [], components: [], attachments: [], mentions: [], mention_roles: [], mention_everyone: false, pinned: false, tts: false, timestamp: new Date().toISOString(), edited_timestamp: null, flags: 0, author: { id: BOT_ID, username: 'dossier', discriminator: '0', avatar: null, global_name: null, bot: true }, ...(body as object) });
    }
    const hook = /^\/webhooks\/(\d+)\/([^/]+)(?:\/messages\/(@original|\d+))?$/.exec(path);
    if (hook) {
      const message = { id: nextId(), channel_id: CHANNEL_ID, type: 0, content: '', embeds: [], components: [], attachments: [], mentions: [], mention_roles: [], mention_everyone: false, pinned: false, tts: false, timestamp: new Date().toISOString(), edited_timestamp: null, flags: 0, author: { id: APP_ID, username: 'dossier', discriminator: '0', avatar: null, global_name: null, bot: true }, ...(body as object) };
      if ((method === 'PATCH' && hook[3]) || (method === 'POST' && !hook[3])) return json(200, message);
    }
    return json(404, { message: '404: Not Found', code: 0 });
  }
}

// --- Interaction payloads, as Discord sends them ---------------------------------------------

/** Permissions of a member without Manage Server or Administrator (send messages, read history…). */
export const MEMBER_PERMISSIONS = '68608';
/** Manage Server. */
export const MODERATOR_PERMISSIONS = '32';

function member(permissions = MEMBER_PERMISSIONS): Record<string, unknown> {
  return {
    user: { id: USER_ID, username: 'reader', discriminator: '0', global_name: 'Reader', avatar: null },
    roles: [], permissions, joined_at: '2024-01-01T00:00:00.000000+00:00', deaf: false, mute: false, flags: 0,
    avatar: null, nick: null, premium_since: null, pending: false, communication_disabled_until: null,
  };
}

/** Where an interaction comes from and with what rights (defaults: GUILD_ID, CHANNEL_ID, a plain member, the bot without Embed Links). */
export interface InteractionPlace {
  /** The member's permissions (MEMBER_PERMISSIONS by default; MODERATOR_PERMISSIONS for Manage Server). */
  permissions?: string;
  guildId?: string;
  channelId?: string;
  /** The bot's permissions in the channel (`app_permissions`). */
  appPermissions?: string;
  userId?: string;
}

function base(type: number, data: Record<string, unknown>, place: InteractionPlace = {}): Record<string, unknown> {
  const guildId = place.guildId ?? GUILD_ID;
  const channelId = place.channelId ?? CHANNEL_ID;
  const m = member(place.permissions);
  if (place.userId) m.user = { ...(m.user as object), id: place.userId };
  return {
    id: nextId(), application_id: APP_ID, type, data, guild_id: guildId, channel_id: channelId,
    channel: { id: channelId, type: 0, guild_id: guildId, name: 'news' },
    guild: { id: guildId, locale: 'en-US', features: [] },
    member: m, token: `tok-${nextId()}`, version: 1, locale: 'en-US', guild_locale: 'en-US',
    app_permissions: place.appPermissions ?? '68608', entitlements: [], authorizing_integration_owners: { 0: guildId }, context: 0, attachment_size_limit: 26214400,
  };
}

export type OptionInput = { name: string; type: number; value: string | number | boolean; focused?: boolean };

/** A chat-input command interaction (type 2). */
export function chatInput(name: string, options: Array<OptionInput | Record<string, unknown>> = [], extra: InteractionPlace & { resolved?: unknown } = {}): Record<string, unknown> {
  return base(2, { id: nextId(), name, type: 1, options, guild_id: extra.guildId ?? GUILD_ID, ...(extra.resolved ? { resolved: extra.resolved } : {}) }, extra);
}

/** A press on a message component (type 3): a button, or a select with its chosen `values` (channel select: component_type 8). */
export function componentPress(customId: string, extra: InteractionPlace & { componentType?: number; values?: string[]; messageFlags?: number } = {}): Record<string, unknown> {
  const componentType = extra.componentType ?? 2;
  const data: Record<string, unknown> = { custom_id: customId, component_type: componentType };
  if (extra.values) {
    data.values = extra.values;
    if (componentType === 8) {
      data.resolved = { channels: Object.fromEntries(extra.values.map((id) => [id, { id, type: 0, name: `channel-${id.slice(-4)}`, permissions: '68608' }])) };
    }
  }
  return withMessage(base(3, data, extra), extra.messageFlags ?? 64);
}

/** A modal submission (type 5) with `fields` typed into its text inputs. */
export function modalSubmit(customId: string, fields: Record<string, string>, extra: InteractionPlace = {}): Record<string, unknown> {
  const components = Object.entries(fields).map(([id, value]) => ({ type: 1, components: [{ type: 4, custom_id: id, value }] }));
  return base(5, { custom_id: customId, components }, extra);
}

/** The `resolved.attachments` entry Discord sends for a file attached to a command option. */
export function attachmentOption(standIn: DiscordStandIn, id: string, name: string, bytes: Uint8Array, declaredSize = bytes.length): Record<string, unknown> {
  standIn.files.set(name, bytes);
  return { attachments: { [id]: { id, filename: name, size: declaredSize, url: standIn.attachmentUrl(name), proxy_url: standIn.attachmentUrl(name), content_type: 'text/markdown; charset=utf-8' } } };
}

/** An autocomplete interaction (type 4) with `focused` the option being typed. */
export function autocomplete(name: string, options: OptionInput[]): Record<string, unknown> {
  return base(4, { id: nextId(), name, type: 1, options, guild_id: GUILD_ID });
}

/** A button press (type 3) on a Dossier message with the given flags (64: ephemeral). */
export function buttonPress(customId: string, messageFlags = 64): Record<string, unknown> {
  return withMessage(base(3, { custom_id: customId, component_type: 2 }), messageFlags);
}

/** Attaches the message the button sits on (Discord always sends it with a component interaction). */
export function withMessage(interaction: Record<string, unknown>, messageFlags = 64): Record<string, unknown> {
  return {
    ...interaction,
    message: {
      id: nextId(), channel_id: CHANNEL_ID, type: 20, content: '', embeds: [], components: [], attachments: [], mentions: [], mention_roles: [],
      mention_everyone: false, pinned: false, tts: false, timestamp: new Date().toISOString(), edited_timestamp: null, flags: messageFlags,
      author: { id: APP_ID, username: 'dossier', discriminator: '0', avatar: null, global_name: null, bot: true },
      application_id: APP_ID, webhook_id: APP_ID,
    },
  };
}

/** A PING (type 1). */
export function ping(): Record<string, unknown> {
  return { id: nextId(), application_id: APP_ID, type: 1, token: `tok-${nextId()}`, version: 1 };
}

// --- Request signing, as Discord signs HTTP interactions ----------------------------------------

export interface SigningKeys {
  /** 64 hex characters, as the developer portal shows it. */
  publicKeyHex: string;
  privateKey: KeyObject;
}

export function generateSigningKeys(): SigningKeys {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const der = publicKey.export({ format: 'der', type: 'spki' });
  return { publicKeyHex: der.subarray(der.length - 32).toString('hex'), privateKey };
}

/** Signature headers for `body` at `timestamp` (unix seconds). */
export function signatureHeaders(keys: SigningKeys, body: string, timestamp = Math.floor(Date.now() / 1000)): Record<string, string> {
  const ts = String(timestamp);
  const signature = sign(null, Buffer.from(ts + body), keys.privateKey).toString('hex');
  return { 'x-signature-ed25519': signature, 'x-signature-timestamp': ts, 'content-type': 'application/json' };
}
