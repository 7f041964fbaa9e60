import type { Page } from '@playwright/test';
import { AppShell } from './app-shell';
import { GridModel } from './grid-model';

export class ScoringPage {
  readonly shell: AppShell;
  readonly grid: GridModel;

  constructor(readonly page: Page) {
    this.shell = new AppShell(page);
    this.grid = new GridModel(page, 'scoring-grid');
  }

  async open(): Promise<void> {
    await this.shell.goTo('scoring');
  }

  async memberNames(): Promise<string[]> {
    await this.page.getByTestId('member-select').getByRole('combobox').click();
    const names = await this.page
      .locator('[data-testid^="member-option-"]')
      .evaluateAll((els) => els.map((el) => el.getAttribute('data-name') ?? ''));
    await this.page.keyboard.press('Escape');
    return names;
  }

  async pickMember(name: string): Promise<void> {
    await this.page.getByTestId('member-select').getByRole('combobox').click();
    await this.page.locator(`[data-testid^="member-option-"][data-name="${name}"]`).click();
    await this.page.locator('[data-testid="scoring-grid"][data-loaded="true"]').waitFor();
    await this.grid.waitForRows();
  }

  private async show(projectCode: string): Promise<void> {
    await this.page.getByTestId('scoring-search').fill(projectCode);
    await this.grid.row(projectCode).waitFor();
  }

  /** The member's current score ('' when not scored yet). */
  async score(projectCode: string, criterionCode: string): Promise<string> {
    await this.show(projectCode);
    return this.grid.cellText(projectCode, `c-${criterionCode}`);
  }

  /** Types a score into the cell and presses Enter, without waiting for the host's answer. */
  async typeScore(projectCode: string, criterionCode: string, value: number): Promise<void> {
    await this.show(projectCode);
    const cell = this.grid.cell(projectCode, `c-${criterionCode}`);
    await cell.click();
    const editor = cell.locator('input');
    await editor.waitFor();
    await editor.fill(String(value));
    await editor.press('Enter');
    await cell.locator('input').waitFor({ state: 'detached' });
  }

  /** Types any text into the cell and presses Enter (to see what is refused). */
  async typeText(projectCode: string, criterionCode: string, text: string): Promise<void> {
    await this.show(projectCode);
    const cell = this.grid.cell(projectCode, `c-${criterionCode}`);
    await cell.click();
    const editor = cell.locator('input');
    await editor.waitFor();
    await editor.fill(text);
    await editor.press('Enter');
    await cell.locator('input').waitFor({ state: 'detached' });
  }

  /** Waits until every save of this cell has been answered. */
  async waitSaved(projectCode: string, criterionCode: string): Promise<void> {
    const cell = this.grid.cell(projectCode, `c-${criterionCode}`);
    await this.page.waitForFunction((el) => el !== null && !el.classList.contains('score-pending'), await cell.elementHandle());
  }

  /** Types a score into the cell and waits until the host has answered (saved, or rejected and reverted). */
  async setScore(projectCode: string, criterionCode: string, value: number): Promise<void> {
    await this.typeScore(projectCode, criterionCode, value);
    await this.waitSaved(projectCode, criterionCode);
  }
}
