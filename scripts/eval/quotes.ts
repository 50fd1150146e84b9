/**
 * Quote attribution on the sample corpus against the expectations of issue 3 §4: each expected
 * quotation must be found with the expected speaker (a name part, a non-person kind, or null).
 * Prints precision/recall/F1 of speaker attribution over those expectations.
 * Run alone with `npx tsx scripts/eval/quotes.ts [CORPUS_DIR]` (default ./corpus).
 */
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadCorpus } from '../../src/ingest/load.ts';
import { extractPeople } from '../../src/extract/people.ts';
import { extractQuotes } from '../../src/extract/quotes.ts';
import type { QuoteExtract } from '../../src/extract/types.ts';

/** An expected quote: its opening words and the expected speaker (a word of the name, or null). */
export interface QuoteExpectation {
  startsWith: string;
  speaker: string | null;
  kind?: 'document' | 'organisation';
}

/** The sample-corpus quote expectations of issue 3 §4. */
export const SAMPLE_QUOTES: QuoteExpectation[] = [
  { startsWith: 'It was a good start to the negotiations', speaker: 'Araghchi' },
  { startsWith: 'If this process continues', speaker: 'Araghchi' },
  { startsWith: 'wall of mistrust', speaker: 'Araghchi' },
  { startsWith: 'Any dialogue requires refraining from threats', speaker: 'Araghchi' },
  { startsWith: 'any dialogue requires refraining from threats', speaker: 'Araqchi' },
  { startsWith: 'Leave Iran now', speaker: 'alert', kind: 'document' },
  { startsWith: 'a regional war', speaker: null },
  { startsWith: 'missile city', speaker: null },
];

/** Prints speaker-attribution P/R/F1 of the sample corpus against SAMPLE_QUOTES. */
export async function evalQuotes(corpusDir: string): Promise<void> {
  const quotes: QuoteExtract[] = [];
  const corpus = await loadCorpus(corpusDir);
  if (corpus.articles.length === 0) {
    console.log(`quotes: no articles in ${corpusDir}; skipping the sample-corpus quote eval`);
    return;
  }
  for (const article of corpus.articles) quotes.push(...extractQuotes(article, extractPeople(article)));
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const problems: string[] = [];
  for (const x of SAMPLE_QUOTES) {
    const q = quotes.find((c) => c.text.startsWith(x.startsWith));
    if (!q) {
      if (x.speaker !== null) fn += 1;
      problems.push(`missing quote "${x.startsWith}"`);
      continue;
    }
    const ok = x.speaker === null ? q.speaker === null
      : q.speaker !== null && q.speaker.includes(x.speaker) && (x.kind === undefined || q.speakerKind === x.kind);
    if (x.speaker === null) {
      if (!ok) { fp += 1; problems.push(`"${x.startsWith}" wrongly given to ${q.speaker}`); }
    } else if (ok) tp += 1;
    else if (q.speaker === null) { fn += 1; problems.push(`"${x.startsWith}" has no speaker`); }
    else { fp += 1; fn += 1; problems.push(`"${x.startsWith}" given to ${q.speaker}`); }
  }
  const p = tp + fp === 0 ? 1 : tp / (tp + fp);
  const r = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f = p + r === 0 ? 0 : (2 * p * r) / (p + r);
  console.log(`quotes (sample corpus, ${SAMPLE_QUOTES.length} expectations, ${quotes.length} quotes found)`);
  console.log(`  speaker attribution          P ${p.toFixed(3)}  R ${r.toFixed(3)}  F1 ${f.toFixed(3)}  (tp ${tp}, fp ${fp}, fn ${fn})`);
  for (const line of problems) console.log(`  - ${line}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await evalQuotes(resolve(process.argv[2] ?? join(process.cwd(), 'corpus')));
}
