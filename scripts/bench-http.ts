/**
 * `npm run bench:http`: load on `dossier serve`. Writes a generated corpus (scripts/bench-corpus.ts,
 * 100k passages by default), starts `dossier serve` on it as a separate process on 127.0.0.1, and
 * drives it from this process with correctly signed interactions, closed loop: for each command in
 * turn, then a mix. Prints throughput, p50/p99/max latency, failures, deferrals and busy answers
 * (questions turned away at once because the query workers were backlogged), and for the open
 * loop its own garbage collections and the host's steal time meanwhile. Asserts nothing.
 *
 * Options: --passages 100k, --seconds 8 (per scenario), --concurrency 32, --seed 1, --keep (keep
 * the corpus folder for the next run; it is reused when present), --workers N (QUERY_WORKERS for
 * the server; default: its own default, one per core), --cpu-prof DIR (the server writes a CPU
 * profile per thread there when it stops), --only mixed,/search (just those scenarios),
 * --node-flags "--trace-gc …" (more flags for the server's node), --rate 1000 (then the mixed traffic
 * open loop at that many interactions a second; 0 skips it), --trace FILE (write each open-loop
 * request's send time, latency and kind there, to see whether the slow ones come in bursts and of
 * which commands; and the steal time of each 250 ms in FILE-steal), --built (build with `npm run
 * build`, then run `node dist/src/main.js serve` instead of the sources through tsx).
 *
 * Closed loop (each client waits for its answer before it sends the next) finds the most the
 * server can take, and its p99 is mostly time in the queue at saturation. Open loop is how Discord
 * sends: interactions arrive at their own rate whatever the server is doing. There each request is
 * signed beforehand (as another machine would), sent at its scheduled time, and its latency is
 * counted from that time, so a client that falls behind does not hide the server's delay.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { Agent, createServer, request } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { constants, performance, PerformanceObserver } from 'node:perf_hooks';
import { encodePageState } from '../src/render/discord/paging.ts';
import { SHED_HEADER } from '../src/transports/http.ts';
import { askedNames, prng, writeBenchCorpus, type BenchCorpus } from './bench-corpus.ts';
import { freePort } from '../tests/support/net.ts';

interface Options {
  passages: number;
  seconds: number;
  concurrency: number;
  seed: number;
  keep: boolean;
  workers: string | null;
  cpuProf: string | null;
  only: string[] | null;
  nodeFlags: string[];
  /** Interactions a second of the open-loop mixed run (0: none). */
  rate: number;
  /** File to write each open-loop request's send time (epoch and from the start, ms), latency (ms) and kind to. */
  trace: string | null;
  /** Build (`npm run build`) and run the built server (node dist/src/main.js serve) instead of the sources through tsx. */
  built: boolean;
}

function parseCount(raw: string): number {
  const m = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(raw.trim());
  if (!m) throw new Error(`"${raw}" is not a count like 100k`);
  return Math.round(Number(m[1]) * (m[2]?.toLowerCase() === 'k' ? 1e3 : m[2]?.toLowerCase() === 'm' ? 1e6 : 1));
}

function parseOptions(argv: string[]): Options {
  const opts: Options = { passages: 100_000, seconds: 8, concurrency: 32, seed: 1, keep: false, workers: null, cpuProf: null, only: null, nodeFlags: [], rate: 1000, trace: null, built: false };
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    if (flag === '--passages') opts.passages = parseCount(value());
    else if (flag === '--seconds') opts.seconds = Number(value());
    else if (flag === '--concurrency') opts.concurrency = parseCount(value());
    else if (flag === '--seed') opts.seed = parseCount(value());
    else if (flag === '--keep') opts.keep = true;
    else if (flag === '--built') opts.built = true;
    else if (flag === '--workers') opts.workers = value();
    else if (flag === '--cpu-prof') opts.cpuProf = resolve(value());
    else if (flag === '--only') opts.only = value().split(',').map((n) => n.trim());
    else if (flag === '--node-flags') opts.nodeFlags = value().split(' ').filter((f) => f !== '');
    else if (flag === '--rate') opts.rate = parseCount(value());
    else if (flag === '--trace') opts.trace = resolve(value());
    else throw new Error(`unknown option ${flag} (known: --passages, --seconds, --concurrency, --seed, --keep, --built, --workers, --cpu-prof, --only, --node-flags, --rate, --trace)`);
  }
  return opts;
}

