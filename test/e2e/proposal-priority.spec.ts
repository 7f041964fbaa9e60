/**
 * The agencies' own priorities on the request form (ลำดับความสำคัญ, 1 = most important): the secretariat imports a
 * form with the column, is warned that one agency gave two proposals the same priority, sees the priorities in the
 * grid and sorts by them (proposals without one below), reads one in the proposal's form, and corrects one in place.
 */
import type { TestInfo } from '@playwright/test';
import * as XLSX from 'xlsx';
import { expect, test } from './fixtures';
import { AppShell } from './pages/app-shell';
import { NeedsImportPage } from './pages/needs-import-page';
import { ProjectsPage } from './pages/projects-page';
import { xlsxFile } from './workbooks';

/** The request form as an agency fills it in (a running number, its own priority, code, title…), saved as XLSX. */
function requestForm(testInfo: TestInfo, name: string, rows: readonly (string | number)[][]): string {
  const sheet = XLSX.utils.aoa_to_sheet([
    ['แบบเสนอโครงการ ประจำปีงบประมาณ พ.ศ. ๒๕๗๑'],
    ['ลำดับ', 'ลำดับความสำคัญ', 'รหัสโครงการ', 'ชื่อโครงการ', 'หน่วยงานรับผิดชอบ', 'พื้นที่ดำเนินการ', 'งบประมาณ (บาท)'],
    ...rows,
  ]);
  return xlsxFile(testInfo.outputPath(name), { แบบเสนอ: sheet });
}

test("import the agencies' priorities, see them in the grid and sort by them", async ({ page, app }, testInfo) => {
  const agency = 'อบต.หนองปลาไหล';
  const file = requestForm(testInfo, 'แบบเสนอโครงการ-หนองปลาไหล.xlsx', [
    [1, 'ลำดับที่ ๓', 'PRI-A', 'ซ่อมแซมถนนลูกรัง', agency, 'ต.ปากเพรียว', '200,000'],
    [2, '๑', 'PRI-B', 'ขุดลอกคลองสาธารณะ', agency, 'ต.ปากเพรียว', '450,000'],
    [3, '', 'PRI-C', 'ติดตั้งไฟฟ้าส่องสว่าง', agency, 'ต.ปากเพรียว', '120,000'],
    [4, 2, 'PRI-D', 'ก่อสร้างรางระบายน้ำ', agency, 'ต.ปากเพรียว', '380,000'],
    [5, 'ลำดับที่ 2', 'PRI-E', 'ปรับปรุงศาลาประชาคม', agency, 'ต.ปากเพรียว', '90,000'],
  ]);

  const shell = new AppShell(page);
  await shell.open(`${app.url}/#/projects`);
  const projects = new ProjectsPage(page);
  await projects.open();
  const preview = new NeedsImportPage(page);
  await projects.chooseProposalsFile(file);
  expect(await preview.problems()).toEqual([]);
  await expect(page.getByTestId('proposals-import-counts')).toHaveText('โครงการใหม่ 5 · เปลี่ยนแปลง 0 · ไม่เปลี่ยน 0');
  const same = page.getByTestId('proposals-import-same-priority');
  await expect(same).toHaveAttribute('data-count', '1');
  await expect(same).toContainText(`${agency} ให้ลำดับความสำคัญที่ 2 แก่หลายโครงการ: แถวที่ 6 (PRI-D), แถวที่ 7 (PRI-E)`);
  await same.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('same-priority-warning.png') });
  await projects.applyProposalsImport();
  await expect(page.getByTestId('proposals-import-done')).toContainText('โครงการใหม่ 5');
  await expect(page.getByTestId('proposals-import-done').getByTestId('proposals-import-same-priority')).toBeVisible();

  await projects.find(agency);
  const grid = projects.grid;
  await expect(grid.cell('PRI-A', 'agencyPriority')).toHaveText('3');
  await expect(grid.cell('PRI-C', 'agencyPriority')).toHaveText('');
  await grid.sortBy('agencyPriority');
  await expect.poll(() => grid.visibleRowIds()).toEqual(['PRI-B', 'PRI-D', 'PRI-E', 'PRI-A', 'PRI-C']);
  await page.screenshot({ path: testInfo.outputPath('sorted-by-priority.png') });
  // Descending: the agency's least important first, and still none below.
  await grid.sortBy('agencyPriority', 'descending');
  await expect.poll(() => grid.visibleRowIds()).toEqual(['PRI-A', 'PRI-D', 'PRI-E', 'PRI-B', 'PRI-C']);

  // The proposal's form shows it; an edit of another field keeps it.
  const form = await projects.openDetails('PRI-A');
  await expect(form.getByTestId('proposal-agency-priority')).toHaveValue('3');
  await page.screenshot({ path: testInfo.outputPath('proposal-form-priority.png') });
  await form.getByTestId('proposal-title').fill('ซ่อมแซมถนนลูกรัง หมู่ที่ 5');
  await form.getByTestId('proposal-save').click();
  await form.waitFor({ state: 'detached' });
  await projects.find(agency);
  await expect(grid.cell('PRI-A', 'title')).toHaveText('ซ่อมแซมถนนลูกรัง หมู่ที่ 5');
  await expect(grid.cell('PRI-A', 'agencyPriority')).toHaveText('3');

  // Corrected in place as the agency writes it; a word is no priority.
  await projects.editCell('PRI-E', 'agencyPriority', 'ลำดับที่ ๔');
  await expect(grid.cell('PRI-E', 'agencyPriority')).toHaveText('4');
  await projects.editCell('PRI-C', 'agencyPriority', 'สูง');
  await expect(shell.errorSnackbar()).toContainText('ไม่ใช่ลำดับความสำคัญ');
  expect(await projects.isCellRefused('PRI-C', 'agencyPriority')).toBe(true);
  await expect(grid.cell('PRI-C', 'agencyPriority')).toHaveText('');
});

