/**
 * Tense around a position in a sentence, for resolving expressions whose direction the calendar
 * leaves open ("on Friday", "in June", "this summer"): the nearest tense marker wins, the left side
 * breaking ties, and a sentence with no marker counts as past (news mostly reports what happened).
 */

export type Tense = 'past' | 'future' | 'present';

const FUTURE = /\b(?:will|shall|won['’]t|(?:i|a)s\s+going\s+to|are\s+going\s+to|(?:is|are|['’]s|['’]re)\s+(?:set|due|scheduled|expected|slated|planned|poised|likely|to)\s+(?:to|for)?|plans?\s+to|intends?\s+to|upcoming|to\s+be\s+held)\b|['’]ll\b/giu;

const IRREGULAR_PAST = new Set([
  'was', 'were', 'had', 'did', 'said', 'told', 'came', 'went', 'took', 'made', 'gave', 'held', 'met',
  'began', 'left', 'won', 'lost', 'saw', 'found', 'became', 'sent', 'spent', 'thought', 'brought',
  'bought', 'fell', 'rose', 'led', 'ran', 'wrote', 'spoke', 'chose', 'broke', 'struck', 'knew', 'grew',
  'drew', 'flew', 'threw', 'shot', 'fought', 'caught', 'taught', 'sold', 'paid', 'built', 'felt',
  'kept', 'slept', 'stood', 'understood', 'got', 'forgot', 'hid', 'rode', 'drove', 'ate', 'sat',
  'sought', 'swore', 'tore', 'wore', 'bore', 'froze', 'woke', 'heard', 'meant', 'dealt', 'unveiled',
]);

/** Words in -ed that are not past verbs. */
const NOT_PAST = new Set(['need', 'needed', 'red', 'bed', 'speed', 'seed', 'feed', 'hundred', 'indeed', 'embed', 'shed', 'breed', 'greed', 'creed', 'weed', 'steed', 'deed', 'proceed', 'exceed', 'succeed', 'united', 'limited', 'based', 'related', 'scheduled', 'expected', 'planned', 'alleged', 'so-called', 'advanced', 'detailed', 'skilled', 'interested', 'concerned', 'armed', 'reported']);

const WORD = /[\p{L}’'-]+/gu;

interface Marker {
  at: number;
  tense: Tense;
}

/** Tense markers of a sentence, with their offsets relative to the sentence start. */
export function tenseMarkers(sentence: string): Marker[] {
  const markers: Marker[] = [];
  FUTURE.lastIndex = 0;
  for (let m = FUTURE.exec(sentence); m; m = FUTURE.exec(sentence)) markers.push({ at: m.index, tense: 'future' });
  WORD.lastIndex = 0;
  for (let m = WORD.exec(sentence); m; m = WORD.exec(sentence)) {
    const w = m[0].toLowerCase();
    if (IRREGULAR_PAST.has(w) || (w.length > 4 && w.endsWith('ed') && !NOT_PAST.has(w) && !/^\p{Lu}/u.test(m[0]))) {
      // "had been", "was" … and -ed verbs; a capitalised -ed word is a name ("Ahmed").
      if (!markers.some((k) => k.at <= m.index && m.index < k.at + 12 && k.tense === 'future')) {
        markers.push({ at: m.index, tense: 'past' });
      }
    } else if (w === 'is' || w === 'are' || w === 'am') {
      markers.push({ at: m.index, tense: 'present' });
    }
  }
  return markers.sort((a, b) => a.at - b.at);
}

/**
 * The tense that governs position `at` (relative to the sentence start): the nearest marker, the
 * left one on a tie; past when the sentence has none. Present counts as future only when the
 * sentence has no past marker at all ("The vote is on Tuesday").
 */
export function tenseAt(markers: readonly Marker[], at: number): Tense {
  let best: Marker | null = null;
  let bestDistance = Infinity;
  for (const m of markers) {
    const distance = m.at <= at ? at - m.at : (m.at - at) * 1.2;
    if (distance < bestDistance) {
      best = m;
      bestDistance = distance;
    }
  }
  if (!best) return 'past';
  if (best.tense === 'present') {
    if (markers.some((m) => m.tense === 'past')) return markers.some((m) => m.tense === 'future') ? 'future' : 'past';
    return 'present';
  }
  return best.tense;
}
