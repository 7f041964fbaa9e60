import { describe, it, expect, afterEach } from 'vitest';
import Database from 'better-sqlite3';
import { sql } from 'kysely';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../../../shared/api/errors';
import type { Scenario, ScenarioResult } from '../../../shared/api/types';
import { createCore } from '../core';
import { enableWal, openStore } from './database';
import { assertMonotonic, latestVersion, migrate, readVersion } from './migrate';
import { migrations, type Migration } from './migrations';

const dirs: string[] = [];
function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'chipao-'));
  dirs.push(dir);
  return join(dir, 'chipao.sqlite');
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const tables = (db: Database.Database): string[] =>
  (
    db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as {
      name: string;
    }[]
  ).map((r) => r.name);

describe('migrations', () => {
  it('the shipped list is monotonic and includes the audit schema (version 2)', () => {
    expect(() => assertMonotonic(migrations)).not.toThrow();
    expect(latestVersion()).toBeGreaterThanOrEqual(2);
    expect(migrations[1]!.name).toBe('audit');
  });

  it('assertMonotonic refuses gaps, repeats and a list not starting at 1', () => {
    const m = (version: number): Migration => ({ version, name: `m${version}`, up: async () => undefined });
    expect(() => assertMonotonic([m(1), m(3)])).toThrow(/monotonic/u);
    expect(() => assertMonotonic([m(1), m(1)])).toThrow(/monotonic/u);
    expect(() => assertMonotonic([m(2)])).toThrow(/monotonic/u);
    expect(() => assertMonotonic([m(2), m(1)])).toThrow(/monotonic/u);
  });

  it('a database written by schema 1 opens, upgrades to the latest (2 or later) and keeps its rows', async () => {
    const file = tempFile();
    const v1 = openStore(file);
    expect(await migrate(v1.db, migrations, 1)).toEqual([1]);
    expect(await readVersion(v1.db)).toBe(1);
    expect(tables(v1.sqlite)).not.toContain('audit_event');
    v1.sqlite.exec(`
      INSERT INTO area_district (code, name_th, name_en) VALUES ('1901', 'เมืองสระบุรี', 'Mueang Saraburi');
      INSERT INTO area_tambon (code, district_code, name_th, name_en) VALUES ('190101', '1901', 'ปากเพรียว', 'Pak Phriao');
      INSERT INTO category (id, name_th, name_en, tpmap, sort) VALUES ('water', 'น้ำ', 'Water', 'living', 0);
      INSERT INTO need (source, external_id, version, updated_at, title, description, category, tambon_code, households,
        people_affected, times_raised, channel, status, estimated_cost, raw_json)
      VALUES ('legacy', 'OLD-1', 3, '2025-01-01T00:00:00Z', 'ขอประปา', '', 'water', '190101', 10, 42, 1, 'ประชาคม', 'active', 125000000, '{}');
    `);
    await v1.close();

    const core = await createCore({ dbPath: file, seedSample: false });
    try {
      expect(core.store.sqlite.pragma('user_version', { simple: true })).toBe(latestVersion());
      expect(tables(core.store.sqlite)).toContain('audit_event');
      expect(
        core.store.sqlite.prepare('SELECT external_id, version, people_affected, estimated_cost, tambon_code FROM need').all(),
      ).toEqual([{ external_id: 'OLD-1', version: 3, people_affected: 42, estimated_cost: 125_000_000, tambon_code: '190101' }]);
      // The app works on the upgraded file: the audit log accepts events and the row is listed.
      const caller = { role: 'owner', actor: 'test', transport: 'direct' } as const;
      const page = await core.call('needs.list', { offset: 0, limit: 10 }, caller);
      expect(page.ok && page.value).toMatchObject({ total: 1, rows: [{ externalId: 'OLD-1', districtCode: '1901' }] });
      const info = await core.call('app.info', {}, caller);
      expect(info.ok && info.value).toMatchObject({ schemaVersion: latestVersion(), synthetic: false });
    } finally {
      await core.close();
    }
    // The app runs the file in WAL mode once it has accepted it.
    const mode = new Database(file, { readonly: true });
    expect(mode.pragma('journal_mode', { simple: true })).toBe('wal');
    mode.close();
    // Opening again is a no-op.
    const again = openStore(file);
    expect(await migrate(again.db)).toEqual([]);
    await again.close();
  });

  it('a database written by schema 2 (before scenarios) upgrades with one default draft per round', async () => {
    const file = tempFile();
    const v2 = openStore(file);
    expect(await migrate(v2.db, migrations, 2)).toEqual([1, 2]);
    expect(tables(v2.sqlite)).not.toContain('scenario');
    v2.sqlite.exec(`
      INSERT INTO round (name, fiscal_year, ceiling, status) VALUES ('FY2570', 2570, 100000000, 'approved');
      INSERT INTO round (name, fiscal_year, ceiling, status) VALUES ('FY2571', 2571, 200000000, 'draft');
    `);
    await v2.close();

    const core = await createCore({ dbPath: file, seedSample: false });
    try {
      expect(core.store.sqlite.pragma('user_version', { simple: true })).toBe(latestVersion());
      const caller = { role: 'owner', actor: 'test', transport: 'direct' } as const;
      for (const roundId of [1, 2]) {
        const list = await core.call('scenarios.list', { roundId }, caller);
        const scenarios = (list.ok ? list.value : []) as Scenario[];
        expect(scenarios.map((s) => [s.roundId, s.rule, s.params.ceiling])).toEqual([[roundId, 'greedy', null]]);
      }
      const run = await core.call('scenarios.run', { scenarioId: 2 }, caller);
      expect(run.ok && (run.value as ScenarioResult).budget).toBe(200_000_000);
    } finally {
      await core.close();
    }
  });

  it('refuses a database written by a newer app and leaves the file untouched', async () => {
    const file = tempFile();
    const newer = openStore(file); // as a newer ChiPao would have written it (WAL)
    await migrate(newer.db);
    enableWal(newer);
    newer.sqlite.exec(`CREATE TABLE future_feature (x INTEGER); INSERT INTO future_feature VALUES (7);`);
    newer.sqlite.pragma('user_version = 99');
    await newer.close();
    const before = readFileSync(file);

    const error = await createCore({ dbPath: file, seedSample: true }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('DB_NEWER');
    expect((error as AppError).message).toContain('99');
    expect((error as AppError).messageTh).toContain('99');
    expect(readFileSync(file).equals(before)).toBe(true);

    const check = new Database(file, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(99);
    expect(check.prepare('SELECT COUNT(*) AS n FROM area_district').get()).toEqual({ n: 0 }); // not seeded
    check.close();
  });

  it("refuses another program's SQLite file and leaves it untouched: no ChiPao table written into it", async () => {
    const file = tempFile();
    const other = new Database(file);
    other.exec(`CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers (name) VALUES ('ก');
      CREATE VIEW v_customers AS SELECT * FROM customers;`);
    other.close();
    const before = readFileSync(file);
    const error = await createCore({ dbPath: file, seedSample: true }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('DB_FOREIGN');
    expect((error as AppError).message).toContain('its tables: customers, v_customers');
    expect((error as AppError).messageTh).toContain('ไม่ใช่ไฟล์ข้อมูลของ ChiPao');
    expect(readFileSync(file).equals(before)).toBe(true);
    const check = new Database(file, { readonly: true });
    expect(tables(check)).toEqual(['customers']);
    check.close();
    // An empty file, or a new one, is where a ChiPao data file is made.
    const empty = openStore(tempFile());
    expect(await migrate(empty.db)).toHaveLength(latestVersion());
    await empty.close();
  });

  it('refuses a newer rollback-journal database (a backup made with VACUUM INTO) without switching it to WAL', async () => {
    const file = tempFile();
    const raw = new Database(file);
    raw.exec('CREATE TABLE t (x INTEGER)');
    raw.pragma('user_version = 99');
    raw.close();
    const before = readFileSync(file);
    await expect(createCore({ dbPath: file })).rejects.toMatchObject({ code: 'DB_NEWER' });
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('a failing migration rolls back entirely', async () => {
    const file = tempFile();
    const store = openStore(file);
    const list: Migration[] = [
      { version: 1, name: 'one', up: async (db) => void (await sql`CREATE TABLE first_table (x INTEGER)`.execute(db)) },
      {
        version: 2,
        name: 'two',
        up: async (db) => {
          await sql`CREATE TABLE second_table (x INTEGER)`.execute(db);
          throw new Error('migration 2 broke');
        },
      },
    ];
    await expect(migrate(store.db, list)).rejects.toThrow('migration 2 broke');
    expect(await readVersion(store.db)).toBe(0);
    expect(tables(store.sqlite)).toEqual([]);

    // From version 1, a failing step 2 leaves version 1 and its table as they were.
    expect(await migrate(store.db, list, 1)).toEqual([1]);
    store.sqlite.exec('INSERT INTO first_table VALUES (1)');
    await expect(migrate(store.db, list)).rejects.toThrow('migration 2 broke');
    expect(await readVersion(store.db)).toBe(1);
    expect(tables(store.sqlite)).toEqual(['first_table']);
    expect(store.sqlite.prepare('SELECT x FROM first_table').all()).toEqual([{ x: 1 }]);
    await store.close();
  });

  it('looking a need up by (source, external_id) uses the UNIQUE index', async () => {
    const file = tempFile();
    const store = openStore(file);
    await migrate(store.db);
    const plan = store.sqlite
      .prepare('EXPLAIN QUERY PLAN SELECT id FROM need WHERE source = ? AND external_id = ?')
      .all('s', 'x') as { detail: string }[];
    const detail = plan.map((p) => p.detail).join(' | ');
    expect(detail).toMatch(/SEARCH need USING (COVERING )?INDEX sqlite_autoindex_need_\d+ \(source=\? AND external_id=\?\)/u);
    expect(detail).not.toMatch(/SCAN need/u);
    await store.close();
  });
});
