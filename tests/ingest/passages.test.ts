import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/ingest/load.ts';
import { MAX_PASSAGE_CHARS } from '../../src/ingest/passages.ts';
import { article, SAMPLE_CORPUS, tempCorpus } from '../support/corpus.ts';

describe('splitPassages', () => {
  it('numbers paragraphs in body order, with offsets that slice the file text exactly', async () => {
    const corpus = await loadCorpus(SAMPLE_CORPUS);
    for (const a of corpus.articles) {
      const own = corpus.passages.filter((p) => p.articleId === a.id);
      own.forEach((p, i) => {
        expect(p.id).toBe(`${a.id}#p${i + 1}`);
        expect(a.text.slice(p.start, p.end)).toBe(p.text);
        expect(p.start).toBeGreaterThanOrEqual(a.bodyStart);
      });
    }
    const dawn = corpus.passages.filter((p) => p.articleId === '001_8e048a01d1900005');
    expect(dawn[0]?.text).toMatch(/^The indirect talks between the United States and Iran held in Muscat on Friday/);
    expect(dawn).toHaveLength(22);
  });

  it('keeps headings out of the passages and puts each passage under its section', async () => {
    const corpus = await loadCorpus(SAMPLE_CORPUS);
    const dawn = corpus.passages.filter((p) => p.articleId === '001_8e048a01d1900005');
    expect(dawn.some((p) => p.text.startsWith('#'))).toBe(false);
    expect(dawn.find((p) => p.text.startsWith('The talks themselves followed'))?.section).toBe('Indirect contact');
    expect(dawn.find((p) => p.text.startsWith('The Kremlin, an ally of Iran'))?.section).toBe('Russia urges restraint');
    expect(dawn[0]?.section).toBeNull();
  });

  it('gives the same ids across runs', async () => {
    const a = await loadCorpus(SAMPLE_CORPUS);
    const b = await loadCorpus(SAMPLE_CORPUS);
    expect(a.passages.map((p) => [p.id, p.start, p.end])).toEqual(b.passages.map((p) => [p.id, p.start, p.end]));
  });

  it('splits a paragraph over the size limit at sentence boundaries', async () => {
    const sentence = (i: number): string => `Sentence number ${i} says something about the talks in Oman and the sanctions that followed them.`;
    const long = Array.from({ length: 40 }, (_, i) => sentence(i)).join(' ');
    const dir = await tempCorpus({ 'long.md': article('Long', `Intro.\n\n${long}\n\nOutro.`) });
    const corpus = await loadCorpus(dir);
    const parts = corpus.passages.slice(1, -1);
    expect(parts.length).toBeGreaterThan(2);
    for (const p of parts) {
      expect(p.text.length).toBeLessThanOrEqual(MAX_PASSAGE_CHARS);
      expect(p.text).toMatch(/^Sentence number \d+/);
      expect(p.text).toMatch(/them\.$/);
    }
    expect(parts.map((p) => p.text).join(' ')).toBe(long);
    expect(corpus.passages.at(-1)?.id).toBe(`long#p${corpus.passages.length}`);
  });

  it('treats lines without a blank line between them as one paragraph, and handles CRLF', async () => {
    const dir = await tempCorpus({ 'crlf.md': '---\r\ntitle: CRLF\r\n---\r\n\r\nLine one\r\nline two.\r\n\r\n## Part\r\n\r\nNext.\r\n' });
    const corpus = await loadCorpus(dir);
    expect(corpus.passages.map((p) => p.text)).toEqual(['Line one\r\nline two.', 'Next.']);
    expect(corpus.passages[1]?.section).toBe('Part');
  });
});
