import { ButtonStyle, ComponentType, MessageFlags, type APIActionRowComponent, type APIButtonComponentWithCustomId, type APIEmbed } from 'discord.js';
import type {
  Answer, BriefAnswer, CorpusAnswer, HelpAnswer, Highlight, QuoteAnswer, ScheduleAnswer, SearchAnswer, SourcesAnswer, TimelineAnswer, WhoAnswer,
} from '../../domain/answer.ts';
import type { Citation } from '../../domain/types.ts';
import { briefSources, formatDate, markHighlights, plural } from '../format.ts';
import { escapeLinkLabel, escapeMarkdown, safeLinkTarget } from './escape.ts';
import { clampMessage, ELLIPSIS, LIMITS, truncateWords, type MessageBody } from './limits.ts';
import { encodePageState, type PageOptions } from './paging.ts';

export { clampChoices, clampMessage, LIMITS, NO_MENTIONS, type MessageBody } from './limits.ts';
export { decodePageState, encodePageState, PAGE_PREFIX, type PageState } from './paging.ts';
export { escapeMarkdown } from './escape.ts';

/** Dossier's embed colour. */
export const EMBED_COLOR = 0x2b6cb0;
/** Cited items (results, excerpts, quotes, events) on one page. */
export const ITEMS_PER_PAGE = 5;
/** Most characters one cited item takes: 5 of them, a header and a trailer always fit one description. */
export const ITEM_MAX_CHARS = 730;
/** Short items (articles, commands) on one page, and the most characters each takes. */
export const SHORT_ITEMS_PER_PAGE = 10;
export const SHORT_ITEM_MAX_CHARS = 360;
/** Most characters of the header (first page) and of the trailer (last page). */
export const HEADER_MAX_CHARS = 200;
/** Longest article title shown in a citation label. */
export const CITATION_TITLE_CHARS = 120;
/** Most citation labels under one quote or event; the rest are counted ("+3 more sources"). */
export const LABELS_PER_ITEM = 3;

/** What the footer says about the corpus. */
export interface CorpusInfo {
  articles: number;
  passages: number;
  version: string;
}

export interface DiscordRenderOptions {
  corpus: CorpusInfo;
  /** 0-based page to show (clamped to the pages there are). Default 0. */
  page?: number;
  /** The command and options that produced the answer: page buttons recompute from them. Null: no buttons. */
  source?: { command: string; options: PageOptions } | null;
  /** Only the asker sees it (default true); `public:true` turns it off. */
  ephemeral?: boolean;
}

/** A rendered answer: one page of it as a message body, and how many pages there are. */
export interface RenderedAnswer {
  body: MessageBody;
  page: number;
  pages: number;
}

/**
 * The parts of an answer before paging: a title, a header (first page), `count` items made on
 * demand (only the shown page's are rendered, so a 10,000-article /sources costs one page), a
 * trailer (last page). Paging is by count: `perPage` items of at most `itemMax` characters always
 * fit one description, so no item is ever split across pages or cut mid-citation.
 */
interface Layout {
  title: string;
  header: string;
  count: number;
  item(index: number): string;
  trailer: string;
  /** Shown when there are no items. */
  empty: string;
  perPage: number;
  itemMax: number;
}

/** A numbered citation: `**[n]** [Title](url) — Publisher, 7 Feb 2026, ¶3` (linked when there is a url). */
export function citationLine(c: Citation, n: number): string {
  const title = truncateWords(c.title, CITATION_TITLE_CHARS);
  const url = safeLinkTarget(c.url);
  const shown = url ? `[${escapeLinkLabel(title)}](${url})` : `*${escapeMarkdown(title)}*`;
  const by = c.publisher ?? (c.author ? `by ${c.author}` : null);
  const parts = [by ? escapeMarkdown(by) : null, c.published ? formatDate(c.published) : null, `¶${c.paragraph}`].filter((p): p is string => p !== null);
  return `**[${n}]** ${shown} — ${parts.join(', ')}`;
}

/** Prefixes every line with "> " (a Discord block quote). */
function blockQuote(text: string): string {
  return text.split('\n').map((line) => `> ${line}`).join('\n');
}

