/**
 * Runs CPU-heavy tasks (tasks.ts) on one worker thread, so a Pabulib analysis of a large city does not stall the
 * host that answers committee members' devices. Without a worker file (unit tests of handlers, tools) tasks run
 * inline. A worker that dies fails the tasks it held and is started afresh for the next one.
 */
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { AppError, type ApiError } from '../../../shared/api/errors';
import { feedSyncTasks } from './feed-sync-tasks';
import { runTaskOf, type TaskReply, type TaskRequest, type TaskResult } from './task-call';
import { computeTasks, type ComputeTask, type TaskInput, type TaskOutput } from './tasks';
import type { DedicatedData } from './worker-data';

/** Runs a compute task in this thread, turning a thrown error into data that can cross to another thread. */
export function runTask(task: ComputeTask, input: unknown): Promise<TaskResult> {
  return runTaskOf(computeTasks, task, input);
}

function fromReply(error: ApiError | { crash: string }): Error {
  return 'crash' in error ? new Error(error.crash) : new AppError(error.code, error.message, error.messageTh, error.problems);
}

export type RunOptions = Readonly<{ dedicated?: boolean }>;

export type ComputeRunner = Readonly<{
  /**
   * Runs a task off the host's thread. `dedicated`: on a worker of its own, started for it and stopped after it, so
   * a long sync neither waits behind nor holds up the shared worker's reads.
   */
  run<T extends ComputeTask>(task: T, input: TaskInput<T>, options?: RunOptions): Promise<TaskOutput<T>>;
  /** Whether tasks leave this thread. */
  readonly threaded: boolean;
  close(): Promise<void>;
}>;

export type ComputeRunnerOptions = Readonly<{
  /** The worker entry: dist/electron/compute-worker.mjs, or worker-dev.mjs from source (through tsx). */
  workerFile?: string | null;
  /**
   * A sync's feed reader entry (dist/electron/feed-reader-worker.mjs): its thread then loads only the reader's modules;
   * without it the reader runs `workerFile`.
   */
  readerFile?: string | null;
  /**
   * The feed syncs' entry (dist/electron/sync-worker.mjs): their dedicated worker then loads only what a sync writes
   * with (compute/feed-sync-tasks.ts); without it they run `workerFile` as every other task does.
   */
  syncWorkerFile?: string | null;
  /** Time budgets per task in ms (defaults: TASK_BUDGET_MS); a task over its budget stops the worker. */
  budgets?: Partial<Record<ComputeTask, number>>;
}>;

/**
 * How long a task may run on the worker. Past it the worker is stopped (whatever input made it spin: a hostile
 * file, a pathological election) and started afresh for the next task; the caller gets a clear refusal.
 */
export const TASK_BUDGET_MS: Readonly<Record<ComputeTask, number>> = {
  'pb.analyze': 180_000,
  'pb.export': 180_000,
  // SheetJS stops at its own limit (10 s + 2 s per MB, import/sheetjs-bounded.ts); this is a last resort.
  'import.read': 600_000,
  // ExcelJS over at most 64 MB of inflated parts (export/scoring-sheets-import.ts).
  'judgement.readSheet': 120_000,
  'core.read': 120_000,
  // A province's plan workbook or open data (1,000,000 needs: 5–15 s on a quiet machine).
  'export.plan': 300_000,
  // The files of a province's open data or of an agency's evidence pack (1,787 proposals), and their zip.
  'export.prepare': 300_000,
  'export.zip': 300_000,
  // A province's plan frozen for approval (1,000,000 needs: about 20 s on a quiet machine).
  'approval.freeze': 600_000,
  // An approved plan read back and re-run (a province's: a few seconds).
  'approval.reproduce': 300_000,
  'links.suggestAll': 180_000,
  'worker.ping': 10_000,
  // A sync holds a write transaction; it is stopped by its cancel flag (rolled back), the budget is a last resort.
  'needs.syncFile': 2 * 3_600_000,
  'needs.pull': 6 * 3_600_000,
  'needs.importApply': 3_600_000,
  // As import.read's.
  'needs.importPreview': 600_000,
};

/**
 * The JavaScript heap a dedicated task may use (MB): streamed syncs need little, and a limit keeps the collector from
 * letting garbage pile up (the process's memory stays bounded whatever the feed's size). Past it the task fails.
 * A sync's young generation is kept small as well: V8's default lets tens of MB of short-lived garbage (every
 * record's strings) become resident between collections. 8 MB rather than 16: the million-record sync's peak grew
 * by 121–130 MB over the idle process instead of 141–149 MB (bench `sync.ndjson_1m_peak_rss_mb`, three runs each,
 * alternated), at the same rows/s within the noise.
 */
