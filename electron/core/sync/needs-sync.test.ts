/**
 * The streamed file sync (`syncNeedsFile`) against the in-memory one (`syncNeedsFeed`): for any feed (new needs, new
 * versions, repeated ids, tombstones, bad lines, CRLF, a BOM) and any chunk size, both leave the same needs, the same
 * "what changed" rows and the same report, or refuse with the same problems; a cancel leaves nothing. The same with
 * the file read on a thread of its own (`syncNeedsFileFrom` with the compute worker's feed reader).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/api/errors';
import type { SyncReport } from '../../../shared/api/types';
import { createCore, type Core } from '../core';
import { feedReaderThread } from '../compute/feed-reader-thread';
import { BULK_MIN_ROWS } from '../db/sqlite-store';
import { syncNeedsFeed, syncNeedsFile, syncNeedsFileFrom } from './needs-sync';

const workerFile = fileURLToPath(new URL('../compute/worker-dev.mjs', import.meta.url));

let dir = '';
let template: Core;
let tambon = '';
let n = 0;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'chipao-stream-'));
  template = await createCore({ dbPath: join(dir, 'probe.sqlite'), seedSample: false, auditAnchor: false });
  tambon = (template.store.sqlite.prepare('SELECT code FROM area_tambon LIMIT 1').get() as { code: string }).code;
});
afterAll(async () => {
  await template.close();
  rmSync(dir, { recursive: true, force: true });
});

async function fresh(): Promise<Core> {
  n++;
  return createCore({ dbPath: join(dir, `db-${n}.sqlite`), seedSample: false, auditAnchor: false });
}

type Line = { id: number; version: number; op: 'upsert' | 'delete' | 'bad'; title: number };

function feedText(lines: readonly Line[], crlf: boolean, bom: boolean): string {
  const body = lines.map((l) =>
    l.op === 'bad'
      ? '{"id": broken'
      : l.op === 'delete'
        ? JSON.stringify({ op: 'delete', id: `S-${l.id}`, version: l.version })
        : JSON.stringify({
            id: `S-${l.id}`,
            version: l.version,
            updated_at: '2026-11-20T09:30:00+07:00',
            title: `ขอถนน ${l.title}`,
            category: 'water',
            tambon,
            people_affected: 5 + l.title,
          }),
  );
  return (
    (bom ? '\uFEFF' : '') +
    [JSON.stringify({ feed: 'chipao.needs', version: 1, source: 'p' }), ...body].join(crlf ? '\r\n' : '\n')
  );
}

/**
 * For each title a feed can give, the needs the search index finds by it and the needs whose title it is: the two agree
 * when every new need was indexed once and a changed title left no stale entry behind.
 */
function search(core: Core): unknown {
  const { sqlite } = core.store;
  return [0, 1, 2, 3].map((i) => {
    const title = `ขอถนน ${i}`;
    const ids = (sql: string): string[] => (sqlite.prepare(sql).pluck().all(title) as string[]).sort();
    return {
      title,
      found: ids(
        "SELECT n.external_id FROM need_search s JOIN need n ON n.id = s.rowid WHERE need_search MATCH '\"' || ? || '\"'",
      ),
      titled: ids('SELECT external_id FROM need WHERE title = ?'),
    };
  });
}

function state(core: Core): unknown {
  const { sqlite } = core.store;
  for (const s of search(core) as { found: string[]; titled: string[] }[]) expect(s.found).toEqual(s.titled);
  return {
    needs: sqlite
      .prepare(
        'SELECT source, external_id, version, status, title, people_affected, batch_id FROM need ORDER BY source, external_id',
      )
      .all(),
    // By the need's id at the source (the store's own ids may skip numbers: an insert of a stored id uses one up).
    changes: sqlite
      .prepare(
        `SELECT c.batch_id, n.external_id, c.kind, c.before_json FROM need_change c JOIN need n ON n.id = c.need_id
         ORDER BY c.batch_id, n.external_id`,
      )
      .all(),
    batches: sqlite
      .prepare(
        'SELECT source, new_count, changed_count, withdrawn_count, unchanged_count, rejected_count, partial FROM sync_batch',
      )
      .all(),
  };
}

