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

/**
 * Runs `fn` with the connection's page cache raised to `kib` KiB, then puts the connection's own size back (also when
 * `fn` throws). A bulk write into a table with many indexes inserts into each of them at places all over it; with
 * SQLite's default 2 MB cache those pages are written out and read back again and again (100,000 needs into the
 * needs table and its twelve indexes: 358 MB read and 273 MB written with the default, 237 MB and 209 MB with 64 MB;
 * the same time where the system keeps the file in memory, less where the disk is busy). The cache grows only as
 * pages are read and shrinks back when the size is restored, so the memory is held only while `fn` runs.
 */
export function withPageCache<T>(sqlite: Database.Database, kib: number, fn: () => T): T {
  const before = sqlite.pragma('cache_size', { simple: true }) as number;
  const raised = -Math.max(kib, before < 0 ? -before : 0);
  sqlite.pragma(`cache_size = ${raised}`);
  try {
    return fn();
  } finally {
    sqlite.pragma(`cache_size = ${before}`);
  }
}

/**
 * Runs `fn` (a bulk write into `table`) with the table's own secondary indexes dropped, then creates them again from
 * their stored definitions; the caller's transaction holds all of it, so a write that throws (and rolls back) leaves
 * the indexes as they were. Building an index once from the rows sorts them; inserting row by row walks each index's
 * tree for every row (100,000 needs into an empty table and its ten indexes: 1.16 s less to insert, 0.47 s to build
 * the indexes again). Indexes SQLite made for a UNIQUE or PRIMARY KEY constraint stay, since upserts look rows up by
 * them. Worth it when the write brings more rows than the table holds (see `bulkWorthIt`).
 */
export function withIndexesRebuilt<T>(sqlite: Database.Database, table: string, fn: () => T): T {
  const rebuild = dropOwnIndexes(sqlite, table);
  const out = fn();
  rebuild();
  return out;
}

/**
 * The first half of withIndexesRebuilt, for a write that spans calls (a streamed sync): drops the table's own indexes
 * in the open transaction and returns what builds them again, to be called before the transaction commits.
 */
export function dropOwnIndexes(sqlite: Database.Database, table: string): () => void {
  if (!sqlite.inTransaction) throw new Error('dropOwnIndexes needs an open transaction');
  const indexes = sqlite
    .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY name`)
    .all(table) as { name: string; sql: string }[];
  for (const i of indexes) sqlite.exec(`DROP INDEX "${i.name.replaceAll('"', '""')}"`);
  return () => {
    for (const i of indexes) sqlite.exec(i.sql);
  };
}

/**
 * Whether a write of `rows` rows into a table whose rows are numbered up to `storedMaxId` should rebuild the table's
 * indexes (withIndexesRebuilt) rather than insert into them: a large write of more rows than the table holds (the
 * first import of a province's needs; the same file again, or a district's update, inserts). Inserting costs about
 * 2.5 times a row's share of a rebuild (100,000 needs: 1.16 s against 0.47 s), so rebuilding pays from about 0.7 rows
 * written per row held. The highest id stands for the count (never below it), so the guess errs on inserting.
 */
export function bulkWorthIt(rows: number, storedMaxId: number): boolean {
  return rows >= BULK_MIN_ROWS && rows > storedMaxId;
}

/** Below this many rows a write inserts into the indexes as it goes: rebuilding saves less than it costs in churn. */
export const BULK_MIN_ROWS = 10_000;
