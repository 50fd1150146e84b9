import { readdir, readFile, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.ts';
import { GuildCorpusStore, type StoreStep } from '../../src/storage/guild-corpus.ts';
import { article, tempDir } from '../support/corpus.ts';

const G = '111111111111111111';
const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
const good = (title: string): Uint8Array => bytes(article(title, `The council met on Monday to discuss ${title}.\n\nA second paragraph about ${title} follows.`, 'published: 2026-02-10\n'));

async function open(dataDir: string, afterStep?: (s: StoreStep) => void | Promise<void>): Promise<GuildCorpusStore> {
  return GuildCorpusStore.open({ dataDir, log: silentLogger, afterStep });
}

async function filesOf(dataDir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string, prefix: string): Promise<void> => {
    for (const e of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
      if (e.isDirectory()) await walk(join(dir, e.name), `${prefix}${e.name}/`);
      else out.push(`${prefix}${e.name}`);
    }
  };
  await walk(dataDir, '');
  return out.sort();
}

class Crash extends Error {}

describe('guild corpus store', () => {
  it('stores an article under a guild-prefixed id and reads it back after reopening', async () => {
    const dataDir = await tempDir();
    const store = await open(dataDir);
    const result = await store.add({ guildId: G, name: 'Ferry Terminal.md', bytes: good('ferries'), userId: '42' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.stored.article.id).toBe(`g${G}-ferry-terminal`);
    expect(result.stored.article.origin).toEqual({ kind: 'guild', guildId: G });
    const again = await open(dataDir);
    expect(again.list(G).map((s) => s.entry.id)).toEqual([`g${G}-ferry-terminal`]);
    expect(again.list(G)[0]?.entry.addedBy).toBe('42');
    expect(again.problems).toEqual([]);
  });

  it.each([
    ['too big', 'big.md', new Uint8Array(5 * 1024 * 1024 + 1).fill(0x61), /over the 5 MB limit/],
    ['binary', 'bin.md', Uint8Array.from([0x2d, 0x00, 0x01, 0x02]), /binary/],
    ['not UTF-8', 'latin.md', Uint8Array.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x6f]), /not valid UTF-8/],
    ['broken front matter', 'broken.md', bytes('---\ntitle: "Unclosed\n---\n\nBody text here.\n'), /front matter/],
    ['unclosed front matter', 'open.md', bytes('---\ntitle: Open\n\nBody text here.\n'), /never closed/],
    ['a PDF', 'paper.pdf', bytes('%PDF-1.4'), /only \.md and \.txt/],
  ])('refuses a file that is %s, with the reason, and stores nothing', async (_what, name, content, reason) => {
    const dataDir = await tempDir();
    const store = await open(dataDir);
    const result = await store.add({ guildId: G, name, bytes: content, userId: null });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.reason).join(' ')).toMatch(reason);
    expect(result.problems[0]?.file).toBe(name);
    expect(await filesOf(dataDir)).toEqual([]);
    expect(store.list(G)).toEqual([]);
  });

  it('serializes concurrent adds: every one is stored and listed in the manifest', async () => {
    const dataDir = await tempDir();
    const store = await open(dataDir);
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => store.add({ guildId: G, name: `note.md`, bytes: good(`topic number ${i}`), userId: null })));
    expect(results.every((r) => r.ok)).toBe(true);
    const ids = results.map((r) => (r.ok ? r.stored.entry.id : ''));
    expect(new Set(ids).size).toBe(12);
    const manifest = JSON.parse(await readFile(join(dataDir, 'guilds', G, 'manifest.json'), 'utf8'));
    expect(manifest.articles.map((a: { id: string }) => a.id).sort()).toEqual([...ids].sort());
    expect((await open(dataDir)).list(G)).toHaveLength(12);
  });

  it('keeps ids apart across guilds and from ids already taken by the bundled corpus', async () => {
    const dataDir = await tempDir();
    const store = await open(dataDir);
    const a = await store.add({ guildId: '1001', name: 'same.md', bytes: good('alpha'), userId: null });
    const b = await store.add({ guildId: '1002', name: 'same.md', bytes: good('alpha'), userId: null });
    const c = await store.add({ guildId: '1001', name: 'taken.md', bytes: good('beta'), userId: null, taken: (id) => id === 'g1001-taken' });
    expect([a, b, c].map((r) => (r.ok ? r.stored.entry.id : null))).toEqual(['g1001-same', 'g1002-same', 'g1001-taken-2']);
    expect(store.get('1002', 'g1001-same')).toBeUndefined();
    expect(await store.remove('1002', 'g1001-same')).toBeNull();
    expect(store.list('1001')).toHaveLength(2);
  });

  it.each(['add:file-written', 'add:manifest-written'] as const)('a crash at %s leaves the old state or the new, loadable, with no leftovers', async (step) => {
    const dataDir = await tempDir();
    const first = await open(dataDir);
    await first.add({ guildId: G, name: 'kept.md', bytes: good('kept'), userId: null });
    const crashing = await open(dataDir, (s) => {
      if (s === step) throw new Crash(s);
    });
    await expect(crashing.add({ guildId: G, name: 'new.md', bytes: good('new'), userId: null })).rejects.toThrow(Crash);
    const reopened = await open(dataDir);
    const ids = reopened.list(G).map((s) => s.entry.id);
    expect(ids).toEqual(step === 'add:file-written' ? [`g${G}-kept`] : [`g${G}-kept`, `g${G}-new`]);
    expect(reopened.problems).toEqual([]);
    const files = await filesOf(join(dataDir, 'guilds', G));
    expect(files).toEqual(['manifest.json', ...ids.map((id) => `articles/${id}.md`)].sort());
  });

  it.each(['remove:manifest-written', 'remove:file-deleted'] as const)('a crash at %s leaves the article removed and its file cleaned', async (step) => {
    const dataDir = await tempDir();
    const store = await open(dataDir);
    await store.add({ guildId: G, name: 'a.md', bytes: good('a'), userId: null });
    await store.add({ guildId: G, name: 'b.md', bytes: good('b'), userId: null });
    const crashing = await open(dataDir, (s) => {
      if (s === step) throw new Crash(s);
    });
    await expect(crashing.remove(G, `g${G}-a`)).rejects.toThrow(Crash);
    const reopened = await open(dataDir);
    expect(reopened.list(G).map((s) => s.entry.id)).toEqual([`g${G}-b`]);
    expect(await filesOf(join(dataDir, 'guilds', G))).toEqual([`articles/g${G}-b.md`, 'manifest.json']);
  });

  it('cleans temp files of an interrupted atomic write on open', async () => {
    const dataDir = await tempDir();
    const store = await open(dataDir);
    await store.add({ guildId: G, name: 'a.md', bytes: good('a'), userId: null });
    await writeFile(join(dataDir, 'guilds', G, '.manifest.json.123.abcd.tmp'), '{"half');
    await writeFile(join(dataDir, 'guilds', G, 'articles', `.g${G}-x.md.123.abcd.tmp`), '---\ntitle: half');
    const reopened = await open(dataDir);
    expect(reopened.list(G)).toHaveLength(1);
    expect(await filesOf(join(dataDir, 'guilds', G))).toEqual([`articles/g${G}-a.md`, 'manifest.json']);
  });

  it('leaves a guild with an unreadable manifest untouched and refuses changes there, saying why', async () => {
    const dataDir = await tempDir();
    await mkdir(join(dataDir, 'guilds', G, 'articles'), { recursive: true });
    await writeFile(join(dataDir, 'guilds', G, 'manifest.json'), 'not json');
    await writeFile(join(dataDir, 'guilds', G, 'articles', `g${G}-x.md`), good('x'));
    const store = await open(dataDir);
    expect(store.problems[0]?.reason).toMatch(/manifest is unreadable/);
    const result = await store.add({ guildId: G, name: 'y.md', bytes: good('y'), userId: null });
    expect(result.ok).toBe(false);
    expect(await filesOf(join(dataDir, 'guilds', G))).toEqual([`articles/g${G}-x.md`, 'manifest.json']);
  });

  it('refuses a guild id that is not a Discord id before touching any path', async () => {
    const store = await open(await tempDir());
    expect(() => store.add({ guildId: '../etc', name: 'a.md', bytes: good('a'), userId: null })).toThrow(/guild id/);
  });
});

