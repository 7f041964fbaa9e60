/**
 * A secretariat routes the people's unmet needs (sample data): open the unmet-needs screen, choose a district, see
 * its needs by tambon and who should act, list one agency's needs, and export them: the workbook holds those rows.
 */
import * as XLSX from 'xlsx';
import { readFileSync } from 'node:fs';
import { expect, snap, test } from './fixtures';
import { UnmetPage } from './pages/unmet-page';

const HEADERS_ROW_FIRST = 'ลำดับ';

test('unmet needs of a district → one agency’s list → its workbook', async ({ page, app }, testInfo) => {
  const unmet = new UnmetPage(page);
  await unmet.shell.open(app.url);
  await unmet.open();
  const provinceTotal = await unmet.totalNeeds();
  expect(provinceTotal).toBeGreaterThan(1000);
  expect((await unmet.heatRows()).map((r) => r.area.length)).toContain(4);
  await snap(page, testInfo, '01-unmet-province');

  await unmet.chooseDistrict('1901');
  const districtTotal = await unmet.totalNeeds();
  expect(districtTotal).toBeLessThan(provinceTotal);
  const tambons = await unmet.heatRows();
  expect(tambons.length).toBeGreaterThan(3);
  expect(tambons.every((r) => r.area.startsWith('1901') && r.area.length === 6)).toBe(true);
  expect(tambons.reduce((a, r) => a + r.needs, 0)).toBe(districtTotal);
  expect(await unmet.listTotal()).toBe(districtTotal);

  const doors = await unmet.doors();
  expect(doors.reduce((a, d) => a + d.needs, 0)).toBe(districtTotal);
  expect(doors.some((d) => d.key === 'province')).toBe(true);
  expect(doors.some((d) => d.key.startsWith('local:1901'))).toBe(true);
  const agency = doors.find((d) => d.key === 'agency:สำนักงานสาธารณสุขจังหวัดสระบุรี');
  if (!agency) throw new Error('no health office door in the district');
  expect(await unmet.showDoor(agency.key)).toBe(agency.needs);
  await expect(unmet.grid.root.locator('.ag-cell[col-id="door"]').first()).toHaveText('สำนักงานสาธารณสุขจังหวัดสระบุรี');
  await snap(page, testInfo, '02-unmet-district-agency');

  const download = await unmet.exportDoor(agency.key);
  expect(download.suggestedFilename()).toMatch(/^chipao-unmet-FY2571-สำนักงานสาธารณสุขจังหวัดสระบุรี-อำเภอ.+\.xlsx$/u);
  const path = testInfo.outputPath('unmet-agency.xlsx');
  await download.saveAs(path);
  const wb = XLSX.read(readFileSync(path), { type: 'buffer' });
  const sheet = wb.Sheets[wb.SheetNames[0] ?? ''];
  if (!sheet) throw new Error('the workbook has no sheet');
  const rows = XLSX.utils.sheet_to_json<unknown[]>(sheet, { header: 1, blankrows: false });
  expect(String(rows[2]?.[0])).toBe('ส่งถึง: สำนักงานสาธารณสุขจังหวัดสระบุรี');
  const headerAt = rows.findIndex((r) => r[0] === HEADERS_ROW_FIRST);
  const body = rows.slice(headerAt + 1, -1);
  expect(body).toHaveLength(agency.needs);
  expect(new Set(body.map((r) => r[4]))).toEqual(new Set(['เมืองสระบุรี']));
  expect(body.every((r) => String(r[11]).includes('สำนักงานสาธารณสุขจังหวัดสระบุรี'))).toBe(true);
  expect(String(rows.at(-1)?.[0])).toBe(`รวม ${agency.needs} รายการ`);
  await expect(unmet.shell.successSnackbar()).toBeVisible();
  await snap(page, testInfo, '03-unmet-exported');
  await unmet.grid.root.scrollIntoViewIfNeeded();
  await snap(page, testInfo, '04-unmet-list');
  await page.getByTestId('unmet-routes').scrollIntoViewIfNeeded();
  await snap(page, testInfo, '05-unmet-routes');
  await unmet.shell.switchLanguage('en');
  await expect(page.getByTestId('screen-unmet').getByRole('heading', { level: 2 })).toHaveText('Unmet needs');
  await page.getByTestId('unmet-doors').scrollIntoViewIfNeeded();
  await snap(page, testInfo, '06-unmet-en');
  // English headers are longer: none is broken inside a word ("Househo / lds"), at 1440 and at 1280 px.
  for (const width of [1440, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await unmet.grid.root.scrollIntoViewIfNeeded();
    await expect.poll(() => unmet.grid.headersBrokenInsideWords()).toEqual([]);
  }
});
