import { parseDocument } from 'yaml';
import type { Article, ArticleOrigin, CorpusProblem } from '../domain/types.ts';

/** Front-matter fields a corpus file may carry. Anything else is reported as a warning. */
export const FRONT_MATTER_FIELDS = [
  'title', 'author', 'publisher', 'published', 'url', 'dateline', 'summary', 'credits',
] as const;

export type ParseResult =
  | { ok: true; article: Article; warnings: CorpusProblem[] }
  | { ok: false; problems: CorpusProblem[] };

const FRONT_MATTER = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

/** True for a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

function optionalText(
  data: Record<string, unknown>, field: string, file: string, problems: CorpusProblem[],
): string | null {
  const value = data[field];
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  if (typeof value === 'number') return String(value);
  problems.push({ file, field, reason: `"${field}" must be text`, severity: 'error' });
  return null;
}

/**
 * Parses one corpus file's decoded text into an Article. `.md` files may open with YAML front
 * matter; `.txt` files are all body, titled from their file name.
 */
export function parseArticle(
  file: string, id: string, text: string, origin: ArticleOrigin = { kind: 'corpus' },
): ParseResult {
  const problems: CorpusProblem[] = [];
  const warnings: CorpusProblem[] = [];
  let data: Record<string, unknown> = {};
  let bodyStart = 0;
  const isMarkdown = !file.toLowerCase().endsWith('.txt');

  if (isMarkdown && text.startsWith('---')) {
    const m = FRONT_MATTER.exec(text);
    if (!m) {
      return { ok: false, problems: [{ file, reason: 'front matter opens with "---" but is never closed', severity: 'error' }] };
    }
    const doc = parseDocument(m[1] ?? '', { prettyErrors: false });
    if (doc.errors.length > 0) {
      const first = doc.errors[0];
      return { ok: false, problems: [{ file, field: 'front matter', reason: `broken YAML front matter: ${first?.message.split('\n')[0] ?? 'parse error'}`, severity: 'error' }] };
    }
    const value: unknown = doc.toJS();
    if (value !== null && value !== undefined && (typeof value !== 'object' || Array.isArray(value))) {
      return { ok: false, problems: [{ file, field: 'front matter', reason: 'front matter must be a mapping of fields', severity: 'error' }] };
    }
    data = (value ?? {}) as Record<string, unknown>;
    bodyStart = m[0].length;
    for (const key of Object.keys(data)) {
      if (!(FRONT_MATTER_FIELDS as readonly string[]).includes(key)) {
        warnings.push({ file, field: key, reason: `unknown front-matter field "${key}" (ignored)`, severity: 'warning' });
      }
    }
  }

  let title = optionalText(data, 'title', file, problems);
  if (title === null) {
    if (isMarkdown) problems.push({ file, field: 'title', reason: 'missing "title" in front matter', severity: 'error' });
    else title = id.replace(/[_-]+/g, ' ').trim() || id;
  }

  let published: string | null = null;
  const rawPublished = data.published;
  if (rawPublished instanceof Date) {
    published = rawPublished.toISOString().slice(0, 10);
  } else if (rawPublished !== undefined && rawPublished !== null) {
    const value = typeof rawPublished === 'string' || typeof rawPublished === 'number' ? String(rawPublished).trim() : JSON.stringify(rawPublished);
    if (!isIsoDate(value)) {
      problems.push({ file, field: 'published', reason: `"published" must be a date written YYYY-MM-DD, got "${value}"`, severity: 'error' });
    } else {
      published = value;
    }
  }

  let summary: string[] = [];
  const rawSummary = data.summary;
  if (Array.isArray(rawSummary)) {
    summary = rawSummary.map((s) => String(s).trim()).filter((s) => s !== '');
  } else if (typeof rawSummary === 'string') {
    summary = [rawSummary.trim()].filter((s) => s !== '');
  } else if (rawSummary !== undefined && rawSummary !== null) {
    problems.push({ file, field: 'summary', reason: '"summary" must be a list of lines', severity: 'error' });
  }

  const url = optionalText(data, 'url', file, problems);
  if (url !== null && !/^https?:\/\/\S+$/i.test(url)) {
    problems.push({ file, field: 'url', reason: `"url" must be an http(s) address, got "${url}"`, severity: 'error' });
  }

  const article: Article = {
    id,
    file,
    title: title ?? id,
    author: optionalText(data, 'author', file, problems),
    publisher: optionalText(data, 'publisher', file, problems),
    published,
    url,
    dateline: optionalText(data, 'dateline', file, problems),
    summary,
    credits: optionalText(data, 'credits', file, problems),
    text,
    bodyStart,
    origin,
  };

  if (text.slice(bodyStart).trim() === '') {
    problems.push({ file, reason: 'the article has no body text', severity: 'error' });
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, article, warnings };
}
