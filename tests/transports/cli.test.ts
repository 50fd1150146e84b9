import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.ts';
import { runCli } from '../../src/transports/cli.ts';
import { article, SAMPLE_CORPUS, tempCorpus, tempDir } from '../support/corpus.ts';
import { collector, runDossier } from '../support/run.ts';

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out = collector();
  const err = collector();
  const code = await runCli(args, { stdout: out.stream, stderr: err.stream, corpusDir: SAMPLE_CORPUS, dataDir: await tempDir(), log: silentLogger });
  return { code, out: out.text(), err: err.text() };
}

const CITATION_KEYS = ['article', 'excerpt', 'passage', 'published', 'publisher', 'title', 'url'];

describe('dossier CLI', () => {
  it('prints search results as JSON in the documented shape', async () => {
    const { code, out } = await cli(['search', 'Khorramshahr', 'missile', '--limit', '2', '--json']);
    expect(code).toBe(0);
    const json = JSON.parse(out) as { query: string; results: Array<{ score: number; citation: Record<string, unknown> }> };
    expect(json.query).toBe('Khorramshahr missile');
    expect(json.results).toHaveLength(2);
    for (const r of json.results) {
      expect(typeof r.score).toBe('number');
      expect(Object.keys(r.citation).sort()).toEqual(CITATION_KEYS);
      expect(r.citation.excerpt).toMatch(/Khorramshahr/);
    }
  });

  it('prints sources as JSON in the documented shape', async () => {
    const { code, out } = await cli(['sources', '--json']);
    expect(code).toBe(0);
    const json = JSON.parse(out) as { articles: Array<Record<string, unknown>> };
    expect(json.articles.map((a) => a.id)).toEqual(['001_8e048a01d1900005', '000_0e4e78b473eff5e0']);
    expect(Object.keys(json.articles[0] ?? {}).sort()).toEqual(['author', 'id', 'passages', 'published', 'publisher', 'title', 'url']);
    expect(json.articles[0]).toMatchObject({ publisher: 'Dawn', published: '2026-02-07', passages: 22 });
  });

  it('cites each excerpt as [n] Title — Publisher, date, ¶n in text output', async () => {
    const { out } = await cli(['search', 'Kremlin']);
    expect(out).toContain('[1] US–Iran talks in Muscat fare slightly better than expected — Dawn, 7 Feb 2026, ¶');
    expect(out).toMatch(/^> .*\*\*Kremlin\*\*/m);
  });

  it('names the bad option and exits 2', async () => {
    const bad = await cli(['search', 'Iran', '--limit', 'many']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--limit must be a whole number/);
    const unknown = await cli(['search', 'Iran', '--colour']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/--colour/);
    expect((await cli(['frobnicate'])).err).toMatch(/unknown command "frobnicate"/);
  });

  it('check reports every problem and exits 1 when a file was skipped', async () => {
    const dir = await tempCorpus({ 'ok.md': article('OK', 'Text.'), 'bad.md': article('Bad', 'Text.', 'published: yesterday\n') });
    const { code, out } = await cli(['check', '--corpus', dir]);
    expect(code).toBe(1);
    expect(out).toMatch(/error: .*bad\.md \[published\]: "published" must be a date/);
    expect(out).toMatch(/1 articles, 1 passages loaded; 1 skipped with errors/);
    expect((await cli(['check'])).code).toBe(0);
  });

  it('runs as `npx dossier` through the bin script', async () => {
    const ran = await runDossier(['search', 'wall', 'of', 'mistrust', '--json'], { env: { DOSSIER_DATA_DIR: await tempDir() } });
    expect(ran.code).toBe(0);
    const json = JSON.parse(ran.stdout) as { results: Array<{ citation: { excerpt: string } }> };
    expect(json.results[0]?.citation.excerpt).toContain('“wall of mistrust”');
  });
});
