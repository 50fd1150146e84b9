/**
 * Start-up as a user meets it: opens the library of CORPUS_DIR from the snapshot in DATA_DIR in
 * this fresh process and prints `{"s": wall seconds, "cpuS": CPU seconds, "origin": …}` on stdout.
 * scripts/bench.ts runs it as a child, so the figure is not that of a process holding a build.
 * Usage: node --import tsx scripts/bench-start.ts CORPUS_DIR DATA_DIR
 */
import { performance } from 'node:perf_hooks';
import { openLibrary } from '../src/app.ts';
import { silentLogger } from '../src/log.ts';

const [corpusDir, dataDir] = process.argv.slice(2);
if (!corpusDir || !dataDir) throw new Error('usage: bench-start.ts CORPUS_DIR DATA_DIR');
const t = performance.now();
const cpu = process.cpuUsage();
const opened = await openLibrary({ corpusDir, dataDir, log: silentLogger });
const used = process.cpuUsage(cpu);
process.stdout.write(`${JSON.stringify({ s: (performance.now() - t) / 1000, cpuS: (used.user + used.system) / 1e6, origin: opened.origin })}\n`);
