/**
 * Stable codes for problems in an input file (a feed line, a spreadsheet row, or the file as a whole). Each problem
 * says where (row or line, column), which code, and why in Thai and English; tests and the command line match codes.
 */
import type { InputProblem } from '../../api/errors';

export const PROBLEM_CODES = [
  // the file as a whole
  'EMPTY_FILE',
  'FILE_TOO_LARGE',
  'UNKNOWN_FORMAT',
  'BINARY_FILE',
  'CORRUPT_FILE',
  'ENCRYPTED_FILE',
  'ZIP_BOMB',
  'NESTED_ZIP',
  'ZIP_EMPTY',
  'TOO_MANY_ROWS',
  'TOO_MANY_COLUMNS',
  'NO_HEADER',
  'MISSING_COLUMN',
  'DUPLICATE_COLUMN',
  'BAD_UTF8',
  'BAD_ENCODING',
  // a line or a row
  'LINE_TOO_LONG',
  'CELL_TOO_LARGE',
  'CONTROL_CHAR',
  'NOT_JSON',
  'NOT_OBJECT',
  'BAD_HEADER',
  'BAD_FIELD',
  'REQUIRED',
  'BAD_COUNT',
  'BAD_AMOUNT',
  'BAD_DATE',
  'BAD_TIMESTAMP',
  'BAD_VILLAGE',
  'UNKNOWN_TAMBON',
  'UNKNOWN_AREA',
  'AMBIGUOUS_AREA',
  'UNKNOWN_CATEGORY',
  'UNKNOWN_CHANNEL',
  'UNKNOWN_STATUS',
  'DUPLICATE_ID',
  'OLDER_VERSION',
  // proposals
  'NO_FISCAL_YEAR',
  'TWO_FISCAL_YEARS',
  'FISCAL_YEAR_MISMATCH',
  'NO_ROUND',
  'UNKNOWN_LEVEL',
  'UNKNOWN_ISSUE',
  'MINIMUM_ABOVE_REQUEST',
  'AMOUNT_MISMATCH',
  'NEGATIVE_AMOUNT',
  'DUPLICATE_CODE',
  'SCORED_PROPOSAL',
  'BAD_PROPOSAL',
] as const;

export type ProblemCode = (typeof PROBLEM_CODES)[number];

/**
 * One problem with its place and code.
 * @example problem(14, 'งบประมาณ', 'BAD_AMOUNT', "'1,2x0' is not an amount", "'1,2x0' ไม่ใช่จำนวนเงิน")
 */
export function problem(line: number, column: string | undefined, code: ProblemCode, en: string, th: string): InputProblem {
  return column === undefined ? { line, code, en, th } : { line, column, code, en, th };
}

/** Characters refused in any text field: C0 controls but tab and newline, DEL, C1, and bidi overrides/isolates. */

const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;

/**
 * The first refused control character in a text, as `U+XXXX` with its position (0-based), or null.
 * @example findControlChar('ok\u0007') // { at: 2, char: 'U+0007' }
 */
export function findControlChar(text: string): { at: number; char: string } | null {
  const m = CONTROL.exec(text);
  if (!m) return null;
  return { at: m.index, char: `U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}` };
}

/** The problem for a control character found in a field. */
export function controlCharProblem(line: number, column: string, found: { at: number; char: string }): InputProblem {
  return problem(
    line,
    column,
    'CONTROL_CHAR',
    `field '${column}' contains the control character ${found.char} at position ${found.at + 1}`,
    `ช่อง '${column}' มีอักขระควบคุม ${found.char} ที่ตำแหน่ง ${found.at + 1}`,
  );
}

/** Shows a value in a message: at most 60 characters, control characters escaped. */
export function shown(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));

  const safe = text.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/gu, '�');
  return safe.length > 60 ? `${safe.slice(0, 57)}…` : safe;
}
