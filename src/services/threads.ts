/**
 * Starting a worker thread from one of this project's modules, whether it runs from the built
 * JavaScript or from TypeScript sources (tsx): a worker thread does not inherit tsx's loader, so
 * it registers it before importing the module.
 */
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** The URL of module `name` (no extension) beside `base` (an `import.meta.url`), .ts or .js as `base` is. */
export function siblingModule(base: string, name: string): URL {
  return new URL(`./${name}${extname(fileURLToPath(base))}`, base);
}

/** Starts `url` in a worker thread. */
export function startModuleWorker(url: URL, options: WorkerOptions = {}): Worker {
  return url.pathname.endsWith('.ts')
    ? new Worker(`import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); })`, { ...options, eval: true })
    : new Worker(url, options);
}