const APP_ID = '111111111111111111';
const log = (msg: string): void => void process.stderr.write(`bench:http: ${msg}\n`);

let nextId = 1_000_000_000_000_000n;
function id(): string {
  nextId += 1n;
  return nextId.toString();
}

function interaction(type: number, data: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: id(), application_id: APP_ID, type, data, guild_id: '222222222222222222', channel_id: '333333333333333333',
    member: { user: { id: '444444444444444444', username: 'reader', discriminator: '0', avatar: null }, roles: [], permissions: '0' },
    token: `tok-${id()}`, version: 1, locale: 'en-US', ...extra,
  };
}

const command = (name: string, options: Array<{ name: string; type: number; value: unknown; focused?: boolean }> = []): Record<string, unknown> =>
  interaction(2, { id: id(), name, type: 1, options });

type Scenario = { name: string; make: () => Record<string, unknown>; expect: number[] };

function scenarios(corpus: BenchCorpus, seed: number): Scenario[] {
  const rng = prng(seed + 17);
  const word = (): string => corpus.words[Math.floor(rng() * corpus.words.length)] ?? 'nation';
  const query = (): string => (rng() < 0.5 ? word() : `${word()} ${word()}`);
  const asked = askedNames(seed);
  const person = (): string => asked(rng);
  const list: Scenario[] = [
    { name: '/search', make: () => command('search', [{ name: 'query', type: 3, value: query() }]), expect: [4] },
    { name: '/who', make: () => command('who', [{ name: 'name', type: 3, value: person() }]), expect: [4] },
    { name: '/quote', make: () => command('quote', [{ name: 'speaker', type: 3, value: person() }]), expect: [4] },
    { name: '/timeline', make: () => command('timeline', [{ name: 'topic', type: 3, value: word() }]), expect: [4] },
    { name: '/sources', make: () => command('sources'), expect: [4] },
    { name: '/help', make: () => command('help'), expect: [4] },
    { name: 'autocomplete', make: () => interaction(4, { id: id(), name: 'who', type: 1, options: [{ name: 'name', type: 3, value: person().slice(0, 3), focused: true }] }), expect: [8] },
    {
      name: 'page button',
      make: () => interaction(3, { custom_id: encodePageState({ command: 'search', page: 1, options: { query: word(), limit: 10 } }) ?? '', component_type: 2 }, { message: { id: id(), channel_id: '333333333333333333', flags: 64 } }),
      expect: [7, 4],
    },
    { name: 'PING', make: () => ({ id: id(), application_id: APP_ID, type: 1, token: 'x', version: 1 }), expect: [1] },
  ];
  const mixed: Scenario = {
    name: 'mixed',
    make: () => {
      const r = rng();
      const s = r < 0.5 ? list[0]! : r < 0.62 ? list[1]! : r < 0.7 ? list[2]! : r < 0.78 ? list[3]! : r < 0.9 ? list[6]! : r < 0.95 ? list[7]! : list[5]!;
      return s.make();
    },
    expect: [4, 7, 8],
  };
  return [...list, mixed];
}

interface Result {
  /** CPU milliseconds per request, of the server (all its threads) and of this driving process. */
  serverCpu?: number;
  clientCpu?: number;
  name: string;
  requests: number;
  seconds: number;
  latencies: number[];
  failures: number;
  deferred: number;
  /** Answered at once that Dossier is busy (the server's query workers were backlogged). */
  busy: number;
  firstFailure: string | null;
  /** Open loop: connections the client opened, and the kernel's listen-queue overflows meanwhile (Linux; null elsewhere). */
  connections?: number;
  listenOverflows?: number | null;
  /** Open loop: this process's own garbage collections meanwhile (a pause here delays sends and reads). */
  clientGc?: ClientGc;
  /** Open loop: share of the machine's CPU time the hypervisor withheld (Linux steal time), over the run and its worst second; null where it cannot be read. */
  stolen?: Stolen | null;
}

