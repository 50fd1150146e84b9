import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.ts';
import { brief } from '../../src/services/brief.ts';
import { MAX_SCOPE_VIEWS, peopleView, TermIndex } from '../../src/services/derived.ts';
import type { Library } from '../../src/services/library.ts';
import { openModeration } from '../../src/services/moderation.ts';
import { quotes, suggestSpeakers } from '../../src/services/quote.ts';
import { everything, guildScope, type Scope } from '../../src/services/scope.ts';
import { timeline } from '../../src/services/timeline.ts';
import { suggestPeople, who } from '../../src/services/who.ts';
import { sampleLibrary } from '../support/library.ts';
import { wordTokens } from '../../src/search/terms.ts';
import { article, SAMPLE_CORPUS, tempDir } from '../support/corpus.ts';
import { brief as plainBrief } from '../support/plain/brief.ts';
import { quotes as plainQuotes, suggestSpeakers as plainSuggestSpeakers } from '../support/plain/quote.ts';
import { timeline as plainTimeline } from '../support/plain/timeline.ts';
import { suggestPeople as plainSuggestPeople, who as plainWho } from '../support/plain/who.ts';

const A = '100000000000000001';
const B = '200000000000000002';
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const FERRY = article('Harbour authority opens ferry terminal',
  'Maria Vasquez, the harbour authority\'s chief executive, opened the ferry terminal with Abbas Arakchi on Tuesday, saying it would "double the island\'s capacity within a year".\n\n'
  + 'Foreign Minister Abbas Arakchi praised the terminal on Wednesday, calling it "a bridge between our peoples". Vasquez said the United States had sent an envoy.', 'publisher: Coastal Times\npublished: 2026-02-10\n');
const DAM = article('Dam talks resume in the capital',
  'Talks on the river dam resumed on 3 March 2026, said Peter Okafor, the water minister. "We will not give up the river," Okafor said on Monday.\n\n'
  + 'The dam was first proposed in 2019. It has divided the region since then, Maria Vasquez said.', 'publisher: River News\npublished: 2026-03-04\n');

/** The sample corpus with an article added by guild A and one by guild B. */
async function libraryWithGuilds(): Promise<Library> {
  const opened = await openModeration({ corpusDir: SAMPLE_CORPUS, dataDir: await tempDir(), log: silentLogger });
  await opened.moderation.corpus.add({ guildId: A, userId: 'mod-a', name: 'ferry.md', bytes: enc(FERRY) });
  await opened.moderation.corpus.add({ guildId: B, userId: 'mod-b', name: 'dam.md', bytes: enc(DAM) });
  return opened.services.library();
}

/** Words and names to ask about: every person's forms and parts, and words of the passages. */
function queriesOf(library: Library): { names: string[]; words: string[] } {
  const names = new Set<string>();
  for (const p of library.knowledge.people) {
    for (const form of [p.name, ...p.aliases]) {
      names.add(form);
      for (const part of form.split(' ')) {
        names.add(part);
        names.add(part.slice(0, 3));
      }
    }
  }
  const words = new Set<string>();
  for (const passage of library.passages) {
    wordTokens(passage.text).forEach((t, i) => {
      if (i % 7 === 0 && /^\p{L}{4,}$/u.test(t.text)) words.add(t.text);
    });
  }
  return { names: [...names], words: [...words] };
}

/** The answer, or the error message it throws (both must agree). */
const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value)) as unknown;

function outcome<T>(f: () => T): T | string {
  try {
    return f();
  } catch (error) {
    return `error: ${(error as Error).message}`;
  }
}

