/**
 * `sync SOURCE --db PATH [--partial]`: imports a needs file (any accepted format) into a database (created and
 * migrated when new) and prints one JSON object `{"batch", "new", "changed", "withdrawn", "unchanged", "rejected"}`.
 * Exit 0 when the batch was applied, 1 when it was refused (the database unchanged), 2 for a usage error.
 * `needs-export --db PATH`: every need as one JSON line (see import/needs-export.ts).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { AppError } from '../../../shared/api/errors';
import { createCore } from '../core';
import { applyNeedsImport } from '../import/needs-import';
import { exportNeedLines } from '../import/needs-export';
import { MAX_UPLOAD_BYTES } from '../import/limits';
import { printRefused, rejectedRow, writeLines } from './report';
import { UsageError, type Command } from './usage';

type Parsed = { positional: string[]; db: string | undefined; partial: boolean };

function parseArgs(argv: readonly string[], allowPartial: boolean): Parsed {
  const out: Parsed = { positional: [], db: undefined, partial: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--db') out.db = argv[++i];
    else if (a.startsWith('--db=')) out.db = a.slice('--db='.length);
    else if (a === '--partial' && allowPartial) out.partial = true;
    else if (a.startsWith('--')) throw new UsageError(`ไม่รู้จักตัวเลือก ${a}`, `unknown option ${a}`);
    else out.positional.push(a);
  }
  if (!out.db) throw new UsageError('ไม่ได้ระบุ --db', 'missing --db');
  return out;
}

export const needsSyncCommand: Command = {
  usage: { en: 'sync FILE --db PATH [--partial]', th: 'sync ไฟล์ --db ฐานข้อมูล [--partial]' },
  async run(argv) {
    const { positional, db, partial } = parseArgs(argv, true);
    if (positional.length !== 1) throw new UsageError('ต้องระบุแหล่งข้อมูลหนึ่งแหล่ง', 'expected exactly one SOURCE');
    const source = positional[0]!;
    if (/^https?:\/\//iu.test(source)) {
      throw new UsageError(
        'ยังไม่รองรับการดึงข้อมูลผ่าน HTTPS ในคำสั่งนี้ ให้ระบุไฟล์',
        'pulling from an http(s) URL is not supported yet; give a file',
      );
    }
    if (!existsSync(source) || !statSync(source).isFile()) throw new UsageError(`ไม่พบไฟล์ ${source}`, `file not found: ${source}`);
    if (statSync(source).size > MAX_UPLOAD_BYTES) {
      throw new UsageError(`ไฟล์ ${source} ใหญ่เกินที่รับได้`, `file too large: ${source}`);
    }
    // A new database is created with the province's areas and categories (see createCore).
    const core = await createCore({ dbPath: resolve(db!), seedSample: false });
    try {
      const bytes = readFileSync(source);
      const name = source.split(/[\\/]/u).pop() ?? source;
      try {
        const r = applyNeedsImport(core.store, name, bytes, 'cli', { partial });
        const out = {
          batch: r.batchId,
          new: r.newCount,
          changed: r.changedCount,
          withdrawn: r.withdrawnCount,
          unchanged: r.unchangedCount,
          rejected: r.rejected.map(rejectedRow),
        };
        process.stdout.write(`${JSON.stringify(out)}\n`);
        return 0;
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        return printRefused(e, { batch: null, new: 0, changed: 0, withdrawn: 0, unchanged: 0 });
      }
    } finally {
      await core.close();
    }
  },
};

export const needsExportCommand: Command = {
  usage: { en: 'needs-export --db PATH', th: 'needs-export --db ฐานข้อมูล' },
  async run(argv) {
    const { positional, db } = parseArgs(argv, false);
    if (positional.length > 0) throw new UsageError('needs-export ไม่รับไฟล์', 'needs-export takes no file');
    if (!existsSync(db!)) throw new UsageError(`ไม่พบฐานข้อมูล ${db!}`, `database not found: ${db!}`);
    const core = await createCore({ dbPath: resolve(db!), seedSample: false });
    try {
      await writeLines(exportNeedLines(core.store));
      return 0;
    } finally {
      await core.close();
    }
  },
};
