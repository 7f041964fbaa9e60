/**
 * Scenario runs on a compute worker of their own (the scenario lane): warm and reused like the shared worker, but
 * alone, so a run can be cancelled by stopping that worker without failing anyone's reads on the shared one. A run
 * only reads (the worker's connection is `query_only`), so stopping it leaves nothing half-written. After a cancel
 * the next run gets a fresh worker (warmed at once, so it is ready by the time the committee runs again).
 */
import type { MethodName } from '../../../shared/api/contract';
import { AppError } from '../../../shared/api/errors';
import type { ScenarioRunProgress } from '../../../shared/api/scenario';
import type { Caller } from '../context';
import { PROGRESS_BYTES, readProgress, type ReadCall } from './read-replica';
import { createComputeRunner, type ComputeRunnerOptions } from './runner';

/** The methods that run on the scenario lane instead of the shared worker. */
export const LANE_METHODS: ReadonlySet<MethodName> = new Set<MethodName>(['scenarios.run']);

/** How long the lane's worker may take to load before its warm-up counts as failed. */
const LOAD_BUDGET_MS = 120_000;

/** How often a run's progress is read from its buffer and reported when it moved. */
const PROGRESS_EVERY_MS = 200;

type InFlight = { actor: string; scenarioId: number; cancelledBy: string | null };

export type ScenarioLane = Readonly<{
  /** Whether runs leave the host's thread (without a worker file there is no lane and nothing to cancel). */
  threaded: boolean;
  /** Runs one lane method on the lane's worker. */
  call(method: MethodName, args: unknown, caller: Caller): Promise<unknown>;
  /** Starts the lane's worker ahead of the first run (the core does so once the shared worker is up). */
  warm(): void;
  /**
   * Stops the worker running this caller's run of the scenario (false when none is running). Every run on the worker
   * stops with it: only the owner may stop other users' runs so; anyone else is refused while other users' runs are
   * on the worker, and their own run goes on to its end.
   */
  cancel(caller: Caller, scenarioId: number): Promise<boolean>;
  close(): Promise<void>;
}>;

/**
 * Whose run it is: the caller's role with its name. A page on the host laptop opened without the owner's secret (an
 * observer) has the owner page's name (`browser@127.0.0.1`), and must not count as the owner's self.
 */
function runnerOf(caller: Caller): string {
  return `${caller.role}:${caller.actor}`;
}

function scenarioIdOf(args: unknown): number {
  const id = (args as { scenarioId?: unknown } | null)?.scenarioId;
  return typeof id === 'number' ? id : 0;
}

function cancelled(entry: InFlight): AppError {
  return entry.cancelledBy === entry.actor
    ? new AppError(
        'CANCELLED',
        `the run of scenario ${entry.scenarioId} was cancelled; nothing was changed`,
        `ยกเลิกการคำนวณสถานการณ์ ${entry.scenarioId} แล้ว ไม่มีข้อมูลใดเปลี่ยนแปลง`,
      )
    : new AppError(
        'CANCELLED',
        `the run of scenario ${entry.scenarioId} stopped because another user cancelled a run at the same time; run it again`,
        `การคำนวณสถานการณ์ ${entry.scenarioId} หยุดลงเพราะผู้ใช้อื่นยกเลิกการคำนวณในเวลาเดียวกัน กรุณาคำนวณอีกครั้ง`,
      );
}

/** A cancel that would stop other users' runs too (they share the one worker), asked by someone who may not. */
function sharedWorker(scenarioId: number): AppError {
  return new AppError(
    'INVALID_STATE',
    `the run of scenario ${scenarioId} shares the computing worker with other users' runs, which stopping it would stop too; it was not stopped and will finish on its own`,
    `การคำนวณสถานการณ์ ${scenarioId} ใช้ตัวประมวลผลร่วมกับการคำนวณของผู้ใช้อื่น ซึ่งจะหยุดไปด้วยหากหยุดการคำนวณนี้ จึงไม่ได้หยุด การคำนวณจะดำเนินต่อจนเสร็จเอง`,
  );
}

/**
 * The lane for one database: `read` names the database and app version every call runs against; `onProgress` hears
 * a run's stage and fraction (read from the worker every `progressEveryMs`) whenever they moved.
 * @example const lane = createScenarioLane({ workerFile }, { dbPath, version }); await lane.call('scenarios.run', { scenarioId: 1 }, caller);
 */
export function createScenarioLane(
  options: ComputeRunnerOptions,
  read: Pick<ReadCall, 'dbPath' | 'version'>,
  onProgress: (progress: ScenarioRunProgress) => void = () => undefined,
  progressEveryMs = PROGRESS_EVERY_MS,
): ScenarioLane {
  // The warm-up may not stop the worker: a machine busy enough to load it slowly would otherwise fail the run that
  // was sent to it meanwhile.
  const runner = createComputeRunner({ ...options, budgets: { 'worker.ping': LOAD_BUDGET_MS, ...options.budgets } });
  const warm = (): void => {
    if (runner.threaded) void runner.run('worker.ping', null).catch(() => undefined);
  };
  const inFlight = new Set<InFlight>();
  return {
    threaded: runner.threaded,
    warm,
    call: async (method, args, caller) => {
      const entry: InFlight = { actor: runnerOf(caller), scenarioId: scenarioIdOf(args), cancelledBy: null };
      inFlight.add(entry);
      // The worker writes the run's stage and fraction into a shared buffer; this thread reports them when they move.
      const progress = new SharedArrayBuffer(PROGRESS_BYTES);
      let last = '';
      const report = (): void => {
        const now = readProgress(progress);
        const key = now ? `${now.stage}:${now.fraction}` : '';
        if (!now || key === last) return;
        last = key;
        onProgress({ scenarioId: entry.scenarioId, ...now });
      };
      const timer = setInterval(report, progressEveryMs);
      try {
        return await runner.run('core.read', { ...read, method, args, caller, progress });
      } catch (error) {
        if (entry.cancelledBy !== null) throw cancelled(entry);
        throw error;
      } finally {
        clearInterval(timer);
        inFlight.delete(entry);
      }
    },
    cancel: async (caller, scenarioId) => {
      const actor = runnerOf(caller);
      if (![...inFlight].some((e) => e.actor === actor && e.scenarioId === scenarioId)) return false;
      if (caller.role !== 'owner' && [...inFlight].some((e) => e.actor !== actor)) throw sharedWorker(scenarioId);
      // The worker runs one computation at a time: stopping it stops every run it holds, each told why.
      for (const e of inFlight) e.cancelledBy = actor;
      await runner.close();
      warm();
      return true;
    },
    close: () => runner.close(),
  };
}
