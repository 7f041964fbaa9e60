import { expect, type Locator, type Page } from '@playwright/test';

/**
 * An AG Grid inside the element with `data-testid=testId`. Rows are addressed by their row id (the
 * project or need code the screen gives AG Grid), columns by col-id.
 */
export class GridModel {
  readonly root: Locator;

  constructor(
    readonly page: Page,
    testId: string,
  ) {
    this.root = page.getByTestId(testId);
  }

  /** The data row with this id (header rows carry no row-id). */
  row(rowId: string): Locator {
    return this.root.locator(`.ag-row[row-id="${rowId}"]`).first();
  }

  cell(rowId: string, colId: string): Locator {
    return this.root.locator(`.ag-row[row-id="${rowId}"] .ag-cell[col-id="${colId}"]`);
  }

  /**
   * The cell's text once the grid shows that row once: while AG Grid redraws a row (a re-sort, a changed value's
   * flash) the old row element and its replacement can briefly both be in the page.
   */
  async cellText(rowId: string, colId: string): Promise<string> {
    const cell = this.cell(rowId, colId);
    await expect(cell).toHaveCount(1);
    return ((await cell.textContent()) ?? '').trim();
  }

  /**
   * Column headers whose text the grid breaks inside a word ("Househo / lds"), each as "header @ position". Only a
   * break between two Latin letters or digits counts: Thai has no spaces, the browser breaks it between words.
   */
  async headersBrokenInsideWords(): Promise<string[]> {
    return this.root.locator('.ag-header-cell-text').evaluateAll((els) =>
      els.flatMap((el) => {
        const node = el.firstChild;
        if (!node || node.nodeType !== Node.TEXT_NODE) return [];
        const text = node.textContent ?? '';
        const top = (i: number): number | undefined => {
          const range = document.createRange();
          range.setStart(node, i);
          range.setEnd(node, i + 1);
          return range.getClientRects()[0]?.top;
        };
        for (let i = 0; i + 1 < text.length; i++) {
          if (!/[A-Za-z0-9]/u.test(text[i]!) || !/[A-Za-z0-9]/u.test(text[i + 1]!)) continue;
          const [a, b] = [top(i), top(i + 1)];
          if (a !== undefined && b !== undefined && b > a + 3) return [`${text} @ ${i + 1}`];
        }
        return [];
      }),
    );
  }

  /** Sorts by a column as a user does, clicking its header: once ascending, twice descending; waits for the mark. */
  async sortBy(colId: string, direction: 'ascending' | 'descending' = 'ascending'): Promise<void> {
    const header = this.root.locator(`.ag-header-cell[col-id="${colId}"]`);
    for (let i = 0; i < 3 && (await header.getAttribute('aria-sort')) !== direction; i++) {
      await header.locator('.ag-header-cell-label').click();
    }
    await expect(header).toHaveAttribute('aria-sort', direction);
  }

  /** Waits until the grid shows at least one data row. */
  async waitForRows(): Promise<void> {
    await this.root.locator('.ag-row[row-id]').first().waitFor();
  }

  /** Ids of the rows currently rendered, top to bottom. */
  async visibleRowIds(): Promise<string[]> {
    const rows = this.root.locator('.ag-row[row-id]');
    const entries = await rows.evaluateAll((els) =>
      els.map((el) => ({ id: el.getAttribute('row-id') ?? '', index: Number(el.getAttribute('row-index')) })),
    );
    return [...new Map(entries.sort((a, b) => a.index - b.index).map((e) => [e.id, e])).keys()];
  }

  /** Scrolls so the row at this (sorted) index is rendered, and returns its id. */
  async rowIdAtIndex(index: number): Promise<string> {
    // AG Grid 36 scrolls rows in .ag-grid-viewport (older versions: .ag-body-viewport).
    const viewport = this.root.locator('.ag-grid-viewport, .ag-body-viewport').first();
    const target = this.root.locator(`.ag-row[row-index="${index}"]`).first();
    for (let attempt = 0; attempt < 20 && !(await target.count()); attempt++) {
      await viewport.evaluate((el, i) => {
        const rowHeight = el.querySelector('.ag-row')?.getBoundingClientRect().height ?? 40;
        el.scrollTop = Math.max(0, i * rowHeight - el.clientHeight / 2);
      }, index);
      await this.page.waitForTimeout(100);
    }
    return (await target.getAttribute('row-id')) ?? '';
  }
}
