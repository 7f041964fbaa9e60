import type { Download, Page } from '@playwright/test';
import { AppShell } from './app-shell';
import { GridModel } from './grid-model';

export class AllocationPage {
  readonly shell: AppShell;
  readonly grid: GridModel;

  constructor(readonly page: Page) {
    this.shell = new AppShell(page);
    this.grid = new GridModel(page, 'allocation-grid');
  }

  async open(): Promise<void> {
    await this.shell.goTo('allocation');
    await this.page.locator('[data-testid="alloc-funded-total"]:not([data-value=""])').waitFor();
    await this.grid.waitForRows();
  }

  private async value(testId: string): Promise<number> {
    return Number(await this.page.getByTestId(testId).getAttribute('data-value'));
  }

  /** Funded total on screen, in satang. */
  async funded(): Promise<number> {
    return this.value('alloc-funded-total');
  }

  /** The funded total card as the user reads it ("249,485,000.00 บาท"). */
  async fundedText(): Promise<string> {
    return ((await this.page.getByTestId('alloc-funded-total').textContent()) ?? '').trim();
  }

  async ceiling(): Promise<number> {
    return this.value('alloc-ceiling');
  }

  async remaining(): Promise<number> {
    return this.value('alloc-remaining');
  }

  async fundedCount(): Promise<number> {
    return this.value('alloc-funded-count');
  }

  /** Sum of the funded bars the district chart was last drawn with, in satang. */
  async chartFunded(): Promise<number> {
    return Number(await this.page.getByTestId('district-chart').getAttribute('data-funded-total'));
  }

  /** Types a ceiling in baht (as a user would, e.g. "150,000,000") and saves it; waits for the new allocation. */
  async setCeiling(bahtText: string, satang: number): Promise<void> {
    await this.page.getByTestId('ceiling-input').fill(bahtText);
    await this.page.getByTestId('ceiling-save').click();
    await this.page.locator(`[data-testid="alloc-ceiling"][data-value="${satang}"]`).waitFor();
  }

  async exportXlsx(): Promise<Download> {
    const download = this.page.waitForEvent('download');
    await this.page.getByTestId('export-xlsx').click();
    return download;
  }

  /** "Export .pb (Pabulib)" of the current scenario. */
  async exportPb(): Promise<Download> {
    const download = this.page.waitForEvent('download', { timeout: 60_000 });
    await this.page.getByTestId('export-pb').click();
    return download;
  }
}
