/**
 * The blank forms of the imports on a real database, through the handlers: every heading maps to its field, the
 * round's lists are the drop-downs, and a form filled in as an agency or a district would (in a spreadsheet program,
 * here with ExcelJS) imports without a question; the form alone imports nothing and says so.
 */
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import type { DownloadRef } from '../../../shared/api/downloads';
import type {
  ImportPreview,
  ProposalsImportPreview,
  ProposalsImportReport,
  RoundDetail,
  SyncReport,
} from '../../../shared/api/types';
import { everyTable, owner, useTestCore } from '../handlers/test-core';
import { listProposals } from '../services/proposal-store';
import { TEMPLATE_HEADER_ROW, TEMPLATE_ROWS } from './import-templates';

const { core, ok, upload, download } = useTestCore('chipao-templates-', { needs: 50, projects: 4 });

let roundId = 0;

beforeAll(async () => {
  const r = await ok<RoundDetail>('rounds.create', { fiscalYear: 2574, name: 'รอบ ๒๕๗๔', ceiling: 25_000_000_000 });
  roundId = r.id;
  await ok('developmentIssues.set', {
    roundId,
    issues: [
      { no: 1, titleTh: 'น้ำเพื่อการเกษตรและอุปโภคบริโภค', titleEn: 'Water', approaches: [] },
      { no: 2, titleTh: 'โครงสร้างพื้นฐานและคมนาคม', titleEn: 'Infrastructure', approaches: [] },
    ],
  });
});

async function template(kind: 'needs' | 'proposals'): Promise<Buffer> {
  const file = await ok<DownloadRef>('imports.template', { kind, roundId });
  expect(file.fileName).toMatch(kind === 'needs' ? /แบบสำรวจความต้องการ-FY2574\.xlsx$/u : /แบบเสนอโครงการ-FY2574\.xlsx$/u);
  return download(file);
}

