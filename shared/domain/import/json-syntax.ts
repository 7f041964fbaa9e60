/**
 * Where and why a text is not JSON, in words a person editing the file by hand can act on: V8's `JSON.parse` names
 * no place for most mistakes ("Unexpected token ']'"), so the text is scanned again (jsonc-parser's scanner, in
 * strict mode: no comments, no trailing commas) for the first error, and the usual slips are named as such: a comma
 * after the last item, a comment, text in single quotes, `True` or `None`, a thousands separator in a number, a line
 * break inside text, several JSON values one after another.
 */
import { printParseErrorCode, visit } from 'jsonc-parser';

/** The first syntax error of a text that is not JSON: line and column from 1, and what is wrong there. */
export type JsonSyntaxError = Readonly<{ line: number; column: number; en: string; th: string }>;

/** Thrown from the scanner's error callback to stop at the first error. */
class FirstError {
  constructor(
    readonly code: string,
    readonly offset: number,
    readonly line: number,
    readonly column: number,
  ) {}
}

/** The last character before `offset` that is not white space, and its offset (-1 when none). */
function before(text: string, offset: number): { char: string; at: number } {
  let i = offset - 1;
  while (i >= 0 && /\s/u.test(text[i]!)) i--;
  return { char: i >= 0 ? text[i]! : '', at: i };
}

