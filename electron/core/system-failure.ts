/**
 * A file-system or database failure (Node's and SQLite's error codes) in English and Thai, for the people who read a
 * command's message: a folder that does not exist, a full disk, a file that is not a database say why in the
 * reader's language, with the code for whoever helps. The Thai text never carries the English message.
 */

/** What happened, in Thai, by Node's file-system codes and better-sqlite3's SQLite codes. */
const REASONS_TH: Readonly<Record<string, string>> = {
  ENOENT: 'ไม่พบไฟล์หรือโฟลเดอร์นี้',
  ENOTDIR: 'ส่วนหนึ่งของเส้นทางไม่ใช่โฟลเดอร์',
  EISDIR: 'เส้นทางนี้เป็นโฟลเดอร์ ไม่ใช่ไฟล์',
  EACCES: 'ไม่มีสิทธิ์เข้าถึงไฟล์หรือโฟลเดอร์นี้',
  EPERM: 'ระบบไม่อนุญาตให้ทำกับไฟล์นี้',
  EROFS: 'ดิสก์นี้อ่านได้อย่างเดียว เขียนไม่ได้',
  ENOSPC: 'พื้นที่ดิสก์เต็ม',
  EDQUOT: 'ใช้พื้นที่ดิสก์เกินโควตา',
  ENAMETOOLONG: 'ชื่อไฟล์หรือเส้นทางยาวเกินไป',
  EBUSY: 'ไฟล์ถูกโปรแกรมอื่นใช้งานอยู่',
  EMFILE: 'เปิดไฟล์พร้อมกันมากเกินไป',
  EIO: 'อ่านหรือเขียนดิสก์ไม่สำเร็จ',
  SQLITE_NOTADB: 'ไฟล์นี้ไม่ใช่ฐานข้อมูลของโปรแกรม (ไม่ใช่ไฟล์ SQLite)',
  SQLITE_CORRUPT: 'ไฟล์ฐานข้อมูลเสียหาย',
  SQLITE_CANTOPEN: 'เปิดไฟล์ฐานข้อมูลไม่ได้',
  SQLITE_READONLY: 'ไฟล์ฐานข้อมูลเขียนไม่ได้ (อ่านอย่างเดียว)',
  SQLITE_BUSY: 'ฐานข้อมูลถูกโปรแกรมอื่นใช้งานอยู่',
  SQLITE_LOCKED: 'ฐานข้อมูลถูกล็อกอยู่',
  SQLITE_FULL: 'พื้นที่ดิสก์เต็ม',
  SQLITE_IOERR: 'อ่านหรือเขียนไฟล์ฐานข้อมูลไม่สำเร็จ',
  SQLITE_PERM: 'ไม่มีสิทธิ์เข้าถึงไฟล์ฐานข้อมูล',
};

/**
 * The code of a Node or SQLite error when it is a plain code (capitals, digits, underscores), else null: a code that is
 * not plain is never echoed into a message.
 */
export function errorCode(error: unknown): string | null {
  const raw = (error as { code?: unknown } | null)?.code;
  return typeof raw === 'string' && /^[A-Z0-9_]{1,60}$/u.test(raw) ? raw : null;
}

/**
 * What a file-system or database failure means, in English (the code and message kept) and Thai (the reason and the
 * code); null for an error without a known code (a fault of the program, reported as such).
 * @example systemFailure(Object.assign(new Error('no space left on device, write'), { code: 'ENOSPC' }))
 *   // { en: 'ENOSPC: no space left on device, write', th: 'พื้นที่ดิสก์เต็ม (ENOSPC)' }
 */
export function systemFailure(error: unknown): { en: string; th: string } | null {
  const code = errorCode(error);
  if (!code) return null;
  // An extended SQLite code (SQLITE_IOERR_WRITE) falls back to its family's reason.
  const reason = REASONS_TH[code] ?? (code.startsWith('SQLITE_') ? REASONS_TH[code.split('_').slice(0, 2).join('_')] : undefined);
  if (!reason) return null;
  const message = error instanceof Error ? error.message : String(error);
  return { en: message.startsWith(code) ? message : `${code}: ${message}`, th: `${reason} (${code})` };
}
