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
  /** The database's change stamp now (take it just before a write that {@link ReadCache.carry} then follows). */
  stamp(): string;
  /**
   * Brings the entry for `key` forward over one write the caller has just made and knows exactly (a score edit):
   * when the entry was made at `before` (nothing else was written since) and is computed, `apply` updates the value in
   * place and the entry takes the current stamp. Otherwise, or when `apply` throws, the entry is dropped.
   */
  carry<T>(key: string, before: string, apply: (value: T) => void): void;
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
  type Entry = { stamp: string; value: Promise<unknown>; done: boolean; result?: unknown };
  const entries = new Map<string, Entry>();
  return {
    async get<T>(key: string, compute: () => Promise<T>): Promise<T> {
      const now = stamp();
      const hit = entries.get(key);
      if (hit && hit.stamp === now) return hit.value as Promise<T>;
      const value = compute();
      const entry: Entry = { stamp: now, value, done: false };
      entries.delete(key);
      entries.set(key, entry);
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
      value.then(
        (result) => {
          entry.done = true;
          entry.result = result;
        },
        // A failed computation is not kept.
        () => {
          if (entries.get(key) === entry) entries.delete(key);
        },
      );
      return value;
    },
    stamp,
    carry<T>(key: string, before: string, apply: (value: T) => void): void {
      const entry = entries.get(key);
      if (!entry) return;
      if (entry.stamp !== before || !entry.done) {
        entries.delete(key);
        return;
      }
      try {
        apply(entry.result as T);
        entry.stamp = stamp();
      } catch {
        entries.delete(key);
      }
    },
  };
}
