/**
 * The needs import as a secretariat meets it: a report-style Thai workbook from a district office, whose "ที่มา"
 * column holds notes rather than channels. The mapping step finds the header under the title rows, the user moves
 * that column to "details", sees the one row with an unknown tambon, downloads the problems, applies the valid rows
 * only, sees the new needs in the grid and what the batch changed, filters the explorer by clicking the district on
 * the map, finds one of the new needs by its id and reads its detail, then restores the backup taken before it.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import * as XLSX from 'xlsx';
import { expect, repoRoot, test } from './fixtures';
import { NeedsImportPage } from './pages/needs-import-page';
import { NeedsPage } from './pages/needs-page';
import { ProjectsPage } from './pages/projects-page';
import { REPORT_HEADER_BOTTOM, REPORT_HEADER_TOP, REPORT_ROWS } from '../fixtures/needs-files';
import { xlsxFile } from './workbooks';

/** Opens the needs screen, notes how many needs it holds, and chooses the file until its preview shows. */
async function previewNeedsFile(
  page: Page,
  url: string,
  file: string,
): Promise<{ needs: NeedsPage; importer: NeedsImportPage; before: number }> {
  const needs = new NeedsPage(page);
  const importer = new NeedsImportPage(page);
  await page.goto(`${url}/#/needs`);
  await needs.open();
  const before = await needs.total();
  await importer.choose(file);
  await expect(importer.preview()).toBeVisible();
  return { needs, importer, before };
}

/** Applies the whole previewed file, waits for its result, and for the needs screen to hold `total` needs. */
async function applyWhole(page: Page, opened: Readonly<{ needs: NeedsPage; importer: NeedsImportPage }>, total: number) {
  await opened.importer.apply();
  await expect(page.getByTestId('sync-result')).toBeVisible();
  await expect.poll(() => opened.needs.total()).toBe(total);
}

