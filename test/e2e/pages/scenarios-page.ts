import type { Locator, Page } from '@playwright/test';
import type { RuleKind } from '../../../shared/api/scenario';
import { AllocationPage } from './allocation-page';

/** A rule of the registry (shared/domain/allocation/rules). */
export type Rule = RuleKind;
export type GridShow = 'all' | 'funded' | 'unfunded';

/**
 * The allocation screen as a scenario workbench: pick, branch and edit scenarios, switch rules, set the
 * scenario's ceiling and constraints, lock projects and ask "why?". Extends the allocation page (summary
 * cards, district chart, exports), which the workbench keeps.
 */
export class ScenariosPage extends AllocationPage {
  readonly result: Locator;

  constructor(page: Page) {
    super(page);
    this.result = page.getByTestId('scenario-result');
  }

  override async open(): Promise<void> {
    await super.open();
    await this.settled();
  }

  /** Waits until a result is shown and no run is in flight. */
  async settled(): Promise<void> {
    await this.page.locator('[data-testid="scenario-result"][data-running="false"]:not([data-scenario=""])').waitFor();
  }

  private async updatedAt(): Promise<string> {
    return (await this.result.getAttribute('data-updated')) ?? '';
  }

  /**
   * Does something that edits the scenario, then waits until the result of the edited scenario is shown
   * (its update time moves on and the rerun has finished).
   */
  async edit(action: () => Promise<void>): Promise<void> {
    const before = await this.updatedAt();
    await action();
    await this.page.waitForFunction(
      (prev) => {
        const el = document.querySelector('[data-testid="scenario-result"]');
        return el !== null && el.getAttribute('data-updated') !== prev && el.getAttribute('data-running') === 'false';
      },
      before,
      { timeout: 30_000 },
    );
  }

  /** The names of the round's scenarios, as the scenario picker lists them. */
  async scenarioNames(): Promise<string[]> {
    await this.page.getByTestId('scenario-select').getByRole('combobox').click();
    const options = this.page.locator('[data-testid^="scenario-option-"]');
    await options.first().waitFor();
    const names = await options.evaluateAll((els) => els.map((el) => el.getAttribute('data-name') ?? ''));
    await this.page.keyboard.press('Escape');
    await options.first().waitFor({ state: 'detached' });
    return names;
  }

  /** Picks a scenario without waiting for its run (to watch a long run's progress). */
  async startScenario(name: string): Promise<void> {
    await this.page.getByTestId('scenario-select').getByRole('combobox').click();
    await this.page.locator(`[data-testid^="scenario-option-"][data-name="${name}"]`).click();
  }

  /** Waits until the running run has gone on past a second (its seconds and the cancel are shown). */
  async waitForSlowRun(): Promise<Locator> {
    const progress = this.page.locator('[data-testid="scenario-run-progress"][data-slow="true"]');
    await progress.waitFor({ timeout: 60_000 });
    return progress;
  }

  /** The seconds the running run has taken so far, as shown. */
  async runSeconds(): Promise<number> {
    return Number((await this.page.getByTestId('scenario-run-seconds').getAttribute('data-seconds')) ?? Number.NaN);
  }

  /** The running run's status line as shown (its stage, percentage where known, and seconds). */
  async runStatus(): Promise<string> {
    return ((await this.page.getByTestId('scenario-run-seconds').textContent()) ?? '').trim();
  }

  /** Cancels the running run and waits until the screen says it was cancelled. */
  async cancelRun(): Promise<void> {
    await this.page.getByTestId('scenario-run-cancel').click();
    await this.page.getByTestId('scenario-run-cancelled').waitFor({ timeout: 30_000 });
  }

  /** After a cancel: runs the scenario again and waits for its result. */
  async runAgain(): Promise<void> {
    await this.page.getByTestId('scenario-run-again').click();
    await this.settled();
  }

  async scenarioName(): Promise<string> {
    return ((await this.page.getByTestId('scenario-select').getByRole('combobox').textContent()) ?? '').trim();
  }

  async selectScenario(name: string): Promise<void> {
    await this.page.getByTestId('scenario-select').getByRole('combobox').click();
    await this.page.locator(`[data-testid^="scenario-option-"][data-name="${name}"]`).click();
    await this.page.locator(`[data-testid="scenario-select"]`).filter({ hasText: name }).waitFor();
    await this.settled();
  }

  /** Types the scenario's own ceiling in baht (empty = the round's) and waits for the rerun. */
  async setScenarioCeiling(bahtText: string, satang: number): Promise<void> {
    await this.page.getByTestId('scenario-ceiling-input').fill(bahtText);
    await this.page.locator(`[data-testid="alloc-ceiling"][data-value="${satang}"]`).waitFor();
    await this.settled();
  }

  /** Types into the scenario's ceiling without waiting for a rerun (text that is not an amount starts none). */
  async typeScenarioCeiling(text: string): Promise<void> {
    await this.page.getByTestId('scenario-ceiling-input').fill(text);
  }

  /** The line under the scenario's ceiling: its hint, or why the text is not an amount and what is in use. */
  scenarioCeilingHelper(): Locator {
    return this.page.getByTestId('scenario-ceiling-input-helper');
  }

