import type { Download, Locator, Page } from '@playwright/test';

/** The needs import's mapping step on the needs screen. */
export class NeedsImportPage {
  constructor(readonly page: Page) {}

  /** Chooses a file in the import picker and waits for the preview (or a refusal). */
  /** Downloads the blank needs form (the button beside the import). */
  async downloadForm(): Promise<Download> {
    const download = this.page.waitForEvent('download');
    await this.page.getByTestId('needs-template').click();
    return download;
  }

  async choose(path: string): Promise<void> {
    await this.page.getByTestId('import-file-input').setInputFiles(path);
    await this.page.locator('[data-testid="import-preview"], [data-testid="sync-error"]').waitFor();
  }

  preview(): Locator {
    return this.page.getByTestId('import-preview');
  }

  async headerRow(): Promise<number> {
    return Number(await this.page.getByTestId('import-header-row').getAttribute('data-row'));
  }

  /** The column a field is mapped to (0-based), or null. */
  async mappedColumn(field: string): Promise<number | null> {
    const v = await this.page.getByTestId(`map-${field}`).getAttribute('data-column');
    return v === null || v === '' ? null : Number(v);
  }

  /** Maps a field to a column (0-based), or to "not used" with null, and waits for the new preview. */
  async map(field: string, column: number | null): Promise<void> {
    await this.page.getByTestId(`map-${field}`).getByRole('combobox').click();
    await this.page.getByTestId(column === null ? 'map-option-none' : `map-option-${column}`).click();
    await this.page.locator(`[data-testid="map-${field}"][data-column="${column ?? ''}"]`).waitFor();
  }

  /** The problems listed: row and code. */
  async problems(): Promise<{ line: number; code: string }[]> {
    return this.page
      .getByTestId('import-problem')
      .evaluateAll((els) =>
        els.map((el) => ({ line: Number(el.getAttribute('data-line')), code: el.getAttribute('data-code') ?? '' })),
      );
  }

  /** What the reader passed over (rows that are not data, sheets without a table), as the preview says it. */
  async passedOver(): Promise<string> {
    return (await this.page.getByTestId('import-skipped').textContent()) ?? '';
  }

  /** The sheets of a file of several, each with whether it is read and, for a chosen one passed over, why. */
  async sheets(): Promise<{ sheet: string; read: boolean; passedOver: string }[]> {
    return this.page.getByTestId('import-sheet').evaluateAll((els) =>
      els.map((el) => ({
        sheet: el.getAttribute('data-sheet') ?? '',
        read: el.getAttribute('data-read') === 'yes',
        passedOver: el.getAttribute('data-passed-over') ?? '',
      })),
    );
  }

  /**
   * Ticks or unticks a sheet and waits for the preview of the new choice (the tick follows the preview, which comes
   * back from the host: a click, then the new state awaited).
   */
  async readSheet(sheet: string, read: boolean): Promise<void> {
    const box = this.page.locator(`[data-testid="import-sheet"][data-sheet="${sheet}"][data-read="${read ? 'no' : 'yes'}"]`);
    await box.locator('input').click();
    await this.page.locator(`[data-testid="import-sheet"][data-sheet="${sheet}"][data-read="${read ? 'yes' : 'no'}"]`).waitFor();
  }

  /** The choice of reading each row as one person who raised its need (shown for a table without a people column). */
  rowsAsPeople(): Locator {
    return this.page.getByTestId('import-rows-as-people');
  }

  /** Ticks or unticks that choice and waits for the preview of the new choice. */
  async readRowsAsPeople(chosen: boolean): Promise<void> {
    await this.page.locator(`[data-testid="import-rows-as-people"][data-chosen="${chosen ? 'no' : 'yes'}"] input`).click();
    await this.page.locator(`[data-testid="import-rows-as-people"][data-chosen="${chosen ? 'yes' : 'no'}"]`).waitFor();
  }

  async counts(): Promise<{ valid: number; problems: number }> {
    const el = this.page.getByTestId('import-counts');
    return { valid: Number(await el.getAttribute('data-valid')), problems: Number(await el.getAttribute('data-problems')) };
  }

  async downloadProblems(): Promise<Download> {
    const download = this.page.waitForEvent('download');
    await this.page.getByTestId('import-download').click();
    return download;
  }

  /** Applies, with the valid rows only when asked, and waits for the report. */
  async apply(options: { partial?: boolean } = {}): Promise<void> {
    if (options.partial) await this.page.getByTestId('import-partial-check').locator('input').check();
    await this.page.getByTestId('import-apply').click();
    await this.page.locator('[data-testid="sync-result"], [data-testid="sync-error"]').waitFor();
  }

  /** Opens the backups and restores the newest one (taken before the last sync or import), confirming. */
  async restoreNewestBackup(): Promise<void> {
    await this.page.getByTestId('backups-button').click();
    await this.page.getByTestId('backup-row').first().getByTestId('backup-restore').click();
    await this.page.getByTestId('restore-confirm').click();
    await this.page.getByTestId('restore-done').waitFor();
  }
}
