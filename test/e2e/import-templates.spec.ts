/**
 * The blank forms: the secretariat downloads the request form beside the proposals import and the needs form beside
 * the needs import, an agency and a district fill them in (here with ExcelJS, as a spreadsheet program saves them),
 * and each comes back in without a question.
 */
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import * as XLSX from 'xlsx';
import { expect, test } from './fixtures';
import { AppShell } from './pages/app-shell';
import { NeedsImportPage } from './pages/needs-import-page';
import { NeedsPage } from './pages/needs-page';
import { ProjectsPage } from './pages/projects-page';

/** The downloaded form filled in below its headings (row 2), saved beside it. */
async function fill(path: string, out: string, rows: readonly (readonly (string | number | null)[])[]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const ws = wb.worksheets[0]!;
  rows.forEach((r, i) => r.forEach((v, j) => (ws.getCell(3 + i, j + 1).value = v)));
  await wb.xlsx.writeFile(out);
  return out;
}

test('download the request form, fill it in as an agency, import it without a question', async ({ page, app }, testInfo) => {
  const shell = new AppShell(page);
  await shell.open(`${app.url}/#/projects`);
  const projects = new ProjectsPage(page);
  await projects.open();
  await page.getByTestId('proposals-import').screenshot({ path: testInfo.outputPath('template-button.png') });
  const download = await projects.downloadRequestForm();
  expect(download.suggestedFilename()).toBe('chipao-แบบเสนอโครงการ-FY2571.xlsx');
  const form = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(form);
  await expect(shell.successSnackbar()).toContainText('chipao-แบบเสนอโครงการ-FY2571.xlsx');
  const book = XLSX.read(readFileSync(form));
  const rows = XLSX.utils.sheet_to_json<unknown[]>(book.Sheets[book.SheetNames[0]!]!, { header: 1 });
  expect(rows[0]).toEqual(['แบบเสนอโครงการ ประจำปีงบประมาณ พ.ศ. 2571 จังหวัดสระบุรี']);
  expect(rows[1]?.slice(0, 3)).toEqual(['รหัสโครงการ', 'ชื่อโครงการ', 'หน่วยงานรับผิดชอบ']);

  const file = await fill(form, testInfo.outputPath('แบบเสนอ-กรอกแล้ว.xlsx'), [
    ['TF-1', 'ก่อสร้างฝายชะลอน้ำ', 'อบต.ชะอม', 1, null, 'แก่งคอย', 'ชะอม', '14.4321, 101.1234', 0, 350000, null, 400, 120],
    ['TF-2', 'ติดตั้งไฟส่องสว่างทางหลวงชนบท', 'อบต.ชะอม', 2, null, 'แก่งคอย', 'ชะอม', null, 15000, 185000],
  ]);
  await projects.chooseProposalsFile(file);
  await expect(page.getByTestId('import-problem')).toHaveCount(0);
  await expect(page.getByTestId('proposals-import-counts')).toHaveText('โครงการใหม่ 2 · เปลี่ยนแปลง 0 · ไม่เปลี่ยน 0');
  await projects.applyProposalsImport();
  await expect(page.getByTestId('proposals-import-done')).toContainText('โครงการใหม่ 2');
  await projects.find('TF-');
  await expect(projects.grid.cell('TF-1', 'point')).toHaveText('14.4321, 101.1234');
  await expect(projects.grid.cell('TF-2', 'requested')).toHaveText('200,000.00');
});

test('download the needs form, fill it in as a district, import it without a question', async ({ page, app }, testInfo) => {
  await page.goto(`${app.url}/#/needs`);
  const needs = new NeedsPage(page);
  await needs.open();
  const before = await needs.total();
  const importer = new NeedsImportPage(page);
  const download = await importer.downloadForm();
  expect(download.suggestedFilename()).toBe('chipao-แบบสำรวจความต้องการ-FY2571.xlsx');
  const form = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(form);
  const file = await fill(form, testInfo.outputPath('แบบสำรวจ-กรอกแล้ว.xlsx'), [
    ['แก่งคอย', 'ชะอม', 4, 'ขอฝายชะลอน้ำลำห้วย (แบบฟอร์ม)', 'น้ำอุปโภคบริโภคและน้ำเพื่อการเกษตร', 60, 18, 3, 'ประชาคม', '2/10/2569'],
    ['แก่งคอย', 'ชะอม', 5, 'ขอไฟส่องสว่างในหมู่บ้าน (แบบฟอร์ม)', 'ไฟฟ้า ไฟส่องสว่าง และอินเทอร์เน็ต', 35, null, null, 'LINE'],
  ]);
  await importer.choose(file);
  expect(await importer.problems()).toEqual([]);
  expect(await importer.counts()).toEqual({ valid: 2, problems: 0 });
  await importer.preview().screenshot({ path: testInfo.outputPath('needs-form-preview.png') });
  await importer.apply();
  await expect(page.getByTestId('sync-result')).toBeVisible();
  await expect.poll(() => needs.total()).toBe(before + 2);
});
