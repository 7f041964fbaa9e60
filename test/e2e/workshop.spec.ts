/**
 * A workshop session in four browser contexts, all on loopback (the session listens on ::1, which the host does not
 * serve until the session opens): the owner (facilitator) opens it and assigns three members their projects; each
 * member signs in on their own device and scores on their touch sheet; one tries another member's sheet and is
 * refused; the facilitator sees each score within a second; results stay hidden until revealed; then a new ceiling
 * reaches every screen's allocation.
 */
import type { Browser, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { AllocationPage } from './pages/allocation-page';
import { RoundPage } from './pages/round-page';
import { WorkshopDevice } from './pages/workshop-device';
import { WorkshopPanel } from './pages/workshop-panel';
import { WorkshopProjector } from './pages/workshop-projector';

/** Three members the secretariat adds to the round for this session (their sheets start empty). */
const MEMBERS = [
  { name: 'นางสาวมาลี ทดสอบ', position: 'คลังจังหวัด', secret: 'malee-2569', projects: ['SRB71-001', 'SRB71-002'] },
  { name: 'นายปรีชา วางแผน', position: 'หัวหน้าสำนักงานจังหวัด', secret: 'preecha-2569', projects: ['SRB71-001', 'SRB71-002'] },
  { name: 'นางสุดา ใจงาม', position: 'พัฒนาการจังหวัด', secret: 'suda-2569', projects: ['SRB71-001', 'SRB71-003'] },
] as const;

async function roomDevice(browser: Browser): Promise<{ page: Page; device: WorkshopDevice }> {
  const context = await browser.newContext({ viewport: { width: 412, height: 915 }, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  const device = new WorkshopDevice(page);
  await device.asRoomDevice();
  return { page, device };
}

test('three members sign in and score on their own devices; the facilitator follows, reveals, and the allocation updates everywhere', async ({
  page,
  app,
  browser,
}) => {
  // 1. The secretariat adds three members to the round, opens a session on ::1 and assigns each their projects.
  await page.goto(`${app.url}/#/round`);
  const round = new RoundPage(page);
  for (const m of MEMBERS) await round.addMember(m.name, m.position, 'สำนักงานจังหวัดสระบุรี', 'member');
  const panel = new WorkshopPanel(page);
  await panel.open(app.url);
  const { pin, joinUrl } = await panel.openSession('::1');
  expect(pin).toMatch(/^\d{6}$/u);
  expect(joinUrl).toMatch(new RegExp(`^http://\\[::1\\]:\\d+/#/join\\?pin=${pin}$`, 'u'));
  await expect(page.getByTestId('workshop-qr')).toBeVisible();
  for (const m of MEMBERS) await panel.addMember(m.name, m.secret, m.projects);
  await page.screenshot({ path: '/tmp/workshop-panel.png', fullPage: true });

  // 2. Three members sign in on their own devices (the join link's PIN is filled in).
  const devices = [];
  for (const m of MEMBERS) {
    const d = await roomDevice(browser);
    await d.device.signIn(joinUrl, m.name, m.secret);
    await expect(d.device.signedInAs()).toContainText(m.name);
    await expect(d.device.sheetProgress()).toHaveText('ให้คะแนนแล้ว 0 จาก 8');
    devices.push(d);
  }
  await devices[0]!.page.screenshot({ path: '/tmp/workshop-sheet.png', fullPage: true });

  // A device's pages have their own ไทย / EN switch, which fits a phone's 412 px: the join page, then a sheet.
  const visitor = await roomDevice(browser);
  await visitor.page.goto(joinUrl);
  await visitor.device.switchLanguage('en');
  await expect(visitor.page.getByTestId('join-submit')).toHaveText('Join');
  expect(await visitor.device.overflowsWidth()).toBe(false);
  await visitor.page.context().close();
  const first = devices[0]!.device;
  await first.switchLanguage('en');
  await expect(first.sheetProgress()).toHaveText('0 of 8 scored');
  await expect(first.signedInAs()).toContainText('Signed in as');
  expect(await first.overflowsWidth()).toBe(false);
  await first.switchLanguage('th');
  await expect(first.sheetProgress()).toHaveText('ให้คะแนนแล้ว 0 จาก 8');

  // 3. Each score reaches the facilitator's panel within a second.
  const values = [4, 2, 5];
  for (const [i, m] of MEMBERS.entries()) {
    const { device } = devices[i]!;
    await device.score(m.projects[0], 'urgency', values[i]!);
    await expect(panel.progress(m.name)).toHaveText('1/8', { timeout: 1000 });
    await device.score(m.projects[1], 'urgency', 3);
    await device.score(m.projects[0], 'value', values[i]!);
    await expect(panel.progress(m.name)).toHaveText('3/8', { timeout: 1000 });
    await expect(device.sheetProgress()).toHaveText('ให้คะแนนแล้ว 3 จาก 8');
  }

  // 4. The third member tries the first member's sheet from their own device: refused, saying why; nothing changed.
  const third = devices[2]!.device;
  const firstMemberId = Number(await devices[0]!.page.getByTestId('member-sheet').getAttribute('data-member-id'));
  const read = await third.callAsThisDevice('scores.forMember', { roundId: 1, memberId: firstMemberId });
  expect(read.ok).toBe(false);
  expect(read.error?.messageTh).toBe('ท่านดูและให้คะแนนได้เฉพาะแบบให้คะแนนของท่านเองเท่านั้น');
  const write = await third.callAsThisDevice('scores.set', {
    roundId: 1,
    memberId: firstMemberId,
    projectId: 1,
    criterionId: 1,
    value: 1,
    expectedVersion: 1,
  });
  expect(write.ok).toBe(false);
  expect(write.error?.code).toBe('FORBIDDEN');
  const ranking = await third.callAsThisDevice('projects.list', { roundId: 1 });
  expect(ranking.error?.messageTh).toBe('ผลการให้คะแนนจะแสดงเมื่อผู้ดำเนินการประชุมเปิดเผยผลแล้ว');
  await expect(panel.progress(MEMBERS[0].name)).toHaveText('3/8');

  // 5. The projector shows progress and hides results until the facilitator reveals them.
  const projectorPage = await page.context().newPage();
  const projector = new WorkshopProjector(projectorPage);
  await projector.open(app.url);
  await expect(projector.resultsHidden()).toBeVisible();
  await expect(projectorPage.getByTestId('projector').locator('[data-scored="3"]')).toHaveCount(3);
  await panel.reveal();
  await expect(projector.funding()).toContainText('จาก 250,000,000.00 บาท');
  for (const { device } of devices) await expect(device.funding()).toContainText('จาก 250,000,000.00 บาท');
  // Presentation mode on a 1280 × 720 projector: the title keeps one line and the ranking's first rows show unscrolled.
  await projectorPage.setViewportSize({ width: 1280, height: 720 });
  await projector.presentationMode();
  await expect(projectorPage.getByRole('heading', { level: 2 })).toHaveCSS('white-space', 'nowrap');
  const firstRow = await projector.root().locator('[data-testid^="result-"]').first().boundingBox();
  expect(firstRow).not.toBeNull();
  expect(firstRow!.y + firstRow!.height).toBeLessThanOrEqual(720);
  await projectorPage.screenshot({ path: '/tmp/workshop-projector.png', fullPage: true });
  await devices[1]!.page.screenshot({ path: '/tmp/workshop-sheet-revealed.png', fullPage: true });

  // 6. A new ceiling: the allocation updates on every screen.
  const allocation = new AllocationPage(page);
  await page.goto(`${app.url}/#/allocation`);
  await page.getByTestId('screen-allocation').waitFor();
  await allocation.setCeiling('150,000,000', 150_000_000_00);
  await expect(projector.funding()).toContainText('จาก 150,000,000.00 บาท');
  for (const { device } of devices) await expect(device.funding()).toContainText('จาก 150,000,000.00 บาท');

  // 7. Closing the session signs every device out and stops listening on ::1: the devices lose their connection.
  await panel.open(app.url);
  await panel.close();
  for (const { page: p } of devices) await expect(p.getByTestId('connection-chip')).toBeVisible();
  await expect(projectorPage.getByText('ยังไม่ได้เปิดการประชุม', { exact: true })).toBeVisible();
  await devices[0]!.page.screenshot({ path: '/tmp/workshop-closed.png', fullPage: true });
});
