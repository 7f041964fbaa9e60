/**
 * Runs pending migrations in one transaction, tracked by SQLite's user_version. Refuses a database
 * written by a newer app, and a migration list that is not strictly increasing.
 */
import { sql, type Kysely } from 'kysely';
import { AppError } from '../../../shared/api/errors';
import { migrations as defaultMigrations, type Migration } from './migrations';

export function latestVersion(list: readonly Migration[] = defaultMigrations): number {
  return list.at(-1)?.version ?? 0;
}

export function assertMonotonic(list: readonly Migration[]): void {
  list.forEach((m, i) => {
    const expected = i + 1;
    if (m.version !== expected) {
      throw new Error(`migration list is not monotonic: position ${i} has version ${m.version}, expected ${expected}`);
    }
  });
}

export async function readVersion<T>(db: Kysely<T>): Promise<number> {
  const { rows } = await sql<{ user_version: number }>`PRAGMA user_version`.execute(db);
  return rows[0]?.user_version ?? 0;
}

/**
 * Refuses a SQLite file that another program made: it holds tables but no ChiPao schema version (every ChiPao file
 * has one, set in the transaction that creates its tables). Migrating it would write ChiPao's tables into that
 * program's data; it is left untouched instead.
 */
export async function refuseForeign<T>(db: Kysely<T>): Promise<void> {
  const { rows } = await sql<{ name: string }>`
    SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' ORDER BY name LIMIT 6
  `.execute(db);
  if (rows.length === 0) return;
  const names = rows
    .slice(0, 5)
    .map((r) => r.name.slice(0, 40))
    .join(', ');
  const more = rows.length > 5 ? ', …' : '';
  throw new AppError(
    'DB_FOREIGN',
    `This file is the database of another program (its tables: ${names}${more}), not a ChiPao data file; nothing was changed. Name a ChiPao data file, or a new file to create one.`,
    `ไฟล์นี้เป็นฐานข้อมูลของโปรแกรมอื่น (มีตาราง ${names}${more}) ไม่ใช่ไฟล์ข้อมูลของ ChiPao จึงไม่ได้เปลี่ยนแปลงอะไร กรุณาระบุไฟล์ข้อมูลของ ChiPao หรือชื่อไฟล์ใหม่เพื่อสร้างไฟล์`,
  );
}

/** Migrates to `target` (default: the latest); returns the versions applied. */
export async function migrate<T>(
  db: Kysely<T>,
  list: readonly Migration[] = defaultMigrations,
  target = latestVersion(list),
): Promise<number[]> {
  assertMonotonic(list);
  const current = await readVersion(db);
  const latest = latestVersion(list);
  if (current > latest) {
    throw new AppError(
      'DB_NEWER',
      `This data file was written by a newer version of ChiPao (schema ${current}; this app knows up to ${latest}). Update the app to open it.`,
      `ไฟล์ข้อมูลนี้สร้างโดย ChiPao รุ่นใหม่กว่า (schema ${current} แต่โปรแกรมนี้รองรับถึง ${latest}) กรุณาปรับปรุงโปรแกรมก่อนเปิดไฟล์`,
    );
  }
  if (current === 0) await refuseForeign(db);
  const pending = list.filter((m) => m.version > current && m.version <= target);
  if (pending.length === 0) return [];
  // SQLite's documented way to rebuild a table that others reference: foreign keys off outside the transaction
  // (the pragma is a no-op inside one), every reference checked before commit, the previous setting restored.
  const { rows: fk } = await sql<{ foreign_keys: number }>`PRAGMA foreign_keys`.execute(db);
  const foreignKeys = fk[0]?.foreign_keys === 1;
  if (foreignKeys) await sql`PRAGMA foreign_keys = OFF`.execute(db);
  try {
    await db.transaction().execute(async (trx) => {
      for (const m of pending) await m.up(trx);
      const { rows: broken } = await sql<{ table: string; parent: string }>`PRAGMA foreign_key_check`.execute(trx);
      if (broken.length > 0) {
        const first = broken[0]!;
        throw new Error(`migration left ${broken.length} broken reference(s), first in table ${first.table} to ${first.parent}`);
      }
      await sql.raw(`PRAGMA user_version = ${Number(target)}`).execute(trx);
    });
  } finally {
    if (foreignKeys) await sql`PRAGMA foreign_keys = ON`.execute(db);
  }
  return pending.map((m) => m.version);
}
