/**
 * The feed reader's own entry (electron/core/compute/feed-reader-worker.ts): bundled as the build bundles it, it loads none of the compute
 * worker's heavy packages, and a sync of a large file reads it on a thread started from that entry.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncReport } from '../../shared/api/types';
import { feedRecords } from '../fixtures/feed-server';
import type { Caller } from '../../electron/core/context';
import { createCore } from '../../electron/core/core';
import { bundleDir, bundleEntry } from './worker-bundles';

const workerFile = fileURLToPath(new URL('../../electron/core/compute/worker-dev.mjs', import.meta.url));
const owner: Caller = { role: 'owner', actor: 'test', transport: 'direct' };
let dir = '';
let bundles = '';
let out = '';
let imports: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'chipao-reader-entry-'));
  bundles = bundleDir();
  ({ file: out, imports } = await bundleEntry('electron/core/compute/feed-reader-worker.ts', bundles, 'feed-reader-worker.mjs'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(bundles, { recursive: true, force: true });
});

describe('the feed reader’s entry', () => {
  it('loads none of the compute worker’s heavy packages (each thread would hold them: about 18 MB)', () => {
    expect(imports.length).toBeGreaterThan(0);
    for (const heavy of ['xlsx', 'exceljs', 'kysely', 'better-sqlite3', 'highs', 'thai-address-universal']) {
      expect(imports, heavy).not.toContain(heavy);
    }
  });

  it('reads a large file for the sync’s worker, which starts its reader from that entry', async () => {
    const probe = await createCore({ dbPath: join(dir, 'probe.sqlite'), seedSample: false });
    const tambons = (
      probe.store.sqlite.prepare('SELECT code FROM area_tambon ORDER BY code LIMIT 5').all() as { code: string }[]
    ).map((r) => r.code);
    await probe.close();
    // Over 4 MB: a file this large is read on a thread of its own (compute/sync-tasks.ts).
    const feed = join(dir, 'large.ndjson');
    const records = feedRecords(16_000, tambons);
    writeFileSync(
      feed,
      `${[{ feed: 'chipao.needs', version: 1, source: 'test' }, ...records].map((r) => JSON.stringify(r)).join('\n')}\n`,
    );
    const sync = async (readerFile: string): Promise<Awaited<ReturnType<Awaited<ReturnType<typeof createCore>>['call']>>> => {
      const core = await createCore({
        dbPath: join(dir, `${readerFile.length}-${Date.now()}.sqlite`),
        seedSample: false,
        compute: { workerFile, readerFile },
      });
      try {
        const upload = core.uploads.putFile(owner, 'large.ndjson', feed);
        return await core.call('needs.sync', { uploadId: upload.id }, owner);
      } finally {
        await core.close();
      }
    };
    const read = await sync(out);
    expect(read).toMatchObject({ ok: true });
    expect((read as { value: SyncReport }).value.newCount).toBe(16_000);
    // The entry named is the one started: without it the sync cannot read.
    const missing = await sync(join(dir, 'no-such-reader.mjs'));
    expect(missing.ok).toBe(false);
  }, 120_000);
});