test('import a report workbook: fix a suggested mapping, see the rejected row, apply the valid rows, see what changed, filter by the map, restore', async ({
  page,
  app,
}, testInfo) => {
  const top = REPORT_HEADER_TOP.map((h) => (h === 'ช่องทาง' ? 'ที่มา' : h));
  const rows = [...REPORT_ROWS, { ...REPORT_ROWS[0]!, tambon: 'ต.ไม่มีจริง', title: 'ขอไฟฟ้าส่องสว่าง' }];
  const aoa = [
    ['สรุปปัญหาความต้องการของประชาชน อำเภอเมืองสระบุรี'],
    ['ประจำปีงบประมาณ พ.ศ. ๒๕๗๑'],
    [],
    top,
    REPORT_HEADER_BOTTOM,
    ...rows.map((r, i) => [
      i + 1,
      r.district,
      r.tambon,
      r.village,
      r.title,
      r.category,
      r.households,
      r.people,
      `หนังสือจากผู้ใหญ่บ้านหมู่ ${r.village}`,
      r.date,
      r.cost,
    ]),
    ['รวม'],
  ];
  const ws = XLSX.utils.aoa_to_sheet(aoa);
  ws['!merges'] = [
    { s: { r: 0, c: 0 }, e: { r: 0, c: 10 } },
    { s: { r: 3, c: 6 }, e: { r: 3, c: 7 } },
  ];
  const file = xlsxFile(testInfo.outputPath('ความต้องการ-อำเภอเมือง.xlsx'), { 'อ.เมือง': ws });

  const { needs, importer, before } = await previewNeedsFile(page, app.url, file);
  expect(await importer.headerRow()).toBe(4);
  expect(await importer.mappedColumn('title')).toBe(4);
  expect(await importer.mappedColumn('channel')).toBe(8);
  // Every row's "ที่มา" is a note, not a channel: nine problems, and the unknown tambon.
  expect((await importer.problems()).filter((p) => p.code === 'UNKNOWN_CHANNEL')).toHaveLength(9);

  await importer.map('description', 8);
  expect(await importer.mappedColumn('channel')).toBeNull();
  await expect.poll(() => importer.problems()).toEqual([{ line: 14, code: 'UNKNOWN_AREA' }]);
  // Named by its row as the spreadsheet numbers it.
  await expect(page.getByTestId('import-problem')).toContainText('แถวที่ 14, คอลัมน์');
  expect(await importer.counts()).toEqual({ valid: 8, problems: 1 });
  await page.screenshot({ path: testInfo.outputPath('mapping.png'), fullPage: true });

  const download = await importer.downloadProblems();
  const csv = readFileSync(await download.path(), 'utf8');
  expect(csv).toContain('UNKNOWN_AREA');
  // Headed by the table's rows (a feed's would be lines).
  expect(csv.startsWith('\uFEFFแถว,คอลัมน์,')).toBe(true);
  expect(csv).toContain('ไม่มีจริง');

  await expect(page.getByTestId('import-apply')).toBeDisabled();
  await importer.apply({ partial: true });
  await expect(needs.syncResult()).toBeVisible();
  expect((await needs.syncCounts()).new).toBe(8);
  await expect(page.getByTestId('import-partial')).toBeVisible();
  await expect.poll(() => needs.total()).toBe(before + 8);

  // What changed: the eight new needs of this batch.
  await expect(page.getByTestId('changes-new')).toHaveAttribute('data-count', '8');
  await expect(page.getByTestId('change-row')).toHaveCount(8);
  await page.screenshot({ path: testInfo.outputPath('changes.png'), fullPage: true });

  // The explorer: click the new needs' district on the map; the grid, its totals and the map follow the filter.
  // One of the new needs in อ.เมืองสระบุรี (1901): the file covers three districts.
  const importedId =
    (await page
      .getByTestId('change-row')
      .filter({ hasText: /1901\d\d/u })
      .first()
      .getAttribute('data-id')) ?? '';
  await needs.waitForMap('district');
  await page.getByTestId('needs-map-panel').scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('explorer-province.png'), fullPage: true });
  // District names never overprint: of Ban Mo (1906) and the small Don Phut (1907) beside it, one name is written.
  const labels = await needs.mapLabels();
  expect(labels).toContain('1901');
  expect(labels.filter((c) => c === '1906' || c === '1907')).toHaveLength(1);
  await needs.clickMapArea('1901');
  await needs.waitForMap('tambon', '1901');
  expect(await needs.districtFilter()).toBe('1901');
  expect(Number(await needs.map().getAttribute('data-areas'))).toBeGreaterThan(5);
  await expect.poll(() => needs.total()).toBeLessThan(before + 8);
  const inDistrict = await needs.total();
  expect(inDistrict).toBeGreaterThanOrEqual(3);
  expect((await needs.totals()).needs).toBe(inDistrict);
  const districts = new Set<string>();
  for (const id of (await needs.grid.visibleRowIds()).slice(0, 12)) districts.add(await needs.grid.cellText(id, 'district'));
  expect(districts.size).toBe(1);
  await page.screenshot({ path: testInfo.outputPath('explorer-district.png'), fullPage: true });

  // Reported dates are typed in the Buddhist era (the browser's own picker writes Christian-era years): from 1 Jan.
  // 2600 BE no need is left; a date that does not exist changes nothing and says so (and which date still filters); an
  // ISO date reads back in BE.
  await needs.typeReportedDate('dateFrom', '1/1/2600');
  await expect(needs.reportedDateHelper('dateFrom')).toHaveText('1 ม.ค. 2600');
  await expect.poll(() => needs.total()).toBe(0);
  await needs.typeReportedDate('dateFrom', '31/2/2569');
  await expect(needs.reportedDateHelper('dateFrom')).toHaveText('อ่านไม่ได้ เช่น 15/9/2569 · ยังใช้วันที่ 1 ม.ค. 2600');
  expect(await needs.total()).toBe(0);
  await page.getByTestId('needs-dateFrom').scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('explorer-bad-date.png') });
  await needs.typeReportedDate('dateFrom', '2026-01-01');
  await expect(needs.reportedDateHelper('dateFrom')).toHaveText('1 ม.ค. 2569');
  await needs.typeReportedDate('dateFrom', '');
  await expect.poll(() => needs.total()).toBe(inDistrict);

  // Search by need id within the district: the imported need, first loaded by this batch.
  await needs.search(importedId);
  await expect.poll(() => needs.total()).toBe(1);
  const [rowId] = await needs.grid.visibleRowIds();
  const detail = await needs.openDetail(rowId!);
  await expect(detail.getByTestId('need-version')).toHaveCount(1);
  await expect(detail.getByTestId('need-version').first()).toHaveAttribute('data-kind', 'new');
  await page.screenshot({ path: testInfo.outputPath('need-detail.png') });
  await detail.getByTestId('need-detail-close').click();
  await page.getByTestId('needs-clear').click();
  await expect.poll(() => needs.total()).toBe(before + 8);

  // Restore the backup taken before the import: the needs are back as they were.
  await importer.restoreNewestBackup();
  await expect.poll(() => needs.total()).toBe(before);
});

