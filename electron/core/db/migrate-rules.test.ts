/**
 * Migration 13 (rules) on a database written by schema 12: the scenario table loses its CHECK on the rule, and keeps
 * every row, id, parent link, index, trigger and every table's reference to it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from './database';
import { migrate } from './migrate';
import { migrations } from './migrations';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function storeAt12(): Promise<Store> {
  const dir = mkdtempSync(join(tmpdir(), 'chipao-m13-'));
  dirs.push(dir);
  const store = openStore(join(dir, 'chipao.sqlite'));
  expect(await migrate(store.db, migrations, 12)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  return store;
}

/** The scenario table's indexes and triggers as SQLite lists them. */
const attached = (store: Store): unknown[] =>
  store.sqlite
    .prepare(`SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'scenario' AND type <> 'table' ORDER BY type, name`)
    .all();

describe('migration 13: rules', () => {
  it('keeps every scenario, link, index and trigger, and lets the registry decide the rule', async () => {
    const store = await storeAt12();
    const s = store.sqlite;
    s.exec(`
      INSERT INTO round (id, name, fiscal_year, ceiling, status) VALUES (3, 'FY2571', 2571, 1000, 'preparing');
      INSERT INTO scenario (id, round_id, name, rule, params_json, locks_json, parent_id, created_at, updated_at) VALUES
        (7, 3, 'ร่าง ก', 'greedy', '{"ceiling":500}', '{}', NULL, 'a', 'a'),
        (9, 3, 'ร่าง ข', 'mes', '{"completion":"none"}', '{"42":100}', 7, 'b', 'b'),
        (12, 3, 'ร่าง ค', 'optimum', '{}', '{}', 9, 'c', 'c'),
        (15, 3, 'ลบแล้ว', 'greedy', '{}', '{}', NULL, 'd', 'd');
      DELETE FROM scenario WHERE id = 15;
      CREATE INDEX scenario_probe_rule ON scenario(rule);
      CREATE TRIGGER scenario_probe_no_rename BEFORE UPDATE OF name ON scenario WHEN NEW.name = 'ห้าม'
        BEGIN SELECT RAISE(ABORT, 'probe trigger'); END;
      CREATE TABLE scenario_probe_ref (scenario_id INTEGER NOT NULL REFERENCES scenario(id));
      INSERT INTO scenario_probe_ref VALUES (9);
    `);
    const before = s.prepare('SELECT * FROM scenario ORDER BY id').all();
    const attachedBefore = attached(store);
    expect(attachedBefore.length).toBeGreaterThanOrEqual(2);
    expect(() => s.prepare(`UPDATE scenario SET rule = 'approval_vote' WHERE id = 7`).run()).toThrow(/CHECK/u);

    s.pragma('foreign_keys = ON');
    expect(await migrate(store.db)).toContain(13);
    expect(s.prepare('SELECT * FROM scenario ORDER BY id').all()).toEqual(before);
    expect(attached(store)).toEqual(attachedBefore);
    expect(s.pragma('foreign_key_check')).toEqual([]);
    expect(s.prepare(`SELECT sql FROM sqlite_master WHERE name = 'scenario'`).pluck().get()).not.toMatch(/CHECK/u);

    // A rule the database never heard of is the app's to refuse now.
    s.prepare(`UPDATE scenario SET rule = 'approval_vote' WHERE id = 7`).run();
    // The rest of the table's rules hold as before: names unique per round, the trigger, the references.
    expect(() =>
      s
        .prepare(`INSERT INTO scenario (round_id, name, rule, created_at, updated_at) VALUES (3, 'ร่าง ก', 'greedy', 'd', 'd')`)
        .run(),
    ).toThrow(/UNIQUE/u);
    expect(() => s.prepare(`UPDATE scenario SET name = 'ห้าม' WHERE id = 12`).run()).toThrow(/probe trigger/u);
    expect(() => s.prepare(`DELETE FROM scenario WHERE id = 9`).run()).toThrow(/FOREIGN KEY/u);
    s.prepare('DELETE FROM scenario_probe_ref').run();
    s.prepare('DELETE FROM scenario WHERE id = 9').run();
    expect(s.prepare('SELECT parent_id FROM scenario WHERE id = 12').pluck().get()).toBeNull();
    // New ids continue after the largest ever given, also a deleted one's (AUTOINCREMENT kept).
    const next = s
      .prepare(`INSERT INTO scenario (round_id, name, rule, created_at, updated_at) VALUES (3, 'ร่าง ง', 'mes', 'e', 'e')`)
      .run();
    expect(Number(next.lastInsertRowid)).toBe(16);
    store.sqlite.close();
  });
});
