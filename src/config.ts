import { config as loadDotenv } from 'dotenv';
import { resolve } from 'node:path';
import type { LogLevel } from './log.ts';

/** How Dossier runs: each mode needs its own keys. */
export type Mode = 'console' | 'cli' | 'gateway' | 'http' | 'deploy';

export interface Config {
  /** Folder of the bundled corpus. `DOSSIER_CORPUS_DIR`, default `./corpus`. */
  corpusDir: string;
  /** Folder for snapshots, guild articles, schedules and the audit log. `DOSSIER_DATA_DIR`, default `./.dossier`. */
  dataDir: string;
  /** `LOG_LEVEL`: debug, info, warn, error or silent. Default `info` (`warn` in the console and CLI). */
  logLevel: LogLevel;
  /** Bot token (`DISCORD_TOKEN`): gateway mode and command deployment. */
  discordToken: string | null;
  /** Application id (`DISCORD_APPLICATION_ID`): HTTP interactions and command deployment. */
  applicationId: string | null;
  /** Hex Ed25519 public key from the developer portal (`DISCORD_PUBLIC_KEY`): HTTP interactions. */
  publicKey: string | null;
  /** When set, commands deploy to this guild only (instant; for development). `DISCORD_GUILD_ID`. */
  guildId: string | null;
  /** HTTP port for `dossier serve` (`PORT`, default 8080). */
  port: number;
  /** `SHARDS`: `auto`, a number of shards, or null for one process without sharding. */
  shards: 'auto' | number | null;
  /** Role ids that count as moderators besides Manage Guild (`MODERATOR_ROLE_IDS`, comma separated). */
  moderatorRoleIds: string[];
  /** Base URL of Discord's REST API (`DISCORD_API_URL`; tests point it at a local stand-in). */
  apiBaseUrl: string | null;
  /**
   * Query worker threads for the bot (`QUERY_WORKERS`: `auto`, one per core, or a number; 0 answers
   * everything on the main thread). Each holds its own copy of the library. Default `auto`.
   */
  queryWorkers: 'auto' | number;
  /**
   * Whether this process posts scheduled digests (`SCHEDULER`: `on` or `off`, default `on`). With
   * several instances over one data dir, turn it on in one of them only.
   */
  scheduler: boolean;
}

/** What each mode needs, so an error can say which keys are missing and why. */
export const REQUIRED_KEYS: Record<Mode, readonly string[]> = {
  console: [],
  cli: [],
  gateway: ['DISCORD_TOKEN'],
  http: ['DISCORD_PUBLIC_KEY', 'DISCORD_APPLICATION_ID'],
  deploy: ['DISCORD_TOKEN', 'DISCORD_APPLICATION_ID'],
};

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`Configuration problems:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

const LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error', 'silent'];

/**
 * Reads `.env` (quietly) into `process.env` without overriding what is already set. The only
 * place that touches `process.env`.
 */
export function readEnvironment(): Record<string, string | undefined> {
  loadDotenv({ quiet: true });
  return { ...process.env };
}

function nonEmpty(env: Record<string, string | undefined>, key: string): string | null {
  const value = env[key]?.trim();
  return value ? value : null;
}

/** Validates the environment for a mode and lists every problem at once. */
export function loadConfig(env: Record<string, string | undefined>, mode: Mode): Config {
  const problems: string[] = [];
  const missing = REQUIRED_KEYS[mode].filter((key) => nonEmpty(env, key) === null);
  if (missing.length > 0) {
    problems.push(`missing ${missing.join(', ')} (needed to run in ${mode} mode; see .env.example)`);
  }

  const rawLevel = nonEmpty(env, 'LOG_LEVEL');
  let logLevel: LogLevel = mode === 'console' || mode === 'cli' ? 'warn' : 'info';
  if (rawLevel !== null) {
    if ((LEVELS as readonly string[]).includes(rawLevel)) logLevel = rawLevel as LogLevel;
    else problems.push(`LOG_LEVEL must be one of ${LEVELS.join(', ')}, got "${rawLevel}"`);
  }

  let port = 8080;
  const rawPort = nonEmpty(env, 'PORT');
  if (rawPort !== null) {
    port = Number(rawPort);
    if (!Number.isInteger(port) || port < 0 || port > 65535) problems.push(`PORT must be a port number (0-65535), got "${rawPort}"`);
  }

  let shards: Config['shards'] = null;
  const rawShards = nonEmpty(env, 'SHARDS');
  if (rawShards !== null) {
    if (rawShards === 'auto') shards = 'auto';
    else if (/^[1-9]\d*$/.test(rawShards)) shards = Number(rawShards);
    else problems.push(`SHARDS must be "auto" or a positive whole number, got "${rawShards}"`);
  }

  const token = nonEmpty(env, 'DISCORD_TOKEN');
  if (token !== null && (mode === 'gateway' || mode === 'deploy') && !/^[\w-]+\.[\w-]+\.[\w-]+$/.test(token)) {
    problems.push('DISCORD_TOKEN does not look like a bot token (three parts separated by dots; copy it from the Bot tab of the developer portal)');
  }

  const publicKey = nonEmpty(env, 'DISCORD_PUBLIC_KEY');
  if (publicKey !== null && !/^[0-9a-fA-F]{64}$/.test(publicKey)) {
    problems.push('DISCORD_PUBLIC_KEY must be the 64 hex characters shown in the developer portal');
  }
  const snowflake = (key: string): string | null => {
    const value = nonEmpty(env, key);
    if (value !== null && !/^\d{5,20}$/.test(value)) problems.push(`${key} must be a Discord id (digits), got "${value}"`);
    return value;
  };
  const applicationId = snowflake('DISCORD_APPLICATION_ID');
  const guildId = snowflake('DISCORD_GUILD_ID');
  const moderatorRoleIds = (nonEmpty(env, 'MODERATOR_ROLE_IDS') ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
  for (const id of moderatorRoleIds) {
    if (!/^\d{5,20}$/.test(id)) problems.push(`MODERATOR_ROLE_IDS must be comma-separated Discord role ids, got "${id}"`);
  }

  let queryWorkers: Config['queryWorkers'] = 'auto';
  const rawWorkers = nonEmpty(env, 'QUERY_WORKERS');
  if (rawWorkers !== null) {
    if (rawWorkers === 'auto') queryWorkers = 'auto';
    else if (/^\d{1,2}$/.test(rawWorkers)) queryWorkers = Number(rawWorkers);
    else problems.push(`QUERY_WORKERS must be "auto" or a whole number from 0 to 99, got "${rawWorkers}"`);
  }

  let scheduler = true;
  const rawScheduler = nonEmpty(env, 'SCHEDULER');
  if (rawScheduler !== null) {
    if (rawScheduler === 'on' || rawScheduler === 'off') scheduler = rawScheduler === 'on';
    else problems.push(`SCHEDULER must be "on" or "off", got "${rawScheduler}"`);
  }

  if (problems.length > 0) throw new ConfigError(problems);
  return {
    corpusDir: resolve(nonEmpty(env, 'DOSSIER_CORPUS_DIR') ?? 'corpus'),
    dataDir: resolve(nonEmpty(env, 'DOSSIER_DATA_DIR') ?? '.dossier'),
    logLevel,
    discordToken: nonEmpty(env, 'DISCORD_TOKEN'),
    applicationId,
    publicKey,
    guildId,
    port,
    shards,
    moderatorRoleIds,
    apiBaseUrl: nonEmpty(env, 'DISCORD_API_URL'),
    queryWorkers,
    scheduler,
  };
}
