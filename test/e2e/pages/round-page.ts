import { expect, type Locator, type Page } from '@playwright/test';
import { AppShell } from './app-shell';

export type RoundTab = 'steps' | 'issues' | 'members' | 'criteria' | 'reference';
export type MemberRole = 'chair' | 'member' | 'secretariat';

/** The round's home page: create a round, its development issues, committee, criteria (AHP) and the steps. */
export class RoundPage {
  readonly shell: AppShell;

  constructor(readonly page: Page) {
    this.shell = new AppShell(page);
  }

  async open(): Promise<void> {
    await this.shell.goTo('round');
  }

  title(): Locator {
    return this.page.getByTestId('round-title');
  }

  status(): Locator {
    return this.page.getByTestId('round-status');
  }

  async createRound(fiscalYear: number, name: string, ceilingBaht: string): Promise<void> {
    await this.page.getByTestId('round-new').click();
    const dialog = this.page.getByTestId('new-round-dialog');
    await dialog.getByTestId('new-round-year').fill(String(fiscalYear));
    await dialog.getByTestId('new-round-name').fill(name);
    await dialog.getByTestId('new-round-ceiling').fill(ceilingBaht);
    await dialog.getByTestId('new-round-ceiling').press('Tab');
    await dialog.getByTestId('new-round-create').click();
    await dialog.waitFor({ state: 'detached' });
    await this.page.getByTestId('round-title').filter({ hasText: name }).waitFor();
  }

  /** Renames the current round through its edit dialog (the other fields stay as they were). */
  async rename(name: string): Promise<void> {
    await this.page.getByTestId('round-edit').click();
    const dialog = this.page.getByTestId('new-round-dialog');
    await dialog.getByTestId('new-round-name').fill(name);
    await dialog.getByTestId('new-round-create').click();
    await dialog.waitFor({ state: 'detached' });
    await this.page.getByTestId('round-title').filter({ hasText: name }).waitFor();
  }

  async tab(tab: RoundTab): Promise<void> {
    await this.page.getByTestId(`round-tab-${tab}`).click();
  }

  /** The province reference data's counts as shown ("13 / 13"), by what they count. */
  async referenceStatus(): Promise<
    Record<'districtPopulation' | 'tambonPopulation' | 'districtBoundary' | 'tambonBoundary', string>
  > {
    const text = (id: string) => this.page.getByTestId(`reference-${id}`).innerText();
    return {
      districtPopulation: await text('district-population'),
      tambonPopulation: await text('tambon-population'),
      districtBoundary: await text('district-boundary'),
      tambonBoundary: await text('tambon-boundary'),
    };
  }

  /** Imports a reference file on the reference tab and waits for its outcome (imported or refused). */
  async importReference(path: string): Promise<'imported' | 'refused'> {
    await this.page.getByTestId('reference-import-file').setInputFiles(path);
    const outcome = this.page.getByTestId('reference-imported').or(this.page.getByTestId('reference-refused'));
    await outcome.waitFor();
    return (await this.page.getByTestId('reference-imported').count()) > 0 ? 'imported' : 'refused';
  }

  /** What removing the synthetic sample would take out, as the reference tab says it. */
  sampleFootprint(): Locator {
    return this.page.getByTestId('sample-footprint');
  }

  /** Removes the synthetic sample through its confirmation and returns what the outcome says. */
  async removeSample(): Promise<string> {
    await this.page.getByTestId('sample-remove').click();
    const dialog = this.page.getByTestId('sample-confirm');
    await dialog.getByTestId('sample-confirm-remove').click();
    const done = this.page.getByTestId('sample-removed');
    await done.waitFor();
    return done.innerText();
  }

  /** After the removal: the program reads everything again from the start. */
  async continueAfterSampleRemoval(): Promise<void> {
    await Promise.all([this.page.waitForEvent('load'), this.page.getByTestId('sample-reload').click()]);
  }

