/**
 * The knowledge store in binary snapshot sections: one string table (ids, names, texts, dates)
 * and flat Int32 columns per kind of record, decoded back into the same plain objects
 * (KnowledgeStore, PersonRecord, Place…) the services read. Several times smaller and faster to
 * read than the store as JSON, where every mention repeats its article and passage ids as text.
 */
import type { Precision } from '../extract/types.ts';
import type {
  EventOccurrence, EventRecord, KnowledgeStore, PersonRecord, Place, QuoteOccurrence, QuoteRecord, RoleRecord,
} from '../knowledge/store.ts';
import { bytesOf, int32View, readStringTable, StringTableWriter } from './strings.ts';

/** Section names (prefixed to keep them apart from the index's and the corpus's sections). */
const S = {
  text: 'knowledge.strings', ends: 'knowledge.stringEnds',
  people: 'knowledge.people', aliases: 'knowledge.aliases', roles: 'knowledge.roles', mentions: 'knowledge.mentions',
  quotes: 'knowledge.quotes', quoteOccurrences: 'knowledge.quoteOccurrences',
  events: 'knowledge.events', eventOccurrences: 'knowledge.eventOccurrences',
} as const;

/** Int32 fields per row of each column section. */
const W = { people: 5, roles: 5, mentions: 4, quotes: 5, quoteOccurrences: 7, events: 4, eventOccurrences: 8 } as const;

/** What goes into the snapshot's JSON data beside the sections: the version and record counts. */
export interface KnowledgeMeta {
  version: number;
  people: number;
  quotes: number;
  events: number;
}

/** Encodes a knowledge store as a small meta value plus binary sections. */
export function encodeKnowledge(store: KnowledgeStore): { meta: KnowledgeMeta; sections: Map<string, Uint8Array> } {
  const strings = new StringTableWriter();
  const s = (x: string | null): number => strings.id(x);
  const people: number[] = [];
  const aliases: number[] = [];
  const roles: number[] = [];
  const mentions: number[] = [];
  const place = (out: number[], p: Place): void => {
    out.push(s(p.articleId), s(p.passageId), p.start, p.end);
  };
  for (const p of store.people) {
    people.push(s(p.id), s(p.name), p.aliases.length, p.roles.length, p.mentions.length);
    for (const a of p.aliases) aliases.push(s(a));
    for (const r of p.roles) {
      place(roles, r);
      roles.push(s(r.text));
    }
    for (const m of p.mentions) place(mentions, m);
  }
  const quotes: number[] = [];
  const quoteOccurrences: number[] = [];
  for (const q of store.quotes) {
    quotes.push(s(q.id), s(q.text), s(q.speakerId), s(q.speaker), q.occurrences.length);
    for (const o of q.occurrences) {
      place(quoteOccurrences, o);
      quoteOccurrences.push(o.contextStart, o.contextEnd, s(o.text));
    }
  }
  const events: number[] = [];
  const eventOccurrences: number[] = [];
  for (const e of store.events) {
    events.push(s(e.id), s(e.date), s(e.precision), e.occurrences.length);
    for (const o of e.occurrences) {
      place(eventOccurrences, o);
      eventOccurrences.push(o.order, s(o.date), s(o.precision), s(o.basis));
    }
  }
  const table = strings.encode();
  const col = (xs: number[]): Uint8Array => bytesOf(Int32Array.from(xs));
  return {
    meta: { version: store.version, people: store.people.length, quotes: store.quotes.length, events: store.events.length },
    sections: new Map([
      [S.text, table.text], [S.ends, table.ends],
      [S.people, col(people)], [S.aliases, col(aliases)], [S.roles, col(roles)], [S.mentions, col(mentions)],
      [S.quotes, col(quotes)], [S.quoteOccurrences, col(quoteOccurrences)],
      [S.events, col(events)], [S.eventOccurrences, col(eventOccurrences)],
    ]),
  };
}

/**
 * Decodes what `encodeKnowledge` wrote. Throws a clear error for a missing section, a count or an
 * index out of range, or a store of another version than `version` (callers rebuild).
 */
export function decodeKnowledge(meta: unknown, sections: ReadonlyMap<string, Uint8Array>, version: number): KnowledgeStore {
  return openKnowledge(meta, sections, version)();
}

/**
 * Checks what `encodeKnowledge` wrote now, and decodes it later: returns a function that builds
 * the store on its first call (then returns the same store). Every check `decodeKnowledge` makes
 * (version, sections, counts, row lengths, string indexes) is made here, before returning, so the
 * returned function cannot fail; it throws here instead (callers rebuild). A start-up from a
 * snapshot so pays only for the checks (typed-array scans), not for the records.
 */
