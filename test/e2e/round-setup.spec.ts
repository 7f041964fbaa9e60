/**
 * A real round prepared by the secretariat from an empty database (not the sample): the round, two development issues,
 * three members, four criteria weighted by AHP; the districts' needs from a report workbook; the agencies' proposals
 * from a report-style workbook into the round of the year it states; the needs suggested for one proposal accepted
 * and its evidence seen; the unmet needs of a district, and one agency's list exported.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as XLSX from 'xlsx';
import { reportXlsx } from '../fixtures/needs-files';
import { PROPOSAL_ISSUES, PROPOSAL_ROWS, proposalsXlsx } from '../fixtures/proposals-files';
import { expect, snap, test } from './fixtures';
import { LinksPage } from './pages/links-page';
import { NeedsImportPage } from './pages/needs-import-page';
import { ProjectsPage } from './pages/projects-page';
import { RoundPage } from './pages/round-page';
import { UnmetPage } from './pages/unmet-page';

test.use({ hostArgs: ['--no-seed'] });

test('empty database → round, issues, committee, AHP criteria → needs and proposals from files → links → unmet needs exported', async ({
  page,
  app,
}, testInfo) => {
  const round = new RoundPage(page);
  await page.goto(`${app.url}/#/round`);
  await page.getByTestId('screen-round').waitFor();
  await expect(round.shell.syntheticChip()).toHaveCount(0);

  // The round, two development issues, three members, four criteria weighted by a consistent AHP comparison.
  await round.createRound(2571, 'แผนพัฒนาจังหวัดสระบุรี ประจำปีงบประมาณ 2571', '250,000,000');
  await round.addIssues(PROPOSAL_ISSUES.slice(0, 2).map((i) => ({ title: i.titleTh })));
  await round.shell.dismissSnackbar();
  await round.addMember('นายสมศักดิ์ ตัวอย่าง', 'ผู้ว่าราชการจังหวัดสระบุรี', 'ศาลากลางจังหวัดสระบุรี', 'chair');
  await round.addMember('นางสาวมาลี ทดสอบ', 'คลังจังหวัด', 'สำนักงานคลังจังหวัดสระบุรี', 'member');
  await round.addMember('นายปรีชา วางแผน', 'หัวหน้าสำนักงานจังหวัด', 'สำนักงานจังหวัดสระบุรี', 'secretariat');
  await expect(page.getByTestId('members-grid').locator('.ag-row[row-id]')).toHaveCount(3);
  await round.shell.dismissSnackbar();
  await round.setCriteriaWithAhp(
    ['ความจำเป็นเร่งด่วน', 'ความพร้อมของโครงการ', 'ความสอดคล้องกับประเด็นการพัฒนา', 'ความคุ้มค่า'],
    ['3', '5', '7', '3', '5', '3'],
  );
  await expect(page.getByTestId('ahp-ok')).toBeVisible();
  await round.saveCriteria();
  await expect(page.getByTestId('ahp-saved-cr')).toBeVisible();
  await snap(page, testInfo, '01-round-set-up');

  // The districts' needs, from a report workbook.
  const needsFile = testInfo.outputPath('ความต้องการ.xlsx');
  writeFileSync(needsFile, reportXlsx());
  await round.shell.goTo('needs');
  const needsImport = new NeedsImportPage(page);
  await needsImport.choose(needsFile);
  expect((await needsImport.counts()).valid).toBe(8);
  await needsImport.apply();
  await expect(page.getByTestId('sync-result')).toBeVisible();

  // The agencies' proposals, from a report workbook titled with the year in Thai digits; issue 2 named by its title.
  const rows = PROPOSAL_ROWS.map((r) => (r.code === 'SRB71-A03' ? { ...r, issue: PROPOSAL_ISSUES[1]!.titleTh } : r));
  const proposalsFile = testInfo.outputPath('บัญชีโครงการ.xlsx');
  writeFileSync(proposalsFile, proposalsXlsx(rows));
  const projects = new ProjectsPage(page);
  await round.shell.goTo('projects');
  await page.getByTestId('screen-projects').waitFor();
  await projects.chooseProposalsFile(proposalsFile);
  expect(await projects.importTargetRound()).not.toBeNull();
  await expect(page.getByTestId('proposals-import-counts')).toHaveText('โครงการใหม่ 4 · เปลี่ยนแปลง 0 · ไม่เปลี่ยน 0');
  await expect(page.getByTestId('import-header-row')).toHaveAttribute('data-row', '4');
  await snap(page, testInfo, '02-proposals-preview');
  await projects.applyProposalsImport();
  await expect(page.getByTestId('proposals-import-done')).toContainText('โครงการใหม่ 4');
  await projects.grid.waitForRows();
  await expect(projects.grid.root.locator('.ag-row[row-id]')).toHaveCount(4);
  // No proposal has linked needs yet, and the grid says so.
  await expect(page.getByTestId('no-linked-need')).toHaveCount(4);
  await snap(page, testInfo, '03-proposals-imported');

  // The needs suggested for the water-supply proposal, accepted; its evidence follows.
  const links = new LinksPage(page);
  await round.shell.goTo('links');
  await links.root().waitFor();
  await links.pick('SRB71-A01');
  expect(await links.evidence('people')).toBe('0');
  await expect(links.suggestions().first()).toContainText('ขอขยายเขตประปาหมู่บ้าน');
  const accepted = await links.acceptFirst(1);
  await expect(links.linkedRow(accepted[0]!)).toBeVisible();
  await expect(page.getByTestId('links-ev-people')).toHaveAttribute('data-value', '150');
  expect(await links.evidence('households')).toBe('40');
  expect(await links.evidence('villages')).toBe('1');
  await snap(page, testInfo, '04-links-evidence');

  // The unmet needs of Kaeng Khoi district, and the health office's list exported.
  const unmet = new UnmetPage(page);
  await unmet.open();
  expect(await unmet.totalNeeds()).toBe(7);
  await unmet.chooseDistrict('1902');
  expect(await unmet.totalNeeds()).toBe(2);
  const doors = await unmet.doors();
  const agency = doors.find((d) => d.key.startsWith('agency:'));
  if (!agency) throw new Error(`no agency among the doors of Kaeng Khoi: ${JSON.stringify(doors)}`);
  expect(await unmet.showDoor(agency.key)).toBe(agency.needs);
  await snap(page, testInfo, '05-unmet-district');
  const download = await unmet.exportDoor(agency.key);
  const saved = testInfo.outputPath('unmet.xlsx');
  await download.saveAs(saved);
  const wb = XLSX.read(readFileSync(saved), { type: 'buffer' });
  const sheet = wb.Sheets[wb.SheetNames[0] ?? ''];
  if (!sheet) throw new Error('the workbook has no sheet');
  const table = XLSX.utils.sheet_to_json<unknown[]>(sheet, { header: 1, blankrows: false });
  expect(String(table[2]?.[0])).toBe(`ส่งถึง: ${agency.key.slice('agency:'.length)}`);
  expect(table.some((r) => r.includes('ขอรถรับส่งผู้ป่วยฉุกเฉิน'))).toBe(true);
  expect(String(table.at(-1)?.[0])).toBe(`รวม ${agency.needs} รายการ`);
});
