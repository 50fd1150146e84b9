/**
 * The held-out scorer's measure on ../shared/dev-wikinews, through Dossier's own timeline service:
 * for each target, `timeline --topic TARGET` over the folder's corpus; a gold unit is found when an
 * event cites a passage whose excerpt contains the unit's sentence (white space normalised) and the
 * event's date agrees with the gold date at the gold precision (unknown gold dates match any date).
 * Precision counts the returned events that find at least one unit.
 * Run alone with `npx tsx scripts/eval/timeline-service.ts [SHARED_DIR]`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openLibrary } from '../../src/app.ts';
import { silentLogger } from '../../src/log.ts';
import { timeline } from '../../src/services/timeline.ts';

interface GoldUnit { passage: string; text: string; date: string; precision: string; inTitle: boolean }
interface Gold { targets: string[]; entities: Array<{ name: string; units: GoldUnit[] }> }

const norm = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** Whether an event date agrees with a gold date at the gold precision. */
export function dateAgrees(eventDate: string, gold: string, precision: string): boolean {
  if (precision === 'unknown' || gold.startsWith('XXXX')) return true;
  const len = precision === 'day' ? 10 : precision === 'month' ? 7 : 4;
  return eventDate.slice(0, len) === gold.slice(0, len) && eventDate.length >= len;
}

export async function evalTimelineService(shared: string): Promise<void> {
  const root = join(shared, 'dev-wikinews');
  if (!existsSync(root)) {
    console.log(`timeline (service): ${root} is missing; skipped (this measure needs ../shared/dev-wikinews)`);
    return;
  }
  for (const folder of ['trial', 'corpus_1']) {
    const gold = JSON.parse(readFileSync(join(root, folder, 'gold.json'), 'utf8')) as Gold;
    const { library } = await openLibrary({ corpusDir: join(root, folder, 'corpus'), dataDir: null, log: silentLogger });
    let tp = 0;
    let returned = 0;
    let goodEvents = 0;
    let goldTotal = 0;
    for (const entity of gold.entities) {
      const units = entity.units.filter((u) => !u.inTitle);
      goldTotal += units.length;
      const events = timeline(library, { topic: entity.name, limit: 10_000 }).events;
      const seen = new Set<string>();
      const unique = events.filter((e) => {
        const key = `${e.date}|${e.citations.map((c) => c.passage).join(',')}|${e.summary}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
      returned += unique.length;
      const found = new Set<GoldUnit>();
      for (const e of unique) {
        let good = false;
        for (const u of units) {
          const hit = e.citations.some((c) => c.passage === u.passage && norm(c.excerpt).includes(norm(u.text)));
          if (hit && dateAgrees(e.date, u.date, u.precision)) {
            found.add(u);
            good = true;
          }
        }
        if (good) goodEvents += 1;
      }
      tp += found.size;
    }
    const p = returned ? goodEvents / returned : 0;
    const r = goldTotal ? tp / goldTotal : 0;
    const f = p + r ? (2 * p * r) / (p + r) : 0;
    console.log(`timeline (service) ${folder.padEnd(9)} P ${p.toFixed(3)}  R ${r.toFixed(3)}  F1 ${f.toFixed(3)}  (units found ${tp}/${goldTotal}, events ${goodEvents}/${returned} good)`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await evalTimelineService(resolve(process.argv[2] ?? '../shared'));
}