export function openKnowledge(meta: unknown, sections: ReadonlyMap<string, Uint8Array>, version: number): () => KnowledgeStore {
  const m = (meta ?? {}) as Partial<KnowledgeMeta>;
  if (m.version !== version) throw new Error(`knowledge store of version ${String(m.version)}, expected ${version}`);
  const count = (n: unknown, what: string): number => {
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) throw new Error(`knowledge store: bad ${what} count`);
    return n;
  };
  const section = (name: string): Uint8Array => {
    const b = sections.get(name);
    if (b === undefined) throw new Error(`knowledge store: section ${name} is missing`);
    return b;
  };
  const strings = checkStringTable(section(S.text), section(S.ends));
  checkColumns(section, strings, count(m.people, 'people'), count(m.quotes, 'quotes'), count(m.events, 'events'));
  let store: KnowledgeStore | undefined;
  return () => (store ??= decodeChecked(m, section, version));
}

/** Checks a string table as `readStringTable` would read it, without cutting it into strings; returns its size. */
function checkStringTable(text: Uint8Array, ends: Uint8Array): number {
  const length = Buffer.from(text.buffer, text.byteOffset, text.byteLength).toString('utf8').length;
  const offsets = int32View(ends, 'string table offsets');
  let at = 0;
  for (let i = 0; i < offsets.length; i += 1) {
    const end = offsets[i] ?? -1;
    if (end < at || end > length) throw new Error('string table offsets out of range');
    at = end;
  }
  if (at !== length) throw new Error('string table length does not match its offsets');
  return offsets.length;
}

/**
 * Makes every check `decodeChecked` would make on the record columns: whole rows, counts that add
 * up to each column's rows exactly, and string indexes in range (-1 only where null is allowed).
 */
function checkColumns(section: (name: string) => Uint8Array, strings: number, people: number, quotes: number, events: number): void {
  const column = (name: string, width: number, required: readonly number[], nullable: readonly number[]): Int32Array => {
    const c = int32View(section(name), name);
    if (c.length % width !== 0) throw new Error(`knowledge store: section ${name} has a partial row`);
    for (let r = 0; r < c.length; r += width) {
      for (const f of required) {
        const v = c[r + f] ?? -1;
        if (v < 0 || v >= strings) throw new Error('knowledge store: string index out of range');
      }
      for (const f of nullable) {
        const v = c[r + f] ?? -1;
        if (v < -1 || v >= strings) throw new Error('knowledge store: string index out of range');
      }
    }
    return c;
  };
  /** Rows of `child` claimed by `records` rows of `parent` (count at field `field`, negatives as 0, like the decoder). */
  const claims = (parent: Int32Array, pWidth: number, records: number, field: number, child: Int32Array, cWidth: number, name: string, negative: boolean): void => {
    if (records * pWidth > parent.length) throw new Error(`knowledge store: section ${name} is too short`);
    let rows = 0;
    for (let i = 0; i < records; i += 1) {
      const n = parent[i * pWidth + field] ?? 0;
      if (n < 0 && negative) throw new Error(`knowledge store: ${name} section is too short`);
      rows += Math.max(0, n);
    }
    if (rows * cWidth > child.length) throw new Error(`knowledge store: section ${name} is too short`);
    if (rows * cWidth < child.length) throw new Error(`knowledge store: section ${name} has rows no record uses`);
  };
  const peopleCol = column(S.people, W.people, [0, 1], []);
  if (people * W.people !== peopleCol.length) throw new Error(`knowledge store: section ${S.people} does not match the people count`);
  claims(peopleCol, W.people, people, 2, column(S.aliases, 1, [0], []), 1, S.aliases, true);
  claims(peopleCol, W.people, people, 3, column(S.roles, W.roles, [0, 4], [1]), W.roles, S.roles, false);
  claims(peopleCol, W.people, people, 4, column(S.mentions, W.mentions, [0], [1]), W.mentions, S.mentions, false);
  const quotesCol = column(S.quotes, W.quotes, [0, 1], [2, 3]);
  if (quotes * W.quotes !== quotesCol.length) throw new Error(`knowledge store: section ${S.quotes} does not match the quotes count`);
  claims(quotesCol, W.quotes, quotes, 4, column(S.quoteOccurrences, W.quoteOccurrences, [0, 6], [1]), W.quoteOccurrences, S.quoteOccurrences, false);
  const eventsCol = column(S.events, W.events, [0, 1, 2], []);
  if (events * W.events !== eventsCol.length) throw new Error(`knowledge store: section ${S.events} does not match the events count`);
  claims(eventsCol, W.events, events, 3, column(S.eventOccurrences, W.eventOccurrences, [0, 5, 6, 7], [1]), W.eventOccurrences, S.eventOccurrences, false);
}

