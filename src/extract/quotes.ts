/**
 * Direct quotations of one article and who said them. Small steps: find the quoted spans
 * (curly or straight marks, a quote left open at a paragraph end running on into the next one),
 * then attribute each from its sentence — a speech verb after the quote (`“…,” X said`), before it
 * (`X said: “…”`, `X insisted that “…”`, `calling them a “good start”`), `according to X` — then
 * refiners carry a speaker to a follow-on quote and across paragraphs. Pronouns resolve to the
 * person last named. Anything else keeps `speaker: null`: never a guess.
 */
import type { Article } from '../domain/types.ts';
import { splitSentences } from '../ingest/sentences.ts';
import { BODY_NOUNS, DOCUMENT_NOUNS, SPEECH_VERBS } from './lexicon.ts';
import { tokenize, type Token } from './tokens.ts';
import type { PersonExtract, QuoteExtract, SpeakerKind } from './types.ts';

interface RawQuote {
  /** Offsets of the opening and closing marks (close = paragraph end when left open). */
  open: number;
  close: number;
  start: number;
  end: number;
  paraStart: number;
  paraEnd: number;
  /** Left open at the paragraph end (continues in the next paragraph). */
  runsOn: boolean;
}

interface Speaker {
  name: string;
  start: number;
  end: number;
  kind: SpeakerKind;
}

interface PersonMention { start: number; end: number; name: string }

const OPENERS: Record<string, string> = { '\u201c': '\u201d', '"': '"', '\u2018': '\u2019' };
const PRONOUNS = new Set(['he', 'she']);
const FILLERS = new Set(['also', 'then', 'later', 'again', 'earlier', 'has', 'had', 'have', 'was', 'were', 'would', 'will', 'repeatedly', 'publicly', 'previously', 'once', 'reportedly', 'further', 'simply', 'recently', 'had', 'flatly']);
const MAX_GAP_TOKENS = 12;

/** Paragraph spans of the body (blank-line separated). */
function paragraphs(text: string, from: number): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  const re = /\n[ \t]*\n/g;
  re.lastIndex = from;
  let s = from;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    out.push({ start: s, end: m.index });
    s = m.index + m[0].length;
  }
  out.push({ start: s, end: text.length });
  return out.filter((p) => text.slice(p.start, p.end).trim() !== '');
}

/** Finds quoted spans in one paragraph. */
function findQuotes(text: string, ps: number, pe: number): RawQuote[] {
  const out: RawQuote[] = [];
  let i = ps;
  while (i < pe) {
    const ch = text[i] ?? '';
    const closer = OPENERS[ch];
    if (closer === undefined) {
      i += 1;
      continue;
    }
    const prev = i > ps ? text[i - 1] ?? ' ' : ' ';
    if (ch === '\u2018' || ch === '"') {
      // An opening mark stands at a word start.
      if (/[\p{L}\p{N}]/u.test(prev)) {
        i += 1;
        continue;
      }
    }
    let j = i + 1;
    let found = -1;
    while (j < pe) {
      const c = text[j];
      if (c === closer) {
        // A single closing mark is also the apostrophe: it must not sit inside a word.
        if (closer === '\u2019' && /[\p{L}]/u.test(text[j + 1] ?? '')) {
          j += 1;
          continue;
        }
        if (closer === '"' && /[\p{L}\p{N}]/u.test(text[j + 1] ?? '') && !/[\s,.;:!?]/.test(text[j - 1] ?? '')) {
          j += 1;
          continue;
        }
        found = j;
        break;
      }
      j += 1;
    }
    if (found < 0) {
      if (ch === '\u201c' || ch === '"') {
        // Left open: it runs on into the next paragraph.
        let end = pe;
        while (end > i + 1 && /\s/.test(text[end - 1] ?? '')) end -= 1;
        if (end > i + 1) out.push({ open: i, close: pe, start: i + 1, end, paraStart: ps, paraEnd: pe, runsOn: true });
      }
      i += 1;
      if (ch === '\u201c' || ch === '"') break;
      continue;
    }
    let s = i + 1;
    let e = found;
    while (s < e && /\s/.test(text[s] ?? '')) s += 1;
    while (e > s && /[\s,]/.test(text[e - 1] ?? '')) e -= 1;
    if (e > s) out.push({ open: i, close: found, start: s, end: e, paraStart: ps, paraEnd: pe, runsOn: false });
    i = found + 1;
  }
  return out;
}

