import type { Download, Locator, Page } from '@playwright/test';
import { ApprovalPage } from './approval-page';

export type ExportFormat = 'xlsx' | 'pdf' | 'opendata' | 'csv' | 'json';

/**
 * The official documents panel on the scenario workbench (renderer/features/exports/ExportPanel.tsx): the plan's
 * workbook, the PDF report, open data and one agency's evidence pack. Extends the approval page it sits under.
 */
export class ExportsPage extends ApprovalPage {
  constructor(page: Page) {
    super(page);
  }

  panel(): Locator {
    return this.page.getByTestId('exports-panel');
  }

  /** The draft / approved chip. */
  documentsStatus(): Locator {
    return this.page.getByTestId('exports-status');
  }

  /** "Export recorded … SHA-256 …" after a download. */
  lastRecorded(): Locator {
    return this.page.getByTestId('exports-last');
  }

  /** Clicks one format's button and waits for its download. */
  async export(format: ExportFormat): Promise<Download> {
    const download = this.page.waitForEvent('download', { timeout: 120_000 });
    await this.page.getByTestId(`exports-${format}`).click();
    return download;
  }

  /** Chooses an agency (by the start of its option text) and downloads its evidence pack. */
  async exportEvidence(agency: string): Promise<Download> {
    await this.page.getByTestId('exports-agency').click();
    await this.page.getByRole('option', { name: new RegExp(`^${agency.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')}`, 'u') }).click();
    const download = this.page.waitForEvent('download', { timeout: 180_000 });
    await this.page.getByTestId('exports-evidence').click();
    return download;
  }
}
