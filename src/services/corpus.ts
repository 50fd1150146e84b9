/**
 * /corpus: what moderators do to their guild's corpus (add, remove, list, history). Each change is
 * stored (storage/guild-corpus.ts), indexed live (live-library.ts) and written to the audit log.
 * A guild only ever sees and removes its own articles.
 */
import { stringify } from 'yaml';
import type { BriefAnswer, CorpusAnswer, GuildArticleSummary } from '../domain/answer.ts';
import { isIsoDate } from '../ingest/parse.ts';
import type { AuditLog } from '../storage/audit.ts';
import { checkGuildId, GuildIdError, slugOf, type GuildCorpusStore, type StoredArticle } from '../storage/guild-corpus.ts';
import { UserError } from './errors.ts';
import type { Library } from './library.ts';
import type { LiveLibrary } from './live-library.ts';
import { guildScope, visiblePerson } from './scope.ts';

export interface CorpusServiceOptions {
  store: GuildCorpusStore;
  live: LiveLibrary;
  audit: AuditLog;
}

/** An article typed into the /corpus add modal. */
export interface ArticleFields {
  title: string;
  publisher?: string;
  /** `YYYY-MM-DD`. */
  date?: string;
  url?: string;
  text: string;
}

function guildOf(guildId: string): string {
  try {
    return checkGuildId(guildId);
  } catch (error) {
    if (error instanceof GuildIdError) throw new UserError(error.message, 'guild');
    throw error;
  }
}

function summaryOf(s: StoredArticle): GuildArticleSummary {
  const a = s.article;
  return { id: a.id, title: a.title, author: a.author, publisher: a.publisher, published: a.published, url: a.url, passages: s.passages.length, addedBy: s.entry.addedBy, addedAt: s.entry.addedAt };
}

/**
 * What indexing found in one article of `library`, as its guild sees it. Scans the library's
 * lists once rather than building the derived indexes (`derived.ts`): those are for query
 * threads, and on a large corpus the main thread would stall building them for one reply.
 */
function foundIn(library: Library, guildId: string, articleId: string): { passages: number; people: string[]; quotes: number; events: number } {
  const scope = guildScope(library, guildId);
  const inArticle = (o: { articleId: string }): boolean => o.articleId === articleId;
  const people = library.knowledge.people
    .filter((p) => p.mentions.some(inArticle))
    .map((p) => visiblePerson(p, scope, library)?.name)
    .filter((n): n is string => n !== undefined);
  let passages = 0;
  for (const p of library.passages) if (p.articleId === articleId) passages += 1;
  return {
    passages,
    people,
    quotes: library.knowledge.quotes.filter((q) => q.occurrences.some(inArticle)).length,
    events: library.knowledge.events.filter((e) => e.occurrences.some(inArticle)).length,
  };
}

export class CorpusService {
  constructor(private readonly options: CorpusServiceOptions) {}

  /**
   * Adds a file (an attachment or a CLI path) to the guild's corpus and indexes it live. A file
   * that is too big, binary, not UTF-8 or with broken front matter is refused with the reason
   * (a UserError) and nothing is stored; the refusal is audited.
   */
  async add(input: { guildId: string; userId: string | null; name: string; bytes: Uint8Array }): Promise<CorpusAnswer> {
    const guildId = guildOf(input.guildId);
    const { store, live, audit } = this.options;
    const bundled = (id: string): boolean => live.current().articleById.get(id)?.origin.kind === 'corpus';
    const result = await store.add({ guildId, name: input.name, bytes: input.bytes, userId: input.userId, taken: bundled });
    if (!result.ok) {
      const reason = result.problems.map((p) => `${p.field ? `${p.field}: ` : ''}${p.reason}`).join('; ');
      await audit.append({ action: 'corpus.refused', guildId, userId: input.userId, articleIds: [], detail: `${input.name}: ${reason}` });
      throw new UserError(`${input.name} was not added: ${reason}.`, 'file');
    }
    const { stored } = result;
    await audit.append({ action: 'corpus.add', guildId, userId: input.userId, articleIds: [stored.entry.id], detail: stored.article.title });
    const library = await live.reindex();
    return {
      kind: 'corpus', action: 'add', guildId, article: summaryOf(stored),
      found: foundIn(library, guildId, stored.entry.id),
      warnings: result.warnings.map((w) => `${w.field ? `${w.field}: ` : ''}${w.reason}`),
    };
  }