/** The needs table's indexes as the schema stores them (the UNIQUE constraint's own without its SQL). */
function needIndexes(core: Core): unknown {
  return core.store.sqlite
    .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'need' ORDER BY name`)
    .all();
}

/** SQLite's count of schema changes: it moves when indexes are dropped and built again. */
function schemaVersionOf(core: Core): number {
  return core.store.sqlite.pragma('schema_version', { simple: true }) as number;
}

type Outcome = { report: unknown } | { refused: unknown };

async function outcome(run: () => unknown): Promise<Outcome> {
  try {
    // The messages differ (the streamed sync names no earlier line for a repeated id); the places and codes agree.
    const r = (await run()) as SyncReport;
    return {
      report: { ...r, fileHash: undefined, rejected: r.rejected.map((p) => ({ line: p.line, code: p.code, column: p.column })) },
    };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return {
      refused: { code: error.code, problems: error.problems?.map((p) => ({ line: p.line, code: p.code, column: p.column })) },
    };
  }
}

const line = fc.record({
  id: fc.integer({ min: 1, max: 8 }),
  version: fc.integer({ min: 1, max: 4 }),
  op: fc.constantFrom<Line['op']>('upsert', 'upsert', 'upsert', 'delete', 'bad'),
  title: fc.integer({ min: 0, max: 3 }),
});

type Sync = (store: Core['store'], text: string, path: string) => unknown;

/** Syncs each feed, one after the other, into two fresh stores by two ways; both give the same outcome and state. */
async function agreeFeedByFeed(texts: readonly string[], one: Sync, other: Sync): Promise<void> {
  const a = await fresh();
  const b = await fresh();
  try {
    for (const [i, text] of texts.entries()) {
      const path = join(dir, `feed-${n}-${i}.ndjson`);
      writeFileSync(path, text);
      const expected = await outcome(() => one(a.store, text, path));
      expect(await outcome(() => other(b.store, text, path))).toEqual(expected);
      expect(state(b)).toEqual(state(a));
    }
  } finally {
    await a.close();
    await b.close();
  }
}

describe('syncNeedsFile (streamed) and syncNeedsFeed (in memory)', () => {
  it('agree on every feed, in two syncs one after the other, whatever the chunk size (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(line, { minLength: 0, maxLength: 12 }), { minLength: 2, maxLength: 2 }),
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        fc.integer({ min: 7, max: 400 }),
        fc.integer({ min: 1, max: 6 }),
        (feeds, crlf, bom, partial, chunkBytes, chunkLines) =>
          agreeFeedByFeed(
            feeds.map((lines) => feedText(lines, crlf, bom)),
            (a, text) => syncNeedsFeed(a, 'f.ndjson', Buffer.from(text), 't', { partial }),
            (b, _text, path) => syncNeedsFile(b, { path, fileName: 'f.ndjson' }, 't', { partial, chunkBytes, chunkLines }),
          ),
      ),
      { numRuns: 40 },
    );
  });

  it('agree with the file read on a thread of its own, in chunks of any size (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(line, { minLength: 0, maxLength: 14 }), { minLength: 2, maxLength: 2 }),
        fc.boolean(),
        fc.integer({ min: 1, max: 5 }),
        (feeds, partial, chunkLines) =>
          agreeFeedByFeed(
            feeds.map((lines) => feedText(lines, false, false)),
            (a, _text, path) => syncNeedsFile(a, { path, fileName: 'f.ndjson' }, 't', { partial }),
            (b, _text, path) =>
              syncNeedsFileFrom(b, { path, fileName: 'f.ndjson' }, 't', feedReaderThread(workerFile, path, { chunkLines }), {
                partial,
              }),
          ),
      ),
      { numRuns: 6 },
    );
  }, 120_000);

  it('a sync read on another thread rolls back whole when cancelled, or when its file cannot be read', async () => {
    const core = await fresh();
    const path = join(dir, 'cancel-threaded.ndjson');
    const lines: Line[] = Array.from({ length: 5000 }, (_, i) => ({ id: i, version: 1, op: 'upsert', title: 0 }));
    writeFileSync(path, feedText(lines, false, false));
    let seen = 0;
    const file = { path, fileName: 'cancel.ndjson' };
    await expect(
      syncNeedsFileFrom(core.store, file, 't', feedReaderThread(workerFile, path, { chunkLines: 500 }), {
        control: { progress: (p) => (seen = p.rows), cancelled: () => seen > 2000 },
      }),
    ).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(seen).toBeGreaterThan(2000);
    expect(state(core)).toEqual({ needs: [], changes: [], batches: [] });
    // The reader fails (the path is a folder): the error reaches the sync, which rolls back.
    writeFileSync(join(dir, 'empty.ndjson'), '');
    await expect(
      syncNeedsFileFrom(core.store, { path: join(dir, 'empty.ndjson'), fileName: 'x' }, 't', feedReaderThread(workerFile, dir)),
    ).rejects.toThrow(/EISDIR/u);
    expect(state(core)).toEqual({ needs: [], changes: [], batches: [] });
    expect(core.store.sqlite.inTransaction).toBe(false);
    // And the next sync of the same file applies it whole.
    const r = await syncNeedsFileFrom(core.store, file, 't', feedReaderThread(workerFile, path));
    expect(r.newCount).toBe(5000);
    await core.close();
  }, 60_000);

  it('reads no further a file that is mostly problems, and refuses it whole, also when asked for its valid rows', async () => {
    const core = await fresh();
    const good = (n: number): Line[] => Array.from({ length: n }, (_, i) => ({ id: i, version: 1, op: 'upsert', title: 0 }));
    const bad = (n: number): Line[] => Array.from({ length: n }, (_, i) => ({ id: i, version: 1, op: 'bad', title: 0 }));
    // 12,000 needs, then 30,000 broken lines: past 10,000 problems, and more than half the lines read, at the 12,002nd.
    const garbage = join(dir, 'garbage.ndjson');
    writeFileSync(garbage, feedText([...good(12_000), ...bad(30_000)], false, false));
    const file = { path: garbage, fileName: 'garbage.ndjson' };
    const text = feedText([...good(12_000), ...bad(30_000)], false, false);
    const refusals = [
      () => syncNeedsFile(core.store, file, 't', { partial: true }),
      () => syncNeedsFeed(core.store, 'garbage.ndjson', Buffer.from(text), 't', { partial: true }),
      () => syncNeedsFileFrom(core.store, file, 't', feedReaderThread(workerFile, garbage), { partial: true }),
    ];
    for (const refuse of refusals) {
      const e = await Promise.resolve()
        .then(refuse)
        .then(
          () => null,
          (error: unknown) => error as AppError,
        );
      expect(e?.code).toBe('SYNC_REJECTED');
      // The header is line 1 and counts as a line read: more than half are problems at the 12,002nd, line 24,003.
      expect(e?.problems?.[0]).toMatchObject({ line: 0, code: 'TOO_MANY_PROBLEMS' });
      expect(e?.problems?.[0]!.en).toContain('reading stopped at line 24003: 12,002 problems in the lines up to it');
      expect(e?.message).toContain('12003 problem(s)');
      expect(state(core)).toEqual({ needs: [], changes: [], batches: [] });
    }
    // Broken lines on half the lines or fewer: read to the end, every one counted, the valid rows applied when asked.
    const half = join(dir, 'half.ndjson');
    writeFileSync(half, feedText([...good(15_000), ...bad(14_000)], false, false));
    const r = syncNeedsFile(core.store, { path: half, fileName: 'half.ndjson' }, 't', { partial: true });
    expect(r).toMatchObject({ newCount: 15_000, rejectedCount: 14_000 });
    await core.close();
  }, 120_000);

  it('counts every older version than stored, listing only the first ones', async () => {
    const core = await fresh();
    const ids = Array.from({ length: 1205 }, (_, i) => i);
    const write = (name: string, version: number): string => {
      const path = join(dir, name);
      writeFileSync(
        path,
        feedText(
          ids.map((id) => ({ id, version, op: 'upsert', title: 0 }) as const),
          false,
          false,
        ),
      );
      return path;
    };
    syncNeedsFile(core.store, { path: write('v2.ndjson', 2), fileName: 'v2.ndjson' }, 't');
    const before = state(core);
    let refused: unknown = null;
    try {
      syncNeedsFile(core.store, { path: write('v1.ndjson', 1), fileName: 'v1.ndjson' }, 't');
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(AppError);
    const e = refused as AppError;
    expect(e.code).toBe('SYNC_REJECTED');
    expect(e.message).toContain('1205 problem(s)');
    expect(e.problems?.length).toBe(200);
    expect(e.problems?.every((p) => p.code === 'OLDER_VERSION')).toBe(true);
    expect(state(core)).toEqual(before);
    await core.close();
  });

  it('records a need new in a batch as new, however often the batch changes it', async () => {
    const core = await fresh();
    const path = join(dir, 'twice.ndjson');
    writeFileSync(
      path,
      feedText(
        [
          { id: 1, version: 1, op: 'upsert', title: 0 },
          { id: 1, version: 2, op: 'upsert', title: 1 },
          { id: 1, version: 3, op: 'delete', title: 0 },
        ],
        false,
        false,
      ),
    );
    const r = syncNeedsFile(core.store, { path, fileName: 'twice.ndjson' }, 't');
    expect(r).toMatchObject({ newCount: 1, changedCount: 1, withdrawnCount: 1 });
    expect(core.store.sqlite.prepare('SELECT kind FROM need_change').all()).toEqual([{ kind: 'new' }]);
    await core.close();
  });

  it('names an over-long line with its whole length, however many reads it spans', async () => {
    const core = await fresh();
    const path = join(dir, 'long-line.ndjson');
    const record = (id: number): Line => ({ id, version: 1, op: 'upsert', title: 0 });
    const long = `{"id":"S-9","title":"${'x'.repeat(3_000_000)}"}`;
    const [header, first, second] = feedText([record(1), record(2)], false, false).split('\n');
    writeFileSync(path, [header, first, `${long}\r`, second].join('\n'));
    for (const chunkBytes of [65_536, 1 << 20]) {
      let refused: AppError | null = null;
      try {
        syncNeedsFile(core.store, { path, fileName: 'long-line.ndjson' }, 't', { chunkBytes });
      } catch (error) {
        refused = error as AppError;
      }
      expect(refused?.problems).toEqual([
        expect.objectContaining({
          line: 3,
          code: 'LINE_TOO_LONG',
          en: `the line has ${long.length} bytes; at most 786432 are accepted`,
          th: `บรรทัดยาว ${long.length} ไบต์ เกินที่รับได้ 786432 ไบต์`,
        }),
      ]);
    }
    // The same at the file's end, without a line break.
    writeFileSync(path, [header, first, long].join('\n'));
    expect(() => syncNeedsFile(core.store, { path, fileName: 'long-line.ndjson' }, 't', { chunkBytes: 65_536 })).toThrow(
      expect.objectContaining({
        problems: [expect.objectContaining({ line: 3, en: expect.stringContaining(`has ${long.length} bytes`) })],
      }),
    );
    expect(state(core)).toEqual({ needs: [], changes: [], batches: [] });
    await core.close();
  });

  it('reports progress and sees a cancel while it reads a long run of empty lines', async () => {
    const core = await fresh();
    const path = join(dir, 'empty-lines.ndjson');
    const size = 8 * 1024 * 1024;
    writeFileSync(path, '\n'.repeat(size) + feedText([{ id: 1, version: 1, op: 'upsert', title: 0 }], false, false));
    const read: number[] = [];
    expect(() =>
      syncNeedsFile(core.store, { path, fileName: 'empty-lines.ndjson' }, 't', {
        control: { progress: (p) => read.push(p.bytesRead ?? 0), cancelled: () => read.length > 0 },
      }),
    ).toThrow(expect.objectContaining({ code: 'CANCELLED' }));
    // Seen after the first megabyte, not once the whole file was read.
    expect(read[0]).toBe(1024 * 1024);
    expect(state(core)).toEqual({ needs: [], changes: [], batches: [] });
    // Not cancelled, the file is read as before: one need, the empty lines counted.
    expect(syncNeedsFile(core.store, { path, fileName: 'empty-lines.ndjson' }, 't')).toMatchObject({ newCount: 1 });
    await core.close();
  });

  it('a cancelled sync rolls back whole', async () => {
    const core = await fresh();
    const path = join(dir, 'cancel.ndjson');
    const lines: Line[] = Array.from({ length: 5000 }, (_, i) => ({ id: i, version: 1, op: 'upsert', title: 0 }));
    writeFileSync(path, feedText(lines, false, false));
    let seen = 0;
    expect(() =>
      syncNeedsFile(core.store, { path, fileName: 'cancel.ndjson' }, 't', {
        control: { progress: (p) => (seen = p.rows), cancelled: () => seen > 2000 },
      }),
    ).toThrow(expect.objectContaining({ code: 'CANCELLED' }));
    expect(state(core)).toEqual({ needs: [], changes: [], batches: [] });
    await core.close();
  });

  it('a first sync of many needs builds the needs table’s indexes once, agreeing with the streamed sync row for row', async () => {
    const bulk = await fresh();
    const streamed = await fresh();
    const before = needIndexes(bulk);
    const lines: Line[] = Array.from({ length: BULK_MIN_ROWS }, (_, i) => ({ id: i, version: 1, op: 'upsert', title: i % 4 }));
    const text = feedText(lines, false, false);
    const path = join(dir, 'bulk.ndjson');
    writeFileSync(path, text);
    const schemaBefore = schemaVersionOf(bulk);
    expect(syncNeedsFeed(bulk.store, 'bulk.ndjson', Buffer.from(text), 't').newCount).toBe(BULK_MIN_ROWS);
    expect(schemaVersionOf(bulk)).toBeGreaterThan(schemaBefore); // dropped and built again
    syncNeedsFile(streamed.store, { path, fileName: 'bulk.ndjson' }, 't');
    expect(needIndexes(bulk)).toEqual(before);
    expect(needIndexes(bulk)).toEqual(needIndexes(streamed));
    expect(state(bulk)).toEqual(state(streamed));
    expect(bulk.store.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    // The filters read the indexes built again.
    const plan = bulk.store.sqlite.prepare('EXPLAIN QUERY PLAN SELECT count(*) FROM need WHERE tambon_code = ?').all(tambon);
    expect(JSON.stringify(plan)).toMatch(/USING (COVERING )?INDEX need_/u);
    // A second sync of the same feed adds nothing, so it inserts as it goes (the schema is left alone).
    const schemaAfter = schemaVersionOf(bulk);
    expect(syncNeedsFeed(bulk.store, 'bulk.ndjson', Buffer.from(text), 't').unchangedCount).toBe(BULK_MIN_ROWS);
    expect(schemaVersionOf(bulk)).toBe(schemaAfter);
    await bulk.close();
    await streamed.close();
  });

  it('a refused sync of many needs leaves the indexes and the needs as they were', async () => {
    const core = await fresh();
    const before = needIndexes(core);
    const first: Line[] = Array.from({ length: 100 }, (_, i) => ({ id: i, version: 2, op: 'upsert', title: 0 }));
    syncNeedsFeed(core.store, 'first.ndjson', Buffer.from(feedText(first, false, false)), 't');
    const stored = state(core);
    // Many more than stored, so written with the indexes dropped; the last one is older than its stored version, which
    // only the write finds, and the whole sync is refused after the rest were inserted.
    const lines: Line[] = Array.from({ length: BULK_MIN_ROWS }, (_, i) => ({ id: 100 + i, version: 1, op: 'upsert', title: 1 }));
    lines.push({ id: 5, version: 1, op: 'upsert', title: 1 });
    expect(() => syncNeedsFeed(core.store, 'bulk.ndjson', Buffer.from(feedText(lines, false, false)), 't')).toThrow(
      expect.objectContaining({ code: 'SYNC_REJECTED', problems: [expect.objectContaining({ code: 'OLDER_VERSION' })] }),
    );
    expect(needIndexes(core)).toEqual(before);
    expect(state(core)).toEqual(stored);
    await core.close();
  });

  it('a streamed first sync of a large feed builds the indexes at its end; cancelled then, it leaves them as they were', async () => {
    const core = await fresh();
    const before = needIndexes(core);
    // Large enough by its size to be taken for at least BULK_MIN_ROWS records (a long description each).
    const description = 'ก'.repeat(400);
    const text = [
      JSON.stringify({ feed: 'chipao.needs', version: 1, source: 'p' }),
      ...Array.from({ length: BULK_MIN_ROWS }, (_, i) =>
        JSON.stringify({
          id: `S-${i}`,
          version: 1,
          updated_at: '2026-11-20T09:30:00+07:00',
          title: `ขอถนน ${i % 4}`,
          description,
          category: 'water',
          tambon,
          people_affected: 5,
        }),
      ),
    ].join('\n');
    const path = join(dir, 'large.ndjson');
    writeFileSync(path, text);
    // A cancel while the indexes are built (seen once they are back) rolls everything back.
    const count = (): number => (needIndexes(core) as unknown[]).length;
    let asked = 0;
    expect(() =>
      syncNeedsFile(core.store, { path, fileName: 'large.ndjson' }, 't', {
        control: { progress: () => undefined, cancelled: () => asked++ > 0 && count() === (before as unknown[]).length },
      }),
    ).toThrow(expect.objectContaining({ code: 'CANCELLED' }));
    expect(asked).toBeGreaterThan(2); // asked while the indexes were gone, then once they were built
    expect(needIndexes(core)).toEqual(before);
    expect(state(core)).toEqual({ needs: [], changes: [], batches: [] });
    const schemaBefore = schemaVersionOf(core);
    expect(syncNeedsFile(core.store, { path, fileName: 'large.ndjson' }, 't').newCount).toBe(BULK_MIN_ROWS);
    expect(schemaVersionOf(core)).toBeGreaterThan(schemaBefore); // dropped and built again
    expect(needIndexes(core)).toEqual(before);
    expect(core.store.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect((state(core) as { needs: unknown[] }).needs).toHaveLength(BULK_MIN_ROWS);
    await core.close();
  });
});
