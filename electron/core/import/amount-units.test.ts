/**
 * Units written in a table's headers and title rows, for needs and proposals alike: amounts in thousands or millions
 * of baht by the heading ("งบประมาณ (พันบาท)"), by the header's second row ("(ล้านบาท)" under "งบประมาณ") or by a
 * "หน่วย : ล้านบาท" line above the table, a unit not read refused with nothing written, and a count's unit
 * ("(ครัวเรือน)", "(คน)") deciding whether it counts households or people.
 */
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import type { ImportPreview, ProposalsImportReport, SyncReport } from '../../../shared/api/types';
import { owner, useTestCore } from '../handlers/test-core';

const { core, ok, upload } = useTestCore('chipao-units-', { needs: 10, projects: 5 });

type Row = readonly (string | number | null)[];

function workbook(rows: readonly Row[], merges?: XLSX.Range[]): Buffer {
  const wb = XLSX.utils.book_new();
  const ws = XLSX.utils.aoa_to_sheet(rows.map((r) => [...r]));
  if (merges) ws['!merges'] = merges;
  XLSX.utils.book_append_sheet(wb, ws, 'Sheet1');
  return XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
}

function csv(rows: readonly Row[]): Buffer {
  return Buffer.from(rows.map((r) => r.map((c) => (c === null ? '' : `"${String(c)}"`)).join(',')).join('\r\n'));
}

type Need = { title: string; cost: number | null; households: number; people: number };

function needs(batchId: number | null): Need[] {
  return core()
    .store.sqlite.prepare(
      `SELECT title, estimated_cost AS cost, households, people_affected AS people FROM need WHERE batch_id = ? ORDER BY title`,
    )
    .all(batchId) as Need[];
}

const counts = (): unknown =>
  core().store.sqlite.prepare('SELECT (SELECT COUNT(*) FROM need) AS needs, (SELECT COUNT(*) FROM project) AS projects').get();

const HEADER = ['ตำบล', 'หมู่ที่', 'ความต้องการ', 'ด้าน', 'จำนวนคน'];

describe('needs: the unit of the amounts', () => {
  it('a heading in thousands of baht: 350 is 350,000.00 baht, exactly; the report and the preview say so', async () => {
    const rows: Row[] = [
      [...HEADER, 'งบประมาณ (พันบาท)'],
      ['เสาไห้', 1, 'หน่วยพัน ถนน', 'ถนน', 10, '350'],
      ['เสาไห้', 2, 'หน่วยพัน ประปา', 'น้ำ', 10, '1,250'],
      ['เสาไห้', 3, 'หน่วยพัน ฝาย', 'น้ำ', 10, 45.5],
      ['เสาไห้', 4, 'หน่วยพัน ไฟฟ้า', 'ไฟฟ้า', 10, '480,000 บาท'],
    ];
    const p = await ok<ImportPreview>('needs.importPreview', { uploadId: upload('thousands.csv', csv(rows)) });
    expect(p.parts[0]!.scaledAmounts).toEqual([
      { field: 'estimated_cost', column: 'F: งบประมาณ (พันบาท)', unit: { th: 'พันบาท', en: 'thousands of baht' }, satang: 100_000 },
    ]);
    const report = await ok<SyncReport>('needs.importApply', { uploadId: upload('thousands.csv', csv(rows)) });
    expect(report).toMatchObject({ newCount: 4, rejectedCount: 0 });
    expect(needs(report.batchId).map((n) => [n.title, n.cost])).toEqual([
      ['หน่วยพัน ถนน', 35_000_000],
      ['หน่วยพัน ประปา', 125_000_000],
      ['หน่วยพัน ฝาย', 4_550_000],
      // The cell's own unit wins.
      ['หน่วยพัน ไฟฟ้า', 48_000_000],
    ]);
    expect(report.mappingNotes).toContainEqual({
      en: "'Estimated cost' was read from column F: งบประมาณ (พันบาท) in thousands of baht, as its heading says: 1 there is 1,000.00 baht",
      th: "อ่าน 'งบประมาณ' จากคอลัมน์ F: งบประมาณ (พันบาท) เป็นหน่วยพันบาท ตามหัวคอลัมน์: 1 ในคอลัมน์นี้เท่ากับ 1,000.00 บาท",
    });
  });

  it('a "หน่วย : ล้านบาท" line above the header, or in the title, gives the unit of a heading without one', async () => {
    for (const title of [
      [['สรุปความต้องการ ตำบลเสาไห้'], [null, null, null, null, null, 'หน่วย : ล้านบาท']],
      [['สรุปความต้องการ ตำบลเสาไห้ (หน่วย: ล้านบาท)']],
    ]) {
      const bytes = workbook([
        ...title,
        [...HEADER, 'งบประมาณ'],
        ['เสาไห้', 1, `ล้าน ถนน ${title.length}`, 'ถนน', 10, 2.5],
        ['เสาไห้', 2, `ล้าน ฝาย ${title.length}`, 'น้ำ', 10, '0.35'],
      ]);
      const report = await ok<SyncReport>('needs.importApply', { uploadId: upload(`title-${title.length}.xlsx`, bytes) });
      expect(report).toMatchObject({ newCount: 2, rejectedCount: 0 });
      expect(needs(report.batchId).map((n) => n.cost)).toEqual([250_000_000, 35_000_000]);
      expect(report.mappingNotes?.[0]?.en).toContain("in millions of baht, as the title says ('");
    }
  });

  it("a heading's own unit wins over the title's", async () => {
    const bytes = workbook([['หน่วย : ล้านบาท'], [...HEADER, 'งบประมาณ (บาท)'], ['เสาไห้', 1, 'บาทเอง ถนน', 'ถนน', 10, 2500]]);
    const report = await ok<SyncReport>('needs.importApply', { uploadId: upload('own-unit.xlsx', bytes) });
    expect(needs(report.batchId).map((n) => n.cost)).toEqual([250_000]);
    expect(report.mappingNotes ?? []).toEqual([]);
  });

  it('a unit not read, or two units, is refused saying which and where; nothing is written', async () => {
    const before = counts();
    const cases: [Row[], string, string][] = [
      [[['หน่วย : ร้อยบาท'], [...HEADER, 'งบประมาณ']], 'UNKNOWN_UNIT', "row 1: 'หน่วย : ร้อยบาท' gives the amounts in 'ร้อยบาท'"],
      [[[...HEADER, 'งบประมาณ (USD)']], 'UNKNOWN_UNIT', "the heading 'งบประมาณ (USD)' gives the amounts in 'USD'"],
      [[[...HEADER, 'งบประมาณ (ล้านบาท) (บาท)']], 'TWO_UNITS', 'gives two units for its amounts (ล้านบาท, บาท)'],
      [
        [['หน่วย : ล้านบาท'], ['(พันบาท)'], [...HEADER, 'งบประมาณ']],
        'TWO_UNITS',
        "the title rows give two units for the amounts: 'หน่วย : ล้านบาท' (row 1), '(พันบาท)' (row 2)",
      ],
    ];
    for (const [head, code, en] of cases) {
      const bytes = workbook([...head, ['เสาไห้', 1, 'หน่วยผิด', 'ถนน', 10, 2.5]]);
      const r = await core().call('needs.importApply', { uploadId: upload('bad-unit.xlsx', bytes) }, owner);
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      const found = r.error.problems?.find((x) => x.code === code);
      expect(found, `${code}: ${JSON.stringify(r.error.problems)}`).toBeDefined();
      expect(found!.en).toContain(en);
      expect(found!.th).toMatch(/[\u0E00-\u0E7F]/u);
    }
    expect(counts()).toEqual(before);
  });
});

