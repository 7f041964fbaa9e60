/**
 * Entry of the compute worker thread (bundled as dist/electron/compute-worker.mjs): runs one task per message and
 * answers with its result or its error as data.
 */
import { parentPort } from 'node:worker_threads';
import { runTask, type TaskReply, type TaskRequest } from './runner';

if (!parentPort) throw new Error('The compute worker must run in a worker thread');
const port = parentPort;
port.on('message', (request: TaskRequest) => {
  void runTask(request.task, request.input).then((result) => {
    const reply: TaskReply = { id: request.id, ...result };
    port.postMessage(reply);
  });
});
