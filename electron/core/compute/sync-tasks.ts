/**
 * Needs syncs as compute tasks: each runs on a worker thread of its own (`run(task, input, { dedicated: true })`)
 * with its own write connection, so parsing and applying a million records never stalls the host's event loop; the
 * host follows it through shared counters (sync/sync-control.ts). Without a worker (tests, the command line) they
 * run inline on a second connection of the same file. An import's preview runs here too, on the shared worker's
 * read-only connection (read-replica.ts).
 */
import { readFileSync, statSync } from 'node:fs';
import { setPriority } from 'node:os';
import { isMainThread, workerData } from 'node:worker_threads';
import type { PullReport } from '../../../shared/api/needs-sources';
import type { ImportPreview, SyncReport } from '../../../shared/api/types';
import { openStore, type Store } from '../db/database';
import { backupNow } from '../import/backups';
import { applyNeedsImport, previewNeedsImport, type ImportOptions } from '../import/needs-import';
import { pullSource, type PullOptions } from '../sync/https-pull';
import { syncNeedsFile, syncNeedsFileFrom } from '../sync/needs-sync';
import { feedReaderThread } from './feed-reader-thread';
import { readOnlyStore } from './read-replica';
import { dedicatedReaderFile } from './worker-data';
import { sharedControl } from '../sync/sync-control';

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

/**
 * Runs `fn` on a fresh write connection to the database file and closes it afterwards, after an online backup of
 * the database (`backup`: its reason). The backup is made here, on the task's thread, not on the host's: it ends with
 * an fsync, and just after a large upload has filled the disk's write cache that alone held the host's thread for a
 * few hundred ms.
 */
async function withWriteStore<T>(
  input: Readonly<{ dbPath: string; backup?: string }>,
  fn: (store: Store) => T | Promise<T>,
): Promise<T> {
  yieldToHost();
  const store = openStore(input.dbPath);
  store.sqlite.pragma(`cache_size = -${SYNC_CACHE_KIB}`);
  try {
    if (input.backup !== undefined) await backupNow(store, input.dbPath, input.backup);
    return await fn(store);
  } finally {
    await store.close();
  }
}

/** What every write task takes besides its own input. */
type WriteInput = Readonly<{
  dbPath: string;
  /** Make an online backup first, with this reason (see `backupNow`). */
  backup?: string;
}>;

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

export type ImportApplyInput = WriteInput &
  Readonly<{
    path: string;
    fileName: string;
    actor: string;
    options: ImportOptions;
    control: SharedArrayBuffer;
  }>;

export type ImportPreviewInput = Readonly<{ dbPath: string; path: string; fileName: string; options: ImportOptions }>;

/** Files from this size on are read by a thread of their own (starting one costs more than reading a small file). */
const READER_THREAD_BYTES = 4 * 1024 * 1024;

export const syncTasks = {
  /** An NDJSON feed file, streamed from disk in one transaction (sync/needs-sync.ts `syncNeedsFile`). */
  'needs.syncFile': (input: SyncFileInput): Promise<SyncReport> =>
    withWriteStore(input, (store) => {
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
    withWriteStore(input, (store) =>
      pullSource(store, input.sourceId, input.actor, { ...input.options, control: sharedControl(input.control) }),
    ),
  /**
   * What an import file would bring, before it is applied: read and mapped off the host's thread, so a large workbook,
   * or a damaged one that keeps SheetJS busy until its time limit, holds no other device's call meanwhile.
   */
  'needs.importPreview': (input: ImportPreviewInput): ImportPreview =>
    previewNeedsImport(readOnlyStore(input.dbPath), input.fileName, readFileSync(input.path), input.options),
  /** Any other import file (spreadsheets, CSV, zip): read, mapped and applied in one transaction. */
  'needs.importApply': (input: ImportApplyInput): Promise<SyncReport> =>
    withWriteStore(input, (store) => {
      const bytes = readFileSync(input.path);
      const report = applyNeedsImport(store, input.fileName, bytes, input.actor, input.options);
      sharedControl(input.control).progress({ rows: report.lines });
      return report;
    }),
};
