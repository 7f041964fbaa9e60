/**
 * Pulling needs from the participation platform: the secretariat adds the platform's address to the round, presses
 * "sync now", watches the progress bar (records, records/s) while pages arrive, and sees the source's position and result;
 * the new needs are in the explorer.
 */
import { expect, test } from './fixtures';
import { feedRecords, startFeedServer } from '../fixtures/feed-server';
import { NeedsSourcesPage } from './pages/needs-sources-page';

test('add the platform as a source, sync now with a progress bar, see its position and result', async ({ page, app }) => {
  const server = await startFeedServer({
    log: feedRecords(20_000, ['190101', '190105', '190106']).map((item) => ({ item })),
    maxLimit: 200,
  });
  try {
    await page.goto(`${app.url}/#/needs`);
    await page.getByTestId('screen-needs').waitFor();
    const sources = new NeedsSourcesPage(page);
    await sources.add('แพลตฟอร์มการมีส่วนร่วม จ.สระบุรี', server.url);
    await page.screenshot({ path: '/tmp/sync-sources-added.png', fullPage: false });
    await sources.syncNow();
    await expect(sources.progress()).toBeVisible();
    await page.screenshot({ path: '/tmp/sync-progress.png', fullPage: false });
    await expect(sources.progressEnded()).toBeVisible({ timeout: 120_000 });
    await expect(sources.result()).toContainText('ใหม่ 20000');
    await sources.panel().scrollIntoViewIfNeeded();
    await page.screenshot({ path: '/tmp/sync-sources-done.png', fullPage: false });
  } finally {
    await server.close();
  }
});