/**
 * A citation's excerpt as a block quote: markdown escaped, highlights bold, "…" where it was cut
 * from the passage, and itself cut at a word boundary so the quote takes at most `max` characters.
 */
export function quotedExcerpt(c: Citation, highlights: readonly Highlight[], max: number): string {
  let raw = c.excerpt;
  let cutAfter = c.cutAfter;
  for (let budget = max; budget > 8; budget = Math.floor(budget * 0.8)) {
    const body = markHighlights(raw, highlights.filter((h) => h.end <= raw.length), '**', '**', escapeMarkdown);
    const text = blockQuote(`${c.cutBefore ? `${ELLIPSIS} ` : ''}${body}${cutAfter ? ` ${ELLIPSIS}` : ''}`);
    if (text.length <= max) return text;
    // Cut the raw text at a word boundary (before escaping, so no escape or bold is split), then retry.
    const room = Math.max(1, Math.floor(raw.length * (budget / text.length)) - 2);
    const cut = truncateWords(raw, room);
    raw = cut.endsWith(ELLIPSIS) ? cut.slice(0, -ELLIPSIS.length).trimEnd() : cut;
    cutAfter = true;
  }
  return blockQuote(ELLIPSIS);
}

/** One cited excerpt item: the quote, then its numbered citation (never cut apart). */
function excerptItem(c: Citation, n: number, highlights: readonly Highlight[] = [], lead = ''): string {
  const label = citationLine(c, n);
  const head = lead ? `${lead}\n` : '';
  const room = Math.max(40, ITEM_MAX_CHARS - label.length - head.length - 1);
  return `${head}${quotedExcerpt(c, highlights, room)}\n${label}`;
}

/** Up to LABELS_PER_ITEM numbered labels from `first`, then how many more sources there are. */
function labelLines(citations: readonly Citation[], first: number): string {
  const shown = citations.slice(0, LABELS_PER_ITEM).map((c, i) => citationLine(c, first + i));
  const more = citations.length - shown.length;
  return [...shown, ...(more > 0 ? [`+${plural(more, 'more source')}`] : [])].join('\n');
}

/**
 * Citation numbers: where item `i`'s first citation is numbered (labels shown per item are
 * capped). Counts are read only up to the item asked for, once each: a page of a long timeline
 * makes the citations of its own events and counts those of the events before, no further.
 */
function firstNumbers(count: (i: number) => number): (i: number) => number {
  const out = [1];
  return (i) => {
    for (let k = out.length; k <= i; k += 1) out.push((out[k - 1] as number) + Math.min(count(k - 1), LABELS_PER_ITEM));
    return out[i] as number;
  };
}

const cited = { perPage: ITEMS_PER_PAGE, itemMax: ITEM_MAX_CHARS };
const short = { perPage: SHORT_ITEMS_PER_PAGE, itemMax: SHORT_ITEM_MAX_CHARS };

function layoutSearch(a: SearchAnswer): Layout {
  return {
    title: `Search: ${escapeMarkdown(a.query)}`,
    header: '',
    count: a.results.length,
    item: (i) => {
      const r = a.results[i]!;
      return excerptItem(r.citation, i + 1, r.highlights);
    },
    trailer: '',
    empty: `Nothing in the corpus matches “${escapeMarkdown(a.query)}”. Try fewer or other words, or \`/sources\` to see what is covered.`,
    ...cited,
  };
}

function layoutSources(a: SourcesAnswer): Layout {
  return {
    title: 'Sources',
    header: `${plural(a.articles.length, 'article')}, ${plural(a.passages, 'passage')}.`,
    count: a.articles.length,
    item: (i) => {
      const art = a.articles[i]!;
      const url = safeLinkTarget(art.url);
      const title = truncateWords(art.title, CITATION_TITLE_CHARS);
      const shown = url && url.length <= 160 ? `[${escapeLinkLabel(title)}](${url})` : `*${escapeMarkdown(title)}*`;
      const by = [art.author ? `by ${escapeMarkdown(truncateWords(art.author, 40))}` : null, art.publisher ? escapeMarkdown(truncateWords(art.publisher, 40)) : null, art.published ? formatDate(art.published) : 'undated']
        .filter((p): p is string => p !== null).join(', ');
      return `**[${i + 1}]** ${shown} — ${by} (${plural(art.passages, 'passage')})`;
    },
    trailer: '',
    empty: 'The corpus is empty: add articles to the corpus folder.',
    ...short,
  };
}

