/**
 * The secretariat's proposals day on the sample round: add a proposal over two tambons, correct its amount in the
 * grid, try a minimum above the request (refused on the cell, nothing saved), and edit a proposal members have
 * already scored: confirm, and the row says it changed after scoring.
 */
import { expect, test } from './fixtures';
import { AppShell } from './pages/app-shell';
import * as XLSX from 'xlsx';
import { NeedsImportPage } from './pages/needs-import-page';
import { ProjectsPage } from './pages/projects-page';
import { ScoringPage } from './pages/scoring-page';
import { xlsxFile } from './workbooks';

test('add, edit in place, refuse a bad minimum, and flag an edit after scoring', async ({ page, app }, testInfo) => {
  const shell = new AppShell(page);
  await shell.open(`${app.url}/#/projects`);
  const projects = new ProjectsPage(page);
  await projects.open();

  await projects.addProposal({
    code: 'E2E-001',
    title: 'ก่อสร้างถนนคอนกรีตเสริมเหล็กสายบ้านหนองน้ำ',
    agency: 'สำนักงานโยธาธิการและผังเมืองจังหวัดสระบุรี',
    tambons: ['ปากเพรียว', 'ดาวเรือง'],
    investment: '2,500,000',
    minimum: '1,000,000',
    readiness: ['design', 'land'],
    kpis: [{ name: 'ถนนที่ก่อสร้าง', target: '1.2', unit: 'กิโลเมตร' }],
  });
  await expect(shell.successSnackbar()).toContainText('E2E-001');
  await projects.find('E2E-001');
  const row = projects.grid;
  await expect(row.cell('E2E-001', 'areas')).toHaveText('ต.ปากเพรียว, ต.ดาวเรือง');
  await expect(row.cell('E2E-001', 'requested')).toHaveText('2,500,000.00');
  await expect(row.cell('E2E-001', 'readiness')).toHaveText('2/5');
  await expect(row.cell('E2E-001', 'needCount').getByTestId('no-linked-need')).toHaveText('ไม่มีความต้องการเชื่อมโยง');

  await projects.editCell('E2E-001', 'investment', '3,000,000');
  await expect(row.cell('E2E-001', 'requested')).toHaveText('3,000,000.00');
  await expect(row.cell('E2E-001', 'investment')).toHaveText('3,000,000.00');

  await projects.editCell('E2E-001', 'minimum', '5,000,000');
  await expect(shell.errorSnackbar()).toContainText('วงเงินขั้นต่ำ');
  expect(await projects.isCellRefused('E2E-001', 'minimum')).toBe(true);
  await expect(row.cell('E2E-001', 'minimum')).toHaveText('1,000,000.00');
  await row.cell('E2E-001', 'minimum').hover();
  await page.waitForTimeout(1000);
  await page.screenshot({ path: '/tmp/editing-refused.png' });
  await shell.dismissSnackbar();

  const scored = await projects.codeAtRank(1);
  await expect(projects.changedAfterScoringFlag(scored)).toHaveCount(0);
  await projects.editCell(scored, 'people', '4321');
  await expect(projects.scoredConfirm()).toContainText('มีคะแนนแล้ว');
  await projects.confirmEditAfterScoring();
  await expect(projects.changedAfterScoringFlag(scored)).toHaveText('แก้ไขหลังให้คะแนน');
  await expect(row.cell(scored, 'people')).toHaveText('4,321');
  await projects.changedAfterScoringFlag(scored).scrollIntoViewIfNeeded();
  await page.screenshot({ path: '/tmp/editing-flagged.png' });
  await page.screenshot({ path: testInfo.outputPath('projects-edit.png') });

  const details = await projects.openDetails('E2E-001');
  await expect(details.getByTestId('proposal-readiness-design')).toBeChecked();
  await expect(details.getByTestId('proposal-kpi-0-name')).toHaveValue('ถนนที่ก่อสร้าง');
  await page.screenshot({ path: '/tmp/editing-dialog.png' });
  // An amount changed to text that is not one: nothing is sent (the amount typed before is not what the field shows).
  await details.getByTestId('proposal-investment').fill('3,500,000x');
  await details.getByTestId('proposal-save').click();
  await expect(details.getByTestId('proposal-problems')).toHaveText('"3,500,000x" ไม่ใช่จำนวนเงิน (บาท)');
  await expect(details).toBeVisible();
  await details.getByRole('button', { name: 'ยกเลิก' }).click();

  await projects.removeProposal('E2E-001');
});

