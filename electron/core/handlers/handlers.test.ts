/**
 * The handlers as users reach them: through the dispatcher of a real core on a real SQLite file, seeded with a
 * small synthetic sample (2,000 needs, 60 projects, one FY2571 round with 9 members and 4 scored criteria).
 */
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { EventMessage } from '../../../shared/api/contract';
import type { ApiError, Result } from '../../../shared/api/errors';
import type { AllocationView, ExportedFile, MemberScore, ProjectRow, RoundDetail, SyncReport } from '../../../shared/api/types';
import { bahtText } from '../../../shared/domain/baht-text';
import { formatBaht } from '../../../shared/domain/money';
import { verifyAuditChain } from '../audit/audit-log';
import type { Caller } from '../context';
import { createCore, type Core } from '../core';
import { createComputeRunner } from '../compute/runner';
import { createDispatcher } from '../dispatcher';
import { safeText } from '../export/plan-xlsx';
import { downloadedBytes } from './test-core';

const owner: Caller = { role: 'owner', actor: 'test', transport: 'direct' };
// A signed-in member is bound to their committee member (issue 11): the dispatcher refuses other members' scores.
const member: Caller = { role: 'member', memberId: 1, actor: 'member:1@192.168.1.20', transport: 'websocket' };
const fixture = (name: string): string => readFileSync(join(import.meta.dirname, '../../../test/fixtures', name), 'utf8');
const UPDATE_FEED = 'needs-feed-update.ndjson';
const BAD_FEED = 'needs-feed-bad.ndjson';

let dir: string;
let core: Core;
let events: EventMessage[];

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'chipao-'));
  core = await createCore({ dbPath: join(dir, 'chipao.sqlite'), sample: { needs: 2000, projects: 60 } });
  events = [];
  core.onEvent((m) => events.push(m));
});

afterEach(async () => {
  await core.close();
  rmSync(dir, { recursive: true, force: true });
});

