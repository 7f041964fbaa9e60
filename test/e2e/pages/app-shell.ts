import { expect, type Locator, type Page } from '@playwright/test';

export type ScreenName =
  'round' | 'needs' | 'projects' | 'links' | 'unmet' | 'scoring' | 'allocation' | 'compare' | 'audit' | 'workshop';

/** The parts of the app every screen shares: app bar, navigation, language switch, snackbars. */
export class AppShell {
  constructor(readonly page: Page) {}

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.page.getByTestId('round-name').waitFor();
  }

  async goTo(screen: ScreenName): Promise<void> {
    await this.page.getByTestId(`nav-${screen}`).click();
    await this.page.getByTestId(`screen-${screen}`).waitFor();
  }

  navTab(screen: ScreenName): Locator {
    return this.page.getByTestId(`nav-${screen}`);
  }

  /** The navigation row's arrow that scrolls it towards its end (shown only when the tabs overflow). */
  navScrollEnd(): Locator {
    return this.page.locator('.MuiTabs-scrollButtons').last();
  }

  /**
   * Scrolls the navigation row with its end arrow, as a mouse would, until the screen's tab is wholly in the window
   * (the row scrolls smoothly, so each click is given time to land; a disabled arrow, at the row's end, is not clicked).
   */
  async scrollNavTo(screen: ScreenName): Promise<void> {
    await expect(async () => {
      const arrow = this.navScrollEnd();
      if (!(await arrow.evaluate((el) => el.classList.contains('Mui-disabled')))) await arrow.click();
      await expect(this.navTab(screen)).toBeInViewport({ ratio: 1, timeout: 1_000 });
    }).toPass({ timeout: 15_000 });
  }

  syntheticChip(): Locator {
    return this.page.getByTestId('synthetic-chip');
  }

  roundName(): Locator {
    return this.page.getByTestId('round-name');
  }

  async switchLanguage(lang: 'th' | 'en'): Promise<void> {
    await this.page.getByTestId(`lang-${lang}`).click();
  }

  /**
   * Text in Thai script on the page (text, and the title, aria-label and placeholder a screen reader or a hover reads),
   * leaving out grid cells and what `data` holds: the names, titles and agencies the database keeps as entered, which
   * read the same in either language, and words taken from them (the words a need shares with a proposal). On an
   * English screen anything left is a label left untranslated.
   */
  async thaiLabels(data: readonly string[]): Promise<string[]> {
    return this.page.evaluate((known) => {
      const thai = /[\u0E00-\u0E7F]/u;
      const names = known.filter((k) => thai.test(k));
      const untranslated = (text: string): boolean => {
        if (!thai.test(text)) return false;
        // Whole names out first, longest first (a project's title before a district's name inside it)…
        const inText = names.filter((k) => text.includes(k)).sort((a, b) => b.length - a.length);
        const rest = inText.reduce((r, k) => r.split(k).join(' '), text);
        // …then any Thai left must be a word of some name.
        return (rest.match(/[\u0E00-\u0E7F]+/gu) ?? []).some((word) => !names.some((k) => k.includes(word)));
      };
      const found: string[] = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const text = n.textContent ?? '';
        const el = n.parentElement;
        if (!el || el.closest('.ag-cell') || !untranslated(text)) continue;
        found.push(`${el.closest('[data-testid]')?.getAttribute('data-testid') ?? el.tagName}: ${text.trim()}`);
      }
      for (const el of document.querySelectorAll('[title], [aria-label], [placeholder]')) {
        if (el.closest('.ag-cell')) continue;
        for (const attribute of ['title', 'aria-label', 'placeholder']) {
          const value = el.getAttribute(attribute) ?? '';
          if (untranslated(value)) found.push(`@${attribute}: ${value}`);
        }
      }
      return [...new Set(found)];
    }, data);
  }

  /**
   * Words in Latin letters that the page's grids say around their rows (paging, page size, loading and empty
   * overlays, and the labels a screen reader reads for them): on a Thai screen each one is a grid text left in English.
   */
  async gridEnglish(): Promise<string[]> {
    return this.page.locator('.ag-root-wrapper').evaluateAll((grids) => {
      const latin = /[A-Za-z]{3,}/u;
      const found: string[] = [];
      for (const grid of grids) {
        const chrome = [...grid.querySelectorAll('.ag-paging-panel, .ag-overlay')];
        for (const part of chrome) if (latin.test(part.textContent ?? '')) found.push(part.textContent ?? '');
        for (const el of grid.querySelectorAll('[aria-label]')) {
          if (el.closest('.ag-cell')) continue;
          const label = el.getAttribute('aria-label') ?? '';
          if (latin.test(label)) found.push(`@aria-label: ${label}`);
        }
      }
      return [...new Set(found)];
    });
  }

  errorSnackbar(): Locator {
    return this.page.getByTestId('snackbar-error');
  }

  successSnackbar(): Locator {
    return this.page.getByTestId('snackbar-success');
  }

  /** A message that something was done, with what the user should look at (e.g. a priority another proposal holds). */
  warningSnackbar(): Locator {
    return this.page.getByTestId('snackbar-warning');
  }

  async dismissSnackbar(): Promise<void> {
    const open = this.page.locator('[data-testid^="snackbar-"]');
    if (await open.count()) {
      await open.getByRole('button').click();
      await open.waitFor({ state: 'detached' });
    }
  }
}