test('a district report laid out for print: a cover sheet, tambon headings instead of a tambon column, a signature block', async ({
  page,
  app,
}, testInfo) => {
  const report = XLSX.utils.aoa_to_sheet([
    ['สรุปปัญหาความต้องการของประชาชน อำเภอเสาไห้ ประจำปีงบประมาณ พ.ศ. 2570'],
    [],
    // Column G repeats F's heading (left empty, to be filled next year): F is used, and the preview says so.
    ['ลำดับ', 'หมู่ที่', 'ปัญหา', 'ด้าน', 'จำนวนประชาชน (คน)', 'งบประมาณ (ล้านบาท)', 'งบประมาณ (ล้านบาท)'],
    ['ตำบลเสาไห้'],
    [1, 'ม.1', 'ถนนลูกรังชำรุด', 'โครงสร้างพื้นฐาน', '๑,๒๐๐', 1.25],
    [2, 'บ้านหนองโน ม.3', 'ประปาหมู่บ้านไม่เพียงพอ', 'น้ำ', 350, '-'],
    ['ตำบลม่วงงาม'],
    [3, 'หมู่ที่ 2', 'ไฟฟ้าส่องสว่างไม่มี', 'ไฟฟ้า', '80 คน', 0.095],
    ['', 'รวมทั้งสิ้น', '', '', 1630, 1.345],
    [],
    ['', '', 'ลงชื่อ ............................ ผู้รายงาน'],
    ['', '', '(นายสมชาย ใจดี)'],
    ['', '', 'ปลัดอำเภอเสาไห้'],
  ]);
  report['!merges'] = [{ s: { r: 0, c: 0 }, e: { r: 0, c: 5 } }];
  const file = xlsxFile(testInfo.outputPath('รายงานความต้องการ-เสาไห้.xlsx'), {
    คำชี้แจง: XLSX.utils.aoa_to_sheet([['คำชี้แจง'], ['กรอกข้อมูลในแผ่นงานถัดไป']]),
    // A summary before the list (counts per tambon): passed over, and named.
    สรุป: XLSX.utils.aoa_to_sheet([
      ['ตำบล', 'จำนวนหมู่บ้าน', 'จำนวนความต้องการ (เรื่อง)', 'จำนวนประชาชน (คน)'],
      ['เสาไห้', 2, 2, 1550],
      ['ม่วงงาม', 1, 1, 80],
    ]),
    'อ.เสาไห้': report,
  });

  const { needs, importer, before } = await previewNeedsFile(page, app.url, file);
  expect(await importer.headerRow()).toBe(3);
  expect(await importer.problems()).toEqual([]);
  expect(await importer.counts()).toEqual({ valid: 3, problems: 0 });
  // The preview says what it passed over: the two headings, the signature block, the total, the cover sheet.
  const passed = await importer.passedOver();
  expect(passed).toContain('หัวข้ออำเภอ/ตำบล/หมู่/ด้าน (เติมข้อมูลให้แถวใต้หัวข้อ) 2');
  expect(passed).toContain('ลงชื่อ/หมายเหตุท้ายตาราง 3');
  expect(passed).toContain('แถวยอดรวม 1');
  // The total row is named with its sheet and row, to be checked.
  expect(passed).toMatch(/แถวยอดรวม 1 \(แถวที่ อ\.เสาไห้ \d+\)/u);
  expect(passed).toContain('ข้ามแผ่นงานที่ไม่มีตาราง: คำชี้แจง');
  expect(passed).toContain('ข้ามแผ่นงานสรุป (นับจำนวน ไม่มีรายการ): สรุป');
  // The sheet chooser shows the same: the cover and the summary chosen but passed over (a dash, and why), the list read.
  expect(await importer.sheets()).toEqual([
    { sheet: 'คำชี้แจง', read: false, passedOver: 'notes' },
    { sheet: 'สรุป', read: false, passedOver: 'summary' },
    { sheet: 'อ.เสาไห้', read: true, passedOver: '' },
  ]);
  await expect(page.locator('[data-testid="import-sheet"][data-sheet="คำชี้แจง"]')).toContainText('ข้าม: ไม่มีตาราง');
  await expect(page.locator('[data-testid="import-sheet"][data-sheet="อ.เสาไห้"] input')).toBeDisabled();
  await expect(page.getByTestId('import-same-heading')).toHaveText(
    "คอลัมน์ F และ G มีหัวตารางเดียวกัน 'งบประมาณ (ล้านบาท)': ใช้คอลัมน์ F สำหรับงบประมาณ ตรวจการจับคู่ก่อนนำเข้า",
  );
  await page.screenshot({ path: testInfo.outputPath('report-layout.png'), fullPage: true });
  await applyWhole(page, { needs, importer }, before + 3);
});

