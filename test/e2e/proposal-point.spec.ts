/**
 * A proposal's point (the request form's พื้นที่ดำเนินการ … พิกัด): the secretariat imports the form with points written
 * in its location column, is told before applying that one lies outside the tambon it names, sees the points in the
 * grid, sets one in the proposal's form by pasting a map link, is refused a point outside Thailand, and sees the
 * proposals as diamonds beside the needs on the district's map and over the province.
 */
import { writeFileSync } from 'node:fs';
import type { TestInfo } from '@playwright/test';
import * as XLSX from 'xlsx';
import { expect, test } from './fixtures';
import { AppShell } from './pages/app-shell';
import { AuditPage } from './pages/audit-page';
import { NeedsImportPage } from './pages/needs-import-page';
import { LinksPage } from './pages/links-page';
import { NeedsPage } from './pages/needs-page';
import { ProjectsPage } from './pages/projects-page';
import { xlsxFile } from './workbooks';

function requestForm(testInfo: TestInfo, name: string, rows: readonly (string | number)[][]): string {
  const sheet = XLSX.utils.aoa_to_sheet([
    ['แบบเสนอโครงการ ประจำปีงบประมาณ พ.ศ. ๒๕๗๑'],
    ['ลำดับ', 'รหัสโครงการ', 'ชื่อโครงการ', 'หน่วยงานรับผิดชอบ', 'พื้นที่ดำเนินการ (หมู่ที่/ตำบล/อำเภอ, พิกัด)', 'งบประมาณ (บาท)'],
    ...rows,
  ]);
  return xlsxFile(testInfo.outputPath(name), { แบบเสนอ: sheet });
}

