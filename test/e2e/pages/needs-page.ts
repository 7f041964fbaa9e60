import type { Locator, Page } from '@playwright/test';
import { AppShell } from './app-shell';
import { GridModel } from './grid-model';

export type SyncCounts = Readonly<{ new: number; changed: number; withdrawn: number; unchanged: number; flagged: number }>;

export class NeedsPage {
  readonly shell: AppShell;
  readonly grid: GridModel;

  constructor(readonly page: Page) {
    this.shell = new AppShell(page);
    this.grid = new GridModel(page, 'needs-grid');
  }

  async open(): Promise<void> {
    await this.shell.goTo('needs');
    await this.grid.waitForRows();
  }

  /** Chooses a feed file in the "sync from file" picker and waits for the outcome (report or rejection). */
  async syncFile(path: string): Promise<void> {
    await this.page.getByTestId('sync-file-input').setInputFiles(path);
    await this.page.locator('[data-testid="sync-result"], [data-testid="sync-error"]').waitFor();
  }

  syncResult(): Locator {
    return this.page.getByTestId('sync-result');
  }

  syncError(): Locator {
    return this.page.getByTestId('sync-error');
  }

  async syncCounts(): Promise<SyncCounts> {
    const read = async (key: string): Promise<number> =>
      Number(await this.page.getByTestId(`sync-count-${key}`).getAttribute('data-value'));
    return {
      new: await read('new'),
      changed: await read('changed'),
      withdrawn: await read('withdrawn'),
      unchanged: await read('unchanged'),
      flagged: await read('flagged'),
    };
  }

  async syncErrorMessage(): Promise<string> {
    return ((await this.page.getByTestId('sync-error-message').textContent()) ?? '').trim();
  }

  /** The rejected file's problems as shown: "บรรทัด 3, คอลัมน์ ...: reason". */
  async syncProblems(): Promise<{ line: number; text: string }[]> {
    return this.page
      .getByTestId('sync-problem')
      .evaluateAll((els) =>
        els.map((el) => ({ line: Number(el.getAttribute('data-line')), text: (el.textContent ?? '').trim() })),
      );
  }

  /** Total needs matching the current filter, as the host reported it. */
  async total(): Promise<number> {
    const total = this.page.getByTestId('needs-total');
    await total.and(this.page.locator('[data-total]:not([data-total=""])')).waitFor();
    return Number(await total.getAttribute('data-total'));
  }

  async search(text: string): Promise<void> {
    await this.page.getByTestId('needs-search').fill(text);
  }

  async filterDistrict(districtCode: string): Promise<void> {
    await this.page.getByTestId('needs-district').getByRole('combobox').click();
    await this.page.getByTestId(`district-option-${districtCode}`).click();
  }
}
