import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import type { Article, Passage } from '../../src/domain/types.ts';
import { INDEX_FORMAT, INDEX_OPTIONS, INDEX_VERSION, maxEditDistance, PassageIndex, type IndexedPassage } from '../../src/search/index.ts';

function article(id: string, title: string): Article {
  return {
    id, file: `${id}.md`, title, author: null, publisher: null, published: null, url: null, dateline: null,
    summary: [], credits: null, text: '', bodyStart: 0, origin: { kind: 'corpus' },
  };
}

function passage(articleId: string, n: number, text: string, section: string | null = null): Passage {
  return { id: `${articleId}#p${n}`, articleId, n, section, text, start: 0, end: text.length };
}

const ARTICLES = [article('talks', 'Talks in Muscat'), article('missile', 'Missile test'), article('markets', 'Oil markets')];
const PASSAGES = [
  passage('talks', 1, 'Foreign Minister Albusaidi hosted the talks in Muscat on Friday.'),
  passage('talks', 2, 'The US imposed new sanctions on shipping after the talks.'),
  passage('talks', 3, 'Delegations met again; the government said sanctions would stay.'),
  passage('missile', 1, 'Iran’s Khorramshahr-4 missile was shown to reporters.'),
  passage('missile', 2, 'The government said the missile test was a routine one.', 'Reactions'),
  passage('markets', 1, 'Oil prices rose as traders weighed the sanctions and the talks.'),
  passage('markets', 2, 'Shipping insurers raised premiums for the Gulf.'),
];

const build = (): PassageIndex => PassageIndex.build(ARTICLES, PASSAGES);
const ids = (hits: { id: string }[]): string[] => hits.map((h) => h.id);

describe('query planning', () => {
  it('matches a word the index has exactly, without fuzzy spellings', () => {
    const plan = build().plan('missile');
    expect(plan.groups).toHaveLength(1);
    expect(plan.groups[0]?.terms.map((t) => t.kind)).not.toContain('fuzzy');
    expect(plan.groups[0]?.terms[0]).toMatchObject({ term: 'missile', kind: 'exact' });
  });

  it('matches a word fuzzily only when the index lacks it', () => {
    const plan = build().plan('Khoramshahr talks');
    const typo = plan.groups.find((g) => g.word === 'Khoramshahr');
    expect(typo?.terms.every((t) => t.kind === 'fuzzy')).toBe(true);
    expect(typo?.terms.map((t) => t.term)).toContain('khorramshahr');
    const talks = plan.groups.find((g) => g.word === 'talks');
    expect(talks?.terms.map((t) => t.kind)).not.toContain('fuzzy');
  });

  it('expands only the last word as a prefix, and only from three letters', () => {
    const index = build();
    expect(index.plan('sanctions gov').groups[1]?.terms.map((t) => [t.term, t.kind])).toEqual([['government', 'prefix']]);
    expect(index.plan('gov sanctions').missing).toEqual(['gov']);
    expect(index.plan('go').missing).toEqual(['go']);
  });

  it('bounds the edit distance: none under 4 letters, 1 up to 7, 2 beyond', () => {
    expect([maxEditDistance('gul'), maxEditDistance('gulf'), maxEditDistance('shiping'), maxEditDistance('khoramshahr')]).toEqual([0, 1, 1, 2]);
    expect(ids(build().search('Khoramshahrr'))).toEqual(['missile#p1']);
    expect(build().plan('Kxoramshxhr').missing).toEqual(['Kxoramshxhr']);
  });

  it('reports words with no match at all as missing and still requires the others', () => {
    const index = build();
    const plan = index.plan('sanctions zzzzqqq');
    expect(plan.missing).toEqual(['zzzzqqq']);
    expect(ids(index.search('sanctions zzzzqqq')).sort()).toEqual(['markets#p1', 'talks#p2', 'talks#p3']);
  });
});

