/**
 * Time expressions (TIMEX3), per article: chrono-node for explicit dates and clock times, small
 * parsers for the rest (timex/parsers.ts), refiners to merge and resolve (timex/refiners.ts), all
 * run sentence by sentence over the text that belongs to the article: the title and summary lines
 * of the front matter, and the body.
 */
import type { Article } from '../domain/types.ts';
import { splitSentences } from '../ingest/sentences.ts';
import type { Day } from './timex/calendar.ts';
import { chronoCandidates } from './timex/chrono.ts';
import type { Candidate, ParseContext } from './timex/parsers.ts';
import { PARSERS } from './timex/parsers.ts';
import { referenceOf } from './timex/reference.ts';
import { mergeTimeWithDay, removeOverlaps, resolveAnaphors } from './timex/refiners.ts';
import { tenseAt, tenseMarkers } from './timex/tense.ts';
import type { Span, TimeExtract } from './types.ts';

/** A cheap test that a sentence may hold a time expression at all (most do not need parsing). */
const TRIGGER = /\d|day|week|month|year|night|morning|evening|afternoon|now|current|recent|previous|past|future|present|spring|summer|autumn|fall|winter|hour|minute|second|decade|centur|annual|hourly|quarter|half|christmas|halloween|lately|moment|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|'\d0s|’\d0s/i;

/** Spans of the front matter that hold article text: the title and the summary lines. */
export function frontMatterTextSpans(article: Pick<Article, 'text' | 'bodyStart'>): Span[] {
  const head = article.text.slice(0, article.bodyStart);
  const spans: Span[] = [];
  const re = /^(title:[ \t]*|[ \t]+-[ \t]+)(["']?)(.*?)\2[ \t]*$/gm;
  let inSummary = false;
  let lineStart = 0;
  for (const line of head.split('\n')) {
    if (/^\S/.test(line)) inSummary = /^summary:/.test(line);
    re.lastIndex = 0;
    const m = re.exec(line);
    if (m && (m[1]?.startsWith('title') || inSummary) && (m[3] ?? '') !== '') {
      const start = lineStart + (m[1]?.length ?? 0) + (m[2]?.length ?? 0);
      spans.push({ start, end: start + (m[3]?.length ?? 0) });
    }
    lineStart += line.length + 1;
  }
  return spans;
}

/** Body paragraphs (runs of non-blank lines), headings included, as spans. */
function bodyParagraphs(text: string, from: number): Span[] {
  const spans: Span[] = [];
  const re = /[^\n]+(?:\n(?![ \t]*\n)[^\n]*)*/g;
  re.lastIndex = from;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0].trim() !== '') spans.push({ start: m.index, end: m.index + m[0].length });
  }
  return spans;
}

/** Sentence spans of the article's text zones (front-matter text first, then the body). */
export function articleSentences(article: Pick<Article, 'text' | 'bodyStart'>): Span[] {
  const out: Span[] = [];
  for (const zone of [...frontMatterTextSpans(article), ...bodyParagraphs(article.text, article.bodyStart)]) {
    out.push(...splitSentences(article.text, zone.start, zone.end));
  }
  return out;
}

/** Time expressions of one sentence, before anaphora resolution. */
export function sentenceCandidates(text: string, sentence: Span, ref: Day | null): Candidate[] {
  const body = text.slice(sentence.start, sentence.end);
  if (!TRIGGER.test(body)) return [];
  let markers: ReturnType<typeof tenseMarkers> | null = null;
  const ctx: ParseContext = {
    text,
    start: sentence.start,
    end: sentence.end,
    ref,
    tenseAt(offset: number) {
      markers ??= tenseMarkers(body);
      return tenseAt(markers, offset - sentence.start);
    },
  };
  const candidates: Candidate[] = [...chronoCandidates(ctx)];
  for (const parse of PARSERS) candidates.push(...parse(ctx));
  return mergeTimeWithDay(text, removeOverlaps(candidates));
}

/**
 * Temporal expressions, typed and valued as TIMEX3, resolved against the publication date (or the
 * body's dateline when there is none; see timex/reference.ts). Spans exclude a leading preposition
 * ("in 2015" → "2015") and include modifiers ("last summer", "early 2008").
 */
export function extractTimes(article: Article): TimeExtract[] {
  const { day: ref } = referenceOf(article);
  const all: Candidate[] = [];
  for (const sentence of articleSentences(article)) all.push(...sentenceCandidates(article.text, sentence, ref));
  resolveAnaphors(all, ref);
  return all.map((c) => ({ start: c.start, end: c.end, text: article.text.slice(c.start, c.end), type: c.type, value: c.value }));
}
