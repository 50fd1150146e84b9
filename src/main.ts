import { COMMANDS } from '../commands/index.ts';
import { openLibrary, servicesFor } from './app.ts';
import { ConfigError, loadConfig, readEnvironment, type Mode } from './config.ts';
import { createLogger } from './log.ts';
import { runCli } from './transports/cli.ts';
import { runConsole } from './transports/console.ts';
import { createRest, restFollowUp } from './transports/discord-rest.ts';
import { untilShutdownSignal } from './transports/discord-process.ts';
import { startGateway } from './transports/gateway.ts';
import { startSharding } from './transports/gateway-sharding.ts';
import { startHttpServer } from './transports/http.ts';
import { fileURLToPath } from 'node:url';

/**
 * Entry point: with arguments, the CLI; without, the Discord bot when DISCORD_TOKEN is set, else
 * the local console on the corpus.
 */
async function main(argv: string[]): Promise<number> {
  const env = readEnvironment();
  // A shard process started by discord.js's ShardingManager: SHARDS holds its shard id, not ours.
  const shardChild = env.SHARDING_MANAGER !== undefined;
  if (shardChild) delete env.SHARDS;
  const mode: Mode = argv[0] === 'serve' && argv.length === 1 ? 'http' : argv.length > 0 ? 'cli' : env.DISCORD_TOKEN?.trim() ? 'gateway' : 'console';
  let config;
  try {
    config = loadConfig(env, mode);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const interactive = mode === 'console' && process.stdin.isTTY === true;
  const log = createLogger({ level: config.logLevel, format: mode === 'console' || mode === 'cli' ? 'pretty' : 'json' });

  if (mode === 'cli') {
    return runCli(argv, { stdout: process.stdout, stderr: process.stderr, corpusDir: config.corpusDir, dataDir: config.dataDir, log });
  }
  if (mode === 'gateway' && config.shards !== null) {
    const shards = await startSharding({ file: fileURLToPath(import.meta.url), token: config.discordToken ?? '', totalShards: config.shards, log });
    await untilShutdownSignal(log);
    await shards.close();
    return 0;
  }

  const opened = await openLibrary({ corpusDir: config.corpusDir, dataDir: config.dataDir, log });
  const { library } = opened;
  if (mode === 'gateway' || mode === 'http') {
    const deps = { context: { services: servicesFor(library), commands: COMMANDS }, log };
    const running = mode === 'gateway'
      ? await startGateway({ token: config.discordToken ?? '', deps, log, apiBaseUrl: config.apiBaseUrl })
      : await startHttpServer({
        port: config.port, publicKey: config.publicKey ?? '', applicationId: config.applicationId ?? '', deps, log,
        followUp: restFollowUp(createRest(config.apiBaseUrl)),
      });
    await untilShutdownSignal(log);
    await running.close();
    // A shard process: drop the IPC channel to the ShardingManager so the process can exit.
    if (shardChild && process.connected) process.disconnect();
    return 0;
  }
  const skipped = opened.problems.filter((p) => p.severity === 'error').length;
  const banner = [
    `Dossier console — ${library.articles.length} articles, ${library.passages.length} passages from ${config.corpusDir}${skipped ? ` (${skipped} files skipped: run \`npx dossier check\`)` : ''}.`,
    'Type /help for the commands, /search enrichment to try one; Ctrl-D or /exit to leave.',
  ].join('\n');
  await runConsole({
    input: process.stdin,
    output: process.stdout,
    context: { services: servicesFor(library), commands: COMMANDS, guildId: null, userId: null },
    log,
    interactive,
    banner,
  });
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`dossier: unexpected failure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
