import { describe, expect, it } from 'vitest';
import { BoundedCache, SeenBefore } from '../../src/services/memo.ts';

describe('BoundedCache', () => {
  it('drops the least recently used entry when full', () => {
    const cache = new BoundedCache<string, number>(2);
    cache.put('a', 1);
    cache.put('b', 2);
    expect(cache.find('a')).toBe(1);
    cache.put('c', 3);
    expect(cache.find('b')).toBeUndefined();
    expect(cache.find('a')).toBe(1);
    expect(cache.size).toBe(2);
  });
});

describe('SeenBefore', () => {
  it('says a key is new the first time and seen the second', () => {
    const seen = new SeenBefore(1024);
    expect(seen.check('["v1","all",2,{"name":"who"}]')).toBe(false);
    expect(seen.check('["v1","all",2,{"name":"who"}]')).toBe(true);
    expect(seen.check('["v1","all",2,{"name":"quote"}]')).toBe(false);
  });

  it('remembers most of many keys while the table has room', () => {
    const seen = new SeenBefore(4096);
    const keys = Array.from({ length: 500 }, (_, i) => `query ${i}`);
    for (const k of keys) seen.check(k);
    const remembered = keys.filter((k) => seen.check(k)).length;
    // 500 keys in 2,048 buckets of two: where three share a bucket, the second pass loses them (one slot each would lose ~60).
    expect(remembered).toBeGreaterThan(470);
    expect(remembered).toBeLessThan(500 + 1);
  });

  it('forgets everything on clear, and old keys once pushed out by many new ones', () => {
    const seen = new SeenBefore(16);
    seen.check('a');
    seen.clear();
    expect(seen.check('a')).toBe(false);
    for (let i = 0; i < 1000; i += 1) seen.check(`other ${i}`);
    expect(seen.check('a')).toBe(false);
  });
});
