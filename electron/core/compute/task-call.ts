/**
 * One task request on a worker thread and its reply, shared by the compute worker's entry (worker.ts) and the feed
 * sync's (sync-worker.ts): this module loads no task, so an entry brings only the tasks it names.
 */
import { AppError, type ApiError } from '../../../shared/api/errors';

export type TaskRequest<T extends string = string> = { id: number; task: T; input: unknown };
export type TaskResult = { ok: true; value: unknown } | { ok: false; error: ApiError | { crash: string } };
export type TaskReply = { id: number } & TaskResult;

/** Runs `tasks[task]` in this thread, turning a thrown error into data that can cross to another thread. */
export async function runTaskOf(tasks: object, task: string, input: unknown): Promise<TaskResult> {
  try {
    const fn = (tasks as Record<string, unknown>)[task];
    if (typeof fn !== 'function' || !Object.hasOwn(tasks, task)) {
      return { ok: false, error: { crash: `unknown compute task "${task}"` } };
    }
    return { ok: true, value: await (fn as (input: unknown) => unknown)(input) };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error: error.toApiError() };
    return { ok: false, error: { crash: error instanceof Error ? (error.stack ?? error.message) : String(error) } };
  }
}