test('import proposals with their points, told of one outside its tambon, and set one in the form', async ({
  page,
  app,
}, testInfo) => {
  const agency = 'อบต.ตาลเดี่ยว';
  const file = requestForm(testInfo, 'แบบเสนอโครงการ-พิกัด.xlsx', [
    [1, 'PT-A', 'ขุดลอกคลองส่งน้ำ', agency, 'หมู่ 3 ต.ตาลเดี่ยว อ.แก่งคอย พิกัด 14.5610, 100.9975', '300,000'],
    // A point in another district: the tambon or the point typed wrong.
    [2, 'PT-B', 'ซ่อมถนนลูกรัง', agency, 'ต.ตาลเดี่ยว อ.แก่งคอย (14.6000, 100.8500)', '450,000'],
    [3, 'PT-C', 'ติดตั้งไฟฟ้าส่องสว่าง', agency, 'ต.ตาลเดี่ยว อ.แก่งคอย', '120,000'],
  ]);

  const shell = new AppShell(page);
  await shell.open(`${app.url}/#/projects`);
  const projects = new ProjectsPage(page);
  await projects.open();
  const preview = new NeedsImportPage(page);
  await projects.chooseProposalsFile(file);
  expect(await preview.problems()).toEqual([]);
  await expect(page.getByTestId('proposals-import-counts')).toHaveText('โครงการใหม่ 3 · เปลี่ยนแปลง 0 · ไม่เปลี่ยน 0');
  const note = 'โครงการ 1 โครงการมีพิกัดอยู่นอกตำบลที่ดำเนินการ (แถวที่ 4: ตำบลตาลเดี่ยว) พื้นที่หรือพิกัดอาจไม่ถูกต้อง ระบบเก็บตามที่ระบุ';
  await expect(page.getByTestId('import-note')).toHaveText(note);
  await page.getByTestId('import-note').scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('proposal-point-outside.png') });
  await projects.applyProposalsImport();
  await expect(page.getByTestId('proposals-import-done')).toContainText('โครงการใหม่ 3');
  await expect(page.getByTestId('proposals-import-note')).toHaveText(note);

  await projects.find(agency);
  const grid = projects.grid;
  await expect(grid.cell('PT-A', 'point')).toHaveText('14.561, 100.9975');
  await expect(grid.cell('PT-B', 'point')).toHaveText('14.6, 100.85');
  await expect(grid.cell('PT-C', 'point')).toHaveText('');
  await page.screenshot({ path: testInfo.outputPath('proposal-points-grid.png') });

  // A point outside Thailand is refused on its field, and nothing is saved.
  const form = await projects.openDetails('PT-C');
  await expect(form.getByTestId('proposal-point')).toHaveValue('');
  await form.getByTestId('proposal-point').fill('51.5074, -0.1278');
  await form.getByTestId('proposal-save').click();
  await expect(form).toContainText('ไม่ใช่พิกัดในประเทศไทย');
  await page.screenshot({ path: testInfo.outputPath('proposal-point-refused.png') });
  // A map link pasted whole is read as its point.
  await form.getByTestId('proposal-point').fill('https://www.google.com/maps/@14.5642,101.0021,17z');
  await form.getByTestId('proposal-save').click();
  await form.waitFor({ state: 'detached' });
  await projects.find(agency);
  await expect(grid.cell('PT-C', 'point')).toHaveText('14.5642, 101.0021');
  const again = await projects.openDetails('PT-C');
  await expect(again.getByTestId('proposal-point')).toHaveValue('14.5642, 101.0021');
  await page.screenshot({ path: testInfo.outputPath('proposal-point-form.png') });

  await again.getByRole('button', { name: 'ยกเลิก' }).click();

  // A point set in the form outside the proposal's tambon is saved, with a warning naming the tambon.
  await shell.dismissSnackbar();
  const moved = await projects.openDetails('PT-A');
  await moved.getByTestId('proposal-point').fill('14.6000, 100.8500');
  await moved.getByTestId('proposal-save').click();
  await moved.waitFor({ state: 'detached' });
  await expect(shell.warningSnackbar()).toContainText('บันทึกโครงการ PT-A แล้ว พิกัดอยู่นอกตำบลที่ดำเนินการ (ตำบลตาลเดี่ยว)');
  await page.screenshot({ path: testInfo.outputPath('proposal-point-form-outside.png') });
  await projects.find(agency);
  await expect(grid.cell('PT-A', 'point')).toHaveText('14.6, 100.85');
  // In the grid, the points outside their tambons stand out (PT-B's from the file, PT-A's from the form).
  await expect(grid.cell('PT-A', 'point')).toHaveClass(/chipao-point-outside/u);
  await expect(grid.cell('PT-B', 'point')).toHaveClass(/chipao-point-outside/u);
  await expect(grid.cell('PT-C', 'point')).not.toHaveClass(/chipao-point-outside/u);
  await grid.cell('PT-B', 'point').hover();
  await expect(page.locator('.ag-tooltip')).toHaveText('พิกัดอยู่นอกตำบลที่ดำเนินการ พื้นที่หรือพิกัดอาจไม่ถูกต้อง');
  await page.screenshot({ path: testInfo.outputPath('proposal-points-outside-grid.png') });

  // On the needs map of แก่งคอย, the three proposals of ตาลเดี่ยว as green diamonds; a tambon shows its own.
  const needs = new NeedsPage(page);
  await needs.open();
  await needs.filterDistrict('1902');
  const map = page.getByTestId('needs-map');
  await expect(map).toHaveAttribute('data-proposals', '3');
  await expect(page.getByTestId('needs-map-proposals')).toHaveText('รูปข้าวหลามตัดสีเขียว: ที่ตั้งของโครงการที่ระบุพิกัด 3 โครงการ');
  await page.getByTestId('needs-map-panel').screenshot({ path: testInfo.outputPath('proposal-points-map.png') });
  await needs.filterDistrict('1901');
  await expect(map).toHaveAttribute('data-proposals', '0');
  await expect(page.getByTestId('needs-map-proposals')).toHaveCount(0);
  // Over the province, every proposal with a point (the sample's have none).
  await page.getByTestId('needs-map-back').click();
  await expect(map).toHaveAttribute('data-proposals', '3');
  await expect(page.getByTestId('needs-map-proposals')).toHaveText('รูปข้าวหลามตัดสีเขียว: ที่ตั้งของโครงการที่ระบุพิกัด 3 โครงการ');
  await page.getByTestId('needs-map-panel').screenshot({ path: testInfo.outputPath('proposal-points-province.png') });

  // The agency sends its form again without the points: the file replaces each proposal, so the preview warns that
  // their points (two from the file, one set in the form) will be cleared, and the report says they were.
  await shell.open(`${app.url}/#/projects`);
  await projects.open();
  await projects.chooseProposalsFile(
    requestForm(testInfo, 'แบบเสนอโครงการ-ไม่มีพิกัด.xlsx', [
      [1, 'PT-A', 'ขุดลอกคลองส่งน้ำ', agency, 'หมู่ 3 ต.ตาลเดี่ยว อ.แก่งคอย', '300,000'],
      [2, 'PT-B', 'ซ่อมถนนลูกรัง', agency, 'ต.ตาลเดี่ยว อ.แก่งคอย', '450,000'],
      [3, 'PT-C', 'ติดตั้งไฟฟ้าส่องสว่าง', agency, 'ต.ตาลเดี่ยว อ.แก่งคอย', '120,000'],
    ]),
  );
  await expect(page.getByTestId('proposals-import-counts')).toHaveText('โครงการใหม่ 0 · เปลี่ยนแปลง 3 · ไม่เปลี่ยน 0');
  const cleared = page.getByTestId('proposals-import-cleared');
  await expect(cleared).toContainText('เมื่อนำเข้า ค่าเดิมจะถูกล้าง');
  await expect(cleared.getByRole('listitem')).toHaveText(['พิกัด: 3 โครงการ (PT-A, PT-B, PT-C)']);
  await cleared.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('proposal-points-cleared.png') });
  await projects.applyProposalsImport();
  await expect(page.getByTestId('proposals-import-done').getByTestId('proposals-import-cleared')).toContainText(
    'ล้างค่าที่ไฟล์เว้นว่างแล้ว:พิกัด: 3 โครงการ (PT-A, PT-B, PT-C)',
  );
  await projects.find(agency);
  await expect(grid.cell('PT-C', 'point')).toHaveText('');
  // The audit trail's import event names what was cleared.
  const audit = new AuditPage(page);
  await audit.open();
  await audit.filterKind('proposals.imported');
  const newest = await audit.grid.rowIdAtIndex(0);
  await expect(audit.grid.cell(newest, 'summary')).toContainText('ล้างค่าที่ไฟล์เว้นว่าง: พิกัด 3 รายการ');
});

