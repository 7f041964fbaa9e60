import type { Locator, Page } from '@playwright/test';
import { ScenariosPage } from './scenarios-page';

export type ApproveForm = Readonly<{
  resolutionNo: string;
  /** As the secretariat types it, in the Buddhist era (e.g. "15/11/2569"). */
  date: string;
  /** Members to untick (absent from the meeting). */
  absent?: readonly number[];
  /** The approver's member id (the chair is preselected). */
  approverId?: number;
}>;

export type HostReply = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string; messageTh: string } };

/**
 * Approval on the scenario workbench: the draft's "Approve" dialog, the locked plan with its resolution, the
 * manifest and the audit chain at approval, and "Reproduce". Extends the scenarios page it lives on.
 */
export class ApprovalPage extends ScenariosPage {
  constructor(page: Page) {
    super(page);
  }

  /** The locked plan's panel (present only for an approved scenario). */
  locked(): Locator {
    return this.page.getByTestId('approval-locked');
  }

  resolution(): Locator {
    return this.page.getByTestId('approval-resolution');
  }

  reason(): Locator {
    return this.page.getByTestId('approval-locked-reason');
  }

  /** Opens the approval form and fills it (not yet sent). */
  async fillApproval(form: ApproveForm): Promise<void> {
    await this.page.getByTestId('approval-open').click();
    await this.page.getByTestId('approve-dialog').waitFor();
    await this.page.getByTestId('approve-resolution-no').fill(form.resolutionNo);
    await this.page.getByTestId('approve-date').fill(form.date);
    if (form.approverId !== undefined) {
      await this.page.getByTestId('approve-approver').getByRole('combobox').click();
      await this.page.getByTestId(`approve-approver-${form.approverId}`).click();
    }
    for (const id of form.absent ?? []) await this.page.getByTestId(`approve-member-${id}`).click();
  }

  /** Sends the filled form and waits for the plan to show as locked. */
  async confirmApproval(): Promise<void> {
    await this.page.getByTestId('approve-confirm').click();
    await this.page.getByTestId('approve-dialog').waitFor({ state: 'detached' });
    await this.locked().waitFor();
  }

  /** Fills and sends the approval form, then waits for the plan to show as locked. */
  async approve(form: ApproveForm): Promise<void> {
    await this.fillApproval(form);
    await this.confirmApproval();
  }

  /** The chain's length and head as printed on the approval ("12 รายการ · <hash>"). */
  async chainShown(): Promise<string> {
    return ((await this.page.getByTestId('approval-chain').textContent()) ?? '').trim();
  }

  async manifestShown(): Promise<string> {
    return ((await this.page.getByTestId('approval-manifest').textContent()) ?? '').trim();
  }

  /** Presses "ตรวจซ้ำ / Reproduce" and returns the result line once it is shown. */
  async reproduce(): Promise<Locator> {
    await this.page.getByTestId('approval-reproduce').click();
    const result = this.page.getByTestId('approval-reproduce-result');
    await result.waitFor({ timeout: 30_000 });
    return result;
  }

  /**
   * Calls the host as a second owner window would (same origin, the owner secret from a fresh copy of the page), for
   * trying a change the screen no longer offers.
   */
  async callAsOwner(method: string, args: unknown): Promise<HostReply> {
    return this.page.evaluate(
      async ({ method, args }) => {
        const html = await (await fetch('/')).text();
        const secret = /<meta name="chipao-owner" content="([0-9a-f]+)"/u.exec(html)?.[1] ?? '';
        const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/ws`;
        const ws = new WebSocket(url, ['chipao', `chipao-owner.${secret}`]);
        return new Promise<HostReply>((resolve, reject) => {
          ws.onerror = () => reject(new Error('WebSocket failed'));
          ws.onopen = () => ws.send(JSON.stringify({ id: 1, method, args }));
          ws.onmessage = (e) => {
            const msg = JSON.parse(String(e.data)) as { id?: number; result?: HostReply };
            if (msg.id === 1 && msg.result) {
              ws.close();
              resolve(msg.result);
            }
          };
        });
      },
      { method, args },
    );
  }
}