test("a workbook of two years' sheets: last year's unticked, this year's alone imported", async ({ page, app }, testInfo) => {
  const year = (title: string) =>
    XLSX.utils.aoa_to_sheet([
      ['ตำบล', 'หมู่ที่', 'ปัญหา', 'ด้าน', 'จำนวนคน'],
      ['เสาไห้', 1, title, 'น้ำ', 40],
      ['ม่วงงาม', 2, `${title} (2)`, 'ไฟฟ้า', 12],
    ]);
  const file = xlsxFile(testInfo.outputPath('ความต้องการสองปี.xlsx'), {
    'ปี 2568': year('ขุดลอกคลองปีก่อน'),
    'ปี 2569': year('ขุดลอกคลองปีนี้'),
  });
  const { needs, importer, before } = await previewNeedsFile(page, app.url, file);
  expect(await importer.sheets()).toEqual([
    { sheet: 'ปี 2568', read: true, passedOver: '' },
    { sheet: 'ปี 2569', read: true, passedOver: '' },
  ]);
  expect(await importer.counts()).toEqual({ valid: 4, problems: 0 });
  await importer.readSheet('ปี 2568', false);
  await expect.poll(() => importer.counts()).toEqual({ valid: 2, problems: 0 });
  // The last sheet read cannot be unticked.
  await expect(page.locator('[data-testid="import-sheet"][data-sheet="ปี 2569"] input')).toBeDisabled();
  await page.screenshot({ path: testInfo.outputPath('sheet-choice.png'), fullPage: true });
  await applyWhole(page, { needs, importer }, before + 2);
});

