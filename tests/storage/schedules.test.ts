import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.ts';
import { ScheduleStore, SCHEDULES_FILE, type ScheduleRecord } from '../../src/storage/schedules.ts';
import { tempDir } from '../support/corpus.ts';

const record = (id: string, channelId: string): ScheduleRecord => ({
  id, guildId: '1', channelId, time: '09:00', every: 'day', weekday: null, topic: null,
  createdBy: null, createdAt: '2026-03-01T08:00:00.000Z', lastSlot: null, lastPostedAt: null, seen: [],
});
const add = (store: ScheduleStore, r: ScheduleRecord): Promise<void> => store.update((records) => ({ records: [...records, r], result: undefined }));

describe('schedule store', () => {
  it('keeps the schedules of two stores on one data dir, and refresh reads in the other\'s', async () => {
    const dataDir = await tempDir();
    const a = await ScheduleStore.open(dataDir, silentLogger);
    const b = await ScheduleStore.open(dataDir, silentLogger);
    await add(a, record('s1', '10'));
    await add(b, record('s2', '20'));
    expect(b.list().map((r) => r.id)).toEqual(['s1', 's2']);
    expect(a.list().map((r) => r.id)).toEqual(['s1']);
    await a.refresh();
    expect(a.list().map((r) => r.id)).toEqual(['s1', 's2']);
    const file = JSON.parse(await readFile(join(dataDir, SCHEDULES_FILE), 'utf8')) as { schedules: ScheduleRecord[] };
    expect(file.schedules.map((r) => r.id)).toEqual(['s1', 's2']);
  });

  it('sets an unreadable file aside, never losing it, and goes on with the schedules it had', async () => {
    const dataDir = await tempDir();
    const store = await ScheduleStore.open(dataDir, silentLogger);
    await add(store, record('s1', '10'));
    await writeFile(join(dataDir, SCHEDULES_FILE), '{"half');
    await store.refresh();
    expect(store.list().map((r) => r.id)).toEqual(['s1']);
    const names = await readdir(dataDir);
    const aside = names.find((n) => n.startsWith(`${SCHEDULES_FILE}.corrupt-`));
    expect(aside).toBeDefined();
    expect(await readFile(join(dataDir, aside ?? ''), 'utf8')).toBe('{"half');
    await add(store, record('s2', '20'));
    expect((await ScheduleStore.open(dataDir, silentLogger)).list().map((r) => r.id)).toEqual(['s1', 's2']);
  });
});
