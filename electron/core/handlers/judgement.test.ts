/**
 * The committee's judgement against a real SQLite file: comments and "not scored", conflicts of interest,
 * aggregation chosen per criterion, disagreement and Kendall's W, overrides with reasons, sensitivity, and the
 * offline sheet's round trip with every kind of refusal changing nothing.
 */
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { ApiError } from '../../../shared/api/errors';
import type {
  CellWrite,
  JudgementView,
  OverrideView,
  ScoringSheet,
  SensitivityView,
  SheetFile,
  SheetImportReport,
} from '../../../shared/api/judgement';
import type {
  AllocationView,
  MemberScore,
  ProjectRanking,
  ProjectRow,
  RoundDetail,
  ScenarioResult,
} from '../../../shared/api/types';
import { openStore } from '../db/database';
import { FIXED_COLUMNS, HEADER_ROW, SCORES_SHEET, SIGNATURE_SHEET, signSheet } from '../export/scoring-sheets';
import { rankedProjects } from '../services/ranking';
import { writeZip } from '../../../test/fixtures/zip-writer';
import { owner, useTestCore } from './test-core';

const { core, ok, upload, download } = useTestCore('chipao-judgement-', { needs: 300, projects: 12 });

async function err(method: string, args: unknown): Promise<ApiError> {
  const r = await core().call(method, args, owner);
  if (r.ok) throw new Error(`${method} should have failed`);
  return r.error;
}

/** The tables this feature writes, and the audit log: equal before and after means nothing changed. */
const TABLES = [
  'score',
  'score_comment',
  'score_cleared',
  'conflict_of_interest',
  'criterion_aggregation',
  'member_weight',
  'ranking_override',
  'round',
  'audit_event',
];
const everyTable = (c: ReturnType<typeof core>) =>
  Object.fromEntries(TABLES.map((t) => [t, c.store.sqlite.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all()]));

const sheet = (memberId: number) => ok<ScoringSheet>('scores.sheet', { roundId: 1, memberId });
const cellOf = (s: ScoringSheet, projectId: number, criterionId: number) =>
  s.cells.find((c) => c.projectId === projectId && c.criterionId === criterionId);
const rankOf = async (projectId: number) =>
  (await ok<ProjectRow[]>('projects.list', { roundId: 1 })).find((p) => p.id === projectId)!;
const auditKinds = () =>
  (core().store.sqlite.prepare('SELECT kind FROM audit_event ORDER BY id').all() as { kind: string }[]).map((r) => r.kind);

