import type { Browser, Locator, Page } from '@playwright/test';

/** A member's own device: the sign-in page, then their touch sheet (and the results once revealed). */
export class WorkshopDevice {
  constructor(readonly page: Page) {}

  /** A touch device in the room (a phone, a tablet) of the given size, in a browser context of its own. */
  static async inRoom(browser: Browser, width: number, height: number): Promise<WorkshopDevice> {
    const context = await browser.newContext({ viewport: { width, height }, hasTouch: true, isMobile: true });
    const device = new WorkshopDevice(await context.newPage());
    await device.asRoomDevice();
    return device;
  }

  /** A device in the room has no owner secret: remove the one the host writes into pages served to loopback. */
  async asRoomDevice(): Promise<void> {
    await this.page.addInitScript(() => {
      new MutationObserver(() => document.querySelector('meta[name="chipao-owner"]')?.remove()).observe(document, {
        childList: true,
        subtree: true,
      });
    });
  }

  async signIn(joinUrl: string, name: string, secret: string): Promise<void> {
    await this.page.goto(joinUrl);
    await this.page.getByTestId('join-pin').waitFor();
    await this.page.getByTestId('join-name').fill(name);
    await this.page.getByTestId('join-secret').fill(secret);
    await this.page.getByTestId('join-submit').click();
    await this.page.getByTestId('member-sheet').waitFor();
  }

  /** Taps ไทย or EN in the device's app bar. */
  async switchLanguage(lang: 'th' | 'en'): Promise<void> {
    await this.page.getByTestId(`lang-${lang}`).click();
  }

  /** Whether anything on the page reaches past the screen's width (a phone would scroll sideways). */
  async overflowsWidth(): Promise<boolean> {
    return this.page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
  }

  signedInAs(): Locator {
    return this.page.getByTestId('signed-in-as');
  }

  /** Taps one value for a project's criterion and waits until it is saved. */
  async score(projectCode: string, criterionCode: string, value: number): Promise<void> {
    const button = this.page.getByTestId(`score-${projectCode}-${criterionCode}-${value}`);
    await button.click();
    await this.page.waitForFunction((el) => el?.getAttribute('aria-pressed') === 'true', await button.elementHandle());
  }

  /** Declares a conflict of interest on a project from its card, with the nature of the interest. */
  async declareConflict(projectCode: string, reason: string): Promise<void> {
    await this.page.getByTestId(`sheet-conflict-button-${projectCode}`).click();
    await this.page.getByTestId('conflict-reason').fill(reason);
    await this.page.getByTestId('conflict-confirm').click();
    await this.conflictNote(projectCode).waitFor();
  }

  /** Withdraws the declaration on a project; its score buttons come back. */
  async withdrawConflict(projectCode: string): Promise<void> {
    await this.page.getByTestId(`sheet-conflict-button-${projectCode}`).click();
    await this.page.getByTestId('conflict-confirm').click();
    await this.conflictNote(projectCode).waitFor({ state: 'detached' });
  }

  /** The note on a project's card saying the member declared a conflict of interest on it. */
  conflictNote(projectCode: string): Locator {
    return this.page.getByTestId(`sheet-conflict-${projectCode}`);
  }

  /** The score buttons of a project's card (none while a conflict is declared on it). */
  scoreButtons(projectCode: string): Locator {
    return this.page.getByTestId(`sheet-project-${projectCode}`).locator(`[data-testid^="score-${projectCode}-"]`);
  }

  /** The field a score is typed into, for a scale too wide for buttons. */
  scoreField(projectCode: string, criterionCode: string): Locator {
    return this.page.getByTestId(`score-field-${projectCode}-${criterionCode}`);
  }

  /** What the field says under it: the scale, or why the typed text was not saved. */
  scoreFieldHelp(projectCode: string, criterionCode: string): Locator {
    return this.page.locator(`#score-field-${projectCode}-${criterionCode}-helper-text`);
  }

  /** Types a score into its field and confirms with Enter. */
  async typeScore(projectCode: string, criterionCode: string, text: string): Promise<void> {
    await this.scoreField(projectCode, criterionCode).fill(text);
    await this.scoreField(projectCode, criterionCode).press('Enter');
  }

  sheetProgress(): Locator {
    return this.page.getByTestId('sheet-progress');
  }

  funding(): Locator {
    return this.page.getByTestId('projector-funding');
  }

  /**
   * Calls the API from this device's own page, with its own sign-in (as a curious member could from the console),
   * and returns the result.
   */
  async callAsThisDevice(method: string, args: unknown): Promise<{ ok: boolean; error?: { code: string; messageTh: string } }> {
    return this.page.evaluate(
      ([m, a]) =>
        new Promise((resolve) => {
          const token = localStorage.getItem('chipao.workshopToken');
          const ws = new WebSocket(`ws://${location.host}/api/ws`, ['chipao', `chipao-token.${token}`]);
          ws.onopen = () => ws.send(JSON.stringify({ id: 1, method: m, args: a }));
          ws.onmessage = (e) => {
            const msg = JSON.parse(String(e.data)) as { id?: number; result?: unknown };
            if (msg.id === 1) {
              ws.close();
              resolve(msg.result as { ok: boolean; error?: { code: string; messageTh: string } });
            }
          };
        }),
      [method, args] as const,
    );
  }
}
