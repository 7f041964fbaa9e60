/** Migration 5 (round setup) on a database written by schema 4: the round table is rebuilt with every reference kept. */
import { describe, it, expect, afterEach } from 'vitest';
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
function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'chipao-m5-'));
  dirs.push(dir);
  return join(dir, 'chipao.sqlite');
}

describe('migration 5: round setup', () => {
  it('maps draft to preparing, keeps ids, scores and references, infers member roles and marks the sample as demo', async () => {
    const store = openStore(tempFile());
    expect(await migrate(store.db, migrations, 4)).toEqual([1, 2, 3, 4]);
    store.sqlite.exec(`
      INSERT INTO setting (key, value) VALUES ('synthetic', '1');
      INSERT INTO area_district (code, name_th, name_en) VALUES ('1901', 'เมืองสระบุรี', 'Mueang Saraburi');
      INSERT INTO round (id, name, fiscal_year, ceiling, status) VALUES (1, 'FY2570', 2570, 100, 'approved');
      INSERT INTO round (id, name, fiscal_year, ceiling, status) VALUES (7, 'FY2571', 2571, 200, 'draft');
      INSERT INTO criterion (round_id, code, name_th, name_en, weight, scale_min, scale_max, kind, sort)
        VALUES (7, 'urgency', 'ความเร่งด่วน', 'Urgency', 0.6, 1, 5, 'member', 0),
               (7, 'people', 'ผู้ได้รับประโยชน์', 'People', 0.4, 0, 1, 'computed', 1);
      INSERT INTO member (round_id, name, title_th, title_en) VALUES
        (7, 'ก', 'ประธานคณะกรรมการ', 'Chair'), (7, 'ข', 'กรรมการ', 'Member'), (7, 'ค', 'กรรมการและเลขานุการ', 'Secretary');
      INSERT INTO project (round_id, code, title, agency, level, strategy, district_code, requested, min_amount, readiness)
        VALUES (7, 'P-1', 'ถนน', 'อบต.', 'local', 'S1', '1901', 100, 50, '');
      INSERT INTO score (member_id, project_id, criterion_id, value, version, updated_at) VALUES (1, 1, 1, 4, 1, 'x');
    `);
    expect(await migrate(store.db, migrations, 5)).toEqual([5]);
    expect(await readVersion(store.db)).toBe(5);
    const s = store.sqlite;
    expect(s.prepare('SELECT id, status, demo, levels_json, archived_at FROM round ORDER BY id').all()).toEqual([
      { id: 1, status: 'approved', demo: 1, levels_json: '["province","agency","local"]', archived_at: null },
      { id: 7, status: 'preparing', demo: 1, levels_json: '["province","agency","local"]', archived_at: null },
    ]);
    expect(s.prepare('SELECT name, role, active, agency FROM member ORDER BY id').all()).toEqual([
      { name: 'ก', role: 'chair', active: 1, agency: '' },
      { name: 'ข', role: 'member', active: 1, agency: '' },
      { name: 'ค', role: 'secretariat', active: 1, agency: '' },
    ]);
    expect(s.prepare('SELECT code, direction, source FROM criterion ORDER BY id').all()).toEqual([
      { code: 'urgency', direction: 'benefit', source: null },
      { code: 'people', direction: 'benefit', source: 'people' },
    ]);
    expect(s.prepare('SELECT value FROM score').all()).toEqual([{ value: 4 }]);
    expect(s.prepare('SELECT round_id, development_issue_no FROM project').all()).toEqual([
      { round_id: 7, development_issue_no: null },
    ]);
    // Foreign keys are on again and the children still point at the rebuilt table.
    expect(s.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(s.pragma('foreign_key_check')).toEqual([]);
    expect(() => s.prepare(`INSERT INTO member (round_id, name, title_th, title_en) VALUES (99, 'x', '', '')`).run()).toThrow(
      /FOREIGN KEY/u,
    );
    expect(() => s.prepare(`UPDATE round SET status = 'draft' WHERE id = 7`).run()).toThrow(/CHECK/u);
    expect(() => s.prepare(`INSERT INTO development_issue (round_id, no, title_th) VALUES (7, 0, 'x')`).run()).toThrow(/CHECK/u);
    expect((s.prepare(`SELECT sql FROM sqlite_master WHERE name = 'member'`).get() as { sql: string }).sql).toContain(
      'REFERENCES round(id)',
    );
    await store.close();
  });

  it('a round in a database without the sample is not a demo round', async () => {
    const store = openStore(tempFile());
    await migrate(store.db, migrations, 4);
    store.sqlite.exec(`INSERT INTO round (name, fiscal_year, ceiling, status) VALUES ('จริง', 2571, 1, 'in_session')`);
    await migrate(store.db);
    expect(store.sqlite.prepare('SELECT status, demo FROM round').get()).toEqual({ status: 'in_session', demo: 0 });
    await store.close();
  });

  it('a migration that leaves a broken reference is rolled back and foreign keys stay on', async () => {
    const store = openStore(tempFile());
    const list = [
      ...migrations.slice(0, 1),
      {
        version: 2,
        name: 'breaks a reference',
        up: async () => {
          store.sqlite.exec(`INSERT INTO round (name, fiscal_year, ceiling, status) VALUES ('r', 2571, 1, 'draft');
            INSERT INTO member (round_id, name, title_th, title_en) VALUES (42, 'x', '', '')`);
        },
      },
    ];
    await expect(migrate(store.db, list)).rejects.toThrow(/broken reference.*member/u);
    expect(await readVersion(store.db)).toBe(0);
    expect(store.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    await store.close();
  });
});
