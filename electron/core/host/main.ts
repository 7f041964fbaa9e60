/**
 * `chipao-host`: runs the core in plain Node and serves the UI on 127.0.0.1 (used by `npm start` where
 * Electron's runtime is missing, by the end-to-end tests, and for workshop sessions).
 * Options: --data-dir DIR, --port N (0 = any free port), --host ADDRESS, --static DIR, --no-seed.
 * Keep --host on loopback: a workshop session opened from the app listens on the interface chosen there, only while
 * it is open (docs/workshop.md).
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createCore } from '../core';
import { startHost } from './server';

/** The same folder Electron's app.getPath('userData') uses for ChiPao on each platform. */
export function defaultDataDir(): string {
  if (process.platform === 'win32') return join(process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'ChiPao');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'ChiPao');
  return join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'ChiPao');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string', default: '5180' },
      host: { type: 'string', default: '127.0.0.1' },
      static: { type: 'string' },
      'no-seed': { type: 'boolean', default: false },
      'reference-dir': { type: 'string' },
    },
  });
  const here = dirname(fileURLToPath(import.meta.url));
  // Bundled: dist/electron/host.mjs → dist/renderer. From source: electron/core/host → dist/renderer.
  const candidates = [join(here, '..', 'renderer'), join(here, '..', '..', '..', 'dist', 'renderer')];
  const staticDir = resolve(values.static ?? candidates.find((c) => existsSync(join(c, 'index.html'))) ?? candidates[1]!);
  const dataDir = resolve(values['data-dir'] ?? defaultDataDir());
  // In development the province's boundary files sit beside the checkout (../shared/data); load them through
  // the reference-data import on first run so the maps have shapes. A packaged app has none and draws charts.
  const referenceDir =
    values['reference-dir'] ??
    [join(here, '..', '..', '..', '..', 'shared', 'data'), join(here, '..', '..', '..', 'shared', 'data')].find((d) =>
      existsSync(d),
    );
  const referenceFiles = referenceDir
    ? ['saraburi-districts.geojson', 'saraburi-tambons.geojson'].map((f) => join(referenceDir, f)).filter((f) => existsSync(f))
    : [];
  // Bundled: the worker sits beside host.mjs. From source (tsx): the TypeScript entry, loaded through tsx.
  const bundledWorker = join(here, 'compute-worker.mjs');
  const compute = existsSync(bundledWorker)
    ? {
        workerFile: bundledWorker,
        syncWorkerFile: join(here, 'sync-worker.mjs'),
        readerFile: join(here, 'feed-reader-worker.mjs'),
      }
    : { workerFile: join(here, '..', 'compute', 'worker-dev.mjs') };
  const core = await createCore({
    dbPath: join(dataDir, 'chipao.sqlite'),
    seedSample: !values['no-seed'],
    referenceFiles,
    compute,
  });
  const host = await startHost({ core, staticDir, host: values.host, port: Number(values.port) });
  console.log(`ChiPao is serving on ${host.url}`);
  console.log(`ChiPao data file: ${join(dataDir, 'chipao.sqlite')}`);
  const stop = (): void => {
    void host
      .close()
      .then(() => core.close())
      .then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
