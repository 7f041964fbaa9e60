/**
 * Thai text as it looks, in one spelling: the same word typed, copied from a PDF or exported by another system comes
 * in several sequences of code points that render alike, and a header, a tambon or a category compared as text would
 * miss all but one of them.
 */

/**
 * What {@link thaiSpelling} changes, found in one test (most cells have none): a nikhahit (of a sara am written in two),
 * a mark after sara am, two sara e, a tone mark or sign before a vowel mark, the same mark twice on one letter.
 */
export const SPELLING_SLIP =
  /\u0e4d|\u0e33[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]|\u0e40\u0e40|[\u0e48-\u0e4c\u0e4e][\u0e31\u0e34-\u0e3a\u0e47]|([\u0e31\u0e34-\u0e3a\u0e47-\u0e4e])[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]*\1/u;

/** Marks written above or below a letter, two or more in a row. */
const MARKS = /[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]{2,}/gu;

/** A letter's marks and sara am, two or more in a row. */
const WITH_AM = /[\u0e31\u0e33-\u0e3a\u0e47-\u0e4e]{2,}/gu;

/**
 * A letter's marks and sara am with every sara am last ("นำ้" typed for "น้ำ"): its marks ordered as
 * {@link orderedMarks} orders them. A run whose sara am are already last is left as it is.
 */
function amLast(run: string): string {
  const marks = run.replace(/\u0e33/gu, '');
  const am = '\u0e33'.repeat(run.length - marks.length);
  return am === '' || run.endsWith(am) ? run : orderedMarks(marks) + am;
}

/** Where a mark goes among those on one letter: vowels first, then tone marks and signs, then a nikhahit. */
function markRank(mark: string): number {
  const c = mark.charCodeAt(0);
  return c === 0x0e4d ? 2 : c >= 0x0e48 ? 1 : 0;
}

/**
 * One letter's marks in the order they are written, each mark once. Marks already in order and without a repeat
 * (all that {@link SPELLING_SLIP} passes) are left as they are, so a text is spelt the same whole or word by word.
 */
function orderedMarks(marks: string): string {
  return [...new Set(marks)].sort((a, b) => markRank(a) - markRank(b)).join('');
}

/**
 * Thai text in one spelling of what it shows:
 * - sara am written as nikhahit and sara aa, with a tone mark before, between or after them ("ตําบล", "นํ้า", "น้ํา":
 *   how text copied from PDFs of government forms comes), or sara am with the tone mark typed after it ("นำ้"), as
 *   sara am after the tone mark ("ตำบล", "น้ำ");
 * - two sara e for sara ae ("เเก่งคอย" for "แก่งคอย", typed where the keyboard's แ was missed);
 * - a letter's marks in the order they are written, vowel before tone mark ("ก่ี" for "กี่"), a mark typed twice on
 *   one letter once ("ก่่").
 *
 * Text without any of these is returned as it is, and each letter's marks are spelt alone: a text is spelt the same
 * whole or word by word. Linear in the text's length (sorting a letter's marks aside).
 * @example thaiSpelling('อําเภอเเก่งคอย นํ้า') // 'อำเภอแก่งคอย น้ำ'
 */
export function thaiSpelling(text: string): string {
  if (!SPELLING_SLIP.test(text)) return text;
  return text
    .replace(MARKS, orderedMarks)
    .replace(/\u0e4d\u0e32/gu, '\u0e33')
    .replace(WITH_AM, amLast)
    .replace(/\u0e40\u0e40/gu, '\u0e41');
}
