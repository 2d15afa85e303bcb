import { describe, expect, it } from 'vitest';
import { createPageCache } from '../../src/web/page-cache.js';

/** A computation the test finishes when it wants, counting how often it was started. */
function gate<T>() {
  let started = 0;
  const waiting: ((v: T) => void)[] = [];
  return {
    compute: () => {
      started += 1;
      return new Promise<T>((resolve) => waiting.push(resolve));
    },
    finish: (v: T) => waiting.splice(0).forEach((r) => r(v)),
    started: () => started,
  };
}

describe('the overview cache', () => {
  it('computes once for viewers asking at the same time, and keeps the answer for its time', async () => {
    let now = 0;
    const cache = createPageCache<string>({ ttlMs: 15_000, maxEntries: 10, now: () => now });
    const g = gate<string>();
    const asks = Array.from({ length: 16 }, () => cache.get('province', g.compute));
    expect(g.started()).toBe(1);
    g.finish('figures');
    expect(await Promise.all(asks)).toEqual(Array(16).fill('figures'));
    now = 14_999;
    expect(await cache.get('province', () => Promise.resolve('newer'))).toBe('figures');
    now = 15_000;
    expect(await cache.get('province', () => Promise.resolve('newer'))).toBe('newer');
  });

  it('forgets everything when cleared (a change made through the console)', async () => {
    const cache = createPageCache<string>({ ttlMs: 15_000, maxEntries: 10, now: () => 0 });
    await cache.get('a', () => Promise.resolve('old'));
    cache.clear();
    expect(await cache.get('a', () => Promise.resolve('new'))).toBe('new');
  });

  it('does not keep a failed computation', async () => {
    const cache = createPageCache<string>({ ttlMs: 15_000, maxEntries: 10, now: () => 0 });
    await expect(cache.get('a', () => Promise.reject(new Error('database gone')))).rejects.toThrow('database gone');
    expect(await cache.get('a', () => Promise.resolve('back'))).toBe('back');
  });

  it('keeps at most its size, dropping the least recently used', async () => {
    const cache = createPageCache<string>({ ttlMs: 15_000, maxEntries: 2, now: () => 0 });
    await cache.get('a', () => Promise.resolve('a1'));
    await cache.get('b', () => Promise.resolve('b1'));
    await cache.get('a', () => Promise.resolve('a2')); // a is used again: b is now the oldest
    await cache.get('c', () => Promise.resolve('c1'));
    expect(await cache.get('a', () => Promise.resolve('a3'))).toBe('a1');
    expect(await cache.get('b', () => Promise.resolve('b2'))).toBe('b2');
  });

  it('computes every time when turned off', async () => {
    const cache = createPageCache<number>({ ttlMs: 0, maxEntries: 10, now: () => 0 });
    let n = 0;
    await cache.get('a', async () => ++n);
    expect(await cache.get('a', async () => ++n)).toBe(2);
  });
});
