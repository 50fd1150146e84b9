/**
 * The parsed bundled corpus in the snapshot: each article's front matter (JSON, small), its
 * passages as (article, start, end, section) rows of one Int32 section, and the problems found
 * while parsing. The article text itself is not stored: it is decoded, when first read, from the
 * file bytes the scan read to check the snapshot key, and passages are slices of it. So a start-up
 * from a matching snapshot reads and hashes the files but parses and decodes none of them.
 */
import { basename } from 'node:path';
import type { Article, CorpusProblem, Passage } from '../domain/types.ts';
import { articleIdFor, decodeText, type LoadedCorpus, type ScannedCorpus } from '../ingest/load.ts';
import { bytesOf, int32View } from './strings.ts';

const PASSAGES = 'corpus.passages';
const WIDTH = 4;

interface SavedArticle {
  /** File name in the corpus dir. */
  name: string;
  title: string;
  author: string | null;
  publisher: string | null;
  published: string | null;
  url: string | null;
  dateline: string | null;
  summary: string[];
  credits: string | null;
  bodyStart: number;
}

interface SavedProblem {
  name: string;
  field?: string;
  reason: string;
  severity: CorpusProblem['severity'];
}

/** The corpus part of the snapshot's JSON data. */
export interface CorpusMeta {
  articles: SavedArticle[];
  sections: string[];
  problems: SavedProblem[];
}

/**
 * Encodes the bundled-corpus articles (origin `corpus`) among `articles`, their passages, and the
 * problems of their files. Guild articles are left out: the guild store keeps them.
 */
export function encodeCorpus(
  articles: readonly Article[], passages: readonly Passage[], problems: readonly CorpusProblem[],
): { meta: CorpusMeta; sections: Map<string, Uint8Array> } {
  const saved: SavedArticle[] = [];
  const indexOf = new Map<string, number>();
  for (const a of articles) {
    if (a.origin.kind !== 'corpus') continue;
    indexOf.set(a.id, saved.length);
    saved.push({
      name: basename(a.file), title: a.title, author: a.author, publisher: a.publisher, published: a.published, url: a.url,
      dateline: a.dateline, summary: a.summary, credits: a.credits, bodyStart: a.bodyStart,
    });
  }
  const sections: string[] = [];
  const sectionIds = new Map<string, number>();
  const rows: number[] = [];
  for (const p of passages) {
    const a = indexOf.get(p.articleId);
    if (a === undefined) continue;
    let s = -1;
    if (p.section !== null) {
      s = sectionIds.get(p.section) ?? sections.length;
      if (s === sections.length) {
        sections.push(p.section);
        sectionIds.set(p.section, s);
      }
    }
    rows.push(a, p.start, p.end, s);
  }
  const savedProblems = problems.map((p): SavedProblem => ({
    name: basename(p.file), ...(p.field !== undefined ? { field: p.field } : {}), reason: p.reason, severity: p.severity,
  }));
  return { meta: { articles: saved, sections, problems: savedProblems }, sections: new Map([[PASSAGES, bytesOf(Int32Array.from(rows))]]) };
}

/**
 * Rebuilds the loaded corpus from the snapshot's corpus part and the scan whose hash matched its
 * key: articles as the loader would have parsed them (same ids, offsets and file paths), problems
 * in file order. Throws a clear error when the saved part does not fit the scanned files.
 */
