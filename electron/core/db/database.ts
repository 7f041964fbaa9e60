/**
 * Opens the SQLite store through better-sqlite3 + Kysely with foreign keys on. WAL is switched on by
 * `enableWal` once the schema version has been checked: switching it rewrites the file header, and a file
 * written by a newer app must be refused untouched.
 */
import type Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { DB } from './schema';
import { openSqlite, type OpenOptions, type SqliteStore } from './sqlite-store';

export type { OpenOptions } from './sqlite-store';

export type Store = SqliteStore &
  Readonly<{
    db: Kysely<DB>;
    close(): Promise<void>;
  }>;

export function openStore(file: string, options: OpenOptions = {}): Store {
  return storeOn(openSqlite(file, options));
}

/** A store over a connection already open (sqlite-store.ts): Kysely added to it; closing the store closes it. */
export function storeOn(sqlite: Database.Database): Store {
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
  return {
    sqlite,
    db,
    close: async () => {
      await db.destroy();
    },
  };
}

/** Puts the file in WAL mode (persistent; a no-op when it already is). */
export function enableWal(store: Store): void {
  store.sqlite.pragma('journal_mode = WAL');
}
