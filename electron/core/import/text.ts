/**
 * Text files as Thai offices save them: UTF-8 with or without BOM, UTF-16 LE/BE (with a BOM, or detected from the
 * zero bytes of mostly-ASCII text), and TIS-620 / Windows-874 (what Excel's "CSV" writes on Thai Windows). Binary junk
 * is refused, never decoded into replacement characters.
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
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) encoding = 'utf-8';
  else if (bytes[0] === 0xff && bytes[1] === 0xfe) encoding = 'utf-16le';
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) encoding = 'utf-16be';
  else encoding = utf16Guess(bytes);
  let text: string | null;
  if (encoding === null) {
    if (bytes.includes(0)) {
      throw fileError(fileName, 'BINARY_FILE', 'the file is binary, not text', 'ไฟล์เป็นข้อมูลไบนารี ไม่ใช่ข้อความ');
    }
    encoding = 'utf-8';
    text = decode('utf-8', bytes);
    if (text === null || misreadTis620(text)) {
      const thai = decodeWindows874(bytes);
      // Valid in both: TIS-620 only when its reading is Thai.
      if (text === null || (thai !== null && /[\u0e01-\u0e5b]/u.test(thai))) {
        encoding = 'windows-874';
        text = thai;
      }
    }
  } else {
    text = decode(encoding, bytes);
  }
  if (text === null) {
    throw fileError(
      fileName,
      'BAD_ENCODING',
      `the file is not text in ${encoding === 'windows-874' ? 'UTF-8, UTF-16 or TIS-620 / Windows-874' : encoding.toUpperCase()}`,
      `ไฟล์ไม่ใช่ข้อความ ${encoding === 'windows-874' ? 'UTF-8, UTF-16 หรือ TIS-620 / Windows-874' : encoding.toUpperCase()}`,
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