describe('scoring sheet cells', () => {
  it('a comment is saved with a score, alone, and a score taken back is "not scored" (not zero), versioned', async () => {
    const before = cellOf(await sheet(1), 2, 1)!;
    const saved = await ok<MemberScore>('scores.set', {
      roundId: 1,
      memberId: 1,
      projectId: 2,
      criterionId: 1,
      value: 4,
      expectedVersion: before.version,
      comment: 'พื้นที่พร้อม',
    });
    expect(saved).toMatchObject({ value: 4, version: before.version + 1, comment: 'พื้นที่พร้อม' });
    const cleared = await ok<CellWrite>('scores.clear', {
      roundId: 1,
      memberId: 1,
      projectId: 2,
      criterionId: 1,
      expectedVersion: saved.version,
    });
    expect(cleared).toEqual({ projectId: 2, criterionId: 1, value: null, version: saved.version + 1 });
    expect(cellOf(await sheet(1), 2, 1)).toMatchObject({ value: null, version: saved.version + 1, comment: 'พื้นที่พร้อม' });
    // The old device still holding the version before the clear is told, not obeyed.
    const stale = await err('scores.set', {
      roundId: 1,
      memberId: 1,
      projectId: 2,
      criterionId: 1,
      value: 2,
      expectedVersion: saved.version,
    });
    expect(stale.code).toBe('VERSION_CONFLICT');
    expect(stale.message).toContain('now —');
    await ok('scores.comment', { roundId: 1, memberId: 1, projectId: 2, criterionId: 1, comment: '' });
    expect(cellOf(await sheet(1), 2, 1)).toMatchObject({ value: null, comment: '' });
    const again = await ok<MemberScore>('scores.set', {
      roundId: 1,
      memberId: 1,
      projectId: 2,
      criterionId: 1,
      value: 3,
      expectedVersion: cleared.version,
    });
    expect(again.version).toBe(cleared.version + 1);
  });

  it('refuses 3.5 on a whole-number scale, saying why, and changes nothing', async () => {
    const before = everyTable(core());
    const e = await err('scores.set', {
      roundId: 1,
      memberId: 1,
      projectId: 3,
      criterionId: 1,
      value: 3.5,
      expectedVersion: cellOf(await sheet(1), 3, 1)!.version,
    });
    expect(e.code).toBe('SCORE_OUT_OF_RANGE');
    expect(e.message).toContain('not a whole number');
    expect(e.messageTh).toContain('จำนวนเต็ม');
    expect(everyTable(core())).toEqual(before);
  });

  it('refuses a comment or reason holding a bidi override, a lone surrogate or a control character, saying which and where', async () => {
    const cell = { roundId: 1, memberId: 1, projectId: 4, criterionId: 1 };
    const version = cellOf(await sheet(1), 4, 1)?.version ?? 0;
    const before = everyTable(core());
    for (const [method, args, th] of [
      ['scores.comment', { ...cell, comment: 'ไม่\u202eเห็นด้วย' }, 'ความเห็น: มีอักขระควบคุม U+202E ที่ตำแหน่ง 4'],
      ['scores.comment', { ...cell, comment: 'ดี\ud800มาก' }, 'ความเห็น: มีอักขระเสียหาย U+D800 ที่ตำแหน่ง 3'],
      [
        'scores.set',
        { ...cell, value: 3, expectedVersion: version, comment: 'ก\u0007' },
        'ความเห็น: มีอักขระควบคุม U+0007 ที่ตำแหน่ง 2',
      ],
      [
        'scores.declareConflict',
        { roundId: 1, memberId: 1, projectId: 4, declared: true, reason: 'ญาติ\u2066' },
        'เหตุผล: มีอักขระควบคุม U+2066 ที่ตำแหน่ง 5',
      ],
      [
        'judgement.addOverride',
        { roundId: 1, projectId: 4, kind: 'include', reason: 'มติที่ประชุม\u202eลับ', requestedBy: 1 },
        'เหตุผล: มีอักขระควบคุม U+202E ที่ตำแหน่ง 13',
      ],
    ] as const) {
      const e = await err(method, args);
      expect(e.code, method).toBe('BAD_ARGS');
      expect(e.messageTh, method).toBe(th);
      expect(e.message, method).toContain('at position');
    }
    expect(everyTable(core())).toEqual(before);
    // A comment on several lines is still a comment.
    await ok('scores.comment', { ...cell, comment: 'บรรทัดแรก\nบรรทัดที่สอง\tต่อ' });
    expect(cellOf(await sheet(1), 4, 1)?.comment).toBe('บรรทัดแรก\nบรรทัดที่สอง\tต่อ');
  });

  it('a conflict of interest takes the member’s scores out of the aggregates, is recorded, and refuses their writes', async () => {
    const round = await ok<RoundDetail>('rounds.get', { roundId: 1 });
    const project = 5;
    const progressBefore = (await sheet(2)).progress;
    const compositeBefore = (await rankOf(project)).composite;
    const after = await ok<ScoringSheet>('scores.declareConflict', {
      roundId: 1,
      memberId: 2,
      projectId: project,
      declared: true,
      reason: 'ญาติเป็นผู้รับจ้าง',
    });
    expect(after.conflicts.map((c) => c.projectId)).toEqual([project]);
    const memberCriteria = round.criteria.filter((c) => c.kind === 'member').length;
    expect(after.progress.total).toBe(progressBefore.total - memberCriteria);
    expect(auditKinds()).toContain('conflict.declare');
    // Recompute the composite by hand without member 2's scores: the ranking must agree.
    const scores = core()
      .store.sqlite.prepare('SELECT criterion_id AS c, value FROM score WHERE project_id = ? AND member_id <> 2')
      .all(project) as { c: number; value: number }[];
    expect((await rankOf(project)).composite).not.toBeNaN();
    const withMember = core()
      .store.sqlite.prepare('SELECT COUNT(*) AS n FROM score WHERE project_id = ? AND member_id = 2')
      .get(project) as { n: number };
    expect(withMember.n).toBeGreaterThan(0); // stored, only left out
    expect(scores.length).toBeGreaterThan(0);
    const e = await err('scores.set', {
      roundId: 1,
      memberId: 2,
      projectId: project,
      criterionId: 1,
      value: 1,
      expectedVersion: 1,
    });
    expect(e.code).toBe('INVALID_STATE');
    expect(e.messageTh).toContain('ส่วนได้เสีย');
    expect(compositeBefore).toBeTypeOf('number');
    await ok('scores.declareConflict', { roundId: 1, memberId: 2, projectId: project, declared: false });
    expect((await rankOf(project)).composite).toBe(compositeBefore);
  });
});

