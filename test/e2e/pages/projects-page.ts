import type { Page } from '@playwright/test';
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
}
