/**
 * `npm run eval`: extraction measured against ../shared (dev-wikigold person names, dev-wikinews
 * timelines) and against the sample-corpus expectations. Prints precision, recall and F1 per
 * measure. A development tool: it reads ../shared and says so when it is missing.
 * Usage: npm run eval [-- SHARED_DIR]
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { evalPeople } from './eval/people.ts';
import { evalQuotes } from './eval/quotes.ts';
import { evalTimeline } from './eval/timeline.ts';
import { evalTimelineService } from './eval/timeline-service.ts';

const shared = resolve(process.argv[2] ?? resolve(import.meta.dirname, '../../shared'));
if (!existsSync(shared)) {
  console.log(`note: ${shared} is missing: the dev-wikigold and dev-wikinews measures are skipped (pass the shared folder as an argument).`);
}
console.log('== people (dev-wikigold) ==');
await evalPeople(shared);
console.log('\n== quotes (sample corpus) ==');
await evalQuotes(resolve(import.meta.dirname, '../corpus'));
console.log('\n== timeline extraction (dev-wikinews) ==');
await evalTimeline(shared);
console.log('\n== timeline service, per target (dev-wikinews) ==');
await evalTimelineService(shared);