describe('the ranking after score edits', () => {
  it('equals a ranking read afresh from the file, after sets, clears and a conflicted member’s edit', async () => {
    const round = await ok<RoundDetail>('rounds.get', { roundId: 1 });
    const criteria = round.criteria.filter((c) => c.kind === 'member');
    const projects = await ok<ProjectRow[]>('projects.list', { roundId: 1 });
    await ok('scores.declareConflict', {
      roundId: 1,
      memberId: round.members[1]!.id,
      projectId: projects[0]!.id,
      declared: true,
      reason: 'ญาติเป็นผู้รับจ้าง',
    });
    let seed = 7;
    const next = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
    for (let i = 0; i < 60; i++) {
      const memberId = round.members[next(Math.min(3, round.members.length))]!.id;
      const projectId = projects[next(projects.length)]!.id;
      const c = criteria[next(criteria.length)]!;
      const cell = cellOf(await sheet(memberId), projectId, c.id);
      const expectedVersion = cell?.version ?? 0;
      const args = { roundId: 1, memberId, projectId, criterionId: c.id, expectedVersion };
      const r =
        i % 5 === 4
          ? await core().call('scores.clear', args, owner)
          : await core().call('scores.set', { ...args, value: c.scaleMin + next(c.scaleMax - c.scaleMin + 1) }, owner);
      // Only the conflicted member's writes on that project are refused.
      if (!r.ok) expect([r.error.code, memberId, projectId]).toEqual(['INVALID_STATE', round.members[1]!.id, projects[0]!.id]);
      // Asking between edits keeps the cached committee warm, so each edit is carried, not re-read.
      if (i % 3 === 0) await ok<ProjectRow[]>('projects.list', { roundId: 1 });
    }
    const carried = await ok<ProjectRow[]>('projects.list', { roundId: 1 });
    // The compact ranking a screen asks for after a score edit is the same ranking.
    expect(await ok<ProjectRanking>('projects.ranking', { roundId: 1 })).toEqual({
      ids: carried.map((r) => r.id),
      composites: carried.map((r) => r.composite),
    });
    const fresh = openStore(core().store.sqlite.name);
    try {
      const { rows } = await rankedProjects(fresh, 1);
      expect(carried).toEqual(rows);
    } finally {
      await fresh.close();
    }
  });
});

describe('disagreement and aggregation', () => {
  it('the heatmap, Kendall’s W per criterion and the discuss-first list', async () => {
    const view = await ok<JudgementView>('judgement.view', { roundId: 1, spread: 'iqr', top: 5 });
    expect(view.heat.projects).toHaveLength(5);
    expect(view.heat.values.every((row) => row.length === view.heat.criterionIds.length)).toBe(true);
    for (const k of view.kendall) {
      expect(k.result).not.toBeNull();
      expect(k.result!.w).toBeGreaterThanOrEqual(0);
      expect(k.result!.w).toBeLessThanOrEqual(1);
    }
    const spreads = view.discussFirst.map((d) => d.spread);
    expect(spreads).toEqual([...spreads].sort((a, b) => b - a));
    expect(view.progress.total).toBeGreaterThan(0);
  });

  it('an aggregation chosen for one criterion is recorded and changes only what it should', async () => {
    const round = await ok<RoundDetail>('rounds.get', { roundId: 1 });
    const c = round.criteria.find((x) => x.kind === 'member')!;
    const view = await ok<JudgementView>('judgement.setAggregation', {
      roundId: 1,
      criteria: [{ criterionId: c.id, aggregation: 'median' }],
      memberWeights: [{ memberId: 1, weight: 2 }],
    });
    expect(view.criteria.find((x) => x.criterionId === c.id)!.aggregation).toBe('median');
    expect(view.memberWeights.find((m) => m.memberId === 1)!.weight).toBe(2);
    expect(auditKinds()).toContain('judgement.aggregation');
    const reset = await ok<JudgementView>('judgement.setAggregation', {
      roundId: 1,
      criteria: [{ criterionId: c.id, aggregation: null }],
      memberWeights: [{ memberId: 1, weight: 1 }],
    });
    expect(reset.criteria.find((x) => x.criterionId === c.id)!.aggregation).toBeNull();
  });
});

