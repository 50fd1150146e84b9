import { readdir, readFile, writeFile, cp } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openLibrary } from '../src/app.ts';
import { createLogger, silentLogger } from '../src/log.ts';
import { search } from '../src/services/search.ts';
import { SNAPSHOT_FILE } from '../src/storage/snapshot.ts';
import { SAMPLE_CORPUS, tempDir } from './support/corpus.ts';

function recordingLogger(): { log: ReturnType<typeof createLogger>; lines: string[] } {
  const lines: string[] = [];
  return { log: createLogger({ level: 'debug', write: (l) => lines.push(l) }), lines };
}

describe('openLibrary snapshots', () => {
  it('builds and saves a snapshot, then loads it and answers the same', async () => {
    const dataDir = await tempDir();
    const first = await openLibrary({ corpusDir: SAMPLE_CORPUS, dataDir, log: silentLogger });
    expect(first.origin).toBe('built');
    expect(await readdir(dataDir)).toEqual([SNAPSHOT_FILE]);
    const second = await openLibrary({ corpusDir: SAMPLE_CORPUS, dataDir, log: silentLogger });
    expect(second.origin).toBe('snapshot');
    const a = search(first.library, { query: 'Khoramshahr missile', limit: 5 });
    const b = search(second.library, { query: 'Khoramshahr missile', limit: 5 });
    expect(b).toEqual(a);
  });

  it('rebuilds a stale snapshot when the corpus changes', async () => {
    const dataDir = await tempDir();
    const corpusDir = await tempDir('dossier-corpus-');
    await cp(SAMPLE_CORPUS, corpusDir, { recursive: true });
    await openLibrary({ corpusDir, dataDir, log: silentLogger });
    await writeFile(join(corpusDir, 'new.md'), '---\ntitle: New\n---\n\nA brand new zebra passage.\n');
    const { log, lines } = recordingLogger();
    const again = await openLibrary({ corpusDir, dataDir, log });
    expect(again.origin).toBe('built');
    expect(lines.join('')).toMatch(/corpus changed since the snapshot/);
    expect(search(again.library, { query: 'zebra' }).results).toHaveLength(1);
  });

  it('starts from the snapshot with the same articles, passages, problems and knowledge as a build', async () => {
    const dataDir = await tempDir();
    const corpusDir = await tempDir('dossier-corpus-');
    await cp(SAMPLE_CORPUS, corpusDir, { recursive: true });
    await writeFile(join(corpusDir, 'b-tagged.md'), '---\ntitle: Tagged\ntags: [x]\n---\n\n## Background\n\nA first paragraph.\n\nA second one.\n');
    await writeFile(join(corpusDir, 'c-broken.md'), '---\ntitle: [unclosed\n---\n\nBody.\n');
    const built = await openLibrary({ corpusDir, dataDir, log: silentLogger });
    const loaded = await openLibrary({ corpusDir, dataDir, log: silentLogger });
    expect(built.origin).toBe('built');
    expect(loaded.origin).toBe('snapshot');
    expect(loaded.library.articles).toEqual(built.library.articles);
    // A passage from the snapshot reads its text through a getter (storage/corpus-codec.ts): compare as JSON.
    expect(JSON.parse(JSON.stringify(loaded.library.passages))).toEqual(JSON.parse(JSON.stringify(built.library.passages)));
    expect(loaded.library.passages.map((p) => p.text)).toEqual(built.library.passages.map((p) => p.text));
    expect(loaded.library.knowledge).toEqual(built.library.knowledge);
    expect(loaded.problems).toEqual(built.problems);
    expect(loaded.problems.map((p) => [p.file.split('/').pop(), p.severity])).toEqual([['b-tagged.md', 'warning'], ['c-broken.md', 'error']]);
    expect(loaded.library.passages.find((p) => p.articleId === 'b-tagged')?.section).toBe('Background');
  });

  it('rebuilds when a file changes but keeps its size', async () => {
    const dataDir = await tempDir();
    const corpusDir = await tempDir('dossier-corpus-');
    const before = '---\ntitle: A\n---\n\nThe walrus spoke in Lisbon.\n';
    const after = '---\ntitle: A\n---\n\nThe narwhal spoke in Porto.\n';
    expect(Buffer.byteLength(after)).toBe(Buffer.byteLength(before));
    await writeFile(join(corpusDir, 'a.md'), before);
    const first = await openLibrary({ corpusDir, dataDir, log: silentLogger });
    expect(search(first.library, { query: 'walrus' }).results).toHaveLength(1);
    await writeFile(join(corpusDir, 'a.md'), after);
    const { log, lines } = recordingLogger();
    const again = await openLibrary({ corpusDir, dataDir, log });
    expect(again.origin).toBe('built');
    expect(lines.join('')).toMatch(/corpus changed since the snapshot/);
    expect(search(again.library, { query: 'walrus' }).results).toHaveLength(0);
    expect(search(again.library, { query: 'narwhal' }).results).toHaveLength(1);
  });

  it('rebuilds quietly from a snapshot of an older format', async () => {
    const dataDir = await tempDir();
    await openLibrary({ corpusDir: SAMPLE_CORPUS, dataDir, log: silentLogger });
    const file = join(dataDir, SNAPSHOT_FILE);
    const bytes = await readFile(file);
    const text = bytes.toString('latin1');
    await writeFile(file, Buffer.from(text.replace(/"format":"dossier-snapshot-\d+"/, '"format":"dossier-snapshot-1"'), 'latin1'));
    const { log, lines } = recordingLogger();
    const opened = await openLibrary({ corpusDir: SAMPLE_CORPUS, dataDir, log });
    expect(opened.origin).toBe('built');
    expect(lines.join('')).toMatch(/corpus changed since the snapshot/);
    expect(lines.some((l) => l.includes('"level":"warn"'))).toBe(false);
  });

  it.each([
    ['truncated', (s: string) => s.slice(0, Math.floor(s.length / 2))],
    ['garbage', () => '\u0000\u0001not json'],
    ['wrong shape', () => JSON.stringify({ format: 'something-else' })],
  ])('rebuilds with a warning, never fails, on a %s snapshot', async (_name, damage) => {
    const dataDir = await tempDir();
    await openLibrary({ corpusDir: SAMPLE_CORPUS, dataDir, log: silentLogger });
    const file = join(dataDir, SNAPSHOT_FILE);
    await writeFile(file, damage(await readFile(file, 'utf8')));
    const { log, lines } = recordingLogger();
    const opened = await openLibrary({ corpusDir: SAMPLE_CORPUS, dataDir, log });
    expect(opened.origin).toBe('built');
    expect(lines.some((l) => l.includes('"level":"warn"') && l.includes('snapshot'))).toBe(true);
    expect(search(opened.library, { query: 'Muscat' }).results.length).toBeGreaterThan(0);
    const healed = await openLibrary({ corpusDir: SAMPLE_CORPUS, dataDir, log: silentLogger });
    expect(healed.origin).toBe('snapshot');
  });
});
