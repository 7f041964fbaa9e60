/**
 * The secretariat takes back a score a member entered on their phone (the scoring grid's cell emptied): the member,
 * reloading their sheet, scores that cell again and it is saved, not refused as changed elsewhere.
 */
import { expect, test } from './fixtures';
import { ScoringPage } from './pages/scoring-page';
import { WorkshopDevice } from './pages/workshop-device';
import { WorkshopPanel } from './pages/workshop-panel';

const MEMBER = { name: 'นางสาวมาลี ทดสอบ', secret: 'malee-2569', projects: ['SRB71-001', 'SRB71-002'] } as const;

test('a member scores again a cell whose score the secretariat took back', async ({ page, app, browser }) => {
  const { panel, joinUrl } = await WorkshopPanel.withMember(page, app.url, MEMBER);

  const phone = await WorkshopDevice.inRoom(browser, 412, 915);
  await phone.signIn(joinUrl, MEMBER.name, MEMBER.secret);
  await phone.score('SRB71-001', 'urgency', 3);
  await expect(panel.progress(MEMBER.name)).toHaveText('1/8');

  // The secretariat empties the member's cell in the scoring grid: the score is taken back.
  const scoring = new ScoringPage(page);
  await scoring.open();
  await scoring.pickMember(MEMBER.name);
  expect(await scoring.score('SRB71-001', 'urgency')).toBe('3');
  await scoring.typeText('SRB71-001', 'urgency', '');
  await scoring.waitSaved('SRB71-001', 'urgency');
  await expect.poll(() => scoring.score('SRB71-001', 'urgency')).toBe('');

  // The member reloads the sheet and scores the cell again: saved, nothing refused.
  await phone.page.reload();
  await phone.page.getByTestId('member-sheet').waitFor();
  await expect(phone.sheetProgress()).toHaveText('ให้คะแนนแล้ว 0 จาก 8');
  await phone.page.getByTestId('score-SRB71-001-urgency-4').click();
  // The host holds it (the secretariat's grid shows it), the phone counts it, and nothing was refused.
  await expect.poll(() => scoring.score('SRB71-001', 'urgency')).toBe('4');
  await expect(phone.page.getByTestId('score-SRB71-001-urgency-4')).toHaveAttribute('aria-pressed', 'true');
  await expect(phone.sheetProgress()).toHaveText('ให้คะแนนแล้ว 1 จาก 8');
  await expect(phone.page.getByTestId('snackbar-error')).toHaveCount(0);
  await phone.page.context().close();
});
