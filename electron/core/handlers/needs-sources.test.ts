/**
 * The sources methods through the dispatcher: a round's sources, "sync now" with its progress events and its result
 * kept on the source, owner only, bad addresses refused; `needs.sync` reports progress the same way.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { EventMessage } from '../../../shared/api/contract';
import type { NeedsSource, PullReport, SyncProgress } from '../../../shared/api/needs-sources';
import type { SyncReport } from '../../../shared/api/types';
import { feedRecords, startFeedServer } from '../../../test/fixtures/feed-server';
import type { Caller, CoreContext } from '../context';
import { openStore } from '../db/database';
import { runSyncJob } from '../sync/sync-jobs';
import { owner, useTestCore } from './test-core';

const { core, ok, upload } = useTestCore('chipao-sources-', { needs: 50, projects: 4 });
const member: Caller = { role: 'member', actor: 'member:1', transport: 'websocket', session: 'm1' };

function roundId(): number {
  return (core().store.sqlite.prepare('SELECT MIN(id) AS id FROM round').get() as { id: number }).id;
}

function tambons(): string[] {
  return (core().store.sqlite.prepare('SELECT code FROM area_tambon ORDER BY code').all() as { code: string }[]).map(
    (r) => r.code,
  );
}

describe('needs sources', () => {
  it('adds a source to the round, pulls it with progress events, and keeps the result on the source', async () => {
    const server = await startFeedServer({ log: feedRecords(2500, tambons()).map((item) => ({ item })) });
    const events: EventMessage[] = [];
    const off = core().onEvent((m) => events.push(m));
    try {
      const source = await ok<NeedsSource>('needs.addSource', { roundId: roundId(), name: 'แพลตฟอร์ม', url: server.url });
      expect(source).toMatchObject({ name: 'แพลตฟอร์ม', cursor: null, pages: 0, lastResult: null });
      const report = await ok<PullReport>('needs.pullSource', { sourceId: source.id });
      expect(report).toMatchObject({ ok: true, pages: 3, newCount: 2500, cursor: '2500' });
      const [listed] = await ok<NeedsSource[]>('needs.sources', { roundId: roundId() });
      expect(listed).toMatchObject({ id: source.id, cursor: '2500', pages: 3, lastResult: { ok: true, newCount: 2500 } });
      const progress = events.filter((e) => e.event === 'needs.syncProgress').map((e) => e.payload as SyncProgress);
      expect(progress[0]).toMatchObject({ kind: 'pull', label: 'แพลตฟอร์ม', state: 'running' });
      expect(progress.at(-1)).toMatchObject({ state: 'done', rows: 2500, pages: 3 });
      expect(events).toContainEqual({ event: 'needs.synced', payload: { batchId: report.batchId } });
      // The same URL twice in one round is refused; removing keeps the needs.
      const again = await core().call('needs.addSource', { roundId: roundId(), name: 'x', url: server.url }, owner);
      expect(again.ok ? null : again.error.code).toBe('INVALID_STATE');
      await ok('needs.removeSource', { sourceId: source.id });
      expect(await ok<NeedsSource[]>('needs.sources', { roundId: roundId() })).toEqual([]);
      expect(
        (core().store.sqlite.prepare('SELECT COUNT(*) AS n FROM need WHERE batch_id = ?').get(report.batchId) as { n: number }).n,
      ).toBe(2500);
    } finally {
      off();
      await server.close();
    }
  });

  it('refuses an http address off this machine, and members', async () => {
    const bad = await core().call('needs.addSource', { roundId: roundId(), name: 'x', url: 'http://example.org/api' }, owner);
    expect(bad.ok ? null : bad.error.code).toBe('BAD_ARGS');
    const forbidden = await core().call('needs.addSource', { roundId: roundId(), name: 'x', url: 'https://example.org' }, member);
    expect(forbidden.ok ? null : forbidden.error.code).toBe('FORBIDDEN');
    expect((await ok<{ cancelled: boolean }>('needs.cancelSync', { jobId: '0123456789abcdef' })).cancelled).toBe(false);
  });

  it('a file sync reports its progress and ends "done"', async () => {
    const events: EventMessage[] = [];
    const off = core().onEvent((m) => events.push(m));
    const lines = [JSON.stringify({ feed: 'chipao.needs', version: 1, source: 'progress' })];
    for (const r of feedRecords(3000, tambons())) lines.push(JSON.stringify(r));
    const report = await ok<SyncReport>('needs.sync', { uploadId: upload('progress.ndjson', lines.join('\n')) });
    off();
    expect(report.newCount).toBe(3000);
    const progress = events.filter((e) => e.event === 'needs.syncProgress').map((e) => e.payload as SyncProgress);
    expect(progress.at(-1)).toMatchObject({
      kind: 'file',
      label: 'progress.ndjson',
      state: 'done',
      rows: report.lines,
      fraction: 1,
    });
  });

  it('while a sync holds the write lock, refuses a write at once with a reason, and takes it once the sync ends', async () => {
    const { store } = core();
    const ctx = { store, emit: () => undefined } as unknown as CoreContext;
    const sources = (): number => store.sqlite.prepare('SELECT COUNT(*) FROM needs_source').pluck().get() as number;
    const before = sources();
    const args = { roundId: roundId(), name: 'ระหว่างซิงก์', url: 'https://example.org/api' };
    await runSyncJob(ctx, 'file', 'held', async () => {
      // A sync's own connection in its transaction.
      const sync = openStore(store.sqlite.name);
      sync.sqlite.exec('BEGIN IMMEDIATE');
      try {
        const t = performance.now();
        const r = await core().call('needs.addSource', args, owner);
        expect(performance.now() - t).toBeLessThan(1000);
        expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
        if (!r.ok) expect(r.error.messageTh).toContain('กำลังนำเข้าข้อมูลความต้องการ');
      } finally {
        sync.sqlite.exec('ROLLBACK');
        await sync.close();
      }
    });
    expect(sources()).toBe(before);
    expect(store.sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
    await ok('needs.addSource', args);
    expect(sources()).toBe(before + 1);
  });
});

describe("a page the pull's worker could not hold", () => {
  const threaded = useTestCore('chipao-sources-worker-', { needs: 20, projects: 2 }, { worker: true });

  it('32 MB of empty objects is refused unread, the outcome kept on the source, and the next pull works', async () => {
    // Within the 32 MB page cap, but 10 million objects: JSON.parse would build more than the worker's heap.
    const body = Buffer.from(`{"items":[${'{},'.repeat(10_600_000)}{}],"next_cursor":null,"has_more":false}`);
    const hostile = createServer((_req, res) =>
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length }).end(body),
    );
    await new Promise<void>((done) => hostile.listen(0, '127.0.0.1', () => done()));
    const good = await startFeedServer({ log: feedRecords(30, tambons()).map((item) => ({ item })) });
    try {
      const rid = (threaded.core().store.sqlite.prepare('SELECT MIN(id) AS id FROM round').get() as { id: number }).id;
      const url = `http://127.0.0.1:${(hostile.address() as AddressInfo).port}/api`;
      const source = await threaded.ok<NeedsSource>('needs.addSource', { roundId: rid, name: 'ใหญ่', url });
      const t = performance.now();
      const report = await threaded.ok<PullReport>('needs.pullSource', { sourceId: source.id });
      expect(performance.now() - t).toBeLessThan(30_000);
      expect(report).toMatchObject({ ok: false, pages: 0, error: { code: 'SOURCE_UNAVAILABLE' } });
      expect(report.error?.en).toMatch(/the answer holds more than 1,000,000 lists and objects \(at character \d+\)/u);
      expect(report.error?.th).toMatch(/คำตอบมีรายการและออบเจ็กต์เกิน 1,000,000 ชุด .*ไม่มีการนำเข้าข้อมูลของหน้านี้/u);
      const [kept] = (await threaded.ok<NeedsSource[]>('needs.sources', { roundId: rid })).filter((s) => s.id === source.id);
      expect(kept?.lastResult).toMatchObject({ ok: false, error: { code: 'SOURCE_UNAVAILABLE' } });
      const next = await threaded.ok<NeedsSource>('needs.addSource', { roundId: rid, name: 'ปกติ', url: good.url });
      expect(await threaded.ok<PullReport>('needs.pullSource', { sourceId: next.id })).toMatchObject({ ok: true, newCount: 30 });
    } finally {
      hostile.closeAllConnections();
      await new Promise((done) => hostile.close(done));
      await good.close();
    }
  });
});