/** The decoder proper, over sections `openKnowledge` has checked (its own checks stay as a second line). */
function decodeChecked(m: Partial<KnowledgeMeta>, section: (name: string) => Uint8Array, version: number): KnowledgeStore {
  const count = (n: unknown, what: string): number => {
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) throw new Error(`knowledge store: bad ${what} count`);
    return n;
  };
  const table = readStringTable(section(S.text), section(S.ends));
  const column = (name: string, width: number): Int32Array => {
    const c = int32View(section(name), name);
    if (c.length % width !== 0) throw new Error(`knowledge store: section ${name} has a partial row`);
    return c;
  };
  const str = (i: number): string => {
    const v = table[i];
    if (v === undefined) throw new Error('knowledge store: string index out of range');
    return v;
  };
  const strOrNull = (i: number): string | null => (i === -1 ? null : str(i));

  // Readers over each column: `at` moves row by row; reading past the end throws.
  const reader = (name: string, width: number) => {
    const c = column(name, width);
    let at = 0;
    return {
      next(): number {
        if (at + width > c.length) throw new Error(`knowledge store: section ${name} is too short`);
        const row = at;
        at += width;
        return row;
      },
      get: (i: number): number => c[i] ?? 0,
      done: (): boolean => at === c.length,
      name,
    };
  };
  const aliasCol = column(S.aliases, 1);
  let aliasAt = 0;

  const peopleR = reader(S.people, W.people);
  const rolesR = reader(S.roles, W.roles);
  const mentionsR = reader(S.mentions, W.mentions);
  const people: PersonRecord[] = new Array<PersonRecord>(count(m.people, 'people'));
  for (let i = 0; i < people.length; i += 1) {
    const r = peopleR.next();
    const g = peopleR.get;
    const aliasCount = g(r + 2);
    const roleCount = g(r + 3);
    const mentionCount = g(r + 4);
    if (aliasAt + aliasCount > aliasCol.length || aliasCount < 0) throw new Error('knowledge store: aliases section is too short');
    const aliases = new Array<string>(aliasCount);
    for (let k = 0; k < aliasCount; k += 1) aliases[k] = str(aliasCol[aliasAt + k] ?? -1);
    aliasAt += aliasCount;
    const roles = new Array<RoleRecord>(Math.max(0, roleCount));
    for (let k = 0; k < roles.length; k += 1) {
      const o = rolesR.next();
      const h = rolesR.get;
      roles[k] = { articleId: str(h(o)), passageId: strOrNull(h(o + 1)), start: h(o + 2), end: h(o + 3), text: str(h(o + 4)) };
    }
    const mentions = new Array<Place>(Math.max(0, mentionCount));
    for (let k = 0; k < mentions.length; k += 1) {
      const o = mentionsR.next();
      const h = mentionsR.get;
      mentions[k] = { articleId: str(h(o)), passageId: strOrNull(h(o + 1)), start: h(o + 2), end: h(o + 3) };
    }
    people[i] = { id: str(g(r)), name: str(g(r + 1)), aliases, roles, mentions };
  }

  const quotesR = reader(S.quotes, W.quotes);
  const qoR = reader(S.quoteOccurrences, W.quoteOccurrences);
  const quotes: QuoteRecord[] = new Array<QuoteRecord>(count(m.quotes, 'quotes'));
  for (let i = 0; i < quotes.length; i += 1) {
    const r = quotesR.next();
    const g = quotesR.get;
    const occurrences = new Array<QuoteOccurrence>(Math.max(0, g(r + 4)));
    for (let k = 0; k < occurrences.length; k += 1) {
      const o = qoR.next();
      const h = qoR.get;
      occurrences[k] = {
        articleId: str(h(o)), passageId: strOrNull(h(o + 1)), start: h(o + 2), end: h(o + 3),
        contextStart: h(o + 4), contextEnd: h(o + 5), text: str(h(o + 6)),
      };
    }
    quotes[i] = { id: str(g(r)), text: str(g(r + 1)), speakerId: strOrNull(g(r + 2)), speaker: strOrNull(g(r + 3)), occurrences };
  }

  const eventsR = reader(S.events, W.events);
  const eoR = reader(S.eventOccurrences, W.eventOccurrences);
  const events: EventRecord[] = new Array<EventRecord>(count(m.events, 'events'));
  for (let i = 0; i < events.length; i += 1) {
    const r = eventsR.next();
    const g = eventsR.get;
    const occurrences = new Array<EventOccurrence>(Math.max(0, g(r + 3)));
    for (let k = 0; k < occurrences.length; k += 1) {
      const o = eoR.next();
      const h = eoR.get;
      occurrences[k] = {
        articleId: str(h(o)), passageId: strOrNull(h(o + 1)), start: h(o + 2), end: h(o + 3),
        order: h(o + 4), date: str(h(o + 5)), precision: str(h(o + 6)) as Precision, basis: str(h(o + 7)) as EventOccurrence['basis'],
      };
    }
    events[i] = { id: str(g(r)), date: str(g(r + 1)), precision: str(g(r + 2)) as Precision, occurrences };
  }

  for (const x of [peopleR, rolesR, mentionsR, quotesR, qoR, eventsR, eoR]) {
    if (!x.done()) throw new Error(`knowledge store: section ${x.name} has rows no record uses`);
  }
  if (aliasAt !== aliasCol.length) throw new Error('knowledge store: aliases section has entries no person uses');
  return { version, people, quotes, events };
}
