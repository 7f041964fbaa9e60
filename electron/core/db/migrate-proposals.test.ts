/**
 * Migration 7 (proposals) on a database written by schema 6: the project table is rebuilt with ids, scores and links
 * kept; an existing proposal's request becomes investment, its area its district's tambons; links are 'seed'.
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

describe('migration 7: proposals', () => {
  it('keeps every proposal, score and link; fills areas, the request split and the version', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chipao-m7-'));
    dirs.push(dir);
    const store = openStore(join(dir, 'chipao.sqlite'));
    expect(await migrate(store.db, migrations, 6)).toEqual([1, 2, 3, 4, 5, 6]);
    store.sqlite.exec(`
      INSERT INTO area_district (code, name_th, name_en) VALUES ('1901', 'เมืองสระบุรี', 'Mueang'), ('1902', 'แก่งคอย', 'Kaeng Khoi');
      INSERT INTO area_tambon (code, district_code, name_th, name_en) VALUES
        ('190101', '1901', 'ปากเพรียว', 'Pak Phriao'), ('190105', '1901', 'ดาวเรือง', 'Dao Rueang'), ('190201', '1902', 'แก่งคอย', 'Kaeng Khoi');
      INSERT INTO category (id, name_th, name_en, tpmap, sort) VALUES ('roads_transport', 'ถนน', 'Roads', NULL, 0);
      INSERT INTO round (id, name, fiscal_year, ceiling, status) VALUES (3, 'FY2571', 2571, 1000, 'preparing');
      INSERT INTO criterion (round_id, code, name_th, name_en, weight, scale_min, scale_max, kind, sort)
        VALUES (3, 'u', 'ความเร่งด่วน', 'Urgency', 1, 1, 5, 'member', 0);
      INSERT INTO member (round_id, name, title_th, title_en) VALUES (3, 'ก', 'กรรมการ', 'Member');
      INSERT INTO project (id, round_id, code, title, agency, level, strategy, district_code, requested, min_amount, readiness,
        evidence_changed, development_issue_no) VALUES (42, 3, 'P-1', 'ถนน', 'อบต.', 'local', 'S1', '1901', 900, 500, 'พร้อม', 1, NULL);
      INSERT INTO need (source, external_id, version, updated_at, title, description, category, tambon_code, households,
        people_affected, times_raised, channel, status, raw_json) VALUES
        ('s', 'N1', 1, 'x', 'ขอถนน', '', 'roads_transport', '190101', 1, 3, 1, 'online', 'active', '{}');
      INSERT INTO project_need (project_id, need_id, coverage) VALUES (42, 1, 0.5);
      INSERT INTO score (member_id, project_id, criterion_id, value, version, updated_at) VALUES (1, 42, 1, 4, 2, 'x');
    `);
    expect(await migrate(store.db)).toContain(7);
    expect(await readVersion(store.db)).toBeGreaterThanOrEqual(7);
    const s = store.sqlite;
    expect(
      s
        .prepare(
          `SELECT id, code, scope, district_code, operating, investment, requested, min_amount, min_stated, readiness,
             evidence_changed, changed_after_scoring, version FROM project`,
        )
        .all(),
    ).toEqual([
      {
        id: 42,
        code: 'P-1',
        scope: 'district',
        district_code: '1901',
        operating: 0,
        investment: 900,
        requested: 900,
        min_amount: 500,
        min_stated: 1,
        readiness: 'พร้อม',
        evidence_changed: 1,
        changed_after_scoring: 0,
        version: 1,
      },
    ]);
    expect(s.prepare('SELECT tambon_code FROM project_area WHERE project_id = 42 ORDER BY tambon_code').pluck().all()).toEqual([
      '190101',
      '190105',
    ]);
    expect(s.prepare('SELECT project_id, need_id, coverage, origin FROM project_need').all()).toEqual([
      { project_id: 42, need_id: 1, coverage: 0.5, origin: 'seed' },
    ]);
    expect(s.prepare('SELECT project_id, value, version FROM score').all()).toEqual([{ project_id: 42, value: 4, version: 2 }]);
    expect(s.pragma('foreign_key_check')).toEqual([]);
    // The request is its two parts; a proposal may span districts (no district).
    expect(() => s.prepare(`UPDATE project SET requested = 901 WHERE id = 42`).run()).toThrow(/CHECK/u);
    s.prepare(`UPDATE project SET district_code = NULL, scope = 'province' WHERE id = 42`).run();
    expect(() => s.prepare(`UPDATE project SET scope = 'world' WHERE id = 42`).run()).toThrow(/CHECK/u);
    await store.close();
  });
});
