/**
 * `audit-verify --db PATH`: re-walks the audit chain of a database file and checks it against the anchor kept
 * beside it. Prints one JSON object `{"ok", "length", "head", "anchor_length", "problem"}`; names the first broken
 * event (Thai and English on stderr) and exits 1 when the trail does not verify, 0 when it does. Reads only.
 */
import { existsSync } from 'node:fs';
import { checkAudit, fileAnchorStore } from '../audit/anchor';
import { AppError } from '../../../shared/api/errors';
import { openStore } from '../db/database';
import { readVersion, refuseForeign } from '../db/migrate';
import { requireDb } from './round-db';
import { UsageError, type Command } from './usage';

export const auditVerify: Command = {
  usage: { en: 'audit-verify --db PATH', th: 'audit-verify --db ไฟล์ฐานข้อมูล' },
  async run(argv) {
    let db: string | undefined;
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i]!;
      if (a === '--db') db = argv[++i];
      else if (a.startsWith('--db=')) db = a.slice('--db='.length);
      else throw new UsageError(`ไม่รู้จักตัวเลือก ${a}`, `unknown option ${a}`);
    }
    if (!db) throw new UsageError('ไม่ได้ระบุ --db', 'missing --db PATH');
    requireDb(db);
    const store = openStore(db);
    try {
      store.sqlite.pragma('query_only = ON');
      // A file without ChiPao's schema version has no audit trail to check: another program's database, or empty.
      if ((await readVersion(store.db)) === 0) {
        await refuseForeign(store.db);
        throw new AppError('DB_FOREIGN', `${db} is not a ChiPao data file (it is empty)`, `${db} ไม่ใช่ไฟล์ข้อมูลของ ChiPao (ไฟล์ว่าง)`);
      }
      const status = checkAudit(store.sqlite, existsSync(`${db}.audit-anchor.json`) ? fileAnchorStore(db) : null);
      process.stdout.write(
        `${JSON.stringify({
          ok: status.ok,
          length: status.length,
          head: status.head,
          anchor_length: status.anchor?.length ?? null,
          problem: status.problem
            ? {
                code: status.problem.code,
                event_id: status.problem.eventId,
                position: status.problem.position,
                message: status.problem.en,
              }
            : null,
        })}\n`,
      );
      if (status.problem) process.stderr.write(`${status.problem.th}\n${status.problem.en}\n`);
      return status.ok ? 0 : 1;
    } finally {
      await store.close();
    }
  },
};
