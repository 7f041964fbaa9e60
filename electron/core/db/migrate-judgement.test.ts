/** Migration 10 (the committee's judgement) on a database written by schema 9: the new tables, their checks and indexes. */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from './database';
import { migrate } from './migrate';
import { migrations } from './migrations';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function schema9WithARound() {
  const dir = mkdtempSync(join(tmpdir(), 'chipao-m10-'));
  dirs.push(dir);
  const store = openStore(join(dir, 'chipao.sqlite'));
  await migrate(store.db, migrations, 9);
  store.sqlite.exec(`
    INSERT INTO round (id, name, fiscal_year, ceiling, status) VALUES (1, 'FY2571', 2571, 100, 'in_session');
    INSERT INTO criterion (round_id, code, name_th, name_en, weight, scale_min, scale_max, kind, sort)
      VALUES (1, 'urgency', 'ความเร่งด่วน', 'Urgency', 1, 1, 5, 'member', 0);
    INSERT INTO member (round_id, name, title_th, title_en) VALUES (1, 'ก', 'กรรมการ', 'Member');
    INSERT INTO project (round_id, code, title, agency, level, strategy, operating, investment, requested, min_amount, readiness)
      VALUES (1, 'P-1', 'ถนน', 'อบต.', 'local', 'S1', 0, 100, 100, 100, '');
    INSERT INTO score (member_id, project_id, criterion_id, value, version, updated_at) VALUES (1, 1, 1, 4, 1, 'x');
  `);
  expect(await migrate(store.db, migrations, 10)).toEqual([10]);
  return store;
}

describe('migration 10: the committee’s judgement', () => {
  it('keeps scores, refuses an override without a reason or a move without a rank, and a bad aggregation', async () => {
    const store = await schema9WithARound();
    const s = store.sqlite;
    expect(s.prepare('SELECT value, version FROM score').all()).toEqual([{ value: 4, version: 1 }]);
    const add = (kind: string, position: number | null, reason: string) =>
      s
        .prepare(
          `INSERT INTO ranking_override (round_id, project_id, kind, position, reason, requested_by, at, actor) VALUES (1, 1, ?, ?, ?, 1, 'x', 't')`,
        )
        .run(kind, position, reason);
    expect(() => add('move', 1, '   ')).toThrow(/CHECK/u);
    expect(() => add('move', null, 'มติที่ประชุม')).toThrow(/CHECK/u);
    expect(() => add('exclude', 2, 'มติที่ประชุม')).toThrow(/CHECK/u);
    add('exclude', null, 'มติที่ประชุม');
    expect(() => s.prepare(`INSERT INTO criterion_aggregation VALUES (1, 'mode')`).run()).toThrow(/CHECK/u);
    expect(() => s.prepare(`INSERT INTO member_weight VALUES (1, -1)`).run()).toThrow(/CHECK/u);
    expect(() => s.prepare(`INSERT INTO score_cleared VALUES (1, 1, 1, 0, 'x')`).run()).toThrow(/CHECK/u);
    store.sqlite.close();
  });

  it('removing a project takes its comments, conflicts and overrides with it', async () => {
    const store = await schema9WithARound();
    const s = store.sqlite;
    s.exec(`
      INSERT INTO score_comment VALUES (1, 1, 1, 'ดี', 'x');
      INSERT INTO conflict_of_interest VALUES (1, 1, '', 'x', 't');
      INSERT INTO ranking_override (round_id, project_id, kind, reason, requested_by, at, actor) VALUES (1, 1, 'include', 'มติที่ประชุม', 1, 'x', 't');
      DELETE FROM score; DELETE FROM project;
    `);
    for (const t of ['score_comment', 'conflict_of_interest', 'ranking_override'])
      expect(s.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get()).toEqual({ n: 0 });
    store.sqlite.close();
  });

  it('reads a round’s overrides and a project’s conflicts by index', async () => {
    const store = await schema9WithARound();
    const plan = (q: string) =>
      (store.sqlite.prepare(`EXPLAIN QUERY PLAN ${q}`).all() as { detail: string }[]).map((r) => r.detail).join('\n');
    expect(plan('SELECT * FROM ranking_override WHERE round_id = 1')).toContain('USING INDEX ranking_override_round');
    expect(plan('SELECT * FROM conflict_of_interest WHERE project_id = 1')).toContain('conflict_of_interest_project');
    store.sqlite.close();
  });
});
