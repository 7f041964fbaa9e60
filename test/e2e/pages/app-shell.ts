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

  errorSnackbar(): Locator {
    return this.page.getByTestId('snackbar-error');
  }

  successSnackbar(): Locator {
    return this.page.getByTestId('snackbar-success');
  }

  async dismissSnackbar(): Promise<void> {
    const open = this.page.locator('[data-testid^="snackbar-"]');
    if (await open.count()) {
      await open.getByRole('button').click();
      await open.waitFor({ state: 'detached' });
    }
  }
}
