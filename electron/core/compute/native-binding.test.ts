/**
 * The better-sqlite3 build a worker thread opens the database with: the one the process names in its environment
 * (the desktop app's core names Electron's, which its workers inherit), else Node's. A worker opening Node's build
 * inside Electron could not load it, so every task on a worker would fail there.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../context';
import { createCore, type Core } from '../core';
import { SQLITE_BINDING_ENV } from '../db/sqlite-store';
import { createComputeRunner } from './runner';

const workerFile = fileURLToPath(new URL('./worker-dev.mjs', import.meta.url));
const owner: Caller = { role: 'owner', actor: 'test', transport: 'direct' };
/** Node's build, where `npm ci` compiled it. */
const nodeBuild = join(
  dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json')),
  'build/Release/better_sqlite3.node',
);

let dir = '';
let core: Core;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'chipao-binding-'));
  core = await createCore({ dbPath: join(dir, 'chipao.sqlite'), sample: { needs: 200, projects: 10 } });
});

afterEach(() => {
  delete process.env[SQLITE_BINDING_ENV];
});

afterAll(async () => {
  await core?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A read on a worker started now (so with the environment as it is now). */
async function readOnWorker(): Promise<unknown> {
  const runner = createComputeRunner({ workerFile });
  try {
    const call = { dbPath: join(dir, 'chipao.sqlite'), version: 'test', method: 'needs.totals', args: {}, caller: owner };
    return await runner.run('core.read', call);
  } finally {
    await runner.close();
  }
}

describe('a worker thread’s better-sqlite3 build', () => {
  it('is the one the process names: a worker started after it is named opens with it', async () => {
    expect(existsSync(nodeBuild)).toBe(true);
    process.env[SQLITE_BINDING_ENV] = nodeBuild;
    expect(await readOnWorker()).toMatchObject({ needs: 200 });
    const missing = join(dir, 'no-such-build', 'better_sqlite3.node');
    process.env[SQLITE_BINDING_ENV] = missing;
    await expect(readOnWorker()).rejects.toThrow(/no-such-build/u);
  }, 60_000);

  it('is named for the workers by a core given a build', async () => {
    const other = await createCore({ dbPath: join(dir, 'other.sqlite'), seedSample: false, nativeBinding: nodeBuild });
    try {
      expect(process.env[SQLITE_BINDING_ENV]).toBe(nodeBuild);
    } finally {
      await other.close();
    }
  }, 60_000);
});