test("the links screen says how far a suggested need's point lies from the proposal's", async ({ page, app }, testInfo) => {
  // Two needs of ตาลเดี่ยว about the canal, one with a point some 400 m from the project, one without.
  const needsFile = testInfo.outputPath('ความต้องการคลอง.csv');
  writeFileSync(
    needsFile,
    [
      'ตำบล,อำเภอ,ความต้องการ,ด้าน,ผู้ได้รับผลกระทบ,พิกัด',
      'ตาลเดี่ยว,แก่งคอย,ขอขุดลอกคลองส่งน้ำหมู่ 3,แหล่งน้ำ,80,"14.5646, 100.9975"',
      'ตาลเดี่ยว,แก่งคอย,ขอขุดลอกคลองส่งน้ำหมู่ 5,แหล่งน้ำ,40,',
    ].join('\n'),
  );
  await page.goto(`${app.url}/#/needs`);
  const needs = new NeedsPage(page);
  await needs.open();
  const importer = new NeedsImportPage(page);
  await importer.choose(needsFile);
  await importer.apply();
  await expect(page.getByTestId('sync-result')).toBeVisible();

  const shell = new AppShell(page);
  await shell.open(`${app.url}/#/projects`);
  const projects = new ProjectsPage(page);
  await projects.open();
  await projects.chooseProposalsFile(
    requestForm(testInfo, 'คลอง.xlsx', [
      [1, 'PT-L', 'ขุดลอกคลองส่งน้ำ', 'อบต.ตาลเดี่ยว', 'หมู่ 3 ต.ตาลเดี่ยว อ.แก่งคอย พิกัด 14.5610, 100.9975', '300,000'],
    ]),
  );
  await projects.applyProposalsImport();
  await expect(page.getByTestId('proposals-import-done')).toContainText('โครงการใหม่ 1');

  const links = new LinksPage(page);
  await links.open(app.url);
  await links.pick('PT-L');
  const near = links.suggestions().filter({ hasText: 'ขอขุดลอกคลองส่งน้ำหมู่ 3' });
  await expect(near.getByTestId('links-distance')).toHaveText('ห่างจุดดำเนินโครงการ 0.4 กม.');
  await expect(links.suggestions().filter({ hasText: 'ขอขุดลอกคลองส่งน้ำหมู่ 5' }).getByTestId('links-distance')).toHaveCount(0);
  await page.getByTestId('links-suggestions').screenshot({ path: testInfo.outputPath('links-distance.png') });
});
