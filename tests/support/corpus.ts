import { mkdtemp, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The bundled sample corpus. */
export const SAMPLE_CORPUS = resolve(import.meta.dirname, '../../corpus');

/** A fresh temp folder with the given files (name → text or bytes). */
export async function tempCorpus(files: Record<string, string | Uint8Array>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'dossier-corpus-'));
  await mkdir(dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content);
  return dir;
}

export async function tempDir(prefix = 'dossier-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

/** A minimal valid Markdown article. */
export function article(title: string, body: string, extra = ''): string {
  return `---\ntitle: ${JSON.stringify(title)}\n${extra}---\n\n${body}\n`;
}