describe('guild corpus store shared by several processes on one data dir', () => {
  const manifestIds = async (dataDir: string): Promise<string[]> =>
    (JSON.parse(await readFile(join(dataDir, 'guilds', G, 'manifest.json'), 'utf8')) as { articles: Array<{ id: string }> }).articles.map((a) => a.id);

  it("keeps both articles when two stores add in turn, each without the other's in memory", async () => {
    const dataDir = await tempDir();
    const bot = await open(dataDir);
    const cli = await open(dataDir);
    expect((await bot.add({ guildId: G, name: 'from-bot.md', bytes: good('harbour'), userId: '1' })).ok).toBe(true);
    expect((await cli.add({ guildId: G, name: 'from-cli.md', bytes: good('ferries'), userId: null })).ok).toBe(true);
    expect((await bot.add({ guildId: G, name: 'later.md', bytes: good('tolls'), userId: '1' })).ok).toBe(true);
    expect(await manifestIds(dataDir)).toEqual([`g${G}-from-bot`, `g${G}-from-cli`, `g${G}-later`]);
    expect(bot.list(G).map((s) => s.entry.id)).toEqual([`g${G}-from-bot`, `g${G}-from-cli`, `g${G}-later`]);
    const reopened = await open(dataDir);
    expect(reopened.list(G)).toHaveLength(3);
    expect(reopened.problems).toEqual([]);
  });

  it("does not give an article another store added the same id, nor accept the same bytes twice", async () => {
    const dataDir = await tempDir();
    const bot = await open(dataDir);
    const cli = await open(dataDir);
    await cli.add({ guildId: G, name: 'note.md', bytes: good('first'), userId: null });
    const second = await bot.add({ guildId: G, name: 'note.md', bytes: good('second'), userId: null });
    expect(second.ok && second.stored.entry.id).toBe(`g${G}-note-2`);
    const again = await bot.add({ guildId: G, name: 'copy.md', bytes: good('first'), userId: null });
    expect(again.ok).toBe(false);
  });

  it("refresh reads in another store's add and remove, and says when nothing changed", async () => {
    const dataDir = await tempDir();
    const bot = await open(dataDir);
    const cli = await open(dataDir);
    expect(await bot.refresh()).toBe(false);
    await cli.add({ guildId: G, name: 'a.md', bytes: good('alpha'), userId: null });
    await cli.add({ guildId: '222', name: 'b.md', bytes: good('beta'), userId: null });
    expect(await bot.refresh()).toBe(true);
    expect(bot.list().map((s) => s.entry.id)).toEqual([`g${G}-a`, 'g222-b']);
    expect(await bot.refresh()).toBe(false);
    await cli.remove(G, `g${G}-a`);
    expect(await bot.refresh()).toBe(true);
    expect(bot.list().map((s) => s.entry.id)).toEqual(['g222-b']);
    // Its own changes are not news to it.
    await bot.add({ guildId: G, name: 'c.md', bytes: good('gamma'), userId: null });
    expect(await bot.refresh()).toBe(false);
  });

  it("keeps a guild's articles when its manifest goes bad while running, and refuses changes there until it is fixed", async () => {
    const dataDir = await tempDir();
    const bot = await open(dataDir);
    await bot.add({ guildId: G, name: 'a.md', bytes: good('alpha'), userId: null });
    const path = join(dataDir, 'guilds', G, 'manifest.json');
    const fine = await readFile(path, 'utf8');
    await writeFile(path, '{"half');
    expect(await bot.refresh()).toBe(true);
    expect(bot.list(G)).toHaveLength(1);
    expect((await bot.add({ guildId: G, name: 'b.md', bytes: good('beta'), userId: null })).ok).toBe(false);
    await writeFile(path, fine);
    expect((await bot.add({ guildId: G, name: 'b.md', bytes: good('beta'), userId: null })).ok).toBe(true);
    expect(await manifestIds(dataDir)).toEqual([`g${G}-a`, `g${G}-b`]);
  });

  it('does not clean up, as a leftover, the file of an add another store has in progress', async () => {
    const dataDir = await tempDir();
    let written!: () => void;
    const fileWritten = new Promise<void>((r) => (written = r));
    let resume!: () => void;
    const paused = new Promise<void>((r) => (resume = r));
    const bot = await open(dataDir, async (step) => {
      if (step !== 'add:file-written') return;
      written();
      await paused;
    });
    const adding = bot.add({ guildId: G, name: 'slow.md', bytes: good('slow'), userId: null });
    await fileWritten;
    let opened = false;
    const opening = open(dataDir).then((s) => {
      opened = true;
      return s;
    });
    await new Promise((r) => setTimeout(r, 100));
    expect(opened).toBe(false);
    resume();
    expect((await adding).ok).toBe(true);
    const other = await opening;
    expect(other.list(G).map((s) => s.entry.id)).toEqual([`g${G}-slow`]);
    expect(await filesOf(join(dataDir, 'guilds', G))).toEqual([`articles/g${G}-slow.md`, 'manifest.json']);
  });
});
