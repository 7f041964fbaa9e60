/**
 * The needs explorer's reads on a compute worker of their own (the explorer lane). A grid page or a map click over a
 * province's million needs can take 0.3–1 s of SQLite (docs/needs-explorer.md): off the host's thread, so no other
 * device waits for it; and off the shared worker, so a page never waits behind a long task there (a plan's export, the
 * unmet needs of a province, a file being read: a page sent to the shared worker waited 2.7 s behind a cold
 * `unmet.summary` over 1,000,000 needs). The worker answers through its own read-only connection (read-replica.ts).
 */
import type { MethodName } from '../../../shared/api/contract';
import type { Caller } from '../context';
import type { ReadCall } from './read-replica';
import { createComputeRunner, type ComputeRunnerOptions } from './runner';

/** The methods that run on the explorer lane instead of the shared worker (each is also in OFF_THREAD_METHODS). */
export const EXPLORER_METHODS: ReadonlySet<MethodName> = new Set<MethodName>([
  'needs.explore',
  'needs.totals',
  'needs.choropleth',
]);

/** How long the lane's worker may take to load before its warm-up counts as failed (as the scenario lane's). */
const LOAD_BUDGET_MS = 120_000;

export type ExplorerLane = Readonly<{
  /** Whether the explorer's reads leave the host's thread (without a worker file they run there). */
  threaded: boolean;
  /** Runs one explorer method on the lane's worker. */
  call(method: MethodName, args: unknown, caller: Caller): Promise<unknown>;
  /** Starts the lane's worker ahead of the first page; resolves when it has loaded (or failed to). */
  warm(): Promise<void>;
  close(): Promise<void>;
}>;

/**
 * The lane for one database: `read` names the database and app version every call runs against.
 * @example const lane = createExplorerLane({ workerFile }, { dbPath, version }); await lane.call('needs.totals', {}, caller);
 */
export function createExplorerLane(options: ComputeRunnerOptions, read: Pick<ReadCall, 'dbPath' | 'version'>): ExplorerLane {
  // The warm-up may not stop the worker: a machine busy enough to load it slowly would otherwise fail the page that
  // was sent to it meanwhile.
  const runner = createComputeRunner({ ...options, budgets: { 'worker.ping': LOAD_BUDGET_MS, ...options.budgets } });
  return {
    threaded: runner.threaded,
    call: (method, args, caller) => runner.run('core.read', { ...read, method, args, caller }),
    warm: async () => {
      if (runner.threaded) await runner.run('worker.ping', null).catch(() => undefined);
    },
    close: () => runner.close(),
  };
}
