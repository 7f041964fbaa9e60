import { formatBaht } from '../../shared/domain/money';
import type { Lang } from '../../shared/api/types';

/** Formats an ISO date (or date-time) as a short Buddhist-era date in Thai, or a Gregorian one in English. */
export function formatShortDate(iso: string | null, lang: Lang): string {
  if (!iso) return '';
  const date = new Date(iso.length === 10 ? `${iso}T00:00:00+07:00` : iso);
  if (Number.isNaN(date.getTime())) return iso;
  const locale = lang === 'th' ? 'th-TH-u-ca-buddhist' : 'en-GB';
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'Asia/Bangkok' }).format(
    date,
  );
}

/** Whole numbers with thousands separators (Arabic digits, as official tables use). */
export function formatCount(value: number | null | undefined): string {
  return value === null || value === undefined ? '' : value.toLocaleString('en-US');
}

/** Satang as baht, without the unit (the column header carries it). */
export function formatSatang(value: number | null | undefined): string {
  return value === null || value === undefined ? '' : formatBaht(value);
}
