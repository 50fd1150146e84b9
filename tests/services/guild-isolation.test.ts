import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.ts';
import { UserError } from '../../src/services/errors.ts';
import { openModeration } from '../../src/services/moderation.ts';
import { isModerator } from '../../src/services/permissions.ts';
import { command as corpusCommand } from '../../commands/corpus.ts';
import { COMMANDS } from '../../commands/index.ts';
import { article, SAMPLE_CORPUS, tempDir } from '../support/corpus.ts';

const A = '100000000000000001';
const B = '200000000000000002';
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
// A new spelling of a person the bundled corpus knows (Araghchi), and a new person.
const NOTE = article('Harbour authority opens ferry terminal',
  'Maria Vasquez, the harbour authority\'s chief executive, opened the ferry terminal on Tuesday, saying it would "double the island\'s capacity within a year".\n\n'
  + 'Foreign Minister Abbas Arakchi praised the terminal on Wednesday, calling it "a bridge between our peoples".', 'publisher: Coastal Times\npublished: 2026-02-10\n');

async function setUp() {
  const dataDir = await tempDir();
  const opened = await openModeration({ corpusDir: SAMPLE_CORPUS, dataDir, log: silentLogger });
  const before = opened.services.library();
  const added = await opened.moderation.corpus.add({ guildId: A, userId: 'mod-a', name: 'ferry.md', bytes: enc(NOTE) });
  return { ...opened, dataDir, before, added };
}

