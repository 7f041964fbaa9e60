/**
 * Read-only methods that can take long (scenario runs with the exact optimum or Equal Shares over every need, their
 * diff and explanations, the ranking) run on the compute worker against its own read-only connection to the same
 * SQLite file, so the host's thread keeps answering every other device meanwhile. WAL gives the worker a consistent
 * snapshot of what the host has committed; `query_only` makes any write attempt an error rather than a change.
 * Roles and arguments are checked by the dispatcher on the host before a call comes here.
 */
import type { MethodName } from '../../../shared/api/contract';
import { AppError } from '../../../shared/api/errors';
import { RUN_STAGES, type RunStage } from '../../../shared/api/scenario';
import type { Caller, CoreContext } from '../context';
import { openStore, type Store } from '../db/database';
import { handlers } from '../handlers';
import type { Handler } from '../handlers/types';

/**
 * Methods that only read and may take long (an exact optimum with a conflict search, Equal Shares over every
 * need, the unmet needs of a province, the needs explorer's pages, sums and map); the dispatcher sends them here when a
 * worker is running. The ranking (`projects.list`) stays on the host, cached until the database changes
 * (services/read-cache.ts).
 */
export const OFF_THREAD_METHODS: ReadonlySet<MethodName> = new Set<MethodName>([
  'scenarios.run',
  'scenarios.diff',
  'scenarios.explain',
  // The unmet needs of a round: seconds over a province's million needs the first time after a change.
  'unmet.summary',
  'unmet.list',
  // Thousands of reweighted rankings: half a second on the host's thread for 5,000 samples, which any device may ask.
  'judgement.sensitivity',
  // The needs explorer: a page in another order than the id's, a district's sums or the map sort or look up tens of
  // thousands of a million needs (0.3–1 s); on a worker of their own (compute/explorer-lane.ts).
  'needs.explore',
  'needs.totals',
  'needs.choropleth',
  // A district's needs with points, for its map: looked up as the district's sums are.
  'needs.points',
]);

export type ReadCall = Readonly<{
  dbPath: string;
  version: string;
  method: string;
  args: unknown;
  caller: Caller;
  /** Where the call writes how far it is ({@link writeProgress}), for the thread that sent it to read. */
  progress?: SharedArrayBuffer;
}>;

/** Bytes of a call's progress buffer: the stage's number (0: none yet) and the fraction in ten-thousandths (-1: none). */
export const PROGRESS_BYTES = 8;

/** Writes a stage and fraction into a progress buffer (the worker's side). */
export function writeProgress(buffer: SharedArrayBuffer, stage: RunStage, fraction: number | null): void {
  const cells = new Int32Array(buffer);
  Atomics.store(cells, 1, fraction === null ? -1 : Math.round(Math.min(1, Math.max(0, fraction)) * 10_000));
  Atomics.store(cells, 0, RUN_STAGES.indexOf(stage) + 1);
}

/** Reads a progress buffer (the sender's side); null before the call reported anything. */
export function readProgress(buffer: SharedArrayBuffer): { stage: RunStage; fraction: number | null } | null {
  const cells = new Int32Array(buffer);
  const stage = RUN_STAGES[Atomics.load(cells, 0) - 1];
  if (!stage) return null;
  const f = Atomics.load(cells, 1);
  return { stage, fraction: f < 0 ? null : f / 10_000 };
}

const stores = new Map<string, Store>();

/** This thread's read-only connection to the database file (`query_only`), opened once and kept. */
export function readOnlyStore(dbPath: string): Store {
  let store = stores.get(dbPath);
  if (!store) {
    store = openStore(dbPath);
    store.sqlite.pragma('query_only = ON');
    stores.set(dbPath, store);
  }
  return store;
}

const noUploads = (): never => {
  throw new AppError('INTERNAL', 'uploads are not available to read-only calls', 'คำสั่งแบบอ่านอย่างเดียวใช้ไฟล์ที่ส่งมาไม่ได้');
};

const noDownloads = (): never => {
  throw new AppError('INTERNAL', 'files are offered for download on the host, not here', 'ไฟล์ให้ดาวน์โหลดได้จากเครื่องหลักเท่านั้น');
};

const notHere = (): never => {
  throw new AppError('INTERNAL', 'the audit trail is checked on the host, not here', 'ตรวจบันทึกการตรวจสอบได้ที่เครื่องหลักเท่านั้น');
};

/** Runs one read-only method in this thread (the worker) on its read-only connection. */
export async function readOnlyCall(call: ReadCall): Promise<unknown> {
  if (!OFF_THREAD_METHODS.has(call.method as MethodName)) {
    throw new AppError(
      'INTERNAL',
      `'${call.method}' does not run off the host's thread`,
      `คำสั่ง '${call.method}' ไม่ได้ทำงานนอกเธรดหลัก`,
    );
  }
  const store = readOnlyStore(call.dbPath);
  const buffer = call.progress;
  const ctx: CoreContext = {
    store,
    dataPath: call.dbPath,
    version: call.version,
    emit: () => undefined,
    compute: () => Promise.reject(new Error('no nested compute tasks in read-only calls')),
    uploads: {
      begin: noUploads,
      receive: noUploads,
      putFile: noUploads,
      putBytes: noUploads,
      get: noUploads,
      read: noUploads,
      discard: () => undefined,
      dropOwner: () => undefined,
      close: () => undefined,
    },
    downloads: {
      putBytes: noDownloads,
      putFile: noDownloads,
      scratchPath: noDownloads,
      claim: () => null,
      dropOwner: () => undefined,
      held: () => 0,
      close: () => undefined,
    },
    audit: {
      status: notHere,
      verify: notHere,
      accept: notHere,
      rekey: notHere,
      changed: () => undefined,
      close: () => undefined,
    },
    ...(buffer ? { progress: (stage: RunStage, fraction: number | null) => writeProgress(buffer, stage, fraction) } : {}),
  };
  const handler = handlers[call.method as MethodName] as Handler<MethodName>;
  return handler(call.args as never, call.caller, ctx);
}