test('an edit of a proposal changed meanwhile in another window is refused, says what changed, and reloads', async ({
  page,
  app,
  browser,
}) => {
  const shell = new AppShell(page);
  await shell.open(`${app.url}/#/projects`);
  const projects = new ProjectsPage(page);
  await projects.open();
  const code = await projects.codeAtRank(2);
  const form = await projects.openDetails(code);

  // The owner's second window changes the same proposal while the form is open.
  const otherPage = await browser.newPage();
  const otherShell = new AppShell(otherPage);
  await otherShell.open(`${app.url}/#/projects`);
  const other = new ProjectsPage(otherPage);
  await other.open();
  await other.editCell(code, 'households', '77');
  await other.confirmEditAfterScoring();
  await expect(other.changedAfterScoringFlag(code)).toBeVisible();
  await otherPage.close();

  await form.getByTestId('proposal-people').fill('999');
  await form.getByTestId('proposal-save').click();
  await projects.confirmEditAfterScoring();
  await expect(shell.errorSnackbar()).toContainText('ถูกแก้ไขไปแล้ว');
  await expect(shell.errorSnackbar()).toContainText('แก้ไข ครัวเรือน');
  await expect(form).toBeHidden();
  await expect(projects.grid.cell(code, 'households')).toHaveText('77');
  await expect(projects.grid.cell(code, 'people')).not.toHaveText('999');
  await page.screenshot({ path: '/tmp/editing-conflict.png' });
});

test('a member scores a proposal while the grid is open: its row is read again, not every proposal of the round', async ({
  page,
  app,
  browser,
}) => {
  // What the grid asks the host for, by method (a province's 5,000 proposals are megabytes each time they are read).
  const asked: string[] = [];
  page.on('websocket', (ws) =>
    ws.on('framesent', (f) => {
      const method = typeof f.payload === 'string' ? /"method":"([^"]+)"/u.exec(f.payload)?.[1] : undefined;
      if (method) asked.push(method);
    }),
  );
  const shell = new AppShell(page);
  await shell.open(`${app.url}/#/projects`);
  const projects = new ProjectsPage(page);
  await projects.open();
  await projects.addProposal({
    code: 'E2E-SCORED',
    title: 'ขุดลอกหนองน้ำสาธารณะบ้านหนองโน',
    agency: 'องค์การบริหารส่วนตำบลหนองโน',
    tambons: ['หนองโน'],
    investment: '800,000',
  });
  await expect(shell.successSnackbar()).toContainText('E2E-SCORED');
  await projects.find('E2E-SCORED');
  await projects.grid.row('E2E-SCORED').waitFor();
  await expect.poll(() => asked.filter((m) => m === 'projects.details').length).toBeGreaterThanOrEqual(2);
  await page.waitForTimeout(500); // the reloads the new proposal asked for are sent
  asked.length = 0;

  // A member enters the first score of the new proposal in another window.
  const otherPage = await browser.newPage();
  await new AppShell(otherPage).open(`${app.url}/#/scoring`);
  const scoring = new ScoringPage(otherPage);
  await scoring.open();
  const [member] = await scoring.memberNames();
  await scoring.pickMember(member!);
  await scoring.setScore('E2E-SCORED', 'urgency', 4);
  await otherPage.close();

  // The grid knows it is scored now (an edit asks first) from that proposal's row alone.
  await expect.poll(() => asked.filter((m) => m === 'projects.get').length).toBe(1);
  await projects.editCell('E2E-SCORED', 'people', '350');
  await expect(projects.scoredConfirm()).toContainText('มีคะแนนแล้ว');
  expect(asked.filter((m) => m === 'projects.details')).toEqual([]);
  await projects.confirmEditAfterScoring();
  await expect(projects.changedAfterScoringFlag('E2E-SCORED')).toHaveText('แก้ไขหลังให้คะแนน');
  await expect(projects.grid.cell('E2E-SCORED', 'people')).toHaveText('350');
});