/** The machine's CPU time so far, in USER_HZ ticks: all of it, and what the hypervisor stole (/proc/stat); null where it cannot be read. */
function cpuTicks(): { total: number; steal: number } | null {
  try {
    const line = readFileSync('/proc/stat', 'latin1').split('\n', 1)[0] ?? '';
    const fields = line.trim().split(/\s+/).slice(1, 9).map(Number);
    if (fields.length < 8 || fields.some((n) => !Number.isFinite(n))) return null;
    return { total: fields.reduce((a, b) => a + b, 0), steal: fields[7] as number };
  } catch {
    return null;
  }
}

/** Steal time over a run: its share of the machine's CPU time over the run, in its worst second, and per sample window. */
interface Stolen {
  run: number;
  worstSecond: number;
  /** Each 250-ms window: when it ended (performance.now() milliseconds) and the share stolen in it. */
  windows: Array<{ end: number; share: number }>;
}

/**
 * Samples the machine's steal time every 250 ms until `stop()`: on a virtual machine, time its
 * CPUs wanted to run but the hypervisor did not let them (other guests on the host, or a CPU
 * quota on this one), which says when a slow spell is the host's rather than the server's.
 */
function watchSteal(): { stop(): Stolen | null } {
  type Sample = { at: number; total: number; steal: number };
  const samples: Sample[] = [];
  const take = (): void => {
    const t = cpuTicks();
    if (t) samples.push({ at: performance.now(), ...t });
  };
  take();
  const timer = setInterval(take, 250);
  return {
    stop() {
      clearInterval(timer);
      take();
      const first = samples[0];
      const last = samples.at(-1);
      if (!first || !last || last.total <= first.total) return null;
      const share = (a: Sample, b: Sample): number => (b.total > a.total ? (b.steal - a.steal) / (b.total - a.total) : 0);
      let worstSecond = 0;
      const windows: Stolen['windows'] = [];
      for (let i = 1; i < samples.length; i += 1) {
        const b = samples[i] as Sample;
        windows.push({ end: b.at, share: share(samples[i - 1] as Sample, b) });
        if (i >= 4) worstSecond = Math.max(worstSecond, share(samples[i - 4] as Sample, b));
      }
      return { run: share(first, last), worstSecond, windows };
    },
  };
}

/** Garbage collections of the driving process during a run: count and longest pause, major and minor. */
interface ClientGc {
  major: number;
  majorMaxMs: number;
  minor: number;
  minorMaxMs: number;
}

/** Watches this process's garbage collections until `stop()` (node:perf_hooks 'gc' entries). */
function watchGc(): { stop(): ClientGc } {
  const seen: ClientGc = { major: 0, majorMaxMs: 0, minor: 0, minorMaxMs: 0 };
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind = (entry as { detail?: { kind?: number } }).detail?.kind;
      if (kind === constants.NODE_PERFORMANCE_GC_MINOR) {
        seen.minor += 1;
        seen.minorMaxMs = Math.max(seen.minorMaxMs, entry.duration);
      } else if (kind === constants.NODE_PERFORMANCE_GC_MAJOR) {
        seen.major += 1;
        seen.majorMaxMs = Math.max(seen.majorMaxMs, entry.duration);
      }
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  return {
    stop() {
      observer.disconnect();
      return seen;
    },
  };
}

