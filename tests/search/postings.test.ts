import { describe, expect, it } from 'vitest';
import { asTermPostings, compactInto, TermPostings, TF_MAX } from '../../src/search/postings.ts';

describe('TermPostings', () => {
  it('counts occurrences per document and field and reports document frequency per field', () => {
    const p = new TermPostings();
    expect(p.bump(0, 0)).toBe(true);
    expect(p.bump(0, 0)).toBe(false);
    expect(p.bump(0, 1)).toBe(true);
    expect(p.bump(3, 0)).toBe(true);
    expect(p.tf(0, 0)).toBe(2);
    expect(p.tf(0, 1)).toBe(1);
    expect(p.tf(1, 0)).toBeUndefined();
    expect([p.df(0), p.df(1), p.df(2)]).toEqual([2, 1, 0]);
    expect(p.hasDoc(3)).toBe(true);
    expect(p.hasDoc(2)).toBe(false);
  });

  it('caps the term frequency instead of overflowing into the field bits', () => {
    const p = new TermPostings();
    for (let i = 0; i < TF_MAX + 10; i += 1) p.bump(5, 2);
    expect(p.tf(5, 2)).toBe(TF_MAX);
    expect(p.tf(5, 3)).toBeUndefined();
  });

  it('reads and writes like the Map<field, Map<doc, tf>> MiniSearch expects', () => {
    const p = asTermPostings(new Map([[1, new Map([[4, 2], [1, 1]])], [0, new Map([[4, 3]])]]));
    expect(p).toBeInstanceOf(TermPostings);
    expect([...p!.keys()]).toEqual([0, 1]);
    expect(p!.size).toBe(2);
    expect(Object.fromEntries(p!.get(1)!)).toEqual({ 1: 1, 4: 2 });
    p!.get(1)!.set(2, 5);
    p!.get(1)!.delete(4);
    expect([...p!.get(1)!.entries()]).toEqual([[1, 1], [2, 5]]);
    p!.set(3, new Map([[9, 1]]));
    expect(p!.get(3)?.get(9)).toBe(1);
    expect(p!.delete(0)).toBe(true);
    expect(p!.get(0)).toBeUndefined();
  });

  it('keeps its postings when compacted into a shared arena, and copies out on a later write', () => {
    const a = new TermPostings();
    const b = new TermPostings();
    a.bump(0, 0);
    a.bump(2, 0);
    b.bump(1, 1);
    const { arena, lengths } = compactInto([a, b]);
    expect(arena.length).toBe(3);
    expect([...lengths]).toEqual([2, 1]);
    expect(a.buf).toBe(arena);
    expect(b.tf(1, 1)).toBe(1);
    a.bump(7, 0);
    expect(a.buf).not.toBe(arena);
    expect([a.hasDoc(0), a.hasDoc(2), a.hasDoc(7)]).toEqual([true, true, true]);
    expect(b.tf(1, 1)).toBe(1);
  });
});
