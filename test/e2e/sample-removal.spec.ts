/**
 * A province that tried the program on its synthetic sample goes on in the same database with its own data: on the
 * round screen's reference tab it sees what the sample holds, removes it after a confirmation (backed up first), and
 * every device then shows the province's own round only, with no synthetic label and no synthetic populations.
 */
import { expect, snap, test } from './fixtures';
import { NeedsPage } from './pages/needs-page';
import { RoundPage } from './pages/round-page';

test('the synthetic sample removed from the reference tab; the province’s own round stays, another device follows', async ({
  page,
  app,
  browser,
}, testInfo) => {
  const round = new RoundPage(page);
  await round.shell.open(`${app.url}/#/round`);
  await expect(round.shell.syntheticChip()).toBeVisible();
  await round.createRound(2572, 'แผนพัฒนาจังหวัดสระบุรี ปี 2572', '250,000,000');

  // A second device, on another screen.
  const other = await browser.newPage();
  const otherShell = new RoundPage(other).shell;
  await otherShell.open(`${app.url}/#/needs`);
  await expect(otherShell.syntheticChip()).toBeVisible();

  await round.tab('reference');
  await expect(page.getByTestId('reference-district-population')).toHaveText('13 / 13');
  await expect(round.sampleFootprint()).toContainText('รอบตัวอย่าง 1 รอบ');
  await expect(round.sampleFootprint()).toContainText('ความต้องการสังเคราะห์ 20,000 รายการ');
  await expect(page.getByTestId('sample-blockers')).toHaveCount(0);
  await page.getByTestId('sample-removal').scrollIntoViewIfNeeded();
  await snap(page, testInfo, '01-sample-footprint');

  const outcome = await round.removeSample();
  expect(outcome).toContain('นำข้อมูลตัวอย่างออกแล้ว');
  expect(outcome).toMatch(/chipao-\d{8}T\d{9}Z-before-sample-removal\.sqlite/u);
  await snap(page, testInfo, '02-sample-removed');

  // The other device reads everything again by itself: no synthetic label, the province's round.
  await expect(otherShell.syntheticChip()).toHaveCount(0);
  await expect(otherShell.roundName()).toContainText('แผนพัฒนาจังหวัดสระบุรี ปี 2572');

  await round.continueAfterSampleRemoval();
  await expect(round.shell.syntheticChip()).toHaveCount(0);
  await expect(round.shell.roundName()).toContainText('แผนพัฒนาจังหวัดสระบุรี ปี 2572');
  await round.tab('reference');
  await expect(page.getByTestId('reference-district-population')).toHaveText('0 / 13');
  await expect(page.getByTestId('sample-removal')).toHaveCount(0);
  await round.shell.goTo('needs');
  expect(await new NeedsPage(page).total()).toBe(0);
  await snap(page, testInfo, '03-needs-empty');
  await other.close();
});
