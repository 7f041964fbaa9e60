/**
 * createCore opens (or creates) the SQLite store, migrates it, seeds the synthetic sample on first run,
 * and exposes one dispatch function plus an event subscription. Node only: never imports 'electron'.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { EventMessage, EventName, Events } from '../../shared/api/contract';
import type { Result } from '../../shared/api/errors';
import { fileAnchorStore } from './audit/anchor';
import { createAuditWatch, type AuditWatch } from './audit/audit-watch';
import { OFF_THREAD_METHODS } from './compute/read-replica';
import { createComputeRunner, type ComputeRunnerOptions } from './compute/runner';
import { createExplorerLane, EXPLORER_METHODS } from './compute/explorer-lane';
import { createScenarioLane, LANE_METHODS } from './compute/scenario-lane';
import type { Caller, CoreContext } from './context';
import { enableWal, openStore, type OpenOptions, type Store } from './db/database';
import { SQLITE_BINDING_ENV } from './db/sqlite-store';
import { migrate } from './db/migrate';
import { createDispatcher } from './dispatcher';
import { loadSaraburi } from './geo/saraburi';
import { correctTambonNames, ensureReferenceAreas } from './import/geography';
import { writeSampleData, type SampleOptions } from './seed/sample-data';
import { importAreas } from './sync/reference-import';
import { createDownloadStore, type DownloadStore } from './downloads';
import { createUploadStore, type UploadStore } from './uploads';

export const APP_VERSION = '0.1.0';

export type CoreOptions = Readonly<{
  dbPath: string;
  /** Seed the synthetic sample into an empty store (default true). */
  seedSample?: boolean;
  sample?: SampleOptions;
  nativeBinding?: OpenOptions['nativeBinding'];
  /**
   * Reference files (GeoJSON boundaries, population JSON/CSV) loaded through the reference-data import right
   * after the sample is seeded; development and tests pass the province's files from ../shared/data.
   */
  referenceFiles?: readonly string[];
  /** The compute worker (bundled entries pass dist/electron/compute-worker.mjs); without one, tasks run inline. */
  compute?: ComputeRunnerOptions;
  /** Keep the audit chain's anchor beside the database (default true). */
  auditAnchor?: boolean;
}>;

export type Core = Readonly<{
  store: Store;
  uploads: UploadStore;
  downloads: DownloadStore;
  audit: AuditWatch;
  call(method: unknown, args: unknown, caller: Caller): Promise<Result<unknown>>;
  onEvent(listener: (message: EventMessage) => void): () => void;
  close(): Promise<void>;
}>;

export async function createCore(options: CoreOptions): Promise<Core> {
  mkdirSync(dirname(options.dbPath), { recursive: true });
  // The workers started below inherit the environment: their connections open with the same build.
  if (options.nativeBinding) process.env[SQLITE_BINDING_ENV] = options.nativeBinding;
  const store = openStore(options.dbPath, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  try {
    await migrate(store.db);
    enableWal(store);
    if (options.seedSample !== false && isEmpty(store)) {
      writeSampleData(store.sqlite, await loadSaraburi(), options.sample);
      for (const file of options.referenceFiles ?? []) {
        importAreas(store, basename(file), readFileSync(file), 'seed');
      }
    }
    // Every store knows the province's districts, tambons and need categories, also one started empty: every need
    // and proposal is checked against them.
    await ensureReferenceAreas(store);
    correctTambonNames(store);
  } catch (error) {
    await store.close();
    throw error;
  }
  const listeners = new Set<(message: EventMessage) => void>();
  const compute = createComputeRunner(options.compute);
  // The audit chain is re-walked at every start and checked against its anchor outside the database file.
  const audit = createAuditWatch(store.sqlite, options.auditAnchor === false ? null : fileAnchorStore(options.dbPath));
  const uploads = createUploadStore(join(dirname(options.dbPath), `${basename(options.dbPath)}.uploads`));
  const downloads = createDownloadStore(join(dirname(options.dbPath), `${basename(options.dbPath)}.downloads`));
  // Scenario runs get a worker of their own, so cancelling one stops only scenario runs (compute/scenario-lane.ts).
  const lane = createScenarioLane(options.compute ?? {}, { dbPath: options.dbPath, version: APP_VERSION }, (progress) =>
    ctx.emit('scenario.progress', progress),
  );
  // The needs explorer's pages get one too, so none waits behind a long task of the shared worker
  // (compute/explorer-lane.ts). It starts with the first page asked for: a process that never shows the explorer
  // (a sync, a scoring session) does not hold its ~40 MB.
  const explorer = createExplorerLane(options.compute ?? {}, { dbPath: options.dbPath, version: APP_VERSION });
  // Start the shared and scenario workers now, so the first task or run does not wait for them to load; one after
  // the other, so no two load at once.
  if (compute.threaded) {
    void compute
      .run('worker.ping', null)
      .catch(() => undefined)
      .finally(() => lane.warm());
  }
  const ctx: CoreContext = {
    compute: compute.run,
    uploads,
    downloads,
    store,
    dataPath: options.dbPath,
    version: APP_VERSION,
    emit: <E extends EventName>(event: E, payload: Events[E]) => {
      const message = { event, payload } as EventMessage;
      for (const l of listeners) l(message);
      // Progress reports change nothing; reading the chain's head while a sync's large transaction is being
      // written held the host's thread for ~150 ms.
      if (!PROGRESS_EVENTS.has(event)) audit.changed();
    },
    audit,
    ...(lane.threaded ? { cancelScenarioRun: lane.cancel } : {}),
  };
  // With a worker, long read-only methods run there on a read-only connection; the host's thread stays free.
  const dispatch = createDispatcher(
    ctx,
    undefined,
    compute.threaded
      ? {
          methods: OFF_THREAD_METHODS,
          call: (method, args, caller) =>
            LANE_METHODS.has(method)
              ? lane.call(method, args, caller)
              : EXPLORER_METHODS.has(method)
                ? explorer.call(method, args, caller)
                : compute.run('core.read', { dbPath: options.dbPath, version: APP_VERSION, method, args, caller }),
        }
      : undefined,
  );
  return {
    store,
    uploads,
    downloads,
    audit,
    call: dispatch,
    onEvent: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: async () => {
      audit.close();
      await compute.close();
      await lane.close();
      await explorer.close();
      uploads.close();
      downloads.close();
      await store.close();
    },
  };
}

/** Events that report the progress of long work and record no change. */
const PROGRESS_EVENTS: ReadonlySet<EventName> = new Set<EventName>(['needs.syncProgress', 'links.progress', 'scenario.progress']);

function isEmpty(store: Store): boolean {
  const row = store.sqlite.prepare('SELECT COUNT(*) AS n FROM area_district').get() as { n: number };
  return row.n === 0;
}
