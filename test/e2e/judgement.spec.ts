/**
 * The committee's judgement, as a meeting uses it: two members score on two devices (two browser contexts; the
 * workshop sign-in is another screen's, so both are the desktop owner entering for a member), one declares a
 * conflict of interest, the heatmap and Kendall's W follow, an override is refused without a reason and recorded
 * with one, an offline sheet goes out and comes back, and a tampered sheet is refused. The time from a score edit
 * to the ranking showing it is read from the page's performance measures (`ui.score_edit_p95_ms`).
 */
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, repoRoot, test } from './fixtures';
import { JudgementPage } from './pages/judgement-page';

const CRITERION = 'urgency';

/** A score on the 1–5 scale different from the cell's current one (an equal value is no edit). */
async function other(page: JudgementPage, code: string): Promise<number> {
  const now = Number((await page.scoring.score(code, CRITERION)) || '0');
  return now >= 5 ? 1 : now + 1;
}

test('two members score, one declares a conflict; disagreement, overrides and offline sheets', async ({ browser, app }, info) => {
  const [ctxA, ctxB] = [await browser.newContext(), await browser.newContext()];
  const a = new JudgementPage(await ctxA.newPage());
  const b = new JudgementPage(await ctxB.newPage());
  await a.shell.open(app.url);
  await b.shell.open(app.url);
  const db = new Database(join(app.dataDir, 'chipao.sqlite'), { readonly: true });
  const members = db.prepare('SELECT id, name FROM member WHERE round_id = 1 AND active = 1 ORDER BY id').all() as {
    id: number;
    name: string;
  }[];
  const codes = (db.prepare('SELECT code FROM project WHERE round_id = 1 ORDER BY code LIMIT 3').all() as { code: string }[]).map(
    (r) => r.code,
  );
  const [m1, m2] = [members[0]!, members[1]!];
  const [p1, p2, p3] = [codes[0]!, codes[1]!, codes[2]!];

  // Member 1 on device A, member 2 on device B.
  await a.openSheet();
  await a.scoring.pickMember(m1.name);
  await b.openSheet();
  await b.scoring.pickMember(m2.name);

  // A word is refused with a message, not dropped and not saved.
  const before = await a.scoring.score(p1, CRITERION);
  await a.scoring.typeText(p1, CRITERION, 'abc');
  await expect(a.shell.errorSnackbar()).toContainText("'abc'");
  // The project and the criterion are named once.
  expect((await a.shell.errorSnackbar().innerText()).split(p1)).toHaveLength(2);
  expect(await a.scoring.score(p1, CRITERION)).toBe(before);
  await a.shell.dismissSnackbar();

  // Device A opens the committee's view; device B scores and declares a conflict meanwhile.
  await a.openJudgement();
  const w0 = await a.kendallW(CRITERION);
  await expect(a.heatmap()).toBeVisible();
  // The legend reads the spreads as percentages (as whole numbers it read "0" at both ends).
  await expect(a.heatmap()).toHaveAttribute('data-legend', /^0%–\d+%$/u);
  const top0 = await a.heatmap().getAttribute('data-top');
  for (const [code, value] of [
    [p1, 1],
    [p2, 5],
    [p3, 1],
  ] as const)
    await b.scoring.setScore(code, CRITERION, value);
  await b.declareConflict(p2, 'ญาติเป็นผู้รับจ้าง');
  await expect(b.conflictToggle(p2)).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(() => a.kendallW(CRITERION)).not.toBe(w0);
  await expect.poll(() => a.memberConflicts(m2.id)).toBe('1');
  const conflict = db.prepare('SELECT reason FROM conflict_of_interest WHERE member_id = ?').get(m2.id) as { reason: string };
  expect(conflict.reason).toBe('ญาติเป็นผู้รับจ้าง');
  expect((db.prepare(`SELECT COUNT(*) AS n FROM audit_event WHERE kind = 'conflict.declare'`).get() as { n: number }).n).toBe(1);
  await a.page.screenshot({ path: '/tmp/judgement-view.png', fullPage: true });
  info.annotations.push({
    type: 'heatmap',
    description: `top disputed before ${top0}, after ${await a.heatmap().getAttribute('data-top')}`,
  });

  // Members' weights: a weight that is not a number is refused before anything is sent; 2 is recorded and audited.
  await a.setMemberWeights({ [m1.id]: 'สอง' });
  await expect(a.shell.errorSnackbar()).toContainText(m1.name);
  // The dialog stays open with what was typed, to be corrected.
  await a.page.getByTestId(`member-weight-${m1.id}`).fill('2');
  await a.page.getByTestId('member-weights-save').click();
  await expect(a.memberWeightsButton()).toContainText('(1)');
  const weight = () =>
    (db.prepare('SELECT weight FROM member_weight WHERE member_id = ?').get(m1.id) as { weight: number } | undefined)?.weight;
  expect(weight()).toBe(2);
  expect(
    (db.prepare(`SELECT COUNT(*) AS n FROM audit_event WHERE kind = 'judgement.aggregation'`).get() as { n: number }).n,
  ).toBe(1);
  await a.setMemberWeights({ [m1.id]: '1' });
  await expect(a.memberWeightsButton()).not.toContainText('(');
  expect(weight()).toBeUndefined();

  // An override without a reason is refused; with one it is recorded and moves the project to rank 1.
  const last = (db.prepare('SELECT code FROM project WHERE round_id = 1 ORDER BY code DESC LIMIT 1').get() as { code: string })
    .code;
  await a.addOverride({ projectCode: last, position: 1, memberId: m1.id, reason: '' });
  await expect(a.shell.errorSnackbar()).toBeVisible();
  await expect(a.override(last)).toHaveCount(0);
  await a.shell.dismissSnackbar();
  await a.page.getByTestId('override-reason').fill('มติที่ประชุม: พื้นที่ประสบอุทกภัย');
  await a.page.getByTestId('override-add').click();
  await expect(a.override(last)).toContainText('มติที่ประชุม: พื้นที่ประสบอุทกภัย');
  await expect.poll(() => a.ranking.rowIdAtIndex(0)).toBe(last);
  await a.page.screenshot({ path: '/tmp/judgement-overrides.png', fullPage: true });
  await expect(a.page.getByTestId('sensitivity-flips')).toBeVisible();
  await a.page.getByTestId('sensitivity-chart').scrollIntoViewIfNeeded();
  await a.page.screenshot({ path: '/tmp/judgement-sensitivity.png' });

  // Offline: member 1's sheet goes out, one score is changed on it, and it comes back.
  await a.openSheet();
  await a.scoring.pickMember(m1.name);
  const download = await a.downloadSheet();
  const file = join(app.dataDir, 'sheet.xlsx');
  await download.saveAs(file);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet('คะแนน')!;
  const header = ws.getRow(5);
  let col = 0;
  header.eachCell((cell, n) => {
    if (col === 0 && String(cell.value).includes('(1–5)')) col = n;
  });
  const row = ws.getRow(6);
  const printed = Number(row.getCell(col).value);
  const typed = printed === 5 ? 4 : printed + 1;
  row.getCell(col).value = typed;
  const edited = join(app.dataDir, 'sheet-filled.xlsx');
  writeFileSync(edited, new Uint8Array(await wb.xlsx.writeBuffer()));
  await a.importSheet(edited);
  await expect(a.shell.successSnackbar()).toBeVisible();
  const code = String(row.getCell(2).value);
  const stored = () =>
    (
      db
        .prepare(
          `SELECT s.value FROM score s JOIN project p ON p.id = s.project_id JOIN criterion c ON c.id = s.criterion_id
            WHERE p.code = ? AND s.member_id = ? AND c.kind = 'member' ORDER BY c.sort LIMIT 1`,
        )
        .get(code, m1.id) as { value: number }
    ).value;
  await expect.poll(stored).toBe(typed);

  // A tampered sheet (its signed member changed) is refused and changes nothing.
  const sig = wb.getWorksheet('_chipao')!;
  sig.getCell(1, 1).value = String(sig.getCell(1, 1).value).replace(`"memberId":${m1.id}`, `"memberId":${m2.id}`);
  row.getCell(col).value = typed === 5 ? 4 : typed + 1;
  const tampered = join(app.dataDir, 'sheet-tampered.xlsx');
  writeFileSync(tampered, new Uint8Array(await wb.xlsx.writeBuffer()));
  await a.importSheet(tampered);
  await expect(a.shell.errorSnackbar()).toBeVisible();
  expect(stored()).toBe(typed);

  // Edit → ranking shown: the page's own measures, p95.
  for (let i = 0; i < 20; i++) await a.scoring.setScore(codes[i % 3]!, CRITERION, await other(a, codes[i % 3]!));
  const times = await a.page.evaluate(() => performance.getEntriesByName('chipao:score-edit').map((e) => e.duration));
  times.sort((x, y) => x - y);
  const p95 = times[Math.min(times.length - 1, Math.ceil(times.length * 0.95) - 1)] ?? NaN;
  info.annotations.push({
    type: 'ui.score_edit_p95_ms',
    description: `${p95.toFixed(1)} ms over ${times.length} edits (sample round)`,
  });
  console.log(
    JSON.stringify({
      name: 'ui.score_edit_p95_ms',
      value: Math.round(p95 * 10) / 10,
      unit: 'ms',
      baseline: null,
      ratio: null,
      edits: times.length,
    }),
  );
  expect(times.length).toBeGreaterThan(10);
  await a.page.screenshot({ path: '/tmp/judgement-sheet.png', fullPage: true });
  db.close();
  await ctxA.close();
  await ctxB.close();
});

