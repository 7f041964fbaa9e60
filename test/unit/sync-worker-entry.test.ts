/**
 * The feed sync's own worker entry (electron/core/compute/sync-worker.ts): the build bundles it beside the compute
 * worker and the feed reader's entry, the packaged app unpacks all three and names them where it starts its core;
 * bundled as the build bundles it, it loads none of the compute worker's heavy packages (nor Kysely), and a file sync
 * and a pull write their needs into the database file from a worker started from that entry.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NeedsSource, PullReport } from '../../shared/api/needs-sources';
import type { SyncReport } from '../../shared/api/types';
import { feedRecords, startFeedServer } from '../fixtures/feed-server';
import type { Caller } from '../../electron/core/context';
import { createCore } from '../../electron/core/core';
import { bundleDir, bundleEntry, ROOT } from './worker-bundles';

const workerFile = fileURLToPath(new URL('../../electron/core/compute/worker-dev.mjs', import.meta.url));
const owner: Caller = { role: 'owner', actor: 'test', transport: 'direct' };
/** Where each worker entry is built (electron/scripts/build.mjs). */
const ENTRIES = {
  'electron/core/compute/worker.ts': 'dist/electron/compute-worker.mjs',
  'electron/core/compute/sync-worker.ts': 'dist/electron/sync-worker.mjs',
  'electron/core/compute/feed-reader-worker.ts': 'dist/electron/feed-reader-worker.mjs',
};
let dir = '';
/** Beside node_modules, so that the bundles' packages resolve; a directory of this run's own. */
let bundles = '';
let syncWorker = '';
let reader = '';
let imports: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'chipao-sync-entry-'));
  bundles = bundleDir();
  const built = await bundleEntry('electron/core/compute/sync-worker.ts', bundles, 'sync-worker.mjs');
  syncWorker = built.file;
  imports = built.imports;
  reader = (await bundleEntry('electron/core/compute/feed-reader-worker.ts', bundles, 'feed-reader-worker.mjs')).file;
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(bundles, { recursive: true, force: true });
});

/** A feed file of `n` records over the sample's first tambons. */
function feedFile(name: string, n: number, tambons: readonly string[]): string {
  const path = join(dir, name);
  const lines = [{ feed: 'chipao.needs', version: 1, source: 'test' }, ...feedRecords(n, tambons)];
  writeFileSync(path, `${lines.map((r) => JSON.stringify(r)).join('\n')}\n`);
  return path;
}

describe('the feed sync’s entry', () => {
  it('is built beside the compute worker and the reader’s entry, unpacked from the asar, and named where the app starts', () => {
    const script = readFileSync(join(ROOT, 'electron/scripts/build.mjs'), 'utf8');
    const built = new Map(
      [...script.matchAll(/entryPoints: \['([^']+)'\],\s*outfile: '([^']+)'/gu)].map((m) => [m[1], m[2]] as const),
    );
    const builder = readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8');
    const unpacked = /^asarUnpack:\n((?: {2}- .+\n)+)/mu
      .exec(builder)?.[1]
      ?.split('\n')
      .map((l) => l.replace(/^ {2}- /u, ''));
    const desktop = readFileSync(join(ROOT, 'electron/main/main.ts'), 'utf8');
    const host = readFileSync(join(ROOT, 'electron/core/host/main.ts'), 'utf8');
    for (const [entry, outfile] of Object.entries(ENTRIES)) {
      const name = outfile.replace('dist/electron/', '');
      expect(built.get(entry), entry).toBe(outfile);
      // Worker threads cannot read from inside app.asar.
      expect(unpacked, outfile).toContain(outfile);
      expect(desktop, name).toContain(`unpacked(join(__dirname, '${name}'))`);
      expect(host, name).toContain(`join(here, '${name}')`);
    }
  });

  it('loads what a sync writes with, none of the compute worker’s heavy packages nor Kysely', () => {
    expect(imports).toContain('better-sqlite3');
    for (const heavy of ['xlsx', 'exceljs', 'kysely', 'highs', 'thai-address-universal', 'jszip', 'qrcode', 'ws']) {
      expect(imports, heavy).not.toContain(heavy);
    }
    expect(imports.filter((i) => i.startsWith('echarts'))).toEqual([]);
  });

  it('writes a file sync (small, and large with its reader thread) and a pull into the database file from that entry', async () => {
    const core = await createCore({
      dbPath: join(dir, 'entry.sqlite'),
      sample: { needs: 20, projects: 2 },
      compute: { workerFile, syncWorkerFile: syncWorker, readerFile: reader },
    });
    const count = (): number =>
      Number(core.store.sqlite.prepare("SELECT COUNT(*) FROM need WHERE external_id LIKE 'F-%'").pluck().get());
    const tambons = (
      core.store.sqlite.prepare('SELECT code FROM area_tambon ORDER BY code LIMIT 5').all() as { code: string }[]
    ).map((r) => r.code);
    const server = await startFeedServer({ log: feedRecords(2500, tambons, 20_000).map((item) => ({ item })) });
    try {
      const small = await core.call(
        'needs.sync',
        { uploadId: core.uploads.putFile(owner, 'small.ndjson', feedFile('small.ndjson', 300, tambons)).id },
        owner,
      );
      expect(small).toMatchObject({ ok: true, value: { newCount: 300 } });
      // Over 4 MB: read on a thread of its own (compute/feed-sync-tasks.ts), started from the reader's entry.
      const large = feedFile('large.ndjson', 16_000, tambons);
      const read = await core.call('needs.sync', { uploadId: core.uploads.putFile(owner, 'large.ndjson', large).id }, owner);
      expect((read as { ok: true; value: SyncReport }).value).toMatchObject({ newCount: 15_700, unchangedCount: 300 });
      expect(count()).toBe(16_000);
      const roundId = Number(core.store.sqlite.prepare('SELECT MIN(id) FROM round').pluck().get());
      const added = await core.call('needs.addSource', { roundId, name: 'แพลตฟอร์ม', url: server.url }, owner);
      const pulled = await core.call(
        'needs.pullSource',
        { sourceId: (added as { ok: true; value: NeedsSource }).value.id },
        owner,
      );
      expect((pulled as { ok: true; value: PullReport }).value).toMatchObject({ ok: true, newCount: 2500 });
      expect(count()).toBe(18_500);
    } finally {
      await server.close();
      await core.close();
    }
  }, 120_000);

  it('is the entry the feed syncs start from, and only they: an import of a file still runs on the compute worker', async () => {
    const core = await createCore({
      dbPath: join(dir, 'missing.sqlite'),
      sample: { needs: 20, projects: 2 },
      compute: { workerFile, syncWorkerFile: join(dir, 'no-such-entry.mjs'), readerFile: reader },
    });
    const tambons = (
      core.store.sqlite.prepare('SELECT code FROM area_tambon ORDER BY code LIMIT 5').all() as { code: string }[]
    ).map((r) => r.code);
    try {
      const file = feedFile('both.ndjson', 50, tambons);
      const synced = await core.call('needs.sync', { uploadId: core.uploads.putFile(owner, 'both.ndjson', file).id }, owner);
      expect(synced.ok).toBe(false);
      const imported = await core.call(
        'needs.importApply',
        { uploadId: core.uploads.putFile(owner, 'both.ndjson', file).id },
        owner,
      );
      expect(imported).toMatchObject({ ok: true, value: { newCount: 50 } });
    } finally {
      await core.close();
    }
  }, 120_000);
});