describe('PassageIndex.search', () => {
  it('requires every word when some passage has them all', () => {
    expect(ids(build().search('government missile'))).toEqual(['missile#p2']);
  });

  it('falls back to passages matching most of the words when none has them all', () => {
    const hits = build().search('Albusaidi premiums shipping');
    expect(hits.length).toBeGreaterThan(0);
    // markets#p2 has two of the three words; talks#p1 and talks#p2 have one each.
    expect(hits[0]?.id).toBe('markets#p2');
  });

  it('keeps the folds of terms.ts: al-Busaidi, U.S., Iran’s and the typo Khoramshahr', () => {
    const index = build();
    expect(ids(index.search('al-Busaidi'))).toEqual(['talks#p1']);
    expect(ids(index.search('U.S. sanctions'))).toEqual(['talks#p2']);
    expect(ids(index.search('Iran'))).toEqual(['missile#p1']);
    expect(ids(index.search('Khoramshahr'))).toEqual(['missile#p1']);
  });

  it('returns the index terms that matched each hit, for highlighting', () => {
    const [hit] = build().search('sanctions shipping');
    expect(hit?.id).toBe('talks#p2');
    expect(hit?.terms.sort()).toEqual(['sanctions', 'shipping']);
  });

  it('applies the filter before the top-k cut', () => {
    const index = build();
    const all = ids(index.search('talks', { limit: 10 }));
    expect(all.length).toBeGreaterThan(2);
    const best = all[0] as string;
    const filtered = ids(index.search('talks', { limit: 1, filter: (id) => id !== best }));
    expect(filtered).toEqual([all[1]]);
    expect(ids(index.search('talks', { filter: (id) => id.startsWith('markets') }))).toEqual(['markets#p1']);
  });

  it('ranks like MiniSearch (same BM25, boosts and AND) on exact queries', () => {
    const index = build();
    const mini = new MiniSearch<IndexedPassage>(INDEX_OPTIONS);
    const titles = new Map(ARTICLES.map((a) => [a.id, a.title]));
    mini.addAll(PASSAGES.map((p) => ({ id: p.id, text: p.text, title: titles.get(p.articleId) ?? '', section: p.section ?? '', people: '' })));
    for (const q of ['talks', 'sanctions', 'government said', 'oil shipping']) {
      const words = q.split(' ');
      const expected = mini.search({ combineWith: 'AND', queries: words.map((w) => ({ queries: [w], combineWith: 'OR' })) });
      const got = index.search(q);
      expect(ids(got), q).toEqual(expected.map((r) => String(r.id)));
      got.forEach((h, i) => expect(h.score, q).toBeCloseTo(expected[i]?.score ?? NaN, 6));
    }
  });

  it('adds passages after the build and finds them', () => {
    const index = build();
    index.add([article('late', 'Late news')], [passage('late', 1, 'A tanker was seized near Hormuz.')]);
    expect(index.size).toBe(PASSAGES.length + 1);
    expect(ids(index.search('Hormuz tanker'))).toEqual(['late#p1']);
    expect(ids(index.search('talks')).length).toBe(ids(build().search('talks')).length);
    expect(() => index.add([], [passage('late', 1, 'again')])).toThrow(/duplicate passage id "late#p1"/);
  });
});

