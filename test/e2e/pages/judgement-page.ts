import { expect, type Download, type Locator, type Page } from '@playwright/test';
import { AppShell } from './app-shell';
import { GridModel } from './grid-model';
import { ScoringPage } from './scoring-page';

/** The scoring screen's two tabs: a member's sheet (conflicts, comments, offline files) and the committee's judgement. */
export class JudgementPage {
  readonly shell: AppShell;
  readonly scoring: ScoringPage;
  readonly ranking: GridModel;

  constructor(readonly page: Page) {
    this.shell = new AppShell(page);
    this.scoring = new ScoringPage(page);
    this.ranking = new GridModel(page, 'ranking-grid');
  }

  /**
   * Waits until the page holds `count` performance measures named `name`, told by a PerformanceObserver in the page
   * (nothing polls the page meanwhile); fails after `timeoutMs`.
   */
  async measured(name: string, count: number, timeoutMs = 60_000): Promise<void> {
    await this.page.evaluate(
      ({ name, count, timeoutMs }) =>
        new Promise<void>((resolve, reject) => {
          const done = () => performance.getEntriesByName(name, 'measure').length >= count;
          if (done()) return resolve();
          const timer = setTimeout(() => {
            observer.disconnect();
            reject(new Error(`${performance.getEntriesByName(name, 'measure').length} of ${count} '${name}' measures`));
          }, timeoutMs);
          const observer = new PerformanceObserver(() => {
            if (!done()) return;
            clearTimeout(timer);
            observer.disconnect();
            resolve();
          });
          observer.observe({ type: 'measure' });
        }),
      { name, count, timeoutMs },
    );
  }

  async openSheet(): Promise<void> {
    await this.scoring.open();
    await this.page.getByTestId('tab-sheet').click();
  }

  async openJudgement(): Promise<void> {
    await this.scoring.open();
    await this.page.getByTestId('tab-judgement').click();
    await this.page.locator('[data-testid="judgement-panel"][data-loaded="true"]').waitFor();
  }

  /** Sets members' weights in the aggregation dialog (ids → the text typed) and saves. */
  async setMemberWeights(weights: Readonly<Record<number, string>>): Promise<void> {
    await this.page.getByTestId('member-weights').click();
    for (const [id, text] of Object.entries(weights)) await this.page.getByTestId(`member-weight-${id}`).fill(text);
    await this.page.getByTestId('member-weights-save').click();
  }

  memberWeightsButton(): Locator {
    return this.page.getByTestId('member-weights');
  }

  /** Declares a conflict of interest on a project for the member picked. */
  async declareConflict(projectCode: string, reason: string): Promise<void> {
    await this.page.getByTestId('scoring-search').fill(projectCode);
    await this.page.getByTestId(`conflict-${projectCode}`).click();
    await this.page.getByTestId('conflict-reason').fill(reason);
    await this.page.getByTestId('conflict-confirm').click();
    await this.page.getByTestId('conflict-dialog').waitFor({ state: 'detached' });
  }

  conflictToggle(projectCode: string): Locator {
    return this.page.getByTestId(`conflict-${projectCode}`);
  }

  /** Kendall's W shown for a criterion ('' when not computable). */
  async kendallW(criterionCode: string): Promise<string> {
    return (await this.page.getByTestId(`kendall-${criterionCode}`).getAttribute('data-w')) ?? '';
  }

  heatmap(): Locator {
    return this.page.getByTestId('disagreement-heatmap');
  }

  async memberConflicts(memberId: number): Promise<string> {
    return (await this.page.getByTestId(`progress-member-${memberId}`).getAttribute('data-conflicts')) ?? '';
  }

  /** Fills the override form; `reason` may be blank (to see it refused). */
  async addOverride(o: { projectCode: string; position: number; memberId: number; reason: string }): Promise<void> {
    const project = this.page.getByTestId('override-project');
    await project.fill(o.projectCode);
    await this.page
      .getByRole('option', { name: new RegExp(`^${o.projectCode} `, 'u') })
      .first()
      .click();
    await this.page.getByTestId('override-position').fill(String(o.position));
    await this.page.getByTestId('override-requested-by').getByRole('combobox').click();
    await this.page.getByTestId(`override-member-${o.memberId}`).click();
    // The member's menu closes with a fade; until it has gone its backdrop takes the next click.
    await expect(this.page.getByRole('listbox')).toBeHidden();
    await this.page.getByTestId('override-reason').fill(o.reason);
    await this.page.getByTestId('override-add').click();
  }

  override(projectCode: string): Locator {
    return this.page.getByTestId(`override-${projectCode}`);
  }

  /** Downloads the picked member's offline sheet. */
  async downloadSheet(): Promise<Download> {
    const wait = this.page.waitForEvent('download');
    await this.page.getByTestId('sheet-export').click();
    return wait;
  }

  async importSheet(path: string): Promise<void> {
    await this.page.getByTestId('sheet-import-file').setInputFiles(path);
  }
}