  /** Adds an article typed into a form (the /corpus add modal): written as a Markdown corpus file, then as `add`. */
  async addFields(input: { guildId: string; userId: string | null; fields: ArticleFields }): Promise<CorpusAnswer> {
    const f = input.fields;
    const title = f.title.trim();
    if (title === '') throw new UserError('The article needs a title.', 'title');
    const date = f.date?.trim() || undefined;
    if (date !== undefined && !isIsoDate(date)) throw new UserError(`date must be written YYYY-MM-DD, got "${date}".`, 'date');
    const front: Record<string, string> = { title };
    if (f.publisher?.trim()) front.publisher = f.publisher.trim();
    if (date) front.published = date;
    if (f.url?.trim()) front.url = f.url.trim();
    const text = `---\n${stringify(front)}---\n\n${f.text.replace(/\r\n?/g, '\n').trim()}\n`;
    return this.add({ guildId: input.guildId, userId: input.userId, name: `${slugOf(title)}.md`, bytes: new TextEncoder().encode(text) });
  }

  /** Removes one of the guild's own articles (another guild's id is "not found") and re-indexes. */
  async remove(input: { guildId: string; userId: string | null; id: string }): Promise<CorpusAnswer> {
    const guildId = guildOf(input.guildId);
    const id = input.id.trim();
    const removed = await this.options.store.remove(guildId, id);
    if (!removed) throw new UserError(`This server has added no article with id "${id}". /corpus list shows the ones it has.`, 'id');
    await this.options.audit.append({ action: 'corpus.remove', guildId, userId: input.userId, articleIds: [id], detail: removed.article.title });
    await this.options.live.reindex();
    return { kind: 'corpus', action: 'remove', guildId, article: summaryOf(removed) };
  }

  /** The guild's added articles (every guild's when `guildId` is null: operators only). */
  list(guildId: string | null): CorpusAnswer {
    const g = guildId === null ? null : guildOf(guildId);
    return { kind: 'corpus', action: 'list', guildId: g, articles: this.options.store.list(g).map(summaryOf) };
  }

  /** Who changed what, when: the guild's audit entries (every guild's when null), newest last. */
  async history(guildId: string | null, limit = 25): Promise<CorpusAnswer> {
    const g = guildId === null ? null : guildOf(guildId);
    const entries = await this.options.audit.read({ guildId: g, limit });
    return { kind: 'corpus', action: 'history', guildId: g, entries: entries.map((e) => ({ time: e.time, guildId: e.guildId, userId: e.userId, action: e.action, articleIds: e.articleIds, detail: e.detail })) };
  }

  /** The guild's own articles matching `prefix` (id or title): /corpus remove autocomplete. */
  suggestArticles(guildId: string, prefix: string, limit = 25): Array<{ id: string; title: string }> {
    const p = prefix.trim().toLowerCase();
    return this.options.store.list(guildOf(guildId))
      .filter((s) => p === '' || s.entry.id.toLowerCase().includes(p) || s.article.title.toLowerCase().includes(p))
      .slice(0, limit)
      .map((s) => ({ id: s.entry.id, title: s.article.title }));
  }

  /** Records a briefing posted to a channel (the Discord transport calls it after posting). */
  async recordPost(input: { guildId: string; userId: string | null; channelId: string; answer: BriefAnswer }): Promise<void> {
    await this.options.audit.append({ action: 'brief.post', guildId: input.guildId, userId: input.userId, articleIds: input.answer.sources.map((s) => s.id), detail: `channel ${input.channelId}` });
  }

  /** Records a refused moderator command (not a moderator). */
  async recordDenied(input: { guildId: string | null; userId: string | null; command: string }): Promise<void> {
    await this.options.audit.append({ action: 'permission.denied', guildId: input.guildId, userId: input.userId, articleIds: [], detail: `/${input.command}` });
  }
}
