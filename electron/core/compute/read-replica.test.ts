/**
 * Long read-only methods run on the compute worker's read-only connection: same answers as on the host's thread,
 * the host's thread keeps ticking meanwhile, writes made on the host are seen at once, and nothing can write there.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApproveOutcome, Reproduction } from '../services/approval';
import type { ApiError } from '../../../shared/api/errors';
import type { ExportedDocument } from '../../../shared/api/exports';
import type { NeedsChoropleth, NeedsExplorePage, NeedsTotals } from '../../../shared/api/needs-explorer';
import type { Scenario } from '../../../shared/api/types';
import type { Caller } from '../context';
import { createCore, type Core } from '../core';
import { sampleApprovalArgs } from '../handlers/test-core';
import { readOnlyCall } from './read-replica';

const workerFile = fileURLToPath(new URL('./worker-dev.mjs', import.meta.url));
const owner: Caller = { role: 'owner', actor: 'test', transport: 'direct' };

let dir: string;
let threaded: Core;
let inline: Core;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'chipao-replica-'));
  const dbPath = join(dir, 'chipao.sqlite');
  threaded = await createCore({ dbPath, sample: { needs: 6000, projects: 120 }, compute: { workerFile } });
  inline = await createCore({ dbPath, seedSample: false });
});

afterAll(async () => {
  await threaded?.close();
  await inline?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function value<T>(core: Core, method: string, args: unknown): Promise<T> {
  const r = await core.call(method, args, owner);
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}

describe('read-only methods on the worker', () => {
  it('give the same answers as on the host’s thread, for every scenario', async () => {
    const scenarios = await value<Scenario[]>(inline, 'scenarios.list', { roundId: 1 });
    expect(scenarios.length).toBeGreaterThan(0);
    // Everything but the measured computing time.
    const run = async (core: Core, scenarioId: number) => ({
      ...(await value<{ elapsedMs: number }>(core, 'scenarios.run', { scenarioId })),
      elapsedMs: 0,
    });
    for (const s of scenarios) expect(await run(threaded, s.id)).toEqual(await run(inline, s.id));
  });

  it('give the same unmet needs, summary and pages, as on the host’s thread', async () => {
    for (const args of [{ roundId: 1 }, { roundId: 1, districtCode: '1901' }]) {
      expect(await value(threaded, 'unmet.summary', args)).toEqual(await value(inline, 'unmet.summary', args));
    }
    const page = { roundId: 1, offset: 20, limit: 50 };
    const offThread = await value<{ total: number }>(threaded, 'unmet.list', page);
    expect(offThread.total).toBeGreaterThan(50);
    expect(offThread).toEqual(await value(inline, 'unmet.list', page));
  });

  it('give the same ranking sensitivity as on the host’s thread, and keep the thread free while it runs', async () => {
    const args = { roundId: 1, spread: 0.2, samples: 5000, seed: 7 };
    let ticks = 0;
    const timer = setInterval(() => ticks++, 2);
    const started = performance.now();
    const offThread = await value<{ rows: unknown[] }>(threaded, 'judgement.sensitivity', args);
    const elapsed = performance.now() - started;
    clearInterval(timer);
    expect(offThread.rows.length).toBe(120);
    expect(ticks).toBeGreaterThan(Math.min(20, elapsed / 20));
    expect(offThread).toEqual(await value(inline, 'judgement.sensitivity', args));
  });

  it('keep the host’s thread free while they run', async () => {
    const [mes] = (await value<Scenario[]>(inline, 'scenarios.list', { roundId: 1 })).filter((s) => s.rule === 'mes');
    let ticks = 0;
    const timer = setInterval(() => ticks++, 2);
    const started = performance.now();
    for (let i = 0; i < 5; i++) await value(threaded, 'scenarios.run', { scenarioId: mes!.id });
    const elapsed = performance.now() - started;
    clearInterval(timer);
    // A blocked thread would not tick while the runs were computed.
    expect(ticks).toBeGreaterThan(Math.min(20, elapsed / 20));
  });

  it('make a plan’s workbook and open data off the host’s thread, the host recording each file it answers with', async () => {
    const [scenario] = await value<Scenario[]>(inline, 'scenarios.list', { roundId: 1 });
    for (const format of ['xlsx', 'csv', 'json'] as const) {
      const args = { roundId: 1, scenarioId: scenario!.id, format };
      let ticks = 0;
      const timer = setInterval(() => ticks++, 2);
      const started = performance.now();
      const doc = await value<ExportedDocument>(threaded, 'exports.plan', args);
      const elapsed = performance.now() - started;
      clearInterval(timer);
      expect(ticks, format).toBeGreaterThan(Math.min(20, elapsed / 20));
      const event = threaded.store.sqlite
        .prepare(`SELECT hash, payload_json FROM audit_event WHERE kind = 'plan.exported' ORDER BY id DESC LIMIT 1`)
        .get() as { hash: string; payload_json: string };
      expect(event.hash).toBe(doc.chainHead);
      expect(JSON.parse(event.payload_json)).toMatchObject({ format, sha256: doc.sha256, scenarioId: scenario!.id });
      expect(doc.fundedCount).toBeGreaterThan(0);
      // The same rows as the host's thread makes (the workbook and the JSON carry the time they were made).
      if (format === 'csv') {
        const same = (await value<ExportedDocument>(inline, 'exports.plan', args)).sha256 === doc.sha256;
        expect(same, 'the CSV made on the worker is the one made on the host').toBe(true);
      }
    }
  });

  it('see a write made on the host at once', async () => {
    const [scenario] = await value<Scenario[]>(inline, 'scenarios.list', { roundId: 1 });
    const before = await value<{ budget: number }>(threaded, 'scenarios.run', { scenarioId: scenario!.id });
    await value(threaded, 'scenarios.update', { scenarioId: scenario!.id, params: { ceiling: 12_345_678_00 } });
    const after = await value<{ budget: number }>(threaded, 'scenarios.run', { scenarioId: scenario!.id });
    expect(after.budget).toBe(12_345_678_00);
    expect(after.budget).not.toBe(before.budget);
  });

  it('refuse methods that are not read-only, and cannot write', async () => {
    const call = { dbPath: join(dir, 'chipao.sqlite'), version: 't', caller: owner };
    await expect(readOnlyCall({ ...call, method: 'rounds.setCeiling', args: { roundId: 1, ceiling: 1 } })).rejects.toThrow(
      /does not run off/u,
    );
  });
});

describe('the needs explorer on a worker of its own', () => {
  const explored = [
    { districtCode: '1903', offset: 0, limit: 100, sort: { field: 'title', dir: 'asc' } },
    { districtCode: '1903', offset: 100, limit: 100, sort: { field: 'title', dir: 'desc' } },
    { districtCode: '1901', offset: 0, limit: 50 },
    { category: 'water', offset: 0, limit: 100, sort: { field: 'peopleAffected', dir: 'desc' } },
    { category: 'water', offset: 200, limit: 100, sort: { field: 'reportedDate', dir: 'asc' } },
    { search: 'ประปา', offset: 0, limit: 100 },
    { search: 'ประปา', offset: 100, limit: 100, sort: { field: 'households', dir: 'desc' } },
    { search: 'ไฟ', districtCode: '1905', offset: 0, limit: 100, sort: { field: 'updatedAt', dir: 'desc' } },
    { districtCode: '1906', category: 'roads_transport', search: 'ถนน', offset: 0, limit: 100 },
    { offset: 5000, limit: 1000, sort: { field: 'status', dir: 'asc' } },
    { dateFrom: '2026-03-01', dateTo: '2026-06-30', offset: 0, limit: 100, sort: { field: 'tambonCode', dir: 'desc' } },
  ];
  const filters = [
    {},
    { districtCode: '1903' },
    { category: 'water' },
    { search: 'ประปา' },
    { search: 'ไฟ', districtCode: '1905' },
  ];
  const maps = [
    { level: 'district' },
    { level: 'district', category: 'water' },
    { level: 'tambon', parent: '1903' },
    { level: 'tambon', parent: '1905', search: 'ประปา', districtCode: '1905' },
  ];

  it('gives the same pages, totals and map as the host’s thread, for every filter and order', async () => {
    for (const args of explored) {
      const page = await value<NeedsExplorePage>(threaded, 'needs.explore', args);
      expect(page, JSON.stringify(args)).toEqual(await value(inline, 'needs.explore', args));
    }
    const sorted = await value<NeedsExplorePage>(threaded, 'needs.explore', explored[0]);
    expect(sorted.rows).toHaveLength(100);
    expect(sorted.total).toBeGreaterThan(100);
    for (const args of filters) {
      expect(await value(threaded, 'needs.totals', args), JSON.stringify(args)).toEqual(
        await value(inline, 'needs.totals', args),
      );
    }
    for (const args of maps) {
      const map = await value<NeedsChoropleth>(threaded, 'needs.choropleth', args);
      expect(map.areas.length).toBeGreaterThan(0);
      expect(map, JSON.stringify(args)).toEqual(await value(inline, 'needs.choropleth', args));
    }
  });

  it('reads nothing of the needs on the host’s connection, and the host’s timer keeps ticking meanwhile', async () => {
    // Every explorer read names `need n`; count those the host's own connection prepares.
    const onHost = (core: Core): { count(): number; restore(): void } => {
      const sqlite = core.store.sqlite;
      const prepare = sqlite.prepare;
      let n = 0;
      sqlite.prepare = ((sql: string) => {
        if (/FROM need n\b/u.test(sql)) n++;
        return prepare.call(sqlite, sql);
      }) as typeof prepare;
      return { count: () => n, restore: () => void (sqlite.prepare = prepare) };
    };
    const host = onHost(threaded);
    const control = onHost(inline);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 2);
    const started = performance.now();
    try {
      for (const round of [1, 2]) {
        for (const args of explored) {
          // A filter not asked before, so nothing is answered from a cache.
          await value(threaded, 'needs.explore', { ...args, channel: round === 1 ? 'LINE' : 'phone' });
        }
        await value(threaded, 'needs.totals', { channel: round === 1 ? 'LINE' : 'phone' });
        await value(threaded, 'needs.choropleth', { level: 'district', channel: round === 1 ? 'LINE' : 'phone' });
      }
      await value(inline, 'needs.explore', explored[0]);
    } finally {
      clearInterval(timer);
      host.restore();
      control.restore();
    }
    const elapsed = performance.now() - started;
    expect(host.count()).toBe(0);
    expect(control.count(), 'the same read on the host’s thread prepares its queries there').toBeGreaterThan(0);
    // A call answered on the host's thread resolves without a turn of the event loop: the timer would not tick.
    expect(ticks).toBeGreaterThan(Math.min(20, elapsed / 20));
  });

  it('answers a page while a long task holds the shared worker', async () => {
    const order: string[] = [];
    // Thousands of reweighted rankings on the shared worker (half a second or more).
    const long = value(threaded, 'judgement.sensitivity', { roundId: 1, spread: 0.2, samples: 5000, seed: 11 }).then(() =>
      order.push('sensitivity'),
    );
    await new Promise((r) => setTimeout(r, 20));
    await value(threaded, 'needs.explore', { districtCode: '1902', offset: 0, limit: 100, sort: { field: 'title', dir: 'asc' } });
    order.push('page');
    await long;
    expect(order).toEqual(['page', 'sensitivity']);
  });

  it('sees a write made on the host at the next read, though the worker keeps answers until the data changes', async () => {
    const { sqlite } = threaded.store;
    const need = sqlite
      .prepare(
        `SELECT id, tambon_code AS tambon, people_affected AS people, category FROM need
        WHERE tambon_code BETWEEN '190300' AND '190399' AND category <> 'water' ORDER BY id LIMIT 1`,
      )
      .get() as { id: number; tambon: string; people: number; category: string };
    const district = { districtCode: '1903' };
    const water = { category: 'water' };
    const read = async () => ({
      district: await value<NeedsTotals>(threaded, 'needs.totals', district),
      water: await value<NeedsTotals>(threaded, 'needs.totals', water),
      firstPage: await value<NeedsExplorePage>(threaded, 'needs.explore', { ...water, offset: 0, limit: 10 }),
      laterPage: await value<NeedsExplorePage>(threaded, 'needs.explore', { ...water, offset: 10, limit: 10 }),
      top: await value<NeedsExplorePage>(threaded, 'needs.explore', {
        ...district,
        offset: 0,
        limit: 1,
        sort: { field: 'peopleAffected', dir: 'desc' },
      }),
      map: await value<NeedsChoropleth>(threaded, 'needs.choropleth', { level: 'tambon', parent: '1903' }),
    });
    const tambonPeople = (map: NeedsChoropleth): number => map.areas.find((a) => a.code === need.tambon)!.people;
    const before = await read();
    // Asked again unchanged: the worker's cached answers.
    expect(await read()).toEqual(before);
    try {
      // On the host's own connection, as a handler writes.
      sqlite.prepare(`UPDATE need SET people_affected = people_affected + 100000, category = 'water' WHERE id = ?`).run(need.id);
      const after = await read();
      expect(after.district.people).toBe(before.district.people + 100_000);
      expect(after.water.needs).toBe(before.water.needs + 1);
      expect(after.water.people).toBe(before.water.people + need.people + 100_000);
      expect(after.firstPage.total).toBe(before.firstPage.total + 1);
      expect(after.laterPage.total).toBe(before.laterPage.total + 1);
      expect(after.top.rows[0]).toMatchObject({ id: need.id, peopleAffected: need.people + 100_000 });
      expect(tambonPeople(after.map)).toBe(tambonPeople(before.map) + 100_000);
      // And a commit by another connection to the same file (the command line's), too.
      inline.store.sqlite.prepare(`UPDATE need SET people_affected = ? WHERE id = ?`).run(need.people, need.id);
      const back = await read();
      expect(back.district).toEqual(before.district);
      expect(back.water.people).toBe(before.water.people + need.people);
      expect(tambonPeople(back.map)).toBe(tambonPeople(before.map));
    } finally {
      sqlite.prepare(`UPDATE need SET people_affected = ?, category = ? WHERE id = ?`).run(need.people, need.category, need.id);
    }
    expect(await read()).toEqual(before);
  });

  it('refuses a bad filter in Thai and English, before it leaves the host', async () => {
    const refused = async (method: string, args: unknown): Promise<ApiError> => {
      const r = await threaded.call(method, args, owner);
      if (r.ok) throw new Error(`${method} was expected to fail`);
      return r.error;
    };
    for (const [method, args, field] of [
      ['needs.explore', { offset: 0, limit: 10, districtCode: '1001' }, 'districtCode'],
      ['needs.explore', { offset: 0, limit: 5000 }, 'limit'],
      ['needs.totals', { category: 'water', colour: 'red' }, 'colour'],
      ['needs.choropleth', { level: 'tambon' }, 'parent'],
    ] as const) {
      const e = await refused(method, args);
      expect(e.code, method).toBe('BAD_ARGS');
      expect(e.message).toContain(field);
      expect(e.messageTh).toMatch(/[\u0E00-\u0E7F]/u);
    }
    expect(await refused('needs.detail', { needId: 999_999 })).toMatchObject({
      code: 'NOT_FOUND',
      messageTh: 'ไม่พบความต้องการรหัส 999999',
    });
  });
});

describe('approving a scenario', () => {
  it('freezes the plan off the host’s thread and records it there: the frozen plan reproduces bit for bit', async () => {
    const [scenario] = await value<Scenario[]>(inline, 'scenarios.list', { roundId: 1 });
    let ticks = 0;
    const timer = setInterval(() => ticks++, 2);
    const started = performance.now();
    const approved = await value<ApproveOutcome>(
      threaded,
      'approvals.approve',
      sampleApprovalArgs(scenario!.id, { resolutionDate: '2026-11-20' }),
    );
    const elapsed = performance.now() - started;
    clearInterval(timer);
    expect(ticks).toBeGreaterThan(Math.min(20, elapsed / 20));
    expect(approved.approval).toMatchObject({ scenarioId: scenario!.id, resolutionNo: 'ครั้งที่ 3/2570' });
    const check = await value<Reproduction>(inline, 'approvals.reproduce', { approvalId: approved.approval.id });
    expect(check).toMatchObject({ manifestOk: true, identical: true, tampered: [] });
    const event = threaded.store.sqlite
      .prepare(`SELECT hash, payload_json FROM audit_event WHERE kind = 'plan.approved' ORDER BY id DESC LIMIT 1`)
      .get() as { hash: string; payload_json: string };
    expect(event.hash).toBe(approved.chainHead);
    expect(JSON.parse(event.payload_json)).toMatchObject({ manifestSha256: approved.approval.manifestSha256 });
  });

  it('re-runs an approved plan off the host’s thread and records the check there, as the host’s own re-run says', async () => {
    const [scenario] = (await value<Scenario[]>(inline, 'scenarios.list', { roundId: 1 })).filter((s) => s.rule === 'mes');
    const approved = await value<ApproveOutcome>(
      inline,
      'approvals.approve',
      sampleApprovalArgs(scenario!.id, { resolutionDate: '2026-11-21' }),
    );
    const args = { approvalId: approved.approval.id };
    let ticks = 0;
    const timer = setInterval(() => ticks++, 2);
    const started = performance.now();
    const check = await value<Reproduction & { chainHead: string }>(threaded, 'approvals.reproduce', args);
    const elapsed = performance.now() - started;
    clearInterval(timer);
    // A blocked thread would not tick while the plan was re-run.
    expect(ticks).toBeGreaterThan(Math.min(20, elapsed / 20));
    expect(check).toMatchObject({ manifestOk: true, identical: true, tampered: [], differences: [] });
    const event = threaded.store.sqlite
      .prepare(`SELECT hash, payload_json FROM audit_event WHERE kind = 'plan.reproduced' ORDER BY id DESC LIMIT 1`)
      .get() as { hash: string; payload_json: string };
    expect(event.hash).toBe(check.chainHead);
    expect(JSON.parse(event.payload_json)).toMatchObject({ approvalId: approved.approval.id, ok: true, identical: true });
    const { rerunMs: _a, chainHead: _b, chainLength: _c, ...same } = check as typeof check & { chainLength: number };
    const onHost = await value<typeof check & { chainLength: number }>(inline, 'approvals.reproduce', args);
    const { rerunMs: _d, chainHead: _e, chainLength: _f, ...sameOnHost } = onHost;
    expect(same).toEqual(sameOnHost);
  });
});