export function decodeCorpus(meta: unknown, sections: ReadonlyMap<string, Uint8Array>, scan: ScannedCorpus): LoadedCorpus {
  const m = (meta ?? {}) as Partial<CorpusMeta>;
  if (!Array.isArray(m.articles) || !Array.isArray(m.sections) || !Array.isArray(m.problems)) throw new Error('saved corpus: missing articles, sections or problems');
  const rowsBytes = sections.get(PASSAGES);
  if (rowsBytes === undefined) throw new Error(`saved corpus: section ${PASSAGES} is missing`);
  const rows = int32View(rowsBytes, PASSAGES);
  if (rows.length % WIDTH !== 0) throw new Error(`saved corpus: section ${PASSAGES} has a partial row`);

  const byName = new Map(scan.files.map((f) => [f.name, f]));
  const origin = { kind: 'corpus' } as const;
  // Each article's file size: its text has at most that many UTF-16 units (offsets are checked against it).
  const sizes: number[] = [];
  const articles: Article[] = m.articles.map((s) => {
    const f = byName.get(s.name);
    if (!f?.bytes) throw new Error(`saved corpus: file ${s.name} was not read`);
    sizes.push(f.bytes.length);
    if (!(s.bodyStart >= 0 && s.bodyStart <= f.bytes.length)) throw new Error(`saved corpus: body offset of ${s.name} out of range`);
    return withLazyText({
      id: articleIdFor(s.name),
      file: f.file, title: s.title, author: s.author, publisher: s.publisher, published: s.published, url: s.url,
      dateline: s.dateline, summary: s.summary, credits: s.credits, bodyStart: s.bodyStart, origin,
    }, f.name, f.bytes);
  });
  const passages = new Array<Passage>(rows.length / WIDTH);
  const counts = new Int32Array(articles.length);
  for (let i = 0; i < passages.length; i += 1) {
    const r = i * WIDTH;
    const ai = rows[r] ?? -1;
    const start = rows[r + 1] ?? -1;
    const end = rows[r + 2] ?? -1;
    const si = rows[r + 3] ?? -1;
    const article = articles[ai];
    const size = sizes[ai];
    if (article === undefined || size === undefined) throw new Error('saved corpus: passage of an unknown article');
    if (!(start >= article.bodyStart && end >= start && end <= size)) throw new Error(`saved corpus: passage offsets of ${article.id} out of range`);
    const section = si === -1 ? null : m.sections[si];
    if (section === undefined || (section !== null && typeof section !== 'string')) throw new Error('saved corpus: unknown section');
    counts[ai] = (counts[ai] ?? 0) + 1;
    const n = counts[ai] ?? 0;
    passages[i] = new SnapshotPassage(`${article.id}#p${n}`, article, n, section, start, end);
  }

  // Problems in file order: the scan's own (fresh), then what parsing found per file, as saved.
  const saved = new Map<string, CorpusProblem[]>();
  for (const p of m.problems) {
    const f = byName.get(p.name);
    if (!f?.bytes) continue; // that file now has a scan problem of its own
    const list = saved.get(p.name) ?? [];
    list.push({ file: f.file, ...(p.field !== undefined ? { field: p.field } : {}), reason: p.reason, severity: p.severity });
    saved.set(p.name, list);
  }
  const problems: CorpusProblem[] = [...scan.problems];
  for (const f of scan.files) {
    if (f.problem) problems.push(f.problem);
    else problems.push(...(saved.get(f.name) ?? []));
  }
  return { articles, passages, problems, contentHash: scan.contentHash };
}

/**
 * `article` with a `text` decoded from `bytes` on first read (and the bytes then let go): a
 * start-up from a snapshot decodes no article until a service reads it, which at 500k passages
 * saves a second of decoding and most of the garbage collection (the texts are 400 MB). The bytes
 * are those whose hash matched the snapshot key, so they decode as they did when parsed; `text`
 * stays an own, enumerable property, so spreading or comparing an article reads it.
 */
function withLazyText(article: Omit<Article, 'text'>, name: string, bytes: Uint8Array): Article {
  let source: Uint8Array | null = bytes;
  let text: string | undefined;
  return Object.defineProperty(article, 'text', {
    enumerable: true,
    get(): string {
      if (text === undefined) {
        const decoded = decodeText(source ?? new Uint8Array());
        // Cannot happen: these bytes decoded when the snapshot was made (the key hashes them).
        if (!decoded.ok) throw new Error(`corpus file ${name} no longer decodes (${decoded.reason})`);
        text = decoded.text;
        source = null;
      }
      return text;
    },
  }) as Article;
}

/**
 * A passage whose `text` is sliced from its article's on first read (see `withLazyText`). A class,
 * not an object literal with a getter: that costs 630 bytes and 2.5 µs a passage, this 130 bytes
 * and 0.5 µs. The getter is on the prototype, so `toJSON` writes the text out as a field.
 */
class SnapshotPassage implements Passage {
  readonly articleId: string;
  #article: Article;
  #text: string | undefined;
  constructor(
    readonly id: string, article: Article, readonly n: number, readonly section: string | null,
    readonly start: number, readonly end: number,
  ) {
    this.articleId = article.id;
    this.#article = article;
  }

  get text(): string {
    return (this.#text ??= this.#article.text.slice(this.start, this.end));
  }

  toJSON(): Passage {
    return { id: this.id, articleId: this.articleId, n: this.n, section: this.section, text: this.text, start: this.start, end: this.end };
  }
}
