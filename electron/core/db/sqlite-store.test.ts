import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqlite, withPageCache } from './sqlite-store';
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
