/**
 * A secretariat prepares a real round from an empty database (no sample): creates the round, enters two development
 * issues, three committee members and four criteria weighted by a pairwise comparison, and sees the round's steps
 * with what to do next.
 */
import type { Locator, TestInfo } from '@playwright/test';
import { expect, snap, test } from './fixtures';
import { RoundPage } from './pages/round-page';

test.use({ hostArgs: ['--no-seed'] });

/** A part of the page that sits below the fold of the scrolling main area. */
async function snapPart(part: Locator, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`);
  await part.scrollIntoViewIfNeeded();
  await part.screenshot({ path });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

test('empty database → round → development issues → committee → AHP criteria → the steps', async ({ page, app }, testInfo) => {
  const round = new RoundPage(page);
  await page.goto(`${app.url}/#/round`);
  await page.getByTestId('screen-round').waitFor();
  await expect(round.shell.syntheticChip()).toHaveCount(0);
  await expect(page.getByTestId('round-empty')).toBeVisible();
  await expect(round.shell.roundName()).toHaveText('ยังไม่มีรอบการพิจารณา');
  await snap(page, testInfo, '01-empty');

  // 1. The round.
  await round.createRound(2571, 'แผนพัฒนาจังหวัดสระบุรี 2571 (ร่าง)', '250,000,000');
  await round.rename('แผนพัฒนาจังหวัดสระบุรี ประจำปีงบประมาณ 2571');
  await expect(round.status()).toHaveText('เตรียมการ');
  await expect(page.getByTestId('round-fy')).toHaveText('ปีงบประมาณ 2571');
  await expect(page.getByTestId('round-ceiling')).toHaveText('250,000,000.00 บาท');
  await expect(round.shell.roundName()).toContainText('ปีงบประมาณ 2571');
  await expect(round.next()).toContainText('ซิงค์ความต้องการ');
  expect(await round.stepStates()).toEqual({
    needs: 'todo',
    proposals: 'todo',
    linked: 'todo',
    scored: 'todo',
    scenarios: 'todo',
    approved: 'todo',
    exported: 'todo',
  });
  await snap(page, testInfo, '02-round-created');

  // 2. Two development issues.
  const saved = await round.addIssues([
    { title: 'ยกระดับเศรษฐกิจมูลค่าสูงด้วยอุตสาหกรรม เกษตร และการท่องเที่ยว', masterPlans: '3, 5' },
    { title: 'พัฒนาคุณภาพชีวิตและสังคมให้เข้มแข็ง' },
  ]);
  expect(saved).toContain('บันทึกประเด็นการพัฒนา 2 ประเด็นแล้ว');
  expect(await round.cellText('issues-grid', 0, 'no')).toBe('1');
  expect(await round.cellText('issues-grid', 1, 'no')).toBe('2');
  await snap(page, testInfo, '03-issues');
  await round.shell.dismissSnackbar();

  // 3. Three committee members.
  await round.addMember('นายสมศักดิ์ ตัวอย่าง', 'ผู้ว่าราชการจังหวัดสระบุรี', 'ศาลากลางจังหวัดสระบุรี', 'chair');
  await round.addMember('นางสาวมาลี ทดสอบ', 'คลังจังหวัด', 'สำนักงานคลังจังหวัดสระบุรี', 'member');
  await round.addMember('นายปรีชา วางแผน', 'หัวหน้าสำนักงานจังหวัด', 'สำนักงานจังหวัดสระบุรี', 'secretariat');
  await expect(page.getByTestId('members-grid').locator('.ag-row[row-id]')).toHaveCount(3);
  await expect(page.getByTestId('members-grid').locator('.ag-cell[col-id="role"]')).toHaveText([
    'ประธาน',
    'กรรมการ',
    'ฝ่ายเลขานุการ',
  ]);
  await snap(page, testInfo, '04-members');
  await round.shell.dismissSnackbar();

  // 4. Four criteria weighted by AHP: first an inconsistent comparison (warned), then a consistent one.
  await round.setCriteriaWithAhp(
    ['ความจำเป็นเร่งด่วน', 'ความพร้อมของโครงการ', 'ความสอดคล้องกับประเด็นการพัฒนา', 'ความคุ้มค่า'],
    ['9', '1/9', '9', '9', '1/9', '9'],
  );
  await expect(page.getByTestId('ahp-warning')).toBeVisible();
  await snapPart(page.getByTestId('ahp-panel'), testInfo, '05-ahp-inconsistent');
  await round.setCriteriaWithAhp([], ['3', '5', '7', '3', '5', '3']);
  await expect(page.getByTestId('ahp-ok')).toBeVisible();
  const cr = Number(await round.consistency().getAttribute('data-cr'));
  expect(cr).toBeGreaterThan(0);
  expect(cr).toBeLessThan(0.1);
  await round.saveCriteria();
  await expect(page.getByTestId('ahp-saved-cr')).toBeVisible();
  const weights = (await round.weights()).map((w) => Number(w.replace('%', '')));
  expect(weights).toHaveLength(4);
  expect(weights.reduce((s, w) => s + w, 0)).toBeCloseTo(100, 6);
  expect(weights[0]).toBeGreaterThan(weights[1]!);
  expect(weights[1]).toBeGreaterThan(weights[2]!);
  expect(weights[2]).toBeGreaterThan(weights[3]!);
  await snap(page, testInfo, '06-criteria-ahp');
  await snapPart(page.getByTestId('ahp-panel'), testInfo, '06-ahp-consistent');

  // 5. The round's home page: setup complete, steps in order, the next step named.
  await round.tab('steps');
  await expect(page.getByTestId('setup-issues')).toHaveText('ประเด็นการพัฒนา 2 ประเด็น');
  await expect(page.getByTestId('setup-members')).toHaveText('กรรมการ 3 คน');
  await expect(page.getByTestId('setup-criteria')).toHaveText('เกณฑ์ 4 ข้อ');
  await expect(page.getByTestId('setup-weights')).toHaveText('ผลรวมน้ำหนัก 1.0000');
  await expect(page.getByTestId('round-steps')).toHaveAttribute('data-next', 'needs');
  await expect(page.locator('[data-testid^="step-"][data-state] p:first-child')).toHaveText([
    '1. นำเข้าความต้องการของประชาชน',
    '2. รับข้อเสนอโครงการ',
    '3. เชื่อมโยงความต้องการกับโครงการ',
    '4. ให้คะแนนโครงการ',
    '5. จัดทำทางเลือกการจัดสรร',
    '6. อนุมัติแผน',
    '7. ส่งออกแผน',
  ]);

  // The owner opens the session: status moves and the header follows.
  await page.getByTestId('status-to-in_session').click();
  await expect(round.status()).toHaveText('อยู่ระหว่างประชุม');
  await expect(round.shell.roundName()).toContainText('อยู่ระหว่างประชุม');
  await snap(page, testInfo, '07-steps');

  // English switch: the same page in English.
  await round.shell.switchLanguage('en');
  await expect(page.getByTestId('round-tab-steps')).toHaveText('Steps');
  await expect(round.status()).toHaveText('In session');
  await snap(page, testInfo, '08-steps-en');

  // Everything survived a reload (it is in the database, not the page).
  await page.reload();
  await page.getByTestId('screen-round').waitFor();
  await expect(round.title()).toHaveText('แผนพัฒนาจังหวัดสระบุรี ประจำปีงบประมาณ 2571');
});

