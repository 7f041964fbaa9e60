// Builds the renderer (Vite) and the Electron main, preload and browser host (esbuild) into dist/.
import { build as esbuild } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const root = fileURLToPath(new URL('../..', import.meta.url));
const only = process.argv.includes('--no-renderer') ? ['node'] : ['renderer', 'node'];

if (only.includes('renderer')) {
  const vite = spawnSync(
    process.execPath,
    [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  if (vite.status !== 0) process.exit(vite.status ?? 1);
}

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  packages: 'external',
  logLevel: 'warning',
  absWorkingDir: root,
};
await Promise.all([
  // The core's `import.meta.url` (a lazy `createRequire`) is this bundle's own file in CommonJS.
  esbuild({
    ...common,
    entryPoints: ['electron/main/main.ts'],
    outfile: 'dist/electron/main.cjs',
    format: 'cjs',
    define: { 'import.meta.url': 'importMetaUrl' },
    banner: { js: "const importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  }),
  esbuild({ ...common, entryPoints: ['electron/preload/preload.ts'], outfile: 'dist/electron/preload.cjs', format: 'cjs' }),
  esbuild({ ...common, entryPoints: ['electron/core/host/main.ts'], outfile: 'dist/electron/host.mjs', format: 'esm' }),
  esbuild({
    ...common,
    entryPoints: ['electron/core/compute/worker.ts'],
    outfile: 'dist/electron/compute-worker.mjs',
    format: 'esm',
  }),
  // A feed sync's own worker: only what a sync writes with (compute/sync-worker.ts).
  esbuild({
    ...common,
    entryPoints: ['electron/core/compute/sync-worker.ts'],
    outfile: 'dist/electron/sync-worker.mjs',
    format: 'esm',
  }),
  // A sync's feed reader thread: only the reader's modules (compute/feed-reader-worker.ts).
  esbuild({
    ...common,
    entryPoints: ['electron/core/compute/feed-reader-worker.ts'],
    outfile: 'dist/electron/feed-reader-worker.mjs',
    format: 'esm',
  }),
]);
console.log(
  'built dist/renderer and dist/electron/{main.cjs,preload.cjs,host.mjs,compute-worker.mjs,sync-worker.mjs,feed-reader-worker.mjs}',
);
