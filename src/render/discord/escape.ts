/**
 * Discord markdown escaping, so source text shows exactly as written: no stray bold, spoilers,
 * code, links, headings, lists, block quotes, mentions, channel links, timestamps or custom emoji.
 * Discord drops a backslash before any ASCII punctuation, so over-escaping never shows.
 */

/** Inline markup: emphasis, strike, code, spoilers, quotes, masked links, `<@…>`-style tags. */
const INLINE = /[\\*_~`|>[\]<]/g;
const HAS_INLINE = new RegExp(INLINE.source);
/** Line-start markup: headings and subtext (#, -#), bullet lists (-, +, *), numbered lists (1.). */
const HAS_LINE_START = /^\s*(?:[#+-]|\d+\.\s)/m;

/**
 * Escapes Discord markdown in `text` (verbatim source words, a title, a user's query). Each
 * rewrite runs only when a test finds something for it: most source text has nothing to escape.
 */
export function escapeMarkdown(text: string): string {
  let out = HAS_INLINE.test(text) ? text.replace(INLINE, '\\$&') : text;
  if (HAS_LINE_START.test(out)) out = out.replace(/^(\s*)([#+-])/gm, '$1\\$2').replace(/^(\s*\d+)\.(\s)/gm, '$1\\.$2');
  // @everyone / @here never ping (allowed_mentions), and never even look like a mention.
  if (out.includes('@')) out = out.replace(/@(everyone|here)\b/g, '\\@$1');
  return out;
}

/** Text safe inside a masked link's label: `[label](url)`. */
export function escapeLinkLabel(text: string): string {
  return escapeMarkdown(text).replace(/[()]/g, '\\$&');
}

/**
 * An http(s) URL safe as a masked link target, or null for anything else (javascript:, relative,
 * malformed): parentheses, spaces and angle brackets percent-encoded so the link cannot break out.
 */
export function safeLinkTarget(url: string | null): string | null {
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
  const href = parsed.href.replace(/[()<> ]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  return href.length <= 512 ? href : null;
}
