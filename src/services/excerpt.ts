import type { Highlight } from '../domain/answer.ts';

/**
 * Chooses a window of `text` of at most `maxChars` that starts at the sentence or word before the
 * first highlight, cut only at word boundaries. Returns offsets into `text`.
 */
export function excerptWindow(text: string, highlights: readonly Highlight[], maxChars: number): { from: number; to: number } {
  if (text.length <= maxChars) return { from: 0, to: text.length };
  const first = highlights[0]?.start ?? 0;
  // Start at the beginning of the sentence holding the first match when it fits, else a little before it.
  let from = 0;
  if (first > maxChars / 2) {
    const sentenceStart = Math.max(text.lastIndexOf('. ', first), text.lastIndexOf('? ', first), text.lastIndexOf('! ', first));
    from = sentenceStart >= 0 && first - sentenceStart < maxChars / 2 ? sentenceStart + 2 : wordStartBefore(text, first - Math.floor(maxChars / 4));
  }
  let to = Math.min(text.length, from + maxChars);
  if (to < text.length) to = wordEndBefore(text, to, from);
  return { from, to };
}

/** The start of the word at or after `index`. */
function wordStartBefore(text: string, index: number): number {
  let i = Math.max(0, index);
  while (i > 0 && !/\s/.test(text[i - 1] ?? '')) i -= 1;
  return i;
}

/** Cuts back to the end of the last whole word before `index` (never before `min`). */
function wordEndBefore(text: string, index: number, min: number): number {
  let i = index;
  while (i > min && !/\s/.test(text[i] ?? '')) i -= 1;
  while (i > min && /[\s,;:–—-]/.test(text[i - 1] ?? '')) i -= 1;
  return i > min ? i : index;
}
