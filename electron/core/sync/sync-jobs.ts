/**
 * Long syncs as jobs of the host: one at a time per database (two would only queue on SQLite's write lock), run on
 * a worker of their own (compute/sync-tasks.ts), followed through shared counters and broadcast as
 * `needs.syncProgress` events (rows, rows/s, time left) about four times a second; `needs.cancelSync` raises the
 * job's cancel flag.
 */
import { randomBytes } from 'node:crypto';
import { AppError } from '../../../shared/api/errors';
import type { SyncProgress } from '../../../shared/api/needs-sources';
import type { CoreContext } from '../context';
import { controlReader, newControlBuffer } from './sync-control';

/** How often a running job's progress is broadcast. */
const PROGRESS_EVERY_MS = 250;

type Job = { id: string; kind: SyncProgress['kind']; label: string; cancel(): void };

const running = new WeakMap<CoreContext['store'], Job>();

/**
 * Runs `work` as the database's one sync job, broadcasting its progress; `work` gets the job's shared control buffer
 * to pass to its task.
 */
export async function runSyncJob<T>(
  ctx: CoreContext,
  kind: SyncProgress['kind'],
  label: string,
  work: (control: SharedArrayBuffer) => Promise<T>,
): Promise<T> {
  if (running.has(ctx.store)) {
    throw new AppError('INVALID_STATE', 'another sync is running; wait for it or cancel it', 'กำลังซิงก์ข้อมูลอื่นอยู่ กรุณารอหรือยกเลิกก่อน');
  }
  const buffer = newControlBuffer();
  const control = controlReader(buffer);
  const job: Job = { id: randomBytes(8).toString('hex'), kind, label, cancel: control.cancel };
  running.set(ctx.store, job);
  // While the job's transaction holds the database's write lock, a write on the host's connection is refused at once
  // (the dispatcher says why) instead of holding the host's thread for up to busy_timeout.
  const busyTimeout = ctx.store.sqlite.pragma('busy_timeout', { simple: true }) as number;
  ctx.store.sqlite.pragma('busy_timeout = 0');
  const t0 = performance.now();
  const progress = (state: SyncProgress['state']): SyncProgress => {
    const c = control.read();
    const seconds = (performance.now() - t0) / 1000;
    // Counted in KiB (rounded), so a finished file is shown whole.
    const fraction = c.kibTotal > 0 ? (state === 'done' ? 1 : Math.min(1, c.kibRead / c.kibTotal)) : null;
    return {
      jobId: job.id,
      kind,
      label,
      rows: c.rows,
      rowsPerSecond: seconds > 0 ? Math.round(c.rows / seconds) : 0,
      fraction,
      secondsLeft:
        fraction !== null && fraction > 0 && state === 'running' ? Math.round((seconds * (1 - fraction)) / fraction) : null,
      pages: c.pages,
      state,
    };
  };
  ctx.emit('needs.syncProgress', progress('running'));
  const timer = setInterval(() => ctx.emit('needs.syncProgress', progress('running')), PROGRESS_EVERY_MS);
  try {
    const result = await work(buffer);
    ctx.emit('needs.syncProgress', progress('done'));
    return result;
  } catch (error) {
    ctx.emit('needs.syncProgress', progress(error instanceof AppError && error.code === 'CANCELLED' ? 'cancelled' : 'failed'));
    throw error;
  } finally {
    clearInterval(timer);
    running.delete(ctx.store);
    if (ctx.store.sqlite.open) ctx.store.sqlite.pragma(`busy_timeout = ${busyTimeout}`);
  }
}

/** Raises the cancel flag of the running job with this id; false when no such job runs. */
export function cancelSyncJob(ctx: CoreContext, jobId: string): boolean {
  const job = running.get(ctx.store);
  if (!job || job.id !== jobId) return false;
  job.cancel();
  return true;
}

/** The sync job running on this database (its kind and what it reads: a file's or a source's name), if any. */
export function runningSyncJob(store: CoreContext['store']): Readonly<{ kind: SyncProgress['kind']; label: string }> | null {
  const job = running.get(store);
  return job ? { kind: job.kind, label: job.label } : null;
}
