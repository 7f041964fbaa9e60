import type { Locator, Page } from '@playwright/test';

/** The projector (`#/projector`): members' progress, then the revealed ranking and allocation; presentation mode. */
export class WorkshopProjector {
  constructor(readonly page: Page) {}

  async open(url: string): Promise<void> {
    await this.page.goto(`${url}/#/projector`);
    await this.page.getByTestId('projector').waitFor();
  }

  root(): Locator {
    return this.page.getByTestId('projector');
  }

  resultsHidden(): Locator {
    return this.page.getByTestId('results-hidden');
  }

  funding(): Locator {
    return this.page.getByTestId('projector-funding');
  }

  async presentationMode(): Promise<void> {
    await this.page.getByTestId('presentation-mode').click();
  }
}
