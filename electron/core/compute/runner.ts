/**
 * Runs CPU-heavy tasks (tasks.ts) on one worker thread, so a Pabulib analysis of a large city does not stall the
 * host that answers committee members' devices. Without a worker file (unit tests of handlers, tools) tasks run
 * inline. A worker that dies fails the tasks it held and is started afresh for the next one.
 */
import { Worker } from 'node:worker_threads';
import { AppError, type ApiError } from '../../../shared/api/errors';
import { computeTasks, type ComputeTask, type TaskInput, type TaskOutput } from './tasks';

export type TaskRequest = { id: number; task: ComputeTask; input: unknown };
export type TaskReply = { id: number } & ({ ok: true; value: unknown } | { ok: false; error: ApiError | { crash: string } });

/** Runs a task in this thread, turning a thrown error into data that can cross to another thread. */
export function runTask(
  task: ComputeTask,
  input: unknown,
): { ok: true; value: unknown } | { ok: false; error: ApiError | { crash: string } } {
  try {
    const fn = computeTasks[task] as (input: unknown) => unknown;
    if (typeof fn !== 'function') return { ok: false, error: { crash: `unknown compute task "${String(task)}"` } };
    return { ok: true, value: fn(input) };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error: error.toApiError() };
    return { ok: false, error: { crash: error instanceof Error ? (error.stack ?? error.message) : String(error) } };
  }
}

function fromReply(error: ApiError | { crash: string }): Error {
  return 'crash' in error ? new Error(error.crash) : new AppError(error.code, error.message, error.messageTh, error.problems);
}

export type ComputeRunner = Readonly<{
  run<T extends ComputeTask>(task: T, input: TaskInput<T>): Promise<TaskOutput<T>>;
  /** Whether tasks leave this thread. */
  readonly threaded: boolean;
  close(): Promise<void>;
}>;

export type ComputeRunnerOptions = Readonly<{
  /** The worker entry: dist/electron/compute-worker.mjs, or worker-dev.mjs from source (through tsx). */
  workerFile?: string | null;
}>;

export function createComputeRunner(options: ComputeRunnerOptions = {}): ComputeRunner {
  const workerFile = options.workerFile ?? null;
  if (!workerFile) {
    return {
      threaded: false,
      run: async (task, input) => {
        const r = runTask(task, input);
        if (!r.ok) throw fromReply(r.error);
        return r.value as never;
      },
      close: async () => {},
    };
  }
  let worker: Worker | null = null;
  let nextId = 1;
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  const failAll = (error: Error): void => {
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };
  const start = (): Worker => {
    const w = new Worker(workerFile);
    w.on('message', (reply: TaskReply) => {
      const p = pending.get(reply.id);
      if (!p) return;
      pending.delete(reply.id);
      if (reply.ok) p.resolve(reply.value);
      else p.reject(fromReply(reply.error));
    });
    w.on('error', (error) => {
      if (worker === w) worker = null;
      failAll(error);
    });
    w.on('exit', (code) => {
      if (worker === w) worker = null;
      failAll(new Error(`The compute worker stopped (exit code ${code})`));
    });
    // An idle worker does not keep the process alive.
    w.unref();
    return w;
  };
  return {
    threaded: true,
    run: (task, input) =>
      new Promise((resolve, reject) => {
        worker ??= start();
        const id = nextId++;
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
        worker.ref();
        const request: TaskRequest = { id, task, input };
        worker.postMessage(request);
      }).finally(() => {
        if (pending.size === 0) worker?.unref();
      }) as Promise<never>,
    close: async () => {
      const w = worker;
      worker = null;
      if (w) await w.terminate();
      failAll(new Error('The compute worker was closed'));
    },
  };
}