async function ok<T>(method: string, args: unknown, caller: Caller = owner): Promise<T> {
  const r = await core.call(method, args, caller);
  if (!r.ok) throw new Error(`${method} failed: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}

/** The stored version of one score (0 when not entered): what a client that just read it would send. */
function versionOf(memberId: number, projectId: number, criterionId: number): number {
  const row = core.store.sqlite
    .prepare('SELECT version FROM score WHERE member_id = ? AND project_id = ? AND criterion_id = ?')
    .get(memberId, projectId, criterionId) as { version: number } | undefined;
  return row?.version ?? 0;
}

/** Registers a file as the caller's upload (as the browser host's HTTP upload does) and returns its id. */
function upload(fileName: string, content: string | Uint8Array, caller: Caller = owner): string {
  return core.uploads.putBytes(caller, fileName, typeof content === 'string' ? Buffer.from(content) : content).id;
}

async function err(method: string, args: unknown, caller: Caller = owner): Promise<ApiError> {
  const r = await core.call(method, args, caller);
  if (r.ok) throw new Error(`${method} was expected to fail but returned ${JSON.stringify(r.value).slice(0, 200)}`);
  return r.error;
}

/** Row count and a digest of every row, in id order: any insert, update or delete changes it. */
function digest(table: string): { count: number; sha: string } {
  const rows = core.store.sqlite.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all();
  return { count: rows.length, sha: createHash('sha256').update(JSON.stringify(rows)).digest('hex') };
}
const storeState = () => ({
  need: digest('need'),
  sync_batch: digest('sync_batch'),
  audit_event: digest('audit_event'),
  project: digest('project'),
});

function needRow(externalId: string): {
  id: number;
  version: number;
  status: string;
  title: string;
  estimated_cost: number | null;
  reported_date: string | null;
  batch_id: number | null;
} {
  return core.store.sqlite.prepare('SELECT * FROM need WHERE external_id = ?').get(externalId) as never;
}

describe('needs.sync', () => {
  it('applies the update feed: 8 new, 6 changed, 3 withdrawn, and flags the projects whose evidence changed', async () => {
    const touched = [
      'SRB-N-000001',
      'SRB-N-000002',
      'SRB-N-000003',
      'SRB-N-000004',
      'SRB-N-000005',
      'SRB-N-000006',
      'SRB-N-000010',
      'SRB-N-000011',
      'SRB-N-000012',
    ];
    // Projects linked to a changed or withdrawn need, computed from the links before the sync. Every sample project
    // has scores, so each of them must be flagged.
    const linked = core.store.sqlite
      .prepare(
        `SELECT COUNT(DISTINCT pn.project_id) AS n FROM project_need pn JOIN need n ON n.id = pn.need_id
        WHERE n.external_id IN (${touched.map(() => '?').join(',')})`,
      )
      .get(...touched) as { n: number };
    expect(linked.n).toBeGreaterThan(0);
    expect(digest('project').count).toBe(60);
    expect(
      (core.store.sqlite.prepare('SELECT COUNT(*) AS n FROM project WHERE evidence_changed = 1').get() as { n: number }).n,
    ).toBe(0);
    const needsBefore = digest('need').count;

    const report = await ok<SyncReport>('needs.sync', { uploadId: upload(UPDATE_FEED, fixture(UPDATE_FEED)) });

    expect(report).toMatchObject({
      source: 'saraburi-participation',
      fileName: UPDATE_FEED,
      lines: 18,
      newCount: 8,
      changedCount: 6,
      withdrawnCount: 3,
      unchangedCount: 0,
    });
    expect(report.fileHash).toBe(createHash('sha256').update(fixture(UPDATE_FEED)).digest('hex'));
    expect(report.flaggedProjects).toBeGreaterThanOrEqual(0);
    const flagged = core.store.sqlite.prepare('SELECT COUNT(*) AS n FROM project WHERE evidence_changed = 1').get() as {
      n: number;
    };
    expect(report.flaggedProjects).toBe(flagged.n);
    expect(report.flaggedProjects).toBe(linked.n);

    expect(digest('need').count).toBe(needsBefore + 8);
    expect(needRow('SRB-N-000001')).toMatchObject({
      version: 2,
      status: 'active',
      estimated_cost: 125_000_000,
      reported_date: '2026-10-15',
      batch_id: report.batchId,
    });
    expect(needRow('SRB-N-000001').title).toContain('ปรับปรุงข้อมูล');
    for (const id of ['SRB-N-000010', 'SRB-N-000011', 'SRB-N-000012'])
      expect(needRow(id)).toMatchObject({ status: 'withdrawn', version: 2 });
    expect(needRow('SRB-N-900008')).toMatchObject({
      version: 1,
      status: 'active',
      estimated_cost: 8_500_000,
      batch_id: report.batchId,
    });

    const batches = await ok<{ id: number; newCount: number; actor: string }[]>('needs.batches', {});
    expect(batches).toEqual([expect.objectContaining({ id: report.batchId, newCount: 8, actor: 'test' })]);
    expect(events).toContainEqual({ event: 'needs.synced', payload: { batchId: report.batchId } });
    const projects = await ok<ProjectRow[]>('projects.list', { roundId: 1 });
    expect(projects.filter((p) => p.evidenceChanged)).toHaveLength(flagged.n);
  });

  it('re-syncing the same file changes nothing in the needs', async () => {
    await ok<SyncReport>('needs.sync', { uploadId: upload(UPDATE_FEED, fixture(UPDATE_FEED)) });
    const before = storeState();
    const again = await ok<SyncReport>('needs.sync', { uploadId: upload(UPDATE_FEED, fixture(UPDATE_FEED)) });
    expect(again).toMatchObject({ newCount: 0, changedCount: 0, withdrawnCount: 0, unchangedCount: 17, flaggedProjects: 0 });
    const after = storeState();
    expect(after.need).toEqual(before.need);
    expect(after.project).toEqual(before.project);
    // The attempt itself is on record.
    expect(after.sync_batch.count).toBe(before.sync_batch.count + 1);
    expect(after.audit_event.count).toBe(before.audit_event.count + 1);
  });

  it('refuses the bad feed whole: five problems with lines, and the store exactly as before', async () => {
    await ok<SyncReport>('needs.sync', { uploadId: upload(UPDATE_FEED, fixture(UPDATE_FEED)) });
    const before = storeState();
    const error = await err('needs.sync', { uploadId: upload(BAD_FEED, fixture(BAD_FEED)) });
    expect(error.code).toBe('SYNC_REJECTED');
    expect(error.problems).toHaveLength(5);
    expect(error.problems!.map((p) => p.line)).toEqual([2, 3, 4, 5, 7]);
    for (const p of error.problems!) {
      expect(p.en).not.toBe('');
      expect(p.th).not.toBe('');
    }
    expect(error.message).toContain(BAD_FEED);
    expect(error.message).toContain('Line 2');
    expect(storeState()).toEqual(before);
    expect(events.filter((e) => e.event === 'needs.synced')).toHaveLength(1);
  });

  it('refuses a tombstone older than the stored version, and applies nothing else from that file', async () => {
    await ok<SyncReport>('needs.sync', { uploadId: upload(UPDATE_FEED, fixture(UPDATE_FEED)) });
    expect(needRow('SRB-N-000001').version).toBe(2);
    const before = storeState();
    const content = [
      '{"feed":"chipao.needs","version":1,"source":"saraburi-participation"}',
      '{"id":"SRB-N-990001","version":1,"updated_at":"2026-11-22T10:00:00+07:00","title":"ขอประปา","category":"water","tambon":"190101","people_affected":5}',
      '{"op":"delete","id":"SRB-N-000002","version":3}',
      '{"op":"delete","id":"SRB-N-000001","version":1}',
    ].join('\n');
    const error = await err('needs.sync', { uploadId: upload('stale.ndjson', content) });
    expect(error.code).toBe('SYNC_REJECTED');
    expect(error.problems).toEqual([expect.objectContaining({ line: 4, column: 'version' })]);
    expect(storeState()).toEqual(before);
    expect(needRow('SRB-N-990001')).toBeUndefined();
    expect(needRow('SRB-N-000002').status).toBe('active');
  });

  it('refuses an upsert older than the stored version', async () => {
    await ok<SyncReport>('needs.sync', { uploadId: upload(UPDATE_FEED, fixture(UPDATE_FEED)) });
    const before = storeState();
    const content =
      '{"id":"SRB-N-000003","version":1,"updated_at":"2026-11-22T10:00:00+07:00","title":"เก่า","category":"water","tambon":"190101","people_affected":5}';
    // No header: the source defaults to 'file', so this id is a different need. Give the sample's source instead.
    const withHeader = `{"feed":"chipao.needs","version":1,"source":"saraburi-participation"}\n${content}`;
    const error = await err('needs.sync', { uploadId: upload('old.ndjson', withHeader) });
    expect(error.code).toBe('SYNC_REJECTED');
    expect(error.problems).toEqual([expect.objectContaining({ line: 2, column: 'version' })]);
    expect(storeState()).toEqual(before);
  });

  it('is owner-only', async () => {
    const before = storeState();
    expect((await err('needs.sync', { uploadId: upload(UPDATE_FEED, fixture(UPDATE_FEED), member) }, member)).code).toBe(
      'FORBIDDEN',
    );
    expect(storeState()).toEqual(before);
  });
});

describe('scores.set', () => {
  const storedScore = (memberId: number, projectId: number, criterionId: number) =>
    core.store.sqlite
      .prepare('SELECT value, version FROM score WHERE member_id = ? AND project_id = ? AND criterion_id = ?')
      .get(memberId, projectId, criterionId) as { value: number; version: number } | undefined;

  it('refuses a score from a member who was deactivated, and keeps their stored scores', async () => {
    await ok('members.update', { memberId: 3, active: false });
    const before = storedScore(3, 1, 1);
    const error = await err('scores.set', {
      roundId: 1,
      memberId: 3,
      projectId: 1,
      criterionId: 1,
      value: 1,
      expectedVersion: versionOf(3, 1, 1),
    });
    expect(error.code).toBe('INVALID_STATE');
    expect(error.messageTh).toContain('ไม่ได้เป็นกรรมการที่ปฏิบัติหน้าที่อยู่แล้ว');
    expect(storedScore(3, 1, 1)).toEqual(before);
  });

  it('refuses a value outside the criterion scale and keeps the stored score', async () => {
    const before = storedScore(1, 1, 1)!;
    for (const value of [6, 0, -1, 5.01]) {
      const error = await err('scores.set', {
        roundId: 1,
        memberId: 1,
        projectId: 1,
        criterionId: 1,
        value,
        expectedVersion: versionOf(1, 1, 1),
      });
      expect(error.code).toBe('SCORE_OUT_OF_RANGE');
      expect(error.message).toContain('SRB71-001');
    }
    expect(storedScore(1, 1, 1)).toEqual(before);
    expect(digest('audit_event').count).toBe(0);
  });

  it('refuses scoring a computed criterion', async () => {
    const round = await ok<RoundDetail>('rounds.get', { roundId: 1 });
    const computed = round.criteria.find((c) => c.kind === 'computed')!;
    expect(
      (
        await err('scores.set', {
          roundId: 1,
          memberId: 1,
          projectId: 1,
          criterionId: computed.id,
          value: 1,
          expectedVersion: versionOf(1, 1, computed.id),
        })
      ).code,
    ).toBe('INVALID_STATE');
  });

  it('detects a stale expectedVersion (VERSION_CONFLICT) and keeps the newer value', async () => {
    const start = storedScore(2, 3, 1)!;
    const first = await ok<MemberScore>('scores.set', {
      roundId: 1,
      memberId: 2,
      projectId: 3,
      criterionId: 1,
      value: 4,
      expectedVersion: start.version,
    });
    expect(first.version).toBe(start.version + 1);
    const error = await err('scores.set', {
      roundId: 1,
      memberId: 2,
      projectId: 3,
      criterionId: 1,
      value: 1,
      expectedVersion: start.version,
    });
    expect(error.code).toBe('VERSION_CONFLICT');
    expect(storedScore(2, 3, 1)).toEqual({ value: 4, version: start.version + 1 });
    expect(events.filter((e) => e.event === 'scores.changed')).toHaveLength(1);
  });

  it('raising one member scores to 5 for a low-ranked project raises its rank; the list is ordered by composite', async () => {
    const round = await ok<RoundDetail>('rounds.get', { roundId: 1 });
    const scored = round.criteria.filter((c) => c.kind === 'member');
    const memberId = round.members[0]!.id;
    const before = await ok<ProjectRow[]>('projects.list', { roundId: 1 });
    const target = before.at(-1)!;
    expect(target.rank).toBe(60);
    const mine = (await ok<MemberScore[]>('scores.forMember', { roundId: 1, memberId })).filter((s) => s.projectId === target.id);
    expect(mine.some((s) => s.value < 5)).toBe(true); // otherwise there is nothing to raise

    for (const c of scored) {
      const current = mine.find((s) => s.criterionId === c.id);
      await ok<MemberScore>('scores.set', {
        roundId: 1,
        memberId,
        projectId: target.id,
        criterionId: c.id,
        value: 5,
        expectedVersion: current?.version ?? 0,
      });
    }
    const after = await ok<ProjectRow[]>('projects.list', { roundId: 1 });
    const moved = after.find((p) => p.id === target.id)!;
    expect(moved.composite).toBeGreaterThan(target.composite);
    expect(moved.rank).toBeLessThan(target.rank);

    // Ranks are 1..n in list order and composites never increase down the list.
    expect(after.map((p) => p.rank)).toEqual(after.map((_, i) => i + 1));
    for (let i = 1; i < after.length; i++) expect(after[i]!.composite).toBeLessThanOrEqual(after[i - 1]!.composite);

    // The composite is what the design says: weighted mean of members' normalised scores plus people reached
    // normalised by the round's largest, recomputed here from the raw rows.
    const totalWeight = round.criteria.reduce((s, c) => s + c.weight, 0);
    const maxPeople = Math.max(...after.map((p) => p.peopleAffected));
    let expected = 0;
    for (const c of round.criteria) {
      if (c.kind === 'computed') {
        expected += c.weight * (maxPeople > 0 ? moved.peopleAffected / maxPeople : 0);
      } else {
        const values = (
          core.store.sqlite.prepare('SELECT value FROM score WHERE project_id = ? AND criterion_id = ?').all(target.id, c.id) as {
            value: number;
          }[]
        ).map((r) => r.value);
        const mean = values.reduce((s, v) => s + v, 0) / values.length;
        expected += c.weight * ((mean - c.scaleMin) / (c.scaleMax - c.scaleMin));
      }
    }
    expect(moved.composite).toBeCloseTo((100 * expected) / totalWeight, 6);
    expect(events).toContainEqual({ event: 'allocation.changed', payload: { roundId: 1, cause: 'score' } });
  });
});

describe('allocation.run and rounds.setCeiling', () => {
  it('never exceeds the ceiling, adds up by row and by district, and follows a new ceiling', async () => {
    const projects = await ok<ProjectRow[]>('projects.list', { roundId: 1 });
    const totalRequested = projects.reduce((s, p) => s + p.requested, 0);
    const ceiling = Math.floor(totalRequested / 2);

    const round = await ok<RoundDetail>('rounds.setCeiling', { roundId: 1, ceiling });
    expect(round.ceiling).toBe(ceiling);
    expect(events).toContainEqual({ event: 'allocation.changed', payload: { roundId: 1 } });
    expect(events).toContainEqual({ event: 'round.changed', payload: { roundId: 1 } });

    const view = await ok<AllocationView>('allocation.run', { roundId: 1, rule: 'greedy' });
    expect(view.budget).toBe(ceiling);
    expect(view.totalFunded).toBeLessThanOrEqual(ceiling);
    expect(view.totalFunded).toBeGreaterThan(0);
    expect(view.remaining).toBe(ceiling - view.totalFunded);
    expect(view.rows.reduce((s, r) => s + r.funded, 0)).toBe(view.totalFunded);
    expect(view.fundedCount).toBe(view.rows.filter((r) => r.funded > 0).length);
    expect(view.fundedCount).toBeLessThan(projects.length); // half the money cannot fund everything
    expect(view.byDistrict.reduce((s, d) => s + d.funded, 0)).toBe(view.totalFunded);
    expect(view.byDistrict.reduce((s, d) => s + d.requested, 0)).toBe(totalRequested);
    expect(view.byDistrict.reduce((s, d) => s + d.projects, 0)).toBe(projects.length);
    expect(view.byDistrict.reduce((s, d) => s + d.fundedProjects, 0)).toBe(view.fundedCount);
    for (const r of view.rows) {
      expect([0, r.requested]).toContain(r.funded); // greedy funds in full or not at all
      if (r.funded === 0) expect(r.requested).toBeGreaterThan(r.remainingBefore); // skipped only when it did not fit
    }
    expect(view.rows.map((r) => r.rank)).toEqual(view.rows.map((_, i) => i + 1));

    // A bigger ceiling never funds less.
    await ok<RoundDetail>('rounds.setCeiling', { roundId: 1, ceiling: totalRequested });
    const all = await ok<AllocationView>('allocation.run', { roundId: 1, rule: 'greedy' });
    expect(all.budget).toBe(totalRequested);
    expect(all.totalFunded).toBe(totalRequested);
    expect(all.fundedCount).toBe(projects.length);
  });

  it('a ceiling of zero funds nothing', async () => {
    await ok<RoundDetail>('rounds.setCeiling', { roundId: 1, ceiling: 0 });
    const view = await ok<AllocationView>('allocation.run', { roundId: 1, rule: 'greedy' });
    expect(view).toMatchObject({ budget: 0, totalFunded: 0, fundedCount: 0 });
  });

  it('refuses a negative or fractional ceiling, a member setting it, and an unknown round', async () => {
    expect((await err('rounds.setCeiling', { roundId: 1, ceiling: -1 })).code).toBe('BAD_ARGS');
    expect((await err('rounds.setCeiling', { roundId: 1, ceiling: 10.5 })).code).toBe('BAD_ARGS');
    expect((await err('rounds.setCeiling', { roundId: 1, ceiling: 1 }, member)).code).toBe('FORBIDDEN');
    expect((await err('rounds.setCeiling', { roundId: 99, ceiling: 1 })).code).toBe('NOT_FOUND');
    expect(events).toEqual([]);
    expect((await ok<RoundDetail>('rounds.get', { roundId: 1 })).ceiling).toBe(25_000_000_000);
  });
});

describe('plan.exportXlsx', () => {
  type Cells = (string | number | null)[][];
  const sheetRows = (ws: ExcelJS.Worksheet): Cells => {
    const out: Cells = [];
    ws.eachRow((row) => {
      const cells: (string | number | null)[] = [];
      for (let c = 1; c <= 13; c++) {
        const v = row.getCell(c).value;
        cells.push(v === null || v === undefined ? null : typeof v === 'number' || typeof v === 'string' ? v : JSON.stringify(v));
      }
      out.push(cells);
    });
    return out;
  };

  it('writes a workbook whose Y1 total and summary match the allocation', async () => {
    const projects = await ok<ProjectRow[]>('projects.list', { roundId: 1 });
    const ceiling = Math.floor(projects.reduce((s, p) => s + p.requested, 0) * 0.6);
    await ok<RoundDetail>('rounds.setCeiling', { roundId: 1, ceiling });
    // A proposal whose title a spreadsheet would run as a formula.
    core.store.sqlite.prepare('UPDATE project SET title = ? WHERE id = 1').run('=HYPERLINK("http://evil.example","คลิก")');
    const view = await ok<AllocationView>('allocation.run', { roundId: 1, rule: 'greedy' });

    const file = await ok<ExportedFile>('plan.exportXlsx', { roundId: 1 });
    expect(file.fileName).toBe('chipao-plan-FY2571.xlsx');
    expect(file.totalFunded).toBe(view.totalFunded);
    expect(file.fundedCount).toBe(view.fundedCount);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(downloadedBytes(core, file) as unknown as ArrayBuffer);
    const names = wb.worksheets.map((w) => w.name);
    expect(names).toEqual(['ปก', 'สรุป', 'Y1 ได้รับการจัดสรร', 'Y2 บัญชีสำรอง', 'ความต้องการที่ตอบสนอง', 'ภาคผนวก วิธีการ']);

    const y1 = sheetRows(wb.getWorksheet('Y1 ได้รับการจัดสรร')!);
    const y1Total = y1.find((r) => r[0] === 'รวม')!;
    expect(y1Total).toBeDefined();
    expect(y1Total[11]).toBe(view.totalFunded / 100);
    // The total row counts the projects in words in the name column.
    expect(y1Total[3]).toBe(`${view.fundedCount.toLocaleString('en-US')} โครงการ`);
    const y1Projects = y1.filter((r) => typeof r[0] === 'number');
    expect(y1Projects).toHaveLength(view.fundedCount);
    const y2Projects = sheetRows(wb.getWorksheet('Y2 บัญชีสำรอง')!).filter((r) => typeof r[0] === 'number');
    expect(y2Projects).toHaveLength(projects.length - view.fundedCount);
    expect(y2Projects.every((r) => r[11] === 0)).toBe(true);

    const cover = sheetRows(wb.getWorksheet('ปก')!);
    const text = cover.flat().filter((v): v is string => typeof v === 'string');
    expect(text.some((t) => t.includes('พ.ศ. 2571'))).toBe(true);
    expect(text.some((t) => t.includes('(synthetic)') || t.includes('สังเคราะห์'))).toBe(true);
    const fundedWords = text.find((t) => t.includes(bahtText(view.totalFunded)));
    expect(fundedWords).toBeDefined();
    expect(fundedWords).toContain(formatBaht(view.totalFunded));
    expect(fundedWords).toMatch(/บาท/u);
    const ceilingRow = cover.find((r) => r[0] === 'วงเงินงบประมาณ (บาท)')!;
    expect(ceilingRow[1]).toBe(ceiling / 100);

    // The formula-looking title is text with a leading apostrophe, and no cell anywhere is a formula.
    const allCells = [...y1, ...sheetRows(wb.getWorksheet('Y2 บัญชีสำรอง')!)].flat();
    expect(allCells).toContain(`'=HYPERLINK("http://evil.example","คลิก")`);
    expect(allCells).not.toContain(`=HYPERLINK("http://evil.example","คลิก")`);
    for (const ws of wb.worksheets)
      ws.eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)));

    const audit = core.store.sqlite.prepare(`SELECT kind, payload_json FROM audit_event WHERE kind = 'plan.exported'`).all() as {
      payload_json: string;
    }[];
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.payload_json)).toMatchObject({ roundId: 1, totalFunded: view.totalFunded });
  });

  it('has an English layout too', async () => {
    const file = await ok<ExportedFile>('plan.exportXlsx', { roundId: 1, lang: 'en' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(downloadedBytes(core, file) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Cover',
      'Summary',
      'Y1 funded',
      'Y2 reserve',
      'Needs covered',
      'Appendix method',
    ]);
  });

  it('is owner-only', async () => {
    expect((await err('plan.exportXlsx', { roundId: 1 }, member)).code).toBe('FORBIDDEN');
  });
});