  async setRule(rule: Rule): Promise<void> {
    await this.edit(() => this.page.getByTestId(`rule-${rule}`).click());
    await this.page.locator(`[data-testid="scenario-result"][data-rule="${rule}"]`).waitFor();
  }

  /** Picks an option of one of the rule's drop-downs (objective, voter unit, completion); waits for the rerun. */
  async choose(testId: string, option: string): Promise<void> {
    await this.edit(async () => {
      await this.page.getByTestId(testId).getByRole('combobox').click();
      await this.page.getByRole('option', { name: option, exact: true }).click();
    });
  }

  async choice(testId: string): Promise<string> {
    return ((await this.page.getByTestId(testId).getByRole('combobox').textContent()) ?? '').trim();
  }

  status(): Promise<string | null> {
    return this.result.getAttribute('data-status');
  }

  /** Funded amount per district as the constraints table shows it (satang). */
  async districtFunded(): Promise<Record<string, number>> {
    const cells = this.page.locator('[data-testid^="district-funded-"]');
    const entries = await cells.evaluateAll((els) =>
      els.map(
        (el) =>
          [
            (el.getAttribute('data-testid') ?? '').replace('district-funded-', ''),
            Number(el.getAttribute('data-value')),
          ] as const,
      ),
    );
    return Object.fromEntries(entries);
  }

  async districtName(code: string): Promise<string> {
    return (
      (await this.page.getByTestId(`district-row-${code}`).locator('td').first().locator('p').first().textContent()) ?? ''
    ).trim();
  }

  /** Types an amount (or '' to remove it) into a district constraint cell: envelope, floor or cap. */
  async setDistrictConstraint(kind: 'envelope' | 'floor' | 'cap', code: string, bahtText: string): Promise<void> {
    await this.edit(() => this.page.getByTestId(`district-${kind}-${code}`).fill(bahtText));
  }

  /** Whether a district constraint cell shows its whole text (none of it scrolled out of the field). */
  async districtConstraintFits(kind: 'envelope' | 'floor' | 'cap', code: string): Promise<boolean> {
    return this.page
      .getByTestId(`district-${kind}-${code}`)
      .evaluate((el) => (el as HTMLInputElement).scrollWidth <= (el as HTMLInputElement).clientWidth);
  }

  infeasibleAlert(): Locator {
    return this.page.getByTestId('scenario-infeasible');
  }

  async conflicts(): Promise<string[]> {
    return (await this.page.getByTestId('conflict-group').allTextContents()).map((s) => s.trim());
  }

  async showRows(show: GridShow): Promise<void> {
    await this.page.getByTestId(`grid-show-${show}`).click();
    await this.page.locator(`[data-testid="allocation-grid"][data-show="${show}"]`).waitFor();
    await this.grid.waitForRows();
    // The grid redraws after React hands it the filtered rows: wait until every rendered row fits the filter.
    await this.page.waitForFunction((wanted) => {
      const cells = [...document.querySelectorAll('[data-testid="allocation-grid"] .ag-row[row-id] .ag-cell[col-id="funded"]')];
      const zero = (el: Element): boolean => Number((el.textContent ?? '').replace(/,/gu, '')) === 0;
      if (cells.length === 0) return false;
      return wanted === 'all' || cells.every((el) => (wanted === 'funded' ? !zero(el) : zero(el)));
    }, show);
  }

  /** Code of the top row the grid shows (rank order). */
  async firstRowCode(): Promise<string> {
    const [first] = await this.grid.visibleRowIds();
    return first ?? '';
  }

  /** Funded amount of a project as the grid shows it, in satang. */
  async fundedOf(code: string): Promise<number> {
    const text = await this.grid.cellText(code, 'funded');
    return Math.round(Number(text.replace(/,/gu, '')) * 100);
  }

  async reasonOf(code: string): Promise<string> {
    return this.grid.cellText(code, 'reason');
  }

  async toggleLock(code: string): Promise<void> {
    await this.edit(() => this.page.getByTestId(`lock-${code}`).click());
  }

  async isLocked(code: string): Promise<boolean> {
    return (await this.page.getByTestId(`lock-${code}`).getAttribute('data-locked')) === 'true';
  }

  /** New scenario branched from the current one, under `name`; it becomes the current scenario. */
  async branch(name: string): Promise<void> {
    await this.page.getByTestId('scenario-branch').click();
    await this.page.getByTestId('scenario-name-input').fill(name);
    await this.page.getByTestId('scenario-name-confirm').click();
    await this.page.getByTestId('scenario-name-dialog').waitFor({ state: 'detached' });
    await this.page.locator(`[data-testid="scenario-select"]`).filter({ hasText: name }).waitFor();
    await this.settled();
  }

  /** Opens the "why in / why out" card of a project and returns the dialog. */
  async openWhy(code: string): Promise<Locator> {
    await this.page.getByTestId(`why-${code}`).click();
    const dialog = this.page.getByTestId('why-dialog');
    await dialog.getByTestId('why-text').waitFor();
    return dialog;
  }

  async closeWhy(): Promise<void> {
    await this.page.getByTestId('why-close').click();
    await this.page.getByTestId('why-dialog').waitFor({ state: 'detached' });
  }
}
