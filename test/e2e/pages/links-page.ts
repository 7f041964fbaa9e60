import type { Locator, Page } from '@playwright/test';

/** The links screen: pick a proposal, act on its suggested needs, unlink linked ones, read its evidence. */
export class LinksPage {
  constructor(readonly page: Page) {}

  root(): Locator {
    return this.page.getByTestId('screen-links');
  }

  /** Opens the screen directly, optionally with a proposal preselected through the hash. */
  async open(url: string, projectId?: number): Promise<void> {
    await this.page.goto(`${url}/#/links${projectId ? `?project=${projectId}` : ''}`);
    await this.root().waitFor();
  }

  async search(text: string): Promise<void> {
    await this.page.getByTestId('links-search').fill(text);
  }

  proposal(code: string): Locator {
    return this.page.getByTestId(`links-proposal-${code}`);
  }

  /** Picks a proposal by code and waits for its evidence. */
  async pick(code: string): Promise<void> {
    await this.search(code);
    await this.proposal(code).click();
    await this.page.getByTestId('links-proposal-title').filter({ hasText: code }).waitFor();
    await this.page.getByTestId('links-evidence').waitFor();
  }

  suggestions(): Locator {
    return this.page.getByTestId('links-suggestion');
  }

  linkedRows(): Locator {
    return this.page.getByTestId('links-linked-row');
  }

  /** An evidence figure's raw value (people, households, villages, times, needs, cost). */
  async evidence(figure: 'people' | 'households' | 'villages' | 'times' | 'needs' | 'cost'): Promise<string> {
    return (await this.page.getByTestId(`links-ev-${figure}`).getAttribute('data-value')) ?? '';
  }

  /** Ticks the first `n` suggestions and accepts them together; returns their need ids. */
  async acceptFirst(n: number): Promise<number[]> {
    await this.suggestions().first().waitFor();
    const ids: number[] = [];
    for (let i = 0; i < n; i++) {
      const row = this.suggestions().nth(i);
      ids.push(Number(await row.getAttribute('data-need-id')));
      await row.getByRole('checkbox').check();
    }
    await this.page.getByTestId('links-accept-selected').click();
    return ids;
  }

  linkedRow(needId: number): Locator {
    return this.page.locator(`[data-testid="links-linked-row"][data-need-id="${needId}"]`);
  }

  async unlink(needId: number): Promise<void> {
    await this.linkedRow(needId).getByTestId('links-unlink').click();
    await this.linkedRow(needId).waitFor({ state: 'detached' });
  }

  async suggestAll(): Promise<void> {
    await this.page.getByTestId('links-suggest-all').click();
    await this.page.getByTestId('links-all-done').waitFor();
  }
}
