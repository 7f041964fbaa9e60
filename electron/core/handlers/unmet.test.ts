/**
 * Unmet needs through the dispatcher of a real core on a real SQLite file (synthetic sample): the summary agrees with
 * an independent count, every listed need is routed as the pure rule says, doors page without gaps, a round's agency
 * override moves needs between doors (audited, owner only), and a door's workbook reads back with the xlsx package.
 */
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import type { ApiError } from '../../../shared/api/errors';
import type { AgencyRoute, UnmetExport, UnmetNeedRow, UnmetPage, UnmetSummary } from '../../../shared/api/types';
import { DEFAULT_AGENCIES, doorKey, routeNeed } from '../../../shared/domain/routing';
import { UNMET_COLUMNS } from '../export/unmet-xlsx';
import type { Caller } from '../context';
import { owner, useTestCore } from './test-core';

const member: Caller = { role: 'member', actor: 'member:1@192.168.1.20', transport: 'websocket' };
const viewer: Caller = { role: 'observer', actor: 'viewer@127.0.0.1', transport: 'websocket' };
const { core, ok, download } = useTestCore('chipao-unmet-', { needs: 1500, projects: 40 });

async function err(method: string, args: unknown, caller: Caller = owner): Promise<ApiError> {
  const r = await core().call(method, args, caller);
  if (r.ok) throw new Error(`${method} was expected to fail`);
  return r.error;
}

/** Unmet needs counted without the service: active, and linked to no project of round 1. */
function independentUnmet(): { id: number; category: string; tambon: string }[] {
  return core()
    .store.sqlite.prepare<[], { id: number; category: string; tambon: string }>(
      `SELECT id, category, tambon_code AS tambon FROM need WHERE status = 'active' AND id NOT IN (
         SELECT pn.need_id FROM project_need pn JOIN project p ON p.id = pn.project_id WHERE p.round_id = 1)`,
    )
    .all();
}

async function allRows(args: Record<string, unknown>): Promise<UnmetNeedRow[]> {
  const out: UnmetNeedRow[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = await ok<UnmetPage>('unmet.list', { roundId: 1, ...args, offset, limit: 1000 });
    out.push(...page.rows);
    if (page.rows.length < 1000) return out;
  }
}

describe('unmet.summary', () => {
  it('counts the active needs no proposal of the round answers, by district × category and by door', async () => {
    const expected = independentUnmet();
    expect(expected.length).toBeGreaterThan(100);
    const s = await ok<UnmetSummary>('unmet.summary', { roundId: 1 });
    expect(s.totals.needs).toBe(expected.length);
    expect(s.cells.reduce((a, c) => a + c.needs, 0)).toBe(expected.length);
    expect(s.doors.reduce((a, d) => a + d.needs, 0)).toBe(expected.length);
    expect(s.doors.reduce((a, d) => a + d.people, 0)).toBe(s.totals.people);
    // Each door says how many of its needs state an estimate, so a sum over none is not shown as 0.00 baht.
    const estimated = core()
      .store.sqlite.prepare(
        `SELECT COUNT(*) FROM need WHERE status = 'active' AND estimated_cost IS NOT NULL AND id NOT IN (
           SELECT pn.need_id FROM project_need pn JOIN project p ON p.id = pn.project_id WHERE p.round_id = 1)`,
      )
      .pluck()
      .get() as number;
    expect(estimated).toBeGreaterThan(0);
    expect(s.doors.reduce((a, d) => a + d.estimated, 0)).toBe(estimated);
    expect(s.doors.every((d) => d.estimated <= d.needs && (d.estimated > 0 || d.estimatedCost === 0))).toBe(true);
    expect(new Set(s.cells.map((c) => c.areaCode.length))).toEqual(new Set([4]));
    // All three levels are in play on the sample.
    expect(new Set(s.doors.map((d) => d.kind))).toEqual(new Set(['province', 'agency', 'local']));
    const local = s.doors.find((d) => d.kind === 'local');
    expect(local?.nameTh).toMatch(/^องค์กรปกครองส่วนท้องถิ่นในตำบล.+ อำเภอ.+$/u);
  });

  it('breaks one district down by tambon', async () => {
    const s = await ok<UnmetSummary>('unmet.summary', { roundId: 1, districtCode: '1901' });
    const expected = independentUnmet().filter((n) => n.tambon.startsWith('1901'));
    expect(s.totals.needs).toBe(expected.length);
    expect(s.cells.every((c) => c.areaCode.length === 6 && c.areaCode.startsWith('1901'))).toBe(true);
    expect(s.doors.filter((d) => d.kind === 'local').every((d) => d.key.startsWith('local:1901'))).toBe(true);
  });

  it('refuses an unknown round', async () => {
    expect((await err('unmet.summary', { roundId: 999 })).code).toBe('NOT_FOUND');
  });
});

