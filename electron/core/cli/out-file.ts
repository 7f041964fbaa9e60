/**
 * The file a command writes (`--out`): checked before any work is done, so that a mistyped path never costs an
 * export's audit record or, worse, the database itself; then written whole or not at all (a temporary file beside it,
 * renamed over it), so that a full disk leaves no half-written plan.
 */
import { closeSync, existsSync, openSync, readSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { systemFailure } from '../system-failure';
import { UsageError } from './usage';

/** Files that belong to a database at `db`: itself, SQLite's journals, and its audit trail's anchor and key. */
function databaseFiles(db: string): string[] {
  const at = resolve(db);
  const real = existsSync(at) ? realpathSync(at) : at;
  return [real, ...['-wal', '-shm', '-journal', '.audit-anchor.json', '.audit-key'].map((s) => real + s)];
}

/** Whether the file begins as every SQLite database does. */
function isSqliteFile(path: string): boolean {
  const head = Buffer.alloc(16);
  let fd: number | null = null;
  try {
    fd = openSync(path, 'r');
    return readSync(fd, head, 0, 16, 0) === 16 && head.toString('latin1') === 'SQLite format 3\0';
  } catch {
    return false;
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/**
 * The absolute path an output file may be written to, or a usage error saying why not: its folder must exist, and
 * an existing file there must be a plain file that is neither the database `db` (nor one of its companions) nor any
 * other SQLite database.
 */
export function checkOutPath(out: string, db: string): string {
  const path = resolve(out);
  const folder = dirname(path);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    throw new UsageError(`--out: ไม่พบโฟลเดอร์ ${folder}`, `--out: no such folder: ${folder}`);
  }
  if (!existsSync(path)) return path;
  const stat = statSync(path);
  if (stat.isDirectory()) {
    throw new UsageError(`--out: ${out} เป็นโฟลเดอร์ ต้องระบุชื่อไฟล์`, `--out: ${out} is a folder; give a file name`);
  }
  if (!stat.isFile()) {
    throw new UsageError(`--out: ${out} ไม่ใช่ไฟล์ธรรมดา`, `--out: ${out} is not a regular file`);
  }
  if (databaseFiles(db).includes(realpathSync(path)) || isSqliteFile(path)) {
    throw new UsageError(
      `--out: ${out} เป็นไฟล์ฐานข้อมูล จะไม่เขียนทับ ให้ระบุไฟล์ผลลัพธ์อื่น`,
      `--out: ${out} is a database file and will not be overwritten; give another output file`,
    );
  }
  return path;
}

/** A file that could not be written, with the reason in Thai and English (exit code 1). */
export class OutFileError extends Error {
  constructor(
    readonly th: string,
    readonly en: string,
  ) {
    super(en);
    this.name = 'OutFileError';
  }
}

/** Writes `bytes` to `path` whole or not at all: to a temporary file in the same folder, then renamed over it. */
export function writeOutFile(path: string, bytes: Uint8Array): void {
  const temp = resolve(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(temp, bytes, { flag: 'wx' });
    renameSync(temp, path);
  } catch (e) {
    rmSync(temp, { force: true });
    const why = systemFailure(e);
    const en = why?.en ?? (e instanceof Error ? e.message : String(e));
    throw new OutFileError(`เขียนไฟล์ ${path} ไม่สำเร็จ: ${why?.th ?? 'เกิดข้อผิดพลาดในการเขียนไฟล์'}`, `could not write ${path}: ${en}`);
  }
}