test('a local development plan (ผ.02): the round year is chosen, its column read, projects of other years passed over', async ({
  page,
  app,
}, testInfo) => {
  // Three years side by side under "งบประมาณ" (merged across), the อบต.'s area in the title, a total row.
  const rows: (string | number)[][] = [
    ['รายละเอียดโครงการพัฒนา แผนพัฒนาท้องถิ่น (พ.ศ. ๒๕๗๐ - ๒๕๗๒)'],
    ['องค์การบริหารส่วนตำบลตาลเดี่ยว อำเภอแก่งคอย จังหวัดสระบุรี'],
    ['ที่', 'โครงการ', 'เป้าหมาย (ผลผลิตของโครงการ)', 'งบประมาณ', 'งบประมาณ', 'งบประมาณ', 'หน่วยงานรับผิดชอบหลัก'],
    ['', '', '', '2570 (บาท)', '2571 (บาท)', '2572 (บาท)', ''],
    [1, 'ก่อสร้างถนน คสล. หมู่ที่ 1 บ้านตาลเดี่ยว', 'ยาว 200 ม.', '500,000', '-', '-', 'อบต.ตาลเดี่ยว'],
    [2, 'ขุดลอกคลองส่งน้ำ หมู่ที่ 3', 'ยาว 1,000 ม.', '300,000', '350,000', '-', 'อบต.ตาลเดี่ยว'],
    [3, 'ติดตั้งไฟฟ้าส่องสว่างทางสาธารณะ', '20 จุด', '-', '120,000.50', '150,000', 'อบต.ตาลเดี่ยว'],
    ['', 'รวม', '', '800,000', '470,000.50', '150,000', ''],
  ];
  const sheet = XLSX.utils.aoa_to_sheet(rows);
  sheet['!merges'] = [{ s: { r: 2, c: 3 }, e: { r: 2, c: 5 } }];
  const file = xlsxFile(testInfo.outputPath('ผ02-ตาลเดี่ยว.xlsx'), { 'ผ.02': sheet });

  const shell = new AppShell(page);
  await shell.open(`${app.url}/#/projects`);
  const projects = new ProjectsPage(page);
  await projects.open();
  const preview = new NeedsImportPage(page);
  await projects.chooseProposalsFile(file);
  // The plan spans three years: the round must be chosen first.
  expect(await preview.problems()).toEqual([{ line: 0, code: 'NO_FISCAL_YEAR' }]);
  await expect(page.getByTestId('import-problem')).toContainText('ทั้งไฟล์');
  await expect(page.getByTestId('import-preview')).toContainText('2570–2572');
  await projects.chooseImportYear(2571);
  expect(await preview.problems()).toEqual([]);
  await expect(page.getByTestId('proposals-import-counts')).toHaveText('โครงการใหม่ 2 · เปลี่ยนแปลง 0 · ไม่เปลี่ยน 0');
  expect(await preview.passedOver()).toContain('โครงการที่ไม่มีงบในปีงบประมาณของรอบ (มีเฉพาะปีอื่นของแผน) 1');
  await page.screenshot({ path: testInfo.outputPath('multi-year-plan.png'), fullPage: true });
  await projects.applyProposalsImport();
  await expect(page.getByTestId('proposals-import-done')).toContainText('โครงการใหม่ 2');
  await projects.find('ไฟฟ้าส่องสว่างทางสาธารณะ');
  await expect(page.getByText('120,000.50').first()).toBeVisible();

  // The plan sent again with a village added to a name: without codes that is a new proposal, and the preview says
  // which earlier one it may be.
  const corrected = XLSX.utils.aoa_to_sheet(
    rows.map((r) => (r[1] === 'ขุดลอกคลองส่งน้ำ หมู่ที่ 3' ? [r[0], 'ขุดลอกคลองส่งน้ำ หมู่ที่ 3 บ้านหนองปลิง', ...r.slice(2)] : r)),
  );
  corrected['!merges'] = sheet['!merges'];
  const file2 = xlsxFile(testInfo.outputPath('ผ02-ตาลเดี่ยว (แก้ไข).xlsx'), { 'ผ.02': corrected });
  await projects.chooseProposalsFile(file2);
  await projects.chooseImportYear(2571);
  await expect(page.getByTestId('proposals-import-counts')).toHaveText('โครงการใหม่ 1 · เปลี่ยนแปลง 0 · ไม่เปลี่ยน 1');
  const renamed = page.getByTestId('proposals-import-renamed');
  await expect(renamed).toHaveAttribute('data-count', '1');
  await expect(renamed).toContainText('แถวที่ 6 “ขุดลอกคลองส่งน้ำ หมู่ที่ 3 บ้านหนองปลิง” อาจเป็น');
  await expect(renamed).toContainText('“ขุดลอกคลองส่งน้ำ หมู่ที่ 3”');
  await renamed.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('renamed-proposal.png') });
  await projects.applyProposalsImport();
  await expect(page.getByTestId('proposals-import-done')).toContainText('โครงการใหม่ 1');
  await expect(page.getByTestId('proposals-import-done').getByTestId('proposals-import-renamed')).toBeVisible();

  // The first file once more: the renamed proposal it does not list is said to be kept, not withdrawn.
  await projects.chooseProposalsFile(file);
  await projects.chooseImportYear(2571);
  await expect(page.getByTestId('proposals-import-counts')).toHaveText('โครงการใหม่ 0 · เปลี่ยนแปลง 0 · ไม่เปลี่ยน 2');
  // With the agency's proposals the sample spells "องค์การบริหารส่วนตำบลตาลเดี่ยว": one agency, named as the file spells it.
  const unlisted = page.getByTestId('proposals-import-unlisted').locator('[data-count="3"]');
  await expect(unlisted).toContainText('โครงการของอบต.ตาลเดี่ยวในรอบนี้ 3 โครงการไม่อยู่ในไฟล์นี้ (ยังเก็บไว้ ไม่ได้ถอนออก)');
  await expect(unlisted).toContainText(/P-[0-9a-f]{10}/u);
  await expect(page.getByTestId('proposals-import-unlisted')).not.toContainText('องค์การบริหารส่วนตำบลตาลเดี่ยว');
  await unlisted.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('unlisted-proposal.png') });
});
