/**
 * The commands' check of an input file: missing, a folder, a device or pipe, each said as what it is (exit 2); the
 * usage text every command adds a line to.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from './test-cli';
import { requireInputFile, UsageError } from './usage';

const dir = mkdtempSync(join(tmpdir(), 'chipao-usage-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('requireInputFile', () => {
  it('takes a file; refuses a missing path, a folder and a device, each named as such in Thai and English', () => {
    const file = join(dir, 'needs.csv');
    writeFileSync(file, 'a\n');
    expect(() => requireInputFile(file)).not.toThrow();
    const refusal = (path: string): UsageError => {
      try {
        requireInputFile(path);
      } catch (e) {
        if (e instanceof UsageError) return e;
      }
      throw new Error(`${path} was not refused`);
    };
    expect(refusal(join(dir, 'missing.csv'))).toMatchObject({ en: `file not found: ${join(dir, 'missing.csv')}` });
    expect(refusal(dir)).toMatchObject({ en: `${dir} is a folder, not a file`, th: `${dir} เป็นโฟลเดอร์ ไม่ใช่ไฟล์` });
    const device = refusal('/dev/zero');
    expect(device.en).toContain('/dev/zero is not a regular file (a device or a pipe)');
    expect(device.th).toContain('ไม่ใช่ไฟล์ธรรมดา');
  });
});

describe('the usage text', () => {
  it('lists every command in Thai, then in English, the reference import among them', () => {
    const help = cli('--help');
    expect(help.status).toBe(0);
    const lines = help.stdout.trim().split('\n');
    expect(lines).toContain('วิธีใช้: cli reference-import ไฟล์ --db ฐานข้อมูล');
    expect(lines).toContain('usage: cli reference-import FILE --db PATH');
    const half = lines.length / 2;
    expect(lines.slice(0, half).every((l) => l.startsWith('วิธีใช้: cli '))).toBe(true);
    expect(lines.slice(half).every((l) => l.startsWith('usage: cli '))).toBe(true);
  }, 60_000);
});
