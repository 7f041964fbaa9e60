/**
 * Entry of a sync's feed reader thread as the app ships it (bundled as dist/electron/feed-reader-worker.mjs): only the
 * reader's own modules, so the thread does not load the compute worker's packages (SheetJS, Kysely, better-sqlite3,
 * the solver…), about 18 MB of a thread's memory. Without this file the reader runs the compute worker's entry, which
 * reads a feed too when started with a reader's data (worker.ts).
 */
import { workerData } from 'node:worker_threads';
import { runFeedReader } from './feed-reader-thread';
import { isFeedReaderData } from './worker-data';

if (!isFeedReaderData(workerData)) throw new Error('The feed reader must be started with the feed to read');
runFeedReader(workerData);
