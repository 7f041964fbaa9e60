/**
 * A round prepared on the secretariat's laptop is copied over the projector laptop's chipao.sqlite: the app says it
 * is another database than the one last opened there (naming both), in a warning, not the red "changed outside the
 * app" banner; the secretariat accepts it from the banner, the acceptance is the trail's newest event, and after a
 * reload no banner is left.
 */
import Database from 'better-sqlite3';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, snap, test, writeSample } from './fixtures';
import { AppShell } from './pages/app-shell';
import { AuditPage } from './pages/audit-page';

const place = mkdtempSync(join(tmpdir(), 'chipao-e2e-place-'));
const prepared = mkdtempSync(join(tmpdir(), 'chipao-e2e-prepared-'));
test.use({ hostArgs: ['--data-dir', place] });

function sample(db: string): void {
  writeSample(db, 300, 10);
}

function identity(db: string): string {
  const d = new Database(db, { readonly: true });
  try {
    return d.prepare('SELECT id FROM database_identity').pluck().get() as string;
  } finally {
    d.close();
  }
}

let projectorId = '';
let preparedId = '';

test.beforeAll(() => {
  test.setTimeout(300_000);
  // The projector laptop's own database, anchored in its place; the secretariat's round, copied over it.
  sample(join(place, 'chipao.sqlite'));
  sample(join(prepared, 'prov.sqlite'));
  projectorId = identity(join(place, 'chipao.sqlite'));
  preparedId = identity(join(prepared, 'prov.sqlite'));
  copyFileSync(join(prepared, 'prov.sqlite'), join(place, 'chipao.sqlite'));
});
test.afterAll(() => {
  rmSync(place, { recursive: true, force: true });
  rmSync(prepared, { recursive: true, force: true });
});

test('a database copied over the one in this place is said as another database and accepted from the banner', async ({
  page,
  app,
}, testInfo) => {
  test.setTimeout(180_000);
  const shell = new AppShell(page);
  const audit = new AuditPage(page);

  await shell.open(`${app.url}/#/projects`);
  await expect(audit.banner()).toBeVisible();
  await expect(audit.banner()).toHaveAttribute('data-code', 'other_database');
  // Not the tampering banner: both databases named.
  await expect(audit.banner()).toContainText('ไม่ใช่ฐานข้อมูลที่เปิดใช้ที่ตำแหน่งนี้ครั้งล่าสุด');
  await expect(audit.banner()).not.toContainText('ถูกแก้ไขนอกโปรแกรม');
  await expect(audit.banner()).toContainText(projectorId.slice(0, 8));
  await expect(audit.banner()).toContainText(preparedId.slice(0, 8));
  await snap(page, testInfo, '01-other-database');

  await audit.open();
  expect(await audit.intact()).toBe(false);
  expect(await audit.problemCode()).toBe('other_database');

  const dialog = await audit.askToAcceptDatabase();
  await expect(dialog).toContainText(preparedId.slice(0, 8));
  await snap(page, testInfo, '02-accept-dialog');
  await audit.acceptDatabase();
  await audit.expectAccepted('audit.database_accepted', async () => {
    await expect(page.getByTestId('audit-status')).toContainText('สมบูรณ์');
    await snap(page, testInfo, '03-accepted');
  });
});