test('an agency sends its proposals in two files, then corrects one in the form: each time told which proposal already holds the priority', async ({
  page,
  app,
}, testInfo) => {
  const agency = 'อบต.ตาลเดี่ยว';
  const shell = new AppShell(page);
  await shell.open(`${app.url}/#/projects`);
  const projects = new ProjectsPage(page);
  await projects.open();
  const same = page.getByTestId('proposals-import-same-priority');

  // The first file: its own priorities, one each.
  await projects.chooseProposalsFile(
    requestForm(testInfo, 'ชุดที่ 1.xlsx', [
      [1, 1, 'TD-01', 'ก่อสร้างถนนคอนกรีตเสริมเหล็ก', agency, 'ต.ตาลเดี่ยว', '500,000'],
      [2, 2, 'TD-02', 'ขุดลอกคลองสาธารณะ', agency, 'ต.ตาลเดี่ยว', '300,000'],
    ]),
  );
  await expect(page.getByTestId('proposals-import-counts')).toHaveText('โครงการใหม่ 2 · เปลี่ยนแปลง 0 · ไม่เปลี่ยน 0');
  await expect(same).toHaveCount(0);
  await projects.applyProposalsImport();
  await expect(page.getByTestId('proposals-import-done')).toContainText('โครงการใหม่ 2');

  // The second file gives 2 again: the round's TD-02 already has it.
  await projects.chooseProposalsFile(
    requestForm(testInfo, 'ชุดที่ 2.xlsx', [
      [1, 2, 'TD-03', 'ติดตั้งไฟฟ้าส่องสว่าง', agency, 'ต.ตาลเดี่ยว', '120,000'],
      [2, 3, 'TD-04', 'ซ่อมแซมฝายน้ำล้น', agency, 'ต.ตาลเดี่ยว', '90,000'],
    ]),
  );
  const line = `${agency} ให้ลำดับความสำคัญที่ 2 แก่หลายโครงการ: แถวที่ 3 (TD-03), TD-02 “ขุดลอกคลองสาธารณะ” ที่มีอยู่แล้วในรอบ`;
  await expect(same).toHaveAttribute('data-count', '1');
  await expect(same).toContainText(line);
  await same.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('same-priority-across-files.png') });
  await projects.applyProposalsImport();
  const done = page.getByTestId('proposals-import-done');
  await expect(done).toContainText('โครงการใหม่ 2');
  await expect(done.getByTestId('proposals-import-same-priority')).toContainText(line);

  // Imported as written.
  await projects.find(agency);
  await expect(projects.grid.cell('TD-03', 'agencyPriority')).toHaveText('2');

  // The agency says its weir comes first: saved, and told TD-01 holds 1 already.
  const form = await projects.openDetails('TD-04');
  await form.getByTestId('proposal-agency-priority').fill('1');
  await form.getByTestId('proposal-save').click();
  await form.waitFor({ state: 'detached' });
  await expect(shell.warningSnackbar()).toContainText(
    `บันทึกโครงการ TD-04 แล้ว แต่${agency}ให้ลำดับความสำคัญที่ 1 แก่โครงการ TD-01 “ก่อสร้างถนนคอนกรีตเสริมเหล็ก” อยู่แล้ว`,
  );
  await page.screenshot({ path: testInfo.outputPath('same-priority-saved-in-form.png') });
  await projects.find(agency);
  await expect(projects.grid.cell('TD-04', 'agencyPriority')).toHaveText('1');

  // A file that gives one priority to every row: the first 20 named, the rest counted (50,000 rows made one huge line).
  await projects.chooseProposalsFile(
    requestForm(
      testInfo,
      'ชุดที่ 3.xlsx',
      Array.from({ length: 22 }, (_, i) => [i + 1, 5, `TD-${100 + i}`, `โครงการที่ ${i + 1}`, agency, 'ต.ตาลเดี่ยว', '10,000']),
    ),
  );
  await expect(same).toHaveAttribute('data-count', '1');
  await expect(same).toContainText('แถวที่ 3 (TD-100), แถวที่ 4 (TD-101)');
  await expect(same).toContainText('แถวที่ 22 (TD-119), และอีก 2 โครงการ');
  await expect(same).not.toContainText('TD-120');
  await same.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('same-priority-many.png') });
});
