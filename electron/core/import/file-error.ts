/** A file refused as a whole (not what it claims, too big, corrupt), with a problem code and, when known, a place. */
import { AppError } from '../../../shared/api/errors';
import { problem, problemPlace, type ProblemCode } from '../../../shared/domain/import/problems';

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
  const p = problem(where.line ?? 0, where.column, code, en, th);
  // Its row, or its line in a feed or in a JSON document's text (problemPlace).
  const place = problemPlace(fileName, p);
  const at = place ? ` (${place.en}${where.column ? `, column ${where.column}` : ''})` : '';
  const atTh = place ? ` (${place.th}${where.column ? ` คอลัมน์ ${where.column}` : ''})` : '';
  return new AppError('IMPORT_REJECTED', `${fileName}: ${en}${at}`, `${fileName}: ${th}${atTh}`, [p]);
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

/**
 * A workbook part or a markup file that declares XML entities (`<!ENTITY …>`), or, for a workbook's own XML parts
 * (`documentType`), any document type (`<!DOCTYPE …>`): Excel, LibreOffice and the office formats never write one, and
 * it is how an entity bomb or a reference to a file outside is smuggled in. Its references would otherwise be stored
 * as the text "&name;" in a project's name. Refused naming the part; null when there is none. One pass per marker.
 */
export function declaredEntities(
  fileName: string,
  xml: Buffer | string,
  part: string | null,
  documentType: boolean,
): AppError | null {
  const found = xml.includes('<!ENTITY') ? '<!ENTITY' : documentType && xml.includes('<!DOCTYPE') ? '<!DOCTYPE' : null;
  if (found === null) return null;
  const inPart = part === null ? '' : ` in ${part}`;
  const inPartTh = part === null ? '' : ` ใน ${part}`;
  return fileError(
    fileName,
    'CORRUPT_FILE',
    `the file declares XML entities or a document type (${found} …${inPart}), which Excel and LibreOffice never write and which can make a reader expand text without end or read other files: save the table again from Excel (or LibreOffice) and import that file`,
    `ไฟล์มีการประกาศเอนทิตีหรือชนิดเอกสาร XML (${found} …${inPartTh}) ซึ่ง Excel และ LibreOffice ไม่เขียน และอาจทำให้โปรแกรมที่อ่านขยายข้อความไม่สิ้นสุดหรืออ่านไฟล์อื่น: กรุณาบันทึกตารางจาก Excel (หรือ LibreOffice) ใหม่ แล้วนำเข้าไฟล์นั้น`,
  );
}
