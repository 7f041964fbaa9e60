/**
 * Every screen as the committee sees it, on the screens it is seen on (the 1280 × 720 projector, the 1366 × 768
 * secretariat laptop, a member's 412-px phone), in English and in Thai.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { DEFAULT_AGENCIES } from '../../shared/domain/routing';
import { expect, snap, test } from './fixtures';
import { AppShell, type ScreenName } from './pages/app-shell';
import { ComparePage } from './pages/compare-page';
import { RoundPage } from './pages/round-page';

/** The proposal whose linked and suggested needs the walk opens on the links screen. */
const PROPOSAL = 'SRB71-001';

/**
 * What the database keeps as entered, in Thai whatever the screen's language: the round's, projects', agencies',
 * members', scenarios' and needs' names.
 */
function enteredNames(dataDir: string): string[] {
  const db = new Database(join(dataDir, 'chipao.sqlite'), { readonly: true });
  try {
    const rows = db
      .prepare(
        `SELECT name AS text FROM round UNION SELECT title FROM project UNION SELECT agency FROM project
         UNION SELECT name FROM member UNION SELECT name FROM scenario UNION SELECT agency FROM agency_route
         UNION SELECT title FROM need`,
      )
      .all() as { text: string }[];
    return [...rows.map((r) => r.text), ...Object.values(DEFAULT_AGENCIES)];
  } finally {
    db.close();
  }
}

/**
 * Thai the English screens mean to show: the app's name, the Thai switch's own name, and the Thai a secretariat types
 * or a document prints, quoted as such (a resolution number and a date as the minutes write them, a population file's
 * Thai headers, the draft stamp on exported documents).
 */
const QUOTED_THAI = [
  'ชี้เป้า',
  'ไทย',
  'ครั้งที่ 3/2570',
  '15 พ.ย. 2569',
  // The headers a population table is read by, as the reference panel's help quotes them.
  'ตำบล / ท้องที่, อำเภอ…, รวม, ประชากรรวม, จำนวนประชากร, ชาย, หญิง, บ้าน',
  '"ร่าง"',
];

test('in English on the projector, no screen or dialog shows a label in Thai', async ({ page, app }, testInfo) => {
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  const shell = new AppShell(page);
  await shell.open(`${app.url}/#/round`);
  await shell.switchLanguage('en');
  await expect(page.getByTestId('nav-needs')).toHaveText('Citizen needs');
  const names = [...enteredNames(app.dataDir), ...QUOTED_THAI];
  const found: string[] = [];
  const look = async (where: string): Promise<void> => {
    // Lists and charts fill in after the screen appears: let the data arrive before reading.
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(1_000);
    for (const text of await shell.thaiLabels(names)) found.push(`${where} · ${text}`);
  };

  const round = new RoundPage(page);
  await look('round');
  for (const tab of ['issues', 'members', 'criteria', 'reference'] as const) {
    await round.tab(tab);
    await look(`round/${tab}`);
  }
  await page.getByTestId('round-new').click();
  await page.getByTestId('new-round-dialog').waitFor();
  await look('round/new round');
  await page.keyboard.press('Escape');
  await page.getByTestId('new-round-dialog').waitFor({ state: 'detached' });

  const screens: readonly ScreenName[] = ['needs', 'projects', 'links', 'unmet', 'scoring', 'compare', 'audit', 'workshop'];
  for (const screen of screens) {
    await shell.goTo(screen);
    await look(screen);
  }
  await shell.goTo('projects');
  await page.getByTestId('proposal-add').click();
  await page.getByTestId('proposal-dialog').waitFor();
  await look('projects/add proposal');
  await page.keyboard.press('Escape');
  await page.getByTestId('proposal-dialog').waitFor({ state: 'detached' });

  await shell.goTo('links');
  await page.getByTestId(`links-proposal-${PROPOSAL}`).click();
  await look('links/proposal');

  await shell.goTo('scoring');
  await page.getByTestId('member-select').getByRole('combobox').click();
  await page.getByTestId('member-option-2').click();
  await look('scoring/member');
  await page.getByTestId('tab-judgement').click();
  await look('scoring/judgement');

  await shell.goTo('allocation');
  await page.getByTestId('approval-open').click();
  await page.getByTestId('approve-dialog').waitFor();
  await look('allocation/approve');
  const approver = (await page.getByTestId('approve-approver').textContent()) ?? '';
  await snap(page, testInfo, 'approve-dialog-english');
  await page.keyboard.press('Escape');
  await page.getByTestId('approve-dialog').waitFor({ state: 'detached' });
  await look('allocation');

  expect(found).toEqual([]);
  // The approver's list names each one with their position: in English, the English one entered for them.
  expect(approver).toContain('นายสมชาย ใจดี (สมมุติ) · Chair');
});

