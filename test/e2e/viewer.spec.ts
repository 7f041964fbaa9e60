/**
 * A page without the owner secret (another program on this machine, or a page that lost it) connects as an observer:
 * it reads the round, and the owner's actions are disabled, saying why (from the contract's roles, `canCall`).
 */
import { expect, test } from './fixtures';
import { AppShell } from './pages/app-shell';
import { ProjectsPage } from './pages/projects-page';

test('without the owner secret the app is read-only', async ({ page, app }, testInfo) => {
  // Remove the secret the host writes into the page before the app can read it.
  await page.addInitScript(() => {
    new MutationObserver(() => document.querySelector('meta[name="chipao-owner"]')?.remove()).observe(document, {
      childList: true,
      subtree: true,
    });
  });
  const shell = new AppShell(page);
  await shell.open(`${app.url}/#/projects`);
  const projects = new ProjectsPage(page);
  await projects.open();
  expect(await projects.codeAtRank(1)).toMatch(/^SRB71-/u);
  await shell.goTo('needs');
  await expect(page.getByTestId('sync-button')).toBeDisabled();
  await expect(page.getByTestId('sync-button')).toHaveAttribute('title', 'สิทธิ์ของท่านดูได้อย่างเดียว');
  // A disabled button gets no pointer events: the reason shows on hovering what wraps it.
  await page.locator('[data-why-disabled]', { has: page.getByTestId('sync-button') }).hover();
  await expect(page.getByRole('tooltip')).toHaveText('สิทธิ์ของท่านดูได้อย่างเดียว');
  await page.screenshot({ path: testInfo.outputPath('observer-needs.png') });
  // An observer cannot open a workshop session: the control says why.
  await page.goto(`${app.url}/#/workshop`);
  await expect(page.getByTestId('workshop-open')).toBeDisabled();
  await expect(page.getByTestId('workshop-open')).toHaveAttribute('title', 'บทบาท ผู้สังเกตการณ์ ใช้คำสั่งนี้ไม่ได้');
});
