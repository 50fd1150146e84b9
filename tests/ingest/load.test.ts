import { execFileSync } from 'node:child_process';
import { chmod, mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCorpus, MAX_FILE_BYTES, scanCorpus } from '../../src/ingest/load.ts';
import { article, SAMPLE_CORPUS, tempCorpus } from '../support/corpus.ts';

describe('loadCorpus', () => {
  it('loads the sample corpus with its front matter', async () => {
    const corpus = await loadCorpus(SAMPLE_CORPUS);
    expect(corpus.problems).toEqual([]);
    expect(corpus.articles.map((a) => a.id)).toEqual(['000_0e4e78b473eff5e0', '001_8e048a01d1900005']);
    const [opinion, dawn] = corpus.articles;
    expect(opinion).toMatchObject({ title: 'US–Iran talks in Muscat: the narrow door (opinion)', author: 'Qamar Bashir', publisher: null, published: null });
    expect(opinion?.credits).toContain('Press Secretary to the President (Rtd)');
    expect(dawn).toMatchObject({ publisher: 'Dawn', published: '2026-02-07', dateline: 'ISLAMABAD' });
    expect(dawn?.summary).toHaveLength(4);
    expect(dawn?.credits).toMatch(/^With input from Reuters/);
  });

  it('keeps the seed articles verbatim: curly quotes, dashes and the ellipsis', async () => {
    const corpus = await loadCorpus(SAMPLE_CORPUS);
    const text = corpus.passages.map((p) => p.text).join('\n');
    expect(text).toContain('“Any dialogue requires refraining from threats and pressure. (Tehran) only discusses its nuclear issue … We do not discuss any other issue with the US,”');
    expect(text).toContain('February 6, 2026 has the feel of a turning point — not because');
    expect(text).not.toContain('Published in Dawn');
  });

  it('reports each bad file with its path and reason, and still loads the good ones', async () => {
    const big = new Uint8Array(MAX_FILE_BYTES + 10).fill(97);
    const dir = await tempCorpus({
      'a-good.md': article('Good', 'A paragraph.'),
      'b-broken.md': '---\ntitle: [unclosed\n---\n\nBody.\n',
      'c-untitled.md': '---\nauthor: Someone\n---\n\nBody.\n',
      'd-baddate.md': article('Bad date', 'Body.', 'published: 2026-02-30\n'),
      'e-empty.md': article('Empty', ''),
      'f-latin1.md': new Uint8Array([0x2d, 0x2d, 0x2d, 0x0a, 0x74, 0x69, 0x74, 0x6c, 0x65, 0x3a, 0x20, 0xe9, 0x0a, 0x2d, 0x2d, 0x2d, 0x0a, 0x61]),
      'g-binary.txt': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x01]),
      'h-huge.txt': big,
      'i-dup.md': article('First', 'One.'),
      'i-dup.txt': 'Second with the same id.',
      'j-plain.txt': 'A plain text article.\n\nSecond paragraph.',
      'k-unclosed.md': '---\ntitle: Never closed\n\nBody.\n',
      'notes.json': '{}',
    });
    const corpus = await loadCorpus(dir);
    expect(corpus.articles.map((a) => a.id)).toEqual(['a-good', 'i-dup', 'j-plain']);
    const reasons = Object.fromEntries(corpus.problems.map((p) => [p.file.split('/').pop(), p]));
    expect(reasons['b-broken.md']?.reason).toMatch(/broken YAML front matter/);
    expect(reasons['c-untitled.md']).toMatchObject({ field: 'title', reason: expect.stringMatching(/missing "title"/) });
    expect(reasons['d-baddate.md']).toMatchObject({ field: 'published', reason: expect.stringMatching(/2026-02-30/) });
    expect(reasons['e-empty.md']?.reason).toMatch(/no body/);
    expect(reasons['f-latin1.md']?.reason).toMatch(/not valid UTF-8/);
    expect(reasons['g-binary.txt']?.reason).toMatch(/binary/);
    expect(reasons['h-huge.txt']?.reason).toMatch(/over the 5 MB limit/);
    expect(reasons['i-dup.txt']?.reason).toMatch(/duplicate article id "i-dup"/);
    expect(reasons['k-unclosed.md']?.reason).toMatch(/never closed/);
    expect(corpus.problems.every((p) => p.severity === 'error')).toBe(true);
  });

  it('titles a plain .txt file from its name and gives it no date', async () => {
    const dir = await tempCorpus({ 'talks_in_oman.txt': '\ufeffFirst paragraph.\n\nSecond.' });
    const corpus = await loadCorpus(dir);
    expect(corpus.articles[0]).toMatchObject({ id: 'talks_in_oman', title: 'talks in oman', published: null, text: 'First paragraph.\n\nSecond.' });
  });

  it('warns about unknown front-matter fields but loads the article', async () => {
    const dir = await tempCorpus({ 'a.md': article('A', 'Body.', 'tags: [x]\n') });
    const corpus = await loadCorpus(dir);
    expect(corpus.articles).toHaveLength(1);
    expect(corpus.problems).toEqual([expect.objectContaining({ field: 'tags', severity: 'warning' })]);
  });

  it('reports a missing corpus folder instead of throwing', async () => {
    const corpus = await loadCorpus('/nonexistent/corpus');
    expect(corpus.articles).toEqual([]);
    expect(corpus.problems[0]?.reason).toMatch(/does not exist/);
  });

  it('writes nothing into the corpus folder', async () => {
    const dir = await tempCorpus({ 'a.md': article('A', 'Body.') });
    await loadCorpus(dir);
    expect(await readdir(dir)).toEqual(['a.md']);
  });

  it('gives the same content hash for the same files and a new one when a file changes', async () => {
    const a = await loadCorpus(await tempCorpus({ 'a.md': article('A', 'Body.') }));
    const b = await loadCorpus(await tempCorpus({ 'a.md': article('A', 'Body.') }));
    const c = await loadCorpus(await tempCorpus({ 'a.md': article('A', 'Body!') }));
    expect(a.contentHash).toBe(b.contentHash);
    expect(a.contentHash).not.toBe(c.contentHash);
  });

  it('passes over a folder or a named pipe called like an article, and reports an unreadable file', async () => {
    const dir = await tempCorpus({ 'a.md': article('A', 'Body.'), 'c-locked.md': article('C', 'Body.') });
    await mkdir(join(dir, 'b-folder.md'));
    // A pipe nobody writes to: a blocking open would hang the scan forever.
    execFileSync('mkfifo', [join(dir, 'b-pipe.md')]);
    await chmod(join(dir, 'c-locked.md'), 0o000);
    const corpus = await loadCorpus(dir);
    expect(corpus.articles.map((a) => a.id)).toEqual(process.getuid?.() === 0 ? ['a', 'c-locked'] : ['a']);
    if (process.getuid?.() !== 0) expect(corpus.problems).toEqual([expect.objectContaining({ file: join(dir, 'c-locked.md'), reason: 'cannot read the file (EACCES)' })]);
  });

  it('reads each of many files to its own bytes, whatever their sizes', async () => {
    const files: Record<string, string> = {};
    // Sizes from a few bytes to 3 MB, so files share read buffers and some start a new one.
    for (let i = 0; i < 40; i += 1) files[`f${String(i).padStart(2, '0')}.txt`] = `${i} `.repeat(i % 7 === 6 ? 1_000_000 : 1 + i * 37);
    const scan = await scanCorpus(await tempCorpus(files));
    expect(scan.files.map((f) => [f.name, f.bytes?.toString('utf8')])).toEqual(Object.entries(files));
  });
});
