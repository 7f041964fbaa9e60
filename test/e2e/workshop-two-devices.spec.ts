/**
 * One member signed in on a phone and a tablet: what one device scores or declares shows on the other; a score tapped
 * on a sheet the host has moved past (a conflict declared meanwhile) or turned away is not shown as saved nor
 * counted, and the tablet says why, in Thai.
 */
import { expect, snap, test } from './fixtures';
import { WorkshopDevice } from './pages/workshop-device';
import { WorkshopPanel } from './pages/workshop-panel';

const MEMBER = { name: 'นางสาวมาลี ทดสอบ', secret: 'malee-2569', projects: ['SRB71-001', 'SRB71-002'] } as const;

test('a score the host refuses on the member’s second device is not shown as saved', async ({ page, app, browser }, testInfo) => {
  const { panel, joinUrl } = await WorkshopPanel.withMember(page, app.url, MEMBER);

  const phone = await WorkshopDevice.inRoom(browser, 412, 915);
  await phone.signIn(joinUrl, MEMBER.name, MEMBER.secret);
  const tablet = await WorkshopDevice.inRoom(browser, 800, 1280);
  // The tablet taps before the news of the phone's declaration reaches it: its changes of scores do not arrive.
  await tablet.page.routeWebSocket(/\/api\/ws$/u, (ws) => {
    const server = ws.connectToServer();
    ws.onMessage((message) => server.send(message));
    server.onMessage((message) => {
      if (!String(message).includes('"event":"scores.changed"')) ws.send(message);
    });
  });
  await tablet.signIn(joinUrl, MEMBER.name, MEMBER.secret);
  await tablet.score('SRB71-001', 'urgency', 3);
  await expect(tablet.sheetProgress()).toHaveText('ให้คะแนนแล้ว 1 จาก 8');

  // On the phone, the member declares a conflict on SRB71-002; the tablet still shows that project's buttons.
  await phone.declareConflict('SRB71-002', 'คู่สมรสเป็นผู้รับจ้าง');
  await expect(tablet.scoreButtons('SRB71-002')).toHaveCount(4 * 5);

  await tablet.page.getByTestId('score-SRB71-002-urgency-4').click();
  await expect(tablet.page.getByTestId('snackbar-error')).toContainText('แจ้งส่วนได้เสียกับโครงการ SRB71-002 ไว้แล้ว');
  await expect(tablet.conflictNote('SRB71-002')).toContainText('คู่สมรสเป็นผู้รับจ้าง');
  await expect(tablet.scoreButtons('SRB71-002')).toHaveCount(0);
  await expect(tablet.sheetProgress()).toHaveText('ให้คะแนนแล้ว 1 จาก 4');
  await expect(panel.progress(MEMBER.name)).toHaveText('1/4');
  await snap(tablet.page, testInfo, 'tablet-refused-score');
});

