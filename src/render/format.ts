import type { Highlight } from '../domain/answer.ts';
import type { Citation } from '../domain/types.ts';

/** Helpers shared by every renderer: dates, citation labels, highlights. */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTHS_LONG = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const SEASONS: Record<string, string> = { SP: 'spring', SU: 'summer', FA: 'autumn', WI: 'winter' };

/** `2026-02-07` → `7 Feb 2026`; a partial date keeps its precision (`2025-06` → `June 2025`). */
export function formatDate(value: string | null): string {
  if (!value) return 'undated';
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (m) return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1] ?? m[2]} ${m[1]}`;
  m = /^(\d{4})-(\d{2})$/.exec(value);
  if (m) return `${MONTHS_LONG[Number(m[2]) - 1] ?? m[2]} ${m[1]}`;
  m = /^(\d{4})-(SP|SU|FA|WI)$/.exec(value);
  if (m) return `${SEASONS[m[2] ?? ''] ?? m[2]} ${m[1]}`;
  m = /^(\d{4})-Q([1-4])$/.exec(value);
  if (m) return `Q${m[2]} ${m[1]}`;
  m = /^(\d{3})X$/.exec(value);
  if (m) return `the ${m[1]}0s`;
  return value;
}

/** `Title — Publisher, 7 Feb 2026, ¶3`: how every excerpt is cited in text. */
export function citationLabel(c: Citation): string {
  const parts = [c.publisher ?? (c.author ? `by ${c.author}` : null), c.published ? formatDate(c.published) : null, `¶${c.paragraph}`].filter((p): p is string => p !== null);
  return `${c.title} — ${parts.join(', ')}`;
}

/** The excerpt with "…" where it was cut from its passage. */
export function excerptWithEllipses(c: Citation, body: string = c.excerpt): string {
  return `${c.cutBefore ? '… ' : ''}${body}${c.cutAfter ? ' …' : ''}`;
}

/** Wraps each highlighted range with `open`/`close`, escaping the rest with `escape`. */
export function markHighlights(text: string, highlights: readonly Highlight[], open: string, close: string, escape: (s: string) => string = (s) => s): string {
  let out = '';
  let at = 0;
  for (const h of [...highlights].sort((a, b) => a.start - b.start)) {
    if (h.start < at || h.end > text.length) continue;
    out += escape(text.slice(at, h.start)) + open + escape(text.slice(h.start, h.end)) + close;
    at = h.end;
  }
  return out + escape(text.slice(at));
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** How many sources a briefing covers: "12 sources", or when capped "the 50 latest of 48,208 sources". */
export function briefSources(a: { topic: string | null; sources: readonly unknown[]; sourcesTotal: number }): string {
  if (a.sourcesTotal <= a.sources.length) return plural(a.sources.length, 'source');
  return `the ${a.sources.length} ${a.topic ? 'best matching' : 'latest'} of ${a.sourcesTotal.toLocaleString('en-US')} sources`;
}
