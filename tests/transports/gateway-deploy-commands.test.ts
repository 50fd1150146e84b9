import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { tempDir } from '../support/corpus.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../commands/index.ts';
import { commandChanges } from '../../src/transports/discord-commands.ts';
import { APP_ID, DiscordStandIn, GUILD_ID, TOKEN } from '../support/discord-stand-in.ts';
import { specProblems } from '../support/discord-stand-in-spec.ts';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');
const SCRIPT = resolve(ROOT, 'scripts/deploy-commands.ts');
/** tsx's loader by absolute URL: the script runs from an empty folder, so no developer .env is read. */
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
let cwd: string;

let standIn: DiscordStandIn;
beforeAll(async () => {
  standIn = await DiscordStandIn.start();
  cwd = await tempDir('dossier-deploy-');
});
afterAll(async () => {
  await standIn.close();
});

async function deploy(extra: Record<string, string> = {}): Promise<string> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '',
    DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: APP_ID, DISCORD_API_URL: standIn.apiUrl, ...extra,
  };
  const { stdout } = await run(process.execPath, ['--import', TSX, SCRIPT], { cwd, env });
  return stdout;
}

describe('npm run deploy:commands', () => {
  it('every command definition is valid against Discord\'s spec', () => {
    expect(specProblems('commands', COMMANDS.map((c) => c.definition))).toEqual([]);
  });

  it('registers every command to the guild by bulk overwrite, then finds nothing to change', async () => {
    const first = await deploy({ DISCORD_GUILD_ID: GUILD_ID });
    expect(first).toContain(`Commands for guild ${GUILD_ID}`);
    expect(first).toMatch(/added\s+\/search/);
    const puts = standIn.callsTo('PUT', new RegExp(`^/applications/${APP_ID}/guilds/${GUILD_ID}/commands$`));
    expect(puts).toHaveLength(1);
    expect(puts[0]!.authorization).toBe(`Bot ${TOKEN}`);
    expect(specProblems('commands', puts[0]!.body)).toEqual([]);
    expect((puts[0]!.body as Array<{ name: string }>).map((c) => c.name)).toEqual(COMMANDS.map((c) => c.definition.name));

    const second = await deploy({ DISCORD_GUILD_ID: GUILD_ID });
    expect(second).toContain('Nothing to change');
    expect(second).toMatch(/unchanged\s+\/search/);
    expect(standIn.callsTo('PUT', /commands$/)).toHaveLength(1);
  });

  it('deploys globally without DISCORD_GUILD_ID and reports removed and changed commands', async () => {
    standIn.commands.set('global', [
      { id: '1', application_id: APP_ID, version: '1', type: 1, name: 'obsolete', description: 'gone' },
      { id: '2', application_id: APP_ID, version: '1', type: 1, name: 'help', description: 'an older description' },
    ]);
    const out = await deploy();
    expect(out).toContain('all guilds (global)');
    expect(out).toMatch(/removed\s+\/obsolete/);
    expect(out).toMatch(/changed\s+\/help/);
    expect(standIn.callsTo('PUT', new RegExp(`^/applications/${APP_ID}/commands$`))).toHaveLength(1);
  });

  it('lists every missing key at once', async () => {
    const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DISCORD_API_URL: standIn.apiUrl };
    const failed = await run(process.execPath, ['--import', TSX, SCRIPT], { cwd, env }).catch((e: { stderr: string; code: number }) => e);
    expect('code' in failed && failed.code).toBe(2);
    expect((failed as { stderr: string }).stderr).toMatch(/DISCORD_TOKEN, DISCORD_APPLICATION_ID/);
  });

  it('sees Discord\'s own additions (ids, versions, defaults) as no change', () => {
    const local = COMMANDS.map((c) => c.definition);
    const remote = local.map((d, i) => ({
      ...d, id: String(i), application_id: APP_ID, version: '9', type: 1, default_member_permissions: d.default_member_permissions ?? null, nsfw: false,
      options: (d.options ?? []).map((o) => ({ required: false, ...o })),
    })) as never[];
    expect(commandChanges(local, remote)).toMatchObject({ added: [], changed: [], removed: [] });
  });
});
