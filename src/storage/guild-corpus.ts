/**
 * Articles added by guilds, stored as corpus files under the data dir:
 *
 *     <dataDir>/guilds/<guildId>/manifest.json        the list of the guild's articles (the truth)
 *     <dataDir>/guilds/<guildId>/articles/<id>.md      one corpus file per article, bytes as given
 *
 * An add writes the file, then the manifest; a remove writes the manifest, then deletes the file;
 * each write is atomic (temp file, fsync, rename). A crash at any point leaves the old state or the
 * new: on open, files the manifest does not list (and temp files) are leftovers and are deleted.
 *
 * Several processes may share one data dir (the bot and a `dossier corpus` command run beside it,
 * or several `serve` instances on one volume). Changes are serialized through one queue per store
 * and, across processes, by the lock file `<dataDir>/guilds/.lock`; each change first re-reads
 * the guild's manifest, so it never writes back a list that misses another process's article.
 * `refresh()` reads in what other processes changed.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, rm } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { Article, CorpusProblem, Passage } from '../domain/types.ts';
import { articleFromBytes, CORPUS_EXTENSIONS, MAX_FILE_BYTES } from '../ingest/load.ts';
import type { Logger } from '../log.ts';
import { fileSignature, writeFileAtomic } from './atomic.ts';
import { withFileLock, type FileLockOptions } from './lock.ts';

export const MANIFEST_FORMAT = 'dossier-guild-corpus';
export const MANIFEST_FILE = 'manifest.json';
/** The lock file, under `<dataDir>/guilds/`, held by a process while it changes the store. */
export const LOCK_FILE = '.lock';
/** Longest name part of an article id (after the `g<guildId>-` prefix). */
export const MAX_SLUG_CHARS = 60;

/** One article of a guild's corpus, as the manifest records it. */
export interface GuildArticleEntry {
  /** `g<guildId>-<slug>`: never the id of a bundled article nor of another guild's. */
  id: string;
  guildId: string;
  /** File name under the guild's `articles/` folder. */
  file: string;
  sha256: string;
  bytes: number;
  /** The title shown (for `.txt` files, made from the name the file was added under). */
  title: string;
  /** The name the file was added under (attachment or CLI path basename). */
  originalName: string;
  addedAt: string;
  addedBy: string | null;
}

interface Manifest {
  format: typeof MANIFEST_FORMAT;
  version: 1;
  guildId: string;
  articles: GuildArticleEntry[];
}

/** A stored article with its parsed form (what the library is built from). */
export interface StoredArticle {
  entry: GuildArticleEntry;
  article: Article;
  passages: Passage[];
}

/** Named points between the write steps, where tests inject a crash. */
export type StoreStep = 'add:file-written' | 'add:manifest-written' | 'remove:manifest-written' | 'remove:file-deleted';

export interface GuildCorpusOptions {
  dataDir: string;
  log: Logger;
  /** Called after each write step (tests throw or kill the process here). Default: nothing. */
  afterStep?: (step: StoreStep) => void | Promise<void>;
  /** The clock for `addedAt`. Default: `() => new Date()`. */
  now?: () => Date;
  /**
   * Only read: leftovers of interrupted writes are left for the writer to clean, and every write
   * throws. For a process that serves queries beside the one that changes the corpus. Default false.
   */
  readOnly?: boolean;
  /** How long to wait for another process's change, and when its lock counts as abandoned (lock.ts). */
  lock?: FileLockOptions;
}

export interface AddInput {
  guildId: string;
  /** The file name it came under (`talks.md`); its extension says how it is parsed. */
  name: string;
  bytes: Uint8Array;
  userId: string | null;
  /** Ids already taken outside the guild store (the bundled corpus). */
  taken?: (id: string) => boolean;
}

export type AddResult =
  | { ok: true; stored: StoredArticle; warnings: CorpusProblem[] }
  | { ok: false; problems: CorpusProblem[] };

/** Thrown for a guild id that cannot be one (it becomes part of a path). */
export class GuildIdError extends Error {}

/** Discord ids are digits; anything else is refused before it reaches a path. */
export function checkGuildId(guildId: string): string {
  if (!/^\d{1,20}$/.test(guildId)) throw new GuildIdError(`guild id must be a Discord id (digits), got "${guildId}"`);
  return guildId;
}

