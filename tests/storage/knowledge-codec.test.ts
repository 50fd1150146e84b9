import { describe, expect, it } from 'vitest';
import { extractKnowledge } from '../../src/app.ts';
import { loadCorpus } from '../../src/ingest/load.ts';
import { KNOWLEDGE_VERSION, type KnowledgeStore } from '../../src/knowledge/store.ts';
import { decodeKnowledge, encodeKnowledge } from '../../src/storage/knowledge-codec.ts';
import { SAMPLE_CORPUS } from '../support/corpus.ts';

/** A small store with every nullable field both null and set. */
function handMade(): KnowledgeStore {
  return {
    version: KNOWLEDGE_VERSION,
    people: [
      { id: 'person-1', name: 'Badr Albusaidi', aliases: ['al-Busaidi', 'Busaidi'], roles: [{ articleId: 'a', passageId: 'a#p1', start: 10, end: 30, text: 'Oman’s foreign minister' }], mentions: [{ articleId: 'a', passageId: 'a#p1', start: 1, end: 9 }, { articleId: 'a', passageId: null, start: 2, end: 4 }] },
      { id: 'person-2', name: 'Nobody', aliases: [], roles: [], mentions: [] },
    ],
    quotes: [
      { id: 'quote-1', text: 'We do not discuss', speakerId: 'person-1', speaker: 'Badr Albusaidi', occurrences: [{ articleId: 'a', passageId: 'a#p2', start: 40, end: 57, contextStart: 30, contextEnd: 70, text: 'We do not discuss' }] },
      { id: 'quote-2', text: 'Unsigned words', speakerId: null, speaker: null, occurrences: [] },
    ],
    events: [
      { id: 'event-1', date: '2026-02-06', precision: 'day', occurrences: [{ articleId: 'a', passageId: 'a#p1', start: 0, end: 20, order: 0, date: '2026-02', precision: 'month', basis: 'anchor' }] },
    ],
  };
}

describe('knowledge store codec', () => {
  it('decodes exactly what it encoded, nulls and empty lists included', () => {
    const store = handMade();
    const { meta, sections } = encodeKnowledge(store);
    expect(decodeKnowledge(JSON.parse(JSON.stringify(meta)), sections, KNOWLEDGE_VERSION)).toEqual(store);
  });

  it('round-trips the knowledge store of the sample corpus', async () => {
    const corpus = await loadCorpus(SAMPLE_CORPUS);
    const { knowledge } = extractKnowledge(corpus.articles, corpus.passages);
    expect(knowledge.people.length).toBeGreaterThan(0);
    const { meta, sections } = encodeKnowledge(knowledge);
    expect(decodeKnowledge(meta, sections, KNOWLEDGE_VERSION)).toEqual(knowledge);
  });

  it('refuses another version, a missing section and a cut section with a clear error', () => {
    const { meta, sections } = encodeKnowledge(handMade());
    expect(() => decodeKnowledge(meta, sections, KNOWLEDGE_VERSION + 1)).toThrow(/version/);
    const without = new Map(sections);
    without.delete('knowledge.mentions');
    expect(() => decodeKnowledge(meta, without, KNOWLEDGE_VERSION)).toThrow(/knowledge\.mentions is missing/);
    const cut = new Map(sections);
    const mentions = sections.get('knowledge.mentions') ?? new Uint8Array();
    cut.set('knowledge.mentions', mentions.subarray(0, mentions.byteLength - 16));
    expect(() => decodeKnowledge(meta, cut, KNOWLEDGE_VERSION)).toThrow(/too short/);
    const badString = new Map(sections);
    badString.set('knowledge.stringEnds', new Uint8Array(4));
    expect(() => decodeKnowledge(meta, badString, KNOWLEDGE_VERSION)).toThrow(/string table/);
  });
});
