/**
 * Entry of a feed sync's own worker as the app ships it (bundled as dist/electron/sync-worker.mjs): it runs the one
 * task it is sent (compute/feed-sync-tasks.ts) with only what a sync writes with (better-sqlite3, the feed's checks,
 * the needs writer), not the compute worker's other packages (SheetJS, the solver, the handlers…), which the sync's
 * thread held for nothing during the whole sync. Without this file the sync runs the compute worker's entry.
 */
import { parentPort } from 'node:worker_threads';
import { feedSyncTasks } from './feed-sync-tasks';
import { runTaskOf, type TaskReply, type TaskRequest } from './task-call';

if (!parentPort) throw new Error('The sync worker must run in a worker thread');
const port = parentPort;
port.on('message', (request: TaskRequest) => {
  void runTaskOf(feedSyncTasks, request.task, request.input).then((result) => {
    const reply: TaskReply = { id: request.id, ...result };
    port.postMessage(reply);
  });
});
