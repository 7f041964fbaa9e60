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

/**
 * A name in one spelling: invisible characters dropped, composed (NFC), Thai spelt as it shows (`thaiSpelling`: sara
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
  return thaiSpelling(text.replace(INVISIBLE, '').normalize('NFC')).replace(/\s+/gu, ' ').trim();
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
