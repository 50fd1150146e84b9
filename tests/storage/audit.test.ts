import { appendFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIT_FILE, AuditLog } from '../../src/storage/audit.ts';
import { tempDir } from '../support/corpus.ts';

describe('audit log', () => {
  it('appends one JSON line per entry, in order, even when appends race', async () => {
    const dataDir = await tempDir();
    const log = new AuditLog({ dataDir, now: () => new Date('2026-03-01T00:00:00Z') });
    await Promise.all(Array.from({ length: 20 }, (_, i) => log.append({ action: 'corpus.add', guildId: '1', userId: String(i), articleIds: [`g1-a${i}`], detail: null })));
    const lines = (await readFile(join(dataDir, AUDIT_FILE), 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(20);
    expect(lines.map((l) => (JSON.parse(l) as { userId: string }).userId)).toEqual(Array.from({ length: 20 }, (_, i) => String(i)));
    expect(JSON.parse(lines[0] ?? '{}')).toEqual({ time: '2026-03-01T00:00:00.000Z', action: 'corpus.add', guildId: '1', userId: '0', articleIds: ['g1-a0'], detail: null });
  });

  it('skips a torn last line left by a crash, and the next entry starts on its own line', async () => {
    const dataDir = await tempDir();
    const log = new AuditLog({ dataDir });
    await log.append({ action: 'corpus.add', guildId: '1', userId: 'a', articleIds: ['x'], detail: null });
    await appendFile(join(dataDir, AUDIT_FILE), '{"time":"2026-03-01T00:00:00Z","action":"corpus.rem');
    await log.append({ action: 'corpus.remove', guildId: '2', userId: 'b', articleIds: ['y'], detail: null });
    expect((await log.read()).map((e) => e.action)).toEqual(['corpus.add', 'corpus.remove']);
    expect((await log.read({ guildId: '2' })).map((e) => e.userId)).toEqual(['b']);
  });
});