/** The kernel's count of connections dropped because a listen queue was full (TcpExt ListenOverflows), or null where it cannot be read. */
async function listenOverflows(): Promise<number | null> {
  try {
    const lines = (await readFile('/proc/net/netstat', 'utf8')).split('\n').filter((l) => l.startsWith('TcpExt:'));
    const names = lines[0]?.split(/\s+/) ?? [];
    const values = lines[1]?.split(/\s+/) ?? [];
    const at = names.indexOf('ListenOverflows');
    return at < 0 ? null : Number(values[at]);
  } catch {
    return null;
  }
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function drive(url: URL, key: KeyObject, scenario: Scenario, seconds: number, concurrency: number): Promise<Result> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const result: Result = { name: scenario.name, requests: 0, seconds, latencies: [], failures: 0, deferred: 0, busy: 0, firstFailure: null };
  const end = performance.now() + seconds * 1000;
  const fail = (why: string): void => {
    result.failures += 1;
    result.firstFailure ??= why;
  };
  const one = (): Promise<void> => new Promise((done) => {
    const body = JSON.stringify(scenario.make());
    const ts = String(Math.floor(Date.now() / 1000));
    const signature = sign(null, Buffer.from(ts + body), key).toString('hex');
    const started = performance.now();
    const req = request(url, {
      method: 'POST', agent,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-signature-ed25519': signature, 'x-signature-timestamp': ts },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        result.latencies.push(performance.now() - started);
        result.requests += 1;
        if (res.headers[SHED_HEADER] !== undefined) result.busy += 1;
        const text = Buffer.concat(chunks).toString('utf8');
        if (res.statusCode !== 200) {
          fail(`HTTP ${res.statusCode ?? '?'}: ${text.slice(0, 120)}`);
        } else {
          try {
            const type = (JSON.parse(text) as { type: number }).type;
            if (type === 5 || type === 6) result.deferred += 1;
            else if (!scenario.expect.includes(type)) fail(`response type ${type}`);
          } catch {
            fail('unparseable response');
          }
        }
        done();
      });
    });
    req.on('error', (error) => {
      fail(error.message);
      done();
    });
    req.end(body);
  });
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (performance.now() < end) await one();
  }));
  agent.destroy();
  result.latencies.sort((a, b) => a - b);
  return result;
}

/** Where `--trace FILE` puts the steal time per window: FILE with "-steal" before its extension. */
function stealTracePath(trace: string): string {
  const dot = trace.lastIndexOf('.');
  return dot > trace.lastIndexOf('/') ? `${trace.slice(0, dot)}-steal${trace.slice(dot)}` : `${trace}-steal`;
}

/**
 * Bytes set aside per open-loop connection for an answer (grown if one is longer): an answer is a
 * few kilobytes, and a connection opened in a slow spell should not add much external memory.
 */
const RECEIVE_BYTES = 16 * 1024;

/**
 * Open loop: `rate` signed interactions a second for `seconds`, each sent at its scheduled time
 * and timed from it. Requests are signed and written out as HTTP/1.1 bytes before the clock
 * starts, and go over plain keep-alive sockets (one request at a time each, a new socket when all
 * are busy) read with a minimal response parser: like wrk2, the load generator should cost the
 * shared CPUs as little as it can (node's http client took 0.3 ms of CPU a request).
 */