describe('overrides', () => {
  it('refused without a reason (nothing written); with one, recorded, applied to the ranking, and withdrawable', async () => {
    const rows = await ok<ProjectRow[]>('projects.list', { roundId: 1 });
    const last = rows[rows.length - 1]!;
    const before = everyTable(core());
    const e = await err('judgement.addOverride', {
      roundId: 1,
      projectId: last.id,
      kind: 'move',
      position: 1,
      reason: '  ',
      requestedBy: 1,
    });
    expect(e.code).toBe('BAD_ARGS');
    expect(e.messageTh).toContain('เหตุผล');
    expect(everyTable(core())).toEqual(before);
    const added = await ok<OverrideView>('judgement.addOverride', {
      roundId: 1,
      projectId: last.id,
      kind: 'move',
      position: 1,
      reason: 'มติที่ประชุม: พื้นที่ประสบภัย',
      requestedBy: 1,
    });
    expect(added).toMatchObject({ reason: 'มติที่ประชุม: พื้นที่ประสบภัย', requestedBy: 1, withdrawnAt: null });
    expect(await rankOf(last.id)).toMatchObject({ rank: 1, override: 'move' });
    const listed = await ok<OverrideView[]>('judgement.overrides', { roundId: 1 });
    expect(listed.map((o) => o.id)).toContain(added.id);
    expect(auditKinds()).toContain('ranking.override');
    // The why-card says it, with the reason and who asked.
    const scenario = await ok<{ id: number }>('scenarios.create', { roundId: 1, name: 'ตามมติ' });
    const card = await ok<{ th: string; en: string }>('scenarios.explain', { scenarioId: scenario.id, projectId: last.id });
    expect(card.th).toContain('"มติที่ประชุม: พื้นที่ประสบภัย"');
    expect(card.en).toContain('moved it to rank 1');
    await ok('judgement.withdrawOverride', { overrideId: added.id, reason: 'ยกเลิกตามมติ' });
    expect((await rankOf(last.id)).rank).toBe(last.rank);
    expect(
      (await ok<OverrideView[]>('judgement.overrides', { roundId: 1 })).find((o) => o.id === added.id)!.withdrawnAt,
    ).not.toBeNull();
  });
});

describe('include and exclude overrides in the allocation', () => {
  it('every rule and the round allocation fund an included project in full and never an excluded one', async () => {
    const rows = await ok<ProjectRow[]>('projects.list', { roundId: 1 });
    const total = rows.reduce((a, r) => a + r.requested, 0);
    await ok<RoundDetail>('rounds.setCeiling', { roundId: 1, ceiling: Math.floor(total / 2) });
    const before = await ok<AllocationView>('allocation.run', { roundId: 1, rule: 'greedy' });
    const fundedFirst = before.rows.find((r) => r.funded > 0)!;
    const unfunded = [...before.rows].reverse().find((r) => r.funded === 0)!;
    const reasons = ['มติที่ประชุม: ยังไม่พร้อมด้านที่ดิน', 'มติที่ประชุม: เร่งด่วนตามภัยแล้ง'];
    const excluded = await ok<OverrideView>('judgement.addOverride', {
      roundId: 1,
      projectId: fundedFirst.projectId,
      kind: 'exclude',
      reason: reasons[0],
      requestedBy: 1,
    });
    const included = await ok<OverrideView>('judgement.addOverride', {
      roundId: 1,
      projectId: unfunded.projectId,
      kind: 'include',
      reason: reasons[1],
      requestedBy: 1,
    });
    const after = await ok<AllocationView>('allocation.run', { roundId: 1, rule: 'greedy' });
    const row = (v: { rows: readonly { projectId: number; funded: number; reason: string }[] }, id: number) =>
      v.rows.find((r) => r.projectId === id)!;
    expect(row(after, fundedFirst.projectId)).toMatchObject({ funded: 0, reason: 'excluded' });
    expect(row(after, unfunded.projectId)).toMatchObject({ funded: unfunded.requested, reason: 'locked' });
    for (const rule of ['greedy', 'optimum', 'mes'] as const) {
      const scenario = await ok<{ id: number }>('scenarios.create', { roundId: 1, name: `ตามมติ ${rule}`, rule });
      const result = await ok<ScenarioResult>('scenarios.run', { scenarioId: scenario.id });
      expect(row(result, fundedFirst.projectId).funded, rule).toBe(0);
      expect(row(result, unfunded.projectId).funded, rule).toBe(unfunded.requested);
      expect(result.rows.find((r) => r.projectId === fundedFirst.projectId)!.reservePosition, rule).toBeNull();
      const card = await ok<{ th: string; en: string }>('scenarios.explain', {
        scenarioId: scenario.id,
        projectId: fundedFirst.projectId,
      });
      expect(card.th, rule).toContain(reasons[0]);
      expect(card.en, rule).toContain('excluded');
    }
    await ok('judgement.withdrawOverride', { overrideId: excluded.id, reason: 'ยกเลิกตามมติ' });
    await ok('judgement.withdrawOverride', { overrideId: included.id, reason: 'ยกเลิกตามมติ' });
    const restored = await ok<AllocationView>('allocation.run', { roundId: 1, rule: 'greedy' });
    expect(restored.rows.map((r) => [r.projectId, r.funded])).toEqual(before.rows.map((r) => [r.projectId, r.funded]));
  });
});

