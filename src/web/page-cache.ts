/**
 * A small in-process cache for the console's heaviest read (Tổng quan of a province or the
 * nation): the same figures asked by many leaders at once are computed once (concurrent asks
 * share one computation) and kept for a short time. The figures of a unit's subtree are the same
 * for every viewer allowed to see it, so the key is the unit and range, never the viewer.
 * A change made through the console clears it at once; a report sent from a chat shows after at
 * most `ttlMs`. A failed computation is not kept.
 */
export interface PageCache<T> {
  /** The value for `key`: a fresh-enough one kept, the one being computed, or a new computation. */
  get(key: string, compute: () => Promise<T>): Promise<T>;
  /** Forgets everything (after a change made through the console). */
  clear(): void;
}

/** Builds a cache; `ttlMs` 0 turns it off (every ask computes). `now`: a monotonic clock in ms (staleness is real time, not the domain's clock). */
export function createPageCache<T>(p: { ttlMs: number; maxEntries: number; now: () => number }): PageCache<T> {
  const entries = new Map<string, { value: Promise<T>; at: number }>();
  return {
    get(key, compute) {
      if (p.ttlMs <= 0) return compute();
      const now = p.now();
      const kept = entries.get(key);
      if (kept && now - kept.at < p.ttlMs) {
        // Most recently used last: the oldest entry is the first to go when the cache is full.
        entries.delete(key);
        entries.set(key, kept);
        return kept.value;
      }
      const value = compute();
      entries.delete(key);
      entries.set(key, { value, at: now });
      while (entries.size > p.maxEntries) entries.delete(entries.keys().next().value!);
      value.catch(() => {
        if (entries.get(key)?.value === value) entries.delete(key);
      });
      return value;
    },
    clear() {
      entries.clear();
    },
  };
}
