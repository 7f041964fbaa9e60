/**
 * What a worker thread is started with (`workerData`), besides the tasks it is then sent: a dedicated task's worker
 * is told the entry files to start helper threads from, a feed reader what to read.
 */

/**
 * A dedicated task's worker (runner.ts): the compute worker's entry (its own, or, for a feed sync started from
 * sync-worker.ts, the one a helper thread can still run), and the feed reader's entry when the app has one
 * (feed-reader-worker.ts).
 */
export type DedicatedData = Readonly<{ workerFile: string; readerFile?: string }>;

/** A sync's feed reader (feed-reader-thread.ts). */
export type FeedReaderData = Readonly<{
  role: 'feed-reader';
  path: string;
  tambonCodes: readonly string[];
  categoryIds: readonly string[];
  /** Lines per chunk (tests; CHUNK_LINES otherwise). */
  chunkLines?: number;
  /** Two Int32 counters: chunks sent, chunks written. */
  flow: SharedArrayBuffer;
}>;

/** In a dedicated worker, the compute worker's entry file; null elsewhere (the shared worker, the host's thread). */
export function dedicatedWorkerFile(data: unknown): string | null {
  const file = typeof data === 'object' && data !== null ? (data as { workerFile?: unknown }).workerFile : undefined;
  return typeof file === 'string' ? file : null;
}

/**
 * In a dedicated worker, the entry to start a feed reader thread from: the reader's own (which loads only what it
 * reads with) where the app has one, else the worker's; null elsewhere.
 */
export function dedicatedReaderFile(data: unknown): string | null {
  const file = typeof data === 'object' && data !== null ? (data as { readerFile?: unknown }).readerFile : undefined;
  return typeof file === 'string' ? file : dedicatedWorkerFile(data);
}

/** Whether this thread was started as a feed reader. */
export function isFeedReaderData(data: unknown): data is FeedReaderData {
  return typeof data === 'object' && data !== null && (data as { role?: unknown }).role === 'feed-reader';
}
