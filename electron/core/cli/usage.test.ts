/** The commands' check of an input file: missing, a folder, a device or pipe, each said as what it is (exit 2). */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
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