describe('guild corpora, indexed live and kept apart', () => {
  it('answers a /who about an added article at once, and lists what indexing found', async () => {
    const { services, added, before } = await setUp();
    expect(added.kind === 'corpus' && added.action === 'add' && added.found.people).toContain('Maria Vasquez');
    expect(services.library()).not.toBe(before);
    expect(services.forGuild(A).who('Vasquez').person?.name).toBe('Maria Vasquez');
  });

  it('hides guild A’s article from guild B in search, who, quote, timeline, sources, brief and autocomplete', async () => {
    const { services } = await setUp();
    const a = services.forGuild(A);
    const b = services.forGuild(B);
    const dm = services.forGuild(null);
    for (const view of [b, dm]) {
      expect(view.search({ query: 'ferry terminal' }).results).toEqual([]);
      expect(view.who('Vasquez').person).toBeNull();
      expect(view.quotes({ topic: 'capacity' }).quotes).toEqual([]);
      expect(view.timeline({ topic: 'ferry' }).events).toEqual([]);
      expect(view.sources().articles.map((s) => s.id)).not.toContain(`g${A}-ferry`);
      expect(view.brief({ topic: 'ferry' }).sources).toEqual([]);
      expect(view.suggestPeople('Vas')).toEqual([]);
      expect(view.suggestSpeakers('Vas')).toEqual([]);
    }
    expect(a.search({ query: 'ferry terminal' }).results.length).toBeGreaterThan(0);
    expect(a.quotes({ topic: 'capacity' }).quotes.length).toBe(1);
    expect(a.sources().articles.map((s) => s.id)).toContain(`g${A}-ferry`);
    expect(a.suggestPeople('Vas')).toContain('Maria Vasquez');
  });

  it('never shows guild B a spelling of a shared person that only guild A’s article uses', async () => {
    const { services } = await setUp();
    const inA = services.forGuild(A).who('Araghchi').person;
    const inB = services.forGuild(B).who('Araghchi').person;
    expect(inA?.aliases).toContain('Abbas Arakchi');
    expect(inB?.name).toBe('Abbas Araghchi');
    expect([inB?.name, ...(inB?.aliases ?? [])]).not.toContain('Abbas Arakchi');
    expect(inB?.articles.map((x) => x.id)).not.toContain(`g${A}-ferry`);
    expect(services.forGuild(B).search({ query: 'Arakchi' }).results).toEqual([]);
    expect(services.forGuild(B).quotes({ speaker: 'Araghchi' }).quotes.map((q) => q.text)).not.toContain('a bridge between our peoples');
  });

  it('lets only the guild that added an article remove it, and the removal is live and audited', async () => {
    const { moderation, services } = await setUp();
    await expect(moderation.corpus.remove({ guildId: B, userId: 'mod-b', id: `g${A}-ferry` })).rejects.toThrow(UserError);
    expect(services.forGuild(A).who('Vasquez').person).not.toBeNull();
    const context = { services: services.forGuild(A), commands: COMMANDS, guildId: A, userId: 'mod-a', moderation };
    expect(await corpusCommand.autocomplete?.({ ...context, guildId: B }, 'id', '', {})).toEqual([]);
    expect((await corpusCommand.autocomplete?.(context, 'id', 'fer', {}))?.map((s) => s.value)).toEqual([`g${A}-ferry`]);
    await corpusCommand.run(context, { subcommand: 'remove', id: `g${A}-ferry` });
    expect(services.forGuild(A).who('Vasquez').person).toBeNull();
    const history = await moderation.corpus.history(A);
    expect(history.kind === 'corpus' && history.action === 'history' && history.entries.map((e) => [e.action, e.userId, e.articleIds])).toEqual([
      ['corpus.add', 'mod-a', [`g${A}-ferry`]],
      ['corpus.remove', 'mod-a', [`g${A}-ferry`]],
    ]);
    const other = await moderation.corpus.history(B);
    expect(other.kind === 'corpus' && other.action === 'history' && other.entries).toEqual([]);
  });

  it('refuses a broken attachment with the reason, stores and indexes nothing, and audits the refusal', async () => {
    const { moderation, services } = await setUp();
    const size = services.library().articles.length;
    await expect(moderation.corpus.add({ guildId: B, userId: 'mod-b', name: 'bad.md', bytes: enc('---\ntitle: x\n') })).rejects.toThrow(/bad\.md was not added: .*never closed/);
    expect(services.library().articles.length).toBe(size);
    expect(moderation.corpus.list(B)).toMatchObject({ articles: [] });
    const history = await moderation.corpus.history(B);
    expect(history.kind === 'corpus' && history.action === 'history' && history.entries[0]?.action).toBe('corpus.refused');
  });

  it('keeps guild articles after a restart (from the snapshot of bundled + guild articles)', async () => {
    const { dataDir, live } = await setUp();
    await live.settled();
    const reopened = await openModeration({ corpusDir: SAMPLE_CORPUS, dataDir, log: silentLogger });
    expect(reopened.origin).toBe('snapshot');
    expect(reopened.services.forGuild(A).who('Vasquez').person?.name).toBe('Maria Vasquez');
    expect(reopened.services.forGuild(B).who('Vasquez').person).toBeNull();
  });

  it('swaps the library whole: a query during re-indexing sees the old library or the new', async () => {
    const { services, moderation, live } = await setUp();
    const seen = new Set<number>();
    const adding = moderation.corpus.add({ guildId: A, userId: null, name: 'second.md', bytes: enc(article('Second note', 'The library board met on Thursday to approve a reading room.')) });
    // Each answer is consistent with one library: its sources count matches that library's guild view.
    for (let i = 0; i < 20; i += 1) {
      const lib = services.library();
      seen.add(lib.articles.length);
      await new Promise((r) => setImmediate(r));
    }
    await adding;
    await live.settled();
    expect([...seen].every((n) => n === 3 || n === 4)).toBe(true);
    expect(services.library().articles.length).toBe(4);
  });
});

describe('isModerator', () => {
  it('accepts Manage Guild, Administrator or a moderator role; refuses the rest', () => {
    expect(isModerator({ permissions: String(0x20), roles: [] })).toBe(true);
    expect(isModerator({ permissions: String(0x8), roles: [] })).toBe(true);
    expect(isModerator({ permissions: String(0x400 | 0x800), roles: ['9'] }, ['7'])).toBe(false);
    expect(isModerator({ permissions: '0', roles: ['7'] }, ['7'])).toBe(true);
    expect(isModerator({ permissions: null, roles: [] })).toBe(false);
    expect(isModerator({ permissions: 'garbage', roles: [] })).toBe(false);
    expect(isModerator({ permissions: (1n << 40n) | 0x20n, roles: [] })).toBe(true);
  });
});
