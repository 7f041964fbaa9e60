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
  // A district's needs with points, for its map: looked up as the district's sums are.
  'needs.points',
]);

export type ExplorerLane = Readonly<{
  /** Whether the explorer's reads leave the host's thread (without a worker file they run there). */
  threaded: boolean;
  /** Runs one explorer method on the lane's worker. */
  call(method: MethodName, args: unknown, caller: Caller): Promise<unknown>;
  close(): Promise<void>;
}>;

/**
 * The lane for one database: `read` names the database and app version every call runs against.
 * @example const lane = createExplorerLane({ workerFile }, { dbPath, version }); await lane.call('needs.totals', {}, caller);
 */
export function createExplorerLane(options: ComputeRunnerOptions, read: Pick<ReadCall, 'dbPath' | 'version'>): ExplorerLane {
  // The worker starts with the first page asked for (its loading counts in that page's budget, `core.read`'s).
  const runner = createComputeRunner(options);
  return {
    threaded: runner.threaded,
    call: (method, args, caller) => runner.run('core.read', { ...read, method, args, caller }),
    close: () => runner.close(),
  };
}
