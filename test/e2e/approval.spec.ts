/**
 * Approving a plan as the committee's secretariat does: approve the draft under a resolution with the members present,
 * see it locked with the resolution, the manifest and the audit chain printed; try to change it (the screen no longer
 * offers it, and a second owner window asking the host is refused with the reason); reproduce it; export its workbook,
 * report, open data and one agency's evidence pack; check the trail on the audit screen; then change the approval's event in the database file and see verification name it.
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, snap, test } from './fixtures';
import { ExportsPage } from './pages/exports-page';
import { AppShell } from './pages/app-shell';
import { AuditPage } from './pages/audit-page';

type EventRow = { id: number; kind: string; payload_json: string; hash: string };

function readDb<T>(dataDir: string, read: (db: Database.Database) => T): T {
  const db = new Database(join(dataDir, 'chipao.sqlite'), { readonly: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

test('approve a plan under a resolution; it is locked, reproduces, and its trail is checked', async ({ page, app }, testInfo) => {
  test.setTimeout(420_000);
  const shell = new AppShell(page);
  // The export helper's page model extends the approval page with the official documents panel.
  const approval = new ExportsPage(page);
  const audit = new AuditPage(page);

  await shell.open(`${app.url}/#/allocation`);
  await approval.open();
  const name = await approval.scenarioName();
  const fundedBefore = await approval.funded();
  await expect(page.getByTestId('approval-draft')).toBeVisible();

  // The chair approves under resolution 3/2570 of 15 November 2569; member 7 was absent.
  await approval.fillApproval({ resolutionNo: 'ครั้งที่ 3/2570', date: '15/11/2569', absent: [7] });
  // A meeting after today has not taken place (a slip of the year): said under the field, and nothing to confirm.
  const nextYear = new Date(Date.now() + 366 * 86_400_000);
  await page.getByTestId('approve-date').fill(`15/11/${nextYear.getUTCFullYear() + 543}`);
  await expect(page.getByTestId('approve-date-help')).toHaveText('วันประชุมนี้ยังไม่ถึง วันที่ของมติต้องไม่เกินวันนี้');
  await expect(page.getByTestId('approve-confirm')).toBeDisabled();
  await page.getByTestId('approve-date').fill('15/11/2569');
  await expect(page.getByTestId('approve-confirm')).toBeEnabled();
  await expect(page.getByTestId('approve-members-count')).toHaveText('เข้าประชุม 8 จาก 9 คน');
  await snap(page, testInfo, '00-approve-dialog');
  await approval.confirmApproval();
  await expect(approval.resolution()).toHaveText('แผนนี้อนุมัติแล้วตามมติที่ประชุม ครั้งที่ 3/2570 วันที่ 15 พฤศจิกายน 2569');
  await expect(approval.locked()).toContainText('นายสมชาย ใจดี (สมมุติ)');
  await expect(approval.locked()).not.toContainText('นายบุญมี ชาวนา');
  const recorded = readDb(app.dataDir, (db) => ({
    approval: db.prepare('SELECT id, scenario_id, manifest_sha256, members_present_json FROM approval').get() as {
      id: number;
      scenario_id: number;
      manifest_sha256: string;
      members_present_json: string;
    },
    events: db.prepare('SELECT id, kind, payload_json, hash FROM audit_event ORDER BY id').all() as EventRow[],
  }));
  const approvedEvent = recorded.events.at(-1)!;
  expect(approvedEvent.kind).toBe('plan.approved');
  // The chain printed on the approval is the chain with the approval's own event at its head.
  expect(await approval.chainShown()).toBe(`${recorded.events.length} รายการ · ${approvedEvent.hash}`);
  expect(await approval.manifestShown()).toBe(recorded.approval.manifest_sha256);
  expect((JSON.parse(recorded.approval.members_present_json) as { memberId: number }[]).map((m) => m.memberId)).toEqual([
    1, 2, 3, 4, 5, 6, 8, 9,
  ]);
  // The plan shown is the approved one.
  expect(await approval.funded()).toBe(fundedBefore);
  await snap(page, testInfo, '01-approved-locked');

  // Trying to change it: the screen offers no edit, and says why.
  await expect(approval.reason()).toHaveText('แผนที่อนุมัติแล้วแก้ไขหรือลบไม่ได้ หากต้องการเปลี่ยน ให้แตกสถานการณ์ใหม่จากแผนนี้แล้วเสนออนุมัติแทน');
  await expect(page.getByTestId('scenario-ceiling-input')).toBeDisabled();
  for (const rule of ['greedy', 'optimum', 'mes']) await expect(page.getByTestId(`rule-${rule}`)).toBeDisabled();
  await expect(page.getByTestId('scenario-rename')).toBeDisabled();
  await expect(page.getByTestId('scenario-delete')).toBeDisabled();
  await expect(page.getByTestId('scenario-branch')).toBeEnabled();
  const firstCode = await approval.firstRowCode();
  await expect(page.getByTestId(`lock-${firstCode}`)).toBeDisabled();
  // A second owner window that still offers the edit is refused by the host, with the resolution named.
  const refused = await approval.callAsOwner('scenarios.update', {
    scenarioId: recorded.approval.scenario_id,
    params: { ceiling: 100_000_00 },
  });
  expect(refused.ok).toBe(false);
  if (!refused.ok) {
    expect(refused.error.code).toBe('INVALID_STATE');
    expect(refused.error.messageTh).toContain('ได้รับอนุมัติแล้ว (มติที่ประชุม ครั้งที่ 3/2570 วันที่ 15 พฤศจิกายน 2569)');
  }
  const deleted = await approval.callAsOwner('scenarios.delete', { scenarioId: recorded.approval.scenario_id });
  expect(deleted.ok).toBe(false);
  expect(await approval.scenarioName()).toBe(name);
  expect(await approval.funded()).toBe(fundedBefore);

  // Reproduce: the frozen inputs match their hashes and the re-run equals the plan bit for bit.
  const reproduced = await approval.reproduce();
  await expect(reproduced).toHaveAttribute('data-ok', 'true');
  await expect(reproduced).toContainText('ตรวจซ้ำผ่าน');
  await snap(page, testInfo, '02-reproduced');

  // The approved plan's documents: workbook, PDF report, open data and one agency's evidence pack, each recorded in
  // the trail with its file's SHA-256 and the approval (their contents are read back in exports.spec.ts).
  const agency = await (async () => {
    await page.getByTestId('exports-agency').click();
    const first = (await page.getByRole('option').first().textContent()) ?? '';
    await page.keyboard.press('Escape');
    return first.replace(/ \(\d+ โครงการ\)$/u, '');
  })();
  const downloads = [
    await approval.export('xlsx'),
    await approval.export('pdf'),
    await approval.export('opendata'),
    await approval.exportEvidence(agency),
  ];
  const digests = await Promise.all(
    downloads.map(async (d) =>
      createHash('sha256')
        .update(readFileSync(await d.path()))
        .digest('hex'),
    ),
  );
  const exported = readDb(app.dataDir, (db) =>
    (
      db
        .prepare(`SELECT payload_json FROM audit_event WHERE kind IN ('plan.exported', 'evidence.exported') ORDER BY id`)
        .all() as { payload_json: string }[]
    ).map((r) => JSON.parse(r.payload_json) as { sha256: string; approvalId: number | null }),
  );
  expect(exported.map((e) => e.sha256)).toEqual(digests);
  expect(exported.map((e) => e.approvalId)).toEqual(digests.map(() => recorded.approval.id));

  // The trail on the audit screen: intact, the approval and the reproduction recorded, as long as the database says.
  await audit.open();
  await audit.verifyAgain();
  expect(await audit.intact()).toBe(true);
  const events = readDb(
    app.dataDir,
    (db) => db.prepare('SELECT id, kind, payload_json, hash FROM audit_event ORDER BY id').all() as EventRow[],
  );
  expect(events.map((e) => e.kind)).toEqual(
    expect.arrayContaining(['plan.approved', 'plan.reproduced', 'plan.exported', 'evidence.exported']),
  );
  expect(await audit.length()).toBe(events.length);
  expect(await audit.head()).toBe(events.at(-1)!.hash);
  await audit.filterKind('plan.approved');
  await expect.poll(() => audit.total()).toBe(1);
  await expect(audit.grid.cell(String(approvedEvent.id), 'kind')).toHaveText('อนุมัติแผน');
  await snap(page, testInfo, '03-audit-approved');

  // Someone changes the resolution in the approval's event, in the database file behind the app's back.
  const db = new Database(join(app.dataDir, 'chipao.sqlite'), { timeout: 10_000 });
  db.exec('DROP TRIGGER IF EXISTS audit_event_no_update;');
  const changed = db
    .prepare('UPDATE audit_event SET payload_json = ? WHERE id = ?')
    .run(approvedEvent.payload_json.replace('ครั้งที่ 3/2570', 'ครั้งที่ 4/2570'), approvedEvent.id);
  db.close();
  expect(changed.changes).toBe(1);

  await audit.verifyAgain();
  expect(await audit.intact()).toBe(false);
  await expect(audit.problem()).toHaveAttribute('data-event-id', String(approvedEvent.id));
  await expect(audit.problem()).toContainText(`รายการบันทึกการตรวจสอบที่ ${approvedEvent.id} (plan.approved`);
  await expect(audit.banner()).toBeVisible();
  await snap(page, testInfo, '04-audit-broken');
});