async function driveAt(url: URL, key: KeyObject, scenario: Scenario, seconds: number, rate: number, trace: { requests: string[]; steal: string[] } | null = null): Promise<Result> {
  const total = Math.max(1, Math.round(seconds * rate));
  const ts = String(Math.floor(Date.now() / 1000));
  const kinds: string[] = [];
  const prepared = Array.from({ length: total }, () => {
    const made = scenario.make();
    const data = made.data as { name?: string } | undefined;
    kinds.push(made.type === 2 ? `/${data?.name ?? '?'}` : made.type === 3 ? 'button' : made.type === 4 ? 'autocomplete' : 'ping');
    const body = JSON.stringify(made);
    const signature = sign(null, Buffer.from(ts + body), key).toString('hex');
    return Buffer.from(`POST ${url.pathname} HTTP/1.1\r\nhost: ${url.host}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nx-signature-ed25519: ${signature}\r\nx-signature-timestamp: ${ts}\r\n\r\n${body}`);
  });
  const result: Result = { name: `${scenario.name} @${rate}/s`, requests: 0, seconds, latencies: [], failures: 0, deferred: 0, busy: 0, firstFailure: null };
  // Each request's latency by its number (NaN: no answer), in memory set aside before the clock
  // starts: growing arrays and trace strings during the run made this process's heap grow and
  // collect in full every few seconds, and each pause reached the results as a burst of late
  // sends and reads.
  const latency = new Float64Array(total).fill(Number.NaN);
  const fail = (why: string): void => {
    result.failures += 1;
    result.firstFailure ??= why;
  };
  // The body is read as bytes ({"type":N…): decoding every answer made this process collect
  // garbage (a full collection here showed as a burst of slow requests).
  const TYPE_PREFIX = Buffer.from('{"type":');
  const BUSY_LINE = `\r\n${SHED_HEADER}:`;
  const check = (status: number, body: Buffer): void => {
    if (status !== 200) return fail(`HTTP ${status}: ${body.subarray(0, 120).toString('utf8')}`);
    const digit = body[TYPE_PREFIX.length] ?? 0;
    const type = body.subarray(0, TYPE_PREFIX.length).equals(TYPE_PREFIX) && digit >= 0x30 && digit <= 0x39 ? digit - 0x30 : NaN;
    if (type === 5 || type === 6) result.deferred += 1;
    else if (!scenario.expect.includes(type)) fail(Number.isNaN(type) ? `unexpected body ${body.subarray(0, 60).toString('utf8')}` : `response type ${type}`);
  };

  interface Conn { socket: Socket; busy: boolean; due: number; index: number; received: Buffer; length: number; done: () => void }
  const idle: Conn[] = [];
  const all: Conn[] = [];
  let outstanding = 0;
  let finished!: () => void;
  const allDone = new Promise<void>((r) => (finished = r));
  const settle = (): void => {
    outstanding -= 1;
    if (outstanding === 0 && sent === total) finished();
  };
  // Socket reads land in one buffer this process keeps (`onread`) and are copied into the
  // connection's own, set aside when it opens. A new Buffer per read counts as external memory:
  // with the latencies already in a typed array, those Buffers alone still started a full
  // collection here every 4–5 s.
  const readInto = Buffer.allocUnsafe(RECEIVE_BYTES);
  const open = (): Conn => {
    const onRead = (n: number, chunk: Buffer): boolean => {
      if (conn.length + n > conn.received.length) {
        const bigger = Buffer.allocUnsafe(2 * (conn.length + n));
        conn.received.copy(bigger, 0, 0, conn.length);
        conn.received = bigger;
      }
      chunk.copy(conn.received, conn.length, 0, n);
      conn.length += n;
      const buffer = conn.received.subarray(0, conn.length);
      const head = buffer.indexOf('\r\n\r\n');
      if (head < 0) return true;
      const headers = buffer.subarray(0, head).toString('latin1');
      const length = Number(/\r\ncontent-length: *(\d+)/i.exec(headers)?.[1] ?? 0);
      if (buffer.length < head + 4 + length) return true;
      latency[conn.index] = performance.now() - conn.due;
      result.requests += 1;
      if (headers.includes(BUSY_LINE)) result.busy += 1;
      check(Number(headers.slice(9, 12)), buffer.subarray(head + 4, head + 4 + length));
      conn.length = 0;
      conn.busy = false;
      idle.push(conn);
      conn.done();
      return true;
    };
    const socket = connect({ port: Number(url.port), host: url.hostname, noDelay: true, onread: { buffer: readInto, callback: onRead } });
    const conn: Conn = { socket, busy: false, due: 0, index: 0, received: Buffer.allocUnsafe(RECEIVE_BYTES), length: 0, done: () => undefined };
    socket.on('error', (error) => {
      if (conn.busy) {
        fail(error.message);
        conn.busy = false;
        conn.done();
      }
    });
    all.push(conn);
    return conn;
  };
  const send = (i: number, due: number): void => {
    const conn = idle.pop() ?? open();
    conn.busy = true;
    conn.due = due;
    conn.index = i;
    outstanding += 1;
    conn.done = settle;
    conn.socket.write(prepared[i] as Buffer);
  };
  let start = 0;
  const overflowsBefore = await listenOverflows();
  // Sockets opened before the clock starts, as a long-running client would hold them.
  for (let i = 0; i < 16; i += 1) idle.push(open());
  await Promise.all(all.map((c) => new Promise((r) => c.socket.once('connect', r))));
  // What signing left behind is collected now, not in the run's first seconds (`npm run
  // bench:http` starts node with --expose-gc).
  const collect = (globalThis as { gc?: () => void }).gc;
  collect?.();
  collect?.();
  const gc = watchGc();
  const steal = watchSteal();
  start = performance.now();
  let sent = 0;
  while (sent < total) {
    const now = performance.now();
    while (sent < total && start + (sent * 1000) / rate <= now) {
      send(sent, start + (sent * 1000) / rate);
      sent += 1;
    }
    await new Promise((r) => setTimeout(r, 1));
  }
  if (outstanding > 0) await allDone;
  result.seconds = (performance.now() - start) / 1000;
  result.clientGc = gc.stop();
  result.stolen = steal.stop();
  result.connections = all.length;
  const overflowsAfter = await listenOverflows();
  result.listenOverflows = overflowsBefore === null || overflowsAfter === null ? null : overflowsAfter - overflowsBefore;
  for (const c of all) c.socket.destroy();
  for (let i = 0; i < total; i += 1) {
    const ms = latency[i] as number;
    if (Number.isNaN(ms)) continue;
    result.latencies.push(ms);
    const due = (i * 1000) / rate;
    trace?.requests.push(`${(performance.timeOrigin + start + due).toFixed(0)} ${due.toFixed(1)} ${ms.toFixed(2)} ${kinds[i] ?? '?'}`);
  }
  for (const w of result.stolen?.windows ?? []) trace?.steal.push(`${(w.end - start).toFixed(0)} ${(100 * w.share).toFixed(1)}`);
  result.latencies.sort((a, b) => a - b);
  return result;
}

