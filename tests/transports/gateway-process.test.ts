import { afterEach, describe, expect, it } from 'vitest';
import { exitOf, expectTwoShards, startBot, stopBots, until } from '../support/bot-process.ts';
import { chatInput } from '../support/discord-stand-in.ts';
import { specProblems } from '../support/discord-stand-in-spec.ts';

/**
 * `npm start` as a real process: the gateway bot (and SHARDS=N with discord.js's ShardingManager)
 * against the Discord stand-in, answering an interaction and shutting down cleanly on SIGTERM.
 */

afterEach(stopBots);

describe('npm start with DISCORD_TOKEN', () => {
  it('runs the gateway bot, answers, and exits cleanly on SIGTERM', async () => {
    const bot = await startBot({});
    await until(() => bot.stderr().includes('gateway ready'), 'the bot to be ready', 60_000, bot.stderr);
    const interaction = chatInput('help');
    bot.standIn.dispatchInteraction(interaction);
    const call = await bot.standIn.callbackFor(String(interaction.id));
    expect(specProblems('callback', call.body)).toEqual([]);
    bot.child.kill('SIGTERM');
    expect(await exitOf(bot.child)).toBe(0);
    expect(bot.stderr()).toContain('shutting down');
  }, 90_000);

  it('runs one process per shard with SHARDS=2', async () => {
    const { shards, code } = await expectTwoShards();
    expect(shards).toEqual([[0, 2], [1, 2]]);
    expect(code).toBe(0);
  }, 120_000);
});
