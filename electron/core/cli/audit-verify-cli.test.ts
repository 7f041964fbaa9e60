/**
 * `audit-verify` reads only: the database and the files SQLite keeps beside it (`-wal`, `-shm`) are byte for byte as
 * they were, also when a stopped app left a WAL beside the file (its transactions are read, never copied into the
 * file), and a path that is a folder is refused as such.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approveOnCli, cli } from './test-cli';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'chipao-audit-verify-cli-'));
const db = join(dir, 'sample.sqlite');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A copy of the sample with its anchor and key, in a folder of its own. */
function copyOf(name: string): string {
  const to = join(dir, name);
  mkdirSync(to);
  for (const suffix of ['', '.audit-anchor.json', '.audit-key']) copyFileSync(`${db}${suffix}`, join(to, `db.sqlite${suffix}`));
  return join(to, 'db.sqlite');
}

/**
 * Runs SQL on `path` in another process that stops without closing the database, as an app killed mid-session does:
 * what it wrote stays in the WAL beside the file (never checkpointed), with the WAL's index.
 */
function leaveInWal(path: string, sql: string): void {
  const script = `const D = require('better-sqlite3'); const db = new D(${JSON.stringify(path)});
    db.pragma('wal_autocheckpoint = 0'); db.exec(${JSON.stringify(sql)}); process.exit(0);`;
  const r = spawnSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8' });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
}

/** Each file of the folder with its SHA-256. */
function folder(path: string): Record<string, string> {
  const d = join(path, '..');
  return Object.fromEntries(
    readdirSync(d)
      .sort()
      .map((f) => [
        f,
        createHash('sha256')
          .update(readFileSync(join(d, f)))
          .digest('hex'),
      ]),
  );
}

function verify(path: string): { status: number | null; out: Record<string, unknown>; stderr: string } {
  const r = cli('audit-verify', '--db', path);
  return { status: r.status, out: JSON.parse(r.stdout || 'null') as Record<string, unknown>, stderr: r.stderr };
}

describe('cli audit-verify leaves the files it checks as they were', { timeout: 120_000 }, () => {
  beforeAll(() => {
    expect(cli('sample', '--db', db, '--needs', '200', '--projects', '10').status).toBe(0);
    const approve = approveOnCli(db, { scenario: '1', resolution: 'ครั้งที่ 3/2569 วันที่ 15 พฤศจิกายน 2569', by: 'นายสมชาย ใจดี' });
    expect(approve.stderr).toBe('');
    expect(approve.status).toBe(0);
  });

  it('reads a WAL left beside the file without copying it into the file, with or without its index', () => {
    const edit = 'DROP TRIGGER audit_event_no_delete; DELETE FROM audit_event WHERE id = (SELECT max(id) FROM audit_event)';
    for (const withIndex of [true, false]) {
      const path = copyOf(withIndex ? 'wal-and-shm' : 'wal-alone');
      leaveInWal(path, edit);
      expect(existsSync(`${path}-wal`)).toBe(true);
      if (!withIndex) rmSync(`${path}-shm`);
      const before = folder(path);
      const r = verify(path);
      // The edit lives only in the WAL: it is what the check reads, as the app would on opening.
      expect(r.status).toBe(1);
      expect(r.out).toMatchObject({ ok: false, problem: { code: 'truncated' }, triggers_missing: ['audit_event_no_delete'] });
      expect(r.stderr).toContain('events from position 2 on were removed');
      expect(folder(path)).toEqual(before);
    }
  });

  it('creates nothing beside a file in WAL mode that has no WAL, and refuses a folder as the database', () => {
    const path = copyOf('no-wal');
    const before = folder(path);
    const r = verify(path);
    expect(r.status).toBe(0);
    expect(r.out).toMatchObject({ ok: true, problem: null });
    expect(folder(path)).toEqual(before);

    const folderPath = join(dir, 'a-folder.sqlite');
    mkdirSync(folderPath);
    const f = cli('audit-verify', '--db', folderPath);
    expect(f.status).toBe(2);
    expect(f.stdout).toBe('');
    expect(f.stderr).toContain(`${folderPath} is a folder, not a database file`);
    expect(f.stderr).toContain('เป็นโฟลเดอร์');
    expect(readdirSync(folderPath)).toEqual([]);
  });

  it('names an append-only trigger recreated so that it never aborts, or for another change', () => {
    const path = copyOf('neutralised');
    const raw = new Database(path);
    raw.exec(`DROP TRIGGER audit_event_no_delete; DROP TRIGGER approval_part_no_update;
      CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event WHEN 0
        BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END;
      CREATE TRIGGER approval_part_no_update BEFORE UPDATE OF approval_id ON approval_part
        BEGIN SELECT RAISE(ABORT, 'approval_part is append-only'); END;
      DELETE FROM audit_event WHERE id = (SELECT max(id) FROM audit_event)`);
    raw.close();
    const r = verify(path);
    expect(r.status).toBe(1);
    expect(r.out).toMatchObject({
      ok: false,
      problem: { code: 'truncated' },
      triggers_missing: ['audit_event_no_delete', 'approval_part_no_update'],
    });
    expect(r.stderr).toContain('ทริกเกอร์ audit_event_no_delete ถูกลบหรือถูกแก้ไข');
    expect(r.stderr).toContain('its trigger approval_part_no_update was dropped or altered');
  });

  it('says a file that is not a database is not one (exit 2), and a damaged database does not verify (exit 1), naming the file', () => {
    const noise = join(dir, 'noise.sqlite');
    writeFileSync(noise, Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 7919) % 251)));
    const n = cli('audit-verify', '--db', noise);
    expect(n.status).toBe(2);
    expect(n.stderr).toContain(`${noise} is not a database file (not SQLite)`);
    expect(n.stderr).toContain(`${noise} ไม่ใช่ไฟล์ฐานข้อมูล`);
    const damaged = copyOf('damaged');
    truncateSync(damaged, Math.floor(statSync(damaged).size / 4));
    const before = folder(damaged);
    const d = verify(damaged);
    expect(d.status).toBe(1);
    expect(d.out).toMatchObject({ ok: false, problem: { code: 'database_corrupt' } });
    expect(d.stderr).toContain(`${damaged} is damaged`);
    expect(d.stderr).toContain(`ไฟล์ฐานข้อมูล ${damaged} เสียหาย`);
    expect(folder(damaged)).toEqual(before);
  });
});
