/**
 * A proposal's point (the request form's พื้นที่ดำเนินการ … พิกัด) on a real database: read from a column of both or
 * a latitude and a longitude column, however written (decimal, longitude first, degrees-minutes-seconds, a map link);
 * a bad point refusing the file with nothing changed; a moved point a change of the proposal; a point outside the
 * tambons the proposal covers a note of the preview and the report; and the point in the proposals export.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ProposalsImportPreview, ProposalsImportReport, RoundDetail } from '../../../shared/api/types';
import type { ProposalDetail, ProposalWriteResult } from '../../../shared/api/projects';
import { everyTable, owner, proposalEditArgs, useTestCore } from '../handlers/test-core';
import { listProposals } from '../services/proposal-store';
import { exportProposalLines, proposalExportRounds } from './proposals-export';
import { squareTambon } from '../../../test/fixtures/boundaries';

const { core, ok, upload } = useTestCore('chipao-proposal-point-', { needs: 300, projects: 10 });

let roundId = 0;

beforeAll(async () => {
  const r = await ok<RoundDetail>('rounds.create', { fiscalYear: 2573, name: 'รอบ ๒๕๗๓', ceiling: 25_000_000_000 });
  roundId = r.id;
});

/** The request form with its location and a point column headed as `pointHeading` says. */
function requestForm(rows: readonly (readonly string[])[], pointHeading = 'พิกัด (ละติจูด, ลองจิจูด)'): string {
  return [
    'แบบเสนอโครงการ ประจำปีงบประมาณ พ.ศ. ๒๕๗๓',
    `ลำดับ,ชื่อโครงการ,หน่วยงานรับผิดชอบ,พื้นที่ดำเนินการ,"${pointHeading}",งบประมาณ (บาท)`,
    ...rows.map((r, i) => [String(i + 1), ...r].map((c) => `"${c}"`).join(',')),
  ].join('\n');
}

const FORM = [
  ['ขุดลอกคลองสาธารณะ', 'อบต.ตาลเดี่ยว', 'ต.ตาลเดี่ยว อ.แก่งคอย', '14.56, 101.00', '300,000'],
  // A complaints platform's order (longitude first), and degrees-minutes-seconds.
  ['ก่อสร้างถนนคอนกรีต', 'อบต.ตาลเดี่ยว', 'ต.ตาลเดี่ยว อ.แก่งคอย', '101.005,14.565', '500,000'],
  ['ซ่อมแซมฝาย', 'อบต.ปากเพรียว', 'ต.ปากเพรียว อ.เมืองสระบุรี', '14°31\'52.3"N 100°54\'37.4"E', '200,000'],
  // A map link pasted whole, and no point at all.
  ['ไฟส่องสว่าง', 'อบต.ชะอม', 'ต.ชะอม อ.แก่งคอย', 'https://www.google.com/maps/@14.4321,101.1234,17z', '150,000'],
  ['ฝึกอาชีพ', 'อบต.ชะอม', 'ต.ชะอม อ.แก่งคอย', '', '90,000'],
] as const;

const points = (): Record<string, { lat: number; lon: number } | null> =>
  Object.fromEntries(listProposals(core().store.sqlite, roundId).map((p) => [p.title, p.point]));

