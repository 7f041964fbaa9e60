/**
 * Stable codes for problems in an input file (a feed line, a spreadsheet row, or the file as a whole). Each problem
 * says where (row or line, column), which code, and why in Thai and English; tests and the command line match codes.
 */
import type { z } from 'zod';
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
  'TOO_MANY_SHEETS',
  'NO_HEADER',
  'MISSING_COLUMN',
  'DUPLICATE_COLUMN',
  'UNKNOWN_UNIT',
  'TWO_UNITS',
  'UNKNOWN_SHEET',
  'BAD_UTF8',
  'BAD_ENCODING',
  // a line or a row
  'LINE_TOO_LONG',
  'CELL_TOO_LARGE',
  'FORMULA_WITHOUT_VALUE',
  'CELL_ERROR',
  'MERGED_QUANTITY',
  'DATE_IN_TEXT',
  'SEVERAL_NEEDS',
  'TOTAL_ROW',
  'EXTRA_FIELDS',
  'CONTROL_CHAR',
  'INVALID_CHAR',
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
  'TOO_MANY_PROBLEMS',
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
  'CODE_OF_OTHER_AGENCY',
  'SCORED_PROPOSAL',
  'BAD_PROPOSAL',
  'BAD_PRIORITY',
  'TWO_AGENCIES',
] as const;

export type ProblemCode = (typeof PROBLEM_CODES)[number];

/**
 * One problem with its place and code.
 * @example problem(14, 'งบประมาณ', 'BAD_AMOUNT', "'1,2x0' is not an amount", "'1,2x0' ไม่ใช่จำนวนเงิน")
 */
export function problem(line: number, column: string | undefined, code: ProblemCode, en: string, th: string): InputProblem {
  return column === undefined ? { line, code, en, th } : { line, column, code, en, th };
}

/** Files whose records are lines (a feed, one JSON record a line; a Pabulib file): their problems name lines. */
const LINE_FILES = /\.(?:ndjson|jsonl|pb)$/iu;

/**
 * Where a problem is, as the file's reader would look for it: a spreadsheet's or a CSV's row as Excel numbers it, a
 * feed's line; null for a problem of the whole file (line 0). A JSON document's records are numbered as a table's
 * rows (its keys the header row when its objects are mapped, as the preview shows them; our records from 1), not by
 * the lines they happen to be written on; only a syntax error (NOT_JSON) names its line. A zip's file is told by the
 * part the problem names ("a.zip#needs.ndjson › tambon"), else by the file's own name.
 * @example problemPlaceKind('needs.xlsx', { line: 14, en: '', th: '' }) // 'row'
 */
export function problemPlaceKind(fileName: string, p: InputProblem): 'row' | 'line' | null {
  if (p.line <= 0) return null;
  const column = p.column ?? '';
  const part = column.startsWith(`${fileName}#`) ? column.split(' › ')[0]! : fileName;
  return filePlaceKind(part) === 'line' || (p.code === 'NOT_JSON' && /\.json$/iu.test(part)) ? 'line' : 'row';
}

/**
 * How a file's records are numbered: a feed's by line, anything else's by row.
 * @example filePlaceKind('feed.ndjson') // 'line'
 */
export function filePlaceKind(fileName: string): 'row' | 'line' {
  return LINE_FILES.test(fileName) ? 'line' : 'row';
}

/**
 * The same as words: "แถวที่ 14" / "row 14", "บรรทัดที่ 3" / "line 3".
 * @example problemPlace('needs.xlsx', { line: 14, en: '', th: '' }) // { en: 'row 14', th: 'แถวที่ 14' }
 * @example problemPlace('feed.ndjson', { line: 3, en: '', th: '' }) // { en: 'line 3', th: 'บรรทัดที่ 3' }
 */
export function problemPlace(fileName: string, p: InputProblem): Readonly<{ en: string; th: string }> | null {
  const kind = problemPlaceKind(fileName, p);
  if (kind === null) return null;
  return kind === 'line' ? { en: `line ${p.line}`, th: `บรรทัดที่ ${p.line}` } : { en: `row ${p.line}`, th: `แถวที่ ${p.line}` };
}

/** zod's names of the types a value must have, in Thai. */
const TYPE_TH: Readonly<Record<string, string>> = {
  number: 'ตัวเลข',
  int: 'จำนวนเต็ม',
  string: 'ข้อความ',
  boolean: 'ค่าจริงหรือเท็จ (true/false)',
  array: 'รายการ (array)',
  object: 'ออบเจ็กต์ {…}',
  null: 'ค่าว่าง (null)',
  bigint: 'จำนวนเต็ม',
};

/**
 * Why a value failed a schema, in Thai (zod's own messages are English): the kind of problem with what was expected,
 * so a Thai message never carries English text. A custom check may give its Thai reason as `params.th`.
 * @example zodIssueTh(z.number().min(1).safeParse(0).error!.issues[0]!) // 'ค่าน้อยเกินไป (อย่างน้อย 1)'
 */
