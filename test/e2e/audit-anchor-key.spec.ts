/**
 * The projector laptop's database and its audit anchor were copied from the secretariat's laptop without the anchor's
 * key file: the app says the anchor cannot be checked because its key file is missing (naming it), that the trail
 * itself is intact, in a warning, not the red "changed outside the app" banner; the secretariat accepts a new key from
 * the banner, the acceptance is the trail's newest event, and after a reload no banner is left. The same when the
 * projector laptop already has a key file of its own: the copied anchor was made under another key, which is said as
 * such in the same warning, not as tampering.
 */
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, snap, test, writeSample } from './fixtures';
import { AppShell } from './pages/app-shell';
import { AuditPage } from './pages/audit-page';

const place = mkdtempSync(join(tmpdir(), 'chipao-e2e-anchor-key-'));
const db = join(place, 'chipao.sqlite');
const projector = mkdtempSync(join(tmpdir(), 'chipao-e2e-anchor-projector-'));
const prepared = mkdtempSync(join(tmpdir(), 'chipao-e2e-anchor-prepared-'));
const projectorDb = join(projector, 'chipao.sqlite');
test.use({ hostArgs: ['--data-dir', place] });

function sample(db: string): void {
  writeSample(db, 300, 10);
}

test.beforeAll(() => {
  test.setTimeout(300_000);
  sample(db);
  // The database and its anchor arrive without the key file.
  unlinkSync(`${db}.audit-key`);
  // The projector laptop's own database, anchor and key; the secretariat's database and anchor copied over them.
  sample(projectorDb);
  sample(join(prepared, 'chipao.sqlite'));
  copyFileSync(join(prepared, 'chipao.sqlite'), projectorDb);
  copyFileSync(join(prepared, 'chipao.sqlite.audit-anchor.json'), `${projectorDb}.audit-anchor.json`);
});
test.afterAll(() => {
  for (const dir of [place, projector, prepared]) rmSync(dir, { recursive: true, force: true });
});

test('an anchor whose key file is missing is said as such and a new key is accepted from the banner', async ({
  page,
  app,
}, testInfo) => {
  test.setTimeout(180_000);
  const shell = new AppShell(page);
  const audit = new AuditPage(page);
  const anchorBefore = readFileSync(`${db}.audit-anchor.json`, 'utf8');

  await shell.open(`${app.url}/#/projects`);
  await expect(audit.banner()).toBeVisible();
  await expect(audit.banner()).toHaveAttribute('data-code', 'anchor_unverifiable');
  await expect(audit.banner()).toContainText('ไม่พบไฟล์กุญแจ chipao.sqlite.audit-key');
  await expect(audit.banner()).toContainText('ไม่มีร่องรอยการแก้ไข');
  await expect(audit.banner()).not.toContainText('ถูกแก้ไขนอกโปรแกรม');
  await snap(page, testInfo, '01-anchor-without-key');
  await shell.switchLanguage('en');
  await expect(audit.banner()).toContainText('its key file chipao.sqlite.audit-key is missing');
  await expect(audit.banner()).toContainText('Use a new key');
  await snap(page, testInfo, '02-anchor-without-key-en');
  await shell.switchLanguage('th');
  // Nothing was written meanwhile: no key made, the anchor as it came.
  expect(existsSync(`${db}.audit-key`)).toBe(false);
  expect(readFileSync(`${db}.audit-anchor.json`, 'utf8')).toBe(anchorBefore);

  await audit.open();
  expect(await audit.intact()).toBe(false);
  expect(await audit.problemCode()).toBe('anchor_unverifiable');

  const dialog = await audit.askToUseNewKey();
  await expect(dialog).toContainText('สร้างกุญแจใหม่');
  await snap(page, testInfo, '03-use-new-key-dialog');
  await audit.useNewKey();
  await expect(audit.banner()).toHaveCount(0);
  expect(existsSync(`${db}.audit-key`)).toBe(true);
  await audit.expectAccepted('audit.anchor_rekeyed', () => snap(page, testInfo, '04-new-key-accepted'));
});

test.describe('copied over a place that has a key file of its own', () => {
  test.use({ hostArgs: ['--data-dir', projector] });

  test('an anchor made under another key is said as such, not as tampering, and a new key is accepted', async ({
    page,
    app,
  }, testInfo) => {
    test.setTimeout(180_000);
    const shell = new AppShell(page);
    const audit = new AuditPage(page);
    const keyBefore = readFileSync(`${projectorDb}.audit-key`, 'utf8');
    const anchorBefore = readFileSync(`${projectorDb}.audit-anchor.json`, 'utf8');

    await shell.open(`${app.url}/#/projects`);
    await expect(audit.banner()).toHaveAttribute('data-code', 'anchor_unverifiable');
    await expect(audit.banner()).toContainText('สร้างด้วยกุญแจอื่น ไม่ใช่กุญแจในไฟล์กุญแจ chipao.sqlite.audit-key');
    await expect(audit.banner()).toContainText('หรือไม่ใช่กุญแจที่ใช้สร้างหลักฐาน');
    await expect(audit.banner()).toContainText('ไม่มีร่องรอยการแก้ไข');
    await expect(audit.banner()).not.toContainText('ถูกแก้ไขนอกโปรแกรม');
    await snap(page, testInfo, '01-anchor-under-another-key');
    await shell.switchLanguage('en');
    await expect(audit.banner()).toContainText(
      'it was made under another key than the one in its key file chipao.sqlite.audit-key',
    );
    await expect(audit.banner()).toContainText('Use a new key');
    await snap(page, testInfo, '02-anchor-under-another-key-en');
    await shell.switchLanguage('th');
    // Nothing was written meanwhile: the projector's key and the copied anchor as they were.
    expect(readFileSync(`${projectorDb}.audit-key`, 'utf8')).toBe(keyBefore);
    expect(readFileSync(`${projectorDb}.audit-anchor.json`, 'utf8')).toBe(anchorBefore);

    await audit.open();
    expect(await audit.problemCode()).toBe('anchor_unverifiable');
    const dialog = await audit.askToUseNewKey();
    await expect(dialog).toContainText('แทนที่ไฟล์กุญแจที่มีอยู่ที่นี่');
    await audit.useNewKey();
    await expect(audit.banner()).toHaveCount(0);
    expect(readFileSync(`${projectorDb}.audit-key`, 'utf8')).not.toBe(keyBefore);
    await audit.expectAccepted('audit.anchor_rekeyed', () => snap(page, testInfo, '03-new-key-accepted'));
  });
});