function sentenceOf(sentences: { start: number; end: number }[], pos: number): { start: number; end: number } | undefined {
  return sentences.find((s) => s.start <= pos && pos < s.end) ?? sentences.find((s) => s.start > pos);
}

/** The person mention that ends last at or before `pos` and at or after `from`. */
function mentionBefore(mentions: readonly PersonMention[], from: number, pos: number): PersonMention | undefined {
  let best: PersonMention | undefined;
  for (const m of mentions) {
    if (m.start >= from && m.end <= pos && (!best || m.end > best.end)) best = m;
  }
  return best;
}

function mentionAt(mentions: readonly PersonMention[], pos: number): PersonMention | undefined {
  return mentions.find((m) => m.start === pos);
}

/** "the alert" → the document or body it names, resolved to an earlier "X issued a security alert". */
function nounPhraseSpeaker(text: string, bodyStart: number, toks: readonly Token[], i: number, j: number): Speaker | null {
  // toks[i..j] is a noun phrase: "the alert", "the ministry", "the Kremlin", "Reuters".
  const phrase = toks.slice(i, j + 1);
  const head = phrase[phrase.length - 1];
  const det = phrase[0];
  if (!head || !det) return null;
  const start = det.start;
  const end = head.end;
  const written = text.slice(start, end);
  const hasDet = det.lower === 'the' || det.lower === 'a' || det.lower === 'an' || det.lower === 'its';
  if (DOCUMENT_NOUNS.has(head.lower) && hasDet && det.lower !== 'a' && det.lower !== 'an') {
    const before = text.slice(bodyStart, start);
    const re = new RegExp(`(?:[Tt]he\\s+)?((?:[\\p{Lu}][\\p{L}.’']*\\s+)*[\\p{Lu}][\\p{L}.’']*)(?:\\s+in\\s+[\\p{Lu}][\\p{L}]*)?\\s+(?:issued|released|published|sent|posted|put out|circulated)\\s+(?:a|an|its)\\s+((?:[\\p{Ll}-]+\\s+){0,3}?)${head.lower}\\b`, 'gu');
    let last: RegExpExecArray | null = null;
    for (let m = re.exec(before); m !== null; m = re.exec(before)) last = m;
    if (last) return { name: `${last[1] ?? ''} ${last[2] ?? ''}${head.lower}`.replace(/\s+/g, ' ').trim(), start, end, kind: 'document' };
    return { name: written, start, end, kind: 'document' };
  }
  if (hasDet && BODY_NOUNS.has(head.lower) && det.lower === 'the') return { name: written, start, end, kind: 'organisation' };
  if (det.lower === 'the' && phrase.length >= 2 && phrase.slice(1).every((t) => t.cap)) {
    return { name: text.slice(phrase[1]?.start ?? start, end), start: phrase[1]?.start ?? start, end, kind: 'organisation' };
  }
  return null;
}

/**
 * The speaker named as the subject of the verb at `toks[v]`, looking left from it within
 * `[from, toks[v].start)`: a person mention (perhaps with an apposition between), a pronoun, or
 * a noun phrase for a document or body.
 */
