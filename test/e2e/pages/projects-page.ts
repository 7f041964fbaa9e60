import type { Download, Locator, Page } from '@playwright/test';
import { AppShell } from './app-shell';
import { GridModel } from './grid-model';

export class ProjectsPage {
  readonly shell: AppShell;
  readonly grid: GridModel;

  constructor(readonly page: Page) {
    this.shell = new AppShell(page);
    this.grid = new GridModel(page, 'projects-grid');
  }

  async open(): Promise<void> {
    await this.shell.goTo('projects');
    await this.grid.waitForRows();
  }

  /** Narrows the list the way a user does, by typing in the search box. */
  async find(text: string): Promise<void> {
    await this.page.getByTestId('projects-search').fill(text);
  }

  async clearSearch(): Promise<void> {
    await this.page.getByTestId('projects-search').fill('');
  }

  /** Code of the project shown at this rank (the grid is sorted by rank). */
  async codeAtRank(rank: number): Promise<string> {
    await this.clearSearch();
    return this.grid.rowIdAtIndex(rank - 1);
  }

  async rankOf(code: string): Promise<number> {
    await this.find(code);
    await this.grid.row(code).waitFor();
    return Number(await this.grid.cellText(code, 'rank'));
  }

  async compositeOf(code: string): Promise<number> {
    await this.find(code);
    await this.grid.row(code).waitFor();
    return Number(await this.grid.cellText(code, 'composite'));
  }

  async hasEvidenceChanged(code: string): Promise<boolean> {
    await this.find(code);
    await this.grid.row(code).waitFor();
    return (await this.grid.cell(code, 'evidenceChanged').getByTestId('evidence-changed').count()) > 0;
  }

  /** The "changed after scoring" flag of a proposal's row (present or absent). */
  changedAfterScoringFlag(code: string): Locator {
    return this.grid.cell(code, 'changedAfterScoring').getByTestId('changed-after-scoring');
  }

  /** Adds a proposal through the "add proposal" form, picking tambons by name as a user types them. */
  async addProposal(p: NewProposal): Promise<void> {
    await this.page.getByTestId('proposal-add').click();
    const form = this.page.getByTestId('proposal-dialog');
    await form.getByTestId('proposal-code').fill(p.code);
    await form.getByTestId('proposal-title').fill(p.title);
    await form.getByTestId('proposal-agency').fill(p.agency);
    for (const name of p.tambons) {
      await form.getByTestId('proposal-tambons').fill(name);
      await this.page.getByRole('option', { name, exact: true }).click();
    }
    await form.getByTestId('proposal-investment').fill(p.investment);
    if (p.minimum !== undefined) await form.getByTestId('proposal-minimum').fill(p.minimum);
    for (const key of p.readiness ?? []) await form.getByTestId(`proposal-readiness-${key}`).check();
    for (const [i, kpi] of (p.kpis ?? []).entries()) {
      await form.getByTestId('proposal-kpi-add').click();
      await form.getByTestId(`proposal-kpi-${i}-name`).fill(kpi.name);
      await form.getByTestId(`proposal-kpi-${i}-target`).fill(kpi.target);
      await form.getByTestId(`proposal-kpi-${i}-unit`).fill(kpi.unit);
    }
    await form.getByTestId('proposal-save').click();
    await form.waitFor({ state: 'detached' });
  }

  /** Types a new value into a grid cell (double-click, type, Enter), as a user edits in place. */
  async editCell(code: string, colId: string, text: string): Promise<void> {
    await this.find(code);
    const cell = this.grid.cell(code, colId);
    await cell.dblclick();
    const input = cell.locator('input');
    await input.fill(text);
    await input.press('Enter');
  }

  /** Whether the cell shows its last edit was refused. */
  async isCellRefused(code: string, colId: string): Promise<boolean> {
    return ((await this.grid.cell(code, colId).getAttribute('class')) ?? '').includes('cell-invalid');
  }

  /** The "มีคะแนนแล้ว N รายการ…" confirmation shown before editing a scored proposal. */
  scoredConfirm(): Locator {
    return this.page.getByTestId('scored-confirm');
  }

  async confirmEditAfterScoring(): Promise<void> {
    await this.scoredConfirm().getByTestId('scored-confirm-ok').click();
    await this.scoredConfirm().waitFor({ state: 'detached' });
  }

  /** Opens the form of an existing proposal (areas, readiness, KPIs). */
  async openDetails(code: string): Promise<Locator> {
    await this.find(code);
    await this.grid.cell(code, 'actions').getByTestId('proposal-edit').click();
    const form = this.page.getByTestId('proposal-dialog');
    await form.waitFor();
    return form;
  }

  async removeProposal(code: string): Promise<void> {
    await this.find(code);
    await this.grid.cell(code, 'actions').getByTestId('proposal-remove').click();
    await this.page.getByTestId('remove-confirm-ok').click();
    await this.grid.row(code).waitFor({ state: 'detached' });
  }

  /** Chooses a proposals file in the import picker and waits for its preview (or a refusal). */
  /** Downloads the blank request form (the button beside the import). */
  async downloadRequestForm(): Promise<Download> {
    const download = this.page.waitForEvent('download');
    await this.page.getByTestId('proposals-template').click();
    return download;
  }

  async chooseProposalsFile(path: string): Promise<void> {
    await this.page.getByTestId('proposals-import-input').setInputFiles(path);
    await this.page.locator('[data-testid="import-preview"], [data-testid="sync-error"]').waitFor();
  }

  /** Chooses the fiscal year of the round to import into (the file states none, or plans several) and waits for the new preview. */
  async chooseImportYear(year: number): Promise<void> {
    await this.page.getByTestId('proposals-import-round').getByRole('combobox').click();
    await this.page.getByRole('option', { name: `ปีงบประมาณ ${year}` }).click();
    await this.page.getByTestId('proposals-import-target').and(this.page.locator(`:not([data-round=""])`)).waitFor();
  }

  /** The round the preview says the file goes to (its id), or null. */
  async importTargetRound(): Promise<number | null> {
    const v = await this.page.getByTestId('proposals-import-target').getAttribute('data-round');
    return v === null || v === '' ? null : Number(v);
  }

  /** Applies the previewed file (confirming changes to scored proposals when asked) and waits for the result. */
  async applyProposalsImport(options: { confirmScored?: boolean } = {}): Promise<void> {
    if (options.confirmScored) {
      await this.page.getByTestId('proposals-import-confirm-scored').locator('input').check();
      await this.page.getByTestId('import-apply').and(this.page.locator(':not([disabled])')).waitFor();
    }
    await this.page.getByTestId('import-apply').click();
    await this.page.locator('[data-testid="proposals-import-done"], [data-testid="sync-error"]').waitFor();
  }
}

export type NewProposal = Readonly<{
  code: string;
  title: string;
  agency: string;
  /** Tambon names as listed in the form (Thai). */
  tambons: readonly string[];
  /** Baht as typed, e.g. "2,500,000". */
  investment: string;
  minimum?: string;
  readiness?: readonly string[];
  kpis?: readonly Readonly<{ name: string; target: string; unit: string }>[];
}>;