/** Edit → ranking shown, at 5,000 proposals: the figure the issue asks for (`ui.score_edit_p95_ms`). */
test.describe('at province scale', () => {
  const large = mkdtempSync(join(tmpdir(), 'chipao-e2e-5k-'));
  // The host's later --data-dir wins: it opens the prepared folder instead of a fresh sample.
  test.use({ hostArgs: ['--data-dir', large] });
  test.beforeAll(() => {
    if (!existsSync(join(large, 'chipao.sqlite')))
      execFileSync('npx', ['tsx', join(repoRoot, 'test/e2e/make-large-round.ts'), large], { cwd: repoRoot, stdio: 'inherit' });
  });
  test.afterAll(() => rmSync(large, { recursive: true, force: true }));

  test('a score edit shows in the ranking: p95 over 20 edits', async ({ page, app }, info) => {
    test.setTimeout(600_000);
    const j = new JudgementPage(page);
    await j.shell.open(app.url);
    await j.openSheet();
    const [member] = await j.scoring.memberNames();
    await j.scoring.pickMember(member!);
    const db = new Database(join(large, 'chipao.sqlite'), { readonly: true });
    const codes = (
      db.prepare('SELECT code FROM project WHERE round_id = 1 ORDER BY code LIMIT 5').all() as { code: string }[]
    ).map((r) => r.code);
    db.close();
    expect(codes).toHaveLength(5);
    // The trace (kept when a test fails) leaves the timed edits out: it snapshots the page's DOM after every action,
    // which would run in the page during the very time being measured.
    const tracing = page.context().tracing;
    await tracing.stopChunk();
    try {
      for (let i = 0; i < 20; i++) {
        const code = codes[i % 5]!;
        await j.scoring.typeScore(code, CRITERION, await other(j, code));
        // Wait for the measure of this edit, then for its save, before the next edit. The page reports the measure
        // itself: polling from here would also run scripts in the page during the time being measured.
        await j.measured('chipao:score-edit', i + 1);
        await j.scoring.waitSaved(code, CRITERION);
      }
    } finally {
      await tracing.startChunk();
    }
    const times = await page.evaluate(() => performance.getEntriesByName('chipao:score-edit').map((e) => e.duration));
    times.sort((x, y) => x - y);
    const p95 = times[Math.min(times.length - 1, Math.ceil(times.length * 0.95) - 1)]!;
    info.annotations.push({
      type: 'ui.score_edit_p95_ms',
      description: `${p95.toFixed(1)} ms over ${times.length} edits, 5,000 projects`,
    });
    console.log(
      JSON.stringify({
        name: 'ui.score_edit_p95_ms',
        value: Math.round(p95 * 10) / 10,
        unit: 'ms',
        baseline: null,
        ratio: null,
        projects: 5000,
      }),
    );
    expect(times.length).toBeGreaterThanOrEqual(20);
  });
});
