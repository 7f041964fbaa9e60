import type { Locator, Page } from '@playwright/test';
import { RoundPage } from './round-page';

/** The owner's session panel (workbench tab `#/workshop`): open, participants, codes, reveal, close. */
export class WorkshopPanel {
  constructor(readonly page: Page) {}

  async open(url: string): Promise<void> {
    await this.page.goto(`${url}/#/workshop`);
    await this.page.getByTestId('workshop-panel').waitFor();
  }

  /** Opens the session on one interface (e.g. '::1'); returns the PIN and the join link shown. */
  async openSession(address: string): Promise<{ pin: string; joinUrl: string }> {
    await this.page.getByTestId('workshop-interface-select').getByRole('combobox').click();
    await this.page.getByTestId(`interface-${address}`).click();
    await this.page.getByTestId('workshop-open').click();
    const pin = (await this.page.getByTestId('workshop-pin').textContent()) ?? '';
    const joinUrl = (await this.page.getByTestId('workshop-join-url').textContent()) ?? '';
    return { pin: pin.trim(), joinUrl: joinUrl.trim() };
  }

  /**
   * The round's new member added (as the secretariat would, on the round's screen), a session opened on loopback (::1)
   * and the member added to it with their secret and projects: the panel, and the join link to hand out.
   */
  static async withMember(
    page: Page,
    url: string,
    member: Readonly<{ name: string; secret: string; projects: readonly string[] }>,
  ): Promise<{ panel: WorkshopPanel; joinUrl: string }> {
    await page.goto(`${url}/#/round`);
    await new RoundPage(page).addMember(member.name, 'คลังจังหวัด', 'สำนักงานจังหวัดสระบุรี', 'member');
    const panel = new WorkshopPanel(page);
    await panel.open(url);
    const { joinUrl } = await panel.openSession('::1');
    await panel.addMember(member.name, member.secret, member.projects);
    return { panel, joinUrl };
  }

  /** Adds a committee member as a participant with the secret the secretariat set and the projects they score. */
  async addMember(name: string, secret: string, projectCodes: readonly string[]): Promise<void> {
    await this.page.getByTestId('participant-member-select').getByRole('combobox').click();
    await this.page.getByRole('option', { name, exact: true }).click();
    await this.page.getByTestId('participant-secret').fill(secret);
    const projects = this.page.getByTestId('participant-projects').getByRole('combobox');
    for (const code of projectCodes) {
      await projects.fill(code);
      await this.page.getByRole('option', { name: new RegExp(`^${code} `, 'u') }).click();
    }
    await this.page.keyboard.press('Escape');
    await this.page.getByTestId('participant-add').click();
    await this.participant(name).waitFor();
  }

  participant(name: string): Locator {
    return this.page.locator(`[data-testid^="participant-"][data-name="${name}"]`);
  }

  /** The "scored/assigned" text of a participant's row. */
  progress(name: string): Locator {
    return this.participant(name).locator('[data-testid^="participant-progress-"]');
  }

  async reveal(): Promise<void> {
    await this.page.getByTestId('workshop-reveal').click();
    await this.page.getByTestId('workshop-revealed').filter({ hasText: 'เปิดเผยผลแล้ว' }).waitFor();
  }

  async close(): Promise<void> {
    await this.page.getByTestId('workshop-close').click();
    await this.page.getByTestId('workshop-open').waitFor();
  }
}
