/**
 * A member's own quick edits never conflict with each other: the first save's reply is held back (as on a slow
 * room network) while the member types a second value into the same cell; both saves land, in order, and the
 * stored score is the second value with its version raised twice. No conflict is shown.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { AppShell } from './pages/app-shell';
import { ProjectsPage } from './pages/projects-page';
import { ScoringPage } from './pages/scoring-page';

test('two quick edits of one cell are both saved', async ({ page, app }) => {
  let held = 0;
  let released = false;
  // Hold the host’s first answer to scores.set for 15 s; everything else passes straight through.
  await page.routeWebSocket(/\/api\/ws$/u, (ws) => {
    const server = ws.connectToServer();
    const scoreCalls = new Set<number>();
    ws.onMessage((message) => {
      const m = JSON.parse(String(message)) as { id?: number; method?: string };
      if (m.method === 'scores.set' && typeof m.id === 'number') scoreCalls.add(m.id);
      server.send(message);
    });
    server.onMessage((message) => {
      const m = JSON.parse(String(message)) as { id?: number };
      if (typeof m.id === 'number' && scoreCalls.has(m.id) && held === 0) {
        held++;
        setTimeout(() => {
          released = true;
          ws.send(message);
        }, 15_000);
      } else ws.send(message);
    });
  });

  const shell = new AppShell(page);
  const projects = new ProjectsPage(page);
  const scoring = new ScoringPage(page);
  await shell.open(`${app.url}/#/projects`);
  await projects.open();
  const code = await projects.codeAtRank(2);
  await scoring.open();
  const [member] = await scoring.memberNames();
  await scoring.pickMember(member!);

  const db = new Database(join(app.dataDir, 'chipao.sqlite'), { readonly: true });
  const stored = () =>
    db
      .prepare(
        `SELECT s.value, s.version FROM score s JOIN project p ON p.id = s.project_id JOIN criterion c ON c.id = s.criterion_id
         JOIN member m ON m.id = s.member_id WHERE p.code = ? AND c.code = 'urgency' AND m.name = ?`,
      )
      .get(code, member) as { value: number; version: number } | undefined;
  const before = stored()?.version ?? 0;
  const [first, second] = (await scoring.score(code, 'urgency')) === '2' ? [3, 4] : [4, 2];

  await scoring.typeScore(code, 'urgency', first);
  await scoring.typeScore(code, 'urgency', second);
  // Both values were typed while the first save's answer was still held back.
  expect(held).toBe(1);
  expect(released).toBe(false);
  await scoring.waitSaved(code, 'urgency');
  await expect.poll(() => scoring.score(code, 'urgency')).toBe(String(second));
  await expect(shell.errorSnackbar()).toHaveCount(0);
  await expect.poll(() => stored()).toEqual({ value: second, version: before + 2 });

  // What another device (a reload) reads is the second value.
  await page.reload();
  await scoring.pickMember(member!);
  expect(await scoring.score(code, 'urgency')).toBe(String(second));
  db.close();
});