test('a ceiling changed to text that is not an amount is not created with the amount typed before', async ({
  page,
  app,
}, testInfo) => {
  const round = new RoundPage(page);
  await page.goto(`${app.url}/#/round`);
  await page.getByTestId('screen-round').waitFor();
  await page.getByTestId('round-new').click();
  const dialog = page.getByTestId('new-round-dialog');
  const ceiling = dialog.getByTestId('new-round-ceiling');
  const create = dialog.getByTestId('new-round-create');
  await dialog.getByTestId('new-round-year').fill('2571');
  await dialog.getByTestId('new-round-name').fill('รอบทดสอบวงเงิน');
  await ceiling.fill('1,000,000');
  await ceiling.press('Tab');
  await expect(create).toBeEnabled();

  // The field now shows text that is not an amount: the 1,000,000 typed before must not be what is created.
  await ceiling.fill('12abc');
  await ceiling.press('Tab');
  await expect(dialog.getByText('"12abc" ไม่ใช่จำนวนเงิน (บาท)')).toBeVisible();
  await expect(create).toBeDisabled();
  await dialog.locator('[data-why-disabled]').hover();
  await expect(page.getByRole('tooltip')).toHaveText('วงเงินงบประมาณ: "12abc" ไม่ใช่จำนวนเงิน (บาท)');
  await snap(page, testInfo, 'ceiling-not-an-amount');

  // An amount again: created with what the field shows.
  await ceiling.fill('2,500,000');
  await ceiling.press('Tab');
  await create.click();
  await dialog.waitFor({ state: 'detached' });
  await expect(round.title()).toHaveText('รอบทดสอบวงเงิน');
  await expect(page.getByTestId('round-ceiling')).toHaveText('2,500,000.00 บาท');
});

test('names typed past the contract’s limit stop there: the new round and a new member', async ({ page, app }) => {
  const round = new RoundPage(page);
  await page.goto(`${app.url}/#/round`);
  await page.getByTestId('screen-round').waitFor();
  await page.getByTestId('round-new').click();
  const dialog = page.getByTestId('new-round-dialog');
  await dialog.getByTestId('new-round-name').fill('ก'.repeat(5000));
  expect((await dialog.getByTestId('new-round-name').inputValue()).length).toBe(200);
  await dialog.getByTestId('new-round-ceiling').fill('1,000,000');
  await dialog.getByTestId('new-round-ceiling').press('Tab');
  await dialog.getByTestId('new-round-create').click();
  await dialog.waitFor({ state: 'detached' });
  await expect(round.title()).toHaveText('ก'.repeat(200));

  await round.tab('members');
  for (const id of ['member-name', 'member-title', 'member-agency']) {
    await page.getByTestId(id).fill('M'.repeat(5000));
    expect((await page.getByTestId(id).inputValue()).length).toBe(200);
  }
  await page.getByTestId('member-add').click();
  await expect(page.getByTestId('members-grid').locator('.ag-row[row-id]')).toHaveCount(1);
  await expect(round.shell.errorSnackbar()).toHaveCount(0);
});