  private grid(testId: string): Locator {
    return this.page.getByTestId(testId);
  }

  /** Types into one cell of an editable grid (row by its position) and confirms with Enter. */
  private async editCell(gridTestId: string, rowIndex: number, colId: string, text: string): Promise<void> {
    const cell = this.grid(gridTestId).locator(`.ag-row[row-index="${rowIndex}"] .ag-cell[col-id="${colId}"]`).first();
    await cell.click();
    const input = cell.locator('input, textarea').first();
    await input.waitFor();
    await input.fill(text);
    await input.press('Enter');
    await input.waitFor({ state: 'detached' });
  }

  async cellText(gridTestId: string, rowIndex: number, colId: string): Promise<string> {
    const cell = this.grid(gridTestId).locator(`.ag-row[row-index="${rowIndex}"] .ag-cell[col-id="${colId}"]`).first();
    return ((await cell.textContent()) ?? '').trim();
  }

  async rowCount(gridTestId: string): Promise<number> {
    return this.grid(gridTestId).locator('.ag-row[row-id]').count();
  }

  /**
   * Adds development issues (numbered in order), saves them and returns what the save said (its snackbar, read as it
   * appears: a success message hides after 3 seconds, which a busy machine may take between two steps).
   */
  async addIssues(issues: readonly { title: string; masterPlans?: string }[]): Promise<string> {
    await this.tab('issues');
    const start = await this.rowCount('issues-grid');
    for (const [k, issue] of issues.entries()) {
      await this.page.getByTestId('issue-add').click();
      await this.editCell('issues-grid', start + k, 'titleTh', issue.title);
      if (issue.masterPlans) await this.editCell('issues-grid', start + k, 'masterPlans', issue.masterPlans);
    }
    // The snackbar of an earlier step hides first, so that what is read is this save's.
    const said = this.page.locator('[data-testid="snackbar-success"], [data-testid="snackbar-error"]').first();
    await said.waitFor({ state: 'hidden' });
    const text = said.waitFor().then(async () => (await said.textContent()) ?? '');
    await this.page.getByTestId('issues-save').click();
    await this.page.getByTestId('issues-save').and(this.page.locator('[disabled]')).waitFor();
    return text;
  }

  async addMember(name: string, position: string, agency: string, role: MemberRole): Promise<void> {
    await this.tab('members');
    const form = this.page.getByTestId('member-add-form');
    await form.getByTestId('member-name').fill(name);
    await form.getByTestId('member-title').fill(position);
    await form.getByTestId('member-agency').fill(agency);
    await form.getByTestId('member-role').getByRole('combobox').click();
    await this.page.getByTestId(`member-role-${role}`).click();
    await form.getByTestId('member-add').click();
    await this.grid('members-grid').locator('.ag-cell[col-id="name"]').filter({ hasText: name }).waitFor();
  }

