import type { Locator, Page } from '@playwright/test';

export type ScreenName = 'round' | 'needs' | 'projects' | 'links' | 'unmet' | 'scoring' | 'allocation' | 'compare' | 'audit';

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
