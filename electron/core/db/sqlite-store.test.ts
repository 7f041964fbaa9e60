import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BULK_MIN_ROWS, bulkWorthIt, openSqlite, withIndexesRebuilt, withPageCache } from './sqlite-store';
import type Database from 'better-sqlite3';

describe('withPageCache', () => {
  let dir: string;
  let sqlite: Database.Database;
  const cacheSize = (): number => sqlite.pragma('cache_size', { simple: true }) as number;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'chipao-cache-'));
    sqlite = openSqlite(join(dir, 'c.sqlite'));
  });
  afterEach(() => {
    sqlite.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('raises the cache while the write runs and puts the connection’s own size back', () => {
    sqlite.pragma('cache_size = -1000');
    const inside = withPageCache(sqlite, 4096, () => cacheSize());
    expect(inside).toBe(-4096);
    expect(cacheSize()).toBe(-1000);
  });

  it('puts the size back when the write throws, and the error still reaches the caller', () => {
    sqlite.pragma('cache_size = 500');
    expect(() =>
      withPageCache(sqlite, 4096, () => {
        throw new Error('refused');
      }),
    ).toThrow('refused');
    expect(cacheSize()).toBe(500);
  });

  it('never lowers a cache already larger', () => {
    sqlite.pragma('cache_size = -100000');
    expect(withPageCache(sqlite, 4096, () => cacheSize())).toBe(-100000);
    expect(cacheSize()).toBe(-100000);
  });
});

describe('withIndexesRebuilt', () => {
  let dir: string;
  let sqlite: Database.Database;
  const indexes = (): unknown =>
    sqlite.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 't' ORDER BY name`).all();
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'chipao-bulk-'));
    sqlite = openSqlite(join(dir, 'b.sqlite'));
    sqlite.exec(`CREATE TABLE t (id INTEGER PRIMARY KEY, k TEXT NOT NULL UNIQUE, a INTEGER, b TEXT);
      CREATE INDEX "t a" ON t(a); CREATE INDEX t_b_a ON t(b, a) WHERE b IS NOT NULL; CREATE INDEX other ON t(a DESC)`);
  });
  afterEach(() => {
    sqlite.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const count = (sql: string): number => sqlite.prepare(sql).pluck().get() as number;

  it('writes with the table’s own indexes dropped (its UNIQUE one kept) and builds them again as they were', () => {
    const before = indexes();
    const insert = sqlite.prepare('INSERT INTO t (k, a, b) VALUES (?, ?, ?) ON CONFLICT (k) DO NOTHING');
    const inside = sqlite.transaction(() =>
      withIndexesRebuilt(sqlite, 't', () => {
        for (let i = 0; i < 500; i++) insert.run(`k${i % 400}`, i % 7, i % 3 === 0 ? null : `b${i}`);
        return count(`SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 't'`);
      }),
    )();
    expect(inside).toBe(1); // the UNIQUE constraint's own index, which the upsert needs
    expect(indexes()).toEqual(before);
    expect(count('SELECT count(*) FROM t')).toBe(400);
    expect(count('SELECT count(*) FROM t INDEXED BY "t a" WHERE a = 3')).toBe(
      count('SELECT count(*) FROM t NOT INDEXED WHERE a = 3'),
    );
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('leaves the indexes and the rows as they were when the write throws and its transaction rolls back', () => {
    sqlite.prepare('INSERT INTO t (k, a) VALUES (?, ?)').run('kept', 1);
    const before = indexes();
    expect(() =>
      sqlite.transaction(() =>
        withIndexesRebuilt(sqlite, 't', () => {
          sqlite.prepare('INSERT INTO t (k, a) VALUES (?, ?)').run('gone', 2);
          throw new Error('refused');
        }),
      )(),
    ).toThrow('refused');
    expect(indexes()).toEqual(before);
    expect(sqlite.prepare('SELECT k FROM t').pluck().all()).toEqual(['kept']);
  });

  it('refuses to run outside a transaction (the indexes would be gone if the write failed)', () => {
    expect(() => withIndexesRebuilt(sqlite, 't', () => 1)).toThrow('open transaction');
    expect((indexes() as unknown[]).length).toBe(4); // three of its own and the UNIQUE constraint's
  });
});

describe('bulkWorthIt', () => {
  it('rebuilds only for a large write of more rows than the table holds', () => {
    expect(bulkWorthIt(BULK_MIN_ROWS, 0)).toBe(true);
    expect(bulkWorthIt(BULK_MIN_ROWS - 1, 0)).toBe(false);
    expect(bulkWorthIt(100_000, 99_999)).toBe(true);
    expect(bulkWorthIt(100_000, 100_000)).toBe(false); // the same file again
    expect(bulkWorthIt(100_000, 1_000_000)).toBe(false);
  });
});
