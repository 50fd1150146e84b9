import { openLibrary } from '../../src/app.ts';
import { silentLogger } from '../../src/log.ts';
import type { Library } from '../../src/services/library.ts';
import { SAMPLE_CORPUS } from './corpus.ts';

let sample: Promise<Library> | null = null;

/** The sample corpus, loaded once per test file without touching any data dir. */
export function sampleLibrary(): Promise<Library> {
  sample ??= openLibrary({ corpusDir: SAMPLE_CORPUS, dataDir: null, log: silentLogger }).then((o) => o.library);
  return sample;
}
