import type { Answer, BriefAnswer, CorpusAnswer, GuildArticleSummary, HelpAnswer, QuoteAnswer, ScheduleAnswer, SearchAnswer, SourcesAnswer, TimelineAnswer, WhoAnswer } from '../../domain/answer.ts';
import type { Citation } from '../../domain/types.ts';
import { briefSources, citationLabel, excerptWithEllipses, formatDate, markHighlights, plural } from '../format.ts';

/** Console and CLI text: as close to the Discord message as plain text allows. */
export interface TextStyle {
  /** How highlighted words show: `**markdown**` (default), ANSI bold for a terminal, or nothing. */
  highlight: 'markdown' | 'ansi' | 'none';
}

const DEFAULT_STYLE: TextStyle = { highlight: 'markdown' };

function marks(style: TextStyle): [string, string] {
  if (style.highlight === 'ansi') return ['\u001b[1m', '\u001b[22m'];
  if (style.highlight === 'markdown') return ['**', '**'];
  return ['', ''];
}

/** Prefixes every line of `text` with "> ", as a Discord block quote. */
export function quoteBlock(text: string): string {
  return text.split('\n').map((line) => `> ${line}`).join('\n');
}

function renderSearch(answer: SearchAnswer, style: TextStyle): string {
  const [open, close] = marks(style);
  if (answer.results.length === 0) {
    return `Search: ${answer.query}\nNothing in the corpus matches "${answer.query}". Try fewer or other words, or /sources to see what is covered.\n`;
  }
  const lines = [`Search: ${answer.query} (${plural(answer.results.length, 'passage')})`, ''];
  answer.results.forEach((r, i) => {
    const body = markHighlights(r.citation.excerpt, r.highlights, open, close);
    lines.push(quoteBlock(excerptWithEllipses(r.citation, body)));
    lines.push(`[${i + 1}] ${citationLabel(r.citation)}`, '');
  });
  return `${lines.join('\n')}`;
}

function renderSources(answer: SourcesAnswer): string {
  if (answer.articles.length === 0) return 'The corpus is empty: add articles to the corpus folder.\n';
  const lines = [`Sources: ${plural(answer.articles.length, 'article')}, ${plural(answer.passages, 'passage')}`, ''];
  answer.articles.forEach((a, i) => {
    const by = [a.author ? `by ${a.author}` : null, a.publisher, a.published ? formatDate(a.published) : 'undated'].filter(Boolean).join(', ');
    lines.push(`[${i + 1}] ${a.title} — ${by} (${plural(a.passages, 'passage')})`);
    if (a.url) lines.push(`    ${a.url}`);
  });
  return `${lines.join('\n')}\n`;
}

function renderHelp(answer: HelpAnswer): string {
  const width = Math.max(...answer.commands.map((c) => c.usage.length));
  const lines = ['Dossier answers from a corpus of news articles, always with verbatim, cited excerpts.', ''];
  for (const c of answer.commands) lines.push(`  ${c.usage.padEnd(width)}  ${c.description}`);
  return `${lines.join('\n')}\n`;
}

/** Numbered citation lines, `[n] Title — Publisher, date, ¶p`, continuing from `first`. */
function citationLines(citations: readonly Citation[], first: number): string[] {
  return citations.map((c, i) => `[${first + i}] ${citationLabel(c)}`);
}

function renderWho(answer: WhoAnswer): string {
  const p = answer.person;
  if (!p) {
    const maybe = answer.candidates.map((c) => c.name);
    return `Who: ${answer.query}\nNobody by that name in the corpus.${maybe.length ? ` Did you mean: ${maybe.join(', ')}?` : ''}\n`;
  }
  const lines = [`Who: ${p.name}`];
  if (p.aliases.length) lines.push(`Also written: ${p.aliases.join(', ')}`);
  lines.push(`${plural(p.mentions, 'mention')} in ${plural(p.articles.length, 'article')}`);
  let n = 1;
  const cited: Citation[] = [];
  if (p.roles.length) {
    lines.push('', 'Roles, as the sources state them:');
    for (const r of p.roles) {
      lines.push(`  • ${r.text} [${n}]`);
      cited.push(r.citation);
      n += 1;
    }
  }
  if (p.citations.length) {
    lines.push('', 'Excerpts:');
    for (const c of p.citations) {
      lines.push(quoteBlock(excerptWithEllipses(c)), `[${n}] ${citationLabel(c)}`, '');
      n += 1;
    }
  }
  if (cited.length) lines.push('Role sources:', ...citationLines(cited, 1));
  if (p.related.length) lines.push('', `Often mentioned with: ${p.related.map((r) => r.name).join(', ')}`);
  if (answer.candidates.length) lines.push(`Not who you meant? Try: ${answer.candidates.map((c) => c.name).join(', ')}`);
  return `${lines.join('\n')}\n`;
}