describe("a proposal's point from the request form", () => {
  it('a bad point refuses the whole file, naming the row and the column, and changes nothing', async () => {
    const before = everyTable(core());
    for (const [bad, says] of [
      ['100.91', 'not a point in Thailand'],
      ['47P 712345 1605432', 'UTM'],
      ['51.5074, -0.1278', 'not a point in Thailand'],
    ] as const) {
      const file = requestForm([FORM[0], ['ซ่อมแซมฝาย', 'อบต.ปากเพรียว', 'ต.ปากเพรียว', bad, '200,000']]);
      const preview = await ok<ProposalsImportPreview>('projects.importPreview', { uploadId: upload('แบบเสนอ.csv', file) });
      expect(preview.problems).toHaveLength(1);
      expect(preview.problems[0]).toMatchObject({ line: 4, column: 'พิกัด (ละติจูด, ลองจิจูด)', code: 'BAD_FIELD' });
      expect(preview.problems[0]!.en).toContain(says);
      expect(preview.problems[0]!.th).toMatch(/พิกัด|ละติจูด/u);
      const refused = await core().call('projects.importApply', { uploadId: upload('แบบเสนอ.csv', file) }, owner);
      expect(refused.ok).toBe(false);
      if (!refused.ok) expect(refused.error.code).toBe('IMPORT_REJECTED');
    }
    // A latitude without its longitude.
    const half = [
      'แบบเสนอโครงการ ประจำปีงบประมาณ พ.ศ. ๒๕๗๓',
      'ชื่อโครงการ,หน่วยงานรับผิดชอบ,พื้นที่ดำเนินการ,ละติจูด,ลองจิจูด,งบประมาณ (บาท)',
      'ซ่อมแซมฝาย,อบต.ปากเพรียว,ต.ปากเพรียว,14.53,,200000',
    ].join('\n');
    const preview = await ok<ProposalsImportPreview>('projects.importPreview', { uploadId: upload('ครึ่ง.csv', half) });
    expect(preview.problems[0]).toMatchObject({ line: 3, column: 'ละติจูด', code: 'BAD_FIELD' });
    expect(preview.problems[0]!.th).toContain("แต่ไม่มี 'ลองจิจูด'");
    expect(everyTable(core())).toEqual(before);
  });

  it('is read however the form writes it, stored with each proposal, and a moved point is a change', async () => {
    const r = await ok<ProposalsImportReport>('projects.importApply', { uploadId: upload('แบบเสนอ.csv', requestForm(FORM)) });
    expect(r).toMatchObject({ roundId, newCount: 5, rejectedCount: 0 });
    expect(points()).toEqual({
      ขุดลอกคลองสาธารณะ: { lat: 14.56, lon: 101 },
      ก่อสร้างถนนคอนกรีต: { lat: 14.565, lon: 101.005 },
      ซ่อมแซมฝาย: { lat: 14.531194, lon: 100.910389 },
      ไฟส่องสว่าง: { lat: 14.4321, lon: 101.1234 },
      ฝึกอาชีพ: null,
    });
    const again = await ok<ProposalsImportReport>('projects.importApply', { uploadId: upload('แบบเสนอ.csv', requestForm(FORM)) });
    expect(again).toMatchObject({ newCount: 0, changedCount: 0, unchangedCount: 5 });
    // The same points in their own columns: the same proposals, unchanged.
    const columns = [
      'แบบเสนอโครงการ ประจำปีงบประมาณ พ.ศ. ๒๕๗๓',
      'ชื่อโครงการ,หน่วยงานรับผิดชอบ,พื้นที่ดำเนินการ,Latitude,Longitude,งบประมาณ (บาท)',
      ...FORM.slice(0, 2).map((row) => {
        const [lat, lon] = row === FORM[0] ? ['14.56', '101.00'] : ['14.565', '101.005'];
        return [row[0], row[1], row[2], lat, lon, row[4]].map((c) => `"${c}"`).join(',');
      }),
    ].join('\n');
    const same = await ok<ProposalsImportReport>('projects.importApply', { uploadId: upload('คอลัมน์.csv', columns) });
    expect(same).toMatchObject({ newCount: 0, changedCount: 0, unchangedCount: 2 });
    // A point moved: the proposal changes, its audit names the point.
    const moved = FORM.map((row, i) => (i === 0 ? [...row.slice(0, 3), '14.57, 101.00', row[4]] : row));
    const changed = await ok<ProposalsImportReport>('projects.importApply', {
      uploadId: upload('แบบเสนอ.csv', requestForm(moved)),
    });
    expect(changed).toMatchObject({ changedCount: 1, unchangedCount: 4 });
    expect(points()['ขุดลอกคลองสาธารณะ']).toEqual({ lat: 14.57, lon: 101 });
    const audit = core()
      .store.sqlite.prepare("SELECT payload_json FROM audit_event WHERE kind = 'proposals.imported' ORDER BY id DESC LIMIT 1")
      .pluck()
      .get() as string;
    expect(JSON.parse(audit)).toMatchObject({ changed: 1 });
  });

  it('is in the proposals export', () => {
    const lines = [...exportProposalLines(core().store.sqlite, proposalExportRounds(core().store.sqlite, 2573))].map(
      (l) => JSON.parse(l) as Record<string, unknown>,
    );
    const byName = new Map(lines.map((l) => [l['name'], l]));
    expect(byName.get('ขุดลอกคลองสาธารณะ')).toMatchObject({ lat: 14.57, lon: 101 });
    expect(byName.get('ฝึกอาชีพ')).toMatchObject({ lat: null, lon: null });
  });
});

