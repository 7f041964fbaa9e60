/**
 * Buddhist-era dates and the Thai fiscal year (1 Oct – 30 Sep, named by the BE year in which it ends).
 * Every formatter pins Asia/Bangkok: dates near midnight UTC would otherwise shift by a day.
 */

import { toArabicDigits } from './money';

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

/** Each month's names: full, abbreviated (dots dropped), as people say it (ตุลา), English. */
const MONTHS: readonly (readonly string[])[] = [
  ['มกราคม', 'มค', 'มกรา', 'jan', 'january'],
  ['กุมภาพันธ์', 'กพ', 'กุมภา', 'feb', 'february'],
  ['มีนาคม', 'มีค', 'มีนา', 'mar', 'march'],
  ['เมษายน', 'เมย', 'เมษา', 'apr', 'april'],
  ['พฤษภาคม', 'พค', 'พฤษภา', 'may'],
  ['มิถุนายน', 'มิย', 'มิถุนา', 'jun', 'june'],
  ['กรกฎาคม', 'กค', 'กรกฎา', 'jul', 'july'],
  ['สิงหาคม', 'สค', 'สิงหา', 'aug', 'august'],
  ['กันยายน', 'กย', 'กันยา', 'sep', 'sept', 'september'],
  ['ตุลาคม', 'ตค', 'ตุลา', 'oct', 'october'],
  ['พฤศจิกายน', 'พย', 'พฤศจิกา', 'nov', 'november'],
  ['ธันวาคม', 'ธค', 'ธันวา', 'dec', 'december'],
];

function monthOf(name: string): number {
  const key = name.toLowerCase().replace(/[.\s]/gu, '');
  return MONTHS.findIndex((names) => names.includes(key)) + 1;
}

/** The ISO date of a year (CE), month and day, or null when that day does not exist. */
export function isoDate(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * A year as written: above 2400 is Buddhist era; two digits are BE (69 → 2569) as Thai forms write them (from 43, 2543
 * BE = 2000 CE: a smaller one is refused by the caller, as it may be a CE year written short).
 */
function ceYear(y: number, digits: number): number {
  if (digits <= 2) return 2500 + y - BE_OFFSET;
  return y > 2400 ? y - BE_OFFSET : y;
}

const MONTH_NAMES_EN = MONTHS.map((names) => {
  const full = names[names.length - 1]!;
  return full.charAt(0).toUpperCase() + full.slice(1);
});

/** The order of numeric dates in a column: day first as Thai files write them, or month first (an English form). */
export type DateOrder = 'dmy' | 'mdy';

/**
 * The order of a column's numeric dates ("10/15/2026"): month first when the column is an English form's, day first
 * as Thai files write them. Month first needs every value that can only be one or the other to be month first, and
 * such values to be at least a fifth of the column's numeric dates, each with a four-digit CE year: a Thai column
 * (BE years) is day first whatever it holds, and one month-first value among many day-first ones that cannot tell
 * ("10/13/2569" typed among "1/10/2569", "5/11/2569"…) is a mistake to refuse, not a reason to read the whole column
 * month first (until December 2026 it turned every other date of the column). A month-first column all of whose days
 * are 12 or less cannot be told from a day-first one (its header does not say either: an English "Timestamp" may head
 * day-first dates of a sheet set to Thailand), so it is read day first, as Thai files write dates.
 * @example dateOrderOf(['10/15/2026 10:30:12', '11/3/2026 9:05:00']) // 'mdy'
 * @example dateOrderOf(['1/10/2569', '2/10/2569', '10/13/2569']) // 'dmy'
 */
export function dateOrderOf(texts: Iterable<string>): DateOrder {
  let numeric = 0;
  let monthFirst = 0;
  for (const t of texts) {
    const m = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})(?!\d)/u.exec(toArabicDigits(t));
    if (!m) continue;
    numeric++;
    const [a, b, y] = [Number(m[1]), Number(m[2]), m[3]!];
    if (a > 12 && b <= 12) return 'dmy';
    if (a <= 12 && b > 12 && b <= 31 && y.length === 4 && Number(y) < 2400) monthFirst++;
  }
  return monthFirst > 0 && monthFirst * 5 >= numeric ? 'mdy' : 'dmy';
}

/** A date read from text: its ISO date (CE), or why not, in English and Thai. */
export type DateReading = { ok: true; value: string } | { ok: false; en: string; th: string };

function fail(en: string, th: string): DateReading {
  return { ok: false, en, th };
}

/**
 * A calendar date as people write or type it, as an ISO date (CE): `2026-10-15`, `2569-10-15`, `2026/10/15`, `25691015`, `15/10/2569`,
 * `15-10-69`, `15 ต.ค. 2569`, `15 ตค 69`, `15 ตุลา 69`, `15-ต.ค.-69` (Excel's d-mmm-yy on Thai Windows),
 * `15 ตุลาคม พ.ศ. ๒๕๖๙`, `15 Oct 2026`, with "วันที่" or the day of the week ("วันจันทร์ที่") before and a time after ("15/10/2569 10:30", "เวลา 10.30 น."),
 * "5 เดือนมีนาคม 2569" as letters write it, "Oct 15, 2026". Years 1900–2200 CE; a two-digit year is BE from 43 (below,
 * it may be a CE year written short: refused); a day the month does not have is refused saying how many days it has.
 * With `order` 'mdy' (a column {@link dateOrderOf} found month first) numeric dates are read month first. The needs and
 * proposals imports (`parseDateCell`, which adds Excel's serial dates), the date fields and the command line all read
 * dates with it.
 * @example readThaiDate('15 ตค 69') // { ok: true, value: '2026-10-15' }
 */