test('in Thai on the secretariat laptop, the grids page and label their rows in Thai', async ({ page, app }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  const shell = new AppShell(page);
  await shell.open(`${app.url}/#/needs`);
  const found: string[] = [];
  for (const screen of ['needs', 'projects', 'unmet', 'allocation', 'audit'] as const) {
    await shell.goTo(screen);
    await page.locator('.ag-paging-panel').first().waitFor({ state: 'attached' });
    await page.waitForLoadState('networkidle');
    for (const text of await shell.gridEnglish()) found.push(`${screen} · ${text}`);
  }
  expect(found).toEqual([]);
});

test('on the projector, the comparison names the projects it moved', async ({ page, app }, testInfo) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  const compare = new ComparePage(page);
  await compare.shell.open(`${app.url}/#/round`);
  await compare.shell.switchLanguage('en');
  await compare.open();
  const counts = await compare.diffCounts();
  expect(counts.entered + counts.left).toBeGreaterThan(0);
  // A title is given room for a name to be read (three lists side by side left each one "โครง…" in 76 px).
  const widths = await compare.diffTitleWidths();
  expect(widths.length).toBeGreaterThan(0);
  expect(Math.min(...widths)).toBeGreaterThanOrEqual(200);
  expect(await compare.clippedMoney()).toEqual([]);
  await snap(page, testInfo, 'compare-projector');
});

test('on the projector, the allocation’s charts keep their legends and labels apart', async ({ page, app }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  const shell = new AppShell(page);
  await shell.open(`${app.url}/#/allocation`);
  await shell.switchLanguage('en');
  // The fairness chart's three English series names wrap to a second row: the bars start below it.
  const shares = page.getByTestId('fairness-shares-chart');
  await expect(shares).toHaveAttribute('data-grid-top', /^\d+$/u);
  expect(Number(await shares.getAttribute('data-grid-top'))).toBeGreaterThan(94);
  // Development issues' names take most of their chart: its money axis holds fewer labels, kept apart.
  const strategies = page.getByTestId('strategy-chart');
  await expect(strategies).toHaveAttribute('data-axis-splits', /^\d+$/u);
  expect(Number(await strategies.getAttribute('data-axis-splits'))).toBeLessThanOrEqual(3);
});

test('on a phone, each step of the round reads in lines, its count and state under it', async ({ page, app }, testInfo) => {
  await page.setViewportSize({ width: 412, height: 915 });
  const round = new RoundPage(page);
  await round.shell.open(`${app.url}/#/round`);
  for (const lang of ['th', 'en'] as const) {
    await round.shell.switchLanguage(lang);
    await round.step('scored').waitFor();
    const layouts = await round.stepLayouts();
    expect(layouts).toHaveLength(7);
    for (const step of layouts) {
      expect(step.overlaps, `${lang} ${step.key}`).toBe(false);
      expect(step.textWidth, `${lang} ${step.key}`).toBeGreaterThanOrEqual(240);
    }
    await snap(page, testInfo, `round-steps-phone-${lang}`);
  }
});