/** The id part made from a file name: lower case letters, digits, `-` and `_`. */
export function slugOf(name: string): string {
  const base = name.replace(/\.[^.]*$/, '');
  const slug = base.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-').replace(/-{2,}/g, '-').replace(/^[-_]+|[-_]+$/g, '').slice(0, MAX_SLUG_CHARS).replace(/[-_]+$/, '');
  return slug || 'article';
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function isNotFound(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT';
}

/** The guild corpora of one data dir. Open it with `GuildCorpusStore.open`. */
export class GuildCorpusStore {
  private readonly byGuild = new Map<string, Map<string, StoredArticle>>();
  /** Guilds whose manifest could not be read: nothing is written there until it is fixed. */
  private readonly damaged = new Map<string, string>();
  /** Each loaded guild's manifest as last read (inode, mtime, size; '' when it had none). */
  private readonly seen = new Map<string, string>();
  private queue: Promise<unknown> = Promise.resolve();
  /** Problems found when opening (skipped entries, damaged manifests, removed leftovers). */
  readonly problems: CorpusProblem[] = [];

  private constructor(private readonly options: GuildCorpusOptions) {}

  /** Reads every guild's manifest and articles; deletes the leftovers of interrupted writes. */
  static async open(options: GuildCorpusOptions): Promise<GuildCorpusStore> {
    const store = new GuildCorpusStore(options);
    const load = async (): Promise<void> => {
      for (const guildId of await store.guildIds()) await store.loadGuild(guildId, { clean: !options.readOnly, report: true });
    };
    // Leftovers are only told apart from another process's add in progress while holding the lock.
    if (options.readOnly) await load();
    else await store.locked(load);
    return store;
  }

  /**
   * Reads in the guilds whose manifest another process changed since this store last read or
   * wrote it (and guilds it created). True when anything changed; the problems found are logged.
   */
  refresh(): Promise<boolean> {
    const task = async (): Promise<boolean> => {
      const ids = await this.guildIds();
      const changed: string[] = [];
      for (const guildId of ids) {
        if ((await this.signature(guildId)) !== this.seen.get(guildId)) changed.push(guildId);
      }
      for (const guildId of this.byGuild.keys()) if (!ids.includes(guildId)) changed.push(guildId);
      if (changed.length === 0) return false;
      for (const guildId of changed) {
        if (ids.includes(guildId)) await this.loadGuild(guildId, { clean: false, report: false });
        else {
          this.byGuild.delete(guildId);
          this.seen.delete(guildId);
          this.damaged.delete(guildId);
        }
      }
      return true;
    };
    if (this.options.readOnly) return task();
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async guildIds(): Promise<string[]> {
    try {
      return (await readdir(this.guildsDir(), { withFileTypes: true })).filter((d) => d.isDirectory() && /^\d{1,20}$/.test(d.name)).map((d) => d.name).sort();
    } catch (error) {
      if (!isNotFound(error)) throw error;
      return [];
    }
  }

  /** The guild manifest's signature ('' when it has none). */
  private signature(guildId: string): Promise<string> {
    return fileSignature(join(this.guildDir(guildId), MANIFEST_FILE));
  }

  private locked<T>(task: () => Promise<T>): Promise<T> {
    return withFileLock(join(this.guildsDir(), LOCK_FILE), task, this.options.lock);
  }

  private guildsDir(): string {
    return join(this.options.dataDir, 'guilds');
  }

  private guildDir(guildId: string): string {
    return join(this.guildsDir(), checkGuildId(guildId));
  }

  /**
   * Reads a guild's manifest and articles. `clean`: delete the leftovers of interrupted writes
   * (only while holding the lock). `report`: add the problems found to `problems` (on open), else
   * log them. An article whose manifest entry is unchanged is kept as parsed, not read again; a
   * manifest that cannot be read keeps the guild's articles as they were and its changes refused.
   */
  private async loadGuild(guildId: string, how: { clean: boolean; report: boolean }): Promise<void> {
    const problem = (p: CorpusProblem): void => {
      if (how.report) this.problems.push(p);
      else this.options.log.warn('guild corpus problem', { file: p.file, reason: p.reason });
    };
    const dir = this.guildDir(guildId);
    const manifestPath = join(dir, MANIFEST_FILE);
    const signature = await this.signature(guildId);
    let manifest: Manifest = { format: MANIFEST_FORMAT, version: 1, guildId, articles: [] };
    try {
      const value = JSON.parse(await readFile(manifestPath, 'utf8')) as Partial<Manifest>;
      if (value.format !== MANIFEST_FORMAT || !Array.isArray(value.articles)) throw new Error('not a guild corpus manifest');
      manifest = value as Manifest;
    } catch (error) {
      if (!isNotFound(error)) {
        const reason = `guild corpus manifest is unreadable (${(error as Error).message}); nothing is changed in this guild until it is fixed`;
        this.damaged.set(guildId, reason);
        this.seen.set(guildId, signature);
        if (how.report) this.problems.push({ file: manifestPath, reason, severity: 'error' });
        this.options.log.error('guild corpus manifest unreadable', { file: manifestPath, error });
        return;
      }
    }
    this.damaged.delete(guildId);
    const before = this.byGuild.get(guildId);
    const articles = new Map<string, StoredArticle>();
    const listed = new Set(manifest.articles.map((e) => e.file));
    // Leftovers of an interrupted add or remove: files the manifest does not list, temp files.
    if (how.clean && !this.options.readOnly) {
      await this.cleanLeftovers(dir, (name) => name === MANIFEST_FILE || name === 'articles');
      await this.cleanLeftovers(join(dir, 'articles'), (name) => listed.has(name));
    }
    for (const entry of manifest.articles) {
      const known = before?.get(entry.id);
      if (known && known.entry.file === entry.file && known.entry.sha256 === entry.sha256) {
        articles.set(entry.id, known);
        continue;
      }
      const file = join(dir, 'articles', entry.file);
      let bytes: Buffer;
      try {
        bytes = await readFile(file);
      } catch (error) {
        problem({ file, reason: `listed in the manifest but cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`, severity: 'error' });
        continue;
      }
      if (sha256(bytes) !== entry.sha256) {
        problem({ file, reason: 'its contents differ from what was added (changed outside Dossier)', severity: 'warning' });
      }
      const parsed = this.parse(entry, file, bytes);
      if (!parsed.ok) {
        for (const p of parsed.problems) problem(p);
        continue;
      }
      articles.set(entry.id, parsed.stored);
    }
    this.byGuild.set(guildId, articles);
    this.seen.set(guildId, signature);
  }

  private async cleanLeftovers(dir: string, keep: (name: string) => boolean): Promise<void> {
    let names: string[];
    try {
      names = await readdir(dir);
    } catch (error) {
      if (isNotFound(error)) return;
      throw error;
    }
    for (const name of names) {
      if (keep(name)) continue;
      await rm(join(dir, name), { force: true, recursive: true });
      this.options.log.info('removed a leftover of an interrupted write', { file: join(dir, name) });
    }
  }

  private parse(entry: GuildArticleEntry, file: string, bytes: Uint8Array): AddResult {
    const result = articleFromBytes(file, bytes, { kind: 'guild', guildId: entry.guildId });
    if (!result.ok) return result;
    // A .txt file is titled from the name it was added under, not from its stored id.
    const article = extname(file).toLowerCase() === '.txt' ? { ...result.article, title: entry.title } : result.article;
    return { ok: true, stored: { entry: { ...entry, title: article.title }, article, passages: result.passages }, warnings: result.warnings };
  }

  /**
   * Runs `task` after every change queued before it, holding the lock, on the guild as it is on
   * disk now (another process may have changed it since this store last read it).
   */
  private change<T>(guildId: string, task: () => Promise<T>): Promise<T> {
    if (this.options.readOnly) return Promise.reject(new Error('this guild corpus store was opened read-only'));
    const locked = (): Promise<T> => this.locked(async () => {
      if ((await this.signature(guildId)) !== this.seen.get(guildId)) await this.loadGuild(guildId, { clean: false, report: false });
      return task();
    });
    const run = this.queue.then(locked, locked);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async writeManifest(guildId: string, articles: readonly GuildArticleEntry[]): Promise<void> {
    const manifest: Manifest = { format: MANIFEST_FORMAT, version: 1, guildId, articles: [...articles] };
    await writeFileAtomic(join(this.guildDir(guildId), MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  }

  /**
   * Validates a file exactly as the corpus loader does (size, binary, UTF-8, front matter, title,
   * body) and stores it for the guild. A refused file comes back with its problems, and nothing is
   * written. The same bytes added twice to a guild are refused too.
   */
  add(input: AddInput): Promise<AddResult> {
    const guildId = checkGuildId(input.guildId);
    const name = input.name.trim() || 'article.md';
    const ext = extname(name).toLowerCase();
    if (!(CORPUS_EXTENSIONS as readonly string[]).includes(ext)) {
      return Promise.resolve({ ok: false, problems: [{ file: name, reason: `only ${CORPUS_EXTENSIONS.join(' and ')} files can be added, not "${ext || 'no extension'}"`, severity: 'error' }] });
    }
    if (input.bytes.length > MAX_FILE_BYTES) {
      return Promise.resolve({ ok: false, problems: [{ file: name, reason: `file is ${(input.bytes.length / 1024 / 1024).toFixed(1)} MB, over the 5 MB limit`, severity: 'error' }] });
    }
    return this.change(guildId, async () => {
      const damaged = this.damaged.get(guildId);
      if (damaged) return { ok: false, problems: [{ file: join(this.guildDir(guildId), MANIFEST_FILE), reason: damaged, severity: 'error' }] };
      const current = this.byGuild.get(guildId) ?? new Map<string, StoredArticle>();
      const hash = sha256(input.bytes);
      const same = [...current.values()].find((s) => s.entry.sha256 === hash);
      if (same) return { ok: false, problems: [{ file: name, reason: `this file was already added as ${same.entry.id}`, severity: 'error' }] };

      const base = `g${guildId}-${slugOf(name)}`;
      let id = base;
      for (let n = 2; current.has(id) || (input.taken?.(id) ?? false); n += 1) id = `${base}-${n}`;
      const fileName = `${id}${ext}`;
      const path = join(this.guildDir(guildId), 'articles', fileName);
      const entry: GuildArticleEntry = {
        id, guildId, file: fileName, sha256: hash, bytes: input.bytes.length,
        title: name.replace(/\.[^.]*$/, '').replace(/[_-]+/g, ' ').trim() || id,
        originalName: name, addedAt: (this.options.now?.() ?? new Date()).toISOString(), addedBy: input.userId,
      };
      // Validate before anything is written: the problems name the file as it was given.
      const parsed = this.parse(entry, path, input.bytes);
      if (!parsed.ok) return { ok: false, problems: parsed.problems.map((p) => ({ ...p, file: name })) };

      await writeFileAtomic(path, input.bytes);
      await this.options.afterStep?.('add:file-written');
      const entries = [...current.values()].map((s) => s.entry);
      await this.writeManifest(guildId, [...entries, parsed.stored.entry]);
      await this.options.afterStep?.('add:manifest-written');
      const next = new Map(current);
      next.set(id, parsed.stored);
      this.byGuild.set(guildId, next);
      this.seen.set(guildId, await this.signature(guildId));
      return { ok: true, stored: parsed.stored, warnings: parsed.warnings.map((p) => ({ ...p, file: name })) };
    });
  }

  /** Removes one of the guild's articles; null when the guild has no article with that id. */
  remove(guildId: string, id: string): Promise<StoredArticle | null> {
    checkGuildId(guildId);
    return this.change(guildId, async () => {
      const damaged = this.damaged.get(guildId);
      if (damaged) throw new Error(damaged);
      const current = this.byGuild.get(guildId);
      const stored = current?.get(id);
      if (!current || !stored) return null;
      const rest = [...current.values()].filter((s) => s.entry.id !== id);
      await this.writeManifest(guildId, rest.map((s) => s.entry));
      await this.options.afterStep?.('remove:manifest-written');
      await rm(join(this.guildDir(guildId), 'articles', stored.entry.file), { force: true });
      await this.options.afterStep?.('remove:file-deleted');
      const next = new Map(current);
      next.delete(id);
      this.byGuild.set(guildId, next);
      this.seen.set(guildId, await this.signature(guildId));
      return stored;
    });
  }

  /** The guild's articles in the order they were added (every guild's without a guild id). */
  list(guildId?: string | null): StoredArticle[] {
    const guilds = guildId === undefined || guildId === null ? [...this.byGuild.keys()].sort() : [guildId];
    return guilds.flatMap((g) => [...(this.byGuild.get(g)?.values() ?? [])]);
  }

  /** One stored article of a guild, or undefined (another guild's article is not found). */
  get(guildId: string, id: string): StoredArticle | undefined {
    return this.byGuild.get(guildId)?.get(id);
  }

  /** Resolves when every change queued so far is done. */
  async idle(): Promise<void> {
    await this.queue;
  }
}