test('a tambon and village written once per group: the preview says which rows take them from above, and which rows the sheet hides', async ({
  page,
  app,
}, testInfo) => {
  const sheet = XLSX.utils.aoa_to_sheet([
    ['ความต้องการของประชาชน อำเภอแก่งคอย'],
    ['ตำบล', 'หมู่ที่', 'ความต้องการ', 'ด้าน', 'จำนวน (คน)', 'งบประมาณ'],
    ['ตาลเดี่ยว', 'ม.1', 'ก่อสร้างถนนคอนกรีต สายกลางหมู่บ้าน', 'ถนน', '120', '500,000.-'],
    ['', '', 'ขยายเขตประปาหมู่บ้าน', 'น้ำ', 'ประมาณ 90 คน', '250,000.- (สองแสนห้าหมื่นบาทถ้วน)'],
    ['ห้วยแห้ง', 'ม.4', 'ขุดลอกคลองส่งน้ำ', 'แหล่งน้ำ', '60', '5 แสนบาท'],
    ['', '〃', 'ติดตั้งไฟส่องสว่าง', 'ไฟฟ้าส่องสว่าง', '25', ''],
  ]);
  // Row 4 hidden in the sheet (by hand or by a filter): read like the others, and said.
  sheet['!rows'] = [{}, {}, {}, { hidden: true }];
  // Column F (งบประมาณ) hidden, the only budget column: still read, and named to be checked.
  sheet['!cols'] = [{}, {}, {}, {}, {}, { hidden: true }];
  const file = xlsxFile(testInfo.outputPath('ความต้องการ-แก่งคอย.xlsx'), { Sheet1: sheet });

  const { needs, importer, before } = await previewNeedsFile(page, app.url, file);
  expect(await importer.problems()).toEqual([]);
  expect(await importer.counts()).toEqual({ valid: 4, problems: 0 });
  await expect(page.getByTestId('import-filled-down')).toHaveAttribute('data-rows', '2');
  await expect(page.getByTestId('import-filled-down')).toContainText('ใช้ค่าจากแถวบน: 2 แถว');
  await expect(page.getByTestId('import-hidden-rows')).toHaveAttribute('data-rows', '1');
  await expect(page.getByTestId('import-hidden-columns')).toContainText('งบประมาณ ← F: งบประมาณ');
  await expect(page.getByTestId('import-hidden-rows')).toContainText('ถูกซ่อนหรือถูกกรองออกในชีตด้วย 1 แถว (แถว 4)');
  await page.screenshot({ path: testInfo.outputPath('grouped-rows.png'), fullPage: true });
  await applyWhole(page, { needs, importer }, before + 4);

  // The same file sent again with "(แก้ไข)" in its name: a new version of the first, not a second copy of its needs.
  writeFileSync(testInfo.outputPath('ความต้องการ-แก่งคอย (แก้ไข).xlsx'), readFileSync(file));
  await page
    .getByTestId('sync-result')
    .getByRole('button', { name: /close|ปิด/iu })
    .click();
  await importer.choose(testInfo.outputPath('ความต้องการ-แก่งคอย (แก้ไข).xlsx'));
  await importer.apply();
  await expect(page.getByTestId('sync-count-unchanged')).toHaveAttribute('data-value', '4');
  await expect(page.getByTestId('sync-note').filter({ hasText: 'ฉบับใหม่ของแหล่งนั้น' })).toBeVisible();
  expect(await needs.total()).toBe(before + 4);
  await page.getByTestId('sync-result').screenshot({ path: testInfo.outputPath('sent-again.png') });
});

test('amounts in thousands of baht, as the line above the table says: the preview says so before they are applied', async ({
  page,
  app,
}, testInfo) => {
  const sheet = XLSX.utils.aoa_to_sheet([
    ['สรุปปัญหาความต้องการ อำเภอแก่งคอย'],
    ['', '', '', '', '', 'หน่วย : พันบาท'],
    ['ตำบล', 'หมู่ที่', 'ความต้องการ', 'ด้าน', 'จำนวน (คน)', 'งบประมาณ'],
    ['ตาลเดี่ยว', 'ม.1', 'ก่อสร้างถนนคอนกรีต สายกลางหมู่บ้าน', 'ถนน', '120', '350'],
    ['ห้วยแห้ง', 'ม.4', 'ขุดลอกคลองส่งน้ำ', 'แหล่งน้ำ', '60', '1,250.5'],
  ]);
  const file = xlsxFile(testInfo.outputPath('ความต้องการ-พันบาท.xlsx'), { Sheet1: sheet });

  const { needs, importer, before } = await previewNeedsFile(page, app.url, file);
  expect(await importer.problems()).toEqual([]);
  await expect(page.getByTestId('import-scaled-amounts')).toContainText('อ่านเป็นหน่วยพันบาท');
  await expect(page.getByTestId('import-scaled-amounts')).toContainText('1 ในคอลัมน์นี้เท่ากับ 1,000.00 บาท');
  await page.screenshot({ path: testInfo.outputPath('thousands.png'), fullPage: true });
  await applyWhole(page, { needs, importer }, before + 2);
});

