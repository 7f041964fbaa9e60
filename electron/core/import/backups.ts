/**
 * An online SQLite backup before every sync or import (better-sqlite3's backup API: readers and the host keep going),
 * a list of them, and a restore that copies every table of a backup back into the live database in one transaction,
 * so the store ends exactly as it was when the backup was taken, except the append-only audit log, which keeps every
 * event and gains one for the restore, and the database's identity. The newest MAX_BACKUPS are kept.
 */
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { AppError } from '../../../shared/api/errors';
import { appendAudit } from '../audit/audit-log';
import type { SqliteStore } from '../db/sqlite-store';
import { reindexAllNeeds } from '../db/need-search';

export const MAX_BACKUPS = 10;
/**
 * Tables a restore keeps as they are: the audit log is append-only and records the restore itself; the database's
 * identity is made once and never changes (the audit anchor names it).
 */
const KEPT_SQL = "'audit_event', 'database_identity'";
export const BACKUP_NAME = /^chipao-\d{8}T\d{9}Z-[a-z-]{1,40}\.sqlite$/u;

export type BackupInfo = Readonly<{ name: string; size: number; createdAt: string; reason: string }>;

export function backupDir(dbPath: string): string {
  return join(dirname(dbPath), `${basename(dbPath)}.backups`);
}

function stamp(date: Date): string {
  return date.toISOString().replace(/[-:.]/gu, '');
}

/** Backs the live database up to a new file (named by time and reason) and prunes the oldest beyond MAX_BACKUPS. */
export async function backupNow(store: SqliteStore, dbPath: string, reason: string): Promise<BackupInfo> {
  const dir = backupDir(dbPath);
  mkdirSync(dir, { recursive: true });
  const safeReason =
    reason
      .toLowerCase()
      .replace(/[^a-z-]+/gu, '-')
      .slice(0, 40) || 'manual';
  const name = `chipao-${stamp(new Date())}-${safeReason}.sqlite`;
  await store.sqlite.backup(join(dir, name));
  const all = listBackups(dbPath);
  for (const old of all.slice(MAX_BACKUPS)) rmSync(join(dir, old.name), { force: true });
  return (
    all.find((b) => b.name === name) ?? {
      name,
      size: statSync(join(dir, name)).size,
      createdAt: new Date().toISOString(),
      reason: safeReason,
    }
  );
}

/** The backups, newest first. */
export function listBackups(dbPath: string): BackupInfo[] {
  const dir = backupDir(dbPath);
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => BACKUP_NAME.test(n));
  } catch {
    return [];
  }
  return names
    .sort()
    .reverse()
    .map((name) => {
      const m = /^chipao-(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)(\d{3})Z-(.+)\.sqlite$/u.exec(name)!;
      return {
        name,
        size: statSync(join(dir, name)).size,
        createdAt: `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.${m[7]}Z`,
        reason: m[8]!,
      };
    });
}

/**
 * Replaces the content of every table with the backup's, in one transaction (foreign keys checked at commit). A backup
 * from another schema version is refused and nothing changes.
 */
export function restoreBackup(store: SqliteStore, dbPath: string, name: string, actor: string): void {
  if (!BACKUP_NAME.test(name) || !listBackups(dbPath).some((b) => b.name === name)) {
    throw new AppError('NOT_FOUND', `no backup named ${name}`, `ไม่พบข้อมูลสำรองชื่อ ${name}`);
  }
  const { sqlite } = store;
  sqlite.prepare('ATTACH DATABASE ? AS bak').run(join(backupDir(dbPath), name));
  try {
    const version = (db: string): number =>
      (sqlite.prepare(`PRAGMA ${db}.user_version`).get() as { user_version: number }).user_version;
    if (version('bak') !== version('main')) {
      throw new AppError(
        'INVALID_STATE',
        `the backup ${name} has schema version ${version('bak')}, this database ${version('main')}`,
        `ข้อมูลสำรอง ${name} เป็นโครงสร้างรุ่น ${version('bak')} ไม่ตรงกับฐานข้อมูลนี้ (รุ่น ${version('main')})`,
      );
    }
    const tables = (
      sqlite
        .prepare(
          // Ordinary tables only: the search index (an FTS5 virtual table and its shadow tables) is rebuilt from them below.
          `SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT IN (${KEPT_SQL}) ORDER BY name`,
        )
        .all() as {
        name: string;
      }[]
    ).map((t) => t.name);
    sqlite.pragma('defer_foreign_keys = ON');
    sqlite.transaction(() => {
      sqlite.pragma('defer_foreign_keys = ON');
      for (const t of tables) sqlite.prepare(`DELETE FROM main."${t}"`).run();
      for (const t of tables) {
        const cols = (sqlite.prepare(`PRAGMA main.table_info("${t}")`).all() as { name: string }[])
          .map((c) => `"${c.name}"`)
          .join(', ');
        sqlite.prepare(`INSERT INTO main."${t}" (${cols}) SELECT ${cols} FROM bak."${t}" ORDER BY rowid`).run();
      }
      reindexAllNeeds(sqlite);
      const hasSeq = sqlite.prepare("SELECT 1 FROM main.sqlite_master WHERE name = 'sqlite_sequence'").get();
      if (hasSeq) {
        sqlite.prepare(`DELETE FROM main.sqlite_sequence WHERE name NOT IN (${KEPT_SQL})`).run();
        sqlite
          .prepare(
            `INSERT INTO main.sqlite_sequence (name, seq) SELECT name, seq FROM bak.sqlite_sequence WHERE name NOT IN (${KEPT_SQL})`,
          )
          .run();
      }
      appendAudit(sqlite, actor, 'backup.restored', { name });
    })();
  } finally {
    sqlite.prepare('DETACH DATABASE bak').run();
  }
}