function layoutHelp(a: HelpAnswer): Layout {
  return {
    title: 'Dossier',
    header: 'Answers from a corpus of news articles, always with verbatim, cited excerpts. Answers are visible only to you unless you set `public:true`.',
    count: a.commands.length,
    item: (i) => {
      const c = a.commands[i]!;
      return `\`${c.usage.replace(/`/g, "'")}\`\n${escapeMarkdown(c.description)}`;
    },
    trailer: '',
    empty: 'No commands are registered.',
    ...short,
  };
}

function layoutWho(a: WhoAnswer): Layout {
  const p = a.person;
  if (!p) {
    const maybe = a.candidates.map((c) => escapeMarkdown(c.name));
    return {
      title: `Who: ${escapeMarkdown(a.query)}`,
      header: '',
      count: 0,
      item: () => '',
      trailer: '',
      empty: `Nobody by that name in the corpus.${maybe.length ? ` Did you mean: ${maybe.join(', ')}?` : ''}`,
      ...cited,
    };
  }
  const header = [
    p.aliases.length ? `Also written: ${p.aliases.map(escapeMarkdown).join(', ')}` : '',
    `${plural(p.mentions, 'mention')} in ${plural(p.articles.length, 'article')}.`,
  ].filter(Boolean).join('\n');
  const trailer = [
    p.related.length ? `Often mentioned with: ${p.related.map((r) => escapeMarkdown(r.name)).join(', ')}` : '',
    a.candidates.length ? `Not who you meant? Try: ${a.candidates.map((c) => escapeMarkdown(c.name)).join(', ')}` : '',
  ].filter(Boolean).join('\n');
  const roles = p.roles.length;
  return {
    title: `Who: ${escapeMarkdown(p.name)}`,
    header,
    count: roles + p.citations.length,
    item: (i) => {
      if (i < roles) {
        const r = p.roles[i]!;
        return `• ${escapeMarkdown(truncateWords(r.text, 300))}\n${citationLine(r.citation, i + 1)}`;
      }
      return excerptItem(p.citations[i - roles]!, i + 1);
    },
    trailer,
    empty: 'No excerpts to show.',
    ...cited,
  };
}

function layoutQuote(a: QuoteAnswer): Layout {
  const asked = [a.speaker ? `by ${escapeMarkdown(a.speaker)}` : null, a.topic ? `about “${escapeMarkdown(a.topic)}”` : null].filter(Boolean).join(' ');
  const first = firstNumbers((i) => a.quotes[i]?.citations.length ?? 0);
  return {
    title: `Quotes${asked ? ` ${asked}` : ''}`,
    header: a.quotes.length ? `${plural(a.quotes.length, 'quotation')}.` : '',
    count: a.quotes.length,
    item: (i) => {
      const q = a.quotes[i]!;
      const speaker = q.speaker ? escapeMarkdown(q.speaker) : 'unattributed';
      // The quotation is verbatim source text; the labels say where it is printed.
      const head = `— **${speaker}**${q.date ? `, ${formatDate(q.date)}` : ''}`;
      const labels = labelLines(q.citations, first(i));
      const room = Math.max(40, ITEM_MAX_CHARS - head.length - labels.length - 2);
      const quote = quotedExcerpt({ ...(q.citations[0] ?? emptyCitation()), excerpt: `“${q.text}”`, cutBefore: false, cutAfter: false }, [], room);
      return `${quote}\n${head}${labels ? `\n${labels}` : ''}`;
    },
    trailer: '',
    empty: `No quotations found${asked ? ` ${asked}` : ''}.`,
    ...cited,
  };
}