test('a sheet copied from a PDF and written by a program: its Thai read as typed, a formula without its result refused with its cell', async ({
  page,
  app,
}, testInfo) => {
  // Sara am as nikhahit + sara aa ("ตําบล", "นํ้า"), as text copied from a PDF comes; แ typed as two sara e.
  const rows: (string | number)[][] = [
    ['อําเภอ', 'ตําบล', 'หมู่ที่', 'ความต้องการ', 'ด้าน', 'จํานวน (คน)'],
    ['เสาไห้', 'ม่วงงาม', 2, 'ขอขุดลอกคลองส่งนํ้า', 'นํ้า', 80],
    ['เเก่งคอย', 'ตาลเดี่ยว', 1, 'ขอซ่อมเเซมถนน', 'ถนน', 0],
  ];
  const sheet = XLSX.utils.aoa_to_sheet(rows);
  // The people of the second need as a script writes them: the formula alone, no result stored.
  sheet['F3'] = { t: 'n', f: '6*5' };
  const file = xlsxFile(testInfo.outputPath('สรุปจาก-pdf.xlsx'), { Sheet1: sheet });

  const { needs, importer, before } = await previewNeedsFile(page, app.url, file);
  expect(await importer.problems()).toEqual([{ line: 3, code: 'FORMULA_WITHOUT_VALUE' }]);
  expect(await importer.counts()).toEqual({ valid: 1, problems: 1 });
  await expect(page.getByTestId('import-problem')).toContainText('ช่อง F3 เป็นสูตร (=6*5) ที่ไฟล์ไม่ได้เก็บผลลัพธ์ไว้');
  await page.getByTestId('import-problem').first().scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('formula-without-result.png') });
  // The valid row, on its own when asked.
  await importer.apply({ partial: true });
  await expect(page.getByTestId('import-partial')).toBeVisible();
  await expect.poll(() => needs.total()).toBe(before + 1);

  // Saved again with the result (as Excel or LibreOffice saves it), the file reads: the refused row is new, the
  // other unchanged.
  sheet['F3'] = { t: 'n', f: '6*5', v: 30 };
  const saved = xlsxFile(testInfo.outputPath('สรุปจาก-pdf.xlsx'), { Sheet1: sheet });
  const again = await previewNeedsFile(page, app.url, saved);
  expect(await again.importer.problems()).toEqual([]);
  expect(await again.importer.counts()).toEqual({ valid: 2, problems: 0 });
  await applyWhole(page, again, before + 2);
});

