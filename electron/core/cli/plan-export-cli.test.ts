/**
 * `plan-export` as a script runs it: the plan written whole to the file named, its digest printed; a mistyped `--out`
 * (the database itself, another database, a folder, a device, a folder that does not exist) refused before anything
 * is exported or recorded, the database unchanged; a `--db` that is not a database refused in Thai and English.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkOutPath, OutFileError, writeOutFile } from './out-file';
import { cli, dbDigest } from './test-cli';

const dir = mkdtempSync(join(tmpdir(), 'chipao-plan-export-cli-'));
const db = join(dir, 'round.sqlite');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function exportTo(out: string, dbPath = db): ReturnType<typeof cli> {
  return cli('plan-export', '--db', dbPath, '--scenario', '1', '--format', 'csv', '--out', out);
}

describe('cli plan-export', { timeout: 120_000 }, () => {
  beforeAll(() => {
    const r = cli('sample', '--db', db, '--needs', '300', '--projects', '20');
    expect(r.status, r.stderr).toBe(0);
  }, 120_000);

  it('writes the plan to the file named and prints its SHA-256', () => {
    const out = join(dir, 'แผน.csv');
    const r = exportTo(out);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const printed = JSON.parse(r.stdout) as { out: string; sha256: string; bytes: number };
    const bytes = readFileSync(out);
    expect(printed).toMatchObject({ out, bytes: bytes.length });
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(printed.sha256);
    // No temporary file is left beside it.
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses to write over the database, its companions or another database, changing nothing', () => {
    const other = join(dir, 'other.sqlite');
    copyFileSync(db, other);
    const otherBytes = readFileSync(other);
    const before = dbDigest(db);
    const dbBytes = readFileSync(db);
    for (const out of [db, `${db}.audit-anchor.json`, other]) {
      const r = exportTo(out);
      expect(r.status, out).toBe(2);
      expect(r.stderr).toContain('will not be overwritten');
      expect(r.stderr).toContain('จะไม่เขียนทับ');
    }
    expect(readFileSync(db).equals(dbBytes)).toBe(true);
    expect(readFileSync(other).equals(otherBytes)).toBe(true);
    // Nothing exported, so nothing recorded in the audit trail.
    expect(dbDigest(db)).toBe(before);
  });

  it('refuses a folder, a device and a folder that does not exist, before exporting', () => {
    const before = dbDigest(db);
    const folder = exportTo(dir);
    expect(folder.status).toBe(2);
    expect(folder.stderr).toContain('is a folder');
    expect(folder.stderr).toContain('เป็นโฟลเดอร์');
    const device = exportTo('/dev/null');
    expect(device.status).toBe(2);
    expect(device.stderr).toContain('not a regular file');
    const missing = exportTo(join(dir, 'ไม่มี', 'plan.csv'));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('no such folder');
    expect(missing.stderr).toContain('ไม่พบโฟลเดอร์');
    expect(dbDigest(db)).toBe(before);
  });

  it('moves the audit anchor after round-import and plan-export, so their events cannot be removed unnoticed', () => {
    const copy = join(dir, 'anchored.sqlite');
    copyFileSync(db, copy);
    const verify = (): { status: number | null; out: { ok: boolean; length: number; anchor_length: number | null } } => {
      const r = cli('audit-verify', '--db', copy);
      return { status: r.status, out: JSON.parse(r.stdout) as { ok: boolean; length: number; anchor_length: number | null } };
    };
    const start = verify().out.length;
    const setup = join(dir, 'setup.json');
    writeFileSync(
      setup,
      JSON.stringify({ fiscal_year: 2572, name: 'รอบ 2572', ceiling: '1000000.00', development_issues: [{ no: 1, title: 'ก' }] }),
    );
    expect(cli('round-import', setup, '--db', copy).status).toBe(0);
    const imported = verify().out;
    expect(imported).toMatchObject({ ok: true, anchor_length: imported.length });
    expect(imported.length).toBeGreaterThan(start);
    expect(exportTo(join(dir, 'anchored.csv'), copy).status).toBe(0);
    expect(verify().out).toMatchObject({ ok: true, length: imported.length + 1, anchor_length: imported.length + 1 });
    // Remove the two commands' events (the append-only triggers dropped first): the anchor names the loss.
    const raw = new Database(copy);
    for (const { name } of raw
      .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_event'")
      .all() as { name: string }[]) {
      raw.exec(`DROP TRIGGER "${name}"`);
    }
    raw.prepare('DELETE FROM audit_event WHERE id > ?').run(start);
    raw.close();
    const after = cli('audit-verify', '--db', copy);
    expect(after.status).toBe(1);
    expect(JSON.parse(after.stdout)).toMatchObject({ ok: false, problem: { code: 'truncated' } });
  });

  it('says in Thai and English that a --db which is not a database is not one, and leaves it alone', () => {
    const notDb = join(dir, 'notes.sqlite');
    writeFileSync(notDb, 'บันทึกการประชุม ไม่ใช่ฐานข้อมูล\n'.repeat(200));
    const bytes = readFileSync(notDb);
    const r = exportTo(join(dir, 'x.csv'), notDb);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('ไม่ใช่ฐานข้อมูลของโปรแกรม (ไม่ใช่ไฟล์ SQLite) (SQLITE_NOTADB)');
    expect(r.stderr).toContain('error: SQLITE_NOTADB');
    expect(r.stderr).not.toMatch(/เกิดข้อผิดพลาด: [a-z]/u);
    expect(readFileSync(notDb).equals(bytes)).toBe(true);
    expect(existsSync(join(dir, 'x.csv'))).toBe(false);
  });
});

describe('out files', () => {
  it('checks a path that does not exist yet as writable, and a plain file as replaceable', () => {
    const fresh = join(dir, 'new.xlsx');
    expect(checkOutPath(fresh, db)).toBe(fresh);
    writeFileSync(fresh, 'old');
    expect(checkOutPath(fresh, db)).toBe(fresh);
  });

  it('writes whole or not at all, saying why in Thai when the system refuses', () => {
    const target = join(dir, 'whole.bin');
    writeFileSync(target, 'old plan');
    writeOutFile(target, Buffer.from('new plan'));
    expect(readFileSync(target, 'utf8')).toBe('new plan');
    let error: unknown = null;
    try {
      writeOutFile(join(dir, 'gone', 'plan.csv'), Buffer.from('x'));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OutFileError);
    expect((error as OutFileError).th).toContain('ไม่พบไฟล์หรือโฟลเดอร์นี้ (ENOENT)');
    expect((error as OutFileError).th).not.toMatch(/no such file/u);
    expect((error as OutFileError).en).toContain('ENOENT');
  });
});