function renderQuote(answer: QuoteAnswer): string {
  const asked = [answer.speaker ? `by ${answer.speaker}` : null, answer.topic ? `about "${answer.topic}"` : null].filter(Boolean).join(' ');
  if (answer.quotes.length === 0) return `Quotes ${asked}\nNo quotations found${asked ? ` ${asked}` : ''}.\n`;
  const lines = [`Quotes ${asked || '(all)'}: ${plural(answer.quotes.length, 'quotation')}`, ''];
  let n = 1;
  for (const q of answer.quotes) {
    lines.push(`“${q.text}” — ${q.speaker ?? 'unattributed'}`);
    for (const c of q.citations) {
      lines.push(quoteBlock(excerptWithEllipses(c)), `[${n}] ${citationLabel(c)}`);
      n += 1;
    }
    lines.push('');
  }
  return `${lines.join('\n')}`;
}

function renderTimeline(answer: TimelineAnswer): string {
  const asked = [answer.topic ? `"${answer.topic}"` : null, answer.from ? `from ${answer.from}` : null, answer.to ? `to ${answer.to}` : null].filter(Boolean).join(' ');
  if (answer.events.length === 0) return `Timeline ${asked}\nNo dated events found${asked ? ` for ${asked}` : ''}.\n`;
  const lines = [`Timeline${asked ? ` ${asked}` : ''}: ${plural(answer.events.length, 'event')}`, ''];
  let n = 1;
  for (const e of answer.events) {
    lines.push(`${formatDate(e.date)}`);
    const first = e.citations[0];
    lines.push(quoteBlock(first ? excerptWithEllipses(first) : e.summary));
    for (const c of e.citations) {
      lines.push(`[${n}] ${citationLabel(c)}`);
      n += 1;
    }
    lines.push('');
  }
  return `${lines.join('\n')}`;
}

function renderBrief(answer: BriefAnswer): string {
  const range = answer.from ? (answer.from === answer.to ? formatDate(answer.from) : `${formatDate(answer.from)} – ${formatDate(answer.to)}`) : 'undated';
  const asked = [answer.topic ? `"${answer.topic}"` : null, answer.since ? `since ${answer.since}` : null].filter(Boolean).join(' ');
  if (answer.sources.length === 0) return `${answer.title}\nNo sources${asked ? ` for ${asked}` : ''} to brief on.\n`;
  const lines = [answer.title, `${briefSources(answer)}, ${range}${answer.since ? ` (since ${answer.since})` : ''}`, ''];
  let n = 1;
  const cited: Citation[] = [];
  const refs = (citations: readonly Citation[]): string => {
    const out = citations.map(() => `[${n++}]`).join('');
    cited.push(...citations);
    return out;
  };
  if (answer.points.length) {
    lines.push('Key points:');
    for (const p of answer.points) {
      const first = p.citations[0];
      lines.push(`  • ${first ? excerptWithEllipses({ ...first, excerpt: p.text }) : p.text} ${refs(p.citations)}`);
    }
    lines.push('');
  }
  if (answer.people.length) {
    lines.push('People:');
    for (const p of answer.people) {
      const roles = p.roles.map((r) => `${r.text} ${refs([r.citation])}`).join('; ');
      lines.push(`  • ${p.name}${roles ? ` — ${roles}` : ''}`);
    }
    lines.push('');
  }
  if (answer.quotes.length) {
    lines.push('Quotes:');
    for (const q of answer.quotes) lines.push(`  • “${q.text}” — ${q.speaker ?? 'unattributed'} ${refs(q.citations)}`);
    lines.push('');
  }
  if (answer.events.length) {
    lines.push('Latest events:');
    for (const e of answer.events) {
      const first = e.citations[0];
      lines.push(`  • ${formatDate(e.date)}: ${first ? excerptWithEllipses(first) : e.summary} ${refs(e.citations)}`);
    }
    lines.push('');
  }
  lines.push('Sources:', ...citationLines(cited, 1), '');
  lines.push('Articles:');
  answer.sources.forEach((a) => {
    const by = [a.publisher ?? (a.author ? `by ${a.author}` : null), a.published ? formatDate(a.published) : 'undated'].filter(Boolean).join(', ');
    lines.push(`  • ${a.title} — ${by}${a.url ? ` <${a.url}>` : ''}`);
  });
  return `${lines.join('\n')}\n`;
}

