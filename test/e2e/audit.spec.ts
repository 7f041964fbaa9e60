/**
 * The audit trail as the secretariat checks it: a few recorded changes, the chain shown intact with its length,
 * the trail filtered and exported as CSV (every row read back and compared with the database), then one event
 * edited in the database file behind the app's back: "verify again" names it, and after a reload every screen
 * carries the red banner.
 */
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, snap, test } from './fixtures';
import { AllocationPage } from './pages/allocation-page';
import { AppShell } from './pages/app-shell';
import { AuditPage } from './pages/audit-page';
import { ProjectsPage } from './pages/projects-page';
import { ScoringPage } from './pages/scoring-page';

type EventRow = { id: number; at: string; actor: string; kind: string; payload_json: string; hash: string };

function readEvents(dataDir: string): EventRow[] {
  const db = new Database(join(dataDir, 'chipao.sqlite'), { readonly: true });
  try {
    return db.prepare('SELECT id, at, actor, kind, payload_json, hash FROM audit_event ORDER BY id').all() as EventRow[];
  } finally {
    db.close();
  }
}

/** RFC 4180 fields (quoted fields may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n') {
      row.push(field.replace(/\r$/u, ''));
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

test('the audit trail: intact, filtered, exported; an edited event is named and bannered', async ({ page, app }, testInfo) => {
  // Scoring three cells through the grid and the ceiling take most of it.
  test.setTimeout(240_000);
  const shell = new AppShell(page);
  const projects = new ProjectsPage(page);
  const scoring = new ScoringPage(page);
  const allocation = new AllocationPage(page);
  const audit = new AuditPage(page);

  await shell.open(`${app.url}/#/projects`);
  await expect(audit.banner()).toHaveCount(0);

  // Some recorded changes: three scores by two members on two projects, and a new ceiling.
  await projects.open();
  const first = await projects.codeAtRank(1);
  const second = await projects.codeAtRank(2);
  await scoring.open();
  const [memberA, memberB] = await scoring.memberNames();
  expect(memberB).toBeTruthy();
  // A score typed equal to the stored one changes nothing and records nothing: always type another value.
  const change = async (code: string, criterion: string): Promise<void> => {
    const now = await scoring.score(code, criterion);
    await scoring.setScore(code, criterion, now === '2' ? 3 : 2);
  };
  await scoring.pickMember(memberA!);
  await change(first, 'urgency');
  await change(second, 'urgency');
  await scoring.pickMember(memberB!);
  await change(first, 'readiness');
  await allocation.open();
  await allocation.setCeiling('180,000,000', 180_000_000_00);
  await expect(shell.errorSnackbar()).toHaveCount(0);

  const recorded = readEvents(app.dataDir);
  const scores = recorded.filter((e) => e.kind === 'score.set');
  expect(scores).toHaveLength(3);
  expect(recorded.filter((e) => e.kind === 'round.ceiling_set')).toHaveLength(1);

  // The chain is intact, as long as the database says, and its head is the last event's hash.
  await audit.open();
  // A check moves the anchor to the head it found intact; the next check is made against it.
  await audit.verifyAgain();
  await audit.verifyAgain();
  expect(await audit.intact()).toBe(true);
  await expect(audit.status()).toContainText('สายบันทึกการตรวจสอบสมบูรณ์');
  expect(await audit.length()).toBe(recorded.length);
  expect(await audit.head()).toBe(recorded.at(-1)!.hash);
  expect(await audit.anchorLength()).toBe(recorded.length);
  await expect.poll(() => audit.total()).toBe(recorded.length);
  // Newest first.
  expect(await audit.shownIds()).toEqual(recorded.map((e) => e.id).reverse());
  // The summary names the member and the project, not their ids.
  const firstScore = scores[0]!;
  await expect(audit.grid.cell(String(firstScore.id), 'summary')).toContainText(memberA!);
  await expect(audit.grid.cell(String(firstScore.id), 'summary')).toContainText(first);
  await expect(audit.grid.cell(String(firstScore.id), 'kind')).toHaveText('ให้คะแนน');
  await snap(page, testInfo, '01-audit-intact');

  // Filters: by kind, then also by project, then by member instead.
  await audit.filterKind('score.set');
  await expect.poll(() => audit.total()).toBe(3);
  await expect.poll(() => audit.shownIds()).toEqual(scores.map((e) => e.id).reverse());
  await audit.filterProject(first);
  await expect.poll(() => audit.total()).toBe(2);
  await snap(page, testInfo, '02-audit-filtered');

  // The CSV holds exactly the filtered events, as recorded.
  const download = await audit.exportCsv();
  const csv = readFileSync(await download.path(), 'utf8');
  expect(csv.startsWith('\uFEFF')).toBe(true);
  const [header, ...rows] = parseCsv(csv.slice(1)).filter((r) => r.length > 1);
  expect(header).toEqual(['id', 'at', 'actor', 'kind', 'payload', 'hash']);
  const projectOf = (e: EventRow): number => (JSON.parse(e.payload_json) as { projectId: number }).projectId;
  const expected = scores.filter((e) => projectOf(e) === projectOf(firstScore));
  expect(expected).toHaveLength(2);
  expect(rows).toEqual(expected.reverse().map((e) => [String(e.id), e.at, e.actor, e.kind, e.payload_json, e.hash]));
  // The export is itself recorded.
  const afterExport = readEvents(app.dataDir);
  expect(afterExport.at(-1)!.kind).toBe('audit.exported');

  await audit.filterKind('');
  await audit.clearProject();
  await audit.filterMember(memberB!);
  await expect.poll(() => audit.total()).toBe(1);

  // Someone edits one event in the database file behind the app's back.
  const victim = scores[1]!;
  const db = new Database(join(app.dataDir, 'chipao.sqlite'), { timeout: 10_000 });
  db.exec('DROP TRIGGER IF EXISTS audit_event_no_update;');
  const changed = db.prepare('UPDATE audit_event SET payload_json = ? WHERE id = ?').run(
    victim.payload_json.replace(/"value":(\d+)/u, (_m, v: string) => `"value":${Number(v) + 1}`),
    victim.id,
  );
  db.close();
  expect(changed.changes).toBe(1);
  expect(readEvents(app.dataDir).find((e) => e.id === victim.id)!.payload_json).not.toBe(victim.payload_json);

  await audit.verifyAgain();
  expect(await audit.intact()).toBe(false);
  await expect(audit.status()).toContainText('สายบันทึกการตรวจสอบเสียหาย');
  await expect(audit.problem()).toHaveAttribute('data-event-id', String(victim.id));
  await expect(audit.problem()).toContainText(`รายการบันทึกการตรวจสอบที่ ${victim.id} (score.set`);
  // The walk stops at the edited event; the head is the last intact event's hash.
  const position = recorded.findIndex((e) => e.id === victim.id) + 1;
  expect(await audit.length()).toBe(position);
  expect(await audit.head()).toBe(recorded[position - 2]!.hash);
  await expect(audit.banner()).toBeVisible();
  await audit.filterMember('');
  await expect(audit.grid.row(String(victim.id))).toHaveClass(/audit-broken/u);
  await snap(page, testInfo, '03-audit-broken');

  // After a reload, every screen carries the red banner, which leads back to the trail.
  await page.reload();
  await shell.roundName().waitFor();
  await shell.goTo('needs');
  await expect(audit.banner()).toBeVisible();
  await expect(audit.banner()).toHaveAttribute('data-event-id', String(victim.id));
  await expect(audit.banner()).toContainText(String(victim.id));
  await snap(page, testInfo, '04-banner-needs');
  await shell.switchLanguage('en');
  await expect(audit.banner()).toContainText(`audit event ${victim.id} (score.set`);
  await page.getByTestId('audit-banner-open').click();
  await page.getByTestId('screen-audit').waitFor();
  await expect(audit.problem()).toContainText(`audit event ${victim.id}`);
  await snap(page, testInfo, '05-audit-broken-en');
});