  /** Adds criteria with Thai names, switches to AHP and sets the judgments (row by row above the diagonal). */
  async setCriteriaWithAhp(names: readonly string[], judgments: readonly string[]): Promise<void> {
    await this.tab('criteria');
    const start = await this.rowCount('criteria-grid');
    for (const [k, name] of names.entries()) {
      await this.page.getByTestId('criterion-add').click();
      await this.editCell('criteria-grid', start + k, 'nameTh', name);
    }
    await this.page.getByTestId('weights-ahp').click();
    let k = 0;
    const n = start + names.length;
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const value = judgments[k++] ?? '1';
        await this.page.getByTestId(`ahp-${i}-${j}`).getByRole('combobox').click();
        const option = this.page.getByTestId(`ahp-${i}-${j}-${value.replace('/', '_')}`);
        const listbox = this.page.getByRole('listbox');
        // The menu closes with an animation; until it is gone the page behind it is hidden from role queries, and a
        // click meant for the next pair can land on the closing menu. On a loaded machine a click made while the menu
        // is still opening can be lost (the menu stays open, nothing chosen): the option is clicked again then (the
        // same value, so a click that did land changes nothing).
        await expect(async () => {
          if ((await listbox.count()) > 0 && (await option.isVisible())) await option.click({ timeout: 5_000 });
          await listbox.waitFor({ state: 'detached', timeout: 5_000 });
        }).toPass({ timeout: 60_000 });
        await expect(this.page.getByTestId(`ahp-${i}-${j}`).getByRole('combobox')).toContainText(value);
      }
    }
  }

  /** Types a criterion's scale (row by its position in the criteria grid); `saveCriteria` stores it. */
  async setCriterionScale(rowIndex: number, min: number, max: number): Promise<void> {
    await this.tab('criteria');
    await this.editCell('criteria-grid', rowIndex, 'scaleMin', String(min));
    await this.editCell('criteria-grid', rowIndex, 'scaleMax', String(max));
  }

  async saveCriteria(): Promise<void> {
    await this.page.getByTestId('criteria-save').click();
    await this.page.getByTestId('criteria-save').and(this.page.locator('[disabled]')).waitFor();
  }

  consistency(): Locator {
    return this.page.getByTestId('ahp-cr');
  }

  /**
   * The weight column, one value per row in row order, once the grid has settled: after a save the rows take the
   * stored criteria's keys, and AG Grid animates the old rows out while the new ones are in (both in the DOM, at the
   * same row indices, for a moment), so this waits until every row index is shown once.
   */
  async weights(): Promise<string[]> {
    const read = (): Promise<{ index: number; share: string }[]> =>
      this.grid('criteria-grid')
        .locator('.ag-row[row-id]:has(.ag-cell[col-id="share"])')
        .evaluateAll((rows) =>
          rows.map((row) => ({
            index: Number(row.getAttribute('row-index')),
            share: row.querySelector('.ag-cell[col-id="share"]')?.textContent ?? '',
          })),
        );
    let rows: { index: number; share: string }[] = [];
    await expect
      .poll(async () => {
        rows = await read();
        return rows.length > 0 && new Set(rows.map((r) => r.index)).size === rows.length;
      })
      .toBe(true);
    return rows.sort((x, y) => x.index - y.index).map((r) => r.share);
  }

  step(key: string): Locator {
    return this.page.getByTestId(`step-${key}`);
  }

  async stepStates(): Promise<Record<string, string>> {
    const steps = this.page.locator('[data-testid^="step-"][data-state]');
    const entries = await steps.evaluateAll((els) =>
      els.map((el) => [el.getAttribute('data-testid')!.replace('step-', ''), el.getAttribute('data-state') ?? '']),
    );
    return Object.fromEntries(entries);
  }

  next(): Locator {
    return this.page.getByTestId('round-next');
  }

  /**
   * Each step's text as laid out: how wide its name and help are drawn (px) and whether they run into the step's
   * count, its state or its button.
   */
  async stepLayouts(): Promise<{ key: string; textWidth: number; overlaps: boolean }[]> {
    return this.page.locator('[data-testid^="step-"][data-state]').evaluateAll((rows) =>
      rows.map((row) => {
        const key = row.getAttribute('data-testid')!.replace('step-', '');
        // The step's name and help, after its numbered mark.
        const text = row.children[1]!;
        const box = text.getBoundingClientRect();
        // The words themselves, which may reach past their box when it is narrower than the longest word.
        const range = document.createRange();
        range.selectNodeContents(text);
        const words = range.getBoundingClientRect();
        const others = [...row.children].filter(
          (el) => el !== text && !el.contains(text) && el.getBoundingClientRect().width > 0,
        );
        const overlaps = others.some((el) => {
          const r = el.getBoundingClientRect();
          if (el.textContent === '') return false;
          return r.left < words.right && words.left < r.right && r.top < words.bottom && words.top < r.bottom;
        });
        return { key, textWidth: Math.round(box.width), overlaps };
      }),
    );
  }
}
