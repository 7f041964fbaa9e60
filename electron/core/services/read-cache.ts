/**
 * A cache of derived reads (the round's ranking) that stays correct without anyone remembering to clear it: an
 * entry is valid only while the database is exactly as it was when the entry was made. The key is SQLite's own
 * change counters, `total_changes()` for writes on this connection and `PRAGMA data_version` for commits by any
 * other connection (the command line writing the same file), so any write anywhere makes every entry stale.
 * Many devices asking for the same ranking between two writes then cost one computation, not one each.
 */
import type { Store } from '../db/database';

export type ReadCache = Readonly<{
  /** The cached value for `key` if the database has not changed since it was made; otherwise computes it anew. */
  get<T>(key: string, compute: () => Promise<T>): Promise<T>;
}>;

const caches = new WeakMap<Store, ReadCache>();

/** One cache per open store. Values are shared between callers and must be treated as read-only. */
export function readCache(store: Store): ReadCache {
  let cache = caches.get(store);
  if (!cache) {
    cache = createReadCache(store);
    caches.set(store, cache);
  }
  return cache;
}

function createReadCache(store: Store, maxEntries = 16): ReadCache {
  const totalChanges = store.sqlite.prepare('SELECT total_changes() AS n');
  const stamp = (): string => {
    const n = (totalChanges.get() as { n: number }).n;
    const dataVersion = store.sqlite.pragma('data_version', { simple: true }) as number;
    return `${n}:${dataVersion}`;
  };
  const entries = new Map<string, { stamp: string; value: Promise<unknown> }>();
  return {
    async get<T>(key: string, compute: () => Promise<T>): Promise<T> {
      const now = stamp();
      const hit = entries.get(key);
      if (hit && hit.stamp === now) return hit.value as Promise<T>;
      const value = compute();
      entries.delete(key);
      entries.set(key, { stamp: now, value });
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
      // A failed computation is not kept.
      value.catch(() => {
        if (entries.get(key)?.value === value) entries.delete(key);
      });
      return value;
    },
  };
}
