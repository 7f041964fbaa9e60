/**
 * `round-import SETUP.json --db PATH` creates (or updates) the round the file describes in an existing database
 * and prints one JSON line with what it did. A file with any problem exits 2 with each problem (place, Thai and English) and changes nothing.
 */
import { basename, resolve } from 'node:path';
import { AppError } from '../../../shared/api/errors';
import { decodeText } from '../import/text';
import { readSmallFile } from '../read-small-file';
import { importSetup, parseSetupFile } from '../services/round-file';
import { openRoundDb, parseRoundArgs, requireDb } from './round-db';
import { UsageError, type Command } from './usage';

/** A round-setup file is a few kilobytes; anything near this is not one. */
const MAX_SETUP_BYTES = 16 * 1024 * 1024;

const usage = { en: 'round-import SETUP.json --db PATH', th: 'round-import ไฟล์ตั้งค่า.json --db ไฟล์ฐานข้อมูล' };

function reportRejected(e: AppError): void {
  const lines = [`ไม่ได้นำเข้า: ${e.messageTh}`, `not imported: ${e.message}`];
  for (const p of e.problems ?? []) lines.push(`  ${p.column ? `${p.column}: ` : ''}${p.th} / ${p.en}`);
  process.stderr.write(`${lines.join('\n')}\n`);
}

export const roundImport: Command = {
  usage,
  async run(argv) {
    const { db, positional } = parseRoundArgs(argv, []);
    if (positional.length !== 1) throw new UsageError('ต้องระบุไฟล์ตั้งค่ารอบหนึ่งไฟล์', 'expected exactly one SETUP.json file');
    const path = positional[0]!;
    requireDb(resolve(db), { orNew: true });
    // Read up to the cap, not by the size stat gives: a device or a pipe (`/dev/zero`, `<(…)`) has none and may not end.
    let bytes: Buffer | 'too_large' | null;
    try {
      bytes = readSmallFile(path, MAX_SETUP_BYTES);
    } catch {
      bytes = null;
    }
    if (bytes === 'too_large') {
      throw new UsageError(
        `ไฟล์ ${path} ใหญ่เกินกว่าไฟล์ตั้งค่ารอบ (เกิน 16 MB)`,
        `${path} is too large for a round-setup file (over 16 MB)`,
      );
    }
    if (!bytes) throw new UsageError(`อ่านไฟล์ ${path} ไม่ได้`, `cannot read ${path}`);
    try {
      // The file is checked before the database is opened. Its text is decoded as the needs files are
      // (UTF-8, UTF-16 or TIS-620 / Windows-874, as Thai Windows saves it; anything else is refused, never garbled).
      const setup = parseSetupFile(decodeText(bytes, basename(path)).text);
      const store = await openRoundDb(db, { orNew: true });
      try {
        const summary = importSetup(store.sqlite, 'cli', setup);
        process.stdout.write(`${JSON.stringify(summary)}\n`);
        return 0;
      } finally {
        await store.close();
      }
    } catch (e) {
      if (e instanceof AppError && e.code !== 'DB_NEWER' && e.code !== 'DB_FOREIGN' && e.code !== 'INTERNAL') {
        reportRejected(e);
        return 2;
      }
      throw e;
    }
  },
};
