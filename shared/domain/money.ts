/**
 * Money is integer satang (1 baht = 100 satang) end to end. These helpers parse the forms Thai
 * spreadsheets and feeds use ("1,250,000.00 บาท", "๑,๒๕๐", 1250000.5) and format for display.
 */

/** Satang per baht. */
export const SATANG_PER_BAHT = 100;

const THAI_DIGITS = '๐๑๒๓๔๕๖๗๘๙';

/**
 * Replaces Thai digits with Arabic ones.
 * @example toArabicDigits('๑,๒๕๐') // '1,250'
 */
export function toArabicDigits(text: string): string {
  // Most cells have no Thai digit: one scan, no copy.
  if (!/[๐-๙]/u.test(text)) return text;
  return text.replace(/[๐-๙]/gu, (ch) => String(THAI_DIGITS.indexOf(ch)));
}

/** Result of parsing an amount: satang, or a reason in Thai and English. */
export type ParsedAmount = { ok: true; satang: number } | { ok: false; en: string; th: string };

/**
 * Parses a baht amount written as a number or text into integer satang. Accepts thousands separators,
 * Thai digits, a trailing "บาท" or "฿"; refuses negatives, more than two decimals and non-numbers.
 * @example parseBaht('1,250,000.00 บาท') // { ok: true, satang: 125000000 }
 */
export function parseBaht(input: unknown): ParsedAmount {
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return bad(input);
    if (input < 0) return negative(input);
    const satang = Math.round(input * SATANG_PER_BAHT);
    if (Math.abs(satang / SATANG_PER_BAHT - input) > 1e-9 * Math.max(1, input)) return bad(input);
    // A fraction of a satang too small for the tolerance above (1e-12, 1e-320) is no amount either.
    if (satang === 0 && input !== 0) return bad(input);
    if (!Number.isSafeInteger(satang)) return bad(input);
    return { ok: true, satang };
  }
  if (typeof input !== 'string') return bad(input);
  const spaced = toArabicDigits(input)
    .replace(/บาท|฿|THB/giu, '')
    .replace(/\s/gu, '');
  if (!thousandsGrouped(spaced)) return misgrouped(input);
  const cleaned = spaced.replace(/,/gu, '');
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/u.exec(cleaned);
  if (!m) return bad(input);
  if (m[1] === '-') return negative(input);
  const satang = Number(m[2]) * SATANG_PER_BAHT + Number((m[3] ?? '').padEnd(2, '0'));
  if (!Number.isSafeInteger(satang)) return bad(input);
  return { ok: true, satang };
}

/**
 * Whether the commas of a number's text (spaces removed) group its whole part by three digits, as Thai (and English)
 * figures write them: "1,250,000.00", "1250000"; not "1,2345", "12,50" or "50,00" (a decimal comma, read as thousands
 * it would be a hundred times the amount). Text that is no such number passes (the caller refuses it as it is).
 * @example thousandsGrouped('1,2345') // false
 */
export function thousandsGrouped(text: string): boolean {
  const m = /^-?([0-9,]+)(?:\.[0-9]*)?$/u.exec(text);
  if (!m || !m[1]!.includes(',')) return true;
  return /^[0-9]{1,3}(?:,[0-9]{3})+$/u.test(m[1]!);
}

/** The refusal of a figure whose commas are not thousands separators ({@link thousandsGrouped}). */
export function misgrouped(input: unknown): { ok: false; en: string; th: string } {
  const shown = JSON.stringify(input) ?? String(input);
  return {
    ok: false,
    en: `${shown} has commas that do not separate thousands: write it as 1,250,000.00 (a comma every three digits, a point before the satang)`,
    th: `${shown} ใส่จุลภาคไม่ตรงหลักพัน: เขียนเป็น 1,250,000.00 (จุลภาคคั่นทุกสามหลัก จุดทศนิยมก่อนสตางค์)`,
  };
}

function bad(input: unknown): ParsedAmount {
  const shown = JSON.stringify(input) ?? String(input);
  return { ok: false, en: `${shown} is not an amount in baht`, th: `${shown} ไม่ใช่จำนวนเงิน (บาท)` };
}

function negative(input: unknown): ParsedAmount {
  const shown = JSON.stringify(input) ?? String(input);
  return { ok: false, en: `${shown} is negative`, th: `${shown} ติดลบ` };
}

const bahtFormat = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/**
 * Formats satang as baht with thousands separators and two decimals (Arabic digits, as budget tables use).
 * @example formatBaht(125000050) // '1,250,000.50'
 */
export function formatBaht(satang: number): string {
  const sign = satang < 0 ? '-' : '';
  const abs = Math.abs(satang);
  const baht = Math.trunc(abs / SATANG_PER_BAHT);
  const rest = abs % SATANG_PER_BAHT;
  return sign + bahtFormat.format(baht).replace(/\.00$/u, '') + '.' + String(rest).padStart(2, '0');
}

/**
 * An exact decimal written as text (any number of digits, any decimals) with thousands separators in its whole part,
 * every digit kept: a sum of a Pabulib file's costs may be longer than a float holds or have more than three decimals.
 * Text that is not such a decimal (a fraction "1/3") is returned as it is.
 * @example groupDecimal('12345678901234567.125') // '12,345,678,901,234,567.125'
 */
export function groupDecimal(text: string): string {
  const m = /^(-?)(\d+)(\.\d+)?$/u.exec(text);
  if (!m) return text;
  return `${m[1]}${m[2]!.replace(/\B(?=(\d{3})+$)/gu, ',')}${m[3] ?? ''}`;
}

/**
 * Converts whole baht to satang (for literals in seeds and tests).
 * @example baht(250_000_000) // 25000000000
 */
export function baht(amount: number): number {
  return Math.round(amount * SATANG_PER_BAHT);
}

/**
 * Satang to baht as a JS number (for charts and spreadsheets only; never for arithmetic on money).
 * @example satangToBaht(150) // 1.5
 */
export function satangToBaht(satang: number): number {
  return satang / SATANG_PER_BAHT;
}
