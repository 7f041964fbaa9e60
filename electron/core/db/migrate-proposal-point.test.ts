/**
 * Migration 20 (a proposal's point) on a database written by schema 19: every proposal is kept, without a point; the
 * table takes a latitude and a longitude within Thailand, both or neither, and refuses anything else.
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

describe('migration 20: a proposal point', () => {
  it('keeps every proposal with no point, and stores only both degrees within Thailand', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chipao-m20-'));
    dirs.push(dir);
    const store = openStore(join(dir, 'chipao.sqlite'));
    expect((await migrate(store.db, migrations, 19)).at(-1)).toBe(19);
    const s = store.sqlite;
    s.exec(`
      INSERT INTO area_district (code, name_th, name_en) VALUES ('1901', 'เมืองสระบุรี', 'Mueang');
      INSERT INTO round (id, name, fiscal_year, ceiling, status) VALUES (3, 'FY2571', 2571, 1000, 'preparing');
      INSERT INTO project (id, round_id, code, title, agency, level, strategy, district_code, investment, requested,
        min_amount, agency_priority) VALUES (42, 3, 'P-1', 'ถนน', 'อบต.', 'local', '', '1901', 900, 900, 900, 2);
    `);
    const before = s.prepare('SELECT * FROM project').all();
    expect(await migrate(store.db, migrations, 20)).toContain(20);
    expect(await readVersion(store.db)).toBe(20);
    expect(s.prepare('SELECT * FROM project').all()).toEqual(
      (before as Record<string, unknown>[]).map((r) => ({ ...r, lat: null, lon: null })),
    );
    s.prepare('UPDATE project SET lat = 14.5312, lon = 100.9104 WHERE id = 42').run();
    for (const [lat, lon] of [
      ['NULL', '100.9'],
      ['14.5', 'NULL'],
      ['100.9', '14.5'],
      ['4.9', '100.9'],
      ['14.5', '106.5'],
      ["'north'", '100.9'],
    ]) {
      expect(() => s.prepare(`UPDATE project SET lat = ${lat}, lon = ${lon} WHERE id = 42`).run(), `${lat}, ${lon}`).toThrow(
        /CHECK/u,
      );
    }
    expect(s.prepare('SELECT lat, lon FROM project').get()).toEqual({ lat: 14.5312, lon: 100.9104 });
    s.prepare('UPDATE project SET lat = NULL, lon = NULL WHERE id = 42').run();
    expect(s.prepare('SELECT lat, lon FROM project').get()).toEqual({ lat: null, lon: null });
    store.sqlite.close();
  });
});