describe('needs: households and people by the unit in the heading', () => {
  it('"(ครัวเรือน)" and "(คน)" under the same words: each column to its own field', async () => {
    for (const [a, b] of [
      ['จำนวนผู้ได้รับประโยชน์ (ครัวเรือน)', 'จำนวนผู้ได้รับประโยชน์ (คน)'],
      ['ผู้ได้รับประโยชน์ (คน)', 'ผู้ได้รับประโยชน์ (หลังคาเรือน)'],
    ] as const) {
      const householdsFirst = a.includes('ครัวเรือน');
      const rows: Row[] = [
        ['ตำบล', 'หมู่ที่', 'ความต้องการ', 'ด้าน', a, b],
        ['เสาไห้', 2, `ประปา ${a}`, 'น้ำ', householdsFirst ? 85 : 310, householdsFirst ? 310 : 85],
      ];
      const report = await ok<SyncReport>('needs.importApply', { uploadId: upload('beneficiaries.csv', csv(rows)) });
      expect(report).toMatchObject({ newCount: 1, rejectedCount: 0 });
      expect(needs(report.batchId).map((n) => [n.households, n.people])).toEqual([[85, 310]]);
    }
  });

  it('a households column alone is not read as people: refused for the missing people, saying why', async () => {
    const before = counts();
    const rows: Row[] = [
      ['ตำบล', 'หมู่ที่', 'ความต้องการ', 'ด้าน', 'จำนวนผู้ได้รับประโยชน์ (ครัวเรือน)'],
      ['เสาไห้', 1, 'ครัวเรือนเท่านั้น', 'ถนน', 40],
    ];
    const r = await core().call('needs.importApply', { uploadId: upload('households-only.csv', csv(rows)) }, owner);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.problems?.[0]).toMatchObject({
        code: 'MISSING_COLUMN',
        en: "no column is mapped to 'People affected' (required); column E 'จำนวนผู้ได้รับประโยชน์ (ครัวเรือน)' counts households, as the unit in its heading says",
      });
    }
    expect(counts()).toEqual(before);
  });
});

