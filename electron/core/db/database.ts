/**
 * Opens the SQLite store through better-sqlite3 + Kysely with foreign keys on. WAL is switched on by
 * `enableWal` once the schema version has been checked: switching it rewrites the file header, and a file
 * written by a newer app must be refused untouched.
 */
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { DB } from './schema';

export type Store = Readonly<{
  sqlite: Database.Database;
  db: Kysely<DB>;
  close(): Promise<void>;
}>;

export type OpenOptions = Readonly<{
  /** Path to a better_sqlite3.node built for the running runtime (Electron); Node's build is the default. */
  nativeBinding?: string;
}>;

export function openStore(file: string, options: OpenOptions = {}): Store {
  const sqlite = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
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
