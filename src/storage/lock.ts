/**
 * A lock file that keeps processes sharing one data dir from writing the same files at once (the
 * bot, a `dossier corpus` command run beside it, several `serve` instances on one volume).
 *
 * The lock is a file created with O_EXCL holding the owner's host, pid and a random token. A lock
 * left by a process that died is taken over: on the same host when that pid no longer runs, on
 * another host (a shared volume) once it is older than `staleMs`. Between reading a dead owner's
 * lock and deleting it, the file is read once more and only deleted if it is still that owner's;
 * two processes taking over the same dead lock in the same microsecond is the one race left.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rm, stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname } from 'node:path';

export interface FileLockOptions {
  /** How long to wait for a live owner to let go before giving up, in ms. Default 15 000. */
  waitMs?: number;
  /** How often to look again while waiting, in ms. Default 20. */
  retryMs?: number;
  /** Age after which another host's lock counts as abandoned, in ms. Default 120 000. */
  staleMs?: number;
}

/** Thrown when the lock stays held by a live process for longer than `waitMs`. */
export class LockTimeoutError extends Error {
  constructor(readonly path: string, readonly owner: string) {
    super(`${path} is held by ${owner}; gave up waiting for it`);
  }
}

interface Owner {
  host: string;
  pid: number;
  token: string;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readOwner(path: string): Promise<{ owner: Owner | null; raw: string; mtimeMs: number } | null> {
  try {
    const [raw, info] = await Promise.all([readFile(path, 'utf8'), stat(path)]);
    let owner: Owner | null = null;
    try {
      const value = JSON.parse(raw) as Partial<Owner>;
      if (typeof value.host === 'string' && typeof value.pid === 'number' && typeof value.token === 'string') owner = value as Owner;
    } catch {
      // A lock file cut short by a crash while it was written: treated as abandoned below.
    }
    return { owner, raw, mtimeMs: info.mtimeMs };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Runs `task` holding the lock file at `path`; the lock is let go however `task` ends. */
export async function withFileLock<T>(path: string, task: () => Promise<T>, options: FileLockOptions = {}): Promise<T> {
  const waitMs = options.waitMs ?? 15_000;
  const retryMs = options.retryMs ?? 20;
  const staleMs = options.staleMs ?? 120_000;
  const me: Owner = { host: hostname(), pid: process.pid, token: randomBytes(8).toString('hex') };
  const mine = JSON.stringify(me);
  const deadline = Date.now() + waitMs;
  await mkdir(dirname(path), { recursive: true });
  for (;;) {
    try {
      const handle = await open(path, 'wx');
      try {
        await handle.writeFile(mine);
      } finally {
        await handle.close();
      }
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const held = await readOwner(path);
    if (held === null) continue;
    const { owner } = held;
    const abandoned = owner === null
      ? Date.now() - held.mtimeMs > 1_000
      : owner.host === me.host ? !isAlive(owner.pid) : Date.now() - held.mtimeMs > staleMs;
    if (abandoned) {
      const again = await readOwner(path);
      if (again?.raw === held.raw) await rm(path, { force: true });
      continue;
    }
    if (Date.now() >= deadline) {
      throw new LockTimeoutError(path, owner ? `process ${owner.pid} on ${owner.host}` : 'a process that is still writing it');
    }
    await new Promise((resolve) => setTimeout(resolve, retryMs));
  }
  try {
    return await task();
  } finally {
    const held = await readOwner(path).catch(() => null);
    if (held?.raw === mine) await rm(path, { force: true });
  }
}
