/**
 * Thai text as words: Thai has no spaces between words, so proposals and needs are compared word by word after
 * ICU's dictionary segmentation (Intl.Segmenter, available in Node and Chromium alike).
 */

/** Words too common in proposals and requests to say anything about what they are for. */
export const THAI_STOP_WORDS: ReadonlySet<string> = new Set([
  'ขอ',
  'และ',
  'หรือ',
  'ที่',
  'ของ',
  'ใน',
  'การ',
  'ความ',
  'ให้',
  'เพื่อ',
  'โครงการ',
  'จาก',
  'กับ',
  'แก่',
  'โดย',
  'มี',
  'เป็น',
  'ได้',
  'ไป',
  'มา',
  'ซึ่ง',
  'จะ',
  'แล้ว',
  'ต่อ',
  'ตาม',
  'ด้วย',
  'อยู่',
  'นี้',
  'นั้น',
  'หมู่',
  'หมู่ที่',
  'บ้านเลขที่',
  'ตำบล',
  'อำเภอ',
  'จังหวัด',
  'ต.',
  'อ.',
  'จ.',
  'ม.',
  'ต',
  'อ',
  'จ',
  'ม',
]);

/** Abbreviations ICU keeps glued to the next word ("ต.หนองแค"): tambon, amphoe, changwat, village. */
const AREA_PREFIX = /^(?:ต|อ|จ|ม)\.(?=.)/u;

const THAI_DIGIT_ZERO = 0x0e50;

/**
 * Replaces Thai digits (๐–๙) with ASCII digits, so "หมู่ที่ ๕" and "หมู่ที่ 5" are the same words.
 * @example normaliseThaiDigits('หมู่ที่ ๑๒') // 'หมู่ที่ 12'
 */
export function normaliseThaiDigits(text: string): string {
  return text.replace(/[๐-๙]/gu, (d) => String.fromCharCode(0x30 + d.charCodeAt(0) - THAI_DIGIT_ZERO));
}

let segmenter: Intl.Segmenter | null = null;

/**
 * The distinct content words of a Thai (or mixed Thai/English) text, in first-seen order: ICU word segmentation,
 * Thai digits as ASCII, Latin letters lower-cased, punctuation, spaces and stop words dropped.
 * @example thaiWords('ขอก่อสร้างถนน หมู่ที่ ๕') // ['ก่อสร้าง', 'ถนน', '5']
 */
export function thaiWords(text: string): string[] {
  segmenter ??= new Intl.Segmenter('th', { granularity: 'word' });
  const seen = new Set<string>();
  for (const part of segmenter.segment(normaliseThaiDigits(text).toLowerCase())) {
    if (!part.isWordLike) continue;
    const word = part.segment.trim().replace(AREA_PREFIX, '');
    if (word === '' || THAI_STOP_WORDS.has(word)) continue;
    seen.add(word);
  }
  return [...seen];
}
