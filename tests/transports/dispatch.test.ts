import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../commands/index.ts';
import { parseCommandLine } from '../../src/transports/dispatch.ts';

describe('parseCommandLine', () => {
  it('gives free words to the first text option and reads name:value pairs', () => {
    const parsed = parseCommandLine('/search US sanctions limit:3', COMMANDS);
    expect(parsed).toMatchObject({ ok: true, options: { query: 'US sanctions', limit: 3 } });
    expect(parseCommandLine('/quote speaker:Araghchi topic:wall of mistrust', COMMANDS)).toMatchObject({ ok: true, options: { speaker: 'Araghchi', topic: 'wall of mistrust' } });
  });

  it('checks values against the definition and names the option at fault', () => {
    expect(parseCommandLine('/search Iran limit:many', COMMANDS)).toEqual({ ok: false, message: 'limit must be a number, got "many".' });
    expect(parseCommandLine('/search Iran limit:99', COMMANDS)).toMatchObject({ ok: false, message: expect.stringMatching(/limit must be from 1 to 10/) });
    expect(parseCommandLine('/who', COMMANDS)).toMatchObject({ ok: false, message: expect.stringMatching(/needs name/) });
    expect(parseCommandLine('/sources extra words', COMMANDS)).toMatchObject({ ok: false, message: expect.stringMatching(/takes no free text/) });
    expect(parseCommandLine('/nope', COMMANDS)).toMatchObject({ ok: false, message: expect.stringMatching(/Unknown command \/nope/) });
  });

  it('reads a subcommand by its first word, defaulting to the first subcommand', () => {
    expect(parseCommandLine('/brief schedule channel:123 time:09:00', COMMANDS)).toMatchObject({ ok: true, options: { subcommand: 'schedule', channel: '123', time: '09:00' } });
    expect(parseCommandLine('/brief sanctions', COMMANDS)).toMatchObject({ ok: true, options: { subcommand: 'now', topic: 'sanctions' } });
    expect(parseCommandLine('/brief', COMMANDS)).toMatchObject({ ok: true, options: { subcommand: 'now' } });
  });
});