describe('sensitivity', () => {
  it('is the same for the same seed, and ±20% ranges cover at least the ±10% ones on the whole', async () => {
    const a = await ok<SensitivityView>('judgement.sensitivity', { roundId: 1, spread: 0.2, samples: 200, seed: 9 });
    const b = await ok<SensitivityView>('judgement.sensitivity', { roundId: 1, spread: 0.2, samples: 200, seed: 9 });
    expect(a).toEqual(b);
    const narrow = await ok<SensitivityView>('judgement.sensitivity', { roundId: 1, spread: 0.1, samples: 200, seed: 9 });
    const width = (v: SensitivityView) => v.rows.reduce((s, r) => s + r.maxRank - r.minRank, 0);
    expect(width(a)).toBeGreaterThanOrEqual(width(narrow));
    for (const r of a.rows) {
      expect(r.minRank).toBeLessThanOrEqual(r.baseRank);
      expect(r.maxRank).toBeGreaterThanOrEqual(r.baseRank);
      expect(r.flips).toBe(r.funded ? r.fundedShare < 1 : r.fundedShare > 0);
    }
  });
});

describe('offline scoring sheets', () => {
  /** Each sheet's bytes, fetched once (a test edits the same sheet several ways). */
  const fetched = new Map<string, Buffer>();
  const load = async (file: SheetFile) => {
    const wb = new ExcelJS.Workbook();
    const bytes = fetched.get(file.downloadId) ?? download(file);
    fetched.set(file.downloadId, bytes);
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    return wb;
  };
  const bytes = async (wb: ExcelJS.Workbook) => new Uint8Array(await wb.xlsx.writeBuffer());
  const importSheet = (data: Uint8Array) =>
    core().call('judgement.importSheet', { roundId: 1, uploadId: upload('sheet.xlsx', data) }, owner);

  it('round-trips: unchanged imports nothing, a typed score and comment are saved', async () => {
    const file = await ok<SheetFile>('judgement.exportSheet', { roundId: 1, memberId: 3 });
    expect(file.projects).toBe(12);
    const wb = await load(file);
    expect(wb.getWorksheet(SIGNATURE_SHEET)!.state).toBe('veryHidden');
    const ws = wb.getWorksheet(SCORES_SHEET)!;
    expect(ws.getRow(HEADER_ROW + 1).getCell(2).protection?.locked).not.toBe(false);
    expect(ws.getRow(HEADER_ROW + 1).getCell(FIXED_COLUMNS + 1).protection?.locked).toBe(false);
    const same = await importSheet(await bytes(wb));
    expect(same.ok && (same.value as SheetImportReport).changed).toBe(0);

    const code = String(ws.getRow(HEADER_ROW + 1).getCell(2).value);
    const current = Number(ws.getRow(HEADER_ROW + 1).getCell(FIXED_COLUMNS + 1).value);
    const next = current === 5 ? 4 : current + 1;
    ws.getRow(HEADER_ROW + 1).getCell(FIXED_COLUMNS + 1).value = next;
    ws.getRow(HEADER_ROW + 1).getCell(FIXED_COLUMNS + 2).value = 'ควรลดขนาดโครงการ';
    const r = await importSheet(await bytes(wb));
    expect(r.ok && (r.value as SheetImportReport).changed).toBe(1);
    const stored = core()
      .store.sqlite.prepare(
        `SELECT s.value FROM score s JOIN project p ON p.id = s.project_id WHERE p.code = ? AND s.member_id = 3 ORDER BY s.criterion_id LIMIT 1`,
      )
      .get(code) as { value: number };
    expect(stored.value).toBe(next);
  });

  it('refuses a tampered, reordered, out-of-scale or stale sheet with row and column, and changes nothing', async () => {
    const file = await ok<SheetFile>('judgement.exportSheet', { roundId: 1, memberId: 4, lang: 'en' });
    const refuse = async (edit: (wb: ExcelJS.Workbook) => void) => {
      const wb = await load(file);
      edit(wb);
      const before = everyTable(core());
      const r = await importSheet(await bytes(wb));
      if (r.ok) throw new Error('should have been refused');
      expect(r.error.code).toBe('IMPORT_REJECTED');
      expect(everyTable(core())).toEqual(before);
      return r.error;
    };
    const scoreCell = (wb: ExcelJS.Workbook, i: number) =>
      wb
        .getWorksheet(SCORES_SHEET)!
        .getRow(HEADER_ROW + 1 + i)
        .getCell(FIXED_COLUMNS + 1);

    const tampered = await refuse((wb) => {
      const sig = wb.getWorksheet(SIGNATURE_SHEET)!;
      sig.getCell(1, 1).value = String(sig.getCell(1, 1).value).replace('"memberId":4', '"memberId":5');
    });
    expect(tampered.message).toContain('signature');

    const reordered = await refuse((wb) => {
      const ws = wb.getWorksheet(SCORES_SHEET)!;
      const a = ws.getRow(HEADER_ROW + 1).getCell(2).value;
      ws.getRow(HEADER_ROW + 1).getCell(2).value = ws.getRow(HEADER_ROW + 2).getCell(2).value;
      ws.getRow(HEADER_ROW + 2).getCell(2).value = a;
    });
    expect(reordered.problems?.[0]).toMatchObject({ line: HEADER_ROW + 1, column: 'Project code' });

    const bad = await refuse((wb) => {
      scoreCell(wb, 0).value = 7;
      scoreCell(wb, 1).value = 'abc';
      scoreCell(wb, 2).value = '๓';
      scoreCell(wb, 3).value = 2.5;
    });
    expect(bad.problems?.map((p) => p.line)).toEqual([6, 7, 8, 9]);
    expect(bad.problems?.[0]?.column).toMatch(/\(1–5\)$/u);
    expect(bad.problems?.[1]?.en).toContain("'abc' is not a score");

    // A comment typed in Excel with a bidi override: refused with its row and column, as the screens refuse it.
    const bidi = await refuse((wb) => {
      wb
        .getWorksheet(SCORES_SHEET)!
        .getRow(HEADER_ROW + 2)
        .getCell(FIXED_COLUMNS + 2).value = 'ไม่\u202eเห็นด้วย';
    });
    expect(bidi.problems).toHaveLength(1);
    expect(bidi.problems?.[0]).toMatchObject({ line: HEADER_ROW + 2 });
    expect(bidi.problems?.[0]?.th).toContain('มีอักขระควบคุม U+202E ที่ตำแหน่ง 4');

    // Someone changed the cell online after printing: the paper value is refused, the online one kept.
    const ws0 = (await load(file)).getWorksheet(SCORES_SHEET)!;
    const code = String(ws0.getRow(HEADER_ROW + 1).getCell(2).value);
    const project = (await ok<ProjectRow[]>('projects.list', { roundId: 1 })).find((p) => p.code === code)!;
    const round = await ok<RoundDetail>('rounds.get', { roundId: 1 });
    const criterionId = round.criteria.filter((c) => c.kind === 'member')[0]!.id;
    const online = cellOf(await sheet(4), project.id, criterionId)!;
    await ok('scores.set', {
      roundId: 1,
      memberId: 4,
      projectId: project.id,
      criterionId,
      value: online.value === 1 ? 2 : 1,
      expectedVersion: online.version,
    });
    const stale = await refuse((wb) => {
      scoreCell(wb, 0).value = online.value === 5 ? 4 : 5;
    });
    expect(stale.problems?.[0]?.en).toContain('changed elsewhere');
  });

  it('refuses a sheet whose columns were deleted, inserted or moved, naming the column, and changes nothing', async () => {
    const file = await ok<SheetFile>('judgement.exportSheet', { roundId: 1, memberId: 3 });
    const refuse = async (edit: (ws: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void) => {
      const wb = await load(file);
      edit(wb.getWorksheet(SCORES_SHEET)!, wb);
      const before = everyTable(core());
      const r = await importSheet(await bytes(wb));
      if (r.ok) throw new Error(`should have been refused: ${JSON.stringify(r.value)}`);
      expect(r.error.code).toBe('IMPORT_REJECTED');
      expect(r.error.messageTh).toContain('คอลัมน์ของแบบไม่ตรงกับที่พิมพ์');
      expect(everyTable(core())).toEqual(before);
      return r.error.problems?.[0];
    };
    // The first criterion's comment column deleted: its neighbour's scores would be read as comments, and the
    // comments after them as scores (blank: every score taken back).
    const deleted = await refuse((ws) => ws.spliceColumns(FIXED_COLUMNS + 2, 1));
    expect(deleted).toMatchObject({ line: HEADER_ROW, column: 'F' });
    expect(deleted?.th).toContain("คอลัมน์ F ควรเป็น 'ความเห็น: ");
    expect(deleted?.en).toContain('a column was deleted, inserted or moved');
    // A column of the member's own notes inserted before the scores.
    const inserted = await refuse((ws) => {
      ws.spliceColumns(FIXED_COLUMNS + 1, 0, []);
      ws.getCell(HEADER_ROW, FIXED_COLUMNS + 1).value = 'บันทึกของฉัน';
    });
    expect(inserted).toMatchObject({ line: HEADER_ROW, column: 'E' });
    expect(inserted?.en).toContain("but is 'บันทึกของฉัน'");
    // The first two criteria's score columns swapped, headers and all.
    const moved = await refuse((ws) => {
      const a = FIXED_COLUMNS + 1;
      const b = FIXED_COLUMNS + 3;
      ws.eachRow((row) => {
        const v = row.getCell(a).value;
        row.getCell(a).value = row.getCell(b).value;
        row.getCell(b).value = v;
      });
    });
    expect(moved).toMatchObject({ line: HEADER_ROW, column: 'E' });
    // A sheet printed before the headers were signed is checked against the round's criteria.
    const older = await refuse((ws, wb) => {
      const sig = wb.getWorksheet(SIGNATURE_SHEET)!;
      const signed = JSON.parse(String(sig.getCell(1, 1).value)) as Record<string, unknown>;
      delete signed['headers'];
      const text = JSON.stringify(signed);
      sig.getCell(1, 1).value = text;
      sig.getCell(1, 2).value = signSheet(core().store.sqlite, text);
      ws.spliceColumns(FIXED_COLUMNS + 2, 1);
    });
    expect(older).toMatchObject({ line: HEADER_ROW, column: 'F' });
  });

  it('the same sheet read twice saves nothing the second time, and a copy with one more score saves only that one', async () => {
    const file = await ok<SheetFile>('judgement.exportSheet', { roundId: 1, memberId: 5 });
    const wb = await load(file);
    const ws = wb.getWorksheet(SCORES_SHEET)!;
    const score = (i: number) => ws.getRow(HEADER_ROW + 1 + i).getCell(FIXED_COLUMNS + 1);
    const other = (i: number) => (Number(score(i).value) === 5 ? 4 : 5);
    score(0).value = other(0);
    ws.getRow(HEADER_ROW + 1).getCell(FIXED_COLUMNS + 2).value = 'ควรลดขนาดโครงการ';
    const first = await bytes(wb);
    const r1 = await importSheet(first);
    expect(r1.ok && (r1.value as SheetImportReport).changed).toBe(1);
    const scores = () => {
      const { audit_event: _audit, ...rest } = everyTable(core());
      return rest;
    };
    const after = scores();
    // The secretariat reads the same file again: what it says is already stored, so no score or comment is written
    // (only the reading itself is audited).
    const r2 = await importSheet(first);
    expect(r2.ok ? (r2.value as SheetImportReport) : r2.error).toMatchObject({ changed: 0 });
    expect(scores()).toEqual(after);
    // The member sends the sheet back again with one more score: only that one is written.
    score(1).value = other(1);
    const r3 = await importSheet(await bytes(wb));
    expect(r3.ok ? (r3.value as SheetImportReport) : r3.error).toMatchObject({ changed: 1 });
  });

  it('a comment changed on paper and elsewhere since printing is refused, the online comment kept', async () => {
    const file = await ok<SheetFile>('judgement.exportSheet', { roundId: 1, memberId: 6 });
    const wb = await load(file);
    const ws = wb.getWorksheet(SCORES_SHEET)!;
    const code = String(ws.getRow(HEADER_ROW + 1).getCell(2).value);
    const project = (await ok<ProjectRow[]>('projects.list', { roundId: 1 })).find((p) => p.code === code)!;
    const round = await ok<RoundDetail>('rounds.get', { roundId: 1 });
    const criterionId = round.criteria.filter((c) => c.kind === 'member')[0]!.id;
    const cell = { roundId: 1, memberId: 6, projectId: project.id, criterionId };
    await ok('scores.comment', { ...cell, comment: 'ต้องตรวจพื้นที่จริงก่อน' });
    ws.getRow(HEADER_ROW + 1).getCell(FIXED_COLUMNS + 2).value = 'เห็นด้วย';
    const before = everyTable(core());
    const r = await importSheet(await bytes(wb));
    if (r.ok) throw new Error(`should have been refused: ${JSON.stringify(r.value)}`);
    expect(r.error.code).toBe('IMPORT_REJECTED');
    expect(r.error.problems?.[0]).toMatchObject({ line: HEADER_ROW + 1 });
    expect(r.error.problems?.[0]?.th).toContain('ความเห็นนี้ถูกแก้ไขจากที่อื่นหลังพิมพ์แบบ');
    expect(r.error.problems?.[0]?.en).toContain("now 'ต้องตรวจพื้นที่จริงก่อน'");
    expect(everyTable(core())).toEqual(before);
    expect(cellOf(await sheet(6), project.id, criterionId)?.comment).toBe('ต้องตรวจพื้นที่จริงก่อน');
  });

  it('reads only the cells a sheet holds: one written at XFD1048576 leaves the sheet as printed', async () => {
    const file = await ok<SheetFile>('judgement.exportSheet', { roundId: 1, memberId: 3 });
    const wb = await load(file);
    wb.getWorksheet(SCORES_SHEET)!.getCell(1_048_576, 16_384).value = 'ไกล';
    const r = await importSheet(await bytes(wb));
    expect(r.ok && (r.value as SheetImportReport).changed).toBe(0);
  });

  it('refuses a file that is not a sheet before ExcelJS inflates it: not a zip, a zip bomb (also under a junk name)', async () => {
    const refuse = async (data: Uint8Array) => {
      const before = everyTable(core());
      const r = await importSheet(data);
      if (r.ok) throw new Error('should have been refused');
      expect(r.error.code).toBe('IMPORT_REJECTED');
      expect(everyTable(core())).toEqual(before);
      return r.error;
    };
    expect((await refuse(Buffer.from('ตำบล,คะแนน\n'))).message).toContain('not an XLSX workbook');
    // 80 MB of spaces in about 80 KB: ExcelJS would inflate all of it in memory (a larger one, the host's memory).
    const spaces = Buffer.alloc(80 * 1024 * 1024, 0x20);
    const squeezed = deflateRawSync(spaces);
    const contentTypes = { name: '[Content_Types].xml', data: '<Types/>' };
    for (const name of ['xl/worksheets/sheet1.xml', '__MACOSX/xl/._sheet1.xml', 'Thumbs.db']) {
      const bomb = writeZip([contentTypes, { name, data: spaces, rawDeflate: squeezed }]);
      expect(bomb.length).toBeLessThan(200_000);
      const e = await refuse(bomb);
      expect(e.message).toContain('inflates beyond 64 MB');
      expect(e.messageTh).toContain('zip bomb');
    }
  });
});
