import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIInteraction } from 'discord.js';
import type { Logger } from '../log.ts';
import { clampResponse, handleInteraction, type InteractionDeps } from './discord-interactions.ts';
import { completeDeferred, type FollowUpSender } from './discord-rest.ts';

/**
 * `dossier serve`: Discord's HTTP interactions endpoint. Verifies each request's Ed25519 signature
 * over timestamp + body, answers PING with PONG and commands, autocomplete and buttons through the
 * shared handler; deferred answers are completed by a REST follow-up. Keeps no state between
 * requests, so any number of instances can sit behind a load balancer. `GET /healthz` reports status.
 */

/** Requests whose timestamp is further than this from our clock are refused (replay protection). */
export const MAX_CLOCK_SKEW_SECONDS = 5 * 60;
/** Largest request body accepted. Interaction payloads are a few kilobytes. */
export const MAX_BODY_BYTES = 256 * 1024;
/** Response header set on an answer that turned the question away because the bot was busy. */
export const SHED_HEADER = 'x-dossier-busy';
/**
 * Connections the kernel may queue before we accept them (capped by net.core.somaxconn; Node's
 * default is 511). A burst of new connections while the event loop is busy overflows a short
 * queue, and the kernel drops what does not fit: the client retries the connection after 1, 3, 7
 * and 15 s, so those interactions miss Discord's 3 s.
 */
export const LISTEN_BACKLOG = 4096;
/** Paths that accept interactions. */
export const INTERACTION_PATHS: ReadonlySet<string> = new Set(['/', '/interactions']);

export interface HttpServerOptions {
  /** The application's public key, 64 hex characters (DISCORD_PUBLIC_KEY). */
  publicKey: string;
  /** DISCORD_APPLICATION_ID: follow-ups are sent as this application. */
  applicationId: string;
  deps: InteractionDeps;
  /** Sends deferred answers (PATCH @original). */
  followUp: FollowUpSender;
  log: Logger;
  /** Clock for the timestamp check, in milliseconds. Default Date.now. */
  now?: () => number;
}

const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** A node:crypto public key from the 32-byte hex key Discord shows. */
export function ed25519PublicKey(hex: string): KeyObject {
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw new Error('DISCORD_PUBLIC_KEY must be 64 hex characters');
  return createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, Buffer.from(hex, 'hex')]), format: 'der', type: 'spki' });
}

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

/**
 * Checks Discord's `X-Signature-Ed25519` over `timestamp + body` and the timestamp's freshness.
 * The Ed25519 check runs on libuv's thread pool, not on the event loop (it is the costliest step
 * of a cheap interaction).
 */
export async function checkSignature(key: KeyObject, signature: string | undefined, timestamp: string | undefined, body: Buffer, nowMs: number): Promise<SignatureCheck> {
  if (!signature || !timestamp) return { ok: false, reason: 'missing signature headers' };
  if (!/^[0-9a-fA-F]{128}$/.test(signature)) return { ok: false, reason: 'malformed signature' };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'malformed timestamp' };
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > MAX_CLOCK_SKEW_SECONDS) return { ok: false, reason: 'stale timestamp' };
  const valid = await new Promise<boolean>((resolve, reject) => {
    verify(null, Buffer.concat([Buffer.from(timestamp, 'utf8'), body]), key, Buffer.from(signature, 'hex'), (error, ok) => (error ? reject(error) : resolve(ok)));
  });
  return valid ? { ok: true } : { ok: false, reason: 'bad signature' };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** Sends JSON already serialized (UTF-8). */
function sendJson(res: ServerResponse, json: Uint8Array): void {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': json.byteLength });
  res.end(json);
}

function readBody(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        resolve(null);
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** Builds the server (not listening). In-flight follow-ups are tracked so close() can wait for them. */
export function createInteractionServer(options: HttpServerOptions): Server & { pending: Set<Promise<void>> } {
  const key = ed25519PublicKey(options.publicKey);
  const now = options.now ?? Date.now;
  const { log } = options;
  const pending = new Set<Promise<void>>();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path === '/healthz') {
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'method not allowed\n');
      const library = options.deps.context.services.library();
      const pool = options.deps.pool;
      return send(res, 200, {
        ok: true, articles: library.articles.length, passages: library.passages.length, version: library.version,
        // Query workers holding the library served now (the rest of the work is answered on the main thread meanwhile).
        workers: { ready: pool?.ready() ?? 0, total: pool?.size ?? 0, turnedAway: pool?.turnedAway?.() ?? 0 },
      });
    }
    if (!INTERACTION_PATHS.has(path)) return send(res, 404, 'not found\n');
    if (req.method !== 'POST') return send(res, 405, 'method not allowed\n');
    const body = await readBody(req);
    if (body === null) return send(res, 413, 'request too large\n');
    const check = await checkSignature(key, header(req, 'x-signature-ed25519'), header(req, 'x-signature-timestamp'), body, now());
    if (!check.ok) {
      log.debug('interaction refused', { reason: check.reason });
      return send(res, 401, 'invalid request signature\n');
    }
    let interaction: APIInteraction;
    const text = body.toString('utf8');
    try {
      interaction = JSON.parse(text) as APIInteraction;
      if (typeof interaction !== 'object' || interaction === null || typeof interaction.type !== 'number') throw new Error('not an interaction');
    } catch {
      return send(res, 400, 'body is not an interaction\n');
    }
    const reply = await handleInteraction(interaction, options.deps, text);
    // Load balancers and the load benchmark tell a busy answer apart by this header.
    if (reply.shed) res.setHeader(SHED_HEADER, '1');
    if (reply.json !== undefined) sendJson(res, reply.json);
    else send(res, 200, clampResponse(reply.response));
    if (reply.followUp) {
      const done = completeDeferred(options.followUp, options.applicationId, interaction.token, reply.followUp, log);
      pending.add(done);
      void done.finally(() => pending.delete(done));
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log.error('http handler failed', { error });
      if (!res.headersSent) send(res, 500, 'internal error\n');
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 65_000;
  return Object.assign(server, { pending });
}

export interface RunningHttpServer {
  url: string;
  port: number;
  /** Stops accepting requests and waits for in-flight follow-ups. */
  close(): Promise<void>;
}

/** Starts the endpoint on `host:port` (port 0: any free port). */
export async function startHttpServer(options: HttpServerOptions & { port: number; host?: string }): Promise<RunningHttpServer> {
  const server = createInteractionServer(options);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: options.port, host: options.host ?? '0.0.0.0', backlog: LISTEN_BACKLOG }, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host ?? '127.0.0.1';
  options.log.info('http interactions endpoint listening', { port });
  return {
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`,
    port,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await Promise.allSettled([...server.pending]);
    },
  };
}