describe('cached indexes give the same answers as full scans', async () => {
  const library = await libraryWithGuilds();
  const scopes: Array<[string, Scope]> = [['everything', everything], ['guild A', guildScope(library, A)], ['guild B', guildScope(library, B)], ['a DM', guildScope(library, null)]];
  const { names, words } = queriesOf(library);

  it('has people, quotations and events to compare in every scope', () => {
    expect(library.articles.some((a) => a.origin.kind === 'guild')).toBe(true);
    for (const [, scope] of scopes) {
      expect(names.filter((n) => who(library, n, scope).person !== null).length).toBeGreaterThan(3);
      expect(quotes(library, {}, scope).quotes.length).toBeGreaterThan(0);
      expect(timeline(library, {}, scope).events.length).toBeGreaterThan(0);
    }
  });

  for (const [label, scope] of scopes) {
    it(`who and its autocomplete, as ${label} sees the corpus`, () => {
      for (const n of names) {
        expect(outcome(() => who(library, n, scope)), n).toEqual(outcome(() => plainWho(library, n, scope)));
        expect(suggestPeople(library, n, scope), n).toEqual(plainSuggestPeople(library, n, scope));
        expect(suggestSpeakers(library, n, scope), n).toEqual(plainSuggestSpeakers(library, n, scope));
      }
      expect(suggestPeople(library, '', scope)).toEqual(plainSuggestPeople(library, '', scope));
      expect(suggestSpeakers(library, '', scope)).toEqual(plainSuggestSpeakers(library, '', scope));
    });

    it(`quotations by speaker and topic, as ${label} sees the corpus`, () => {
      const speakers = [...names, ...library.knowledge.quotes.map((q) => q.speaker ?? 'the alert'), 'the ministry'];
      expect(quotes(library, {}, scope)).toEqual(plainQuotes(library, {}, scope));
      expect(quotes(library, { limit: 2 }, scope)).toEqual(plainQuotes(library, { limit: 2 }, scope));
      for (const speaker of speakers) expect(outcome(() => quotes(library, { speaker }, scope)), speaker).toEqual(outcome(() => plainQuotes(library, { speaker }, scope)));
      for (const topic of [...words, 'United States', 'capac', 'the']) {
        expect(outcome(() => quotes(library, { topic }, scope)), topic).toEqual(outcome(() => plainQuotes(library, { topic }, scope)));
        expect(outcome(() => quotes(library, { topic, speaker: 'Okafor' }, scope)), topic).toEqual(outcome(() => plainQuotes(library, { topic, speaker: 'Okafor' }, scope)));
      }
    });

    it(`timelines by topic and dates, as ${label} sees the corpus`, () => {
      const requests = [{}, { limit: 3 }, { from: '2026' }, { to: '2025-06' }, { from: '2025', to: '2026-02' }, { from: '2027', to: '2026' },
        ...[...words, ...names, 'United States', 'dam talks'].map((topic) => ({ topic })), { topic: 'Araghchi', from: '2026' },
        // Topics of three and four words: a sentence must have the rarest and at least half of them.
        ...words.filter((_, i) => i % 6 === 0).map((w, i) => ({ topic: `${w} ${words[i + 1] ?? 'dam'} ${names[i % names.length] ?? 'talks'}` })),
        { topic: 'dam talks region capital' }, { topic: 'ferry terminal island zebra' }, { topic: 'sanctions talks Muscat Iran' }];
      for (const request of requests) {
        // As JSON: an answer's events make their citations when read (getters), the oracle's are plain.
        expect(outcome(() => asJson(timeline(library, request, scope))), JSON.stringify(request)).toEqual(outcome(() => asJson(plainTimeline(library, request, scope))));
      }
    });

    it(`briefings, as ${label} sees the corpus`, () => {
      const requests = [{}, { maxPoints: 3 }, { since: '2026-02' }, { articles: (id: string) => id.startsWith('g') }, ...words.slice(0, 40).map((topic) => ({ topic })), { topic: 'Vasquez' }, { topic: 'dam' }];
      for (const request of requests) {
        expect(outcome(() => brief(library, request, scope)), JSON.stringify(request)).toEqual(outcome(() => plainBrief(library, request, scope)));
      }
    });
  }
});

describe('scope keys and the scope cache', () => {
  it('keys a guild without articles of its own as the bundled corpus, and one with articles by its id', async () => {
    const library = await libraryWithGuilds();
    expect(everything.key).toBe('*');
    expect(guildScope(library, A).key).toBe(`guild:${A}`);
    expect(guildScope(library, '300000000000000003').key).toBe('bundled');
    expect(guildScope(library, null).key).toBe('bundled');
    // With no guild articles at all, a guild's view is the whole library's.
    const plain = await sampleLibrary();
    expect(guildScope(plain, A)).toBe(everything);
    expect(guildScope(plain, null)).toBe(everything);
    // One people list per key: the name index built for it is reused.
    expect(peopleView(library, guildScope(library, A)).people).toBe(peopleView(library, guildScope(library, A)).people);
    expect(peopleView(library, guildScope(library, A)).people).not.toBe(peopleView(library, guildScope(library, B)).people);
  });

  it(`keeps at most ${MAX_SCOPE_VIEWS} scope views per library, dropping the least recently used`, async () => {
    const library = await libraryWithGuilds();
    const view = (key: string): unknown => peopleView(library, { key, article: () => true }).people;
    const first = view('k0');
    const second = view('k1');
    for (let i = 2; i < MAX_SCOPE_VIEWS; i += 1) view(`k${i}`);
    expect(view('k0')).toBe(first);
    view('one more');
    // k0 was used again, so k1 (the least recently used) went and is built anew.
    expect(view('k0')).toBe(first);
    expect(view('k1')).not.toBe(second);
    expect(view('k1')).toEqual(second);
  });
});

describe('TermIndex', () => {
  it('finds a term exactly, and by prefix from four characters', () => {
    const index = new TermIndex();
    index.add(['ferry', 'terminal', 'term'], 1);
    index.add(['terms', 'ter'], 2);
    index.add(['harbour'], 3);
    expect([...index.matching('ter')]).toEqual([2]);
    expect([...index.matching('term')].sort()).toEqual([1, 2]);
    expect([...index.matching('termi')]).toEqual([1]);
    expect([...index.matching('harbours')]).toEqual([]);
    for (const t of ['ter', 'term', 'termi', 'harbours']) {
      const ids: number[] = [];
      index.forEachMatching(t, (id) => ids.push(id));
      expect(new Set(ids), t).toEqual(index.matching(t));
    }
  });
});