const DEDICATED_LIMITS: Partial<Record<ComputeTask, ResourceLimits>> = {
  'needs.syncFile': { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 8 },
  // A page body is at most 32 MB of JSON.
  'needs.pull': { maxOldGenerationSizeMb: 384 },
};

function overBudget(task: ComputeTask, ms: number): AppError {
  const s = Math.round(ms / 1000);
  return new AppError(
    'TOO_LARGE',
    `the computation (${task}) took longer than ${s} s and was stopped; try a smaller file or fewer constraints`,
    `การคำนวณ (${task}) ใช้เวลานานเกิน ${s} วินาทีจึงถูกหยุด กรุณาลองไฟล์ที่เล็กลงหรือเงื่อนไขที่น้อยลง`,
  );
}

export function createComputeRunner(options: ComputeRunnerOptions = {}): ComputeRunner {
  const workerFile = options.workerFile ?? null;
  const readerFile = options.readerFile ?? null;
  const syncWorkerFile = options.syncWorkerFile ?? null;
  if (!workerFile) {
    return {
      threaded: false,
      run: async (task, input) => {
        const r = await runTask(task, input);
        if (!r.ok) throw fromReply(r.error);
        return r.value as never;
      },
      close: async () => {},
    };
  }
  let worker: Worker | null = null;
  let nextId = 1;
  const budgets = { ...TASK_BUDGET_MS, ...options.budgets };
  const pending = new Map<number, { worker: Worker; resolve(value: unknown): void; reject(error: Error): void }>();
  /** Fails the tasks a worker held (all of them with no worker named). */
  const failAll = (error: Error, of?: Worker): void => {
    for (const [id, p] of pending) {
      if (of && p.worker !== of) continue;
      pending.delete(id);
      p.reject(error);
    }
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
      failAll(error, w);
    });
    w.on('exit', (code) => {
      if (worker === w) worker = null;
      failAll(new Error(`The compute worker stopped (exit code ${code})`), w);
    });
    // An idle worker does not keep the process alive.
    w.unref();
    return w;
  };
  const dedicated = new Set<Worker>();
  /** One task on a worker of its own; the worker is stopped when the task ends or runs over its budget. */
  const runDedicated = (task: ComputeTask, input: unknown): Promise<never> =>
    new Promise<unknown>((resolve, reject) => {
      const limits = DEDICATED_LIMITS[task];
      const entry = syncWorkerFile !== null && Object.hasOwn(feedSyncTasks, task) ? syncWorkerFile : workerFile;
      // The task may start threads of its own (a sync's feed reader): it is told from which entry.
      const w = new Worker(entry, {
        workerData: (readerFile ? { workerFile, readerFile } : { workerFile }) satisfies DedicatedData,
        ...(limits ? { resourceLimits: limits } : {}),
      });
      dedicated.add(w);
      let settled = false;
      const settle = (fn: () => void): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        dedicated.delete(w);
        fn();
        void w.terminate();
      };
      const budget = budgets[task];
      const timer = setTimeout(() => settle(() => reject(overBudget(task, budget))), budget);
      w.on('message', (reply: TaskReply) => settle(() => (reply.ok ? resolve(reply.value) : reject(fromReply(reply.error)))));
      w.on('error', (error) => settle(() => reject(error)));
      w.on('exit', (code) => settle(() => reject(new Error(`The ${task} worker stopped (exit code ${code})`))));
      const request: TaskRequest<ComputeTask> = { id: 1, task, input };
      w.postMessage(request);
    }) as Promise<never>;
  return {
    threaded: true,
    run: (task, input, options) =>
      options?.dedicated
        ? runDedicated(task, input)
        : (new Promise((resolve, reject) => {
            const w = (worker ??= start());
            const id = nextId++;
            const budget = budgets[task];
            const timer = setTimeout(() => {
              if (!pending.has(id)) return;
              pending.delete(id);
              reject(overBudget(task, budget));
              // The worker may be stuck in that task: stop it; the tasks it also held fail, the next one starts afresh.
              if (worker === w) worker = null;
              void w.terminate();
            }, budget);
            pending.set(id, {
              worker: w,
              resolve: (value) => {
                clearTimeout(timer);
                (resolve as (value: unknown) => void)(value);
              },
              reject: (error) => {
                clearTimeout(timer);
                reject(error);
              },
            });
            w.ref();
            const request: TaskRequest<ComputeTask> = { id, task, input };
            w.postMessage(request);
          }).finally(() => {
            if (pending.size === 0) worker?.unref();
          }) as Promise<never>),
    close: async () => {
      const w = worker;
      worker = null;
      if (w) await w.terminate();
      await Promise.all([...dedicated].map((d) => d.terminate()));
      failAll(new Error('The compute worker was closed'));
    },
  };
}