describe('safeText', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+66 81 234 5678', "'+66 81 234 5678"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=cmd', "'\t=cmd"],
    ['\r=cmd', "'\r=cmd"],
  ])('escapes %j', (input, escaped) => {
    expect(safeText(input)).toBe(escaped);
  });

  it.each(['โครงการก่อสร้างถนน', 'SRB71-001', 'a=b', '', ' 1+1', "'already"])('leaves %j alone', (input) => {
    expect(safeText(input)).toBe(input);
  });
});

describe('dispatcher', () => {
  it('an unknown method is UNKNOWN_METHOD', async () => {
    for (const method of ['needs.drop', '__proto__', 'constructor', 'toString', 42, null, undefined]) {
      const r = await core.call(method, {}, owner);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('UNKNOWN_METHOD');
    }
  });

  it('wrong arguments are BAD_ARGS naming the field', async () => {
    const wrongType = await err('rounds.get', { roundId: '1' });
    expect(wrongType.code).toBe('BAD_ARGS');
    expect(wrongType.message).toContain('roundId');
    expect((await err('rounds.get', {})).code).toBe('BAD_ARGS');
    expect((await err('rounds.get', null)).code).toBe('BAD_ARGS');
    expect((await err('rounds.list', { extra: true })).code).toBe('BAD_ARGS');
    expect(
      (
        await err('scores.set', {
          roundId: 1,
          memberId: 1,
          projectId: 1,
          criterionId: 1,
          value: Number.NaN,
          expectedVersion: versionOf(1, 1, 1),
        })
      ).code,
    ).toBe('BAD_ARGS');
    expect((await err('needs.list', { offset: 0, limit: 10, districtCode: "19' OR 1=1 --" })).code).toBe('BAD_ARGS');
  });

  it('checks the role before anything else', async () => {
    expect((await err('needs.sync', { uploadId: upload(UPDATE_FEED, fixture(UPDATE_FEED), member) }, member)).code).toBe(
      'FORBIDDEN',
    );
    expect((await err('needs.sync', { nonsense: true }, member)).code).toBe('FORBIDDEN');
    const viewer: Caller = { role: 'observer', actor: 'v', transport: 'websocket' };
    expect(
      (
        await err(
          'scores.set',
          { roundId: 1, memberId: 1, projectId: 1, criterionId: 1, value: 3, expectedVersion: versionOf(1, 1, 1) },
          viewer,
        )
      ).code,
    ).toBe('FORBIDDEN');
    // What a member may do, it can.
    expect(
      (
        await core.call(
          'scores.set',
          { roundId: 1, memberId: 1, projectId: 1, criterionId: 1, value: 3, expectedVersion: versionOf(1, 1, 1) },
          member,
        )
      ).ok,
    ).toBe(true);
  });

  it('a handler that throws a plain Error becomes INTERNAL, never a rejection', async () => {
    const logged: string[] = [];
    const closed = await createCore({ dbPath: join(dir, 'closed.sqlite'), seedSample: false });
    await closed.close();
    const dispatch = createDispatcher(
      {
        store: closed.store,
        dataPath: join(dir, 'closed.sqlite'),
        version: 'test',
        emit: () => undefined,
        compute: createComputeRunner().run,
        uploads: closed.uploads,
        downloads: closed.downloads,
        audit: closed.audit,
      },
      (message) => logged.push(message),
    );
    for (const method of ['app.info', 'rounds.list', 'needs.batches']) {
      const args = {};
      const result: Result<unknown> = await dispatch(method, args, owner);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe('INTERNAL');
        expect(result.error.message).toContain(method);
        expect(result.error.messageTh).toContain(method);
      }
    }
    // Another device never sees the internal exception text, only that it failed and was logged.
    const fromMember = await dispatch('rounds.list', {}, member);
    expect(fromMember.ok).toBe(false);
    if (!fromMember.ok) {
      expect(fromMember.error.code).toBe('INTERNAL');
      expect(fromMember.error.message).toBe('rounds.list failed (an internal error, logged on the host)');
      expect(fromMember.error.messageTh).not.toMatch(/database|connection|Error/iu);
    }
    logged.pop();
    expect(logged).toEqual(['app.info failed', 'rounds.list failed', 'needs.batches failed']);
  });
});

