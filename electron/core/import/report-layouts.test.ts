/**
 * Needs and proposals from workbooks laid out as district offices' reports rather than tables: a cover or
 * instructions sheet before the data, one sheet per district named after it, section headings ("ตำบลเสาไห้" alone on
 * a row, or merged across it) whose area fills the rows under them, subtotals, and a signature block under the table.
 */
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import type { ImportPreview, ProposalsImportPreview, RoundDetail, SyncReport } from '../../../shared/api/types';
import { win874 } from '../../../test/fixtures/needs-files';
import { PROPOSAL_ISSUES } from '../../../test/fixtures/proposals-files';
import { writeZip } from '../../../test/fixtures/zip-writer';
import { owner, useTestCore } from '../handlers/test-core';

const { core, ok, upload } = useTestCore('chipao-layouts-', { needs: 50, projects: 5 });

type Sheet = Readonly<{ name: string; rows: readonly (readonly (string | number | null)[])[]; merges?: XLSX.Range[] }>;

function workbook(...sheets: readonly Sheet[]): Buffer {
  const wb = XLSX.utils.book_new();
  for (const s of sheets) {
    const ws = XLSX.utils.aoa_to_sheet(s.rows.map((r) => [...r]));
    if (s.merges) ws['!merges'] = s.merges;
    XLSX.utils.book_append_sheet(wb, ws, s.name);
  }
  return XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
}

async function preview(name: string, bytes: Buffer): Promise<ImportPreview> {
  return ok<ImportPreview>('needs.importPreview', { uploadId: upload(name, bytes) });
}

function stored(batchId: number | null): { title: string; tambon: string; district: string; village: number | null }[] {
  return core()
    .store.sqlite.prepare(
      `SELECT n.title, t.name_th AS tambon, t.district_code AS district, n.village_no AS village
         FROM need n JOIN area_tambon t ON t.code = n.tambon_code WHERE n.batch_id = ? ORDER BY n.id`,
    )
    .all(batchId) as { title: string; tambon: string; district: string; village: number | null }[];
}

const COVER: Sheet = {
  name: 'คำชี้แจง',
  rows: [
    ['แบบรายงานความต้องการของประชาชน', null, null, null, null],
    ['กรอกข้อมูลในแผ่นงาน "ข้อมูล" ตามแบบฟอร์ม'],
    [],
    ['ติดต่อ: สำนักงานจังหวัด โทร 036 000 000'],
  ],
  // The title merged across five columns (filled into each when read): still one text, no table.
  merges: [{ s: { r: 0, c: 0 }, e: { r: 0, c: 4 } }],
};

/** A district's report: title rows, header, tambon headings, a subtotal, a grand total, and the signature block. */
const REPORT: Sheet = {
  name: 'อ.เสาไห้',
  rows: [
    ['สรุปปัญหาความต้องการของประชาชน'],
    ['อำเภอเสาไห้ จังหวัดสระบุรี ประจำปีงบประมาณ พ.ศ. 2570'],
    [],
    ['ลำดับ', 'หมู่ที่', 'ปัญหา', 'ด้าน', 'จำนวนประชาชน (คน)', 'งบประมาณ (บาท)'],
    ['ตำบลเสาไห้ (3 หมู่บ้าน)'],
    [1, 'ม.1', 'ถนนลูกรังชำรุด', 'โครงสร้างพื้นฐาน', '๑,๒๐๐', '1,250,000.00'],
    [2, 'หมู่ที่ ๓ บ้านหนองโน', 'ประปาหมู่บ้านไม่เพียงพอ', 'น้ำ', 350, 480000],
    ['', 'รวมตำบลเสาไห้', '', '', 1550, 1730000],
    ['ตำบลม่วงงาม', 'ตำบลม่วงงาม', 'ตำบลม่วงงาม', 'ตำบลม่วงงาม', 'ตำบลม่วงงาม', 'ตำบลม่วงงาม'],
    [3, 'หมู่ 2', 'ไฟฟ้าส่องสว่างไม่มี', 'ไฟฟ้า', '80 คน', '95,000'],
    ['', 'รวมทั้งสิ้น', '', '', 1630, 1825000],
    [],
    ['', '', 'ลงชื่อ ............................ ผู้รายงาน'],
    ['', '', '(นายสมชาย ใจดี)'],
    ['', '', 'ปลัดอำเภอเสาไห้'],
    ['หมายเหตุ: ข้อมูลจากเวทีประชาคมหมู่บ้าน'],
  ],
  // The second heading merged across the row, as reports draw it.
  merges: [{ s: { r: 8, c: 0 }, e: { r: 8, c: 5 } }],
};

