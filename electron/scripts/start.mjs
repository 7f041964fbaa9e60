// `npm start`: builds, then launches Electron where its runtime is installed; otherwise serves the same UI
// from the Node host on 127.0.0.1 and says so. `npm run serve` (--browser) always uses the host.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, copyFileSync, cpSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const require = createRequire(import.meta.url);
const browserOnly = process.argv.includes('--browser');
const passThrough = process.argv.slice(2).filter((a) => a !== '--browser');

const built = spawnSync(process.execPath, [join(root, 'electron/scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);

function electronBinary() {
  try {
    const path = require('electron'); // the package exports the runtime's path, and throws when it is missing
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

/**
 * better-sqlite3 for Electron's ABI, built into dist/native/electron from a copy of the module, so the copy
 * in node_modules stays Node's and `npm test` keeps working after a desktop run.
 */
function ensureElectronNative() {
  const target = join(root, 'dist/native/electron/better_sqlite3.node');
  if (existsSync(target)) return true;
  const work = join(root, '.cache/electron-native');
  mkdirSync(work, { recursive: true });
  cpSync(join(root, 'node_modules/better-sqlite3'), join(work, 'node_modules/better-sqlite3'), { recursive: true });
  const electronVersion = require('electron/package.json').version;
  const rebuilt = spawnSync(
    'npx',
    ['--yes', '@electron/rebuild', '--version', electronVersion, '--module-dir', work, '--only', 'better-sqlite3', '--force'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  const output = join(work, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node');
  if (rebuilt.status !== 0 || !existsSync(output)) return false;
  mkdirSync(join(root, 'dist/native/electron'), { recursive: true });
  copyFileSync(output, target);
  return true;
}

const electron = browserOnly ? null : electronBinary();
if (electron && ensureElectronNative()) {
  const child = spawn(electron, [root, ...passThrough], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  if (!browserOnly) {
    console.log(
      electron
        ? 'ChiPao: could not build better-sqlite3 for Electron; serving the same UI in your browser instead.'
        : "ChiPao: Electron's runtime is not installed on this machine; serving the same UI in your browser instead.",
    );
  }
  const child = spawn(process.execPath, [join(root, 'dist/electron/host.mjs'), ...passThrough], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
}
