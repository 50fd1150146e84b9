/**
 * Timeline evaluation on ../shared/dev-wikinews (trial, corpus_1): for each gold unit (a sentence
 * with a gold date), is there an event whose sentence contains it (white space normalised) with a
 * date agreeing at the gold precision ("unknown" gold dates agree with any date)? Prints per-corpus
 * precision / recall / F1, a time-expression check (counts by type, share resolved) and speed.
 *
 * Precision here is a proxy for the topic-filtered scorer: over the events that cover some gold
 * unit's sentence (of any entity), the share that also finds a unit (sentence and date).
 *
 * Run alone: `npx tsx scripts/eval/timeline.ts [shared-dir]` (default ../shared).
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractEvents } from '../../src/extract/events.ts';
import { extractTimes } from '../../src/extract/times.ts';
import type { EventExtract, TimeExtract } from '../../src/extract/types.ts';
import { loadCorpus } from '../../src/ingest/load.ts';

interface GoldUnit {
  article: string;
  text: string;
  date: string;
  precision: string;
  inTitle: boolean;
}
interface Gold {
  entities: { name: string; units: GoldUnit[] }[];
}

const norm = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** Whether an event date agrees with a gold date at the gold precision. */
export function agrees(event: Pick<EventExtract, 'date' | 'precision'>, gold: Pick<GoldUnit, 'date' | 'precision'>): boolean {
  if (gold.precision === 'unknown' || /^X/.test(gold.date)) return true;
  if (event.precision === 'decade') return false;
  if (gold.precision === 'day') return event.precision === 'day' && event.date === gold.date;
  if (gold.precision === 'month') return (event.precision === 'day' || event.precision === 'month') && event.date.startsWith(gold.date);
  return event.date.startsWith(gold.date);
}

const pct = (x: number): string => (Number.isFinite(x) ? x.toFixed(3) : 'n/a');

async function evalCorpus(dir: string, name: string): Promise<void> {
  const gold = JSON.parse(await readFile(join(dir, 'gold.json'), 'utf8')) as Gold;
  const corpus = await loadCorpus(join(dir, 'corpus'));
  const units = gold.entities.flatMap((e) => e.units).filter((u) => !u.inTitle);

  const events = new Map<string, EventExtract[]>();
  const times: TimeExtract[] = [];
  let chars = 0;
  for (const article of corpus.articles) {
    const t = extractTimes(article);
    times.push(...t);
    events.set(article.id, extractEvents(article, { times: t, quotes: [], people: [] }));
    chars += article.text.length;
  }
  // speed: after the warm-up round above, the mean of ROUNDS timed rounds
  const ROUNDS = 10;
  const started = process.hrtime.bigint();
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const article of corpus.articles) {
      extractEvents(article, { times: extractTimes(article), quotes: [], people: [] });
    }
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9 / ROUNDS;

  let found = 0;
  for (const u of units) {
    const sentence = norm(u.text);
    if ((events.get(u.article) ?? []).some((e) => norm(e.text).includes(sentence) && agrees(e, u))) found += 1;
  }
  let covering = 0;
  let correct = 0;
  let total = 0;
  for (const [article, list] of events) {
    const seen = new Set<string>();
    const articleUnits = units.filter((u) => u.article === article);
    for (const e of list) {
      const key = `${e.date}|${e.start}|${e.end}`;
      if (seen.has(key)) continue;
      seen.add(key);
      total += 1;
      const text = norm(e.text);
      const covered = articleUnits.filter((u) => text.includes(norm(u.text)));
      if (covered.length === 0) continue;
      covering += 1;
      if (covered.some((u) => agrees(e, u))) correct += 1;
    }
  }
  const recall = found / units.length;
  const precision = correct / covering;
  const f1 = (2 * precision * recall) / (precision + recall);
  console.log(`timeline ${name}: ${corpus.articles.length} articles, ${units.length} gold units, ${total} events (${covering} on gold sentences)`);
  console.log(`  precision ${pct(precision)}  recall ${pct(recall)}  F1 ${pct(f1)}  (found ${found}/${units.length}, correct ${correct}/${covering})`);

  const byType = new Map<string, number>();
  for (const t of times) byType.set(t.type, (byType.get(t.type) ?? 0) + 1);
  const dates = times.filter((t) => t.type === 'DATE' || t.type === 'TIME');
  const resolved = dates.filter((t) => !t.value.includes('X') && !t.value.endsWith('_REF'));
  console.log(`  times: ${times.length} (${[...byType].map(([k, v]) => `${k} ${v}`).join(', ')}); DATE/TIME resolved ${pct(resolved.length / dates.length)}`);
  console.log(`  speed: ${(chars / 1024 / seconds).toFixed(0)} KB/s (times + events, one core, ${(chars / 1024).toFixed(0)} KB)`);
}

/** Scores times and events against `<shared>/dev-wikinews/{trial,corpus_1}/gold.json`. */
export async function evalTimeline(shared: string): Promise<void> {
  for (const name of ['trial', 'corpus_1']) await evalCorpus(join(shared, 'dev-wikinews', name), name);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const shared = process.argv[2] ?? resolve(fileURLToPath(import.meta.url), '../../../../shared');
  await evalTimeline(shared);
}
