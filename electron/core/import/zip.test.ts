/**
 * The zip reader skips what desktops write beside the files a user zipped (as it skips macOS metadata) and refuses
 * two entries of one name, whose reading would depend on which one a reader takes.
 */
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/api/errors';
import { writeZip } from '../../../test/fixtures/zip-writer';
import { readZip } from './zip';

describe('readZip', () => {
  it('skips Thumbs.db, desktop.ini, .DS_Store and macOS metadata, in any folder and any case', () => {
    const bytes = writeZip([
      { name: 'Thumbs.db', data: Buffer.from([0xd0, 0xcf, 0x11, 0xe0]) },
      { name: 'รายงาน/DESKTOP.INI', data: '[.ShellClassInfo]' },
      { name: '.DS_Store', data: Buffer.alloc(8) },
      { name: 'รายงาน/.DS_Store', data: Buffer.alloc(8) },
      { name: '__MACOSX/._needs.csv', data: 'x' },
      { name: 'รายงาน/', data: '', method: 0 },
      { name: 'รายงาน/needs.csv', data: 'a,b\n' },
      { name: 'thumbs.db.csv', data: 'c,d\n' },
    ]);
    expect(readZip(bytes, 'a.zip', { keep: () => true }).map((e) => e.name)).toEqual(['รายงาน/needs.csv', 'thumbs.db.csv']);
  });

  it('refuses two entries of one name, naming it', () => {
    const bytes = writeZip([
      { name: 'needs.csv', data: 'a\n' },
      { name: 'other.csv', data: 'b\n' },
      { name: 'needs.csv', data: 'c\n' },
    ]);
    for (const options of [{ listOnly: true }, { keep: () => true }]) {
      let error: unknown;
      try {
        readZip(bytes, 'a.zip', options);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).problems?.[0]).toMatchObject({ code: 'CORRUPT_FILE', line: 0 });
      expect((error as AppError).message).toContain("'needs.csv'");
    }
  });

  it('does not count skipped entries as duplicates', () => {
    const bytes = writeZip([
      { name: 'Thumbs.db', data: 'x' },
      { name: 'Thumbs.db', data: 'y' },
      { name: 'needs.csv', data: 'a\n' },
    ]);
    expect(readZip(bytes, 'a.zip', { keep: () => true }).map((e) => e.name)).toEqual(['needs.csv']);
  });
});
