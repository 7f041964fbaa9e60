/**
 * How a long sync, running on a worker thread, tells the host its progress and learns it was cancelled: a few
 * counters in shared memory, written by the sync and read by the host (sync-jobs.ts), so neither waits for the other.
 */

export type SyncProgressCounts = Readonly<{ rows: number; bytesRead?: number; bytesTotal?: number; pages?: number }>;

export type SyncControl = Readonly<{
  /** Called now and then with the records read so far and, for a file, the bytes read of its size. */
  progress(p: SyncProgressCounts): void;
  cancelled(): boolean;
}>;

const CANCEL = 0;
const ROWS = 1;
const KIB_READ = 2;
const KIB_TOTAL = 3;
const PAGES = 4;
const SLOTS = 5;

/** Shared memory for one sync's control. */
export function newControlBuffer(): SharedArrayBuffer {
  return new SharedArrayBuffer(SLOTS * Int32Array.BYTES_PER_ELEMENT);
}

/** The sync's side: writes progress, reads the cancel flag. */
export function sharedControl(buffer: SharedArrayBuffer): SyncControl {
  const a = new Int32Array(buffer);
  return {
    cancelled: () => Atomics.load(a, CANCEL) === 1,
    progress: (p) => {
      Atomics.store(a, ROWS, p.rows);
      if (p.bytesRead !== undefined) Atomics.store(a, KIB_READ, Math.floor(p.bytesRead / 1024));
      if (p.bytesTotal !== undefined) Atomics.store(a, KIB_TOTAL, Math.ceil(p.bytesTotal / 1024));
      if (p.pages !== undefined) Atomics.store(a, PAGES, p.pages);
    },
  };
}

/** The host's side: reads the counters (bytes in KiB), raises the cancel flag. */
export function controlReader(buffer: SharedArrayBuffer): Readonly<{
  read(): { rows: number; kibRead: number; kibTotal: number; pages: number };
  cancel(): void;
}> {
  const a = new Int32Array(buffer);
  return {
    read: () => ({
      rows: Atomics.load(a, ROWS),
      kibRead: Atomics.load(a, KIB_READ),
      kibTotal: Atomics.load(a, KIB_TOTAL),
      pages: Atomics.load(a, PAGES),
    }),
    cancel: () => Atomics.store(a, CANCEL, 1),
  };
}