describe('audit chain', () => {
  it('records each change in a chain that verifies, and the database refuses edits', async () => {
    expect(digest('audit_event').count).toBe(0);
    await ok<SyncReport>('needs.sync', { uploadId: upload(UPDATE_FEED, fixture(UPDATE_FEED)) });
    await ok<RoundDetail>('rounds.setCeiling', { roundId: 1, ceiling: 100_000_000_00 });
    await ok<MemberScore>(
      'scores.set',
      { roundId: 1, memberId: 1, projectId: 2, criterionId: 1, value: 5, expectedVersion: versionOf(1, 2, 1) },
      member,
    );
    await ok<ExportedFile>('plan.exportXlsx', { roundId: 1 });
    await err('scores.set', {
      roundId: 1,
      memberId: 1,
      projectId: 2,
      criterionId: 1,
      value: 9,
      expectedVersion: versionOf(1, 2, 1),
    }); // refused: no event
    const { sqlite } = core.store;
    const rows = sqlite.prepare('SELECT id, actor, kind, prev_hash, hash FROM audit_event ORDER BY id').all() as {
      id: number;
      actor: string;
      kind: string;
      prev_hash: string;
      hash: string;
    }[];
    expect(rows.map((r) => r.kind)).toEqual(['needs.synced', 'round.ceiling_set', 'score.set', 'plan.exported']);
    expect(rows.map((r) => r.actor)).toEqual(['test', 'test', member.actor, 'test']);
    expect(rows[0]!.prev_hash).toBe('0'.repeat(64));
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prev_hash).toBe(rows[i - 1]!.hash);
    expect(verifyAuditChain(sqlite)).toBeNull();

    expect(() => sqlite.prepare(`UPDATE audit_event SET actor = 'someone else' WHERE id = 2`).run()).toThrow(/append-only/u);
    expect(() => sqlite.prepare('DELETE FROM audit_event WHERE id = 1').run()).toThrow(/append-only/u);
    expect(verifyAuditChain(sqlite)).toBeNull();

    // Someone with the file and a SQLite shell can drop the trigger; the chain still shows where history was edited.
    sqlite.exec('DROP TRIGGER audit_event_no_update');
    sqlite.prepare(`UPDATE audit_event SET payload_json = '{"ceiling":1,"roundId":1}' WHERE id = ?`).run(rows[1]!.id);
    expect(verifyAuditChain(sqlite)).toBe(rows[1]!.id);
  });
});
