/**
 * Person-mention scores on the Wikigold gold set (../shared/dev-wikigold): precision, recall and F1
 * for exact spans and for one-to-one overlap, pooled over all documents, as its README suggests.
 * Run alone with `npx tsx scripts/eval/people.ts [SHARED_DIR]` (default ../shared).
 */
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArticle } from '../../src/ingest/parse.ts';
import { extractPeople } from '../../src/extract/people.ts';

interface GoldSpan { start: number; end: number; text: string }
interface GoldDoc { id: string; file: string; persons: GoldSpan[] }

export interface Counts { tp: number; fp: number; fn: number }

/** Precision, recall and F1 of counts, as a printable line. */
export function prf(name: string, c: Counts): string {
  const p = c.tp + c.fp === 0 ? 0 : c.tp / (c.tp + c.fp);
  const r = c.tp + c.fn === 0 ? 0 : c.tp / (c.tp + c.fn);
  const f = p + r === 0 ? 0 : (2 * p * r) / (p + r);
  return `${name.padEnd(28)} P ${p.toFixed(3)}  R ${r.toFixed(3)}  F1 ${f.toFixed(3)}  (tp ${c.tp}, fp ${c.fp}, fn ${c.fn})`;
}

/** Scores predicted spans against gold spans: exact matches, and greedy one-to-one overlaps. */
export function score(pred: { start: number; end: number }[], gold: { start: number; end: number }[]): { exact: Counts; overlap: Counts } {
  const goldKeys = new Set(gold.map((g) => `${g.start}:${g.end}`));
  const exactTp = new Set(pred.map((p) => `${p.start}:${p.end}`).filter((k) => goldKeys.has(k))).size;
  const used = new Set<number>();
  let overlapTp = 0;
  for (const p of [...pred].sort((a, b) => a.start - b.start)) {
    const i = gold.findIndex((g, k) => !used.has(k) && p.start < g.end && g.start < p.end);
    if (i >= 0) {
      used.add(i);
      overlapTp += 1;
    }
  }
  return {
    exact: { tp: exactTp, fp: pred.length - exactTp, fn: gold.length - exactTp },
    overlap: { tp: overlapTp, fp: pred.length - overlapTp, fn: gold.length - overlapTp },
  };
}

/** A span without a trailing tokenised possessive (" 's") or punctuation and spaces at either end. */
export function trimSpan(text: string, span: { start: number; end: number }): { start: number; end: number } {
  let { start, end } = span;
  const m = /\s+['’]s?$/u.exec(text.slice(start, end));
  if (m) end -= m[0].length;
  while (end > start && /[\s.,;:!?"'“”’()]/u.test(text[end - 1] ?? '')) end -= 1;
  while (start < end && /[\s,;:!?"'“”‘()]/u.test(text[start] ?? '')) start += 1;
  return { start, end };
}

/** Prints person-mention P/R/F1 on `<shared>/dev-wikigold`, or says that it is missing. */
export async function evalPeople(shared: string): Promise<void> {
  const dir = join(shared, 'dev-wikigold');
  const goldFile = join(dir, 'gold.json');
  if (!existsSync(goldFile)) {
    console.log(`people: ${goldFile} is missing; skipping the Wikigold person-mention eval`);
    return;
  }
  const gold = JSON.parse(await readFile(goldFile, 'utf8')) as { docs: GoldDoc[] };
  const exact: Counts = { tp: 0, fp: 0, fn: 0 };
  const overlap: Counts = { tp: 0, fp: 0, fn: 0 };
  const trimmed: Counts = { tp: 0, fp: 0, fn: 0 };
  const verbose = process.env.EVAL_VERBOSE === '1';
  let bytes = 0;
  const t0 = performance.now();
  for (const doc of gold.docs) {
    const text = readFileSync(join(dir, doc.file), 'utf8');
    bytes += Buffer.byteLength(text);
    const parsed = parseArticle(doc.file, doc.id, text);
    if (!parsed.ok) throw new Error(`${doc.file}: ${parsed.problems.map((p) => p.reason).join('; ')}`);
    const pred = extractPeople(parsed.article).flatMap((p) => p.mentions);
    const s = score(pred, doc.persons);
    const t = score(pred.map((x) => trimSpan(text, x)), doc.persons.map((x) => trimSpan(text, x)));
    for (const k of ['tp', 'fp', 'fn'] as const) {
      exact[k] += s.exact[k];
      overlap[k] += s.overlap[k];
      trimmed[k] += t.exact[k];
    }
    if (verbose) {
      const g = new Set(doc.persons.map((x) => `${x.start}:${x.end}`));
      const p = new Set(pred.map((x) => `${x.start}:${x.end}`));
      for (const x of pred) if (!g.has(`${x.start}:${x.end}`)) console.log(`FP ${doc.id} ${JSON.stringify(x.text)}`);
      for (const x of doc.persons) if (!p.has(`${x.start}:${x.end}`)) console.log(`FN ${doc.id} ${JSON.stringify(x.text)}`);
    }
  }
  const secs = (performance.now() - t0) / 1000;
  console.log(`people (dev-wikigold, ${gold.docs.length} docs, ${(bytes / 1024 / secs).toFixed(0)} KB/s)`);
  console.log(`  ${prf('person mentions, exact', exact)}`);
  console.log(`  ${prf('person mentions, overlap', overlap)}`);
  console.log(`  ${prf('exact, both sides trimmed', trimmed)}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await evalPeople(resolve(process.argv[2] ?? join(process.cwd(), '..', 'shared')));
}
