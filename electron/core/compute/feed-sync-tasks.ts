/**
 * The syncs of a feed (a file, an HTTPS source) as compute tasks, apart from the other write tasks (sync-tasks.ts) so
 * that their own worker's entry (sync-worker.ts) loads only what a sync writes with: no spreadsheet reader, no solver,
 * no handlers. Each runs on a worker thread of its own (`run(task, input, { dedicated: true })`) with its own write
 * connection; without a worker (tests, the command line) they run inline on a second connection of the same file.
 */
import { statSync } from 'node:fs';
import { setPriority } from 'node:os';
import { isMainThread, workerData } from 'node:worker_threads';
import type { PullReport } from '../../../shared/api/needs-sources';
import type { SyncReport } from '../../../shared/api/types';
import type Database from 'better-sqlite3';
import { openSqlite } from '../db/sqlite-store';
import { backupNow } from '../import/backups';
import { pullSource, type PullOptions } from '../sync/https-pull';
import { syncNeedsFile, syncNeedsFileFrom } from '../sync/needs-sync';
import { sharedControl } from '../sync/sync-control';
import { feedReaderThread } from './feed-reader-thread';
import { dedicatedReaderFile } from './worker-data';

/**
 * SQLite's page cache for a sync's connection: a million-row batch touches large indexes (the default is 2 MB). 24 MB
 * syncs a million needs as fast as 64 MB did (~19,600 rows/s against ~16,900) with ~60 MB less resident memory.
 */
const SYNC_CACHE_KIB = 24 * 1024;

/**
 * On a worker thread, lowers that thread's scheduling priority (on Linux `setpriority` of the calling task is the
 * thread's own), so on a busy machine the host's thread gets a core first and keeps answering; inline (the host's
 * own thread, tests, the command line) nothing changes.
 */
function yieldToHost(): void {
  if (isMainThread) return;
  try {
    setPriority(10);
  } catch {
    // Not permitted here: the sync runs at normal priority.
  }
}

/** What every write task takes besides its own input. */
export type WriteInput = Readonly<{
  dbPath: string;
  /** Make an online backup first, with this reason (see `backupNow`). */
  backup?: string;
}>;

/**
 * Runs `fn` on a fresh write connection to the database file (better-sqlite3 alone: sqlite-store.ts) and closes it
 * afterwards, after an online backup of the database (`backup`: its reason). The backup is made here, on the task's
 * thread, not on the host's: it ends with an fsync, and just after a large upload has filled the disk's write cache
 * that alone held the host's thread for a few hundred ms.
 */
export async function withWriteConnection<T>(input: WriteInput, fn: (sqlite: Database.Database) => T | Promise<T>): Promise<T> {
  yieldToHost();
  const sqlite = openSqlite(input.dbPath);
  sqlite.pragma(`cache_size = -${SYNC_CACHE_KIB}`);
  try {
    if (input.backup !== undefined) await backupNow({ sqlite }, input.dbPath, input.backup);
    return await fn(sqlite);
  } finally {
    sqlite.close();
  }
}

export type SyncFileInput = WriteInput &
  Readonly<{
    path: string;
    fileName: string;
    actor: string;
    partial: boolean;
    control: SharedArrayBuffer;
  }>;

export type PullInput = WriteInput &
  Readonly<{
    sourceId: number;
    actor: string;
    control: SharedArrayBuffer;
    options?: Omit<PullOptions, 'control'>;
  }>;

/** Files from this size on are read by a thread of their own (starting one costs more than reading a small file). */
const READER_THREAD_BYTES = 4 * 1024 * 1024;

export const feedSyncTasks = {
  /** An NDJSON feed file, streamed from disk in one transaction (sync/needs-sync.ts `syncNeedsFile`). */
  'needs.syncFile': (input: SyncFileInput): Promise<SyncReport> =>
    withWriteConnection(input, (sqlite) => {
      const store = { sqlite };
      const file = { path: input.path, fileName: input.fileName };
      const options = { partial: input.partial, control: sharedControl(input.control) };
      // On a worker of its own, a large file is read and checked by a second thread while this one writes.
      const entry = statSync(input.path).size >= READER_THREAD_BYTES ? dedicatedReaderFile(workerData) : null;
      return entry
        ? syncNeedsFileFrom(store, file, input.actor, feedReaderThread(entry, input.path), options)
        : syncNeedsFile(store, file, input.actor, options);
    }),
  /** "Sync now" of an HTTPS source (sync/https-pull.ts). */
  'needs.pull': (input: PullInput): Promise<PullReport> =>
    withWriteConnection(input, (sqlite) =>
      pullSource({ sqlite }, input.sourceId, input.actor, { ...input.options, control: sharedControl(input.control) }),
    ),
};

export type FeedSyncTask = keyof typeof feedSyncTasks;