function describe(text: string, e: FirstError): { en: string; th: string } {
  const here = text[e.offset] ?? '';
  const prev = before(text, e.offset);
  const expected = e.code === 'ValueExpected' || e.code === 'PropertyNameExpected';
  if (
    expected &&
    prev.char === ',' &&
    /[0-9]/u.test(text[before(text, prev.at).at] ?? '') &&
    /^[0-9]{3}(?![0-9])/u.test(text.slice(e.offset, e.offset + 4))
  ) {
    return {
      en: 'a number with a thousands separator (1,000): JSON writes it 1000, or as text in double quotes',
      th: 'ตัวเลขมีเครื่องหมายคั่นหลักพัน (1,000): JSON เขียนเป็น 1000 หรือเป็นข้อความในเครื่องหมายคำพูด',
    };
  }
  if (expected && prev.char === ',' && (here === ']' || here === '}')) {
    return {
      en: `a comma before '${here}' with no item after it: JSON allows no comma after the last item; remove it`,
      th: `มีจุลภาคก่อน '${here}' โดยไม่มีรายการตามหลัง: JSON ไม่ให้มีจุลภาคหลังรายการสุดท้าย กรุณาลบออก`,
    };
  }
  switch (e.code) {
    case 'InvalidCommentToken':
    case 'UnexpectedEndOfComment':
      return {
        en: 'a comment (// or /* */): JSON has no comments; remove it',
        th: 'มีคอมเมนต์ (// หรือ /* */) ซึ่ง JSON ไม่รองรับ กรุณาลบออก',
      };
    case 'InvalidSymbol': {
      if (here === "'") {
        return {
          en: 'text in single quotes: JSON writes text and names in double quotes (")',
          th: 'ข้อความอยู่ในเครื่องหมายคำพูดเดี่ยว (\') ซึ่ง JSON ต้องใช้เครื่องหมายคำพูดคู่ (")',
        };
      }
      const word = /^[A-Za-z_]{1,12}/u.exec(text.slice(e.offset, e.offset + 13))?.[0];
      if (word !== undefined) {
        return {
          en: `'${word}' is not JSON: a value is a number, text in double quotes, true, false or null (lower case)`,
          th: `'${word}' ไม่ใช่ค่าใน JSON: ค่าต้องเป็นตัวเลข ข้อความในเครื่องหมายคำพูดคู่ true false หรือ null (ตัวพิมพ์เล็ก)`,
        };
      }
      const char = [...text.slice(e.offset, e.offset + 2)][0] ?? '';
      if (char === '\uFEFF') {
        return {
          en: 'a byte-order mark (U+FEFF) inside the file, as where two files were joined: remove it',
          th: 'มีเครื่องหมายลำดับไบต์ (BOM, U+FEFF) กลางไฟล์ เช่นเมื่อนำสองไฟล์มาต่อกัน กรุณาลบออก',
        };
      }
      // A character one cannot see (a no-break space, a zero-width space, a control) is named by its code.
      const code = `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
      const invisible = /^[\p{Z}\p{C}]$/u.test(char);
      const shown = invisible ? `${code}, a character one cannot see` : `'${char}'`;
      const shownTh = invisible ? `${code} ซึ่งมองไม่เห็น` : `'${char}'`;
      return { en: `an unexpected character ${shown}`, th: `พบอักขระ ${shownTh} ในที่ที่ไม่ควรมี` };
    }
    case 'UnexpectedEndOfString':
      return {
        en: 'text not closed by a double quote on its line (a line break inside text is written \\n)',
        th: 'ข้อความไม่มีเครื่องหมายคำพูดปิดในบรรทัดเดียวกัน (การขึ้นบรรทัดใหม่ในข้อความให้เขียนเป็น \\n)',
      };
    case 'InvalidEscapeCharacter':
      return {
        en: 'a backslash escape JSON does not know: write \\\\ for a backslash',
        th: 'มีเครื่องหมาย \\ ที่ JSON ไม่รู้จัก: ถ้าต้องการเครื่องหมาย \\ ให้เขียนเป็น \\\\',
      };
    case 'InvalidUnicode':
      return { en: 'a \\u escape without four hexadecimal digits', th: 'รหัส \\u ไม่มีเลขฐานสิบหกครบสี่หลัก' };
    case 'InvalidCharacter':
      return {
        en: 'a control character inside text (a tab or a line break: write \\t or \\n)',
        th: 'มีอักขระควบคุมในข้อความ (แท็บหรือการขึ้นบรรทัดใหม่ ให้เขียนเป็น \\t หรือ \\n)',
      };
    case 'ColonExpected':
      return { en: 'a colon (:) is missing after the name', th: 'ขาดเครื่องหมายทวิภาค (:) หลังชื่อ' };
    case 'CommaExpected':
      // "01": the scanner reads 0 as a number and stops at the 1.
      if (/[0-9]/u.test(here) && prev.char === '0' && prev.at === e.offset - 1 && !/[0-9.eE]/u.test(text[prev.at - 1] ?? '')) {
        return {
          en: 'a number with a leading zero (01): JSON writes it 1, or as text in double quotes',
          th: 'ตัวเลขขึ้นต้นด้วยศูนย์ (01): JSON เขียนเป็น 1 หรือเป็นข้อความในเครื่องหมายคำพูด',
        };
      }
      return { en: 'a comma (,) is missing between two items', th: 'ขาดจุลภาค (,) ระหว่างสองรายการ' };
    case 'CloseBraceExpected':
    case 'CloseBracketExpected': {
      const close = e.code === 'CloseBraceExpected' ? '}' : ']';
      return {
        en: `'${close}' expected here: the file ends, or goes on, before closing what it opened`,
        th: `ควรมี '${close}' ที่นี่: ไฟล์จบหรือมีข้อมูลอื่นก่อนปิดส่วนที่เปิดไว้`,
      };
    }
    case 'EndOfFileExpected':
      return {
        en: 'more text after the JSON value ended: several values one after another go inside one array [ … ], or in an NDJSON file, one per line',
        th: 'มีข้อมูลต่อหลังค่า JSON จบแล้ว: หลายค่าต่อกันต้องอยู่ในอาร์เรย์เดียว [ … ] หรือส่งเป็นไฟล์ NDJSON บรรทัดละหนึ่งค่า',
      };
    case 'PropertyNameExpected':
      return { en: 'a name in double quotes expected', th: 'ควรมีชื่อในเครื่องหมายคำพูดคู่' };
    case 'ValueExpected':
      return { en: 'a value expected', th: 'ควรมีค่า' };
    default:
      return { en: 'a number JSON does not accept', th: 'ตัวเลขในรูปแบบที่ JSON ไม่รับ' };
  }
}

/**
 * The first syntax error of a text `JSON.parse` refused, or null when the scanner finds none where V8 did (a nesting
 * too deep for either, say).
 * @example jsonSyntaxError('{"a": [1, 2,]}') // { line: 1, column: 13, en: "a comma before ']' with no item after it: …", th: … }
 */
export function jsonSyntaxError(text: string): JsonSyntaxError | null {
  if (text.trim() === '') return { line: 1, column: 1, en: 'the file is empty', th: 'ไฟล์ว่างเปล่า' };
  let first: FirstError | null = null;
  try {
    visit(
      text,
      {
        onError: (code, offset, _length, line, column) => {
          throw new FirstError(printParseErrorCode(code), offset, line, column);
        },
      },
      { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false },
    );
  } catch (e) {
    // Its own stop, or a stack too deep for the scanner's recursion: then nothing is said.
    if (e instanceof FirstError) first = e;
    else if (!(e instanceof RangeError)) throw e;
  }
  if (first === null) return null;
  return { line: first.line + 1, column: first.column + 1, ...describe(text, first) };
}

/**
 * Why a document `JSON.parse` refused is not JSON, with its place, for a message after "not valid JSON: ": "line 3,
 * column 5: a comment …" (`place` 'column' for one line of a feed: "column 5: …"); V8's own message when the scanner
 * finds nothing.
 * @example notJsonReason('{"a": 1,}', new SyntaxError('…')).en // "line 1, column 9: a comma before '}' …"
 */
export function notJsonReason(
  text: string,
  error: unknown,
  place: 'line' | 'column' = 'line',
): { en: string; th: string; line: number | null } {
  const e = text.length <= MAX_SCANNED_CHARS ? jsonSyntaxError(text) : null;
  if (e === null) {
    const message = error instanceof Error ? error.message.slice(0, 160) : String(error).slice(0, 160);
    return { en: message, th: 'รูปแบบไม่ถูกต้อง', line: null };
  }
  const en = place === 'line' ? `line ${e.line}, column ${e.column}` : `column ${e.column}`;
  const th = place === 'line' ? `บรรทัด ${e.line} คอลัมน์ ${e.column}` : `คอลัมน์ ${e.column}`;
  return { en: `${en}: ${e.en}`, th: `${th}: ${e.th}`, line: e.line };
}

/**
 * The first name given twice in one object of a JSON text (JSON.parse keeps the last silently: in a file edited by
 * hand, a field copied and changed in one place only), with its place; null when there is none.
 * @example duplicateJsonName('{"a": 1,\n "a": 2}') // { name: 'a', line: 2, column: 2 }
 */
export function duplicateJsonName(text: string): { name: string; line: number; column: number } | null {
  const open: Set<string>[] = [];
  let found: { name: string; line: number; column: number } | null = null;
  try {
    visit(text, {
      onObjectBegin: () => {
        open.push(new Set());
      },
      onObjectEnd: () => {
        open.pop();
      },
      onObjectProperty: (name, _offset, _length, line, column) => {
        const names = open[open.length - 1];
        if (!names) return;
        if (names.has(name)) {
          found = { name, line: line + 1, column: column + 1 };
          throw new FirstError('DuplicateName', 0, line, column);
        }
        names.add(name);
      },
    });
  } catch (e) {
    if (!(e instanceof FirstError) && !(e instanceof RangeError)) throw e;
  }
  return found;
}

/** The longest text scanned again for its error's place (longer ones keep V8's message): far above any hand-made file. */
const MAX_SCANNED_CHARS = 64 * 1024 * 1024;

/** Why a JSON text is refused before it is parsed: lists and objects nested too deep, or too many of them. */
export type JsonShapeProblem = Readonly<{ kind: 'depth' | 'containers'; limit: number; at: number }>;

/**
 * A JSON text's lists and objects counted and their depth measured in one pass, without building them (JSON.parse
 * builds each as a heap object: 32 MB of `{},{},…` is ten million of them, more than a worker's heap holds): the first
 * bound passed, with the character (from 1) where it was passed, or null. Text inside strings is skipped; the text
 * need not be valid JSON (the parse that follows says why it is not).
 * @example jsonShapeProblem('[[[]]]', { maxDepth: 2, maxContainers: 10 }) // { kind: 'depth', limit: 2, at: 3 }
 */
export function jsonShapeProblem(
  text: string,
  bounds: Readonly<{ maxDepth: number; maxContainers: number }>,
): JsonShapeProblem | null {
  let depth = 0;
  let containers = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > bounds.maxDepth) return { kind: 'depth', limit: bounds.maxDepth, at: i + 1 };
      if (++containers > bounds.maxContainers) return { kind: 'containers', limit: bounds.maxContainers, at: i + 1 };
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return null;
}
