import type { Locator, Page } from '@playwright/test';
import { AppShell } from './app-shell';
import { GridModel } from './grid-model';

export type SyncCounts = Readonly<{ new: number; changed: number; withdrawn: number; unchanged: number; flagged: number }>;

export class NeedsPage {
  readonly shell: AppShell;
  readonly grid: GridModel;

  constructor(readonly page: Page) {
    this.shell = new AppShell(page);
    this.grid = new GridModel(page, 'needs-grid');
  }

  async open(): Promise<void> {
    await this.shell.goTo('needs');
    await this.grid.waitForRows();
  }

  /** Chooses a feed file in the "sync from file" picker and waits for the outcome (report or rejection). */
  async syncFile(path: string): Promise<void> {
    await this.page.getByTestId('sync-file-input').setInputFiles(path);
    await this.page.locator('[data-testid="sync-result"], [data-testid="sync-error"]').waitFor();
  }

  syncResult(): Locator {
    return this.page.getByTestId('sync-result');
  }

  syncError(): Locator {
    return this.page.getByTestId('sync-error');
  }

  async syncCounts(): Promise<SyncCounts> {
    const read = async (key: string): Promise<number> =>
      Number(await this.page.getByTestId(`sync-count-${key}`).getAttribute('data-value'));
    return {
      new: await read('new'),
      changed: await read('changed'),
      withdrawn: await read('withdrawn'),
      unchanged: await read('unchanged'),
      flagged: await read('flagged'),
    };
  }

  async syncErrorMessage(): Promise<string> {
    return ((await this.page.getByTestId('sync-error-message').textContent()) ?? '').trim();
  }

  /** The rejected file's problems as shown: "บรรทัดที่ 3, คอลัมน์ ...: reason" (a feed's lines; a table's rows, "แถวที่ 3"). */
  async syncProblems(): Promise<{ line: number; text: string }[]> {
    return this.page
      .getByTestId('sync-problem')
      .evaluateAll((els) =>
        els.map((el) => ({ line: Number(el.getAttribute('data-line')), text: (el.textContent ?? '').trim() })),
      );
  }

  /** Total needs matching the current filter, as the host reported it. */
  async total(): Promise<number> {
    const total = this.page.getByTestId('needs-total');
    await total.and(this.page.locator('[data-total]:not([data-total=""])')).waitFor();
    return Number(await total.getAttribute('data-total'));
  }

  async search(text: string): Promise<void> {
    await this.page.getByTestId('needs-search').fill(text);
  }

  async filterDistrict(districtCode: string): Promise<void> {
    await this.page.getByTestId('needs-district').getByRole('combobox').click();
    await this.page.getByTestId(`needs-district-option-${districtCode}`).click();
  }

  /** Types a reported-date bound as people write it (e.g. 1/10/2569) and leaves the field. */
  async typeReportedDate(bound: 'dateFrom' | 'dateTo', text: string): Promise<void> {
    const field = this.page.getByTestId(`needs-${bound}`);
    await field.fill(text);
    await field.blur();
  }

  /** What the reported-date field says under it (its reading of the date, or why it cannot read it). */
  reportedDateHelper(bound: 'dateFrom' | 'dateTo'): Locator {
    return this.page.getByTestId(`needs-${bound}-helper`);
  }

  /** The district the filter bar's select shows ('' for all). */
  async districtFilter(): Promise<string> {
    return this.page.getByTestId('needs-district').locator('input').inputValue();
  }

  map(): Locator {
    return this.page.getByTestId('needs-map');
  }

  /** Waits for the map at this level (and drilled-down district), with every area's centre placed. */
  async waitForMap(level: 'district' | 'tambon', parent = ''): Promise<void> {
    const map = this.page.locator(`[data-testid="needs-map"][data-level="${level}"][data-parent="${parent}"]`);
    await map.and(this.page.locator('[data-centres]:not([data-centres=""]):not([data-centres="{}"])')).waitFor();
  }

  /** The areas whose names the map writes (a name that would overlap a larger area's is left out), once laid out. */
  async mapLabels(): Promise<string[]> {
    await this.map().and(this.page.locator('[data-labels]:not([data-labels=""])')).waitFor();
    return ((await this.map().getAttribute('data-labels')) ?? '').split(' ');
  }

  /** Clicks an area of the map at the centre it is drawn around (as a user clicks a district). */
  async clickMapArea(code: string): Promise<void> {
    const centres = JSON.parse((await this.map().getAttribute('data-centres')) ?? '{}') as Record<string, [number, number]>;
    const at = centres[code];
    if (!at) throw new Error(`the map draws no area ${code}: ${Object.keys(centres).join(', ')}`);
    await this.map().click({ position: { x: at[0], y: at[1] } });
  }

  /** The totals cards under the current filter, as numbers. */
  async totals(): Promise<{ needs: number; people: number; households: number }> {
    const read = async (key: string): Promise<number> => {
      const el = this.page.getByTestId(`needs-totals-${key}`);
      await el.and(this.page.locator('[data-value]:not([data-value=""])')).waitFor();
      return Number(await el.getAttribute('data-value'));
    };
    return { needs: await read('needs'), people: await read('people'), households: await read('households') };
  }

  /** Opens the detail of the grid's row with this need id. */
  async openDetail(needId: string): Promise<Locator> {
    await this.grid.cell(needId, 'title').click();
    const drawer = this.page.locator(`[data-testid="need-detail"][data-need="${needId}"]`);
    await drawer.getByTestId('need-detail-fields').waitFor();
    return drawer;
  }
}
