import { ShardingManager } from 'discord.js';
import type { Logger } from '../log.ts';

/**
 * `SHARDS=auto|N`: discord.js's ShardingManager, one child process per shard, each running the
 * entry `file` (src/main.ts, which runs as a single shard when discord.js's SHARDING_MANAGER is set).
 * Needed past 2,500 guilds; every shard answers its own guilds' interactions.
 */
export interface ShardingOptions {
  /** The entry each shard process runs (TypeScript, loaded through tsx). */
  file: string;
  token: string;
  /** `auto` asks Discord for the recommended count. */
  totalShards: 'auto' | number;
  log: Logger;
}

export interface RunningShards {
  manager: ShardingManager;
  /** Stops every shard process. */
  close(): Promise<void>;
}

export async function startSharding(options: ShardingOptions): Promise<RunningShards> {
  const manager = new ShardingManager(options.file, {
    token: options.token,
    totalShards: options.totalShards,
    mode: 'process',
    respawn: true,
    // TypeScript sources need tsx's loader (by absolute URL: the shard processes may run from any
    // folder); the built JavaScript (npm run build) runs as it is.
    execArgv: options.file.endsWith('.ts') ? ['--import', import.meta.resolve('tsx')] : [],
  });
  manager.on('shardCreate', (shard) => {
    options.log.info('shard launched', { shardId: shard.id });
    shard.on('death', () => options.log.warn('shard process exited', { shardId: shard.id }));
  });
  await manager.spawn({ amount: options.totalShards, delay: 5500, timeout: 60_000 });
  return {
    manager,
    /** Asks every shard process to stop (SIGTERM: each finishes its answers) and waits up to 10 s for them. */
    async close() {
      const exits: Array<Promise<void>> = [];
      for (const shard of manager.shards.values()) {
        shard.removeAllListeners();
        const child = shard.process;
        if (!child || child.exitCode !== null) continue;
        exits.push(new Promise<void>((done) => {
          const timer = setTimeout(() => {
            child.kill('SIGKILL');
            done();
          }, 10_000);
          child.once('exit', () => {
            clearTimeout(timer);
            done();
          });
        }));
        shard.kill();
      }
      await Promise.all(exits);
    },
  };
}
