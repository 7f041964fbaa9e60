/**
 * Entry of the compute worker thread (bundled as dist/electron/compute-worker.mjs): runs one task per message and
 * answers with its result or its error as data. Started with a feed reader's data (feed-reader-thread.ts), it reads
 * that feed instead.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runFeedReader } from './feed-reader-thread';
import { runTask } from './runner';
import type { TaskReply, TaskRequest } from './task-call';
import type { ComputeTask } from './tasks';
import { isFeedReaderData } from './worker-data';

if (!parentPort) throw new Error('The compute worker must run in a worker thread');
const port = parentPort;
if (isFeedReaderData(workerData)) {
  runFeedReader(workerData);
} else {
  port.on('message', (request: TaskRequest<ComputeTask>) => {
    void runTask(request.task, request.input).then((result) => {
      const reply: TaskReply = { id: request.id, ...result };
      port.postMessage(reply);
    });
  });
}
