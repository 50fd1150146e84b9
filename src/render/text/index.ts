import type { Answer, HelpAnswer, SearchAnswer, SourcesAnswer } from '../../domain/answer.ts';
import { citationLabel, excerptWithEllipses, formatDate, markHighlights, plural } from '../format.ts';

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

export function renderText(answer: Answer, style: TextStyle = DEFAULT_STYLE): string {
  switch (answer.kind) {
    case 'search':
      return renderSearch(answer, style);
    case 'sources':
      return renderSources(answer);
    case 'help':
      return renderHelp(answer);
  }
}
