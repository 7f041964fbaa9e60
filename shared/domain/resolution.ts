/**
 * A committee resolution as minutes write it: its number ("ครั้งที่ 3/2570") and the meeting date written after it, which
 * is part of the record. The command line's `approve` and the core's `approvals.approve` read it alike.
 */
import { readThaiDate } from './thai-date';

export type ResolutionText = Readonly<{
  /** The resolution's number: the text without its date (the whole text when no date was read). */
  no: string;
  /** The meeting date written in the text, as an ISO date (CE); null when it names none. */
  date: string | null;
  /** Why a date written after "วันที่" could not be read (it is refused rather than replaced by another date). */
  problem?: Readonly<{ en: string; th: string }>;
}>;

/** How many words a date takes at most ("5 เดือนพฤศจิกายน พ.ศ. 2569" is four). */
const DATE_WORDS = 5;

/**
 * Splits a resolution, "ครั้งที่ 3/2570 วันที่ 15 ธันวาคม 2569", into its number and its meeting date: after "วันที่",
 * "เมื่อวันที่" or "ลงวันที่", in brackets "(15 ธ.ค. 69)", or written after the number without a word before it
 * ("ครั้งที่ 3/2569 15 พฤศจิกายน 2569"); Thai digits, "5 เดือนธันวาคม พ.ศ. 2569", any form `readThaiDate` reads. The
 * resolution's own number ("3/2570", a month and a year) is never read as its date.
 *
 * @example splitResolution('ครั้งที่ 3/2570 วันที่ 15 ธันวาคม 2569') // { no: 'ครั้งที่ 3/2570', date: '2026-12-15' }
 * @example splitResolution('ครั้งที่ 3/2569 15 พ.ย. 2569') // { no: 'ครั้งที่ 3/2569', date: '2026-11-15' }
 * @example splitResolution('ครั้งที่ 3/2570') // { no: 'ครั้งที่ 3/2570', date: null }
 */
export function splitResolution(text: string): ResolutionText {
  const t = text.trim();
  const marked = /^(.*?)\s*(?:เมื่อ|ลง)?\s*วันที่\s*([0-9๐-๙].*)$/u.exec(t);
  const m = marked ?? /^(.*?)\s*\(\s*([0-9๐-๙][^()]*)\)$/u.exec(t);
  if (m && m[1]!.trim() !== '') {
    const date = readThaiDate(m[2]!.trim());
    if (date.ok) return { no: m[1]!.trim(), date: date.value };
    if (marked) return { no: t, date: null, problem: { en: date.en, th: date.th } };
  }
  // A date after the number with no word before it: the longest run of last words that reads as a whole date.
  const words = t.split(/\s+/u);
  for (let k = Math.min(DATE_WORDS, words.length - 1); k >= 1; k--) {
    const date = readThaiDate(words.slice(-k).join(' '));
    if (date.ok) return { no: words.slice(0, -k).join(' '), date: date.value };
  }
  return { no: t, date: null };
}
