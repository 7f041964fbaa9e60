/**
 * A criterion scored 0–100 on a member's phone (412 px, Thai and English): a field to type the score in, not a
 * hundred and one buttons; text that is not a score on the scale is refused under the field, saying why, and not
 * saved; a score on the scale is saved and counted on the phone and on the facilitator's panel.
 */
import { expect, snap, test } from './fixtures';
import { RoundPage } from './pages/round-page';
import { WorkshopDevice } from './pages/workshop-device';
import { WorkshopPanel } from './pages/workshop-panel';

const MEMBER = { name: 'นายปรีชา วางแผน', secret: 'preecha-2569', projects: ['SRB71-001'] } as const;

test('a member types a score on a 0–100 scale on their phone; a bad one is refused there, saying why', async ({
  page,
  app,
  browser,
}, testInfo) => {
  await page.goto(`${app.url}/#/round`);
  const round = new RoundPage(page);
  // The first criterion (urgency) is scored 0–100.
  await round.setCriterionScale(0, 0, 100);
  await round.saveCriteria();
  await round.addMember(MEMBER.name, 'หัวหน้าสำนักงานจังหวัด', 'สำนักงานจังหวัดสระบุรี', 'member');
  const panel = new WorkshopPanel(page);
  await panel.open(app.url);
  const { joinUrl } = await panel.openSession('::1');
  await panel.addMember(MEMBER.name, MEMBER.secret, MEMBER.projects);

  const context = await browser.newContext({ viewport: { width: 412, height: 915 }, hasTouch: true, isMobile: true });
  const phone = await context.newPage();
  const device = new WorkshopDevice(phone);
  await device.asRoomDevice();
  await device.signIn(joinUrl, MEMBER.name, MEMBER.secret);
  await expect(device.sheetProgress()).toHaveText('ให้คะแนนแล้ว 0 จาก 4');
  await expect(device.scoreButtons('SRB71-001')).toHaveCount(3 * 5);
  await expect(device.scoreField('SRB71-001', 'urgency')).toBeVisible();
  await expect(device.scoreFieldHelp('SRB71-001', 'urgency')).toHaveText('กรอกคะแนน 0–100');

  await device.typeScore('SRB71-001', 'urgency', '๘๐');
  await expect(device.scoreFieldHelp('SRB71-001', 'urgency')).toContainText('เป็นเลขไทย');
  await device.typeScore('SRB71-001', 'urgency', '120');
  await expect(device.scoreFieldHelp('SRB71-001', 'urgency')).toHaveText('120 อยู่นอกช่วงคะแนน 0–100');
  await expect(device.sheetProgress()).toHaveText('ให้คะแนนแล้ว 0 จาก 4');
  await expect(panel.progress(MEMBER.name)).toHaveText('0/4');
  expect(await device.overflowsWidth()).toBe(false);
  await snap(phone, testInfo, 'sheet-scale-refused-th');

  await device.typeScore('SRB71-001', 'urgency', '80');
  await expect(device.sheetProgress()).toHaveText('ให้คะแนนแล้ว 1 จาก 4');
  await expect(panel.progress(MEMBER.name)).toHaveText('1/4');
  await expect(device.scoreFieldHelp('SRB71-001', 'urgency')).toHaveText('กรอกคะแนน 0–100');

  await device.switchLanguage('en');
  await device.typeScore('SRB71-001', 'urgency', 'abc');
  await expect(device.scoreFieldHelp('SRB71-001', 'urgency')).toHaveText("'abc' is not a score (a number on the scale)");
  expect(await device.overflowsWidth()).toBe(false);
  await snap(phone, testInfo, 'sheet-scale-refused-en');
  // Reloaded, the phone shows the stored score.
  await phone.reload();
  await expect(device.scoreField('SRB71-001', 'urgency')).toHaveValue('80');
  await context.close();
});
