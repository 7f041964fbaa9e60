/**
 * createCore opens (or creates) the SQLite store, migrates it, seeds the synthetic sample on first run,
 * and exposes one dispatch function plus an event subscription. Node only: never imports 'electron'.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { EventMessage, EventName, Events } from '../../shared/api/contract';
import type { Result } from '../../shared/api/errors';
import { createComputeRunner, type ComputeRunnerOptions } from './compute/runner';
import type { Caller, CoreContext } from './context';
import { enableWal, openStore, type OpenOptions, type Store } from './db/database';
import { migrate } from './db/migrate';
import { createDispatcher } from './dispatcher';
import { loadSaraburi } from './geo/saraburi';
import { writeSampleData, type SampleOptions } from './seed/sample-data';
import { importAreas } from './sync/reference-import';

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
}>;

export type Core = Readonly<{
  store: Store;
  call(method: unknown, args: unknown, caller: Caller): Promise<Result<unknown>>;
  onEvent(listener: (message: EventMessage) => void): () => void;
  close(): Promise<void>;
}>;

export async function createCore(options: CoreOptions): Promise<Core> {
  mkdirSync(dirname(options.dbPath), { recursive: true });
  const store = openStore(options.dbPath, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  try {
    await migrate(store.db);
    enableWal(store);
    if (options.seedSample !== false && isEmpty(store)) {
      writeSampleData(store.sqlite, await loadSaraburi(), options.sample);
      for (const file of options.referenceFiles ?? []) {
        importAreas(store, basename(file), readFileSync(file, 'utf8'), 'seed');
      }
    }
  } catch (error) {
    await store.close();
    throw error;
  }
  const listeners = new Set<(message: EventMessage) => void>();
  const compute = createComputeRunner(options.compute);
  const ctx: CoreContext = {
    compute: compute.run,
    store,
    dataPath: options.dbPath,
    version: APP_VERSION,
    emit: <E extends EventName>(event: E, payload: Events[E]) => {
      const message = { event, payload } as EventMessage;
      for (const l of listeners) l(message);
    },
  };
  const dispatch = createDispatcher(ctx);
  return {
    store,
    call: dispatch,
    onEvent: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: async () => {
      await compute.close();
      await store.close();
    },
  };
}

function isEmpty(store: Store): boolean {
  const row = store.sqlite.prepare('SELECT COUNT(*) AS n FROM area_district').get() as { n: number };
  return row.n === 0;
}
