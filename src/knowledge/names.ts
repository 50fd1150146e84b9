/**
 * Name comparison for merging people across articles: transliteration-tolerant keys for each
 * name part, so Araqchi = Araghchi, al-Busaidi = Albusaidi, Mohammed = Muhammad, while Trump and
 * Tusk stay apart.
 */

/** Honorifics and titles that may lead a name but are not part of it. */
const HONORIFICS = new Set([
  'mr', 'mrs', 'ms', 'miss', 'dr', 'prof', 'sir', 'dame', 'lord', 'lady', 'rev', 'fr', 'sr', 'jr',
]);

/** Lower-case name particles: "al", "el", "bin", "van", "de"… (kept in names, ignored for keys). */
const PARTICLES = new Set(['al', 'el', 'ul', 'bin', 'ibn', 'bint', 'abu', 'van', 'von', 'der', 'den', 'de', 'du', 'da', 'di', 'la', 'le', 'dos', 'das', 'del', 'della', 'ben', 'ter']);

/** Most entries a key cache keeps before it starts afresh (names recur; memory stays bounded). */
const MEMO_LIMIT = 50_000;
const partKeys = new Map<string, string>();
const variantKeys = new Map<string, string[]>();

function memo<T>(cache: Map<string, T>, key: string, compute: (key: string) => T): T {
  let value = cache.get(key);
  if (value === undefined) {
    value = compute(key);
    if (cache.size >= MEMO_LIMIT) cache.clear();
    cache.set(key, value);
  }
  return value;
}

const NON_ASCII = /[\u0080-\uffff]/;

/** Folds a name: diacritics off, lower case, curly apostrophes straightened, possessive dropped. */
export function foldName(name: string): string {
  // ASCII has no diacritics to take off (NFKD leaves it as it is): skip the costly Unicode steps.
  return (NON_ASCII.test(name) ? name.normalize('NFKD').replace(/\p{M}+/gu, '') : name)
    .replace(/[\u2018\u2019\u02bc`´]/g, "'")
    .replace(/'s$/i, '')
    .toLowerCase()
    .trim();
}

/** The words of a name, folded, without honorifics and suffixes; particles joined to the next word. */
export function nameParts(name: string): string[] {
  const words = foldName(name).split(/[\s\u00a0]+/).map((w) => w.replace(/[.,]/g, '')).filter((w) => w !== '');
  const out: string[] = [];
  for (let i = 0; i < words.length; i += 1) {
    const word = words[i] ?? '';
    if (HONORIFICS.has(word) && words.length > 1) continue;
    if (PARTICLES.has(word) && i < words.length - 1) {
      // "al Busaidi" → "al-busaidi": the particle belongs to the surname.
      words[i + 1] = `${word}-${words[i + 1] ?? ''}`;
      continue;
    }
    out.push(word);
  }
  return out;
}

/**
 * A transliteration-tolerant key for one name part: particles and hyphens dropped, common
 * alternative spellings mapped (gh/q/k, kh/h, ph/f, w/v, ou/u, j/dj), vowels after the first letter
 * dropped and doubled letters collapsed, an initial g/q/c/k read as one sound. "Araqchi" and
 * "Araghchi" → "arkch"; "Mohammed" and "Muhammad" → "mhmd".
 */
export function partKey(part: string): string {
  return memo(partKeys, part, computePartKey);
}

function computePartKey(part: string): string {
  let s = foldName(part).replace(/'/g, '');
  const hyphened = s.split('-').filter((p) => p !== '');
  if (hyphened.length > 1 && PARTICLES.has(hyphened[0] ?? '')) hyphened.shift();
  s = hyphened.join('');
  // A part with digits ("3G", "A380") is no name, and one letter is too little to compare.
  if (/\d/.test(s)) return '';
  s = s.replace(/[^a-z]/g, '');
  if (s.length < 2) return '';
  s = s
    .replace(/dj/g, 'j')
    .replace(/kh/g, 'h')
    .replace(/gh/g, 'k')
    .replace(/q/g, 'k')
    .replace(/ck/g, 'k')
    .replace(/c(?=[aou])/g, 'k')
    .replace(/ph/g, 'f')
    .replace(/w/g, 'v')
    .replace(/y/g, 'i')
    .replace(/z/g, 's')
    .replace(/ou/g, 'u');
  // Hard initial consonants vary most between transliterations (Gaddafi, Qaddafi, Kadhafi).
  const first = /[gqck]/.test(s[0] ?? '') ? 'k' : (s[0] ?? '');
  const rest = s.slice(1).replace(/[aeiou]/g, '');
  return (first + rest).replace(/(.)\1+/g, '$1');
}

/** A name part written with a leading particle glued on ("Albusaidi", "Elbaradei"), split off when a known particle fits. */
export function particleVariants(part: string): string[] {
  return memo(variantKeys, part, computeParticleVariants);
}

function computeParticleVariants(part: string): string[] {
  const folded = foldName(part).replace(/[^a-z-]/g, '');
  const out = [partKey(folded)];
  for (const particle of PARTICLES) {
    if (folded.startsWith(particle) && folded.length - particle.length >= 4 && !folded.startsWith(`${particle}-`)) {
      out.push(partKey(folded.slice(particle.length)));
    }
  }
  return out;
}

/** True when two given names can be the same person's: same key, or one is the other's initial. */
export function givenNamesCompatible(a: string, b: string): boolean {
  const fa = foldName(a).replace(/\./g, '');
  const fb = foldName(b).replace(/\./g, '');
  if (fa.length === 1 || fb.length === 1) return fa[0] === fb[0];
  const ka = partKey(fa);
  return ka !== '' && ka === partKey(fb);
}

/** True when two surnames are spellings of one name (transliteration or a glued particle). */
export function surnamesCompatible(a: string, b: string): boolean {
  const ka = particleVariants(a);
  const kb = particleVariants(b);
  return ka.some((k) => k !== '' && kb.includes(k));
}

/** Levenshtein distance, bounded: returns `max + 1` as soon as it is exceeded. */
export function editDistance(a: string, b: string, max = 3): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const v = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      cur.push(v);
      if (v < best) best = v;
    }
    if (best > max) return max + 1;
    prev = cur;
  }
  return prev[b.length] ?? max + 1;
}
