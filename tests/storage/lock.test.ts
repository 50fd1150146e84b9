import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LockTimeoutError, withFileLock } from '../../src/storage/lock.ts';
import { tempDir } from '../support/corpus.ts';

const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill();
});

/** A real process that keeps running until the test ends. */
async function liveProcess(): Promise<number> {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  children.push(child);
  await once(child, 'spawn');
  return child.pid ?? 0;
}

/** The pid of a real process that has exited. */
async function deadProcess(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  await once(child, 'exit');
  return child.pid ?? 0;
}

const exists = (path: string): Promise<boolean> => stat(path).then(() => true, () => false);

describe('file lock', () => {
  it('runs one holder at a time and lets go when the task ends', async () => {
    const path = join(await tempDir(), 'sub', '.lock');
    const order: string[] = [];
    const hold = (name: string, ms: number): Promise<void> => withFileLock(path, async () => {
      order.push(`${name} in`);
      await new Promise((r) => setTimeout(r, ms));
      order.push(`${name} out`);
    });
    await Promise.all([hold('a', 60), hold('b', 1), hold('c', 1)]);
    expect(order).toHaveLength(6);
    for (let i = 0; i < 6; i += 2) expect(order[i + 1]).toBe(order[i]?.replace('in', 'out'));
    expect(await exists(path)).toBe(false);
  });

  it('lets go of the lock when the task throws', async () => {
    const path = join(await tempDir(), '.lock');
    await expect(withFileLock(path, () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await exists(path)).toBe(false);
    await expect(withFileLock(path, () => Promise.resolve(7))).resolves.toBe(7);
  });

  it('takes over a lock whose owner on this host has exited', async () => {
    const path = join(await tempDir(), '.lock');
    await writeFile(path, JSON.stringify({ host: hostname(), pid: await deadProcess(), token: 'gone' }));
    await expect(withFileLock(path, () => readFile(path, 'utf8'), { waitMs: 2_000 })).resolves.toContain(`"pid":${process.pid}`);
  });

  it('waits for a live owner and then gives up, naming it, without taking its lock', async () => {
    const path = join(await tempDir(), '.lock');
    const pid = await liveProcess();
    const held = JSON.stringify({ host: hostname(), pid, token: 'live' });
    await writeFile(path, held);
    const error = await withFileLock(path, () => Promise.resolve('ran'), { waitMs: 150 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LockTimeoutError);
    expect((error as Error).message).toContain(`process ${pid} on ${hostname()}`);
    expect((error as Error).message).toContain(path);
    expect(await readFile(path, 'utf8')).toBe(held);
  });

  it('runs as soon as a live owner lets go', async () => {
    const path = join(await tempDir(), '.lock');
    await writeFile(path, JSON.stringify({ host: hostname(), pid: await liveProcess(), token: 'live' }));
    const waiting = withFileLock(path, () => Promise.resolve('ran'), { waitMs: 5_000 });
    await new Promise((r) => setTimeout(r, 100));
    await rm(path);
    await expect(waiting).resolves.toBe('ran');
  });

  it("counts another host's lock as abandoned only once it is older than staleMs", async () => {
    const path = join(await tempDir(), '.lock');
    await writeFile(path, JSON.stringify({ host: `not-${hostname()}`, pid: process.pid, token: 'far' }));
    await expect(withFileLock(path, () => Promise.resolve('ran'), { waitMs: 100, staleMs: 60_000 })).rejects.toThrow(LockTimeoutError);
    const old = new Date(Date.now() - 120_000);
    await utimes(path, old, old);
    await expect(withFileLock(path, () => Promise.resolve('ran'), { waitMs: 100, staleMs: 60_000 })).resolves.toBe('ran');
  });

  it('takes over a lock file left empty by a crash, once it is a second old', async () => {
    const path = join(await tempDir(), '.lock');
    await writeFile(path, '');
    await expect(withFileLock(path, () => Promise.resolve('ran'), { waitMs: 100 })).rejects.toThrow(/still writing it/);
    const old = new Date(Date.now() - 5_000);
    await utimes(path, old, old);
    await expect(withFileLock(path, () => Promise.resolve('ran'), { waitMs: 100 })).resolves.toBe('ran');
  });
});