function layoutTimeline(a: TimelineAnswer): Layout {
  const asked = [a.topic ? `“${escapeMarkdown(a.topic)}”` : null, a.from ? `from ${escapeMarkdown(a.from)}` : null, a.to ? `to ${escapeMarkdown(a.to)}` : null].filter(Boolean).join(' ');
  const first = firstNumbers((i) => a.events[i]?.citations.length ?? 0);
  return {
    title: `Timeline${asked ? ` ${asked}` : ''}`,
    header: a.events.length ? `${plural(a.events.length, 'event')}.` : '',
    count: a.events.length,
    item: (i) => {
      const e = a.events[i]!;
      const head = `**${formatDate(e.date)}**`;
      const labels = labelLines(e.citations, first(i));
      const room = Math.max(40, ITEM_MAX_CHARS - head.length - labels.length - 2);
      const c = e.citations[0];
      const quote = c ? quotedExcerpt(c, [], room) : blockQuote(escapeMarkdown(truncateWords(e.summary, Math.floor(room / 2))));
      return `${head}\n${quote}${labels ? `\n${labels}` : ''}`;
    },
    trailer: '',
    empty: `No dated events found${asked ? ` for ${asked}` : ''}.`,
    ...cited,
  };
}

/** One briefing entry: its section, its citations, and how it renders given its first citation number. */
interface BriefEntry {
  section: string;
  citations: readonly Citation[];
  render(first: number): string;
}

function layoutBrief(a: BriefAnswer): Layout {
  const range = a.from ? (a.from === a.to ? formatDate(a.from) : `${formatDate(a.from)} – ${formatDate(a.to)}`) : 'undated';
  const entries: BriefEntry[] = [];
  const quoteOf = (c: Citation | undefined, text: string, room: number): string =>
    quotedExcerpt({ ...(c ?? emptyCitation()), excerpt: text }, [], room);
  for (const p of a.points) {
    entries.push({ section: 'Key points', citations: p.citations, render: (n) => {
      const labels = labelLines(p.citations, n);
      return `${quoteOf(p.citations[0], p.text, Math.max(40, ITEM_MAX_CHARS - labels.length - 1))}\n${labels}`;
    } });
  }
  for (const person of a.people) {
    const citations = person.roles.map((r) => r.citation);
    entries.push({ section: 'People', citations, render: (n) => {
      const roles = person.roles.slice(0, LABELS_PER_ITEM).map((r, i) => `${escapeMarkdown(truncateWords(r.text, 120))} [${n + i}]`).join('; ');
      const labels = labelLines(citations, n);
      return `• **${escapeMarkdown(person.name)}**${roles ? ` — ${roles}` : ''} (${plural(person.mentions, 'mention')})${labels ? `\n${labels}` : ''}`;
    } });
  }
  for (const q of a.quotes) {
    entries.push({ section: 'Quotes', citations: q.citations, render: (n) => {
      const head = `— **${q.speaker ? escapeMarkdown(q.speaker) : 'unattributed'}**`;
      const labels = labelLines(q.citations, n);
      return `${quoteOf(q.citations[0], `“${q.text}”`, Math.max(40, ITEM_MAX_CHARS - head.length - labels.length - 2))}\n${head}${labels ? `\n${labels}` : ''}`;
    } });
  }
  for (const e of a.events) {
    entries.push({ section: 'Latest events', citations: e.citations, render: (n) => {
      const head = `**${formatDate(e.date)}**`;
      const labels = labelLines(e.citations, n);
      const c = e.citations[0];
      const quote = c ? quotedExcerpt(c, [], Math.max(40, ITEM_MAX_CHARS - head.length - labels.length - 2)) : blockQuote(escapeMarkdown(truncateWords(e.summary, 300)));
      return `${head}\n${quote}${labels ? `\n${labels}` : ''}`;
    } });
  }
  const first = firstNumbers((i) => entries[i]?.citations.length ?? 0);
  const asked = [a.topic ? `“${escapeMarkdown(a.topic)}”` : null, a.since ? `since ${escapeMarkdown(a.since)}` : null].filter(Boolean).join(' ');
  return {
    title: escapeMarkdown(a.title),
    header: a.sources.length ? `${briefSources(a)}, ${range}${a.since ? ` (since ${escapeMarkdown(a.since)})` : ''}.` : '',
    count: entries.length,
    item: (i) => {
      const entry = entries[i]!;
      const heading = i === 0 || entries[i - 1]?.section !== entry.section ? `__${entry.section}__\n` : '';
      return `${heading}${entry.render(first(i))}`;
    },
    trailer: '',
    empty: `No sources${asked ? ` for ${asked}` : ''} to brief on.`,
    ...cited,
  };
}