/**
 * Milliseconds a fixed JS workload (allocation and arithmetic) takes here, best of three: this
 * shared machine's speed varies by up to 2x from hour to hour, and the figure says which state a
 * run met (lower is faster).
 */
function machineCheck(): number {
  const work = (): number => {
    let h = 0;
    const a: Array<{ i: number; s: string }> = [];
    for (let i = 0; i < 2e6; i += 1) {
      a.push({ i, s: `x${i % 1000}` });
      if (a.length > 1000) a.length = 0;
      h = (h * 31 + i) | 0;
    }
    return h;
  };
  let best = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 3; round += 1) {
    const t = performance.now();
    work();
    best = Math.min(best, performance.now() - t);
  }
  return best;
}

/** Accepts whatever follow-ups a deferred answer sends (none are expected). */
async function startSink(): Promise<{ url: string; close(): void; calls: number }> {
  const state = { calls: 0 };
  const server = createServer((req, res) => {
    state.calls += 1;
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`, close: () => server.close(), get calls() { return state.calls; } };
}

/** CPU milliseconds a process has used (all its threads), from /proc; NaN where there is no /proc. */
async function cpuMsOf(pid: number | undefined): Promise<number> {
  try {
    const stat = await readFile(`/proc/${pid ?? 0}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return NaN;
  }
}
/** USER_HZ: the unit of /proc's CPU times (100 on Linux everywhere but exotic builds). */
const CLOCK_TICKS = 100;

interface Health {
  passages: number;
  articles: number;
  workers: { ready: number; total: number };
}

/** Waits until the server answers /healthz and every query worker holds the library. */
async function waitHealthy(url: string, child: ChildProcess, timeoutMs: number): Promise<Health> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`dossier serve exited (${child.exitCode ?? child.signalCode ?? '?'})`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) {
        const health = (await res.json()) as Health;
        if (health.workers.ready >= health.workers.total) return health;
      }
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('dossier serve did not become healthy in time');
}

