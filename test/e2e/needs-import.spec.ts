/**
 * The needs import as a secretariat meets it: a report-style Thai workbook from a district office, whose "ที่มา"
 * column holds notes rather than channels. The mapping step finds the header under the title rows, the user moves
 * that column to "details", sees the one row with an unknown tambon, downloads the problems, applies the valid rows
 * only, sees the new needs in the grid and what the batch changed, then restores the backup taken before it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as XLSX from 'xlsx';
import { expect, test } from './fixtures';
import { NeedsImportPage } from './pages/needs-import-page';
import { NeedsPage } from './pages/needs-page';
import { REPORT_HEADER_BOTTOM, REPORT_HEADER_TOP, REPORT_ROWS } from '../fixtures/needs-files';

test('import a report workbook: fix a suggested mapping, see the rejected row, apply the valid rows, see what changed, restore', async ({
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
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, 'อ.เมือง');
  const file = testInfo.outputPath('ความต้องการ-อำเภอเมือง.xlsx');
  writeFileSync(file, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);

  const needs = new NeedsPage(page);
  const importer = new NeedsImportPage(page);
  await page.goto(`${app.url}/#/needs`);
  await needs.open();
  const before = await needs.total();

  await importer.choose(file);
  await expect(importer.preview()).toBeVisible();
  expect(await importer.headerRow()).toBe(4);
  expect(await importer.mappedColumn('title')).toBe(4);
  expect(await importer.mappedColumn('channel')).toBe(8);
  // Every row's "ที่มา" is a note, not a channel: nine problems, and the unknown tambon.
  expect((await importer.problems()).filter((p) => p.code === 'UNKNOWN_CHANNEL')).toHaveLength(9);

  await importer.map('description', 8);
  expect(await importer.mappedColumn('channel')).toBeNull();
  await expect.poll(() => importer.problems()).toEqual([{ line: 14, code: 'UNKNOWN_AREA' }]);
  expect(await importer.counts()).toEqual({ valid: 8, problems: 1 });
  await page.screenshot({ path: testInfo.outputPath('mapping.png'), fullPage: true });

  const download = await importer.downloadProblems();
  const csv = readFileSync(await download.path(), 'utf8');
  expect(csv).toContain('UNKNOWN_AREA');
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

  // Restore the backup taken before the import: the needs are back as they were.
  await importer.restoreNewestBackup();
  await expect.poll(() => needs.total()).toBe(before);
});
