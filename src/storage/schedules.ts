/**
 * Scheduled digests, in `<dataDir>/schedules.json`, rewritten whole and atomically on every change
 * (temp file, fsync, rename), changes serialized: a crash leaves the old list or the new.
 *
 * Instances sharing the data dir (one posting digests, others taking /brief schedule) take turns
 * through the lock file `<dataDir>/.schedules.lock`, and each change starts from the file as it is
 * then, so none writes back a list that misses another's schedule; `refresh()` reads in theirs.
 */
import { readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../log.ts';
import { fileSignature, writeFileAtomic } from './atomic.ts';
import { withFileLock, type FileLockOptions } from './lock.ts';

export const SCHEDULES_FILE = 'schedules.json';
/** The lock file, in the data dir, held by a process while it changes the schedules. */
export const SCHEDULES_LOCK_FILE = '.schedules.lock';
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
  /** The file as last read or written (fileSignature). */
  private seen = '';
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(private readonly dataDir: string, private readonly log: Logger, private readonly lock?: FileLockOptions) {}

  /** Reads the schedules; an unreadable file is set aside (renamed `.corrupt-<time>`) and logged, never silently lost. */
  static async open(dataDir: string, log: Logger, lock?: FileLockOptions): Promise<ScheduleStore> {
    const store = new ScheduleStore(dataDir, log, lock);
    await store.locked(() => store.load());
    return store;
  }

  private file(): string {
    return join(this.dataDir, SCHEDULES_FILE);
  }

  private locked<T>(task: () => Promise<T>): Promise<T> {
    return withFileLock(join(this.dataDir, SCHEDULES_LOCK_FILE), task, this.lock);
  }

  /** Reads the file (holding the lock, as setting a bad file aside writes). */
  private async load(): Promise<void> {
    const file = this.file();
    const signature = await fileSignature(file);
    let text: string | null = null;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    this.seen = signature;
    if (text === null) {
      this.records = [];
      return;
    }
    try {
      const value = JSON.parse(text) as Partial<SchedulesFile>;
      if (value.format !== SCHEDULES_FORMAT || !Array.isArray(value.schedules)) throw new Error('not a schedules file');
      this.records = value.schedules;
    } catch (error) {
      const aside = `${file}.corrupt-${Date.now()}`;
      await rename(file, aside);
      this.seen = '';
      this.log.error('schedules file unreadable; set aside, going on with the schedules read before', { file, aside, kept: this.records.length, error });
    }
  }

  /**
   * Reads in the schedules another process changed since this store last read or wrote them (a
   * stat when nothing changed). The digest scheduler calls it before each check.
   */
  refresh(): Promise<void> {
    const run = this.queue.then(async () => {
      if ((await fileSignature(this.file())) !== this.seen) await this.locked(() => this.load());
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  list(guildId?: string): ScheduleRecord[] {
    return this.records.filter((r) => guildId === undefined || r.guildId === guildId).map((r) => ({ ...r, seen: [...r.seen] }));
  }

  get(id: string): ScheduleRecord | undefined {
    const r = this.records.find((x) => x.id === id);
    return r && { ...r, seen: [...r.seen] };
  }

  /**
   * Applies `change` to the list as it is on disk now and saves it; the list changes in memory
   * only once it is on disk.
   */
  update<T>(change: (records: ScheduleRecord[]) => { records: ScheduleRecord[]; result: T }): Promise<T> {
    const run = this.queue.then(() => this.locked(async () => {
      if ((await fileSignature(this.file())) !== this.seen) await this.load();
      const { records, result } = change(this.records.map((r) => ({ ...r, seen: [...r.seen] })));
      const data: SchedulesFile = { format: SCHEDULES_FORMAT, version: 1, schedules: records };
      await writeFileAtomic(this.file(), `${JSON.stringify(data, null, 2)}\n`);
      this.records = records;
      this.seen = await fileSignature(this.file());
      this.log.debug('schedules saved', { count: records.length });
      return result;
    }));
    this.queue = run.catch(() => undefined);
    return run;
  }
}