/** The form filled in below its headings, as a spreadsheet program saves it. */
async function filled(form: Buffer, rows: readonly (readonly (string | number | null)[])[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(form as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  rows.forEach((r, i) => r.forEach((v, j) => (ws.getCell(TEMPLATE_HEADER_ROW + 1 + i, j + 1).value = v)));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('the request form (proposals)', () => {
  it("is headed as the import reads it, with the round's issues and the districts as drop-downs", async () => {
    const form = await template('proposals');
    const book = XLSX.read(form);
    expect(book.SheetNames).toEqual(['แบบเสนอโครงการ', 'คำอธิบาย', 'รายการ']);
    expect(book.Workbook?.Sheets?.[2]?.Hidden).toBe(1);
    const first = XLSX.utils.sheet_to_json<unknown[]>(book.Sheets['แบบเสนอโครงการ']!, { header: 1 });
    expect(first[0]).toEqual(['แบบเสนอโครงการ ประจำปีงบประมาณ พ.ศ. 2574 จังหวัดสระบุรี']);
    const lists = XLSX.utils.sheet_to_json<unknown[]>(book.Sheets['รายการ']!, { header: 1 });
    expect(lists.map((r) => r[0]).filter(Boolean)).toEqual([
      'ประเด็นการพัฒนา',
      '1. น้ำเพื่อการเกษตรและอุปโภคบริโภค',
      '2. โครงสร้างพื้นฐานและคมนาคม',
    ]);
    expect(lists.map((r) => r[1]).filter(Boolean)).toContain('แก่งคอย');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(form as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell(TEMPLATE_HEADER_ROW + TEMPLATE_ROWS, 5).dataValidation).toMatchObject({ type: 'list' });
    expect(ws.getCell(TEMPLATE_HEADER_ROW + 1, 9).numFmt).toBe('#,##0.00');

    // Filled in: every column read, nothing asked.
    const file = await filled(form, [
      [
        null,
        'ขุดลอกคลองส่งน้ำ',
        'อบต.ตาลเดี่ยว',
        1,
        '1. น้ำเพื่อการเกษตรและอุปโภคบริโภค',
        'แก่งคอย',
        'ตาลเดี่ยว',
        '14.5610, 100.9975',
        0,
        450000,
        300000,
        1200,
        310,
        'แบบรูปรายการ, ที่ดิน',
        'คลองยาว 2 กม.',
        'น้ำไม่พอใช้ในหน้าแล้ง',
      ],
      ['RF-2', 'ก่อสร้างถนนคอนกรีต', 'อบต.ทับกวาง', 2, '2. โครงสร้างพื้นฐานและคมนาคม', 'แก่งคอย', 'ทับกวาง, ชะอม', null, 20000, 880000],
    ]);
    const preview = await ok<ProposalsImportPreview>('projects.importPreview', { uploadId: upload('แบบเสนอ.xlsx', file) });
    expect(preview.problems).toEqual([]);
    expect(preview.roundId).toBe(roundId);
    expect(Object.keys(preview.parts[0]!.mapping).sort()).toEqual(
      [
        'code',
        'title',
        'agency',
        'priority',
        'development_issue',
        'district',
        'areas',
        'coords',
        'operating',
        'investment',
        'minimum',
        'people',
        'households',
        'readiness',
        'kpi',
        'description',
      ].sort(),
    );
    const r = await ok<ProposalsImportReport>('projects.importApply', { uploadId: upload('แบบเสนอ.xlsx', file) });
    expect(r).toMatchObject({ roundId, newCount: 2, rejectedCount: 0 });
    const byTitle = new Map(listProposals(core().store.sqlite, roundId).map((p) => [p.title, p]));
    expect(byTitle.get('ขุดลอกคลองส่งน้ำ')).toMatchObject({
      agencyPriority: 1,
      developmentIssueNo: 1,
      tambonCodes: ['190203'],
      point: { lat: 14.561, lon: 100.9975 },
      operating: 0,
      investment: 45_000_000,
      minimum: 30_000_000,
      people: 1200,
      households: 310,
      readiness: ['design', 'land'],
    });
    expect(byTitle.get('ก่อสร้างถนนคอนกรีต')).toMatchObject({ code: 'RF-2', developmentIssueNo: 2, point: null });
    expect(byTitle.get('ก่อสร้างถนนคอนกรีต')!.coveredTambons).toHaveLength(2);
  });

  it('sent back empty imports nothing and says there is no row', async () => {
    const before = everyTable(core());
    const form = await template('proposals');
    const refused = await core().call('projects.importApply', { uploadId: upload('ว่าง.xlsx', form) }, owner);
    expect(refused.ok).toBe(false);
    if (!refused.ok)
      expect(refused.error.problems?.[0]).toMatchObject({ code: 'EMPTY_FILE', th: 'ไฟล์มีแต่หัวตาราง ไม่มีรายการโครงการ' });
    expect(everyTable(core())).toEqual(before);
  });
});

describe('the needs form', () => {
  it('is headed as the import reads it, and a district filling it in imports without a question', async () => {
    const form = await template('needs');
    const book = XLSX.read(form);
    expect(book.SheetNames).toEqual(['ความต้องการ', 'คำอธิบาย', 'รายการ']);
    const file = await filled(form, [
      [
        'แก่งคอย',
        'ตาลเดี่ยว',
        3,
        'ขอขุดลอกคลองส่งน้ำ (แบบฟอร์ม)',
        'น้ำอุปโภคบริโภคและน้ำเพื่อการเกษตร',
        80,
        25,
        2,
        'ประชาคม',
        '15/9/2569',
        450000,
        '14.5610, 100.9975',
      ],
      ['แก่งคอย', 'ทับกวาง', null, 'ขอซ่อมถนนลูกรัง (แบบฟอร์ม)', 'ถนน สะพาน และการคมนาคม', 45, null, null, 'LINE', null, null, null],
    ]);
    const preview = await ok<ImportPreview>('needs.importPreview', { uploadId: upload('แบบสำรวจ.xlsx', file) });
    expect(preview.problems).toEqual([]);
    expect(preview.valid).toBe(2);
    expect(Object.keys(preview.parts[0]!.mapping).sort()).toEqual(
      [
        'district',
        'tambon',
        'village_no',
        'title',
        'category',
        'people_affected',
        'households',
        'times_raised',
        'channel',
        'reported_date',
        'estimated_cost',
        'coords',
      ].sort(),
    );
    const report = await ok<SyncReport>('needs.importApply', { uploadId: upload('แบบสำรวจ.xlsx', file) });
    expect(report.newCount).toBe(2);
    const stored = core()
      .store.sqlite.prepare(
        `SELECT tambon_code, village_no, category, people_affected, households, times_raised, channel, reported_date,
           estimated_cost, lat, lon FROM need WHERE title LIKE '%(แบบฟอร์ม)' ORDER BY title`,
      )
      .all();
    expect(stored).toEqual(
      [
        {
          tambon_code: '190203',
          village_no: 3,
          category: 'water',
          people_affected: 80,
          households: 25,
          times_raised: 2,
          channel: 'ประชาคม',
          reported_date: '2026-09-15',
          estimated_cost: 45_000_000,
          lat: 14.561,
          lon: 100.9975,
        },
        {
          tambon_code: '190202',
          village_no: null,
          category: 'roads_transport',
          people_affected: 45,
          households: 0,
          times_raised: 1,
          channel: 'LINE',
          reported_date: null,
          estimated_cost: null,
          lat: null,
          lon: null,
        },
      ].sort((a, b) => (a.tambon_code < b.tambon_code ? 1 : -1)),
    );
  });

  it('is for the owner only', async () => {
    const member = { role: 'member' as const, actor: 'member:1@192.168.1.20', transport: 'websocket' as const };
    const r = await core().call('imports.template', { kind: 'needs', roundId }, member);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('FORBIDDEN');
  });
});
