/**
 * What a secretariat types into the needs explorer's search box, read once into what the host looks for: an area by
 * its DOPA code, a need by its id, or words of a title. Thai is written without spaces between words, so a "word" is
 * whatever the user separated by spaces, and it is found anywhere inside a title (a substring, as the trigram index
 * `need_search` finds it), never only at a word boundary a segmenter guessed. See docs/needs-explorer.md.
 */
import { thaiSpelling } from './thai-spelling';

/** Characters the trigram index needs in a term; shorter terms are matched by scanning the filtered rows. */
export const TRIGRAM = 3;

export type NeedsQuery =
  | Readonly<{ kind: 'empty' }>
  /** A 4-digit district or 6-digit tambon code of Saraburi (19…). */
  | Readonly<{ kind: 'area'; code: string }>
  | Readonly<{
      kind: 'text';
      /** Terms of at least TRIGRAM characters, for the index (each must appear in the title). */
      indexed: readonly string[];
      /** Shorter terms (one or two characters, e.g. "ไฟ"), matched with LIKE on the rows the other filters leave. */
      short: readonly string[];
      /** The query as a need id (or its beginning), when it could be one: one token of letters, digits, '-' or '_'. */
      idPrefix: string | null;
    }>;

const THAI_DIGIT_ZERO = 0x0e50;

/**
 * The text as the index stores it (migration 012): "ํา" (nikhahit + sara aa) as "ำ" (sara am), NFC, single spaces;
 * a query is also read in one Thai spelling ({@link thaiSpelling}: "นํ้า", "เเ"), as imported text is stored.
 *
 * @example normaliseThai('  น\u0e49\u0e4d\u0e32ท่วม ') // → 'น้ำท่วม'
 */
export function normaliseThai(text: string): string {
  return thaiSpelling(text.normalize('NFC'))
    .replace(/\u0e4d\u0e32/gu, '\u0e33')
    .replace(/\s+/gu, ' ')
    .trim();
}

/** Characters as the trigram tokenizer counts them (code points: a Thai vowel or tone mark is one). */
export function charCount(term: string): number {
  return [...term].length;
}

/**
 * Reads a search box's text. Up to 8 terms are kept (more narrow nothing in practice and would slow the index down).
 *
 * @example parseNeedsQuery('๑๙๐๑') // → { kind: 'area', code: '1901' }
 * @example parseNeedsQuery('ประปา ไฟ') // → { kind: 'text', indexed: ['ประปา'], short: ['ไฟ'], idPrefix: null }
 */
export function parseNeedsQuery(text: string): NeedsQuery {
  const q = normaliseThai(text);
  if (q === '') return { kind: 'empty' };
  const digits = q.replace(/[\u0e50-\u0e59]/gu, (d) => String(d.charCodeAt(0) - THAI_DIGIT_ZERO));
  if (/^19\d\d(\d\d)?$/u.test(digits)) return { kind: 'area', code: digits };
  const terms = [...new Set(q.split(' '))].slice(0, 8);
  return {
    kind: 'text',
    indexed: terms.filter((t) => charCount(t) >= TRIGRAM),
    short: terms.filter((t) => charCount(t) < TRIGRAM),
    idPrefix: terms.length === 1 && /^[A-Za-z0-9_-]{1,64}$/u.test(q) ? q : null,
  };
}

/**
 * An FTS5 MATCH expression requiring every term as a substring (each a quoted phrase, quotes doubled), or null.
 *
 * @example ftsMatch(['ประปา', 'หมู่ที่']) // → '"ประปา" AND "หมู่ที่"'
 */
export function ftsMatch(terms: readonly string[]): string | null {
  if (terms.length === 0) return null;
  return terms.map((t) => `"${t.replace(/"/gu, '""')}"`).join(' AND ');
}

/**
 * A LIKE pattern for a substring, with the wildcard characters escaped (use with `ESCAPE '\'`).
 *
 * @example likePattern('50%') // → '%50\%%'
 */
export function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/gu, (c) => `\\${c}`)}%`;
}
