/** Opening the database file a round command names (`--db PATH`), migrated, for the command's lifetime. */
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileAnchorStore } from '../audit/anchor';
import { createAuditWatch } from '../audit/audit-watch';
import { enableWal, openStore, type Store } from '../db/database';
import { migrate } from '../db/migrate';
import { UsageError } from './usage';

/**
 * Refuses a `--db` that names no file or a folder (exit 2), before anything is read or written: only `sample` (and the app) make a
 * database, so a mistyped path is said, never made into a new empty database with folders, anchor and key.
 */
export function requireDb(path: string, options: Readonly<{ orNew?: boolean }> = {}): void {
  if (existsSync(path)) {
    // SQLite would only say "unable to open database file".
    if (statSync(path).isDirectory()) {
      throw new UsageError(
        `${path} เป็นโฟลเดอร์ ไม่ใช่ไฟล์ฐานข้อมูล: ระบุไฟล์ฐานข้อมูล (เช่น ${join(path, 'chipao.sqlite')})`,
        `${path} is a folder, not a database file: name the database file (such as ${join(path, 'chipao.sqlite')})`,
      );
    }
    return;
  }
  // A command that fills a database (sync, round-import) may start one, in a folder that exists: a mistyped folder
  // is never created.
  if (options.orNew && existsSync(dirname(path)) && statSync(dirname(path)).isDirectory()) return;
  throw new UsageError(
    options.orNew
      ? `ไม่พบฐานข้อมูล ${path} และไม่พบโฟลเดอร์ ${dirname(path)}: ตรวจชื่อไฟล์และโฟลเดอร์`
      : `ไม่พบฐานข้อมูล ${path}: ตรวจชื่อไฟล์และโฟลเดอร์ (ฐานข้อมูลใหม่สร้างด้วยคำสั่ง sync หรือ round-import ในโฟลเดอร์ที่มีอยู่ คำสั่ง sample หรือเมื่อเปิดโปรแกรมครั้งแรก)`,
    options.orNew
      ? `database not found: ${path}, nor its folder ${dirname(path)}: check the path`
      : `database not found: ${path}: check the path (a new database is made by sync or round-import in a folder that exists, by sample, or by the app's first start)`,
  );
}

/**
 * Opens the existing store at `path` (refused when there is none); the caller closes it. As `createCore` does, the
 * audit chain is checked against its anchor on opening and the anchor moved to the chain's head on closing (when the
 * chain was intact), so events the command appended and later removed are caught by `audit-verify` and at the app's
 * next start.
 */
export async function openRoundDb(path: string, options: Readonly<{ orNew?: boolean }> = {}): Promise<Store> {
  requireDb(path, options);
  const store = openStore(path);
  try {
    await migrate(store.db);
    enableWal(store);
  } catch (e) {
    await store.close();
    throw e;
  }
  const audit = createAuditWatch(store.sqlite, fileAnchorStore(path));
  return {
    ...store,
    close: async () => {
      audit.close();
      await store.close();
    },
  };
}

/** Reads `--db PATH` (or `--db=PATH`) and the other options a round command takes. */
export function parseRoundArgs(
  argv: readonly string[],
  options: readonly string[],
): { db: string; values: Record<string, string>; positional: string[] } {
  const values: Record<string, string> = {};
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith('--')) {
      const [name, inline] = a.slice(2).split(/=(.*)/su, 2) as [string, string | undefined];
      if (name !== 'db' && !options.includes(name)) throw new UsageError(`ไม่รู้จักตัวเลือก ${a}`, `unknown option ${a}`);
      const value = inline ?? argv[++i];
      if (value === undefined || value === '') throw new UsageError(`ตัวเลือก --${name} ต้องมีค่า`, `option --${name} needs a value`);
      values[name] = value;
    } else positional.push(a);
  }
  const db = values['db'];
  if (db === undefined) throw new UsageError('ไม่ได้ระบุ --db', 'missing --db PATH');
  return { db, values, positional };
}