test('a proposal’s "evidence changed" flag opens what the sync changed in its needs, and the explorer filtered to them', async ({
  page,
  app,
}, testInfo) => {
  const needs = new NeedsPage(page);
  const projects = new ProjectsPage(page);
  await page.goto(`${app.url}/#/needs`);
  await needs.open();
  // The update feed changes SRB-N-000004, one of the needs behind proposal SRB71-059 (scoring has started).
  await needs.syncFile(join(repoRoot, 'test/fixtures/needs-feed-update.ndjson'));
  expect((await needs.syncCounts()).flagged).toBeGreaterThan(0);

  await projects.open();
  expect(await projects.hasEvidenceChanged('SRB71-059')).toBe(true);
  await projects.grid.cell('SRB71-059', 'evidenceChanged').getByTestId('evidence-changed').click();

  const changes = page.getByTestId('project-changes');
  await expect(changes).toBeVisible();
  const row = changes.locator('[data-testid="project-change-row"][data-id="SRB-N-000004"]');
  await expect(row).toHaveAttribute('data-kind', 'changed');
  expect(await row.getByTestId('change-field').count()).toBeGreaterThan(0);
  // The explorer shows the proposal's needs only, and its totals agree.
  await expect(page.getByTestId('needs-project-filter')).toBeVisible();
  const linked = await needs.total();
  expect(linked).toBeGreaterThan(0);
  expect((await needs.totals()).needs).toBe(linked);
  await page.screenshot({ path: testInfo.outputPath('evidence-changes.png'), fullPage: true });

  // Removing the proposal filter shows every need again.
  await page.getByTestId('needs-project-filter').locator('svg').click();
  await expect(changes).toBeHidden();
  await expect.poll(() => needs.total()).toBeGreaterThan(linked);
});

test('a households column once mapped by hand as the people: the next file from the source reads it by its heading, and says so', async ({
  page,
  app,
}, testInfo) => {
  const text = 'ตำบล,ความต้องการ,ด้าน,ผู้ได้รับผลกระทบ,ผู้ได้รับประโยชน์ (ครัวเรือน)\r\nตาลเดี่ยว,ขอไฟฟ้าส่องสว่าง หมู่ 9,ไฟฟ้า,120,35\r\n';
  const first = testInfo.outputPath('first/สำรวจครัวเรือน.csv');
  const second = testInfo.outputPath('second/สำรวจครัวเรือน.csv');
  for (const path of [first, second]) {
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, text);
  }
  const opened = await previewNeedsFile(page, app.url, first);
  await opened.importer.map('people_affected', 4);
  await expect(page.getByTestId('import-counts-by-heading')).toHaveCount(0);
  await applyWhole(page, opened, opened.before + 1);

  await opened.importer.choose(second);
  await expect(opened.importer.preview()).toBeVisible();
  expect(await opened.importer.mappedColumn('people_affected')).toBe(3);
  expect(await opened.importer.mappedColumn('households')).toBe(4);
  await expect(page.getByTestId('import-counts-by-heading')).toContainText(
    "อ่านคอลัมน์ 'ผู้ได้รับประโยชน์ (ครัวเรือน)' ตามหน่วยที่หัวคอลัมน์ระบุ",
  );
  await opened.importer.preview().screenshot({ path: testInfo.outputPath('counts-by-heading.png') });
});

