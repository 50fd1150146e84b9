import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/corpus.ts';
import { runDossier } from '../support/run.ts';

describe('the local console', () => {
  it('answers piped slash commands line by line, then exits', async () => {
    const input = '/search Muscat\n/sources\n/help\n/search\n/nosuch\n';
    const ran = await runDossier([], { input, env: { DOSSIER_DATA_DIR: await tempDir() } });
    expect(ran.code).toBe(0);
    expect(ran.stdout).toMatch(/Search: Muscat \(5 passages\)/);
    expect(ran.stdout).toMatch(/^> .*\*\*Muscat\*\*/m);
    expect(ran.stdout).toMatch(/\[1\] US–Iran talks in Muscat .* ¶\d+/);
    expect(ran.stdout).toMatch(/Sources: 2 articles, 35 passages/);
    expect(ran.stdout).toMatch(/\/search query:… \[limit:…\]/);
    expect(ran.stdout).toMatch(/\/search needs query/);
    expect(ran.stdout).toMatch(/Unknown command \/nosuch/);
    expect(ran.stderr).toBe('');
  });

  it('runs the Discord bot instead when DISCORD_TOKEN is set, and names a malformed token before connecting', async () => {
    const ran = await runDossier([], { input: '', env: { DISCORD_TOKEN: 'x', DOSSIER_DATA_DIR: await tempDir() } });
    expect(ran.code).toBe(2);
    expect(ran.stderr).toMatch(/DISCORD_TOKEN does not look like a bot token/);
    expect(ran.stdout).toBe('');
  });
});
