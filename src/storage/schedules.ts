/**
 * Scheduled digests, in `<dataDir>/schedules.json`, rewritten whole and atomically on every change
 * (temp file, fsync, rename), changes serialized: a crash leaves the old list or the new.
 */
import { readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../log.ts';
import { writeFileAtomic } from './atomic.ts';

export const SCHEDULES_FILE = 'schedules.json';
export const SCHEDULES_FORMAT = 'dossier-schedules';

export interface ScheduleRecord {
  id: string;
  guildId: string;
  channelId: string;
  /** `HH:MM`, UTC. */
  time: string;
  every: 'day' | 'week';
  /** 0 = Sunday … 6 = Saturday (weekly digests); null for daily. */
  weekday: number | null;
  topic: string | null;
  createdBy: string | null;
  createdAt: string;
  /** The last slot handled (posted, or passed with nothing new); null before the first. */
  lastSlot: string | null;
  lastPostedAt: string | null;
  /** Articles already covered by a digest (or seen and off topic): only others count as new. */
  seen: string[];
}

interface SchedulesFile {
  format: typeof SCHEDULES_FORMAT;
  version: 1;
  schedules: ScheduleRecord[];
}

export class ScheduleStore {
  private records: ScheduleRecord[] = [];
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(private readonly dataDir: string, private readonly log: Logger) {}

  /** Reads the schedules; an unreadable file is set aside (renamed `.corrupt-<time>`) and logged, never silently lost. */
  static async open(dataDir: string, log: Logger): Promise<ScheduleStore> {
    const store = new ScheduleStore(dataDir, log);
    const file = join(dataDir, SCHEDULES_FILE);
    let text: string | null = null;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    if (text !== null) {
      try {
        const value = JSON.parse(text) as Partial<SchedulesFile>;
        if (value.format !== SCHEDULES_FORMAT || !Array.isArray(value.schedules)) throw new Error('not a schedules file');
        store.records = value.schedules;
      } catch (error) {
        const aside = `${file}.corrupt-${Date.now()}`;
        await rename(file, aside);
        log.error('schedules file unreadable; set aside, starting with no schedules', { file, aside, error });
      }
    }
    return store;
  }

  list(guildId?: string): ScheduleRecord[] {
    return this.records.filter((r) => guildId === undefined || r.guildId === guildId).map((r) => ({ ...r, seen: [...r.seen] }));
  }

  get(id: string): ScheduleRecord | undefined {
    const r = this.records.find((x) => x.id === id);
    return r && { ...r, seen: [...r.seen] };
  }

  /** Applies `change` to the list and saves it; the list changes in memory only once it is on disk. */
  update<T>(change: (records: ScheduleRecord[]) => { records: ScheduleRecord[]; result: T }): Promise<T> {
    const run = this.queue.then(async () => {
      const { records, result } = change(this.records.map((r) => ({ ...r, seen: [...r.seen] })));
      const data: SchedulesFile = { format: SCHEDULES_FORMAT, version: 1, schedules: records };
      await writeFileAtomic(join(this.dataDir, SCHEDULES_FILE), `${JSON.stringify(data, null, 2)}\n`);
      this.records = records;
      this.log.debug('schedules saved', { count: records.length });
      return result;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }
}
