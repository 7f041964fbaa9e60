/**
 * Names and titles as people type or paste them (a member, a round, a development issue, a criterion): one spelling
 * for what reads the same, so that a name copied from a document with an invisible character or a double space is
 * the same name, never a second one beside it.
 */

import { thaiSpelling } from './thai-spelling';

/**
 * Characters that take no space and show nothing: zero-width space, non-joiner and joiner, the left-to-right and
 * right-to-left marks, word joiner and the byte-order mark (U+FEFF, also pasted as "zero-width no-break space").
 */
const INVISIBLE = /[\u200b-\u200f\u2060\ufeff]/gu;

/** Combining marks of other scripts (accents). */
const FOREIGN_MARKS = '[\\u0300-\\u036f\\u1ab0-\\u1aff\\u1dc0-\\u1dff\\u20d0-\\u20ff\\ufe20-\\ufe2f]+';

/**
 * Other scripts' accents on a Thai letter or mark, or just before a Thai mark: stray accents pasted among Thai,
 * which NFC would otherwise order among the Thai marks, so that a name spelt once would be spelt again differently.
 */
const FOREIGN_MARKS_AT_THAI = new RegExp(
  `(?<=[\\u0e01-\\u0e4e])${FOREIGN_MARKS}|${FOREIGN_MARKS}(?=[\\u0e31\\u0e33-\\u0e3a\\u0e47-\\u0e4e])`,
  'gu',
);

/**
 * A name in one spelling: invisible characters dropped, composed (NFC), other scripts' accents on Thai letters
 * dropped, Thai spelt as it shows (`thaiSpelling`: sara
 * am copied from a PDF as nikhahit and sara aa, a tone mark typed before its vowel, two sara e for sara ae), runs of
 * white space (also no-break and ideographic spaces, tabs and line breaks) made one space, and trimmed. Empty when
 * nothing visible is left, which callers refuse.
 *
 * ### Example
 * ```ts
 * normalizeName(' นายก\u200b  ข ') === 'นายก ข'; // true
 * normalizeName('นางสาวนํ้าฝน') === 'นางสาวน้ำฝน'; // true
 * normalizeName('\u200b') === ''; // true
 * ```
 */
export function normalizeName(text: string): string {
  const visible = text.replace(INVISIBLE, '').normalize('NFC').replace(FOREIGN_MARKS_AT_THAI, '');
  // Composed again: the spelling orders a letter's vowel marks as typed, NFC orders phinthu before sara u and uu.
  return thaiSpelling(visible).normalize('NFC').replace(/\s+/gu, ' ').trim();
}

/**
 * The key two names are compared by (a member named on the command line, a participant signing in, a member listed
 * again in a setup file): the name in one spelling, case-folded.
 *
 * ### Example
 * ```ts
 * nameKey('  Somchai   JAIDEE ') === nameKey('somchai jaidee'); // true
 * nameKey('สมชาย\u200b ใจดี') === nameKey('สมชาย  ใจดี'); // true
 * ```
 */
export function nameKey(name: string): string {
  return normalizeName(name).toLowerCase();
}
