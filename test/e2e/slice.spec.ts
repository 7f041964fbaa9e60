/**
 * The vertical slice as a committee secretariat lives it: sync needs from a feed file, score projects
 * for a member, watch the ranking move, set the ceiling, see the allocation and chart follow, and
 * export the plan, whose funded total must match the screen.
 */
import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { expect, repoRoot, snap, test } from './fixtures';
import { AllocationPage } from './pages/allocation-page';
import { AppShell } from './pages/app-shell';
import { NeedsPage } from './pages/needs-page';
import { ProjectsPage } from './pages/projects-page';
import { ScoringPage } from './pages/scoring-page';

const feed = (name: string): string => join(repoRoot, 'test', 'fixtures', name);
const MEMBER_CRITERIA = ['urgency', 'readiness', 'strategy_fit', 'value'];

test('sync → score → rank moves → allocate → chart follows → export matches the screen', async ({ page, app }, testInfo) => {
  const shell = new AppShell(page);
  const needs = new NeedsPage(page);
  const projects = new ProjectsPage(page);
  const scoring = new ScoringPage(page);
  const allocation = new AllocationPage(page);

  await shell.open(`${app.url}/#/needs`);
  await expect(shell.syntheticChip()).toHaveText('ข้อมูลตัวอย่าง (สังเคราะห์) — ไม่ใช่ข้อมูลจริง');
  await expect(shell.roundName()).toContainText('ปีงบประมาณ 2571');
  await needs.open();
  const totalBefore = await needs.total();
  await snap(page, testInfo, '01-needs');

  // 1. Sync the update feed: some changed, some new, some withdrawn.
  await needs.syncFile(feed('needs-feed-update.ndjson'));
  await expect(needs.syncResult()).toBeVisible();
  const counts = await needs.syncCounts();
  expect(counts.new).toBeGreaterThan(0);
  expect(counts.changed).toBeGreaterThan(0);
  expect(counts.withdrawn).toBeGreaterThan(0);
  await expect.poll(() => needs.total()).toBe(totalBefore + counts.new);
  await snap(page, testInfo, '02-synced');

  // 2. Pick a project in the lower half of the ranking and score it high for one member.
  await projects.open();
  const code = await projects.codeAtRank(200);
  const rankBefore = await projects.rankOf(code);
  expect(rankBefore).toBe(200);
  await snap(page, testInfo, '03-projects-before');

  await scoring.open();
  const members = await scoring.memberNames();
  expect(members.length).toBeGreaterThan(0);
  await scoring.pickMember(members[0]!);
  for (const criterion of MEMBER_CRITERIA) {
    await scoring.setScore(code, criterion, 5);
    await expect.poll(() => scoring.score(code, criterion)).toBe('5');
  }
  await expect(shell.errorSnackbar()).toHaveCount(0);
  await snap(page, testInfo, '04-scored');

  // 3. The project climbs the ranking.
  await projects.open();
  await expect.poll(() => projects.rankOf(code)).toBeLessThan(rankBefore);
  await snap(page, testInfo, '05-projects-after');

  // 4. Lower the ceiling: less is funded, and the chart is redrawn with the new amounts.
  await allocation.open();
  const fundedBefore = await allocation.funded();
  expect(await allocation.chartFunded()).toBe(fundedBefore);
  await snap(page, testInfo, '06-allocation-before');
  await allocation.setCeiling('150,000,000', 150_000_000_00);
  await expect.poll(() => allocation.funded()).toBeLessThan(fundedBefore);
  const funded = await allocation.funded();
  expect(funded).toBeLessThanOrEqual(150_000_000_00);
  expect(await allocation.remaining()).toBe(150_000_000_00 - funded);
  await expect.poll(() => allocation.chartFunded()).toBe(funded);
  await snap(page, testInfo, '07-allocation-after');

  // 5. Export: the Y1 total in the workbook equals the funded total on screen.
  const download = await allocation.exportXlsx();
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/u);
  const file = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(file);
  await testInfo.attach('plan.xlsx', { path: file });
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const y1 = workbook.getWorksheet('Y1 ได้รับการจัดสรร');
  expect(y1, 'the Y1 (funded) sheet').toBeDefined();
  let fileTotal: number | undefined;
  y1!.eachRow((row) => {
    // Columns: running number, rank, code, name, agency, district, issue, score, needs, people, requested, allocated.
    if (row.getCell(1).value === 'รวม') fileTotal = Number(row.getCell(12).value);
  });
  expect(fileTotal, 'a "รวม" (total) row in the Y1 sheet').toBeDefined();
  expect(Math.round(fileTotal! * 100)).toBe(funded);
  await expect(page.getByTestId('alloc-funded-total')).toContainText(
    `${(funded / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })} บาท`,
  );
  await snap(page, testInfo, '08-exported');
});

