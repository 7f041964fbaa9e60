import type { Locator, Page } from '@playwright/test';

/** The needs screen's sources panel (HTTPS feeds of the round, "sync now") and the running sync's progress bar. */
export class NeedsSourcesPage {
  constructor(readonly page: Page) {}

  panel(): Locator {
    return this.page.getByTestId('sources-panel');
  }

  async add(name: string, url: string): Promise<void> {
    await this.panel()
      .getByLabel(/ชื่อแหล่งข้อมูล|Source name/u)
      .fill(name);
    await this.page.getByTestId('source-url').fill(url);
    await this.page.getByTestId('source-add').click();
    await this.page.getByTestId('source-row').first().waitFor();
  }

  async syncNow(row = 0): Promise<void> {
    await this.page.getByTestId('source-sync-now').nth(row).click();
  }

  result(row = 0): Locator {
    return this.page.getByTestId('source-result').nth(row);
  }

  progress(): Locator {
    return this.page.getByTestId('sync-progress');
  }

  progressEnded(): Locator {
    return this.page.getByTestId('sync-progress-ended');
  }
}
