/**
 * `npm run deploy:commands`: registers every command in commands/index.ts with Discord by bulk
 * overwrite, to DISCORD_GUILD_ID when set (instant, for development), else globally (may take up
 * to an hour to show). Idempotent: compares with what Discord has and prints what changed.
 * Needs DISCORD_TOKEN and DISCORD_APPLICATION_ID; DISCORD_API_URL points it elsewhere (tests).
 */
import { COMMANDS } from '../commands/index.ts';
import { ConfigError, loadConfig, readEnvironment } from '../src/config.ts';
import { deployCommands } from '../src/transports/discord-commands.ts';
import { createRest } from '../src/transports/discord-rest.ts';

async function main(): Promise<number> {
  let config;
  try {
    config = loadConfig(readEnvironment(), 'deploy');
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const target = config.guildId ? `guild ${config.guildId}` : 'all guilds (global)';
  const result = await deployCommands({
    rest: createRest(config.apiBaseUrl, config.discordToken),
    applicationId: config.applicationId ?? '',
    guildId: config.guildId,
    definitions: COMMANDS.map((c) => c.definition),
  });
  const line = (label: string, names: string[]): void => {
    if (names.length) process.stdout.write(`  ${label.padEnd(10)} ${names.map((n) => `/${n}`).join(', ')}\n`);
  };
  process.stdout.write(`Commands for ${target}:\n`);
  line('added', result.added);
  line('changed', result.changed);
  line('removed', result.removed);
  line('unchanged', result.unchanged);
  process.stdout.write(result.sent ? `Registered ${COMMANDS.length} commands (bulk overwrite).\n` : 'Nothing to change: Discord already has these commands.\n');
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`deploy:commands failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