function articleLine(art: { id: string; title: string; publisher: string | null; published: string | null; passages: number }): string {
  return `\`${art.id.replace(/`/g, "'")}\` ${escapeMarkdown(truncateWords(art.title, CITATION_TITLE_CHARS))}${art.publisher ? ` — ${escapeMarkdown(truncateWords(art.publisher, 40))}` : ''}, ${art.published ? formatDate(art.published) : 'undated'} (${plural(art.passages, 'passage')})`;
}

function layoutCorpus(a: CorpusAnswer): Layout {
  const none = { count: 0, item: () => '', trailer: '', ...short };
  switch (a.action) {
    case 'add': {
      const f = a.found;
      const people = f.people.slice(0, 10).map(escapeMarkdown).join(', ');
      return {
        title: 'Article added', header: articleLine(a.article), ...none,
        count: 1 + a.warnings.length,
        item: (i) => (i === 0
          ? `Found ${plural(f.passages, 'passage')}, ${plural(f.people.length, 'person', 'people')}${people ? ` (${people}${f.people.length > 10 ? ', …' : ''})` : ''}, ${plural(f.quotes, 'quote')}, ${plural(f.events, 'event')}.`
          : `⚠️ ${escapeMarkdown(truncateWords(a.warnings[i - 1] ?? '', 300))}`),
        empty: '',
      };
    }
    case 'remove':
      return { title: 'Article removed', header: articleLine(a.article), empty: '', ...none };
    case 'list':
      return {
        title: 'Added articles', header: a.articles.length ? `${plural(a.articles.length, 'article')} added in this server.` : '',
        ...none, count: a.articles.length, item: (i) => articleLine(a.articles[i]!), empty: 'No articles have been added in this server.',
      };
    case 'history':
      return {
        title: 'Corpus history', header: '', ...none, count: a.entries.length,
        item: (i) => {
          const e = a.entries[i]!;
          const who = e.userId && /^\d+$/.test(e.userId) ? ` by <@${e.userId}>` : '';
          return `\`${e.time.slice(0, 16).replace('T', ' ')}\` ${escapeMarkdown(e.action)}${who}${e.articleIds.length ? ` ${e.articleIds.map((id) => `\`${id.replace(/`/g, "'")}\``).join(', ')}` : ''}${e.detail ? ` (${escapeMarkdown(truncateWords(e.detail, 120))})` : ''}`;
        },
        empty: 'No changes recorded.',
      };
  }
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function layoutSchedule(a: ScheduleAnswer): Layout {
  return {
    title: a.action === 'scheduled' ? 'Digest scheduled' : 'Digests unscheduled',
    header: a.action === 'scheduled' && a.schedules.length ? 'Posted only when something new arrived since the last one.' : '',
    count: a.schedules.length,
    item: (i) => {
      const s = a.schedules[i]!;
      const when = s.every === 'week' ? `every ${WEEKDAYS[s.weekday ?? 0] ?? 'week'} at ${s.time} UTC` : `every day at ${s.time} UTC`;
      const channel = /^\d+$/.test(s.channelId) ? `<#${s.channelId}>` : escapeMarkdown(s.channelId);
      return `\`${s.id.replace(/`/g, "'")}\` ${channel}, ${when}${s.topic ? `, topic “${escapeMarkdown(s.topic)}”` : ''}; next ${s.next.slice(0, 16).replace('T', ' ')} UTC`;
    },
    trailer: '',
    empty: a.action === 'unscheduled' ? 'No digest was scheduled.' : 'Nothing scheduled.',
    ...short,
  };
}

function emptyCitation(): Citation {
  return { article: '', passage: '', title: '', author: null, publisher: null, published: null, url: null, excerpt: '', paragraph: 0, cutBefore: false, cutAfter: false };
}

