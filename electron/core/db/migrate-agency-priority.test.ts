/**
 * Migration 17 (agency priority) on a database written by schema 16: every proposal is kept, without a priority; the
 * table takes a whole number from 1 or NULL and refuses anything else.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from './database';
import { migrate, readVersion } from './migrate';
import { migrations } from './migrations';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('migration 17: agency priority', () => {
  it('keeps every proposal with no priority, and stores only a whole number from 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chipao-m17-'));
    dirs.push(dir);
    const store = openStore(join(dir, 'chipao.sqlite'));
    expect((await migrate(store.db, migrations, 16)).at(-1)).toBe(16);
    const s = store.sqlite;
    s.exec(`
      INSERT INTO area_district (code, name_th, name_en) VALUES ('1901', 'เมืองสระบุรี', 'Mueang');
      INSERT INTO round (id, name, fiscal_year, ceiling, status) VALUES (3, 'FY2571', 2571, 1000, 'preparing');
      INSERT INTO project (id, round_id, code, title, agency, level, strategy, district_code, investment, requested,
        min_amount) VALUES (42, 3, 'P-1', 'ถนน', 'อบต.', 'local', '', '1901', 900, 900, 900);
    `);
    const before = s.prepare('SELECT * FROM project').all();
    expect(await migrate(store.db, migrations, 17)).toContain(17);
    expect(await readVersion(store.db)).toBe(17);
    expect(s.prepare('SELECT * FROM project').all()).toEqual(
      (before as Record<string, unknown>[]).map((r) => ({ ...r, agency_priority: null })),
    );
    s.prepare('UPDATE project SET agency_priority = 1 WHERE id = 42').run();
    for (const bad of [0, -1, 1.5, "'หนึ่ง'"]) {
      expect(() => s.prepare(`UPDATE project SET agency_priority = ${bad} WHERE id = 42`).run()).toThrow(/CHECK/u);
    }
    expect(s.prepare('SELECT agency_priority FROM project').pluck().get()).toBe(1);
    store.sqlite.close();
  });
});