function guildArticleLine(a: GuildArticleSummary): string {
  const by = [a.publisher, a.published ? formatDate(a.published) : 'undated'].filter(Boolean).join(', ');
  return `${a.id}  ${a.title} — ${by} (${plural(a.passages, 'passage')}; added ${a.addedAt.slice(0, 16).replace('T', ' ')}${a.addedBy ? ` by ${a.addedBy}` : ''})`;
}

function renderCorpus(answer: CorpusAnswer): string {
  switch (answer.action) {
    case 'add': {
      const f = answer.found;
      const lines = [
        `Added ${answer.article.id}: ${answer.article.title}`,
        `Found ${plural(f.passages, 'passage')}, ${plural(f.people.length, 'person', 'people')}${f.people.length ? ` (${f.people.join(', ')})` : ''}, ${plural(f.quotes, 'quote')}, ${plural(f.events, 'event')}.`,
        ...answer.warnings.map((w) => `warning: ${w}`),
      ];
      return `${lines.join('\n')}\n`;
    }
    case 'remove':
      return `Removed ${answer.article.id}: ${answer.article.title}\n`;
    case 'list':
      if (answer.articles.length === 0) return `No articles added${answer.guildId ? ` in guild ${answer.guildId}` : ''}.\n`;
      return `${[`${plural(answer.articles.length, 'added article')}${answer.guildId ? ` in guild ${answer.guildId}` : ''}:`, ...answer.articles.map(guildArticleLine)].join('\n')}\n`;
    case 'history':
      if (answer.entries.length === 0) return 'No changes recorded.\n';
      return `${answer.entries.map((e) => `${e.time}  ${e.action}${e.guildId ? `  guild ${e.guildId}` : ''}${e.userId ? `  by ${e.userId}` : ''}${e.articleIds.length ? `  ${e.articleIds.join(', ')}` : ''}${e.detail ? `  (${e.detail})` : ''}`).join('\n')}\n`;
  }
}

function renderSchedule(answer: ScheduleAnswer): string {
  if (answer.schedules.length === 0) return answer.action === 'unscheduled' ? 'No digest was scheduled.\n' : 'Nothing scheduled.\n';
  const line = (s: ScheduleAnswer['schedules'][number]): string => {
    const when = s.every === 'week' ? `every ${WEEKDAYS[s.weekday ?? 0] ?? 'week'} at ${s.time} UTC` : `every day at ${s.time} UTC`;
    return `${s.id}: channel ${s.channelId}, ${when}${s.topic ? `, topic "${s.topic}"` : ''}; next ${s.next.slice(0, 16).replace('T', ' ')} UTC`;
  };
  const head = answer.action === 'scheduled' ? 'Digest scheduled (posted only when something new arrived since the last one):' : 'Digests unscheduled:';
  return `${[head, ...answer.schedules.map(line)].join('\n')}\n`;
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export function renderText(answer: Answer, style: TextStyle = DEFAULT_STYLE): string {
  switch (answer.kind) {
    case 'search':
      return renderSearch(answer, style);
    case 'sources':
      return renderSources(answer);
    case 'help':
      return renderHelp(answer);
    case 'who':
      return renderWho(answer);
    case 'quote':
      return renderQuote(answer);
    case 'timeline':
      return renderTimeline(answer);
    case 'brief':
      return renderBrief(answer);
    case 'corpus':
      return renderCorpus(answer);
    case 'schedule':
      return renderSchedule(answer);
  }
}