test('a bad feed is rejected with line-numbered reasons and nothing applied', async ({ page, app }, testInfo) => {
  const shell = new AppShell(page);
  const needs = new NeedsPage(page);
  await shell.open(`${app.url}/#/needs`);
  await needs.open();
  const totalBefore = await needs.total();

  await needs.syncFile(feed('needs-feed-bad.ndjson'));
  await expect(needs.syncError()).toBeVisible();
  await expect(needs.syncError()).toHaveAttribute('data-code', 'SYNC_REJECTED');
  const problems = await needs.syncProblems();
  expect(problems.length).toBeGreaterThanOrEqual(3);
  for (const p of problems) {
    expect(p.line).toBeGreaterThan(0);
    expect(p.text).toContain(`บรรทัดที่ ${p.line}`);
  }
  expect(await needs.total()).toBe(totalBefore);
  await snap(page, testInfo, '01-rejected-th');

  // The same rejection reads in English after the switch.
  await shell.switchLanguage('en');
  await expect(needs.syncError()).toContainText('Line ');
  await snap(page, testInfo, '02-rejected-en');
});

test('an out-of-range score is refused, explained and reverted', async ({ page, app }, testInfo) => {
  const shell = new AppShell(page);
  const projects = new ProjectsPage(page);
  const scoring = new ScoringPage(page);
  await shell.open(`${app.url}/#/projects`);
  await projects.open();
  const code = await projects.codeAtRank(1);

  await scoring.open();
  const [member] = await scoring.memberNames();
  await scoring.pickMember(member!);
  const before = await scoring.score(code, 'urgency');
  await scoring.setScore(code, 'urgency', 9);
  // The sheet checks the scale before sending (the core refuses it too: SCORE_OUT_OF_RANGE, handler tests).
  await expect(shell.errorSnackbar()).toContainText('9 อยู่นอกช่วงคะแนน 1–5');
  await expect.poll(() => scoring.score(code, 'urgency')).toBe(before);
  await snap(page, testInfo, '01-out-of-range');
});

test('the language switch is remembered', async ({ page, app }, testInfo) => {
  const shell = new AppShell(page);
  await shell.open(`${app.url}/#/allocation`);
  await shell.switchLanguage('en');
  await expect(shell.syntheticChip()).toHaveText('Sample data (synthetic) — not real');
  await page.reload();
  await expect(shell.roundName()).toContainText('Fiscal year 2571 (BE)');
  await expect(page.getByTestId('export-xlsx')).toHaveText('Export plan (XLSX)');
  await snap(page, testInfo, '01-english');
});

test('on a 1280-pixel projector every screen’s tab can be reached with the mouse', async ({ page, app }, testInfo) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const shell = new AppShell(page);
  await shell.open(`${app.url}/#/round`);
  // Ten Thai screen names do not fit: the last tab starts outside the window, and an arrow scrolls the row to it.
  await expect(shell.navTab('workshop')).not.toBeInViewport({ ratio: 1 });
  await expect(shell.navScrollEnd()).toBeVisible();
  await shell.scrollNavTo('workshop');
  await snap(page, testInfo, '01-nav-scrolled');
  const box = (await shell.navTab('workshop').boundingBox())!;
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await expect(page.getByTestId('screen-workshop')).toBeVisible();
});
