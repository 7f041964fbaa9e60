/**
 * The secretariat links citizens' needs to a proposal: opens it, reads the suggestions and why, accepts two, sees
 * the evidence grow by their people, unlinks one and sees it shrink; runs the suggestions for every proposal.
 */
import { expect, test } from './fixtures';
import { LinksPage } from './pages/links-page';

test('accept two suggested needs, see the evidence change, unlink one', async ({ page, app }) => {
  const links = new LinksPage(page);
  await links.open(app.url);
  await links.pick('SRB71-001');
  await expect(links.suggestions().first()).toBeVisible();
  await expect(links.suggestions().first()).toContainText('ตำบลเดียวกัน');
  const linkedBefore = await links.linkedRows().count();
  const peopleBefore = Number(await links.evidence('people'));
  const people = [
    Number(await links.suggestions().nth(0).getAttribute('data-people')),
    Number(await links.suggestions().nth(1).getAttribute('data-people')),
  ];
  const [first, second] = await links.acceptFirst(2);
  await expect(links.linkedRows()).toHaveCount(linkedBefore + 2);
  await expect(page.getByTestId('links-ev-people')).toHaveAttribute('data-value', String(peopleBefore + people[0]! + people[1]!));
  await expect(page.getByTestId('links-evidence-changed')).toBeVisible();
  await expect(links.linkedRow(first!)).toContainText('จากคำแนะนำ');
  await links.unlink(second!);
  await expect(links.linkedRows()).toHaveCount(linkedBefore + 1);
  await expect(page.getByTestId('links-ev-people')).toHaveAttribute('data-value', String(peopleBefore + people[0]!));
  await page.getByTestId('links-proposal-title').scrollIntoViewIfNeeded();
  await page.screenshot({ path: '/tmp/links-screen.png' });
  await links.linkedRows().first().scrollIntoViewIfNeeded();
  await page.screenshot({ path: '/tmp/links-linked.png' });

  // The proposal stays selected through the URL (a reload or a link from another screen).
  expect(page.url()).toMatch(/#\/links\?project=\d+$/u);
  await page.reload();
  await expect(page.getByTestId('links-proposal-title')).toContainText('SRB71-001');

  await links.suggestAll();
  await expect(page.getByTestId('links-all-done')).toContainText('300 โครงการ');
  await page.screenshot({ path: '/tmp/links-all.png' });
});

test('a viewer sees suggestions and evidence but cannot accept, reject or unlink', async ({ page, app }) => {
  // Remove the owner secret the host writes into the page before the app can read it (as viewer.spec.ts does).
  await page.addInitScript(() => {
    new MutationObserver(() => document.querySelector('meta[name="chipao-owner"]')?.remove()).observe(document, {
      childList: true,
      subtree: true,
    });
  });
  const links = new LinksPage(page);
  await links.open(app.url, 2);
  await expect(page.getByTestId('links-proposal-title')).toContainText('SRB71-002');
  await expect(links.suggestions().first()).toBeVisible();
  await expect(page.getByTestId('links-ev-people')).not.toHaveAttribute('data-value', '');
  await expect(page.getByTestId('links-accept')).toHaveCount(0);
  await expect(page.getByTestId('links-accept-selected')).toHaveCount(0);
  await expect(page.getByTestId('links-unlink')).toHaveCount(0);
});
