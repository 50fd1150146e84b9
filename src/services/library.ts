import type { Article, Citation, CorpusProblem, Passage } from '../domain/types.ts';
import { splitSentences } from '../ingest/sentences.ts';
import type { KnowledgeStore, PersonRecord } from '../knowledge/store.ts';
import type { PassageIndex } from '../search/index.ts';
import { BoundedCache } from './memo.ts';

/**
 * Everything the services read: the loaded corpus, its passage index and (later) the knowledge
 * store. Built once by the composition root; replaced whole when the corpus changes.
 */
export interface Library {
  articles: readonly Article[];
  passages: readonly Passage[];
  articleById: ReadonlyMap<string, Article>;
  passageById: ReadonlyMap<string, Passage>;
  index: PassageIndex;
  /** People, quotations and events merged across articles. */
  knowledge: KnowledgeStore;
  personById: ReadonlyMap<string, PersonRecord>;
  /** Identifies this state of the corpus (shown in footers; part of the snapshot key). */
  version: string;
  /**
   * Problems found loading the bundled corpus files, kept so a snapshot of this library can
   * report them again at a start-up that parses nothing. Default: none.
   */
  corpusProblems?: readonly CorpusProblem[];
}

export interface LibraryParts {
  articles: readonly Article[];
  passages: readonly Passage[];
  index: PassageIndex;
  /**
   * The knowledge store, or a function that returns it (called once, on the library's first read
   * of `knowledge`; it must not throw: see storage/knowledge-codec.ts openKnowledge).
   */
  knowledge: KnowledgeStore | (() => KnowledgeStore);
  version: string;
  /** See Library.corpusProblems. Default: none. */
  corpusProblems?: readonly CorpusProblem[];
}

/**
 * The library over `parts`. Its lookup maps (articleById, passageById, personById) and a deferred
 * knowledge store are built on first read, not here, so a start-up does not wait for them
 * (warm.ts builds them in the background); they read as own, enumerable properties like the others.
 */
export function createLibrary(parts: LibraryParts): Library {
  const { knowledge: given, ...rest } = parts;
  let knowledge = typeof given === 'function' ? undefined : given;
  const store = (): KnowledgeStore => (knowledge ??= (given as () => KnowledgeStore)());
  let articleById: ReadonlyMap<string, Article> | undefined;
  let passageById: ReadonlyMap<string, Passage> | undefined;
  let personById: ReadonlyMap<string, PersonRecord> | undefined;
  return {
    ...rest,
    get knowledge(): KnowledgeStore {
      return store();
    },
    get articleById(): ReadonlyMap<string, Article> {
      return (articleById ??= new Map(parts.articles.map((a) => [a.id, a])));
    },
    get passageById(): ReadonlyMap<string, Passage> {
      return (passageById ??= new Map(parts.passages.map((p) => [p.id, p])));
    },
    get personById(): ReadonlyMap<string, PersonRecord> {
      return (personById ??= new Map(store().people.map((p) => [p.id, p])));
    },
  };
}

/**
 * A citation of `passage`, with the excerpt `passage.text.slice(from, to)` (the whole passage by
 * default): the one way citations are made, so every excerpt is verbatim text of its passage.
 */
export function cite(library: Library, passage: Passage, from = 0, to = passage.text.length): Citation {
  const article = library.articleById.get(passage.articleId);
  if (!article) throw new Error(`passage ${passage.id} has no article`);
  return {
    article: article.id,
    passage: passage.id,
    title: article.title,
    author: article.author,
    publisher: article.publisher,
    published: article.published,
    url: article.url,
    excerpt: passage.text.slice(from, to),
    paragraph: passage.n,
    cutBefore: from > 0,
    cutAfter: to < passage.text.length,
  };
}

/**
 * Sentence spans of recently cited passages (a person's or an event's passages are cited again and
 * again), per library, so a replaced library's passages go with it: room for every passage of a
 * 100k-passage corpus, a few hundred bytes each.
 */
const SENTENCE_SPANS = new WeakMap<Library, BoundedCache<Passage, ReturnType<typeof splitSentences>>>();
/** Most passages whose sentence spans one library keeps. */
const SENTENCE_SPANS_MAX = 131_072;

function sentenceSpans(library: Library): BoundedCache<Passage, ReturnType<typeof splitSentences>> {
  let cache = SENTENCE_SPANS.get(library);
  if (!cache) SENTENCE_SPANS.set(library, (cache = new BoundedCache(SENTENCE_SPANS_MAX)));
  return cache;
}

/**
 * A citation whose excerpt is the sentence(s) of `passage` around the file range `[start, end)`:
 * how a role, a quote or an event is shown in context.
 */
export function citeSentence(library: Library, passage: Passage, start: number, end: number): Citation {
  const from = Math.max(0, start - passage.start);
  const to = Math.min(passage.text.length, Math.max(from, end - passage.start));
  const sentences = sentenceSpans(library).get(passage, (p) => splitSentences(p.text));
  const first = sentences.find((s) => s.end > from) ?? { start: 0, end: passage.text.length };
  const last = [...sentences].reverse().find((s) => s.start < to) ?? first;
  return cite(library, passage, Math.min(first.start, from), Math.max(last.end, to));
}
