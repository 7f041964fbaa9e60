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
import type { ExportedDocument } from '../../../shared/api/exports';
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
