import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../db/database';
import { readCache } from './read-cache';

let dir: string;
let store: Store;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'chipao-cache-'));
  store = openStore(join(dir, 'db.sqlite'));
  store.sqlite.exec('CREATE TABLE t (v INTEGER); INSERT INTO t VALUES (1);');
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const sum = (): Promise<number> => Promise.resolve((store.sqlite.prepare('SELECT SUM(v) AS s FROM t').get() as { s: number }).s);

describe('read cache', () => {
  it('computes once while nothing changes, anew after a write on this connection', async () => {
    let computed = 0;
    const get = () => readCache(store).get('sum', () => (computed++, sum()));
    expect(await get()).toBe(1);
    expect(await get()).toBe(1);
    expect(computed).toBe(1);
    store.sqlite.prepare('INSERT INTO t VALUES (2)').run();
    expect(await get()).toBe(3);
    expect(computed).toBe(2);
    // An UPDATE that changes no row count still counts as a change.
    store.sqlite.prepare('UPDATE t SET v = v + 10 WHERE v = 2').run();
    expect(await get()).toBe(13);
  });

  it('sees commits made by another connection to the same file', async () => {
    store.sqlite.pragma('journal_mode = WAL');
    const get = () => readCache(store).get('sum', sum);
    expect(await get()).toBe(1);
    const other = new Database(join(dir, 'db.sqlite'));
    other.prepare('INSERT INTO t VALUES (5)').run();
    other.close();
    expect(await get()).toBe(6);
  });

  it('does not keep a failed computation', async () => {
    await expect(readCache(store).get('x', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await readCache(store).get('x', () => Promise.resolve(7))).toBe(7);
  });

  it('carries an entry over a write the caller knows, and drops it when anything else was written first', async () => {
    let computed = 0;
    const cache = readCache(store);
    const get = () => cache.get('box', () => (computed++, sum().then((s) => ({ s }))));
    expect(await get()).toEqual({ s: 1 });
    const before = cache.stamp();
    store.sqlite.prepare('INSERT INTO t VALUES (4)').run();
    cache.carry<{ s: number }>('box', before, (v) => (v.s += 4));
    expect(await get()).toEqual({ s: 5 });
    expect(computed).toBe(1);
    // Another write came after the entry was made and before the caller's: the entry is dropped, not patched wrongly.
    store.sqlite.prepare('INSERT INTO t VALUES (10)').run();
    const mine = cache.stamp();
    store.sqlite.prepare('INSERT INTO t VALUES (100)').run();
    cache.carry<{ s: number }>('box', mine, (v) => (v.s += 100));
    expect(await get()).toEqual({ s: 115 });
    expect(computed).toBe(2);
    // An apply that throws drops the entry too.
    const b2 = cache.stamp();
    store.sqlite.prepare('INSERT INTO t VALUES (1000)').run();
    cache.carry('box', b2, () => {
      throw new Error('not mine');
    });
    expect(await get()).toEqual({ s: 1115 });
    expect(computed).toBe(3);
  });
});