export function readThaiDate(text0: string, order: DateOrder = 'dmy'): DateReading {
  const shown = text0.length > 40 ? `${text0.slice(0, 37)}…` : text0;
  const bad = (): DateReading => fail(`'${shown}' is not a date`, `'${shown}' ไม่ใช่วันที่`);
  const text = toArabicDigits(text0)
    .replace(/\s*พ\.\s*ศ\.\s*/gu, ' ')
    .replace(/\s*ค\.\s*ศ\.\s*/gu, ' ')
    // "วันที่ 15 ต.ค. 2569", and a time after the date: "15/10/2569 10:30", "15 ต.ค. 2569 เวลา 10.30 น.", a form's
    // timestamp "15/10/2026, 10:30:12" (Google Forms, Sheets), "10:30:12 AM"
    .replace(/^(?:ณ\s*)?วันที่\s*/u, '')
    // The day of the week before it, as letters and minutes write a date: "วันจันทร์ที่ 2 ธันวาคม 2569", and shortened
    // as calendars and Excel's Thai formats write it: "พฤ. 1 ต.ค. 69".
    .replace(/^(?:ณ\s*)?(?:(?:วัน)?(?:อาทิตย์|จันทร์|อังคาร|พุธ|พฤหัสบดี|พฤหัส|ศุกร์|เสาร์)|(?:อา|จ|อ|พ|พฤ|ศ|ส)\.)\s*(?:ที่\s*)?(?=\d)/u, '')
    // "5 เดือนมีนาคม 2569", as official letters write it.
    .replace(/^(\d{1,2})\s*เดือน\s*(?=[ก-๛])/u, '$1 ')
    .replace(/,?\s+(?:เวลา\s*)?\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:น\.?|[ap]\.?m\.?)?$/iu, '')
    .trim();
  let y: number;
  let m: number;
  let d: number;
  let yDigits = 4;
  // Year first: "2026-10-15", "2569-10-15", "2026/10/15", "2569.10.15" (no one writes year/day/month).
  let match = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?:[T ].*)?$/u.exec(text);
  if (match) {
    [y, m, d] = [Number(match[1]), Number(match[3]), Number(match[4])];
  } else if ((match = /^((?:19|20|21|24|25|26|27)\d{2})(\d{2})(\d{2})$/u.exec(text))) {
    // Eight digits, year first, as registers and government systems export dates: "20261015", "25691015".
    [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else if ((match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/u.exec(text))) {
    [d, m, y, yDigits] = [Number(match[1]), Number(match[2]), Number(match[3]), match[3]!.length];
    // A column of an English form's dates, month first (see dateOrderOf).
    if (order === 'mdy') [d, m] = [m, d];
    else if (m > 12 && d <= 12) {
      // "10/15/2026": month first, as a form or a sheet in American English writes it.
      return fail(
        `'${shown}' is not a date: dates are read day/month/year, and there is no month ${m} (write it day/month/year)`,
        `'${shown}' ไม่ใช่วันที่: วันที่อ่านเป็น วัน/เดือน/ปี และไม่มีเดือนที่ ${m} (กรุณาเขียนเป็น วัน/เดือน/ปี)`,
      );
    }
  } else if ((match = /^(\d{1,2})[\s/-]*([ก-๛a-z.]+?)[\s/-]*(\d{2}|\d{4})$/iu.exec(text))) {
    m = monthOf(match[2]!);
    if (m === 0) return bad();
    [d, y, yDigits] = [Number(match[1]), Number(match[3]), match[3]!.length];
  } else if ((match = /^([a-z]{3,9}\.?)\s*(\d{1,2}),?\s+(\d{4})$/iu.exec(text)) && monthOf(match[1]!) > 0) {
    // "Oct 15, 2026", "October 15 2026": an English month first, as English forms write it.
    [m, d, y] = [monthOf(match[1]!), Number(match[2]), Number(match[3])];
  } else {
    // "ต.ค. 69", "ตุลาคม 2569", "10/2569": a month without its day (a monthly summary's heading, typed into the date).
    const monthOnly = /^([ก-๛a-z.]+?)[\s/-]*(\d{2}|\d{4})$/iu.exec(text) ?? /^(\d{1,2})[/.-](\d{4})$/u.exec(text);
    if (
      monthOnly &&
      (/^\d+$/u.test(monthOnly[1]!) ? Number(monthOnly[1]) >= 1 && Number(monthOnly[1]) <= 12 : monthOf(monthOnly[1]!) > 0)
    ) {
      return fail(
        `'${shown}' names a month but not the day: write the whole date, with its day (e.g. 15 ต.ค. 2569)`,
        `'${shown}' มีแต่เดือน ไม่มีวันที่: กรุณาใส่วันที่ให้ครบ (เช่น 15 ต.ค. 2569)`,
      );
    }
    return bad();
  }
  if (yDigits <= 2 && y < 43) {
    // Read as BE, a year below 43 is before 2000 CE (26 → 2526 BE, 1983); it may as well be 2026 written short.
    return fail(
      `'${shown}' has a two-digit year ${String(y).padStart(2, '0')} that may be ${2500 + y} BE (${2500 + y - BE_OFFSET}) or ${2000 + y}: write the year in four digits`,
      `'${shown}' ใช้ปีสองหลัก ${String(y).padStart(2, '0')} ซึ่งอาจเป็น พ.ศ. ${2500 + y} หรือ ค.ศ. ${2000 + y}: กรุณาเขียนปีสี่หลัก`,
    );
  }
  const ce = ceYear(y, yDigits);
  if (ce < 1900 || ce > 2200) return bad();
  const iso = isoDate(ce, m, d);
  if (iso) return { ok: true, value: iso };
  if (m >= 1 && m <= 12 && d >= 1 && d <= 31) {
    // "31 เม.ย. 2569", "29/02/2569": a day the month does not have that year.
    const days = new Date(Date.UTC(ce, m, 0)).getUTCDate();
    return fail(
      `'${shown}' is not a date: ${MONTH_NAMES_EN[m - 1]} ${ce} has ${days} days`,
      `'${shown}' ไม่ใช่วันที่: เดือน${MONTHS[m - 1]![0]} พ.ศ. ${ce + BE_OFFSET} มี ${days} วัน`,
    );
  }
  return bad();
}

/** Where a range's two dates meet: a dash (with spaces around it or not), "ถึง", "ถึงวันที่", "to". */
const RANGE_SEPARATOR = /\s*(?:[-–—]|ถึง(?:วันที่)?|\bto\b)\s*/giu;

/** The longest text read as a range of dates (characters). */
const MAX_RANGE_TEXT = 200;

/**
 * The first day of a range of dates, as a forum or a survey held over several days is dated: "1 ต.ค. 2569 - 5 ต.ค.
 * 2569", "1-5 ต.ค. 2569", "1 ต.ค. - 5 ต.ค. 2569", "28 ก.ย. - 2 ต.ค. 2569", "1/10/2569 ถึง 5/10/2569"; a date alone
 * reads as {@link readThaiDate} reads it. The first date may leave out what the second gives (its month and year, or
 * its year); the second must be a whole date on or after the first, within a year. Refused otherwise, as readThaiDate
 * refuses.
 * @example readDateOrRange('1-5 ต.ค. 2569') // { ok: true, value: '2026-10-01' }
 */
export function readDateOrRange(text: string, order: DateOrder = 'dmy'): DateReading {
  const whole = readThaiDate(text, order);
  if (whole.ok) return whole;
  const t = text.trim();
  // A range is a few dozen characters; each separator of a long text would be tried with both its sides read (a
  // 32,767-character cell of " ถึง " took seconds).
  if (t.length > MAX_RANGE_TEXT) return whole;
  for (const m of t.matchAll(RANGE_SEPARATOR)) {
    const left = t.slice(0, m.index).trim();
    const right = t.slice(m.index + m[0].length).trim();
    if (left === '' || right === '') continue;
    const last = readThaiDate(right, order);
    if (!last.ok) continue;
    const leftAlone = readThaiDate(left, order);
    const first = leftAlone.ok ? leftAlone : withPartsOf(left, right, order);
    if (!first?.ok) continue;
    const span = (Date.parse(last.value) - Date.parse(first.value)) / 86_400_000;
    if (span < 0 || span > 366) {
      const shown = t.length > 40 ? `${t.slice(0, 37)}…` : t;
      return fail(
        `'${shown}' is not a range of dates: its second date must follow the first within a year`,
        `'${shown}' ไม่ใช่ช่วงวันที่: วันที่หลังต้องอยู่หลังวันแรกและห่างกันไม่เกินหนึ่งปี`,
      );
    }
    return first;
  }
  return whole;
}

/**
 * A range's first date written short ("1" of "1-5 ต.ค. 2569", "1 ต.ค." of "1 ต.ค. - 5 ต.ค. 2569") completed with the
 * month and year, or the year, of the second; null when it is no date so.
 */
function withPartsOf(left: string, right: string, order: DateOrder): DateReading | null {
  const words = right.split(/\s+/u);
  for (const k of [1, 2]) {
    if (words.length <= k) continue;
    const r = readThaiDate(`${left} ${words.slice(-k).join(' ')}`, order);
    if (r.ok) return r;
  }
  return null;
}

/**
 * A calendar date as typed into a date field (see {@link readThaiDate}), as an ISO date (CE); null when it is none.
 * @example parseThaiDate('15 ม.ค. 2569') // '2026-01-15'
 */
export function parseThaiDate(text: string): string | null {
  const r = readThaiDate(text.trim());
  return r.ok ? r.value : null;
}