function subjectBefore(
  text: string, bodyStart: number, toks: readonly Token[], v: number, from: number, mentions: readonly PersonMention[], resolve: (pos: number) => PersonMention | undefined,
): Speaker | null {
  let k = v - 1;
  while (k >= 0 && FILLERS.has(toks[k]?.lower ?? '')) k -= 1;
  const t = toks[k];
  if (!t || t.start < from) return null;
  if (t.kind === 'word' && PRONOUNS.has(t.lower)) {
    const m = resolve(t.start);
    return m ? { name: m.name, start: t.start, end: t.end, kind: 'person' } : null;
  }
  const verb = toks[v] as Token;
  const m = mentionBefore(mentions, from, t.end);
  if (m) {
    const between = text.slice(m.end, verb.start);
    const skip = between.replace(/^[’']s\b/u, '');
    if (/^\s*(?:,[^,“”"]{1,120},)?,?\s*(?:(?:also|then|later|again|earlier|has|had|have|was|would|will|repeatedly|publicly|previously|reportedly|further|flatly)\s+)*$/u.test(skip)) {
      return { name: m.name, start: m.start, end: m.end, kind: 'person' };
    }
  }
  // A noun phrase: up to four words back to a determiner.
  for (let d = k; d >= Math.max(0, k - 4); d -= 1) {
    const dt = toks[d];
    if (!dt || dt.start < from || dt.kind === 'punct') break;
    if (dt.lower === 'the' || dt.lower === 'a' || dt.lower === 'an') return nounPhraseSpeaker(text, bodyStart, toks, d, k);
  }
  // A bare organisation name written alone ("Reuters said"): not a person, so only with a capital
  // and when no person shares it.
  return null;
}

/** The speaker named after the verb: `said Araghchi`, `said the ministry`. */
function subjectAfter(
  text: string, bodyStart: number, toks: readonly Token[], v: number, mentions: readonly PersonMention[], resolve: (pos: number) => PersonMention | undefined,
): Speaker | null {
  const t = toks[v + 1];
  if (!t) return null;
  if (t.kind === 'word' && PRONOUNS.has(t.lower)) {
    const m = resolve(t.start);
    return m ? { name: m.name, start: t.start, end: t.end, kind: 'person' } : null;
  }
  // "said Iranian Foreign Minister Abbas Araghchi": the first mention within a few words; a
  // capitalised title phrase may stand before it with a comma ("said Airbus President and Chief
  // Executive Officer, Tom Enders").
  for (let k = v + 1; k <= v + 10 && k < toks.length; k += 1) {
    const tk = toks[k] as Token;
    const m = mentionAt(mentions, tk.start);
    if (m) return { name: m.name, start: m.start, end: m.end, kind: 'person' };
    const titleWord = tk.kind === 'word' && (tk.cap || tk.lower === 'and' || tk.lower === 'of');
    if (tk.kind === 'punct' && !(tk.text === ',' && k > v + 1 && toks.slice(v + 1, k).every((t) => t.kind === 'word' && (t.cap || t.lower === 'and' || t.lower === 'of')))) break;
    if (tk.kind !== 'punct' && !titleWord && k > v + 5) break;
  }
  if (t.lower === 'the') {
    let k = v + 2;
    while (k < toks.length && k <= v + 5 && toks[k]?.kind === 'word') k += 1;
    for (let e = k - 1; e > v + 1; e -= 1) {
      const s = nounPhraseSpeaker(text, bodyStart, toks, v + 1, e);
      if (s) return s;
    }
  }
  return null;
}

/** Direct quotations with their speakers (null when the text names none). */
export function extractQuotes(article: Article, people: readonly PersonExtract[]): QuoteExtract[] {
  const { text, bodyStart } = article;
  const mentions: PersonMention[] = people
    .flatMap((p) => p.mentions.map((m) => ({ start: m.start, end: m.end, name: p.name })))
    .filter((m) => m.start >= bodyStart)
    .sort((a, b) => a.start - b.start);
  const raws: RawQuote[] = [];
  for (const p of paragraphs(text, bodyStart)) raws.push(...findQuotes(text, p.start, p.end));
  const inQuote = (pos: number): boolean => raws.some((q) => q.open < pos && pos < q.close);
  // Pronoun → the person last named outside quotes, within the last few paragraphs.
  const resolve = (pos: number): PersonMention | undefined => {
    let best: PersonMention | undefined;
    for (const m of mentions) {
      if (m.end > pos) break;
      if (pos - m.end > 1500 || inQuote(m.start)) continue;
      best = m;
    }
    return best;
  };

  const out: (QuoteExtract & { raw: RawQuote; fullSentence: boolean })[] = [];
  const sentenceCache = new Map<number, { start: number; end: number }[]>();
  for (let qi = 0; qi < raws.length; qi += 1) {
    const q = raws[qi] as RawQuote;
    let sentences = sentenceCache.get(q.paraStart);
    if (!sentences) {
      sentences = splitSentences(text, q.paraStart, q.paraEnd);
      sentenceCache.set(q.paraStart, sentences);
    }
    const prevQ = qi > 0 ? raws[qi - 1] : undefined;
    const openSent = sentenceOf(sentences, q.open);
    const closeSent = q.runsOn ? undefined : sentenceOf(sentences, Math.min(q.close + 1, q.paraEnd - 1));
    let speaker: Speaker | null = null;
    // 1. After the quote: `,” X said`, `,” said X`, `according to X`.
    if (closeSent && !q.runsOn) {
      const nextQ = raws[qi + 1];
      const stop = Math.min(closeSent.end, nextQ && nextQ.paraStart === q.paraStart ? nextQ.open : closeSent.end);
      const toks = tokenize(text, q.close + 1, stop);
      const firstWord = toks.findIndex((t) => t.kind === 'word');
      for (let v = Math.max(0, firstWord); v < toks.length && v < MAX_GAP_TOKENS; v += 1) {
        const t = toks[v] as Token;
        if (t.kind === 'word' && !t.cap && SPEECH_VERBS.has(t.lower) && !t.lower.endsWith('ing')) {
          speaker = subjectBefore(text, bodyStart, toks, v, q.close + 1, mentions, resolve)
            ?? (v === firstWord ? subjectAfter(text, bodyStart, toks, v, mentions, resolve) : null);
          break;
        }
        if (t.lower === 'according' && toks[v + 1]?.lower === 'to') {
          speaker = subjectAfter(text, bodyStart, toks, v + 1, mentions, resolve);
          break;
        }
      }
    }
    // 2. Before the quote, within its sentence: `X said: “`, `X insisted that “`, `calling them a “`.
    if (!speaker && openSent) {
      const from = Math.max(openSent.start, prevQ && prevQ.paraStart === q.paraStart ? prevQ.close + 1 : openSent.start);
      const toks = tokenize(text, from, q.open);
      for (let v = toks.length - 1; v >= 0 && toks.length - v <= MAX_GAP_TOKENS; v -= 1) {
        const t = toks[v] as Token;
        if (t.kind !== 'word' || t.cap || !SPEECH_VERBS.has(t.lower)) continue;
        if (t.lower.endsWith('ing')) {
          // A participle: its subject is the clause's subject, the person last named before it.
          const m = mentionBefore(mentions, from, t.start);
          if (m) speaker = { name: m.name, start: m.start, end: m.end, kind: 'person' };
          else speaker = subjectBefore(text, bodyStart, toks, v, from, mentions, resolve);
          if (!speaker) {
            // "the US Virtual Embassy in Iran issued a security alert … urging": the body that acted.
            const head = /\b(?:[Tt]he\s+)((?:[\p{Lu}][\p{L}.]*\s+)*[\p{Lu}][\p{L}.]*)/u.exec(text.slice(from, t.start));
            const headWord = head?.[1]?.split(/\s+/).pop()?.toLowerCase() ?? '';
            if (head?.[1] && BODY_NOUNS.has(headWord)) {
              const s = from + (head.index ?? 0) + head[0].length - head[1].length;
              speaker = { name: head[1], start: s, end: s + head[1].length, kind: 'organisation' };
            }
          }
        } else {
          speaker = subjectBefore(text, bodyStart, toks, v, from, mentions, resolve) ?? subjectAfter(text, bodyStart, toks, v, mentions, resolve);
        }
        break;
      }
    }
    const fullSentence = openSent !== undefined && text.slice(openSent.start, q.open).trim() === '';
    out.push({
      start: q.start, end: q.end, text: text.slice(q.start, q.end),
      speaker: speaker?.name ?? null, speakerStart: speaker?.start ?? null, speakerEnd: speaker?.end ?? null, speakerKind: speaker?.kind ?? null,
      raw: q, fullSentence,
    });
  }

  // Refiners: a follow-on quote in the same paragraph, and a quote running across paragraphs.
  for (let i = 1; i < out.length; i += 1) {
    const cur = out[i];
    const prev = out[i - 1];
    if (!cur || !prev || cur.speaker !== null || prev.speaker === null) continue;
    const samePara = cur.raw.paraStart === prev.raw.paraStart && cur.fullSentence && prev.fullSentence;
    const runOn = prev.raw.runsOn && cur.raw.open === cur.raw.paraStart;
    const between = text.slice(prev.raw.close, cur.raw.open);
    const otherPerson = mentions.some((m) => m.start > prev.raw.close && m.end <= cur.raw.open && m.name !== prev.speaker);
    if ((samePara && !otherPerson && between.length < 400) || runOn) {
      cur.speaker = prev.speaker;
      cur.speakerStart = prev.speakerStart;
      cur.speakerEnd = prev.speakerEnd;
      cur.speakerKind = prev.speakerKind;
    }
  }
  for (let i = out.length - 2; i >= 0; i -= 1) {
    const cur = out[i];
    const next = out[i + 1];
    if (cur && next && cur.speaker === null && next.speaker !== null && cur.raw.runsOn && next.raw.open === next.raw.paraStart) {
      cur.speaker = next.speaker;
      cur.speakerStart = next.speakerStart;
      cur.speakerEnd = next.speakerEnd;
      cur.speakerKind = next.speakerKind;
    }
  }
  return out.map(({ raw: _raw, fullSentence: _f, ...q }) => q);
}
