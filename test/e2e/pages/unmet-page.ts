import type { Download, Locator, Page } from '@playwright/test';
import { AppShell } from './app-shell';
import { GridModel } from './grid-model';

/** The unmet-needs screen: area picker, area × category heat, the doors with their exports, the routed list. */
export class UnmetPage {
  readonly shell: AppShell;
  readonly grid: GridModel;

  constructor(readonly page: Page) {
    this.shell = new AppShell(page);
    this.grid = new GridModel(page, 'unmet-grid');
  }

  async open(): Promise<void> {
    await this.page.getByTestId('nav-unmet').click();
    await this.page.getByTestId('screen-unmet').waitFor();
    await this.page.locator('[data-testid="unmet-total-needs"]:not([data-value=""])').waitFor();
    await this.grid.waitForRows();
  }

  /** Unmet needs in the chosen area, as the summary reported them. */
  async totalNeeds(): Promise<number> {
    return Number(await this.page.getByTestId('unmet-total-needs').getAttribute('data-value'));
  }

  /** Chooses a district in the area picker and waits for its summary (tambon rows in the heat table). */
  async chooseDistrict(districtCode: string): Promise<void> {
    await this.page.getByTestId('unmet-district').getByRole('combobox').click();
    await this.page.getByTestId(`unmet-district-option-${districtCode}`).click();
    await this.page.locator(`[data-testid^="unmet-heat-row-${districtCode}"]`).first().waitFor();
    await this.page.locator('[data-testid="unmet-total-needs"]:not([data-value=""])').waitFor();
  }

  /** Area codes of the heat table's rows with their totals. */
  async heatRows(): Promise<{ area: string; needs: number }[]> {
    return this.page.locator('[data-testid^="unmet-heat-row-"]').evaluateAll((els) =>
      els.map((el) => ({
        area: (el.getAttribute('data-testid') ?? '').replace('unmet-heat-row-', ''),
        needs: Number(el.getAttribute('data-value')),
      })),
    );
  }

  door(key: string): Locator {
    return this.page.getByTestId(`unmet-door-${key}`);
  }

  /** The doors listed, with their kind of key and count. */
  async doors(): Promise<{ key: string; needs: number }[]> {
    return this.page.locator('[data-testid^="unmet-door-"][data-needs]').evaluateAll((els) =>
      els.map((el) => ({
        key: (el.getAttribute('data-testid') ?? '').replace('unmet-door-', ''),
        needs: Number(el.getAttribute('data-needs')),
      })),
    );
  }

  /** Shows only this door's needs in the list; resolves to the list's total. */
  async showDoor(key: string): Promise<number> {
    await this.door(key).getByTestId('unmet-door-show').click();
    return this.listTotal(key);
  }

  /** The list's total once it counts the given door's needs ('' for every door). */
  async listTotal(door = ''): Promise<number> {
    const total = this.page.getByTestId('unmet-list-total');
    await total
      .and(this.page.locator(`[data-door="${door}"]`))
      .and(this.page.locator('[data-total]:not([data-total=""])'))
      .waitFor();
    return Number(await total.getAttribute('data-total'));
  }

  async exportDoor(key: string): Promise<Download> {
    const download = this.page.waitForEvent('download');
    await this.door(key).getByTestId('unmet-door-export').click();
    return download;
  }
}