describe('unmet.list', () => {
  it('routes every need as the pure rule does, and each door lists exactly its summary count', async () => {
    const s = await ok<UnmetSummary>('unmet.summary', { roundId: 1 });
    const spread = new Map<string, Set<string>>();
    for (const n of independentUnmet()) {
      const set = spread.get(n.category) ?? new Set<string>();
      set.add(n.tambon.slice(0, 4));
      spread.set(n.category, set);
    }
    const rows = await allRows({});
    expect(rows.length).toBe(s.totals.needs);
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
    for (const r of rows) {
      const expected = routeNeed(
        {
          category: r.category,
          estimatedCost: r.estimatedCost,
          villageNo: r.villageNo,
          peopleAffected: r.peopleAffected,
          spreadDistricts: spread.get(r.category)?.size ?? 0,
        },
        r.tambonCode,
        new Map(),
      );
      expect(r.door).toBe(doorKey(expected.door));
      expect(r.reason).toBe(expected.reason);
      expect(r.reasonTh).not.toBe('');
    }
    for (const d of s.doors) {
      const page = await ok<UnmetPage>('unmet.list', { roundId: 1, door: d.key, offset: 0, limit: 5 });
      expect(page.total).toBe(d.needs);
      expect(page.rows.every((r) => r.door === d.key)).toBe(true);
    }
  });

  it('pages without gaps or repeats, filtered by district and category', async () => {
    const all = await allRows({ districtCode: '1902', category: 'water' });
    const paged: number[] = [];
    for (let offset = 0; offset < all.length; offset += 7) {
      const page = await ok<UnmetPage>('unmet.list', {
        roundId: 1,
        districtCode: '1902',
        category: 'water',
        offset,
        limit: 7,
      });
      expect(page.total).toBe(all.length);
      paged.push(...page.rows.map((r) => r.id));
    }
    expect(paged).toEqual(all.map((r) => r.id));
    expect(all.every((r) => r.districtCode === '1902' && r.category === 'water')).toBe(true);
  });

  it('refuses a door that is not one', async () => {
    expect((await err('unmet.list', { roundId: 1, door: 'local:19', offset: 0, limit: 10 })).code).toBe('BAD_ARGS');
  });
});

describe('unmet.routes and unmet.setRoute', () => {
  it('moves a category to the round’s own agency, audited, and back to the default', async () => {
    const routes = await ok<AgencyRoute[]>('unmet.routes', { roundId: 1 });
    expect(routes.find((r) => r.category === 'health')).toEqual({
      category: 'health',
      defaultAgency: DEFAULT_AGENCIES.health,
      agency: DEFAULT_AGENCIES.health,
      overridden: false,
    });
    const healthAgency = `agency:${DEFAULT_AGENCIES.health}`;
    const before = await ok<UnmetPage>('unmet.list', { roundId: 1, door: healthAgency, category: 'health', offset: 0, limit: 1 });
    expect(before.total).toBeGreaterThan(0);

    const after = await ok<AgencyRoute[]>('unmet.setRoute', { roundId: 1, category: 'health', agency: 'โรงพยาบาลสระบุรี' });
    expect(after.find((r) => r.category === 'health')).toMatchObject({ agency: 'โรงพยาบาลสระบุรี', overridden: true });
    const moved = await ok<UnmetPage>('unmet.list', { roundId: 1, door: 'agency:โรงพยาบาลสระบุรี', offset: 0, limit: 1 });
    expect(moved.total).toBe(before.total);
    const left = await ok<UnmetPage>('unmet.list', { roundId: 1, door: healthAgency, category: 'health', offset: 0, limit: 1 });
    expect(left.total).toBe(0);
    const audit = core()
      .store.sqlite.prepare<[], { payload_json: string }>(
        `SELECT payload_json FROM audit_event WHERE kind = 'unmet.routeSet' ORDER BY id DESC LIMIT 1`,
      )
      .get();
    expect(JSON.parse(audit?.payload_json ?? '{}')).toMatchObject({ category: 'health', agency: 'โรงพยาบาลสระบุรี' });

    const reset = await ok<AgencyRoute[]>('unmet.setRoute', { roundId: 1, category: 'health', agency: null });
    expect(reset.find((r) => r.category === 'health')).toMatchObject({ agency: DEFAULT_AGENCIES.health, overridden: false });
    // Naming the default agency itself stores no override either.
    const same = await ok<AgencyRoute[]>('unmet.setRoute', { roundId: 1, category: 'health', agency: DEFAULT_AGENCIES.health });
    expect(same.find((r) => r.category === 'health')?.overridden).toBe(false);
    const stored = core().store.sqlite.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM agency_route').get();
    expect(stored?.n).toBe(0);
  });

  it('is the owner’s alone, and knows only known categories', async () => {
    const args = { roundId: 1, category: 'health', agency: 'x' };
    expect((await err('unmet.setRoute', args, member)).code).toBe('FORBIDDEN');
    expect((await err('unmet.setRoute', args, viewer)).code).toBe('FORBIDDEN');
    expect((await err('unmet.setRoute', { ...args, category: 'nope' })).code).toBe('NOT_FOUND');
  });

  it('drops a need from the unmet list once a proposal of the round answers it', async () => {
    const before = await ok<UnmetSummary>('unmet.summary', { roundId: 1 });
    const first = (await ok<UnmetPage>('unmet.list', { roundId: 1, offset: 0, limit: 1 })).rows[0];
    if (!first) throw new Error('no unmet need');
    const sqlite = core().store.sqlite;
    const project = sqlite.prepare<[], { id: number }>('SELECT id FROM project WHERE round_id = 1 LIMIT 1').get();
    sqlite.prepare('INSERT INTO project_need (project_id, need_id, coverage) VALUES (?, ?, 1)').run(project?.id, first.id);
    const after = await ok<UnmetSummary>('unmet.summary', { roundId: 1 });
    expect(after.totals.needs).toBe(before.totals.needs - 1);
    sqlite.prepare('DELETE FROM project_need WHERE project_id = ? AND need_id = ?').run(project?.id, first.id);
  });
});

