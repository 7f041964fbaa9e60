/**
 * A connection to the SQLite file through better-sqlite3 alone, for code that writes in plain SQL (a feed sync, its
 * backup, the audit trail): a feed sync's worker opens only this (compute/feed-sync-tasks.ts), since Kysely's modules
 * alone hold about 13 MB of a thread's memory; everything else opens a `Store` (database.ts), which adds Kysely to it.
 */
import Database from 'better-sqlite3';

/** What code that writes in plain SQL takes: a `Store` is one. */
export type SqliteStore = Readonly<{ sqlite: Database.Database }>;

export type OpenOptions = Readonly<{
  /** Path to a better_sqlite3.node built for the running runtime (Electron); Node's build is the default. */
  nativeBinding?: string;
}>;

/**
 * The environment variable naming the better_sqlite3.node every connection of the process opens with when none is
 * given: the desktop app's core sets it to Electron's build, and its worker threads, which inherit the environment,
 * open their connections with that build too (with Node's, the default, they could not load in Electron).
 */
export const SQLITE_BINDING_ENV = 'CHIPAO_SQLITE_BINDING';

/** Opens the file with foreign keys on, NORMAL synchronous writes and a 5 s wait for another writer's lock. */
export function openSqlite(file: string, options: OpenOptions = {}): Database.Database {
  const nativeBinding = options.nativeBinding ?? process.env[SQLITE_BINDING_ENV];
  const sqlite = new Database(file, nativeBinding ? { nativeBinding } : {});
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  return sqlite;
}
