/**
 * Buddhist-era dates and the Thai fiscal year (1 Oct – 30 Sep, named by the BE year in which it ends).
 * Every formatter pins Asia/Bangkok: dates near midnight UTC would otherwise shift by a day.
 */

/** Offset between the Buddhist and the Common era. */
export const BE_OFFSET = 543;

/**
 * Fiscal year (BE) that contains a date.
 * @example fiscalYearOf(new Date('2024-10-01T00:00:00+07:00')) // 2568
 */
export function fiscalYearOf(date: Date): number {
  const parts = bangkokParts(date);
  return parts.year + BE_OFFSET + (parts.month >= 10 ? 1 : 0);
}

/**
 * First and last day (ISO, Bangkok) of a BE fiscal year.
 * @example fiscalYearRange(2571) // { start: '2027-10-01', end: '2028-09-30' }
 */
export function fiscalYearRange(fiscalYearBE: number): { start: string; end: string } {
  const endCE = fiscalYearBE - BE_OFFSET;
  return { start: `${endCE - 1}-10-01`, end: `${endCE}-09-30` };
}

/**
 * Long Thai date in the Buddhist era, as official letters write it.
 * @example formatThaiDate(new Date('2026-11-24T03:00:00Z')) // '24 พฤศจิกายน 2569'
 */
export function formatThaiDate(date: Date, lang: 'th' | 'en' = 'th'): string {
  if (lang === 'en') {
    return new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'Asia/Bangkok' }).format(date);
  }
  return new Intl.DateTimeFormat('th-TH-u-ca-buddhist', { dateStyle: 'long', timeZone: 'Asia/Bangkok' }).format(date);
}

/**
 * Short Thai date-time (BE) for tables and logs.
 * @example formatThaiDateTime(new Date('2026-11-24T03:00:00Z')) // '24 พ.ย. 2569 10:00'
 */
export function formatThaiDateTime(date: Date, lang: 'th' | 'en' = 'th'): string {
  const locale = lang === 'th' ? 'th-TH-u-ca-buddhist' : 'en-GB';
  return new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
    timeZone: 'Asia/Bangkok',
  }).format(date);
}

/**
 * The calendar date in Thailand at an instant, as an ISO date (CE): after 17:00 UTC it is already the next day.
 * @example bangkokDate(new Date('2026-12-04T20:00:00Z')) // '2026-12-05'
 */
export function bangkokDate(date: Date): string {
  return new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'Asia/Bangkok' }).format(
    date,
  );
}

function bangkokParts(date: Date): { year: number; month: number } {
  const parts = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: 'numeric', timeZone: 'Asia/Bangkok' }).formatToParts(
    date,
  );
  const get = (t: string): number => Number(parts.find((p) => p.type === t)?.value);
  return { year: get('year'), month: get('month') };
}

/**
 * An ISO date (CE) as people here type it, day/month/Buddhist-era year: the form {@link parseThaiDate} reads back.
 * @example typedThaiDate('2026-09-15') // '15/9/2569'
 */
export function typedThaiDate(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return `${d}/${m}/${(y ?? 0) + BE_OFFSET}`;
}

const THAI_MONTHS: readonly (readonly string[])[] = [
  ['มกราคม', 'ม.ค.'],
  ['กุมภาพันธ์', 'ก.พ.'],
  ['มีนาคม', 'มี.ค.'],
  ['เมษายน', 'เม.ย.'],
  ['พฤษภาคม', 'พ.ค.'],
  ['มิถุนายน', 'มิ.ย.'],
  ['กรกฎาคม', 'ก.ค.'],
  ['สิงหาคม', 'ส.ค.'],
  ['กันยายน', 'ก.ย.'],
  ['ตุลาคม', 'ต.ค.'],
  ['พฤศจิกายน', 'พ.ย.'],
  ['ธันวาคม', 'ธ.ค.'],
];

/**
 * Parses a calendar date as Thai files write it into an ISO date (CE): `2026-09-15`, `2569-09-15`,
 * `15/9/2569`, `15 ก.ย. 2569`, `15 กันยายน 2569`. A year above 2400 is taken as Buddhist era.
 * Returns null when the text is not a valid date.
 * @example parseThaiDate('15 ม.ค. 2569') // '2026-01-15'
 */
export function parseThaiDate(text: string): string | null {
  const t = text.trim().replace(/[๐-๙]/gu, (d) => String(d.charCodeAt(0) - 0x0e50));
  let y: number;
  let m: number;
  let d: number;
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/u.exec(t);
  if (match) {
    [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else if ((match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/u.exec(t))) {
    [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else if ((match = /^(\d{1,2})\s+(\S+)\s+(?:พ\.ศ\.\s*)?(\d{4})$/u.exec(t))) {
    const name = match[2] ?? '';
    const idx = THAI_MONTHS.findIndex((names) => names.includes(name));
    if (idx < 0) return null;
    [d, m, y] = [Number(match[1]), idx + 1, Number(match[3])];
  } else {
    return null;
  }
  if (y > 2400) y -= BE_OFFSET;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