async function main(): Promise<void> {
  const opts = parseOptions(process.argv.slice(2));
  const root = resolve(import.meta.dirname, '..');
  const base = join(tmpdir(), `dossier-bench-http-${opts.passages}-${opts.seed}`);
  const corpusDir = join(base, 'corpus');
  let corpus: BenchCorpus;
  const meta = join(base, 'meta.json');
  if (existsSync(meta)) {
    corpus = JSON.parse(await readFile(meta, 'utf8')) as BenchCorpus;
    log(`reusing the corpus in ${corpusDir}`);
  } else {
    log(`writing a ${opts.passages}-passage corpus to ${corpusDir}…`);
    await mkdir(base, { recursive: true });
    corpus = await writeBenchCorpus(corpusDir, opts.passages, opts.seed);
    await writeFile(meta, JSON.stringify(corpus));
  }

  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const der = publicKey.export({ format: 'der', type: 'spki' });
  const sink = await startSink();
  const port = await freePort();
  log('starting dossier serve (builds the index and knowledge store on first run)…');
  const started = performance.now();
  const profile = opts.cpuProf === null ? [] : ['--cpu-prof', '--cpu-prof-dir', opts.cpuProf];
  // As `npm run serve` starts it (package.json), plus any --node-flags.
  if (opts.built) {
    // Built now, so the run never measures a dist/ older than the sources.
    log('building (npm run build)…');
    execFileSync('npm', ['run', '-s', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  const entry = opts.built ? [join(root, 'dist/src/main.js')] : ['--import', import.meta.resolve('tsx'), join(root, 'src/main.ts')];
  const child = spawn(process.execPath, [...profile, ...opts.nodeFlags, ...entry, 'serve'], {
    cwd: base,
    env: {
      PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'production', LOG_LEVEL: 'warn', PORT: String(port),
      DOSSIER_CORPUS_DIR: corpusDir, DOSSIER_DATA_DIR: join(base, 'data'),
      DISCORD_PUBLIC_KEY: der.subarray(der.length - 32).toString('hex'), DISCORD_APPLICATION_ID: APP_ID, DISCORD_API_URL: sink.url,
      ...(opts.workers === null ? {} : { QUERY_WORKERS: opts.workers }),
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    const health = await waitHealthy(url, child, 30 * 60_000);
    log(`serving ${health.articles} articles, ${health.passages} passages with ${health.workers.total} query workers (ready in ${((performance.now() - started) / 1000).toFixed(1)} s)`);
    const all = scenarios(corpus, opts.seed).filter((s) => opts.only === null || opts.only.includes(s.name));
    const warm = all[0];
    if (warm) await drive(new URL(`${url}/interactions`), privateKey, warm, 2, opts.concurrency); // warm-up
    const rows: Result[] = [];
    // One run, with the server's and this process's CPU per request.
    const measured = async (run: () => Promise<Result>): Promise<void> => {
      const server = await cpuMsOf(child.pid);
      const client = process.cpuUsage();
      const row = await run();
      const used = process.cpuUsage(client);
      row.serverCpu = ((await cpuMsOf(child.pid)) - server) / Math.max(1, row.requests);
      row.clientCpu = (used.user + used.system) / 1000 / Math.max(1, row.requests);
      rows.push(row);
    };
    for (const s of all) {
      log(`driving ${s.name} for ${opts.seconds} s at concurrency ${opts.concurrency}…`);
      await measured(() => drive(new URL(`${url}/interactions`), privateKey, s, opts.seconds, opts.concurrency));
    }
    const mixed = all.find((s) => s.name === 'mixed');
    const speed: number[] = [machineCheck()];
    if (opts.rate > 0 && mixed) {
      log(`driving mixed open loop at ${opts.rate}/s for ${opts.seconds} s (signing first)…`);
      const trace = opts.trace === null ? null : { requests: ['epoch_ms sent_ms latency_ms kind'], steal: ['until_ms steal_percent'] };
      await measured(() => driveAt(new URL(`${url}/interactions`), privateKey, mixed, opts.seconds, opts.rate, trace));
      if (opts.trace !== null && trace) {
        await writeFile(opts.trace, `${trace.requests.join('\n')}\n`);
        log(`wrote each request's send time, latency and kind to ${opts.trace}`);
        if (trace.steal.length > 1) {
          const stealFile = stealTracePath(opts.trace);
          await writeFile(stealFile, `${trace.steal.join('\n')}\n`);
          log(`wrote the steal time of each 250-ms window (ms from the open loop's start) to ${stealFile}`);
        }
      }
    }
    speed.push(machineCheck());
    const lines = [
      '',
      `dossier serve, ${health.passages} passages (${health.articles} articles), ${health.workers.total} query workers, loopback, ${opts.concurrency} concurrent clients, ${opts.seconds} s per scenario (closed loop; the @N/s row: open loop, latency from each request's scheduled time, client CPU includes signing beforehand)`,
      `${'scenario'.padEnd(20)}${'requests'.padStart(10)}${'req/s'.padStart(9)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'max ms'.padStart(9)}${'failed'.padStart(8)}${'deferred'.padStart(10)}${'busy'.padStart(7)}${'server CPU ms/req'.padStart(19)}${'client'.padStart(8)}`,
    ];
    for (const r of rows) {
      lines.push(`${r.name.padEnd(20)}${String(r.requests).padStart(10)}${(r.requests / r.seconds).toFixed(0).padStart(9)}${percentile(r.latencies, 50).toFixed(2).padStart(9)}${percentile(r.latencies, 99).toFixed(2).padStart(9)}${(r.latencies.at(-1) ?? NaN).toFixed(1).padStart(9)}${String(r.failures).padStart(8)}${String(r.deferred).padStart(10)}${String(r.busy).padStart(7)}${(r.serverCpu ?? NaN).toFixed(2).padStart(19)}${(r.clientCpu ?? NaN).toFixed(2).padStart(8)}`);
      if (r.firstFailure) lines.push(`  first failure: ${r.firstFailure}`);
      if (r.connections !== undefined) lines.push(`  connections opened: ${r.connections}; listen queue overflows meanwhile (whole machine): ${r.listenOverflows ?? 'unknown'}`);
      if (r.stolen !== undefined) lines.push(`  CPU time the hypervisor withheld meanwhile (steal): ${r.stolen === null ? 'unknown' : `${(100 * r.stolen.run).toFixed(1)}% over the run, ${(100 * r.stolen.worstSecond).toFixed(1)}% in its worst second`}`);
      if (r.clientGc) lines.push(`  the driving process's own collections meanwhile: ${r.clientGc.major} full (longest pause ${r.clientGc.majorMaxMs.toFixed(1)} ms), ${r.clientGc.minor} young (longest ${r.clientGc.minorMaxMs.toFixed(1)} ms)`);
    }
    lines.push(`follow-ups received by the REST sink: ${sink.calls}`);
    lines.push(`machine speed check (a fixed JS workload, ms, lower is faster) before and after the open loop: ${speed.map((ms) => ms.toFixed(0)).join(', ')}`, '');
    process.stdout.write(lines.join('\n'));
  } finally {
    child.kill('SIGTERM');
    const exited = await Promise.race([new Promise<number | null>((r) => child.once('exit', (code) => r(code))), new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 10_000))]);
    log(`dossier serve stopped (${exited === 'timeout' ? 'did not exit in 10 s' : `exit code ${String(exited)}`})`);
    if (exited === 'timeout') child.kill('SIGKILL');
    sink.close();
    if (!opts.keep) await rm(base, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:http failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