describe('proposals: the unit of the amounts', () => {
  const project = (title: string): unknown =>
    core()
      .store.sqlite.prepare('SELECT requested, operating, investment, people, households FROM project WHERE title = ?')
      .get(title);
  const HEAD: Row = ['ชื่อโครงการ', 'หน่วยงานรับผิดชอบ', 'พื้นที่ดำเนินการ'];

  it('a title "หน่วย : พันบาท" and a heading in thousands read the same, exactly', async () => {
    for (const [name, rows] of [
      [
        'title',
        [
          ['แผนปฏิบัติราชการประจำปี พ.ศ. 2571'],
          ['หน่วย : พันบาท'],
          [...HEAD, 'งบประมาณ'],
          ['ขุดลอกหนอง หน่วยจากชื่อ', 'ชลประทาน', 'ต.ตาลเดี่ยว', 2500.5],
        ],
      ],
      [
        'header',
        [
          ['แผนปฏิบัติราชการประจำปี พ.ศ. 2571'],
          [...HEAD, 'งบประมาณ (พันบาท)'],
          ['ขุดลอกหนอง หน่วยจากหัว', 'ชลประทาน', 'ต.ตาลเดี่ยว', '2,500.5'],
        ],
      ],
    ] as const) {
      const r = await ok<ProposalsImportReport>('projects.importApply', { uploadId: upload(`${name}.xlsx`, workbook(rows)) });
      expect(r.newCount).toBe(1);
      expect(r.mappingNotes?.[0]?.en).toContain('in thousands of baht');
    }
    expect(project('ขุดลอกหนอง หน่วยจากชื่อ')).toMatchObject({ requested: 250_050_000 });
    expect(project('ขุดลอกหนอง หน่วยจากหัว')).toMatchObject({ requested: 250_050_000 });
  });

  it('"(ล้านบาท)" in the header\'s second row, under "งบประมาณ", the other headings merged over both rows', async () => {
    const bytes = workbook(
      [
        ['แผนปฏิบัติราชการประจำปี พ.ศ. 2571'],
        [...HEAD, 'งบประมาณ'],
        [null, null, null, '(ล้านบาท)'],
        ['ขุดลอกหนอง แถวหน่วย', 'ชลประทาน', 'ต.ตาลเดี่ยว', 2.5],
        ['ฝายชะลอน้ำ แถวหน่วย', 'ชลประทาน', 'ต.ทับกวาง', 1.25],
      ],
      [0, 1, 2].map((c) => ({ s: { r: 1, c }, e: { r: 2, c } })),
    );
    const p = await ok<ImportPreview>('projects.importPreview', { uploadId: upload('second-row.xlsx', bytes) });
    expect(p.parts[0]).toMatchObject({ headerRow: 2, headerRows: 2, rows: 2 });
    const r = await ok<ProposalsImportReport>('projects.importApply', { uploadId: upload('second-row.xlsx', bytes) });
    expect(r.newCount).toBe(2);
    expect(project('ขุดลอกหนอง แถวหน่วย')).toMatchObject({ requested: 250_000_000 });
    expect(project('ฝายชะลอน้ำ แถวหน่วย')).toMatchObject({ requested: 125_000_000 });
  });

  it("a title's unit for the amount columns without their own; households and people by their units", async () => {
    const bytes = workbook([
      ['แผนปฏิบัติราชการประจำปี พ.ศ. 2571 (หน่วย: ล้านบาท)'],
      [...HEAD, 'งบดำเนินงาน (บาท)', 'งบลงทุน', 'ผู้ได้รับประโยชน์ (ครัวเรือน)', 'ผู้ได้รับประโยชน์ (คน)'],
      ['ประปาหมู่บ้าน หน่วยผสม', 'ชลประทาน', 'ต.ตาลเดี่ยว', 150_000, 1.2, 85, 310],
    ]);
    const r = await ok<ProposalsImportReport>('projects.importApply', { uploadId: upload('mixed.xlsx', bytes) });
    expect(r.newCount).toBe(1);
    expect(project('ประปาหมู่บ้าน หน่วยผสม')).toMatchObject({
      operating: 15_000_000,
      investment: 120_000_000,
      households: 85,
      people: 310,
    });
  });

  it('a unit not read is refused, nothing written', async () => {
    const before = counts();
    const bytes = workbook([
      ['แผนปฏิบัติราชการประจำปี พ.ศ. 2571'],
      ['หน่วย : ร้อยบาท'],
      [...HEAD, 'งบประมาณ'],
      ['หน่วยผิด', 'ชลประทาน', 'ต.ตาลเดี่ยว', 25],
    ]);
    const r = await core().call('projects.importApply', { uploadId: upload('bad-unit.xlsx', bytes) }, owner);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.problems?.map((x) => x.code)).toContain('UNKNOWN_UNIT');
    expect(counts()).toEqual(before);
  });
});