test("a form's responses without a people count: each row read as one person only when chosen, the same need's people counted together", async ({
  page,
  app,
}, testInfo) => {
  const file = testInfo.outputPath('คำตอบแบบฟอร์ม-ความต้องการ.csv');
  writeFileSync(
    file,
    [
      'ประทับเวลา,ชื่อผู้ตอบ,ตำบล,หมู่ที่,ความต้องการ,ประเภท,พิกัด',
      '15/10/2569,สมศรี,ตาลเดี่ยว,2,ขอขยายเขตประปาหมู่บ้าน (จากแบบฟอร์ม),ประปา,"14.5610, 100.9975"',
      '15/10/2569,สมชาย,ตาลเดี่ยว,2,ขอขยายเขตประปาหมู่บ้าน (จากแบบฟอร์ม),ประปา,',
      '16/10/2569,มานี,ตาลเดี่ยว,5,ขอไฟส่องสว่าง (จากแบบฟอร์ม),ไฟฟ้า,"https://maps.google.com/?q=14.57,101.005"',
      '17/10/2569,ปิติ,ตาลเดี่ยว,2,ขอขยายเขตประปาหมู่บ้าน (จากแบบฟอร์ม),ประปา,',
    ].join('\n'),
  );
  const { needs, importer, before } = await previewNeedsFile(page, app.url, file);
  // Not assumed: the missing people column is a problem, and the choice is offered beside it.
  expect(await importer.problems()).toEqual([{ line: 0, code: 'MISSING_COLUMN' }]);
  await expect(importer.preview().getByTestId('import-problem')).toContainText('ให้เลือกนับแถวละ 1 คน');
  await expect(importer.rowsAsPeople()).toHaveAttribute('data-chosen', 'no');
  await expect(page.getByTestId('import-apply')).toBeDisabled();
  await importer.readRowsAsPeople(true);
  expect(await importer.problems()).toEqual([]);
  expect(await importer.counts()).toEqual({ valid: 2, problems: 0 });
  await expect(page.getByTestId('import-rows-as-people-read')).toContainText(
    'อ่าน 4 แถวเป็นผู้แจ้งแถวละ 1 คน โดย 2 แถวเป็นเรื่องเดียวกับแถวก่อนหน้า',
  );
  await importer.preview().screenshot({ path: testInfo.outputPath('rows-as-people.png') });
  await applyWhole(page, { needs, importer }, before + 2);
  await expect(page.getByTestId('sync-note').filter({ hasText: 'เป็นผู้แจ้ง 1 คนต่อแถว ตามที่เลือก' })).toBeVisible();
  await needs.search('(จากแบบฟอร์ม)');
  await expect.poll(() => needs.totals()).toMatchObject({ needs: 2, people: 4 });
  await page.getByTestId('sync-result').screenshot({ path: testInfo.outputPath('rows-as-people-done.png') });
  // The point of the first row of each need (both in ตาลเดี่ยว), read from a pair and from a map link.
  const points: string[] = [];
  for (const id of await needs.grid.visibleRowIds()) {
    const detail = await needs.openDetail(id);
    points.push((await detail.getByTestId('need-detail-fields').textContent()) ?? '');
    await detail.getByTestId('need-detail-close').click();
  }
  expect(points.some((text) => text.includes('14.561, 100.9975'))).toBe(true);
  expect(points.some((text) => text.includes('14.57, 101.005'))).toBe(true);
  // Over the district's map, as dots where the people asked.
  await needs.filterDistrict('1902');
  await expect(page.getByTestId('needs-map')).toHaveAttribute('data-points', '2');
  await expect(page.getByTestId('needs-map-points')).toHaveText('จุดสีส้ม: ที่ตั้งของความต้องการที่ระบุพิกัด 2 จุด');
  await page.getByTestId('needs-map-panel').screenshot({ path: testInfo.outputPath('needs-points.png') });
});

test("a need's point outside its tambon's boundary: the preview names its row before anything is applied, and it is kept", async ({
  page,
  app,
}, testInfo) => {
  const file = testInfo.outputPath('พิกัดความต้องการ.csv');
  writeFileSync(
    file,
    [
      'ตำบล,อำเภอ,ความต้องการ,ด้าน,ผู้ได้รับผลกระทบ,พิกัด',
      'ตาลเดี่ยว,แก่งคอย,ขอขุดลอกคลองส่งน้ำ (พิกัด),แหล่งน้ำ,80,"14.5610, 100.9975"',
      // A point in another district: the tambon or the point typed wrong.
      'ตาลเดี่ยว,แก่งคอย,ขอซ่อมถนนลูกรัง (พิกัด),ถนน,45,"14.6000, 100.8500"',
    ].join('\n'),
  );
  const { needs, importer, before } = await previewNeedsFile(page, app.url, file);
  expect(await importer.problems()).toEqual([]);
  await expect(page.getByTestId('import-note')).toHaveText(
    'ความต้องการ 1 รายการมีพิกัดอยู่นอกขอบเขตตำบลของตน (แถวที่ 3: ตำบลตาลเดี่ยว) ตำบลหรือพิกัดอาจไม่ถูกต้อง ระบบเก็บตามที่ระบุ',
  );
  await importer.preview().screenshot({ path: testInfo.outputPath('point-outside.png') });
  await applyWhole(page, { needs, importer }, before + 2);
  await expect(page.getByTestId('sync-note').filter({ hasText: 'มีพิกัดอยู่นอกขอบเขตตำบลของตน' })).toBeVisible();
});
