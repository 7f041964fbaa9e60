import type { Locator, Page } from '@playwright/test';
import { AppShell } from './app-shell';

/** The comparison screen: scenarios side by side and the A → B diff. */
export class ComparePage {
  readonly shell: AppShell;

  constructor(readonly page: Page) {
    this.shell = new AppShell(page);
  }

  async open(): Promise<void> {
    await this.shell.goTo('compare');
    await this.page
      .locator('[data-testid="compare-table"][data-loaded="true"]:not([data-columns="0"])')
      .waitFor({ timeout: 30_000 });
  }

  /** Scenario names heading the side-by-side columns, left to right. */
  async columnNames(): Promise<string[]> {
    return (await this.page.locator('[data-testid^="compare-col-"]').allTextContents()).map((s) => s.trim());
  }

  async value(metric: string, scenarioId: number): Promise<string> {
    return ((await this.page.getByTestId(`compare-${metric}-${scenarioId}`).textContent()) ?? '').trim();
  }

  diffList(kind: 'entered' | 'left' | 'changed'): Locator {
    return this.page.getByTestId(`diff-${kind}`);
  }

  /** Waits for the diff and returns how many projects entered, left and changed. */
  async diffCounts(): Promise<{ entered: number; left: number; changed: number }> {
    await this.diffList('entered').waitFor();
    const n = async (kind: 'entered' | 'left' | 'changed'): Promise<number> =>
      Number(await this.diffList(kind).getAttribute('data-count'));
    return { entered: await n('entered'), left: await n('left'), changed: await n('changed') };
  }

  /** Total money moved between districts (sum of |B − A|), in satang, as the delta chart was drawn. */
  async moneyMoved(): Promise<number> {
    return Number(await this.page.getByTestId('diff-district-chart').getAttribute('data-moved'));
  }

  /** The "Pabulib check" panel: uploads a .pb / .pb.gz and waits until the analysis of that file is shown. */
  async analyzePb(file: string, fileName: string): Promise<Locator> {
    const panel = this.page.getByTestId('pabulib-panel');
    const upload = panel.getByTestId('pabulib-upload');
    if (!(await upload.isVisible())) await this.page.locator('#pabulib-header').click();
    await upload.waitFor();
    await panel.getByTestId('pabulib-file-input').setInputFiles(file);
    const result = panel.getByTestId('pabulib-result').filter({ hasText: fileName });
    await result.waitFor({ timeout: 90_000 });
    return result;
  }

  /** Uploads a file the host refuses; returns once the upload button is usable again. */
  async analyzeRejectedPb(file: string): Promise<void> {
    const panel = this.page.getByTestId('pabulib-panel');
    await panel.getByTestId('pabulib-file-input').setInputFiles(file);
    await this.shell.errorSnackbar().waitFor({ timeout: 30_000 });
  }

  /** Money cells of the diff whose text does not fit their box (cut or hidden): their texts, none expected. */
  async clippedMoney(): Promise<string[]> {
    return this.page
      .getByTestId('diff-panel')
      .getByTestId('diff-money')
      .evaluateAll((cells) =>
        cells
          .filter(
            (c) =>
              c.scrollWidth > c.clientWidth + 1 ||
              c.getBoundingClientRect().right > (c.closest('.MuiPaper-root')?.getBoundingClientRect().right ?? Infinity) + 1,
          )
          .map((c) => c.textContent ?? ''),
      );
  }

  /** How wide (px) each project title of the diff's lists is drawn: a title shortened to a few letters cannot be read. */
  async diffTitleWidths(): Promise<number[]> {
    return this.page
      .getByTestId('diff-panel')
      .locator('[data-testid$="-row"] > td:nth-child(2)')
      .evaluateAll((cells) => cells.map((c) => Math.round(c.getBoundingClientRect().width)));
  }

  async diffNames(): Promise<{ a: string; b: string }> {
    const read = async (id: string): Promise<string> =>
      ((await this.page.getByTestId(id).getByRole('combobox').textContent()) ?? '').trim();
    return { a: await read('diff-a'), b: await read('diff-b') };
  }
}