describe("a proposal's point outside the tambons it covers", () => {
  it('is named in the preview and the report (row and tambon), and kept as given', async () => {
    // ตาลเดี่ยว's boundary as a square around 14.56 N, 101.00 E.
    await ok('reference.importAreas', { uploadId: upload('ตาลเดี่ยว.geojson', squareTambon('190203', [101.0, 14.56])) });
    const file = requestForm([
      ['ขุดลอกคลองสาธารณะ', 'อบต.ตาลเดี่ยว', 'ต.ตาลเดี่ยว อ.แก่งคอย', '14.56, 101.00', '300,000'],
      ['ก่อสร้างถนนคอนกรีต', 'อบต.ตาลเดี่ยว', 'ต.ตาลเดี่ยว อ.แก่งคอย', '14.60, 100.90', '500,000'],
      // ปากเพรียว has no stored boundary: its point is not judged.
      ['ซ่อมแซมฝาย', 'อบต.ปากเพรียว', 'ต.ปากเพรียว อ.เมืองสระบุรี', '14.60, 100.90', '200,000'],
    ]);
    const preview = await ok<ProposalsImportPreview>('projects.importPreview', { uploadId: upload('นอกเขต.csv', file) });
    expect(preview.problemCount).toBe(0);
    expect(preview.notes).toEqual([
      {
        en: '1 proposal(s) have a point outside the tambons they cover (row 4: ตาลเดี่ยว): the area or the point may be wrong; kept as given',
        th: 'โครงการ 1 โครงการมีพิกัดอยู่นอกตำบลที่ดำเนินการ (แถวที่ 4: ตำบลตาลเดี่ยว) พื้นที่หรือพิกัดอาจไม่ถูกต้อง ระบบเก็บตามที่ระบุ',
      },
    ]);
    const report = await ok<ProposalsImportReport>('projects.importApply', { uploadId: upload('นอกเขต.csv', file) });
    expect(report.rejectedCount).toBe(0);
    expect(report.mappingNotes).toEqual(expect.arrayContaining([...preview.notes!]));
    expect(points()['ก่อสร้างถนนคอนกรีต']).toEqual({ lat: 14.6, lon: 100.9 });
  });

  it("is a warning of the proposal's form when given or when the areas move, saved as given; not on other edits", async () => {
    const warning = {
      en: 'the point lies outside the tambons the proposal covers (ตาลเดี่ยว): the area or the point may be wrong; saved as given',
      th: 'พิกัดอยู่นอกตำบลที่ดำเนินการ (ตำบลตาลเดี่ยว) พื้นที่หรือพิกัดอาจไม่ถูกต้อง ระบบบันทึกตามที่ระบุ',
    };
    const proposal = {
      code: 'PT-F',
      title: 'ขุดลอกคลองในแบบฟอร์ม',
      level: 'local',
      agency: 'อบต.ตาลเดี่ยว',
      developmentIssueNo: null,
      scope: 'tambons',
      tambonCodes: ['190203'],
      districtCode: null,
      operating: 0,
      investment: 30_000_000,
      minimum: null,
      people: null,
      households: null,
      agencyPriority: null,
      point: { lat: 14.6, lon: 100.9 },
      readiness: [],
      kpis: [],
    };
    const created = await ok<ProposalWriteResult>('projects.create', { roundId, proposal });
    expect(created.pointOutside).toEqual(warning);
    expect(points()['ขุดลอกคลองในแบบฟอร์ม']).toEqual({ lat: 14.6, lon: 100.9 });
    const detail = () => ok<ProposalDetail>('projects.get', { projectId: created.id });
    // Another field edited: the point is not judged again.
    const described = await ok<ProposalWriteResult>(
      'projects.update',
      proposalEditArgs(await detail(), { description: 'ยาว 2 กม.' }),
    );
    expect(described.kind).toBe('changed');
    expect(described.pointOutside).toBeUndefined();
    // The point moved inside: no warning; the areas moved to a tambon without a boundary: nothing to judge.
    const inside = await ok<ProposalWriteResult>(
      'projects.update',
      proposalEditArgs(await detail(), { point: { lat: 14.56, lon: 101 } }),
    );
    expect(inside.pointOutside).toBeUndefined();
    const moved = await ok<ProposalWriteResult>('projects.update', proposalEditArgs(await detail(), { tambonCodes: ['190101'] }));
    expect(moved.pointOutside).toBeUndefined();
    // Back to ตาลเดี่ยว with the point outside it.
    const back = await ok<ProposalWriteResult>(
      'projects.update',
      proposalEditArgs(await detail(), { tambonCodes: ['190203'], point: { lat: 14.6, lon: 100.9 } }),
    );
    expect(back.pointOutside).toEqual(warning);
    // The grid's rows say which proposals have a point outside their tambons, and only those.
    const rows = await ok<ProposalDetail[]>('projects.details', { roundId });
    const flagged = rows.filter((r) => r.pointOutside).map((r) => r.code);
    expect(flagged).toContain('PT-F');
    expect(rows.find((r) => r.title === 'ขุดลอกคลองสาธารณะ')?.pointOutside).toBeUndefined();
    expect(rows.find((r) => r.title === 'ก่อสร้างถนนคอนกรีต' && r.point?.lat === 14.6)?.pointOutside).toBe(true);
    expect((await detail()).pointOutside).toBe(true);
  });
});
