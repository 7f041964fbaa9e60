/**
 * The province's reference data through the round screen, on a host started without boundary files: the counts show
 * nothing loaded and the needs screen draws a chart saying where to import boundaries; a layer left in UTM metres is
 * refused with its feature and how to export it (Thai, then English), changing nothing; a GeoJSON layer of the 13
 * districts and a Thai Windows CSV of populations are imported and counted; the needs screen then draws the map.
 * A population workbook as DOPA publishes it is refused whole for one misspelled tambon (its sheet, row and column
 * named), then imported, saying what it passed over.
 */
import { writeFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import * as XLSX from 'xlsx';
import { win874 } from '../fixtures/needs-files';
import { expect, snap, test } from './fixtures';
import { RoundPage } from './pages/round-page';
import { xlsxFile } from './workbooks';

test.use({ hostArgs: ['--reference-dir', '/nonexistent-reference-data'] });

const DISTRICTS = Array.from({ length: 13 }, (_, i) => `19${String(i + 1).padStart(2, '0')}`);

/** A FeatureCollection of one square per district code, around Saraburi (or in UTM zone 47N metres). */
function districtLayer(metres = false): string {
  const features = DISTRICTS.map((code, i) => {
    const [x, y, d] = metres
      ? [690_000 + i * 6_000, 1_600_000, 5_000]
      : [100.75 + (i % 5) * 0.12, 14.35 + Math.floor(i / 5) * 0.12, 0.1];
    const ring = [
      [x, y],
      [x + d, y],
      [x + d, y + d],
      [x, y + d],
      [x, y],
    ];
    return { type: 'Feature', properties: { district_code: code }, geometry: { type: 'Polygon', coordinates: [ring] } };
  });
  return JSON.stringify({ type: 'FeatureCollection', features });
}

test('boundaries and populations imported from the round screen; a layer in metres refused with its place', async ({
  page,
  app,
}, testInfo) => {
  const round = new RoundPage(page);
  await round.shell.open(`${app.url}/#/needs`);
  await expect(page.getByTestId('needs-map-bars')).toBeVisible();
  await expect(page.getByTestId('needs-map-panel')).toContainText('แท็บข้อมูลอ้างอิงจังหวัด');

  await round.shell.goTo('round');
  await round.tab('reference');
  await expect(page.getByTestId('reference-district-boundary')).toHaveText('0 / 13');
  const before = await round.referenceStatus();

  const utm = testInfo.outputPath('อำเภอ-utm47.geojson');
  writeFileSync(utm, districtLayer(true));
  expect(await round.importReference(utm)).toBe('refused');
  const refusal = page.getByTestId('reference-refused');
  await expect(refusal).toContainText('พิกัดเป็นหน่วยเมตร');
  await expect(refusal).toContainText('WGS 84 (EPSG:4326)');
  await expect(page.getByTestId('reference-problems').locator('li').first()).toContainText('รายการที่ 1 (1901): พิกัดเป็นหน่วยเมตร');
  await expect(page.getByTestId('reference-problems-download')).toContainText('13');
  expect(await round.referenceStatus()).toEqual(before);
  await snap(page, testInfo, '01-layer-in-metres-refused');
  await round.shell.switchLanguage('en');
  await expect(refusal).toContainText('feature 1 (1901): the coordinates are in metres');
  await round.shell.switchLanguage('th');

  const layer = testInfo.outputPath('อำเภอ.geojson');
  writeFileSync(layer, districtLayer());
  expect(await round.importReference(layer)).toBe('imported');
  await expect(page.getByTestId('reference-imported')).toContainText('อำเภอ 13');
  await expect(page.getByTestId('reference-district-boundary')).toHaveText('13 / 13');

  const population = testInfo.outputPath('ประชากร.csv');
  writeFileSync(
    population,
    win874(
      `รหัส,ประชากร\r\n${DISTRICTS.map((c, i) => `${c},"${(40_000 + i * 1_000).toLocaleString('en-US')}"`).join('\r\n')}\r\n`,
    ),
  );
  expect(await round.importReference(population)).toBe('imported');
  await expect(page.getByTestId('reference-district-population')).toHaveText('13 / 13');
  await snap(page, testInfo, '02-reference-data-loaded');
  await round.shell.switchLanguage('en');
  await expect(page.getByTestId('reference-panel')).toContainText('Districts with a boundary');
  await snap(page, testInfo, '03-reference-data-en');
  await round.shell.switchLanguage('th');

  await round.shell.goTo('needs');
  await expect(page.getByTestId('needs-map')).toBeVisible();
  await expect(page.getByTestId('needs-map-bars')).toHaveCount(0);
  await expect(page.getByTestId('needs-map-per1000')).toBeEnabled();
  await snap(page, testInfo, '04-needs-map-drawn');
});

/**
 * DOPA's table of registered population as the secretariat downloads it and saves it from Excel: title rows, 8-digit
 * area codes, the province's row, ชาย / หญิง / รวม / บ้าน, the province's total row; `extra` rows go above the total.
 */
/** The round screen's reference-data tab, opened. */
async function referenceTab(page: Page, url: string): Promise<RoundPage> {
  const round = new RoundPage(page);
  await round.shell.open(`${url}/#/round`);
  await round.tab('reference');
  return round;
}

function populationWorkbook(path: string, extra: readonly unknown[][] = []): string {
  const districts = DISTRICTS.map((c, i) => [`${c}0000`, `อำเภอที่ ${i + 1}`, 20_000 + i * 500, 21_000 + i * 500]);
  const tambons = [
    ['19010100', 'ตำบลปากเพรียว', 10_101, 11_202],
    ['19010500', 'ตำบลดาวเรือง', 3_303, 3_404],
    ['19020200', 'ตำบลทับกวาง', 7_707, 7_808],
  ];
  const row = ([code, name, m, f]: (string | number)[]): unknown[] => [code, name, m, f, Number(m) + Number(f), 1_000];
  const ws = XLSX.utils.aoa_to_sheet([
    ['จำนวนประชากรแยกรายตำบล จังหวัดสระบุรี ณ เดือนธันวาคม 2568'],
    [],
    ['รหัสพื้นที่', 'ท้องที่', 'ชาย', 'หญิง', 'รวม', 'บ้าน'],
    row(['19000000', 'จังหวัดสระบุรี', 300_000, 320_000]),
    ...districts.map(row),
    ...tambons.map(row),
    ...extra,
    ['รวมทั้งจังหวัด', '', '', '', 620_000, ''],
  ]);
  ws['!merges'] = [{ s: { r: 0, c: 0 }, e: { r: 0, c: 5 } }];
  return xlsxFile(path, { ประชากร: ws });
}

test('a population workbook as DOPA publishes it: refused whole for one misspelled tambon, then imported', async ({
  page,
  app,
}, testInfo) => {
  const round = await referenceTab(page, app.url);
  await expect(page.getByTestId('reference-import-file')).toHaveAttribute('accept', /\.xlsx/u);
  const before = await round.referenceStatus();

  const misspelled = populationWorkbook(testInfo.outputPath('ประชากร-ผิด.xlsx'), [['', 'ต.ปากเพรียง', 1, 2, 3, 1]]);
  expect(await round.importReference(misspelled)).toBe('refused');
  await expect(page.getByTestId('reference-problems').locator('li').first()).toContainText(
    "แผ่นงาน 'ประชากร' แถวที่ 21 คอลัมน์ 'ท้องที่': ไม่พบตำบล 'ต.ปากเพรียง' หรือหมายถึง 'ปากเพรียว'",
  );
  expect(await round.referenceStatus()).toEqual(before);
  await snap(page, testInfo, '05-population-workbook-refused');

  const good = populationWorkbook(testInfo.outputPath('ประชากร 2568.xlsx'));
  expect(await round.importReference(good)).toBe('imported');
  await expect(page.getByTestId('reference-imported')).toContainText('อำเภอ 13 ตำบล 3');
  await expect(page.getByTestId('reference-notes')).toContainText("คอลัมน์ 'บ้าน' เป็นจำนวนบ้าน ไม่ใช่จำนวนประชากร");
  await expect(page.getByTestId('reference-district-population')).toHaveText('13 / 13');
  const tambons = Number(before.tambonPopulation.split(' / ')[0]);
  await expect(page.getByTestId('reference-tambon-population')).toContainText(`${Math.max(tambons, 3)} / `);
  await snap(page, testInfo, '06-population-workbook-imported');
  await round.shell.switchLanguage('en');
  await expect(page.getByTestId('reference-notes')).toContainText("the province's own row (its total) was passed over");
  await snap(page, testInfo, '07-population-workbook-imported-en');
});

test("a tambon given within and outside its municipality is summed; a municipality's row is refused, never read as its tambon", async ({
  page,
  app,
}, testInfo) => {
  const round = await referenceTab(page, app.url);
  const before = await round.referenceStatus();
  const rows = [
    ['จำนวนประชากรแยกในและนอกเขตเทศบาล อำเภอแก่งคอย'],
    ['ตำบล', 'อำเภอ', 'ชาย', 'หญิง', 'รวม'],
    ['หินซ้อน (เขตเทศบาล)', 'แก่งคอย', 1_200, 1_300, 2_500],
    ['หินซ้อน (นอกเขตเทศบาล)', 'แก่งคอย', 2_100, 2_150, 4_250],
    ['ทต.ตาลเดี่ยว', 'แก่งคอย', 3_000, 3_100, 6_100],
    ['ท่ามะปราง', 'แก่งคอย', 1_600, 1_700, 3_300],
  ];
  const file = (name: string, data: (string | number)[][]): string =>
    xlsxFile(testInfo.outputPath(name), { ประชากร: XLSX.utils.aoa_to_sheet(data) });
  expect(await round.importReference(file('ประชากร-เทศบาล.xlsx', rows))).toBe('refused');
  await expect(page.getByTestId('reference-problems').locator('li').first()).toContainText(
    "แผ่นงาน 'ประชากร' แถวที่ 5 คอลัมน์ 'ตำบล': 'ทต.ตาลเดี่ยว' เป็นแถวขององค์กรปกครองส่วนท้องถิ่น",
  );
  expect(await round.referenceStatus()).toEqual(before);
  await snap(page, testInfo, '08-municipality-row-refused');

  expect(
    await round.importReference(
      file(
        'ประชากร-แยกเขต.xlsx',
        rows.filter((r) => r[0] !== 'ทต.ตาลเดี่ยว'),
      ),
    ),
  ).toBe('imported');
  await expect(page.getByTestId('reference-imported')).toContainText('ตำบล 2');
  await expect(page.getByTestId('reference-notes')).toContainText(
    'มี 1 ตำบลที่ให้ตัวเลขแยกเป็นส่วน (ในและนอกเขตเทศบาล) จำนวนประชากรของตำบลจึงเป็นผลรวมของส่วนเหล่านั้น',
  );
  await snap(page, testInfo, '09-tambon-parts-summed');
});
