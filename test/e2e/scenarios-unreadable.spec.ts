/**
 * A scenario whose stored parameters no longer read (the database file edited by hand) does not take the round's
 * other scenarios down: they stay listed and usable, the broken one is named with where it fails, and the owner
 * deletes it.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect, test } from './fixtures';
import { AllocationPage } from './pages/allocation-page';

test('one unreadable scenario is named and deletable; the others still work', async ({ page, app }, testInfo) => {
  const db = new Database(join(app.dataDir, 'chipao.sqlite'), { timeout: 10_000 });
  try {
    const [first] = db.prepare('SELECT id, name FROM scenario WHERE round_id = 1 ORDER BY id').all() as {
      id: number;
      name: string;
    }[];
    if (!first) throw new Error('the sample has no scenario');
    db.prepare('UPDATE scenario SET params_json = ? WHERE id = ?').run(JSON.stringify({ completion: 'add2' }), first.id);
  } finally {
    db.close();
  }
  const allocation = new AllocationPage(page);
  await allocation.shell.open(app.url);
  await allocation.open();
  const alert = page.getByTestId('scenarios-unreadable');
  await expect(alert).toBeVisible();
  await expect(alert.getByTestId('scenario-unreadable')).toHaveCount(1);
  await expect(alert).toContainText('completion');
  expect(await allocation.funded()).toBeGreaterThan(0);
  const path = testInfo.outputPath('unreadable.png');
  await page.screenshot({ path });
  await testInfo.attach('unreadable', { path, contentType: 'image/png' });
  await alert.getByRole('button').click();
  await expect(alert).toHaveCount(0);
});
