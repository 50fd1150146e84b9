import { COMMANDS } from '../commands/index.ts';
import { openLibrary, servicesFor } from './app.ts';
import { ConfigError, loadConfig, readEnvironment, type Mode } from './config.ts';
import { createLogger } from './log.ts';
import { runCli } from './transports/cli.ts';
import { runConsole } from './transports/console.ts';
import type { CorpusInfo } from './render/discord/index.ts';
import { openModeration } from './services/moderation.ts';
import { followGuildStore } from './services/live-library.ts';
import { warmUp } from './services/warm.ts';
import { postAnswer, restChannels, type ChannelAccess } from './transports/discord-channels.ts';
import type { InteractionDeps } from './transports/discord-interactions.ts';
import { createRest, restFollowUp } from './transports/discord-rest.ts';
import { untilShutdownSignal } from './transports/discord-process.ts';
import { startGateway } from './transports/gateway.ts';
import { startSharding } from './transports/gateway-sharding.ts';
import { startHttpServer } from './transports/http.ts';
import { autoWorkers, QueryPool } from './transports/query-pool.ts';
import { fileURLToPath } from 'node:url';

/**
 * Entry point: with arguments, the CLI; without, the Discord bot when DISCORD_TOKEN is set, else
 * the local console on the corpus.
 */
async function main(argv: string[]): Promise<number> {
  const env = readEnvironment();
  // A shard process started by discord.js's ShardingManager: SHARDS holds its shard id, not ours.
  const shardChild = env.SHARDING_MANAGER !== undefined;
  // Scheduled digests are posted by one process only: shard 0 (or the only process).
  const postsDigests = !shardChild || shardIdsOf(env.SHARDS).includes(0);
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

  if (mode === 'gateway' || mode === 'http') {
    // The bundled corpus plus every guild's articles, indexed live; the corpus service, audit log and digests.
    // Read-only interactions are answered in worker threads from copies of the saved library; the
    // main thread then warms no derived indexes of its own (it answers only until a worker is ready).
    const workers = config.queryWorkers === 'auto' ? autoWorkers() : config.queryWorkers;
    const { services, moderation, live, store } = await openModeration({
      corpusDir: config.corpusDir, dataDir: config.dataDir, log, moderatorRoleIds: config.moderatorRoleIds, warm: workers === 0,
      // A corpus change is rebuilt in a worker thread: the bot keeps answering meanwhile.
      rebuildIn: 'thread',
    });
    if (workers === 0) void warmUp(live.current(), log);
    const pool = workers > 0
      ? new QueryPool({ size: workers, corpusDir: config.corpusDir, dataDir: config.dataDir, log, currentVersion: () => live.current().version, moderatorRoleIds: config.moderatorRoleIds })
      : null;
    if (pool) live.onSaved((library) => pool.reload(library));
    // Articles added or removed by a `dossier corpus` command or another instance on this data dir.
    const following = followGuildStore(store, live, log);
    const deps: InteractionDeps = { context: { services, commands: COMMANDS, moderation }, log, pool: pool ?? undefined };
    let running: { close(): Promise<void> };
    let channels: ChannelAccess | null = null;
    if (mode === 'gateway') {
      const gateway = await startGateway({ token: config.discordToken ?? '', deps, log, apiBaseUrl: config.apiBaseUrl });
      channels = restChannels(gateway.client.rest, () => gateway.client.user?.id);
      running = gateway;
    } else {
      // Posting to channels (briefings, digests) needs the bot token; without it, `serve` answers but does not post.
      if (config.discordToken) channels = restChannels(createRest(config.apiBaseUrl, config.discordToken));
      else log.warn('DISCORD_TOKEN is not set: briefings cannot be posted to channels and digests are not sent');
      running = await startHttpServer({
        port: config.port, publicKey: config.publicKey ?? '', applicationId: config.applicationId ?? '', deps: { ...deps, channels: channels ?? undefined }, log,
        followUp: restFollowUp(createRest(config.apiBaseUrl)),
      });
    }
    const poster = channels;
    if (poster && postsDigests && !config.scheduler) log.info('SCHEDULER=off: this process posts no digests');
    if (poster && postsDigests && config.scheduler) {
      const corpus = (): CorpusInfo => {
        const library = services.library();
        return { articles: library.articles.length, passages: library.passages.length, version: library.version };
      };
      moderation.scheduler.setPost(async (channelId, answer) => {
        await postAnswer(poster, channelId, answer, corpus());
      });
      moderation.scheduler.start();
    }
    await untilShutdownSignal(log);
    await moderation.scheduler.stop();
    await following.stop();
    await running.close();
    await pool?.close();
    await live.settled();
    // A shard process: drop the IPC channel to the ShardingManager so the process can exit.
    if (shardChild && process.connected) process.disconnect();
    return 0;
  }
  const opened = await openLibrary({ corpusDir: config.corpusDir, dataDir: config.dataDir, log });
  const { library } = opened;
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

/** The shard ids a ShardingManager child was given (its SHARDS variable: `0` or `[0,1]`). */
function shardIdsOf(raw: string | undefined): number[] {
  try {
    const parsed = JSON.parse(raw ?? '') as unknown;
    return (Array.isArray(parsed) ? parsed : [parsed]).filter((n): n is number => typeof n === 'number');
  } catch {
    return [];
  }
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
