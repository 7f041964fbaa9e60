/** Amounts in Thai words (จำนวนเงินเป็นตัวอักษร), as official exports write them. */
import thaiBahtText from 'thai-baht-text';
import { SATANG_PER_BAHT } from './money';

/**
 * Thai words for an amount in satang, with "เอ็ด" for a trailing one and "ศูนย์บาทถ้วน" for zero
 * (the underlying package returns an empty string for zero).
 * @example bahtText(100_100) // 'หนึ่งพันเอ็ดบาทถ้วน'
 */
export function bahtText(satang: number): string {
  if (!Number.isSafeInteger(satang) || satang < 0) throw new RangeError(`not an amount of satang: ${satang}`);
  if (satang === 0) return 'ศูนย์บาทถ้วน';
  const whole = Math.trunc(satang / SATANG_PER_BAHT);
  const rest = satang % SATANG_PER_BAHT;
  // Pass a decimal string so that float rounding can never turn .29 into .28.
  return thaiBahtText(`${whole}.${String(rest).padStart(2, '0')}`);
}

const DIGIT_WORDS: Readonly<Record<string, number>> = {
  ศูนย์: 0,
  หนึ่ง: 1,
  เอ็ด: 1,
  สอง: 2,
  ยี่: 2,
  สาม: 3,
  สี่: 4,
  ห้า: 5,
  หก: 6,
  เจ็ด: 7,
  แปด: 8,
  เก้า: 9,
};
const UNIT_WORDS: Readonly<Record<string, number>> = { สิบ: 10, ร้อย: 100, พัน: 1000, หมื่น: 10_000, แสน: 100_000 };
const NUMBER_WORD = /ศูนย์|หนึ่ง|เอ็ด|สอง|ยี่|สาม|สี่|ห้า|หก|เจ็ด|แปด|เก้า|สิบ|ร้อย|พัน|หมื่น|แสน|ล้าน/uy;

/** A whole number in Thai words ("หนึ่งล้านสองแสนห้าพันเอ็ด"); null unless every word is a number word in order. */
function wordsNumber(text: string): number | null {
  const words: string[] = [];
  NUMBER_WORD.lastIndex = 0;
  while (NUMBER_WORD.lastIndex < text.length) {
    const at = NUMBER_WORD.lastIndex;
    const m = NUMBER_WORD.exec(text);
    if (!m || m.index !== at) return null;
    words.push(m[0]);
  }
  if (words.length === 0 || words.length > 60) return null;
  // Millions nest: what stands before the last ล้าน counts millions.
  const last = words.lastIndexOf('ล้าน');
  if (last >= 0) {
    const millions = last === 0 ? null : wordsOf(words.slice(0, last));
    const rest = last === words.length - 1 ? 0 : wordsOf(words.slice(last + 1));
    if (millions === null || rest === null || rest >= 1_000_000) return null;
    return millions * 1_000_000 + rest;
  }
  return wordsOf(words);

  function wordsOf(ws: readonly string[]): number | null {
    if (ws.includes('ล้าน')) return wordsNumber(ws.join(''));
    let total = 0;
    let digit: number | null = null;
    let lastUnit = Infinity;
    for (const w of ws) {
      const d = DIGIT_WORDS[w];
      if (d !== undefined) {
        if (digit !== null) return null;
        digit = d;
        continue;
      }
      const unit = UNIT_WORDS[w]!;
      // Units fall from left to right.
      if (unit >= lastUnit) return null;
      total += (digit ?? 1) * unit;
      lastUnit = unit;
      digit = null;
    }
    return total + (digit ?? 0);
  }
}

/**
 * An amount written in Thai words, as official documents write it beside the figure: "ห้าแสนบาทถ้วน",
 * "หนึ่งพันสองร้อยบาทห้าสิบสตางค์", "ห้าสิบสตางค์"; satang, or null when the text is not such an amount.
 * @example parseBahtWords('หนึ่งพันเอ็ดบาทถ้วน') // 100_100
 */
export function parseBahtWords(text: string): number | null {
  const t = text.replace(/\s+/gu, '');
  if (t.length === 0 || t.length > 200) return null;
  const m = /^(?:(.+?)บาท)?(?:ถ้วน|ตรง)?(?:(.+?)สตางค์)?$/u.exec(t);
  if (!m || (m[1] === undefined && m[2] === undefined)) return null;
  const baht = m[1] === undefined ? 0 : wordsNumber(m[1]);
  const satang = m[2] === undefined ? 0 : wordsNumber(m[2]);
  if (baht === null || satang === null || satang >= SATANG_PER_BAHT) return null;
  const value = baht * SATANG_PER_BAHT + satang;
  return Number.isSafeInteger(value) ? value : null;
}
