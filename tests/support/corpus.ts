import { mkdtemp, writeFile, mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll } from 'vitest';

/** Temp folders made by this file's helpers, removed when the test file that made them ends. */
const made: string[] = [];
afterAll(async () => {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** The bundled sample corpus. */
export const SAMPLE_CORPUS = resolve(import.meta.dirname, '../../corpus');

/** A fresh temp folder with the given files (name → text or bytes). */
export async function tempCorpus(files: Record<string, string | Uint8Array>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'dossier-corpus-'));
  made.push(dir);
  await mkdir(dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content);
  return dir;
}

/** A fresh empty temp folder (removed after the test file). */
export async function tempDir(prefix = 'dossier-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** A minimal valid Markdown article. */
export function article(title: string, body: string, extra = ''): string {
  return `---\ntitle: ${JSON.stringify(title)}\n${extra}---\n\n${body}\n`;
}
