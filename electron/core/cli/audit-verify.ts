/**
 * `audit-verify --db PATH`: re-walks the audit chain of a database file and checks it against the anchor kept
 * beside it, checks that the database still refuses edits of its records (the append-only triggers) and that every
 * approved plan's frozen inputs still match its manifest's SHA-256 (as `plan-export` checks before issuing one).
 * Prints one JSON object `{"ok", "length", "head", "anchor_length", "problem", "triggers_missing",
 * "approvals_tampered"}`; names what is wrong (Thai and English on stderr) and exits 1 when anything does not verify, 0
 * when all does. Reads only: the file and the `-wal`, `-shm` and `-journal` beside it are left byte for byte as they
 * were (`openUntouched`), a WAL a stopped app left beside it read, never copied into it.
 */
import { existsSync } from 'node:fs';
import { checkAudit, fileAnchorStore } from '../audit/anchor';
import { missingTriggers, tamperedApprovals } from '../audit/integrity';
import { AppError } from '../../../shared/api/errors';
import { errorCode } from '../system-failure';
import { openUntouched } from '../db/read-untouched';
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
    try {
      return await verifyFile(db);
    } catch (e) {
      // The file itself, not its trail: not a database at all (refused as another program's file is), or damaged.
      const code = errorCode(e);
      if (code === 'SQLITE_NOTADB') {
        throw new AppError(
          'DB_FOREIGN',
          `${db} is not a database file (not SQLite): there is no audit trail in it to check`,
          `${db} ไม่ใช่ไฟล์ฐานข้อมูล (ไม่ใช่ไฟล์ SQLite) จึงไม่มีบันทึกการตรวจสอบให้ตรวจ`,
        );
      }
      if (code === 'SQLITE_CORRUPT') {
        const en = `${db} is damaged (SQLite: database disk image is malformed): its audit trail cannot be read whole, so it does not verify; check a backup`;
        const th = `ไฟล์ฐานข้อมูล ${db} เสียหาย อ่านบันทึกการตรวจสอบได้ไม่ครบ จึงยืนยันความถูกต้องไม่ได้ กรุณาตรวจสอบไฟล์สำรอง`;
        process.stdout.write(
          `${JSON.stringify({ ok: false, length: null, head: null, anchor_length: null, problem: { code: 'database_corrupt', event_id: null, position: null, message: en }, triggers_missing: [], approvals_tampered: [] })}\n`,
        );
        process.stderr.write(`${th}\n${en}\n`);
        return 1;
      }
      throw e;
    }
  },
};

/** Checks the database file `db` (see the module comment): the exit code. */
async function verifyFile(db: string): Promise<number> {
  const { store, close } = openUntouched(db);
  try {
    // A file without ChiPao's schema version has no audit trail to check: another program's database, or empty.
    const version = await readVersion(store.db);
    if (version === 0) {
      await refuseForeign(store.db);
      throw new AppError('DB_FOREIGN', `${db} is not a ChiPao data file (it is empty)`, `${db} ไม่ใช่ไฟล์ข้อมูลของ ChiPao (ไฟล์ว่าง)`);
    }
    const status = checkAudit(store.sqlite, existsSync(`${db}.audit-anchor.json`) ? fileAnchorStore(db) : null);
    const triggers = missingTriggers(store, version);
    const approvals = tamperedApprovals(store, version);
    const others = [...triggers, ...approvals];
    const ok = status.ok && others.length === 0;
    // `problem` is the chain's break, else the first other problem; every problem is said on stderr.
    const first = others[0];
    process.stdout.write(
      `${JSON.stringify({
        ok,
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
          : first
            ? { code: first.code, event_id: null, position: null, message: first.en }
            : null,
        triggers_missing: triggers.map((t) => t.trigger),
        approvals_tampered: approvals.map((a) => ({ approval_id: a.approvalId, parts: a.parts })),
      })}\n`,
    );
    for (const p of [...(status.problem ? [status.problem] : []), ...others]) process.stderr.write(`${p.th}\n${p.en}\n`);
    return ok ? 0 : 1;
  } finally {
    await close();
  }
}