export function zodIssueTh(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'unrecognized_keys':
      return `มีช่องที่ไม่รู้จัก: ${issue.keys.map((k) => shown(k)).join(', ')}`;
    case 'invalid_type':
      return issue.message.endsWith('received undefined')
        ? 'ขาดข้อมูลที่จำเป็น'
        : `ชนิดข้อมูลไม่ถูกต้อง (ต้องเป็น${TYPE_TH[issue.expected] ?? ` ${issue.expected}`})`;
    // A bound that is not inclusive (`.positive()`, `.gt(0)`) says "more than", as zod's English does (">0").
    case 'too_small':
      return `${issue.origin === 'number' || issue.origin === 'bigint' ? 'ค่าน้อยเกินไป' : 'สั้นหรือน้อยเกินไป'} (${issue.inclusive === false ? 'ต้องมากกว่า' : 'อย่างน้อย'} ${String(issue.minimum)})`;
    case 'too_big':
      return `${issue.origin === 'number' || issue.origin === 'bigint' ? 'ค่ามากเกินไป' : 'ยาวหรือมากเกินไป'} (${issue.inclusive === false ? 'ต้องน้อยกว่า' : 'ไม่เกิน'} ${String(issue.maximum)})`;
    case 'invalid_value':
      return 'ค่าไม่อยู่ในรายการที่รับได้';
    case 'invalid_format':
      return 'รูปแบบไม่ถูกต้อง';
    case 'not_multiple_of':
      return `ต้องเป็นพหุคูณของ ${String(issue.divisor)}`;
    case 'custom': {
      const th: unknown = issue.params?.['th'];
      return typeof th === 'string' ? th : 'ข้อมูลไม่ถูกต้อง';
    }
    default:
      return 'ข้อมูลไม่ถูกต้อง';
  }
}

/**
 * Characters refused in any text field: C0 controls but tab and newline, DEL, C1, bidi overrides/isolates, and (the
 * second class, which with the `u` flag matches only a surrogate without its pair) lone UTF-16 surrogates. A lone
 * surrogate is no character at all: SQLite stores it as CESU-8 bytes, an export prints it as U+FFFD, so two ids
 * differing only in one would be stored apart and exported as the same id.
 */

const REFUSED = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|[\ud800-\udfff]/u;

export type RefusedChar = Readonly<{ at: number; char: string; kind: 'control' | 'surrogate' }>;

/**
 * The first refused character in a text (a control character or a lone surrogate), as `U+XXXX` with its position
 * (0-based), or null.
 * @example findControlChar('ok\u0007') // { at: 2, char: 'U+0007', kind: 'control' }
 * @example findControlChar('A\udfff') // { at: 1, char: 'U+DFFF', kind: 'surrogate' }
 */
export function findControlChar(text: string): RefusedChar | null {
  const m = REFUSED.exec(text);
  if (!m) return null;
  const code = m[0].charCodeAt(0);
  return {
    at: m.index,
    char: `U+${code.toString(16).toUpperCase().padStart(4, '0')}`,
    kind: code >= 0xd800 && code <= 0xdfff ? 'surrogate' : 'control',
  };
}

/** The problem for a refused character found in a field: CONTROL_CHAR, or INVALID_CHAR for a lone surrogate. */
export function controlCharProblem(line: number, column: string, found: RefusedChar): InputProblem {
  if (found.kind === 'surrogate') {
    return problem(
      line,
      column,
      'INVALID_CHAR',
      `field '${column}' contains a lone UTF-16 surrogate ${found.char} at position ${found.at + 1} (not a character; the text is damaged)`,
      `ช่อง '${column}' มีอักขระเสียหาย ${found.char} (UTF-16 surrogate ที่ไม่มีคู่) ที่ตำแหน่ง ${found.at + 1}`,
    );
  }
  return problem(
    line,
    column,
    'CONTROL_CHAR',
    `field '${column}' contains the control character ${found.char} at position ${found.at + 1}`,
    `ช่อง '${column}' มีอักขระควบคุม ${found.char} ที่ตำแหน่ง ${found.at + 1}`,
  );
}

/** Shows a value in a message: at most `max` characters, control characters and lone surrogates escaped. */
export function shown(value: unknown, max = 60): string {
  let text: string;
  if (typeof value === 'string') {
    text = value;
  } else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      // A value nested deeper than the stack allows (or a cycle) is shown by its kind only.
      text = Array.isArray(value) ? '[…]' : '{…}';
    }
  }

  const safe = text.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|[\ud800-\udfff]/gu, '�');
  return safe.length > max ? `${safe.slice(0, max - 3)}…` : safe;
}