describe('unmet.export', () => {
  it('writes one agency’s needs as a workbook the xlsx package reads back', async () => {
    const door = `agency:${DEFAULT_AGENCIES.agriculture}`;
    const listed = await allRows({ door });
    const file = await ok<UnmetExport>('unmet.export', { roundId: 1, door });
    expect(file.needCount).toBe(listed.length);
    expect(file.fileName).toBe('chipao-unmet-FY2571-สำนักงานเกษตรจังหวัดสระบุรี.xlsx');
    const wb = XLSX.read(download(file), { type: 'buffer', cellNF: true });
    expect(wb.SheetNames).toEqual(['ความต้องการ', 'หลักการส่งต่อ']);
    const sheet = wb.Sheets['ความต้องการ'];
    if (!sheet) throw new Error('no needs sheet');
    const rows = XLSX.utils.sheet_to_json<unknown[]>(sheet, { header: 1, blankrows: true });
    const text = rows.slice(0, 6).map((r) => String(r[0] ?? ''));
    expect(text[0]).toContain('จังหวัดสระบุรี');
    expect(text[1]).toContain('ปีงบประมาณ พ.ศ. 2571');
    expect(text[2]).toBe(`ส่งถึง: ${DEFAULT_AGENCIES.agriculture}`);
    expect(text[3]).toBe('พื้นที่: ทั้งจังหวัด');
    expect(text[4]).toMatch(/^ข้อมูล ณ วันที่ \d{1,2} .+ 25\d\d$/u);
    const headerAt = rows.findIndex((r) => r[0] === UNMET_COLUMNS[0]);
    expect(rows[headerAt]).toEqual([...UNMET_COLUMNS]);
    const body = rows.slice(headerAt + 1, headerAt + 1 + listed.length);
    expect(body.map((r) => r[1])).toEqual(
      [...listed]
        .sort((a, b) => a.tambonCode.localeCompare(b.tambonCode) || (a.villageNo ?? 0) - (b.villageNo ?? 0) || a.id - b.id)
        .map((r) => r.externalId),
    );
    const total = rows[headerAt + 1 + listed.length] ?? [];
    expect(String(total[0])).toBe(`รวม ${listed.length} รายการ`);
    expect(total[7]).toBe(listed.reduce((a, r) => a + r.peopleAffected, 0));
    expect(total[10]).toBeCloseTo(listed.reduce((a, r) => a + (r.estimatedCost ?? 0), 0) / 100, 2);
    const costCell = sheet[XLSX.utils.encode_cell({ r: headerAt + 1, c: 10 })] as XLSX.CellObject | undefined;
    expect(costCell?.z).toBe('#,##0.00');
  });

  it('limits a door’s workbook to one district when asked', async () => {
    const door = `agency:${DEFAULT_AGENCIES.education}`;
    const listed = await allRows({ door, districtCode: '1903' });
    const file = await ok<UnmetExport>('unmet.export', { roundId: 1, door, districtCode: '1903' });
    expect(file.needCount).toBe(listed.length);
    const wb = XLSX.read(download(file), { type: 'buffer' });
    const sheet = wb.Sheets['ความต้องการ'];
    if (!sheet) throw new Error('no needs sheet');
    const rows = XLSX.utils.sheet_to_json<unknown[]>(sheet, { header: 1, blankrows: true });
    expect(String(rows[3]?.[0])).toMatch(/^พื้นที่: อำเภอ.+/u);
    const headerAt = rows.findIndex((r) => r[0] === UNMET_COLUMNS[0]);
    const districts = new Set(rows.slice(headerAt + 1, headerAt + 1 + listed.length).map((r) => r[4]));
    expect(districts.size).toBe(1);
  });

  it('is for the owner and the facilitator, not a workshop member or observer (issue 11)', async () => {
    expect((await err('unmet.export', { roundId: 1, door: 'province' }, member)).code).toBe('FORBIDDEN');
    expect((await err('unmet.export', { roundId: 1, door: 'province' }, viewer)).code).toBe('FORBIDDEN');
  });
});