describe('building the index', () => {
  it('gives every passage the terms and frequencies MiniSearch itself gives it, whatever repeats or folds', () => {
    const texts = [
      'The United States and the U.S. sanctions; the US, USA and united states again.',
      'Iran’s al-Busaidi met Al-Busaidi and ALBUSAIDI; Khorramshahr-4 and khorramshahr were named.',
      'Café, cafe and CAFÉ: ＦＵＬＬ width, the O’Neil and O\'Neil forms, U.N. and UN, E.U. and European Union.',
      'Words words words words, again again, and a passage with 𝐌𝐚𝐭𝐡 letters and emoji 🙂 between.',
    ];
    const articles = [article('a', 'United States: sanctions'), article('b', 'Café talks')];
    const passages = texts.map((t, i) => passage(i % 2 === 0 ? 'a' : 'b', i + 1, t, i === 3 ? 'United Nations' : null));
    const index = PassageIndex.build(articles, passages, new Map([['a#p1', ['Badr al-Busaidi']]]));
    const mini = new MiniSearch<IndexedPassage>(INDEX_OPTIONS);
    const titles = new Map(articles.map((a) => [a.id, a.title]));
    mini.addAll(passages.map((p) => ({ id: p.id, text: p.text, title: titles.get(p.articleId) ?? '', section: p.section ?? '', people: p.id === 'a#p1' ? 'Badr al-Busaidi' : '' })));
    const dump = (m: MiniSearch<IndexedPassage>): string[] => {
      const out: string[] = [];
      const inner = m as unknown as { _index: Map<string, Map<number, Map<number, number>>> };
      for (const [term, byField] of inner._index) {
        for (const [field, docs] of byField) for (const [doc, tf] of docs) out.push(`${term} ${field} ${doc} ${tf}`);
      }
      return out.sort();
    };
    expect(dump(index.miniSearch)).toEqual(dump(mini));
  });
});

describe('the saved index', () => {
  it('round-trips through JSON and answers the same', () => {
    const index = build();
    const loaded = PassageIndex.fromJS(JSON.parse(JSON.stringify(index.toJS())));
    expect(loaded.size).toBe(index.size);
    for (const q of ['talks', 'government missile', 'Khoramshahr', 'sanctions gov', 'al-Busaidi']) {
      expect(loaded.search(q), q).toEqual(index.search(q));
    }
    loaded.add([article('late', 'Late')], [passage('late', 1, 'More talks on Sunday.')]);
    expect(ids(loaded.search('talks Sunday'))).toEqual(['late#p1']);
  });

  it('round-trips through its binary snapshot form and answers the same', () => {
    const index = build();
    const { meta, sections } = index.toSnapshot();
    const copies = new Map<string, Uint8Array>([...sections].map(([name, bytes]) => [name, Uint8Array.from(bytes)]));
    const loaded = PassageIndex.fromSnapshot(JSON.parse(JSON.stringify(meta)), copies);
    for (const q of ['sanctions talks', 'Khoramshahr', 'gov', 'U.S. shipping']) expect(loaded.search(q)).toEqual(index.search(q));
    const cut = new Map(copies);
    cut.set('index.postings', (copies.get('index.postings') as Uint8Array).subarray(0, 6));
    expect(() => PassageIndex.fromSnapshot(meta, cut)).toThrow(/saved index/);
    const missing = new Map(copies);
    missing.delete('index.terms');
    expect(() => PassageIndex.fromSnapshot(meta, missing)).toThrow(/index.terms/);
  });

  it('carries its format and INDEX_VERSION, and refuses another version or a truncated one', () => {
    const js = build().toJS() as Record<string, unknown>;
    expect(js.format).toBe(INDEX_FORMAT);
    expect(js.version).toBe(INDEX_VERSION);
    expect(() => PassageIndex.fromJS({ ...js, version: INDEX_VERSION - 1 })).toThrow(/version/);
    expect(() => PassageIndex.fromJS({ ...js, postings: (js.postings as string).slice(0, 8) })).toThrow(/saved index/);
    expect(() => PassageIndex.fromJS({ ...js, fieldLength: undefined })).toThrow(/fieldLength/);
    expect(() => PassageIndex.fromJS(null)).toThrow(/not an object/);
  });

  it('stays a working MiniSearch index: its own search finds what the planner finds', () => {
    const index = build();
    for (const q of ['talks', 'sanctions', 'missile']) {
      const own = index.miniSearch.search(q).map((r) => String(r.id)).sort();
      expect(own, q).toEqual(ids(index.search(q, { limit: 100 })).sort());
    }
    const json = index.miniSearch.toJSON();
    expect(json.documentCount).toBe(PASSAGES.length);
  });
});
