import { expect, type Download, type Locator, type Page } from '@playwright/test';
import { AppShell } from './app-shell';
import { GridModel } from './grid-model';

/** The audit trail screen: the chain's status, "verify again", the filtered trail and its CSV export. */
export class AuditPage {
  readonly shell: AppShell;
  readonly grid: GridModel;

  constructor(readonly page: Page) {
    this.shell = new AppShell(page);
    this.grid = new GridModel(page, 'audit-grid');
  }

  async open(): Promise<void> {
    await this.shell.goTo('audit');
    await this.status().waitFor();
  }

  status(): Locator {
    return this.page.getByTestId('audit-status');
  }

  /** true when the panel says the chain is intact. */
  async intact(): Promise<boolean> {
    return (await this.status().getAttribute('data-ok')) === 'true';
  }

  async length(): Promise<number> {
    return Number(await this.page.getByTestId('audit-length').getAttribute('data-value'));
  }

  async head(): Promise<string> {
    return (await this.page.getByTestId('audit-head').getAttribute('data-value')) ?? '';
  }

  async anchorLength(): Promise<number | null> {
    const v = await this.page.getByTestId('audit-anchor').getAttribute('data-value');
    return v ? Number(v) : null;
  }

  problem(): Locator {
    return this.page.getByTestId('audit-problem');
  }

  /** Presses "verify again" and waits until the panel shows a check made after the press. */
  async verifyAgain(): Promise<void> {
    const before = await this.page.getByTestId('audit-checked-at').getAttribute('data-value');
    await this.page.getByTestId('audit-verify').click();
    await this.page.waitForFunction((prev) => {
      const at = document.querySelector('[data-testid="audit-checked-at"]')?.getAttribute('data-value');
      return at !== null && at !== undefined && at !== prev;
    }, before);
  }

  /** The number of events the current filter matches (as the host counted them). */
  async total(): Promise<number> {
    const el = this.page.locator('[data-testid="audit-total"][data-total]:not([data-total=""])');
    return Number(await el.getAttribute('data-total'));
  }

  /** Filters by kind ('' for all), and waits for the grid to show the new count. */
  async filterKind(kind: string): Promise<void> {
    await this.page.getByTestId('audit-kind-filter').getByRole('combobox').click();
    const option = kind ? this.page.getByTestId(`audit-kind-option-${kind}`) : this.page.getByRole('option').first();
    await option.click();
  }

  /** Filters by project, typing its code as a user does. */
  async filterProject(code: string): Promise<void> {
    const input = this.page.getByTestId('audit-project-filter').getByRole('combobox');
    await input.fill(code);
    await this.page.getByTestId(`audit-project-option-${code}`).click();
  }

  /** Empties the project box, as a user does by deleting the code. */
  async clearProject(): Promise<void> {
    await this.page.getByTestId('audit-project-filter').getByRole('combobox').fill('');
    await this.page.keyboard.press('Escape');
  }

  /** Filters by member name ('' for all). */
  async filterMember(name: string): Promise<void> {
    await this.page.getByTestId('audit-member-filter').getByRole('combobox').click();
    const option = name
      ? this.page.locator(`[data-testid^="audit-member-option-"][data-name="${name}"]`)
      : this.page.getByRole('option').first();
    await option.click();
  }

  /** Ids of the events shown, top to bottom. */
  async shownIds(): Promise<number[]> {
    await this.grid.waitForRows();
    return (await this.grid.visibleRowIds()).map(Number);
  }

  async exportCsv(): Promise<Download> {
    const download = this.page.waitForEvent('download');
    await this.page.getByTestId('audit-export').click();
    return download;
  }

  banner(): Locator {
    return this.page.getByTestId('audit-banner');
  }

  /** The problem the status panel names (its code), e.g. `other_database`. */
  async problemCode(): Promise<string | null> {
    return this.problem().getAttribute('data-code');
  }

  /** Opens the banner's "use this database here" and returns its confirmation dialog. */
  async askToAcceptDatabase(): Promise<Locator> {
    await this.banner().getByTestId('audit-accept').click();
    const dialog = this.page.getByTestId('audit-accept-dialog');
    await dialog.waitFor();
    return dialog;
  }

  /** Accepts the database found in this place from the banner, confirming in its dialog. */
  async acceptDatabase(): Promise<void> {
    if (!(await this.page.getByTestId('audit-accept-dialog').isVisible())) await this.askToAcceptDatabase();
    await this.page.getByTestId('audit-accept-confirm').click();
  }

  /** Opens the banner's "use a new key" (an anchor whose key file is missing) and returns its confirmation dialog. */
  async askToUseNewKey(): Promise<Locator> {
    await expect(this.banner().getByTestId('audit-accept')).toHaveAttribute('data-method', 'audit.rekeyAnchor');
    return this.askToAcceptDatabase();
  }

  /** Accepts a new key for the anchor from the banner, confirming in its dialog. */
  async useNewKey(): Promise<void> {
    if (!(await this.page.getByTestId('audit-accept-dialog').isVisible())) await this.askToUseNewKey();
    await this.page.getByTestId('audit-accept-confirm').click();
  }

  /**
   * After the owner accepted from the banner: the banner gone, the chain intact when verified again, the acceptance
   * recorded once as `kind` (the trail left filtered by it), and still no banner once the page is loaded again.
   */
  async expectAccepted(kind: 'audit.database_accepted' | 'audit.anchor_rekeyed', screenshot: () => Promise<void>): Promise<void> {
    await expect(this.banner()).toHaveCount(0);
    await this.verifyAgain();
    expect(await this.intact()).toBe(true);
    await this.filterKind(kind);
    expect(await this.total()).toBe(1);
    await screenshot();
    await this.page.reload();
    await this.open();
    await expect(this.banner()).toHaveCount(0);
    expect(await this.intact()).toBe(true);
  }
}
