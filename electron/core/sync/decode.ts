/**
 * Strict text decoding for imported files: bytes that are not UTF-8 are an error that names the file and the line,
 * never U+FFFD; lines are bounded before they are decoded.
 */
import { isUtf8 } from 'node:buffer';
import { AppError } from '../../../shared/api/errors';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
const utf8Line = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Decodes UTF-8 (a BOM is dropped); invalid bytes are refused with the line and byte offset of the first one. */
export function decodeUtf8(bytes: Uint8Array, fileName: string): string {
  // Checked, then decoded in one step into the final string: the strict decoder builds its text in a buffer of its
  // own first (hundreds of megabytes more for a large file), so it only runs to say where bytes go wrong.
  if (isUtf8(bytes)) {
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  }
  try {
    return utf8.decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    const line = lineAt(bytes, at);
    throw new AppError(
      'IMPORT_REJECTED',
      `${fileName}: line ${line} is not UTF-8 text (invalid byte at offset ${at}); save the file as UTF-8`,
      `${fileName}: บรรทัดที่ ${line} ไม่ใช่ข้อความ UTF-8 (ไบต์ไม่ถูกต้องที่ตำแหน่ง ${at}) กรุณาบันทึกไฟล์เป็น UTF-8`,
      [
        {
          line,
          code: 'BAD_UTF8',
          en: `invalid UTF-8 byte at offset ${at}`,
          th: `ไบต์ที่ตำแหน่ง ${at} ไม่ใช่ UTF-8`,
        },
      ],
    );
  }
}

/** The 1-based line that holds a byte offset. */
export function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  const end = Math.min(offset, bytes.length);
  for (let i = 0; i < end; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/** One line of a file: its text, or why it could not be decoded (with the byte offset in the file). */
export type DecodedLine =
  | Readonly<{ line: number; text: string }>
  | Readonly<{ line: number; fault: 'BAD_UTF8' | 'LINE_TOO_LONG'; offset: number; length: number }>;

/**
 * Splits UTF-8 bytes into lines (LF or CRLF; a leading BOM dropped) and decodes each strictly, so an invalid byte is
 * reported on its own line and a line longer than `maxLineBytes` is never decoded.
 */
export function* utf8Lines(bytes: Uint8Array, maxLineBytes: number): Generator<DecodedLine> {
  let start = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  let line = 0;
  while (start <= bytes.length) {
    let end = bytes.indexOf(0x0a, start);
    const last = end < 0;
    if (last) end = bytes.length;
    line++;
    let stop = end;
    if (stop > start && bytes[stop - 1] === 0x0d) stop--;
    const length = stop - start;
    if (length > maxLineBytes) {
      yield { line, fault: 'LINE_TOO_LONG', offset: start, length };
    } else if (length > 0) {
      const slice = bytes.subarray(start, stop);
      let text: string | null = null;
      try {
        text = utf8Line.decode(slice);
      } catch {
        text = null;
      }
      yield text === null
        ? { line, fault: 'BAD_UTF8', offset: start + Math.max(0, firstInvalidUtf8(slice)), length }
        : { line, text };
    }
    if (last) break;
    start = end + 1;
  }
}

/** Offset of the first byte that breaks UTF-8, or -1 when all of it is valid. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const n = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (n < 0) return i;
    if (n > 0) {
      if (i + n >= bytes.length) return i;
      const second = bytes[i + 1]!;
      const lo = b === 0xe0 ? 0xa0 : b === 0xf0 ? 0x90 : 0x80;
      const hi = b === 0xed ? 0x9f : b === 0xf4 ? 0x8f : 0xbf;
      if (second < lo || second > hi) return i;
      for (let k = 2; k <= n; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return i;
    }
    i += n + 1;
  }
  return -1;
}
