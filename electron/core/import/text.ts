/**
 * Text files as Thai offices save them: UTF-8 with or without BOM, UTF-16 LE/BE (with a BOM, or detected from the
 * zero bytes of mostly-ASCII text), and TIS-620 / Windows-874 (what Excel's "CSV" writes on Thai Windows, at times
 * behind a UTF-8 mark). Binary junk is refused, never decoded into replacement characters, and so is a file mixing
 * lines of UTF-8 Thai with lines in another encoding, at the first of those (each reading would garble the other).
 */
import { fileError } from './file-error';

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-874';

function decode(encoding: TextEncodingName, bytes: Uint8Array): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * Guesses UTF-16 without a BOM from the high byte of each 16-bit unit (the odd bytes in LE, the even ones in BE): in
 * text of ASCII and Thai it is 0x00 or 0x0E (the Thai block, U+0E01–U+0E7F) nearly always, which no UTF-8 or TIS-620
 * text comes near (neither has those bytes in such a rhythm). Mostly-ASCII text shows it as zeros alone; mostly-Thai
 * text, where zeros are only its commas, digits and line ends, by the 0x0E bytes.
 */
function utf16Guess(bytes: Uint8Array): TextEncodingName | null {
  const n = Math.min(bytes.length - (bytes.length % 2), 4096);
  if (n < 4) return null;
  let evenZero = 0;
  let oddZero = 0;
  let evenHigh = 0;
  let oddHigh = 0;
  for (let i = 0; i < n; i += 2) {
    const even = bytes[i]!;
    const odd = bytes[i + 1]!;
    if (even === 0) evenZero++;
    if (odd === 0) oddZero++;
    // A unit's high byte as Thai or ASCII text has it: 0x00, or 0x0E with a low byte in the Thai block.
    if (odd === 0 || (odd === 0x0e && even >= 0x01 && even <= 0x7f)) oddHigh++;
    if (even === 0 || (even === 0x0e && odd >= 0x01 && odd <= 0x7f)) evenHigh++;
  }
  const pairs = n / 2;
  if (oddZero > pairs * 0.4 && evenZero < pairs * 0.05) return 'utf-16le';
  if (evenZero > pairs * 0.4 && oddZero < pairs * 0.05) return 'utf-16be';
  if (oddHigh > pairs * 0.95 && oddZero > 0 && evenZero < pairs * 0.05) return 'utf-16le';
  if (evenHigh > pairs * 0.95 && evenZero > 0 && oddZero < pairs * 0.05) return 'utf-16be';
  return null;
}

/**
 * Whether a valid UTF-8 reading is rather TIS-620 that happens to be valid UTF-8: TIS-620's letters and vowels (A1–FB)
 * include UTF-8's lead and continuation bytes, so a few Thai letters alone can be both, "ยกเกก" (C2 A1 E0 A1 A1) reads
 * "¡ࡡ". Such a reading has no Thai, and with ฮ–฿ (CE–DF) or เ แ (E0 E1) as lead bytes it has characters no Thai office
 * file holds: the scripts from Greek to Greek Extended, or C1 controls (Windows-874's € … ‘ ’ after a lead). Latin
 * letters, punctuation and symbols count for UTF-8: "é" (C3 A9) would be "รฉ". The first 64 KB are searched for such
 * characters, the whole text for Thai.
 */
function misreadTis620(utf8: string): boolean {
  return /[\u0080-\u009f\u0370-\u0dff\u0e80-\u1fff]/u.test(utf8.slice(0, 65_536)) && !/[\u0e00-\u0e7f]/u.test(utf8);
}

/** The line (from 1, counted from `start`) of the byte at `offset`. */
function lineOf(bytes: Buffer, start: number, offset: number): number {
  let line = 1;
  for (let i = bytes.indexOf(0x0a, start); i !== -1 && i < offset; i = bytes.indexOf(0x0a, i + 1)) line++;
  return line;
}

