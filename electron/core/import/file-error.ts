/** A file refused as a whole (not what it claims, too big, corrupt), with a problem code and, when known, a place. */
import { AppError } from '../../../shared/api/errors';
import { problem, type ProblemCode } from '../../../shared/domain/import/problems';

/**
 * Throws IMPORT_REJECTED naming the file; `line` 0 means the file as a whole.
 * @example fileError('a.zip', 'ZIP_BOMB', 'an entry inflates beyond 256 MB', 'ข้อมูลในไฟล์ขยายเกิน 256 MB')
 */
export function fileError(
  fileName: string,
  code: ProblemCode,
  en: string,
  th: string,
  where: Readonly<{ line?: number; column?: string }> = {},
): AppError {
  const at = where.line ? ` (row ${where.line}${where.column ? `, column ${where.column}` : ''})` : '';
  const atTh = where.line ? ` (แถว ${where.line}${where.column ? ` คอลัมน์ ${where.column}` : ''})` : '';
  return new AppError('IMPORT_REJECTED', `${fileName}: ${en}${at}`, `${fileName}: ${th}${atTh}`, [
    problem(where.line ?? 0, where.column, code, en, th),
  ]);
}

/**
 * A workbook that needs a password to open (Excel's "Encrypt with Password" turns an .xlsx into an encrypted compound
 * file; an .xls or .ods may be encrypted too): refused, saying how its sender or the secretariat can take the password
 * off.
 */
export function encryptedWorkbook(fileName: string): AppError {
  return fileError(
    fileName,
    'ENCRYPTED_FILE',
    'the workbook is password-protected: open it with its password in Excel (or LibreOffice), take the password off (File > Info > Protect Workbook > Encrypt with Password, leave it empty), save it and import it again',
    'สมุดงานมีรหัสผ่าน: เปิดไฟล์ด้วยรหัสผ่านใน Excel (หรือ LibreOffice) แล้วนำรหัสผ่านออก (ไฟล์ > ข้อมูล > ป้องกันเวิร์กบุ๊ก > เข้ารหัสด้วยรหัสผ่าน แล้วลบรหัสผ่านให้ว่าง) บันทึก แล้วนำเข้าใหม่',
  );
}
