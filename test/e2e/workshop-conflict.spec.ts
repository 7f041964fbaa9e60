/**
 * A member declares a conflict of interest on their own phone (412 px, Thai and English): the project's card says
 * so, its score buttons go, its cells are no longer due on the phone nor on the facilitator's panel, and
 * withdrawing brings the buttons back.
 */
import { expect, snap, test } from './fixtures';
import { WorkshopDevice } from './pages/workshop-device';
import { WorkshopPanel } from './pages/workshop-panel';

const MEMBER = { name: 'นางสาวมาลี ทดสอบ', secret: 'malee-2569', projects: ['SRB71-001', 'SRB71-002'] } as const;

test('a member declares a conflict of interest on their phone and the project leaves their sheet’s count', async ({
  page,
  app,
  browser,
}, testInfo) => {
  const { panel, joinUrl } = await WorkshopPanel.withMember(page, app.url, MEMBER);

  const device = await WorkshopDevice.inRoom(browser, 412, 915);
  const phone = device.page;
  await device.signIn(joinUrl, MEMBER.name, MEMBER.secret);
  await expect(device.sheetProgress()).toHaveText('ให้คะแนนแล้ว 0 จาก 8');

  await device.declareConflict('SRB71-002', 'คู่สมรสเป็นผู้รับจ้าง');
  await expect(device.conflictNote('SRB71-002')).toContainText('ท่านแจ้งส่วนได้เสียกับโครงการนี้ (คู่สมรสเป็นผู้รับจ้าง)');
  await expect(device.scoreButtons('SRB71-002')).toHaveCount(0);
  await expect(device.sheetProgress()).toHaveText('ให้คะแนนแล้ว 0 จาก 4');
  await expect(panel.progress(MEMBER.name)).toHaveText('0/4');
  await device.score('SRB71-001', 'urgency', 4);
  await expect(device.sheetProgress()).toHaveText('ให้คะแนนแล้ว 1 จาก 4');
  await expect(panel.progress(MEMBER.name)).toHaveText('1/4');
  expect(await device.overflowsWidth()).toBe(false);
  await snap(phone, testInfo, 'sheet-conflict-th');

  await device.switchLanguage('en');
  await expect(device.conflictNote('SRB71-002')).toContainText('You declared a conflict of interest on this project');
  await expect(device.sheetProgress()).toHaveText('1 of 4 scored');
  expect(await device.overflowsWidth()).toBe(false);
  await snap(phone, testInfo, 'sheet-conflict-en');

  await device.withdrawConflict('SRB71-002');
  await expect(device.scoreButtons('SRB71-002')).toHaveCount(4 * 5);
  await expect(device.sheetProgress()).toHaveText('1 of 8 scored');
  await expect(panel.progress(MEMBER.name)).toHaveText('1/8');
  await device.page.context().close();
});
