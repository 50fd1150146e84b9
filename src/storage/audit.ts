/**
 * The audit log: one JSON object a line in `<dataDir>/audit.jsonl`, for every corpus change,
 * briefing post and refused moderator attempt. Each entry is appended with one write and fsynced;
 * a crash mid-write can leave only a torn last line, which reading skips (and the next append
 * starts on a fresh line). Appends are serialized.
 */
import { open, readFile } from 'node:fs/promises';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';

export const AUDIT_FILE = 'audit.jsonl';

/** What happened. */
export type AuditAction =
  | 'corpus.add' | 'corpus.remove' | 'corpus.refused'
  | 'brief.post' | 'brief.digest'
  | 'schedule.add' | 'schedule.remove'
  | 'permission.denied';

export interface AuditEntry {
  /** ISO time. */
  time: string;
  action: AuditAction;
  guildId: string | null;
  userId: string | null;
  articleIds: string[];
  /** A short note: a title, a channel id, a refusal reason. */
  detail: string | null;
}

export interface AuditLogOptions {
  dataDir: string;
  /** The clock for entry times. Default: the system clock. */
  now?: () => Date;
}

export class AuditLog {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly file: string;

  constructor(private readonly options: AuditLogOptions) {
    this.file = join(options.dataDir, AUDIT_FILE);
  }

  /** Appends one entry (time filled in when missing); resolves once it is on disk. */
  append(entry: Omit<AuditEntry, 'time'> & { time?: string }): Promise<AuditEntry> {
    const full: AuditEntry = {
      time: entry.time ?? (this.options.now?.() ?? new Date()).toISOString(),
      action: entry.action,
      guildId: entry.guildId,
      userId: entry.userId,
      articleIds: [...entry.articleIds],
      detail: entry.detail,
    };
    const run = this.queue.then(() => this.write(full));
    this.queue = run.catch(() => undefined);
    return run.then(() => full);
  }

  private async write(entry: AuditEntry): Promise<void> {
    await mkdir(this.options.dataDir, { recursive: true });
    const handle = await open(this.file, 'a+');
    try {
      // After a torn last line (a crash mid-append), start on a fresh line.
      const { size } = await handle.stat();
      let prefix = '';
      if (size > 0) {
        const last = Buffer.alloc(1);
        await handle.read(last, 0, 1, size - 1);
        if (last[0] !== 0x0a) prefix = '\n';
      }
      await handle.write(`${prefix}${JSON.stringify(entry)}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
  }

  /**
   * Entries, oldest first: a guild's (and, with `guildId` null, every guild's), at most the last
   * `limit` (default 50). Lines that are not whole entries (a torn last line) are skipped.
   */
  async read(filter: { guildId?: string | null; limit?: number; actions?: readonly AuditAction[] } = {}): Promise<AuditEntry[]> {
    await this.queue;
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const out: AuditEntry[] = [];
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        continue;
      }
      const e = value as Partial<AuditEntry>;
      if (typeof e.time !== 'string' || typeof e.action !== 'string' || !Array.isArray(e.articleIds)) continue;
      if (filter.guildId != null && e.guildId !== filter.guildId) continue;
      if (filter.actions && !filter.actions.includes(e.action)) continue;
      out.push(e as AuditEntry);
    }
    return out.slice(-(filter.limit ?? 50));
  }
}