function layoutOf(answer: Answer): Layout {
  switch (answer.kind) {
    case 'search':
      return layoutSearch(answer);
    case 'sources':
      return layoutSources(answer);
    case 'help':
      return layoutHelp(answer);
    case 'who':
      return layoutWho(answer);
    case 'quote':
      return layoutQuote(answer);
    case 'timeline':
      return layoutTimeline(answer);
    case 'brief':
      return layoutBrief(answer);
    case 'corpus':
      return layoutCorpus(answer);
    case 'schedule':
      return layoutSchedule(answer);
  }
}

/**
 * An item held to `max` characters. Cited items are built to fit; if one still does not (a huge
 * title or many labels), whole trailing lines are dropped — a citation label is never cut in half.
 */
function fitItem(item: string, max: number): string {
  if (item.length <= max) return item;
  const lines = item.split('\n');
  while (lines.length > 1 && lines.join('\n').length > max) lines.pop();
  return truncateWords(lines.join('\n'), max);
}

function footerText(corpus: CorpusInfo, page: number, pages: number, note: string): string {
  const parts = [`${plural(corpus.articles, 'article')} · ${plural(corpus.passages, 'passage')} · corpus ${corpus.version}`];
  if (pages > 1) parts.push(`page ${page + 1} of ${pages}`);
  if (note) parts.push(note);
  return parts.join(' · ');
}

function pageButtons(source: NonNullable<DiscordRenderOptions['source']>, page: number, pages: number): APIActionRowComponent<APIButtonComponentWithCustomId> | null {
  const prev = encodePageState({ command: source.command, page: page - 1 < 0 ? pages : page - 1, options: source.options });
  const next = encodePageState({ command: source.command, page: page + 1 >= pages ? pages + 1 : page + 1, options: source.options });
  if (!prev || !next) return null;
  return {
    type: ComponentType.ActionRow,
    components: [
      { type: ComponentType.Button, style: ButtonStyle.Secondary, label: 'Previous', custom_id: prev, disabled: page === 0 },
      { type: ComponentType.Button, style: ButtonStyle.Secondary, label: 'Next', custom_id: next, disabled: page >= pages - 1 },
    ],
  };
}

/**
 * An Answer as a Discord message: one embed per page, excerpts as block quotes with numbered,
 * linked citations, a footer with the corpus size and version, and Previous/Next buttons whose
 * custom_id holds everything needed to recompute the page. Every limit is held (clampMessage).
 */
export function renderDiscord(answer: Answer, options: DiscordRenderOptions): RenderedAnswer {
  const layout = layoutOf(answer);
  const pageCount = Math.max(1, Math.ceil(layout.count / layout.perPage));
  const page = Math.min(Math.max(0, Math.floor(options.page ?? 0)), pageCount - 1);
  const parts: string[] = [];
  if (page === 0 && layout.header) parts.push(truncateWords(layout.header, HEADER_MAX_CHARS));
  if (layout.count === 0) parts.push(truncateWords(layout.empty, HEADER_MAX_CHARS * 4));
  for (let i = page * layout.perPage; i < Math.min(layout.count, (page + 1) * layout.perPage); i += 1) parts.push(fitItem(layout.item(i), layout.itemMax));
  if (page === pageCount - 1 && layout.trailer) parts.push(truncateWords(layout.trailer, HEADER_MAX_CHARS));
  const pages = { length: pageCount };

  const row = pages.length > 1 && options.source ? pageButtons(options.source, page, pages.length) : null;
  const note = pages.length > 1 && !row ? 'shorter options would let you page' : '';
  const embed: APIEmbed = {
    title: truncateWords(layout.title, LIMITS.embedTitle),
    description: parts.join('\n\n'),
    color: EMBED_COLOR,
    footer: { text: footerText(options.corpus, page, pages.length, note) },
  };
  const body: MessageBody = { embeds: [embed], components: row ? [row] : [] };
  if (options.ephemeral ?? true) body.flags = MessageFlags.Ephemeral;
  return { body: clampMessage(body), page, pages: pages.length };
}

/** A short text reply (a user error, an apology): ephemeral unless said otherwise. */
export function renderNotice(text: string, ephemeral = true): MessageBody {
  const body: MessageBody = { content: text, embeds: [], components: [] };
  if (ephemeral) body.flags = MessageFlags.Ephemeral;
  return clampMessage(body);
}
