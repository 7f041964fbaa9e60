/** What every command of the command line shares: usage errors (exit 2) with a Thai and an English message. */
import { statSync } from 'node:fs';
export class UsageError extends Error {
  constructor(
    readonly th: string,
    readonly en: string,
  ) {
    super(en);
  }
}

/** One command: takes its own arguments (after the command name), writes to stdout/stderr, returns the exit code. */
export type Command = Readonly<{
  /** One usage line in English and in Thai. */
  usage: Readonly<{ en: string; th: string }>;
  run(argv: readonly string[]): Promise<number>;
}>;

/**
 * Refuses (exit 2) an input file that is not there, or not a file: a folder, or a device or pipe (`/dev/zero`), which
 * has no size to check before reading; and, given `maxBytes`, one larger than that.
 */
export function requireInputFile(path: string, maxBytes?: number): void {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    throw new UsageError(`ไม่พบไฟล์ ${path}`, `file not found: ${path}`);
  }
  if (stat.isDirectory()) throw new UsageError(`${path} เป็นโฟลเดอร์ ไม่ใช่ไฟล์`, `${path} is a folder, not a file`);
  if (!stat.isFile()) {
    throw new UsageError(
      `${path} ไม่ใช่ไฟล์ธรรมดา (เป็นอุปกรณ์หรือท่อข้อมูล): บันทึกข้อมูลเป็นไฟล์ก่อนแล้วระบุไฟล์นั้น`,
      `${path} is not a regular file (a device or a pipe): save the data to a file and name that file`,
    );
  }
  if (maxBytes !== undefined && stat.size > maxBytes) throw new UsageError(`ไฟล์ ${path} ใหญ่เกินที่รับได้`, `file too large: ${path}`);
}
