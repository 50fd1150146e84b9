import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';

describe('loadConfig', () => {
  it('needs nothing for the console and uses the defaults', () => {
    const config = loadConfig({}, 'console');
    expect(config.corpusDir).toMatch(/corpus$/);
    expect(config.dataDir).toMatch(/\.dossier$/);
    expect(config.logLevel).toBe('warn');
    expect(config.port).toBe(8080);
  });

  it('lists every missing key at once and says which mode needs them', () => {
    try {
      loadConfig({}, 'deploy');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems).toEqual(['missing DISCORD_TOKEN, DISCORD_APPLICATION_ID (needed to run in deploy mode; see .env.example)']);
    }
  });

  it('reports every invalid value together', () => {
    expect(() => loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud', SHARDS: '0', DISCORD_PUBLIC_KEY: 'abc', DISCORD_GUILD_ID: 'guild' }, 'http'))
      .toThrow(/missing DISCORD_APPLICATION_ID[\s\S]*LOG_LEVEL must be one of[\s\S]*PORT must be a port number[\s\S]*SHARDS must be[\s\S]*DISCORD_PUBLIC_KEY must be[\s\S]*DISCORD_GUILD_ID must be/);
  });

  it('reads valid values', () => {
    const config = loadConfig({ DISCORD_PUBLIC_KEY: 'a'.repeat(64), DISCORD_APPLICATION_ID: '123456789012345678', PORT: '3000', SHARDS: 'auto', MODERATOR_ROLE_IDS: '111111, 222222' }, 'http');
    expect(config).toMatchObject({ port: 3000, shards: 'auto', applicationId: '123456789012345678', moderatorRoleIds: ['111111', '222222'], queryWorkers: 'auto', scheduler: true });
  });

  it('reads QUERY_WORKERS and SCHEDULER, and names them when they are wrong', () => {
    const env = { DISCORD_PUBLIC_KEY: 'a'.repeat(64), DISCORD_APPLICATION_ID: '123456789012345678' };
    expect(loadConfig({ ...env, QUERY_WORKERS: '0', SCHEDULER: 'off' }, 'http')).toMatchObject({ queryWorkers: 0, scheduler: false });
    expect(loadConfig({ ...env, QUERY_WORKERS: '3', SCHEDULER: 'on' }, 'http')).toMatchObject({ queryWorkers: 3, scheduler: true });
    expect(() => loadConfig({ ...env, QUERY_WORKERS: 'many', SCHEDULER: 'sometimes' }, 'http'))
      .toThrow(/QUERY_WORKERS must be "auto" or a whole number[\s\S]*SCHEDULER must be "on" or "off"/);
  });
});