/** The offset of the first byte from `start` that is no part of a valid UTF-8 sequence (RFC 3629), or -1. */
function firstNonUtf8(bytes: Buffer, start: number): number {
  for (let i = start; i < bytes.length;) {
    const c = bytes[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    // The sequence's length and its second byte's range: no overlong forms, no surrogates, nothing past U+10FFFF.
    const length = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
    const low = c === 0xe0 ? 0xa0 : c === 0xf0 ? 0x90 : 0x80;
    const high = c === 0xed ? 0x9f : c === 0xf4 ? 0x8f : 0xbf;
    let ok = length > 0 && i + length <= bytes.length && bytes[i + 1]! >= low && bytes[i + 1]! <= high;
    for (let k = 2; ok && k < length; k++) ok = bytes[i + k]! >= 0x80 && bytes[i + k]! <= 0xbf;
    if (!ok) return i;
    i += length;
  }
  return -1;
}

/**
 * In a file that is not wholly UTF-8, a line of UTF-8 Thai and the first line that is not UTF-8 (lines from 1, counted
 * from `start`), when there is such a line of Thai: a line valid as UTF-8 holding a Thai character (E0, then B8 or B9,
 * then a continuation byte). A TIS-620 line is valid UTF-8 holding one only by accident of every byte pairing up (เธ
 * before ก–ฟ), which no line of Thai words does: a file with both kinds of line mixes two encodings. Lines hold no part
 * of one another's sequences (bytes 0x80 and up are never a line feed), so each line is checked alone.
 */
function mixedUtf8(bytes: Buffer, start: number): { utf8Line: number; badLine: number } | null {
  const lead = [Buffer.from([0xe0, 0xb8]), Buffer.from([0xe0, 0xb9])];
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  let from = start;
  // The next place of each lead at or after `from` (each searched again only once passed, so the scan stays linear).
  const next = lead.map((l) => bytes.indexOf(l, from));
  for (;;) {
    for (let k = 0; k < lead.length; k++) if (next[k] !== -1 && next[k]! < from) next[k] = bytes.indexOf(lead[k]!, from);
    const hits = next.filter((i) => i !== -1);
    if (hits.length === 0) return null;
    const at = Math.min(...hits);
    const lineEnd = bytes.indexOf(0x0a, at);
    from = lineEnd === -1 ? bytes.length : lineEnd + 1;
    const third = bytes[at + 2] ?? 0;
    if (third < 0x80 || third > 0xbf) continue;
    const lineStart = Math.max(start, bytes.lastIndexOf(0x0a, at) + 1);
    try {
      utf8.decode(bytes.subarray(lineStart, from));
    } catch {
      continue;
    }
    const bad = firstNonUtf8(bytes, start);
    return bad === -1 ? null : { utf8Line: lineOf(bytes, start, at), badLine: lineOf(bytes, start, bad) };
  }
}

/** The first line (from 1, counted from `start`) holding a byte that Windows-874 leaves undefined, if any. */
function firstLineOutsideWindows874(bytes: Uint8Array, start: number): number | null {
  let line = 1;
  for (let i = start; i < bytes.length; i++) {
    const c = bytes[i]!;
    if (c === 0x0a) line++;
    else if ((c >= 0x81 && c <= 0x9f && c !== 0x85 && (c < 0x91 || c > 0x97)) || (c >= 0xdb && c <= 0xde) || c >= 0xfc) {
      return line;
    }
  }
  return null;
}

/** Decodes Windows-874; bytes TIS-620 leaves undefined decode to private-use or C1 characters: the file is not Thai text. */
function decodeWindows874(bytes: Uint8Array): string | null {
  const text = decode('windows-874', bytes);
  return text !== null && /[\u0080-\u009f\uf8c1-\uf8c8]/u.test(text) ? null : text;
}

/**
 * Decodes a text file, detecting its encoding; refuses binary content and bytes valid in no accepted encoding.
 * @example decodeText(Buffer.from([0xca, 0xc3, 0xd0, 0xba, 0xd8, 0xc3, 0xd5]), 'a.csv') // { text: 'สระบุรี', encoding: 'windows-874' }
 */
export function decodeText(bytes: Uint8Array, fileName: string): { text: string; encoding: TextEncodingName } {
  let encoding: TextEncodingName | null = null;
  const utf8Bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  if (utf8Bom) encoding = 'utf-8';
  else if (bytes[0] === 0xff && bytes[1] === 0xfe) encoding = 'utf-16le';
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) encoding = 'utf-16be';
  else encoding = utf16Guess(bytes);
  let text: string | null;
  if (encoding === null || utf8Bom) {
    if (!utf8Bom && bytes.includes(0)) {
      throw fileError(fileName, 'BINARY_FILE', 'the file is binary, not text', 'ไฟล์เป็นข้อมูลไบนารี ไม่ใช่ข้อความ');
    }
    encoding = 'utf-8';
    text = decode('utf-8', bytes);
    if (text === null || (!utf8Bom && misreadTis620(text))) {
      const start = utf8Bom ? 3 : 0;
      const mixed = text === null ? mixedUtf8(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), start) : null;
      if (mixed !== null) {
        // Lines of UTF-8 Thai beside lines that are not UTF-8: part of the file was saved in another encoding (or
        // damaged). Read as TIS-620 the UTF-8 lines would turn into "เธ…" text, so neither reading is taken.
        throw fileError(
          fileName,
          'BAD_ENCODING',
          `this line is not UTF-8 like the rest of the file (line ${mixed.utf8Line} is): part of the file was saved in ` +
            'another encoding, such as TIS-620 / Windows-874, or is damaged; save the whole file again in one encoding, ' +
            'such as UTF-8',
          `บรรทัดนี้ไม่ใช่ UTF-8 เหมือนส่วนอื่นของไฟล์ (บรรทัด ${mixed.utf8Line} เป็น UTF-8) บางส่วนของไฟล์บันทึกด้วย` +
            'การเข้ารหัสอื่น เช่น TIS-620 / Windows-874 หรือเสียหาย บันทึกทั้งไฟล์ใหม่ด้วยการเข้ารหัสเดียว เช่น UTF-8',
          { line: mixed.badLine },
        );
      }
      const thai = decodeWindows874(bytes.subarray(start));
      const thaiText = thai !== null && /[\u0e01-\u0e5b]/u.test(thai);
      // Valid in both: TIS-620 only when its reading is Thai. After a UTF-8 mark (BOM) that the rest belies, TIS-620
      // only when it reads as Thai (a program put the mark before text it saved in Windows-874).
      if (text === null || thaiText) {
        encoding = 'windows-874';
        text = utf8Bom && !thaiText ? null : thai;
      }
      if (text === null) {
        const line = firstLineOutsideWindows874(bytes, start);
        throw fileError(
          fileName,
          'BAD_ENCODING',
          'the file is not text in UTF-8, UTF-16 or TIS-620 / Windows-874',
          'ไฟล์ไม่ใช่ข้อความ UTF-8, UTF-16 หรือ TIS-620 / Windows-874',
          line === null ? {} : { line },
        );
      }
    }
  } else {
    text = decode(encoding, bytes);
  }
  if (text === null) {
    throw fileError(
      fileName,
      'BAD_ENCODING',
      `the file is not text in ${encoding.toUpperCase()}`,
      `ไฟล์ไม่ใช่ข้อความ ${encoding.toUpperCase()}`,
    );
  }
  const body = text.replace(/^\uFEFF/u, '');
  // Text with many control characters is binary that happened to decode.

  const controls = (body.slice(0, 65_536).match(/[\u0000-\u0008\u000e-\u001f\u007f]/gu) ?? []).length;
  if (controls > 16 && controls > Math.min(body.length, 65_536) * 0.01) {
    throw fileError(fileName, 'BINARY_FILE', 'the file is binary, not text', 'ไฟล์เป็นข้อมูลไบนารี ไม่ใช่ข้อความ');
  }
  return { text: body, encoding };
}