describe('report layouts', () => {
  it('reads a district report: headings fill the tambon, the sheet name the district; totals, signatures and the cover are passed over', async () => {
    const bytes = workbook(COVER, REPORT);
    const p = await preview('saohai-report.xlsx', bytes);
    expect(p.problems).toEqual([]);
    expect(p.valid).toBe(3);
    expect(p.parts.map((x) => [x.name, x.headerRow])).toEqual([
      ['saohai-report.xlsx#คำชี้แจง', null],
      ['saohai-report.xlsx#อ.เสาไห้', 4],
    ]);
    expect(p.parts[1]!.skipped).toEqual({ blank: 1, total: 2, header: 0, numbers: 0, section: 2, footer: 4, year: 0 });
    const report = await ok<SyncReport>('needs.importApply', { uploadId: upload('saohai-report.xlsx', bytes) });
    expect(report).toMatchObject({ newCount: 3, rejectedCount: 0 });
    expect(stored(report.batchId)).toEqual([
      { title: 'ถนนลูกรังชำรุด', tambon: 'เสาไห้', district: '1910', village: 1 },
      { title: 'ประปาหมู่บ้านไม่เพียงพอ', tambon: 'เสาไห้', district: '1910', village: 3 },
      { title: 'ไฟฟ้าส่องสว่างไม่มี', tambon: 'ม่วงงาม', district: '1910', village: 2 },
    ]);
  });

  it('a tambon column wins over the heading above it; a row under no heading and without a tambon is refused with its row', async () => {
    const p = await preview(
      'mixed.xlsx',
      workbook({
        name: 'Sheet1',
        rows: [
          ['ตำบล', 'ปัญหา', 'ด้าน', 'จำนวนคน'],
          ['', 'ขุดลอกคลอง', 'น้ำ', 40],
          ['ตำบลเสาไห้'],
          ['ม่วงงาม', 'ถนนคอนกรีต', 'โครงสร้างพื้นฐาน', 90],
          ['', 'ซ่อมฝาย', 'น้ำ', 12],
        ],
      }),
    );
    expect(p.valid).toBe(2);
    expect(p.problems).toEqual([expect.objectContaining({ line: 2, column: 'ตำบล', code: 'REQUIRED' })]);
  });

  it('a district heading ends the tambon heading above it', async () => {
    const p = await preview(
      'two-districts.xlsx',
      workbook({
        name: 'รวม',
        rows: [
          ['หมู่', 'ปัญหา', 'ด้าน', 'จำนวนคน'],
          ['อำเภอเสาไห้'],
          ['ตำบลเสาไห้'],
          [1, 'ขุดลอกคลอง', 'น้ำ', 40],
          ['อำเภอหนองแค'],
          [2, 'ถนนคอนกรีต', 'โครงสร้างพื้นฐาน', 90],
        ],
      }),
    );
    expect(p.valid).toBe(1);
    expect(p.problems).toEqual([expect.objectContaining({ line: 6, code: 'REQUIRED' })]);
  });

  it('a data row after the signature block is read again; a bad village number is refused with its place', async () => {
    const p = await preview(
      'pages.xlsx',
      workbook({
        name: 'Sheet1',
        rows: [
          ['ตำบล', 'หมู่ที่', 'ปัญหา', 'ด้าน', 'จำนวนคน'],
          ['เสาไห้', 1, 'ขุดลอกคลอง', 'น้ำ', 40],
          ['', '', 'ลงชื่อ ................ ผู้รายงาน'],
          ['', '', '(นางสาวสมศรี ใจงาม)'],
          ['ม่วงงาม', 'หมู่ที่ 2', 'ถนนคอนกรีต', 'โครงสร้างพื้นฐาน', 90],
          ['ม่วงงาม', 'หมู่บ้านใหม่', 'ซ่อมฝาย', 'น้ำ', 12],
        ],
      }),
    );
    expect(p.valid).toBe(2);
    expect(p.parts[0]!.skipped.footer).toBe(2);
    expect(p.problems).toEqual([expect.objectContaining({ line: 6, column: 'หมู่ที่', code: 'BAD_VILLAGE' })]);
  });

  it('a column headed in millions reads its numbers as millions; a dash says nothing; a village named before its number', async () => {
    const bytes = workbook({
      name: 'Sheet1',
      rows: [
        ['ตำบล', 'ชื่อหมู่บ้าน', 'ปัญหา', 'ด้าน', 'จำนวนคน', 'งบประมาณ (ล้านบาท)'],
        ['เสาไห้', 'บ้านหนองโน ม.3', 'ขุดลอกคลอง', 'น้ำ', 40, 1.25],
        ['เสาไห้', '-', 'ซ่อมถนน', 'โครงสร้างพื้นฐาน', 12, '-'],
        ['ม่วงงาม', 'หมู่ที่ 2', 'ไฟฟ้า', 'ไฟฟ้า', 9, '480,000 บาท'],
      ],
    });
    const report = await ok<SyncReport>('needs.importApply', { uploadId: upload('millions.xlsx', bytes) });
    expect(report).toMatchObject({ newCount: 3, rejectedCount: 0 });
    const rows = core()
      .store.sqlite.prepare(
        'SELECT title, village_no AS village, estimated_cost AS cost FROM need WHERE batch_id = ? ORDER BY id',
      )
      .all(report.batchId);
    expect(rows).toEqual([
      { title: 'ขุดลอกคลอง', village: 3, cost: 125_000_000 },
      { title: 'ซ่อมถนน', village: null, cost: null },
      { title: 'ไฟฟ้า', village: 2, cost: 48_000_000 },
    ]);
  });

  it("an HTML report's title above its table (a web system's \"Excel\" export in Windows-874) names the rows' tambon", async () => {
    const page =
      '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-874"><title>รายงาน</title></head><body>' +
      '<h3>รายงานสรุปความต้องการของประชาชน ตำบลตาลเดี่ยว อำเภอแก่งคอย</h3><table border=1>' +
      '<tr><td colspan=5>ข้อมูล ณ วันที่ 30 กันยายน 2569</td></tr>' +
      '<tr><th>ลำดับ</th><th>หมู่ที่</th><th>ปัญหา/ความต้องการ</th><th>ด้าน</th><th>จำนวนคน</th></tr>' +
      '<tr><td>1</td><td>3</td><td>ขอขยายเขตไฟฟ้า</td><td>ไฟฟ้า</td><td>1,200</td></tr>' +
      '<tr><td>2</td><td>5</td><td>ขุดลอกคลองส่งน้ำ</td><td>แหล่งน้ำ</td><td>300</td></tr>' +
      '<tr><td colspan=4>รวม</td><td>1,500</td></tr></table></body></html>';
    const bytes = win874(page);
    const report = await ok<SyncReport>('needs.importApply', { uploadId: upload('elaas-report.xls', bytes) });
    expect(report).toMatchObject({ newCount: 2, rejectedCount: 0 });
    // The total is row 6 as Excel shows the page: the title above the table is its first row.
    expect(report.totalRows).toMatchObject({ count: 1, first: [{ row: 6 }] });
    expect(stored(report.batchId)).toEqual([
      { title: 'ขอขยายเขตไฟฟ้า', tambon: 'ตาลเดี่ยว', district: '1902', village: 3 },
      { title: 'ขุดลอกคลองส่งน้ำ', tambon: 'ตาลเดี่ยว', district: '1902', village: 5 },
    ]);
  });

  it('a workbook of notes alone has no header: refused, nothing written', async () => {
    const p = await preview('cover-only.xlsx', workbook(COVER, { name: 'ลงนาม', rows: [['ลงชื่อ ..........'], ['ผู้รายงาน']] }));
    expect(p.valid).toBe(0);
    expect(p.problems.map((x) => [x.code, x.column])).toEqual([
      ['NO_HEADER', 'cover-only.xlsx#คำชี้แจง'],
      ['NO_HEADER', 'cover-only.xlsx#ลงนาม'],
      ['EMPTY_FILE', undefined],
    ]);
  });

  it("a summary sheet before the list is passed over and named; alone, it is refused with the list's missing columns", async () => {
    const summary: Sheet = {
      name: 'สรุป',
      rows: [
        ['สรุปความต้องการของประชาชน อำเภอเสาไห้'],
        ['ตำบล', 'จำนวนหมู่บ้าน', 'จำนวนความต้องการ (เรื่อง)', 'จำนวนประชาชน (คน)', 'งบประมาณ (บาท)'],
        ['เสาไห้', 2, 2, 1550, 1730000],
        ['ม่วงงาม', 1, 1, 80, 95000],
        ['รวม', 3, 3, 1630, 1825000],
      ],
    };
    const bytes = workbook(summary, REPORT);
    const p = await preview('summary-first.xlsx', bytes);
    expect(p.problems).toEqual([]);
    expect(p.valid).toBe(3);
    expect(p.parts.map((x) => [x.name, x.headerRow, x.summary ?? false])).toEqual([
      ['summary-first.xlsx#สรุป', null, true],
      ['summary-first.xlsx#อ.เสาไห้', 4, false],
    ]);
    const report = await ok<SyncReport>('needs.importApply', { uploadId: upload('summary-first.xlsx', bytes) });
    expect(report).toMatchObject({ newCount: 3, rejectedCount: 0 });
    expect(stored(report.batchId).map((n) => n.title)).toEqual(['ถนนลูกรังชำรุด', 'ประปาหมู่บ้านไม่เพียงพอ', 'ไฟฟ้าส่องสว่างไม่มี']);
    expect(report.mappingNotes).toContainEqual({
      en: "sheet 'summary-first.xlsx#สรุป' was passed over: a summary (it counts the records and lists none)",
      th: "ข้ามแผ่นงาน 'summary-first.xlsx#สรุป': เป็นตารางสรุป (นับจำนวนรายการ ไม่ได้แสดงรายการ)",
    });
    // The summary alone, or beside a sheet that is no list, is read as it is: refused for the columns it lacks.
    const alone = await preview('summary-only.xlsx', workbook(summary, COVER));
    expect(alone.valid).toBe(0);
    expect(alone.parts[0]!.summary).toBeUndefined();
    expect(alone.problems.map((x) => [x.code, x.column])).toEqual(
      expect.arrayContaining([['MISSING_COLUMN', 'summary-only.xlsx#สรุป']]),
    );
  });

  it('reads only the sheets chosen, by sheet or part name; a sheet the file lacks is refused, naming its sheets', async () => {
    const year = (name: string, title: string): Sheet => ({
      name,
      rows: [
        ['ตำบล', 'หมู่ที่', 'ปัญหา', 'ด้าน', 'จำนวนคน'],
        ['เสาไห้', 1, title, 'น้ำ', 40],
      ],
    });
    const bytes = workbook(year('ปี 2568', 'ขุดลอกคลองปีก่อน'), year('ปี 2569', 'ขุดลอกคลองปีนี้'));
    const all = await preview('two-years.xlsx', bytes);
    expect(all.valid).toBe(2);
    const p = await ok<ImportPreview>('needs.importPreview', { uploadId: upload('two-years.xlsx', bytes), sheets: ['ปี 2569'] });
    expect(p.valid).toBe(1);
    expect(p.parts.map((x) => [x.name, x.notChosen ?? false])).toEqual([
      ['two-years.xlsx#ปี 2568', true],
      ['two-years.xlsx#ปี 2569', false],
    ]);
    const report = await ok<SyncReport>('needs.importApply', {
      uploadId: upload('two-years.xlsx', bytes),
      sheets: ['two-years.xlsx#ปี 2569'],
    });
    expect(stored(report.batchId).map((n) => n.title)).toEqual(['ขุดลอกคลองปีนี้']);
    const wrong = await ok<ImportPreview>('needs.importPreview', {
      uploadId: upload('two-years.xlsx', bytes),
      sheets: ['ปี 2570'],
    });
    expect(wrong.problems).toEqual([
      expect.objectContaining({
        line: 0,
        code: 'UNKNOWN_SHEET',
        en: "the file has no sheet 'ปี 2570' (its sheets: ปี 2568, ปี 2569)",
      }),
    ]);
    const refused = await core().call(
      'needs.importApply',
      { uploadId: upload('two-years.xlsx', bytes), sheets: ['ปี 2570'] },
      owner,
    );
    expect(refused.ok).toBe(false);
  });

  it('a sheet that holds a table without a header is still refused beside a good one', async () => {
    const p = await preview(
      'unknown-table.xlsx',
      workbook(REPORT, {
        name: 'อื่น ๆ',
        rows: [
          ['ก', 'ข', 'ค'],
          ['1', '2', '3'],
        ],
      }),
    );
    expect(p.problems).toEqual([expect.objectContaining({ code: 'NO_HEADER', column: 'unknown-table.xlsx#อื่น ๆ' })]);
  });

  it('proposals: a tambon heading names the project area of the rows under it', async () => {
    const round = await ok<RoundDetail>('rounds.create', { fiscalYear: 2571, name: 'รอบ ๒๕๗๑', ceiling: 25_000_000_000 });
    await ok('developmentIssues.set', { roundId: round.id, issues: PROPOSAL_ISSUES });
    const p = await ok<ProposalsImportPreview>('projects.importPreview', {
      uploadId: upload(
        'โครงการ อ.เสาไห้ 2571.xlsx',
        workbook({
          name: 'Sheet1',
          rows: [
            ['บัญชีโครงการ อำเภอเสาไห้ ประจำปีงบประมาณ พ.ศ. 2571'],
            ['ชื่อโครงการ', 'หน่วยงานรับผิดชอบ', 'ประเด็นการพัฒนา', 'งบประมาณ (บาท)'],
            ['ตำบลเสาไห้'],
            ['ขุดลอกคลองส่งน้ำ', 'อบต.เสาไห้', 1, '480,000'],
            ['ตำบลม่วงงาม'],
            ['ซ่อมถนนลูกรัง', 'อบต.ม่วงงาม', 2, '1,250,000.00'],
            [],
            ['', 'ลงชื่อ ............ ผู้เสนอโครงการ'],
          ],
        }),
      ),
    });
    expect(p.problems).toEqual([]);
    expect(p.valid).toBe(2);
    expect(p.parts[0]!.skipped).toMatchObject({ section: 2, footer: 1 });
    expect(p.fiscalYear).toBe(2571);
  });

  it('village and category headings fill the village and the category; a tambon heading ends the category met under the tambon before it', async () => {
    const rows = [
      ['ความต้องการของประชาชน อำเภอเสาไห้'],
      ['ลำดับ', 'ปัญหา', 'จำนวนประชาชน (คน)', 'งบประมาณ (บาท)'],
      ['ตำบลเสาไห้ (2 หมู่บ้าน)'],
      ['1. ด้านแหล่งน้ำ (2 เรื่อง)'],
      ['หมู่ที่ 3 บ้านหนองโน'],
      [1, 'ขุดลอกคลองส่งน้ำ', 120, 300000],
      ['บ้านโพธิ์ ม.๕'],
      [2, 'ประปาหมู่บ้านไม่เพียงพอ', 80, 450000],
      ['๒) ด้านโครงสร้างพื้นฐาน'],
      [3, 'ถนนลูกรังชำรุด', 200, '-'],
      ['ตำบลม่วงงาม'],
      ['หมวด: สาธารณสุข'],
      ['ม.2'],
      [4, 'ศูนย์สุขภาพชุมชนคับแคบ', 60, '95,000'],
      ['ตำบลบ้านยาง'],
      [5, 'ไฟส่องสว่างไม่มี', 40, ''],
    ];
    const bytes = workbook({ name: 'อ.เสาไห้', rows });
    const p = await preview('headings.xlsx', bytes);
    // Under ตำบลบ้านยาง no category heading is in force: that row alone is refused, with its place.
    expect(p.problems).toEqual([expect.objectContaining({ line: 16, column: 'ด้าน', code: 'REQUIRED' })]);
    expect(p.valid).toBe(4);
    expect(p.parts[0]!.skipped).toMatchObject({ section: 9 });
    const fixed = workbook({ name: 'อ.เสาไห้', rows: [...rows.slice(0, 14), ['ตำบลบ้านยาง'], ['ด้านไฟฟ้า'], rows[15]!] });
    const report = await ok<SyncReport>('needs.importApply', { uploadId: upload('headings.xlsx', fixed) });
    expect(report).toMatchObject({ newCount: 5, rejectedCount: 0 });
    const got = core()
      .store.sqlite.prepare(
        `SELECT n.title, t.name_th AS tambon, n.village_no AS village, n.category FROM need n
           JOIN area_tambon t ON t.code = n.tambon_code WHERE n.batch_id = ? ORDER BY n.id`,
      )
      .all(report.batchId);
    expect(got).toEqual([
      { title: 'ขุดลอกคลองส่งน้ำ', tambon: 'เสาไห้', village: 3, category: 'water' },
      { title: 'ประปาหมู่บ้านไม่เพียงพอ', tambon: 'เสาไห้', village: 5, category: 'water' },
      // The category heading ends the village heading met under the one before it.
      { title: 'ถนนลูกรังชำรุด', tambon: 'เสาไห้', village: null, category: 'roads_transport' },
      { title: 'ศูนย์สุขภาพชุมชนคับแคบ', tambon: 'ม่วงงาม', village: 2, category: 'health' },
      { title: 'ไฟส่องสว่างไม่มี', tambon: 'บ้านยาง', village: null, category: 'utilities_digital' },
    ]);
  });

  it('a count merged down over two needs is refused for both (it would be counted twice); a tambon merged down is not', async () => {
    const rows = [
      ['ตำบล', 'หมู่ที่', 'ความต้องการ', 'ด้าน', 'ผู้ได้รับผลกระทบ'],
      ['ทับกวาง', 1, 'ขุดลอกคลอง', 'น้ำ', 120],
      [null, 2, 'ซ่อมฝาย', 'น้ำ', null],
      ['ตาลเดี่ยว', 3, 'ซ่อมถนน', 'ถนน', 40],
    ];
    const merges = [
      { s: { r: 1, c: 0 }, e: { r: 2, c: 0 } },
      { s: { r: 1, c: 4 }, e: { r: 2, c: 4 } },
    ];
    const p = await preview('merged.xlsx', workbook({ name: 'สรุป', rows, merges }));
    expect(p.valid).toBe(1);
    expect(p.problems).toEqual([
      expect.objectContaining({ line: 2, column: 'ผู้ได้รับผลกระทบ', code: 'MERGED_QUANTITY', th: expect.stringContaining('E2:E3') }),
      expect.objectContaining({ line: 3, column: 'ผู้ได้รับผลกระทบ', code: 'MERGED_QUANTITY' }),
    ]);
    // Unmerged, each row with its own figure, the tambon still merged: all three read.
    const fixed = rows.map((r, i) => (i === 2 ? [null, 2, 'ซ่อมฝาย', 'น้ำ', 80] : r));
    const report = await ok<SyncReport>('needs.importApply', {
      uploadId: upload('merged.xlsx', workbook({ name: 'สรุป', rows: fixed, merges: [merges[0]!] })),
    });
    expect(report).toMatchObject({ newCount: 3, rejectedCount: 0 });
    expect(stored(report.batchId).map((n) => n.tambon)).toEqual(['ทับกวาง', 'ทับกวาง', 'ตาลเดี่ยว']);
  });

  it('a sheet named by a tambon alone heads its rows with that tambon; a name that is a district and a tambon names neither', async () => {
    const rows = (title: string): (string | number | null)[][] => [
      ['หมู่ที่', 'ความต้องการ', 'ด้าน', 'ผู้ได้รับผลกระทบ'],
      [1, title, 'น้ำ', 30],
    ];
    const bytes = workbook(
      { name: 'ทับกวาง', rows: rows('ขุดลอกคลองทับกวาง') },
      { name: 'ตาลเดี่ยว', rows: rows('ขุดลอกคลองตาลเดี่ยว') },
    );
    const report = await ok<SyncReport>('needs.importApply', { uploadId: upload('sheet-per-tambon.xlsx', bytes) });
    expect(report).toMatchObject({ newCount: 2, rejectedCount: 0 });
    expect(stored(report.batchId).map((n) => [n.title, n.tambon, n.district])).toEqual([
      ['ขุดลอกคลองทับกวาง', 'ทับกวาง', '1902'],
      ['ขุดลอกคลองตาลเดี่ยว', 'ตาลเดี่ยว', '1902'],
    ]);
    // "แก่งคอย" is a district and one of its tambons: the sheet's name says neither, so the tambon is missing.
    const p = await preview('kaeng-khoi.xlsx', workbook({ name: 'แก่งคอย', rows: rows('ขอถนน') }));
    expect(p.valid).toBe(0);
  });

  it('a title naming one district and one tambon heads the sheet; village headings under it; a title naming two tambons names none', async () => {
    const rows = (title: string): (string | number | null)[][] => [
      ['สรุปผลการจัดเวทีประชาคมหมู่บ้าน ประจำปีงบประมาณ พ.ศ. ๒๕๗๐'],
      [title],
      ['ที่', 'ปัญหา/ความต้องการ', 'ประเภท', 'จำนวนคน'],
      ['หมู่ที่ ๑ บ้านตาลเดี่ยว (๑๒๐ ครัวเรือน)'],
      ['๑', 'ก่อสร้างถนนคอนกรีตเสริมเหล็ก', 'ถนน', '๑๕๐'],
      ['หมู่ที่ ๒ บ้านห้วยบง'],
      ['๒', 'ติดตั้งไฟฟ้าส่องสว่าง', 'ไฟฟ้า', '๘๐'],
    ];
    const bytes = workbook({ name: 'Sheet1', rows: rows('องค์การบริหารส่วนตำบลตาลเดี่ยว อำเภอแก่งคอย จังหวัดสระบุรี') });
    const p = await preview('title-area.xlsx', bytes);
    expect(p.problems).toEqual([]);
    const report = await ok<SyncReport>('needs.importApply', { uploadId: upload('title-area.xlsx', bytes) });
    expect(stored(report.batchId)).toEqual([
      { title: 'ก่อสร้างถนนคอนกรีตเสริมเหล็ก', tambon: 'ตาลเดี่ยว', district: '1902', village: 1 },
      { title: 'ติดตั้งไฟฟ้าส่องสว่าง', tambon: 'ตาลเดี่ยว', district: '1902', village: 2 },
    ]);
    // Two tambons in the title ("และ" without a space): no tambon is taken from it.
    const two = await preview('two.xlsx', workbook({ name: 'Sheet1', rows: rows('ตำบลตาลเดี่ยว และตำบลห้วยแห้ง อำเภอแก่งคอย') }));
    expect(two.problems).toEqual([expect.objectContaining({ code: 'MISSING_COLUMN', column: 'two.xlsx' })]);
    // A single sheet's own name heads it as well.
    const named = await preview('named.xlsx', workbook({ name: 'ต.ตาลเดี่ยว', rows: rows('สรุปรวม') }));
    expect(named.problems).toEqual([]);
    expect(named.valid).toBe(2);
  });

  it('a tambon and village written once per group (no merge) hold for the rows under them; the preview counts them', async () => {
    const bytes = workbook({
      name: 'Sheet1',
      rows: [
        ['ตำบล', 'หมู่ที่', 'ความต้องการ', 'ด้าน', 'จำนวนคน'],
        ['ตาลเดี่ยว', 'ม.1', 'ถนน คสล.', 'ถนน', 120],
        ['', '', 'ประปาหมู่บ้าน', 'น้ำ', 90],
        ['', 'ม.2', 'ไฟฟ้าส่องสว่าง', 'ไฟฟ้า', 25],
        ['ห้วยแห้ง', 'ม.4', 'ขุดลอกคลอง', 'น้ำ', 60],
        ['', '', 'ศูนย์เด็กเล็ก', 'การศึกษา', 30],
      ],
    });
    const p = await preview('grouped.xlsx', bytes);
    expect(p.problems).toEqual([]);
    expect(p.parts[0]!.filledDown).toBe(3);
    const report = await ok<SyncReport>('needs.importApply', { uploadId: upload('grouped.xlsx', bytes) });
    expect(stored(report.batchId).map((n) => [n.title, n.tambon, n.village])).toEqual([
      ['ถนน คสล.', 'ตาลเดี่ยว', 1],
      ['ประปาหมู่บ้าน', 'ตาลเดี่ยว', 1],
      ['ไฟฟ้าส่องสว่าง', 'ตาลเดี่ยว', 2],
      ['ขุดลอกคลอง', 'ห้วยแห้ง', 4],
      ['ศูนย์เด็กเล็ก', 'ห้วยแห้ง', 4],
    ]);
  });

  it('the hidden lists sheet of a template (drop-down values under ตำบล and ด้าน) is passed over and named, in .xlsx and .xls', async () => {
    for (const bookType of ['xlsx', 'biff8'] as const) {
      const wb = XLSX.utils.book_new();
      XLSX.utils.book_append_sheet(
        wb,
        XLSX.utils.aoa_to_sheet([
          ['ตำบล', 'หมู่ที่', 'ความต้องการ', 'ด้าน', 'จำนวนคน'],
          ['ตาลเดี่ยว', 1, 'ถนน', 'ถนน', 100],
          ['ห้วยแห้ง', 2, 'ประปา', 'น้ำ', 50],
        ]),
        'แบบฟอร์ม',
      );
      XLSX.utils.book_append_sheet(
        wb,
        XLSX.utils.aoa_to_sheet([
          ['ตำบล', 'ด้าน'],
          ['ตาลเดี่ยว', 'ถนน'],
          ['ห้วยแห้ง', 'น้ำ'],
          ['', 'สาธารณสุข'],
        ]),
        'รายการ',
      );
      wb.Workbook = { Sheets: [{ Hidden: 0 }, { Hidden: 1 }] };
      const bytes = XLSX.write(wb, { type: 'buffer', bookType }) as Buffer;
      const name = bookType === 'xlsx' ? 'template.xlsx' : 'template.xls';
      const p = await preview(name, bytes);
      expect(p.problems).toEqual([]);
      expect(p.valid).toBe(2);
      expect(p.parts.map((x) => [x.name, x.hidden ?? false])).toEqual([
        [`${name}#แบบฟอร์ม`, false],
        [`${name}#รายการ`, true],
      ]);
      // Chosen alone, the hidden sheet is read as it is (its header names no needs' fields: refused for it).
      const alone = await ok<ImportPreview>('needs.importPreview', { uploadId: upload(name, bytes), sheets: ['รายการ'] });
      expect(alone.parts.map((x) => [x.hidden ?? false, x.notChosen ?? false])).toEqual([
        [false, true],
        [false, false],
      ]);
      expect(alone.problems[0]).toMatchObject({ line: 0, column: `${name}#รายการ` });
    }
  });

  it('a category heading over tambon headings stays in force across them', async () => {
    const p = await preview(
      'by-category.xlsx',
      workbook({
        name: 'Sheet1',
        rows: [
          ['ปัญหา', 'หมู่ที่', 'จำนวนคน'],
          ['ด้านแหล่งน้ำ'],
          ['ตำบลเสาไห้'],
          ['ขุดลอกคลอง', 1, 40],
          ['ตำบลม่วงงาม'],
          ['ซ่อมฝาย', 2, 12],
          ['ด้านการศึกษา'],
          ['ซ่อมฝาย', 2, 12],
        ],
      }),
    );
    expect(p.valid).toBe(2);
    // The second category heading ends the tambon heading met under the first.
    expect(p.problems).toEqual([expect.objectContaining({ line: 8, column: 'ตำบล', code: 'REQUIRED' })]);
  });

  it('proposals: amounts under a group headed in millions (merged across) are millions; a dash is no amount', async () => {
    const bytes = workbook({
      name: 'Sheet1',
      rows: [
        ['บัญชีรายการชุดโครงการ ประจำปีงบประมาณ พ.ศ. 2571'],
        ['ชื่อโครงการ', 'หน่วยงานรับผิดชอบ', 'ประเด็นการพัฒนา', 'พื้นที่ดำเนินการ', 'งบประมาณ (ล้านบาท)', null, null],
        ['ชื่อโครงการ', 'หน่วยงานรับผิดชอบ', 'ประเด็นการพัฒนา', 'พื้นที่ดำเนินการ', 'งบดำเนินงาน', 'งบลงทุน', 'รวม'],
        ['ขุดลอกคลองเพื่อการเกษตร', 'สำนักงานชลประทาน', 1, 'ต.ตะกุด', '-', 2.5, 2.5],
        ['ส่งเสริมอาชีพผู้สูงอายุ', 'พัฒนาสังคม', 3, 'อ.แก่งคอย', 0.35, '–', '0.35'],
      ],
      merges: [{ s: { r: 1, c: 4 }, e: { r: 1, c: 6 } }, ...[0, 1, 2, 3].map((c) => ({ s: { r: 1, c }, e: { r: 2, c } }))],
    });
    const r = await ok<{ batchId: number; newCount: number }>('projects.importApply', {
      uploadId: upload('บัญชีโครงการ 2571.xlsx', bytes),
    });
    expect(r.newCount).toBe(2);
    const rows = core()
      .store.sqlite.prepare("SELECT title, operating, investment FROM project WHERE code LIKE 'P-%' ORDER BY id")
      .all();
    expect(rows).toEqual([
      { title: 'ขุดลอกคลองเพื่อการเกษตร', operating: 0, investment: 250_000_000 },
      { title: 'ส่งเสริมอาชีพผู้สูงอายุ', operating: 35_000_000, investment: 0 },
    ]);
  });

  it('OpenDocument: an .ods report reads as the .xlsx does; an encrypted one is refused as password-protected', async () => {
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(REPORT.rows.map((r) => [...r])), 'อ.เสาไห้');
    const p = await preview('saohai.ods', XLSX.write(wb, { type: 'buffer', bookType: 'ods' }) as Buffer);
    expect(p.format).toBe('ods');
    expect(p.problems).toEqual([]);
    expect(p.valid).toBe(3);
    const locked = writeZip([
      { name: 'mimetype', data: 'application/vnd.oasis.opendocument.spreadsheet' },
      { name: 'content.xml', data: '<office:document-content/>' },
      { name: 'META-INF/manifest.xml', data: '<manifest:manifest><manifest:encryption-data/></manifest:manifest>' },
    ]);
    const r = await core().call('needs.importPreview', { uploadId: upload('locked.ods', locked) }, owner);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.problems?.[0]).toMatchObject({ code: 'ENCRYPTED_FILE' });
  });

  it('proposals: issue headings fill the development issue; plan and village headings are passed over', async () => {
    const round = await ok<RoundDetail>('rounds.create', { fiscalYear: 2572, name: 'รอบ ๒๕๗๒', ceiling: 25_000_000_000 });
    await ok('developmentIssues.set', { roundId: round.id, issues: PROPOSAL_ISSUES });
    const bytes = workbook({
      name: 'Sheet1',
      rows: [
        ['บัญชีโครงการ ประจำปีงบประมาณ พ.ศ. 2572'],
        ['ชื่อโครงการ', 'หน่วยงานรับผิดชอบ', 'พื้นที่ดำเนินการ', 'งบประมาณ (บาท)'],
        ['ประเด็นการพัฒนาที่ ๑ การบริหารจัดการน้ำ'],
        ['แผนงานการเกษตร'],
        ['ขุดลอกคลองส่งน้ำ', 'อบต.เสาไห้', 'ต.เสาไห้ อ.เสาไห้', '480,000'],
        ['ยุทธศาสตร์ที่ 2 โครงสร้างพื้นฐานและการคมนาคม'],
        ['ตำบลม่วงงาม'],
        ['หมู่ที่ 4 บ้านม่วงงาม'],
        ['ซ่อมถนนลูกรัง', 'อบต.ม่วงงาม', '', '1,250,000.00'],
      ],
    });
    const p = await ok<ProposalsImportPreview>('projects.importPreview', { uploadId: upload('โครงการ 2572.xlsx', bytes) });
    expect(p.problems).toEqual([]);
    expect(p.valid).toBe(2);
    expect(p.parts[0]!.skipped).toMatchObject({ section: 5 });
    const r = await ok<{ newCount: number }>('projects.importApply', { uploadId: upload('โครงการ 2572.xlsx', bytes) });
    expect(r.newCount).toBe(2);
    const got = core()
      .store.sqlite.prepare(`SELECT title, development_issue_no AS issue FROM project WHERE round_id = ? ORDER BY id`)
      .all(round.id);
    expect(got).toEqual([
      { title: 'ขุดลอกคลองส่งน้ำ', issue: 1 },
      { title: 'ซ่อมถนนลูกรัง', issue: 2 },
    ]);
  });

  it("a multi-year plan (ผ.02): the round year's column is read, projects planned for other years only are passed over", async () => {
    const round = await ok<RoundDetail>('rounds.create', { fiscalYear: 2573, name: 'รอบ ๒๕๗๓', ceiling: 25_000_000_000 });
    const plan = (merged: boolean): Buffer => {
      const top = ['ที่', 'โครงการ', 'เป้าหมาย (ผลผลิตของโครงการ)', 'งบประมาณ', '', '', 'หน่วยงานรับผิดชอบหลัก'];
      return workbook({
        name: 'ผ.02',
        rows: [
          ['รายละเอียดโครงการพัฒนา'],
          ['แผนพัฒนาท้องถิ่น (พ.ศ. ๒๕๗๒ - ๒๕๗๔)'],
          ['องค์การบริหารส่วนตำบลตาลเดี่ยว อำเภอแก่งคอย จังหวัดสระบุรี'],
          ['ยุทธศาสตร์ที่ 2 โครงสร้างพื้นฐาน'],
          merged ? top.map((t, c) => (c >= 3 && c <= 5 ? 'งบประมาณ' : t)) : top,
          ['', '', '', '2572 (บาท)', '2573 (บาท)', '2574 (บาท)', ''],
          [1, 'ก่อสร้างถนน คสล. หมู่ที่ 1', 'ยาว 200 ม.', '500,000', '-', '-', 'กองช่าง'],
          [2, 'ขุดลอกคลองส่งน้ำ หมู่ที่ 3', 'ยาว 1,000 ม.', '300,000', '350,000', '-', 'กองช่าง'],
          [3, 'ซ่อมฝาย', 'ฝาย 1 แห่ง', '', '', '', 'กองช่าง'],
          ['', 'รวม 3 โครงการ', '', '800,000', '350,000', '', ''],
        ],
        merges: merged ? [{ s: { r: 4, c: 3 }, e: { r: 4, c: 5 } }] : undefined,
      });
    };
    for (const merged of [false, true]) {
      const p = await ok<ProposalsImportPreview>('projects.importPreview', {
        uploadId: upload('ผ02.xlsx', plan(merged)),
        fiscalYear: 2573,
      });
      // The project without any amount is still refused with its row; the one planned for 2572 only is passed over.
      expect(p.problems).toEqual([expect.objectContaining({ line: 9, code: 'REQUIRED' })]);
      expect(p.valid).toBe(1);
      expect(p.parts[0]!.skipped).toMatchObject({ year: 1, total: 1 });
      expect(p.parts[0]!.labels[p.parts[0]!.mapping['requested']!]).toMatch(/2573/u);
    }
    const fixed = (merged: boolean): Buffer => {
      const wb = XLSX.read(plan(merged));
      const ws = wb.Sheets['ผ.02']!;
      XLSX.utils.sheet_add_aoa(ws, [[3, 'ซ่อมฝาย', 'ฝาย 1 แห่ง', '', '', '90,000', 'กองช่าง']], { origin: 'A9' });
      return XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
    };
    const r = await ok<{ newCount: number }>('projects.importApply', {
      uploadId: upload('ผ02.xlsx', fixed(false)),
      fiscalYear: 2573,
    });
    expect(r.newCount).toBe(1);
    const got = core()
      .store.sqlite.prepare(`SELECT title, requested, district_code AS district, agency, level FROM project WHERE round_id = ?`)
      .all(round.id);
    // The division named alone is the plan's own local government's (many have a กองช่าง).
    expect(got).toEqual([
      {
        title: 'ขุดลอกคลองส่งน้ำ หมู่ที่ 3',
        requested: 35_000_000,
        district: '1902',
        agency: 'กองช่าง อบต.ตาลเดี่ยว',
        level: 'local',
      },
    ]);
    // Without a round the file is refused once, naming the plan's years; a year the plan does not name is refused too.
    const none = await ok<ProposalsImportPreview>('projects.importPreview', { uploadId: upload('ผ02.xlsx', fixed(true)) });
    expect(none.problems).toEqual([
      expect.objectContaining({ code: 'NO_FISCAL_YEAR', en: expect.stringContaining('2572–2574') }),
    ]);
    const other = await ok<ProposalsImportPreview>('projects.importPreview', {
      uploadId: upload('ผ02.xlsx', fixed(true)),
      fiscalYear: 2571,
    });
    expect(other.problems).toEqual([
      expect.objectContaining({ code: 'FISCAL_YEAR_MISMATCH', en: expect.stringContaining('not 2571') }),
    ]);
    // A plan none of whose projects has money in the round's year is refused as empty, saying why: no empty batch.
    const elsewhere = workbook({
      name: 'ผ.02',
      rows: [
        ['แผนพัฒนาท้องถิ่น (พ.ศ. ๒๕๗๒ - ๒๕๗๔)'],
        ['องค์การบริหารส่วนตำบลตาลเดี่ยว อำเภอแก่งคอย จังหวัดสระบุรี'],
        ['ที่', 'โครงการ', 'เป้าหมาย (ผลผลิตของโครงการ)', 'งบประมาณ', '', '', 'หน่วยงานรับผิดชอบหลัก'],
        ['', '', '', '2572 (บาท)', '2573 (บาท)', '2574 (บาท)', ''],
        [1, 'ก่อสร้างถนน คสล. หมู่ที่ 1', 'ยาว 200 ม.', '500,000', '-', '-', 'กองช่าง'],
        [2, 'ปรับปรุงประปา หมู่ที่ 2', '1 แห่ง', '-', '-', '250,000', 'กองช่าง'],
      ],
    });
    const batches = core().store.sqlite.prepare('SELECT COUNT(*) AS n FROM project_batch').get();
    const empty = await core().call('projects.importApply', { uploadId: upload('ผ02.xlsx', elsewhere), fiscalYear: 2573 }, owner);
    expect(empty.ok).toBe(false);
    if (empty.ok) return;
    expect(empty.error.problems).toEqual([
      expect.objectContaining({ code: 'EMPTY_FILE', line: 0, en: expect.stringContaining("none of the plan's 2 projects") }),
    ]);
    expect(core().store.sqlite.prepare('SELECT COUNT(*) AS n FROM project_batch').get()).toEqual(batches);
  });
});