test('a score the host turns away (too many calls) goes back to the stored score and is not counted', async ({
  page,
  app,
  browser,
}) => {
  const { panel, joinUrl } = await WorkshopPanel.withMember(page, app.url, MEMBER);

  const tablet = await WorkshopDevice.inRoom(browser, 800, 1280);
  // The host's answer to the tablet's next scores.set is its fair queue's refusal (the call is not run).
  let refuseScores = false;
  await tablet.page.routeWebSocket(/\/api\/ws$/u, (ws) => {
    const server = ws.connectToServer();
    ws.onMessage((message) => {
      const request = JSON.parse(String(message)) as { id: number; method: string };
      if (refuseScores && request.method === 'scores.set') {
        const error = {
          code: 'RATE_LIMITED',
          message: 'too many calls from this connection (more than 500 calls a second); wait a moment and try again',
          messageTh: 'การเชื่อมต่อนี้ส่งคำสั่งมากเกินไป (เกิน 500 คำสั่งต่อวินาที) กรุณารอสักครู่แล้วลองใหม่',
        };
        ws.send(JSON.stringify({ id: request.id, result: { ok: false, error } }));
        return;
      }
      server.send(message);
    });
    server.onMessage((message) => ws.send(message));
  });
  await tablet.signIn(joinUrl, MEMBER.name, MEMBER.secret);
  await tablet.score('SRB71-001', 'urgency', 3);
  await expect(tablet.sheetProgress()).toHaveText('ให้คะแนนแล้ว 1 จาก 8');

  refuseScores = true;
  await tablet.page.getByTestId('score-SRB71-001-urgency-5').click();
  await tablet.page.getByTestId('score-SRB71-002-urgency-2').click();
  await expect(tablet.page.getByTestId('snackbar-error').first()).toContainText('ส่งคำสั่งมากเกินไป');
  // The stored 3 stays selected, the refused 5 and 2 are not, and only the stored score counts.
  await expect(tablet.page.getByTestId('score-SRB71-001-urgency-3')).toHaveAttribute('aria-pressed', 'true');
  await expect(tablet.page.getByTestId('score-SRB71-001-urgency-5')).toHaveAttribute('aria-pressed', 'false');
  await expect(tablet.page.getByTestId('score-SRB71-002-urgency-2')).toHaveAttribute('aria-pressed', 'false');
  await expect(tablet.page.getByTestId('sheet-project-SRB71-002')).not.toContainText('บันทึกแล้ว');
  await expect(tablet.sheetProgress()).toHaveText('ให้คะแนนแล้ว 1 จาก 8');
  await expect(panel.progress(MEMBER.name)).toHaveText('1/8');

  // Once the host answers again, the next tap saves as usual.
  refuseScores = false;
  await tablet.score('SRB71-001', 'urgency', 5);
  await expect(panel.progress(MEMBER.name)).toHaveText('1/8');
  await expect(tablet.page.getByTestId('score-SRB71-001-urgency-5')).toHaveAttribute('aria-pressed', 'true');
});

test('the member’s tablet follows what the phone scores and declares, and the tablet’s next change is saved', async ({
  page,
  app,
  browser,
}) => {
  const { panel, joinUrl } = await WorkshopPanel.withMember(page, app.url, MEMBER);

  const phone = await WorkshopDevice.inRoom(browser, 412, 915);
  await phone.signIn(joinUrl, MEMBER.name, MEMBER.secret);
  const tablet = await WorkshopDevice.inRoom(browser, 800, 1280);
  await tablet.signIn(joinUrl, MEMBER.name, MEMBER.secret);

  await phone.score('SRB71-001', 'urgency', 4);
  await expect(tablet.page.getByTestId('score-SRB71-001-urgency-4')).toHaveAttribute('aria-pressed', 'true');
  await expect(tablet.sheetProgress()).toHaveText('ให้คะแนนแล้ว 1 จาก 8');
  await phone.declareConflict('SRB71-002', 'คู่สมรสเป็นผู้รับจ้าง');
  await expect(tablet.conflictNote('SRB71-002')).toContainText('คู่สมรสเป็นผู้รับจ้าง');
  await expect(tablet.sheetProgress()).toHaveText('ให้คะแนนแล้ว 1 จาก 4');

  // The tablet changes the phone's score: it names the version the phone's write made, so it is saved.
  await tablet.score('SRB71-001', 'urgency', 2);
  await expect(tablet.page.getByTestId('score-SRB71-001-urgency-2')).toHaveAttribute('aria-pressed', 'true');
  await expect(phone.page.getByTestId('score-SRB71-001-urgency-2')).toHaveAttribute('aria-pressed', 'true');
  await expect(tablet.page.getByTestId('snackbar-error')).toHaveCount(0);
  // Quick taps on one device are not undone by the changes they cause coming back.
  for (const v of [1, 5, 3]) await phone.page.getByTestId(`score-SRB71-001-readiness-${v}`).click();
  await expect(tablet.page.getByTestId('score-SRB71-001-readiness-3')).toHaveAttribute('aria-pressed', 'true');
  await expect(phone.page.getByTestId('score-SRB71-001-readiness-3')).toHaveAttribute('aria-pressed', 'true');
  await expect(phone.sheetProgress()).toHaveText('ให้คะแนนแล้ว 2 จาก 4');
  await expect(panel.progress(MEMBER.name)).toHaveText('2/4');
  await expect(phone.page.getByTestId('snackbar-error')).toHaveCount(0);
});
