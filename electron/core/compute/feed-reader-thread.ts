/**
 * A feed file read and checked on a thread of its own while the sync's thread writes (needs-sync.ts
 * `syncNeedsFileFrom`): parsing and checking a record costs about as much as writing it, so the two overlap. The
 * reader runs at most a few chunks ahead of the writer (shared counters), so memory stays bounded; it is stopped
 * when the sync ends, is cancelled or is refused.
 */
import { Worker, parentPort } from 'node:worker_threads';
import type { FeedContext } from '../../../shared/domain/needs-feed';
import type { ChunkSource } from '../sync/needs-sync';
import type { FeedReaderData } from './worker-data';
import { decodeChunk, encodeChunk, readFeedFile, type EncodedChunk, type FeedChunk, type FeedEnd } from '../sync/feed-reader';

/** Chunks (of CHUNK_LINES lines) the reader may be ahead of the writer. */
const AHEAD = 2;
/**
 * Heap of the reader's thread (MB): a few chunks. Its young generation is kept small too (V8's default lets it grow
 * to tens of MB of garbage between collections, all of it resident).
 */
const READER_HEAP = { maxOldGenerationSizeMb: 48, maxYoungGenerationSizeMb: 8 };
const PRODUCED = 0;
const CONSUMED = 1;

type ReaderMessage = { chunk: EncodedChunk } | { end: FeedEnd } | { error: string };

/**
 * Starts a reader of the file at `path` on a new thread running `workerFile` (the compute worker's entry, which
 * hands over to `runFeedReader`).
 */
export function feedReaderThread(
  workerFile: string,
  path: string,
  options: Readonly<{ chunkLines?: number }> = {},
): (ctx: FeedContext) => ChunkSource {
  return (ctx) => {
    const flow = new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT);
    const counters = new Int32Array(flow);
    const data: FeedReaderData = {
      role: 'feed-reader',
      path,
      tambonCodes: [...ctx.tambonCodes],
      categoryIds: [...ctx.categoryIds],
      ...options,
      flow,
    };
    const worker = new Worker(workerFile, { workerData: data, resourceLimits: READER_HEAP });
    const queue: ReaderMessage[] = [];
    let failure: Error | null = null;
    let wake: (() => void) | null = null;
    const notify = (): void => {
      const w = wake;
      wake = null;
      w?.();
    };
    worker.on('message', (m: ReaderMessage) => {
      queue.push(m);
      notify();
    });
    worker.on('error', (error) => {
      failure ??= error;
      notify();
    });
    worker.on('exit', (code) => {
      failure ??= new Error(`the feed reader stopped (exit code ${code})`);
      notify();
    });
    return {
      async next(): Promise<FeedChunk | FeedEnd> {
        for (;;) {
          const m = queue.shift();
          if (m) {
            if ('chunk' in m) return decodeChunk(m.chunk);
            if ('end' in m) return m.end;
            throw new Error(m.error);
          }
          if (failure) throw failure;
          await new Promise<void>((resolve) => (wake = resolve));
        }
      },
      consumed() {
        Atomics.add(counters, CONSUMED, 1);
        Atomics.notify(counters, CONSUMED);
      },
      stop() {
        void worker.terminate();
      },
    };
  };
}

/** The reader's thread: reads the file, posts its chunks, waits while it is AHEAD chunks ahead of the writer. */
export function runFeedReader(data: FeedReaderData): void {
  const port = parentPort;
  if (!port) throw new Error('The feed reader must run in a worker thread');
  const counters = new Int32Array(data.flow);
  const ctx: FeedContext = { tambonCodes: new Set(data.tambonCodes), categoryIds: new Set(data.categoryIds) };
  try {
    const end = readFeedFile(
      data.path,
      ctx,
      (c) => {
        port.postMessage({ chunk: encodeChunk(c) } satisfies ReaderMessage);
        const sent = Atomics.add(counters, PRODUCED, 1) + 1;
        for (;;) {
          const written = Atomics.load(counters, CONSUMED);
          if (sent - written <= AHEAD) break;
          Atomics.wait(counters, CONSUMED, written, 1000);
        }
      },
      data,
    );
    port.postMessage({ end } satisfies ReaderMessage);
  } catch (error) {
    port.postMessage({ error: error instanceof Error ? error.message : String(error) } satisfies ReaderMessage);
  }
}
