import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemFailure } from './system-failure';

describe('systemFailure', () => {
  it('says why a file operation failed in Thai, keeping the code, and the English as Node wrote it', () => {
    let error: unknown;
    try {
      writeFileSync(join(tmpdir(), 'chipao-no-such-folder', 'x'), 'x');
    } catch (e) {
      error = e;
    }
    const r = systemFailure(error);
    expect(r?.th).toBe('ไม่พบไฟล์หรือโฟลเดอร์นี้ (ENOENT)');
    expect(r?.en).toMatch(/^ENOENT: no such file or directory/u);
  });

  it("reads SQLite's codes, extended ones by their family", () => {
    const dir = mkdtempSync(join(tmpdir(), 'chipao-sysfail-'));
    try {
      const path = join(dir, 'not-a-db.sqlite');
      writeFileSync(path, 'x'.repeat(4096));
      let error: unknown;
      try {
        new Database(path).prepare('SELECT 1 FROM sqlite_master').all();
      } catch (e) {
        error = e;
      }
      expect(systemFailure(error)).toEqual({
        en: 'SQLITE_NOTADB: file is not a database',
        th: 'ไฟล์นี้ไม่ใช่ฐานข้อมูลของโปรแกรม (ไม่ใช่ไฟล์ SQLite) (SQLITE_NOTADB)',
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(systemFailure(Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR_WRITE' }))?.th).toBe(
      'อ่านหรือเขียนไฟล์ฐานข้อมูลไม่สำเร็จ (SQLITE_IOERR_WRITE)',
    );
  });

  it('leaves errors without a known plain code to the caller (a fault of the program)', () => {
    expect(systemFailure(new TypeError('x is undefined'))).toBeNull();
    expect(systemFailure(Object.assign(new Error('x'), { code: 'ENOENT; rm -rf' }))).toBeNull();
    expect(systemFailure(Object.assign(new Error('x'), { code: 'EWHATEVER' }))).toBeNull();
    expect(systemFailure(null)).toBeNull();
  });
});
