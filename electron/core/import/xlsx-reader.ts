/**
 * A direct reader of plain XLSX worksheets: the cell values of each sheet (as SheetJS reads them with the importer's
 * options: dense, no formulas, no formatted text, dates as serial numbers) and its merged areas, scanned from the
 * bytes of the already inflated and checked zip entries in one pass, without SheetJS's intermediate strings and cell
 * objects (about four times faster on a large sheet).
 *
 * It reads only what it fully understands: unprefixed SpreadsheetML, worksheets found through the workbook's
 * relationships, shared strings, inline strings, numbers, booleans, errors, and text without numeric character
 * references in formula results. For anything else (a date cell, a prefixed namespace, comments, hyperlinks, a cell
 * reference it cannot place) it answers null and the caller reads the file with SheetJS, so every workbook yields the
 * same values whichever reader read it. What no reader should accept (a character reference to no character, a cell
 * naming a shared string or a sheet part the file lacks) is refused with an XlsxRefusal, in the direct reading and,
 * for character references, before the workbook is left to SheetJS (which reads `&#x110041;` as `A`).
 *
 * Every scan is linear in its input: tags and attributes are read by hand or by patterns that cannot backtrack
 * over more than one run, as a hostile workbook can put a megabyte into one tag or string item.
 */
import type { ProblemCode } from '../../../shared/domain/import/problems';
import type { Cell } from '../../../shared/domain/import/values';
import { columnLetter } from '../../../shared/domain/import/columns';
import { MAX_COLUMNS, MAX_ROWS } from './limits';

export type SheetCells = Readonly<{
  name: string;
  /** Row i is the sheet's row i + 1; a row's length is one past its last stored cell (null where nothing is). */
  rows: Cell[][];
  merges: readonly MergeArea[];
  /** Hidden in the workbook (a template's lists for its drop-downs, say). */
  hidden?: boolean;
  /** Rows (from 0) the sheet hides, by hand or by a filter: still read, and counted in the import's preview. */
  hiddenRows?: readonly number[];
  /** Columns (from 0) the sheet hides: the last choice for a field, and named in the preview when mapped. */
  hiddenColumns?: readonly number[];
  /**
   * Cells holding a formula whose result the file does not store (written by a program that does not calculate, such
   * as a script's library; Excel and LibreOffice store it), or an error value (#DIV/0!, #REF! …): read as empty, and
   * named so that a mapped one is refused.
   */
  formulas?: readonly FormulaCell[];
  /**
   * Cells holding a number their format shows as a date or a time: a date column's dates, and also a code or a name
   * Excel turned into a date as it was typed ("1/2570", "3-1"), which a code or text column refuses rather than store
   * the date's serial number.
   */
  dates?: readonly DateCell[];
  /**
   * Cells holding a whole number their format pads with zeros ("00000" shows 123 as 00123), with the text shown: a code
   * column reads that text, as the agency sees its code.
   */
  padded?: readonly PaddedCell[];
}>;

/**
 * A cell at row r and column c (from 0) whose value cannot be read: a formula without its result, or (`error`) one
 * holding a spreadsheet error such as #DIV/0! or #REF!. `formula` is the formula's text (empty for a shared
 * formula's copy, or for an error typed in without one).
 */
export type FormulaCell = Readonly<{ r: number; c: number; formula: string; error?: string }>;

/** A cell at row r and column c (from 0) holding a number its format shows as a date or a time (see SheetCells.dates). */
export type DateCell = Readonly<{ r: number; c: number }>;

/** A cell at row r and column c (from 0) holding a whole number its format pads with zeros, and the text it shows. */
export type PaddedCell = Readonly<{ r: number; c: number; text: string }>;

/**
 * The digits a number format pads a whole number to with zeros ("00000" → 5), or 0 for any other format ("0", "General",
 * "#,##0", a date's).
 * @example zeroPadWidth('00000') // 5
 */
export function zeroPadWidth(code: string): number {
  return /^0{2,255}$/u.test(code) ? code.length : 0;
}

/**
 * A number as a format padding to `width` digits shows it ("00123"), or null when it shows the number as written (a
 * fraction, a negative number, or as many digits already).
 * @example paddedNumber(7, 5) // '00007'
 */
export function paddedNumber(n: number, width: number): string | null {
  if (!Number.isInteger(n) || n < 0 || n >= 1e15) return null;
  const digits = String(n);
  return digits.length < width ? digits.padStart(width, '0') : null;
}

/** Whether a number format's code shows a date or a time (SheetJS's `SSF.is_date`, passed in by the caller). */
export type IsDateFormat = (code: string) => boolean;

/** Excel's error values by the codes SheetJS reads them as (BIFF error codes, also XLSX's and XLSB's). */
export const SPREADSHEET_ERRORS: ReadonlyMap<number, string> = new Map([
  [0x00, '#NULL!'],
  [0x07, '#DIV/0!'],
  [0x0f, '#VALUE!'],
  [0x17, '#REF!'],
  [0x1d, '#NAME?'],
  [0x24, '#NUM!'],
  [0x2a, '#N/A'],
  [0x2b, '#GETTING_DATA'],
]);
const ERROR_TEXTS: ReadonlySet<string> = new Set(SPREADSHEET_ERRORS.values());

export type MergeArea = Readonly<{ s: { r: number; c: number }; e: { r: number; c: number } }>;

/** Thrown inside the scan when the workbook holds something this reader leaves to SheetJS. */
export class NotPlain extends Error {}

/**
 * A workbook refused for what it holds, whichever reader would read it; the caller names the file. `line` and
 * `column` are the cell's row (from 1) and column letters when the problem is in one cell.
 */
export class XlsxRefusal extends Error {
  constructor(
    readonly code: ProblemCode,
    readonly en: string,
    readonly th: string,
    readonly where: Readonly<{ line?: number; column?: string }> = {},
  ) {
    super(en);
  }
}

/** A numeric character reference to no XML character (`&#xD800;`, `&#x110041;`, `&#0;`), met while unescaping. */
class BadCharRef extends Error {
  constructor(readonly ref: string) {
    super(ref);
  }
}

/** A phonetic run (`<rPh>`) never closed in a string item: SheetJS drops the whole table or sheet holding it. */
class UnclosedPhonetic extends Error {}

/** A problem in one cell (row and column from 0), found by the sheet's scan, which does not know the sheet's name. */
class CellProblem extends Error {
  constructor(
    readonly r: number,
    readonly c: number,
    readonly code: ProblemCode,
    readonly en: string,
    readonly th: string,
  ) {
    super(en);
  }
}

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const EQ = 0x3d;
const QUOT = 0x22;
const APOS = 0x27;
const COLON = 0x3a;
const AMP = 0x26;
const UNDERSCORE = 0x5f;

const WORKBOOK_TYPES = new Set([
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
  'application/vnd.ms-excel.sheet.macroEnabled.main+xml',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml',
  'application/vnd.ms-excel.template.macroEnabled.main+xml',
]);
const SST_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml';
const STYLES_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml';

/**
 * Excel's built-in number formats that show a date or a time (ECMA-376 18.8.30, with the East Asian and Thai ones a
 * Thai Excel writes: 27–36, 50–58, 71–81).
 */
const BUILT_IN_DATE_FORMATS: ReadonlySet<number> = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58, 71,
  72, 73, 74, 75, 76, 77, 78, 79, 80, 81,
]);
const WORKSHEET_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet';

/**
 * The sheets of a workbook from its entries (name → inflated bytes), or null when the workbook is not plain enough
 * for this reader (see the module comment).
 */
export function readPlainXlsx(entries: ReadonlyMap<string, Buffer>, isDateFormat: IsDateFormat): SheetCells[] | null {
  try {
    return readSheets(entries, isDateFormat);
  } catch (e) {
    if (e instanceof BadCharRef) throw badCharRefusal(e.ref);
    if (!(e instanceof NotPlain)) throw e;
  }
  // SheetJS reads a reference to no character as some other character: refuse such a workbook before it gets there.
  for (const [name, bytes] of entries) {
    if (!/^xl\/(?:workbook\.xml|sharedStrings\.xml|worksheets\/[^/]+\.xml)$/iu.test(name)) continue;
    const ref = firstBadCharRef(bytes);
    if (ref !== null) throw badCharRefusal(ref, name);
  }
  return null;
}

/** A character reference as a message shows it (a megabyte of digits shortened). */
function shortRef(ref: string): string {
  return ref.length > 24 ? `${ref.slice(0, 21)}…` : ref;
}

function badCharRefusal(ref: string, part?: string): XlsxRefusal {
  const shownRef = shortRef(ref);
  const inPart = part === undefined ? '' : ` (in ${part})`;
  const inPartTh = part === undefined ? '' : ` (ใน ${part})`;
  return new XlsxRefusal(
    'INVALID_CHAR',
    `the workbook holds '${shownRef}', a character reference to no valid character${inPart}`,
    `สมุดงานมี '${shownRef}' ซึ่งอ้างถึงรหัสที่ไม่ใช่อักขระที่ถูกต้อง${inPartTh}`,
  );
}

function readSheets(entries: ReadonlyMap<string, Buffer>, isDateFormat: IsDateFormat): SheetCells[] {
  const text = (name: string): string => {
    const b = entries.get(name);
    if (!b) throw new NotPlain();
    return b.toString('utf8');
  };
  const types = text('[Content_Types].xml');
  const overrides = [...types.matchAll(/<Override\s([^<>]*)\/?>/gu)].map((m) => attributes(m[1]!));
  const workbooks = overrides.filter((o) => WORKBOOK_TYPES.has(o['ContentType'] ?? ''));
  if (workbooks.length !== 1 || workbooks[0]!['PartName'] !== '/xl/workbook.xml') throw new NotPlain();
  const sstParts = overrides.filter((o) => o['ContentType'] === SST_TYPE);
  if (sstParts.length > 1) throw new NotPlain();
  const sstName = sstParts[0]?.['PartName'];
  let sst: SharedStrings = [];
  if (sstName !== undefined) {
    if (!sstName.startsWith('/')) throw new NotPlain();
    sst = sharedStrings(text(sstName.slice(1)));
  } else if ([...entries.keys()].some((n) => /sharedStrings/iu.test(n))) {
    throw new NotPlain();
  }
  const stylesParts = overrides.filter((o) => o['ContentType'] === STYLES_TYPE);
  if (stylesParts.length > 1) throw new NotPlain();
  const stylesName = stylesParts[0]?.['PartName'];
  if (stylesName !== undefined && !stylesName.startsWith('/')) throw new NotPlain();
  // A styles part the workbook declares but lacks tells no dates (the cells read as before).
  const stylesXml = stylesName === undefined ? undefined : entries.get(stylesName.slice(1));
  const styleShows = stylesXml === undefined ? null : styleFlags(stylesXml.toString('utf8'), isDateFormat);
  const workbook = text('xl/workbook.xml');
  if (!/^(?:<\?xml[^>]*\?>)?\s*<workbook[\s>]/u.test(workbook)) throw new NotPlain();
  if (/<(?:\w+:)?workbookPr\b[^>]*\bdate1904="(?:1|true)"/u.test(workbook)) throw new NotPlain();
  const rels = new Map<string, { type: string; target: string }>();
  for (const m of text('xl/_rels/workbook.xml.rels').matchAll(/<Relationship\s([^<>]*)\/?>/gu)) {
    const a = attributes(m[1]!);
    if (a['Id'] !== undefined) rels.set(a['Id'], { type: a['Type'] ?? '', target: unescapeXml(a['Target'] ?? '') });
  }
  const out: SheetCells[] = [];
  for (const m of workbook.matchAll(/<(\w+:)?sheet\s([^<>]*)\/?>/gu)) {
    if (m[1] !== undefined) throw new NotPlain();
    const a = attributes(m[2]!);
    const rel = rels.get(a['r:id'] ?? '');
    if (!rel || rel.type !== WORKSHEET_REL || a['name'] === undefined) throw new NotPlain();
    if (rel.target.startsWith('/') || rel.target.includes('..')) throw new NotPlain();
    const path = `xl/${rel.target.replace(/[/]?xl\//u, '')}`;
    const name = unescapeXml(a['name']);
    const xml = entries.get(path);
    if (!xml) {
      // Part names are case-insensitive: one that differs only in case is left to SheetJS; one that is not there at
      // all leaves the sheet unreadable, which SheetJS would report as an empty workbook.
      const lower = path.toLowerCase();
      if (!path.endsWith('.xml') || [...entries.keys()].some((n) => n.toLowerCase() === lower)) throw new NotPlain();
      throw new XlsxRefusal(
        'CORRUPT_FILE',
        `the workbook lists sheet '${name}', but the file has no part '${path}' holding it`,
        `สมุดงานระบุชีต '${name}' แต่ในไฟล์ไม่มีส่วน '${path}' ที่เก็บชีตนั้น`,
      );
    }
    const slash = path.lastIndexOf('/');
    const sheetRels = entries.get(`${path.slice(0, slash)}/_rels/${path.slice(slash + 1)}.rels`);
    if (sheetRels && /comments|threadedComment/iu.test(sheetRels.toString('utf8'))) throw new NotPlain();
    try {
      const hidden = a['state'] === 'hidden' || a['state'] === 'veryHidden';
      out.push({ name, ...worksheet(xml, sst, styleShows), ...(hidden ? { hidden } : {}) });
    } catch (e) {
      if (!(e instanceof CellProblem)) throw e;
      const column = columnLetter(e.c);
      const cell = `${column}${e.r + 1}`;
      throw new XlsxRefusal(e.code, `sheet '${name}', cell ${cell}: ${e.en}`, `ชีต '${name}' ช่อง ${cell}: ${e.th}`, {
        line: e.r + 1,
        column,
      });
    }
  }
  if (out.length === 0) throw new NotPlain();
  return out;
}

/**
 * For each cell style of a workbook's styles part (`<cellXfs>`, in order: a cell's `s` is an index into it), 1 when its
 * number format shows a date or a time, the width when it pads whole numbers with zeros (`zeroPadWidth`), else 0; null
 * when no style does either. Styles written with a namespace prefix are left to SheetJS.
 */
function styleFlags(xml: string, isDateFormat: IsDateFormat): Uint8Array | null {
  if (/<\w+:(?:cellXfs|numFmt)\b/u.test(xml)) throw new NotPlain();
  const custom = new Map<number, string>();
  for (const m of xml.matchAll(/<numFmt\s([^<>]*)>/gu)) {
    const a = attributes(m[1]!);
    const id = Number(a['numFmtId']);
    if (Number.isInteger(id) && a['formatCode'] !== undefined) custom.set(id, unescapeXml(a['formatCode']));
  }
  const open = xml.search(/<cellXfs[\s>]/u);
  if (open < 0) return null;
  const close = xml.indexOf('</cellXfs>', open);
  const xfs = xml.slice(open, close < 0 ? xml.length : close);
  const flags: number[] = [];
  const known = new Map<number, number>();
  let any = false;
  for (const m of xfs.matchAll(/<xf(?:\s([^<>]*))?>/gu)) {
    const id = Number(attributes(m[1] ?? '')['numFmtId'] ?? 0);
    let flag = known.get(id);
    if (flag === undefined) {
      const code = custom.get(id);
      flag = code !== undefined ? (isDateFormat(code) ? 1 : zeroPadWidth(code)) : BUILT_IN_DATE_FORMATS.has(id) ? 1 : 0;
      known.set(id, flag);
    }
    flags.push(flag);
    any ||= flag > 0;
  }
  return any ? Uint8Array.from(flags) : null;
}

/**
 * The attributes of a tag (name → raw value) as `name="value"` or `name='value'` pairs, read by hand in one pass: a
 * word without `=` is skipped once (a pattern retried at each of its letters takes quadratic time over a long one),
 * and a quote found unclosed once is not searched for again.
 */
export function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  const n = tag.length;
  const unclosed = { '"': false, "'": false };
  let i = 0;
  while (i < n) {
    if (!isNameChar(tag.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    while (i < n && isNameChar(tag.charCodeAt(i))) i++;
    const name = tag.slice(start, i);
    let k = i;
    while (k < n && isSpace(tag.charCodeAt(k))) k++;
    if (tag.charCodeAt(k) !== EQ) continue;
    k++;
    while (k < n && isSpace(tag.charCodeAt(k))) k++;
    const q = tag.charCodeAt(k);
    if (q !== QUOT && q !== APOS) {
      i = k;
      continue;
    }
    const quote = q === QUOT ? '"' : "'";
    const end = unclosed[quote] ? -1 : tag.indexOf(quote, k + 1);
    if (end < 0) {
      // Not a value: what follows the quote may still hold attributes quoted the other way.
      unclosed[quote] = true;
      i = k + 1;
      continue;
    }
    out[name] = tag.slice(k + 1, end);
    i = end + 1;
  }
  return out;
}

/** A letter, digit, `_`, `:`, `.` or `-` (the characters of an attribute's name, as `[\w:.-]` reads them). */
function isNameChar(c: number): boolean {
  return (
    (c >= 0x61 && c <= 0x7a) ||
    (c >= 0x41 && c <= 0x5a) ||
    (c >= 0x30 && c <= 0x39) ||
    c === UNDERSCORE ||
    c === COLON ||
    c === 0x2e ||
    c === 0x2d
  );
}

const ENTITIES: Readonly<Record<string, string>> = { '&quot;': '"', '&apos;': "'", '&gt;': '>', '&lt;': '<', '&amp;': '&' };

/**
 * XML text as SheetJS unescapes it: named and numeric references, `_xHHHH_` escapes; CDATA is left to SheetJS. A
 * numeric reference to no XML character throws BadCharRef (SheetJS keeps the low 16 bits of any number, so
 * `&#x110041;` would become `A` and `&#xD83D;` half a character); one beyond U+FFFF is read as its character.
 */
export function unescapeXml(s: string): string {
  if (s.includes('<![CDATA[')) throw new NotPlain();
  if (!s.includes('&') && !s.includes('_x')) return s;
  return s
    .replace(/&(?:quot|apos|gt|lt|amp|#x?([\da-fA-F]+));/giu, (all, code: string | undefined) => {
      const named = ENTITIES[all];
      if (named !== undefined) return named;
      const n = charRefValue(all, code ?? '');
      if (!isXmlChar(n)) throw new BadCharRef(all);
      return String.fromCodePoint(n);
    })
    .replace(/_x([\da-fA-F]{4})_/giu, (_all, c: string) => String.fromCharCode(parseInt(c, 16)));
}

/** The number a numeric reference names, read as SheetJS reads it (hex only after a lower-case `x`; NaN if none). */
function charRefValue(ref: string, digits: string): number {
  return parseInt(digits, ref.includes('x') ? 16 : 10);
}

/** True for a number XML 1.0 allows as a character (`Char`): no NUL, C0 controls but tab and line ends, surrogates, U+FFFE/F. */
function isXmlChar(n: number): boolean {
  return (
    n === 0x09 ||
    n === 0x0a ||
    n === 0x0d ||
    (n >= 0x20 && n <= 0xd7ff) ||
    (n >= 0xe000 && n <= 0xfffd) ||
    (n >= 0x10000 && n <= 0x10ffff)
  );
}

/**
 * The first numeric reference to no XML character in a part's bytes (as SheetJS would match it: `&#`, an optional
 * `x`, hex digits, `;`), or null. One pass: each `&#` is read forward once.
 */
function firstBadCharRef(buf: Buffer): string | null {
  let p = find(buf, '&#', 0);
  while (p >= 0) {
    let i = p + 2;
    if (buf[i] === 0x78 || buf[i] === 0x58) i++;
    const digits = i;
    while (i < buf.length && isHexDigit(buf[i]!)) i++;
    if (i > digits && buf[i] === 0x3b) {
      const ref = buf.toString('latin1', p, i + 1);
      if (!isXmlChar(charRefValue(ref, buf.toString('latin1', digits, i)))) return ref;
    }
    p = find(buf, '&#', i);
  }
  return null;
}

function isHexDigit(b: number): boolean {
  return (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66);
}

/** Unescaped spreadsheet text (Windows line ends become `\n`). */
function sheetText(s: string): string {
  const u = unescapeXml(s);
  return u.includes('\r') ? u.replace(/\r\n/gu, '\n') : u;
}

/** A string item (`<si>` or `<is>`): its plain text, or the text of its runs without phonetic runs. */
function stringItem(x: string): string | undefined {
  if (x === '') return '';
  if (/^\s*<(?:\w+:)?t[^>]*>/u.test(x)) return sheetText(x.slice(x.indexOf('>') + 1).split(/<\/(?:\w+:)?t>/u)[0] ?? '');
  if (/<(?:\w+:)?r\b[^<>]*>/u.test(x)) {
    // The runs' texts joined as they are found, without a list of every match (5 million runs held a gigabyte so).
    let text = '';
    for (const m of withoutPhonetic(x).matchAll(/<(?:\w+:)?t\b[^<>]*>([^<]*)<\/(?:\w+:)?t>/gu)) text += m[1]!;
    return sheetText(text);
  }
  return undefined;
}

const RPH_OPEN = /<(?:\w+:)?rPh\b[^<>]*>/gu;
const RPH_CLOSE = /<\/(?:\w+:)?rPh>/gu;

/**
 * The runs of a string item without its phonetic runs (`<rPh>…</rPh>`, each up to the first close after it, as
 * SheetJS removes them). One left open throws UnclosedPhonetic. Each search for a close starts past the last one and
 * stops at the first, so an item of many unclosed `<rPh>` costs one pass, not one pass per tag.
 */
function withoutPhonetic(x: string): string {
  let out = '';
  let from = 0;
  for (;;) {
    RPH_OPEN.lastIndex = from;
    const open = RPH_OPEN.exec(x);
    if (!open) return out + x.slice(from);
    RPH_CLOSE.lastIndex = open.index + open[0].length;
    const close = RPH_CLOSE.exec(x);
    if (!close) throw new UnclosedPhonetic();
    out += x.slice(from, open.index);
    from = close.index + close[0].length;
  }
}

/**
 * Shared strings by index: the text, undefined for an item this reader does not read, or the BadCharRef of an item
 * holding a reference to no character (refused when a cell uses it, naming the cell).
 */
type SharedStrings = readonly (string | undefined | BadCharRef)[];

function sharedStrings(xml: string): SharedStrings {
  const open = /<(?:\w+:)?sst\b[^<>]*>/u.exec(xml);
  if (!open) throw new NotPlain();
  if (open[0].endsWith('/>')) return [];
  const close = xml.indexOf('</sst>', open.index + open[0].length);
  if (close < 0) throw new NotPlain();
  const body = xml.slice(open.index + open[0].length, close);
  if (/<(?:\w+:)?si\s/u.test(body) || /sstItem/u.test(body)) throw new NotPlain();
  const items = body.replace(/<(?:\w+:)?si>/gu, '').split(/<\/(?:\w+:)?si>/u);
  // What follows the last close counts as one more item (empty, usually), as it does in SheetJS.
  return items.map((s, i) => {
    try {
      return stringItem(s.trim());
    } catch (e) {
      if (e instanceof BadCharRef) return e;
      if (!(e instanceof UnclosedPhonetic)) throw e;
      throw new XlsxRefusal(
        'CORRUPT_FILE',
        `shared string ${i} (numbered from 0) opens a phonetic run (<rPh>) that is never closed`,
        `ข้อความใช้ร่วมลำดับที่ ${i} (นับจาก 0) มีส่วนคำอ่าน (<rPh>) ที่ไม่มีแท็กปิด`,
      );
    }
  });
}

/** Index of `needle` (ASCII) in `buf` from `from`, or -1. */
function find(buf: Buffer, needle: string, from: number): number {
  return buf.indexOf(needle, from, 'latin1');
}

/**
 * The index of `byte` in `buf` from `from`, or -1: a plain loop, as the distances in a sheet are a few bytes (Buffer's
 * indexOf costs more to call than such a scan).
 */
function next(buf: Buffer, byte: number, from: number): number {
  for (let i = from; i < buf.length; i++) if (buf[i] === byte) return i;
  return -1;
}

/** Where an XML document's root element opens (its `<`), past the declaration and comments; -1 when it has none. */
export function rootElement(xml: Buffer): number {
  let p = 0;
  for (;;) {
    p = xml.indexOf(LT, p);
    if (p < 0) return -1;
    const next = xml[p + 1];
    if (next !== 0x3f && next !== 0x21) return p;
    p = tagEnd(xml, p) + 1;
  }
}

/** The end of a tag starting at `lt` (the index of its `>`). */
export function tagEnd(buf: Buffer, lt: number): number {
  const gt = next(buf, GT, lt);
  if (gt < 0) throw new NotPlain();
  return gt;
}

/** The name of the tag at `lt` ("/row" for a closing tag); a prefixed name is left to SheetJS. */
function tagName(buf: Buffer, lt: number): string {
  let i = lt + 1;
  if (buf[i] === SLASH) i++;
  let j = i;
  for (; j < buf.length; j++) {
    const b = buf[j]!;
    if (b === 0x20 || b === GT || b === SLASH || b === 0x0a || b === 0x0d || b === 0x09) break;
    if (b === COLON) throw new NotPlain();
  }
  return buf.toString('latin1', lt + 1, j);
}

/** One attribute's raw value in the tag between `from` and `to`, or null. */
function attribute(buf: Buffer, from: number, to: number, name: number): [number, number] | null {
  // Attribute names used here are one letter (r, t): scan for ` X="` / ` X='`.
  for (let i = from; i < to - 3; i++) {
    const b = buf[i]!;
    if (isSpace(b) && buf[i + 1] === name) {
      const k = valueQuote(buf, i + 2);
      if (k < 0) continue;
      const q = buf[k]!;
      const end = buf.indexOf(q, k + 1);
      if (end < 0 || end > to) throw new NotPlain();
      return [k + 1, end];
    }
  }
  return null;
}

/** The place of the cell reference read last by cellRef (row and column from 0). */
let refRow = 0;
let refCol = 0;

/** Reads a cell reference (`AB12`) into refRow and refCol; one SheetJS would place otherwise is left to it. */
function cellRef(buf: Buffer, from: number, to: number): void {
  let c = 0;
  let i = from;
  for (; i < to; i++) {
    const b = buf[i]!;
    if (b < 0x41 || b > 0x5a) break;
    c = c * 26 + (b - 0x40);
  }
  if (i === from || i - from > 3 || i === to || buf[i] === 0x30) throw new NotPlain();
  let r = 0;
  for (; i < to; i++) {
    const b = buf[i]!;
    if (b < 0x30 || b > 0x39) throw new NotPlain();
    r = r * 10 + (b - 0x30);
  }
  if (r > 2_000_000) throw new NotPlain();
  refRow = r - 1;
  refCol = c - 1;
}

/** The value ranges of a cell tag's `r`, `t` and `s` attributes read last by cellTag (-1 when absent). */
let refFrom = -1;
let refTo = -1;
let typeFrom = -1;
let typeTo = -1;
let styleFrom = -1;
let styleTo = -1;

/** After an attribute's name at `k`: where its value's opening quote is (`="` or `='`, spaces allowed), or -1. */
function valueQuote(buf: Buffer, k: number): number {
  while (buf[k] === 0x20) k++;
  if (buf[k] !== EQ) return -1;
  k++;
  while (buf[k] === 0x20) k++;
  const q = buf[k];
  return q === QUOT || q === APOS ? k : -1;
}

function isSpace(b: number | undefined): boolean {
  return b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
}

/** One pass over a cell tag's attributes (between `from` and `to`), keeping where `r`, `t` and `s` are. */
function cellTag(buf: Buffer, from: number, to: number): void {
  refFrom = refTo = typeFrom = typeTo = styleFrom = styleTo = -1;
  for (let i = from; i < to; i++) {
    const b = buf[i]!;
    if (b === QUOT || b === APOS) {
      const e = next(buf, b, i + 1);
      if (e < 0 || e >= to) throw new NotPlain();
      i = e;
      continue;
    }
    if (!isSpace(b)) continue;
    const n = buf[i + 1];
    if (n !== 0x72 && n !== 0x74 && n !== 0x73) continue;
    const k = valueQuote(buf, i + 2);
    if (k < 0) continue;
    const q = buf[k]!;
    const e = next(buf, q, k + 1);
    if (e < 0 || e >= to) throw new NotPlain();
    if (n === 0x72) {
      refFrom = k + 1;
      refTo = e;
    } else if (n === 0x74) {
      typeFrom = k + 1;
      typeTo = e;
    } else {
      styleFrom = k + 1;
      styleTo = e;
    }
    i = e;
  }
}

function positiveInt(buf: Buffer, from: number, to: number): number {
  let n = 0;
  if (from === to || to - from > 8) throw new NotPlain();
  for (let i = from; i < to; i++) {
    const b = buf[i]!;
    if (b < 0x30 || b > 0x39) throw new NotPlain();
    n = n * 10 + (b - 0x30);
  }
  return n;
}

/** A number's text as parseFloat reads it (plain digits without parseFloat's string). */
function numberValue(buf: Buffer, from: number, to: number): number {
  if (to - from < 15) {
    let n = 0;
    let i = from;
    for (; i < to; i++) {
      const b = buf[i]!;
      if (b < 0x30 || b > 0x39) break;
      n = n * 10 + (b - 0x30);
    }
    if (i === to) return n;
  }
  for (let i = from; i < to; i++) if (buf[i] === AMP || buf[i] === UNDERSCORE) throw new NotPlain();
  return parseFloat(buf.toString('latin1', from, to));
}

/** Raw text between `from` and `to` with SheetJS's handling of a formula's string result (entities read twice). */
function formulaText(buf: Buffer, from: number, to: number): string {
  const s = buf.toString('utf8', from, to);
  if (!s.includes('&') && !s.includes('_x')) return s.includes('\r') ? s.replace(/\r\n/gu, '\n') : s;
  if (s.includes('&#') || s.includes('_x')) {
    // Left to SheetJS, but not with a reference to no character, which it would read as another one.
    const bad = firstBadCharRef(buf.subarray(from, to));
    if (bad !== null) throw new BadCharRef(bad);
    throw new NotPlain();
  }
  return sheetText(unescapeXml(s));
}

const MERGE = /<(?:\w+:)?mergeCell ref=["']([A-Z0-9:]+)['"]\s*[/]?>/gu;

function worksheet(
  xml: Buffer,
  sst: SharedStrings,
  styleShows: Uint8Array | null,
): { rows: Cell[][]; merges: MergeArea[]; formulas?: FormulaCell[]; dates?: DateCell[]; padded?: PaddedCell[] } {
  // The root element must be an unprefixed worksheet.
  const p = rootElement(xml);
  if (p < 0 || tagName(xml, p) !== 'worksheet') throw new NotPlain();
  const rows: Cell[][] = [];
  const formulas: FormulaCell[] = [];
  const dates: DateCell[] = [];
  const padded: PaddedCell[] = [];
  // The parts before and after <sheetData> (inside it, any tag but a row's or a cell's is left to SheetJS).
  let headEnd = xml.length;
  let tailStart = xml.length;
  const open = find(xml, '<sheetData', p);
  if (open >= 0) {
    const openEnd = tagEnd(xml, open);
    const close = xml[openEnd - 1] === SLASH ? -1 : find(xml, '</sheetData>', openEnd);
    if (close >= 0) {
      cells(xml, openEnd + 1, close, { sst, styleShows }, rows, formulas, { dates, padded });
      headEnd = open;
      tailStart = close;
    }
  }
  const head = xml.toString('latin1', 0, headEnd);
  const rest = xml.toString('latin1', tailStart);
  // Hyperlinks add cells of their own in SheetJS: leave such sheets to it, and merged areas out of place too.
  if (head.includes('hyperlink') || rest.includes('hyperlink')) throw new NotPlain();
  if (/<(?:\w+:)?mergeCell/u.test(head) || /<\w+:mergeCell/u.test(rest)) throw new NotPlain();
  const merges: MergeArea[] = [];
  for (const m of rest.matchAll(MERGE)) {
    const r = /^([A-Z]{1,3})([1-9]\d{0,6})(?::([A-Z]{1,3})([1-9]\d{0,6}))?$/u.exec(m[1]!);
    if (!r) throw new NotPlain();
    const s = { r: Number(r[2]) - 1, c: columnIndex(r[1]!) };
    const e = r[3] !== undefined ? { r: Number(r[4]) - 1, c: columnIndex(r[3]) } : { ...s };
    merges.push({ s, e });
  }
  return {
    rows,
    merges,
    ...(formulas.length > 0 ? { formulas } : {}),
    ...(dates.length > 0 ? { dates } : {}),
    ...(padded.length > 0 ? { padded } : {}),
  };
}

function columnIndex(letters: string): number {
  let c = 0;
  for (let i = 0; i < letters.length; i++) c = c * 26 + (letters.charCodeAt(i) - 64);
  return c - 1;
}

/**
 * Stores a cell, growing the rows (and the row) as SheetJS's dense sheet does. A cell beyond the import's limits is
 * left to SheetJS's reading, which the workbook reader then refuses as too many rows or columns (nothing is grown
 * for it here).
 */
function put(rows: Cell[][], r: number, c: number, value: Cell): void {
  if (r >= MAX_ROWS || c >= MAX_COLUMNS) throw new NotPlain();
  while (rows.length <= r) rows.push([]);
  const row = rows[r]!;
  while (row.length < c) row.push(null);
  row[c] = value;
}

/** True when the byte ends a tag name (space, `>`, `/` or a line break). */
export function nameEnds(b: number | undefined): boolean {
  return b === 0x20 || b === GT || b === SLASH || b === 0x0a || b === 0x0d || b === 0x09;
}

const T_S = 1;
const T_STR = 2;
const T_INLINE = 3;
const T_B = 4;
const T_E = 5;
const T_N = 6;

/** A cell's type attribute (`t`) as a code; an unknown or date type is left to SheetJS. */
function cellType(buf: Buffer, from: number, to: number): number {
  const n = to - from;
  const a = buf[from];
  if (n === 1) {
    if (a === 0x73) return T_S;
    if (a === 0x62) return T_B;
    if (a === 0x65) return T_E;
    if (a === 0x6e) return T_N;
  } else if (n === 3 && a === 0x73 && buf[from + 1] === 0x74 && buf[from + 2] === 0x72) {
    return T_STR;
  } else if (n === 9 && buf.toString('latin1', from, to) === 'inlineStr') {
    return T_INLINE;
  }
  throw new NotPlain();
}

/** A cell's formula text between f0 and f1 (its first 200 bytes), empty when it has none. */
function formulaText200(xml: Buffer, f0: number, f1: number): string {
  return f1 > f0 ? unescapeXml(xml.toString('utf8', f0, Math.min(f1, f0 + 200))) : '';
}

const END_IS = Buffer.from('</is>', 'latin1');
const END_F = Buffer.from('</f>', 'latin1');

/** The cells of `<sheetData>` between `from` and `to` (tags: row, c and the cell's v, f, is; anything else is left to SheetJS). */
function cells(
  xml: Buffer,
  from: number,
  to: number,
  book: WorkbookParts,
  rows: Cell[][],
  formulas: FormulaCell[],
  shown: ShownCells,
): void {
  const at: CellPlace = { r: -1, c: -1 };
  try {
    scanCells(xml, from, to, book, rows, formulas, shown, at);
  } catch (e) {
    if (e instanceof UnclosedPhonetic) {
      throw new CellProblem(
        at.r,
        at.c,
        'CORRUPT_FILE',
        'the text opens a phonetic run (<rPh>) that is never closed',
        'ข้อความมีส่วนคำอ่าน (<rPh>) ที่ไม่มีแท็กปิด',
      );
    }
    if (!(e instanceof BadCharRef)) throw e;
    const ref = shortRef(e.ref);
    throw new CellProblem(
      at.r,
      at.c,
      'INVALID_CHAR',
      `'${ref}' is a character reference to no valid character`,
      `'${ref}' อ้างถึงรหัสที่ไม่ใช่อักขระที่ถูกต้อง`,
    );
  }
}

/** The place (from 0) of the cell scanCells reads the value of, for a problem found in its text. */
type CellPlace = { r: number; c: number };

/** What the cells of every sheet refer to: the shared strings, and which cell styles show dates or pad (styleFlags). */
type WorkbookParts = Readonly<{ sst: SharedStrings; styleShows: Uint8Array | null }>;

/** The numbers of a sheet shown otherwise than as numbers: as dates, or padded with zeros. */
type ShownCells = Readonly<{ dates: DateCell[]; padded: PaddedCell[] }>;

function scanCells(
  xml: Buffer,
  from: number,
  to: number,
  { sst, styleShows }: WorkbookParts,
  rows: Cell[][],
  formulas: FormulaCell[],
  { dates, padded }: ShownCells,
  at: CellPlace,
): void {
  let rowNo = 0; // the current row's number (from 1)
  let col = -1; // the last cell's column (from 0)
  let p = from;
  for (;;) {
    const lt = next(xml, LT, p);
    if (lt < 0 || lt >= to) break;
    const end = tagEnd(xml, lt);
    const b1 = xml[lt + 1];
    const b2 = xml[lt + 2];
    if (b1 === 0x72 && b2 === 0x6f && xml[lt + 3] === 0x77 && nameEnds(xml[lt + 4])) {
      // <row …>
      const r = attribute(xml, lt + 4, end, 0x72);
      rowNo = r ? positiveInt(xml, r[0], r[1]) : rowNo + 1;
      col = -1;
      p = end + 1;
      continue;
    }
    if (b1 === SLASH && b2 === 0x72 && xml[lt + 3] === 0x6f && xml[lt + 4] === 0x77 && xml[lt + 5] === GT) {
      p = end + 1;
      continue;
    }
    // SheetJS splits a row into cells at `<c` followed by a space, `/` or `>` only.
    if (b1 !== 0x63 || (b2 !== 0x20 && b2 !== SLASH && b2 !== GT)) throw new NotPlain();
    const selfClosing = xml[end - 1] === SLASH;
    const tagTo = selfClosing ? end - 1 : end;
    cellTag(xml, lt + 2, tagTo);
    const hasRef = refFrom >= 0;
    const ref0 = refFrom;
    const ref1 = refTo;
    const type = typeFrom >= 0 ? cellType(xml, typeFrom, typeTo) : T_N;
    const style = styleShows !== null && styleFrom >= 0 ? positiveInt(xml, styleFrom, styleTo) : -1;
    // The cell's children up to `</c>`: the value, a formula (its text kept only for a cell without a value) or an
    // inline string.
    let v0 = -1;
    let v1 = -1;
    let f0 = -1;
    let f1 = -1;
    let is0 = -1;
    let is1 = -1;
    let q = end + 1;
    if (!selfClosing) {
      for (;;) {
        const clt = next(xml, LT, q);
        if (clt < 0 || clt >= to) throw new NotPlain();
        const c1 = xml[clt + 1];
        const c2 = xml[clt + 2];
        if (c1 === SLASH && c2 === 0x63 && xml[clt + 3] === GT) {
          q = clt + 4;
          break;
        }
        const cend = tagEnd(xml, clt);
        const empty = xml[cend - 1] === SLASH;
        if (c1 === 0x76 && nameEnds(c2)) {
          // <v>: its text holds no `<`, so the next tag closes it.
          if (empty) {
            q = cend + 1;
            continue;
          }
          const close = next(xml, LT, cend + 1);
          if (close < 0 || xml[close + 1] !== SLASH || xml[close + 2] !== 0x76 || xml[close + 3] !== GT) throw new NotPlain();
          if (v0 < 0) {
            v0 = cend + 1;
            v1 = close;
          }
          q = close + 4;
        } else if (c1 === 0x66 && nameEnds(c2)) {
          if (empty) {
            // A copy of a shared formula (`<f t="shared" si="0"/>`): no text of its own.
            f0 = f1 = cend;
            q = cend + 1;
            continue;
          }
          const close = xml.indexOf(END_F, cend + 1);
          if (close < 0 || close >= to) throw new NotPlain();
          f0 = cend + 1;
          f1 = close;
          q = close + 4;
        } else if (c1 === 0x69 && c2 === 0x73 && nameEnds(xml[clt + 3])) {
          if (empty) {
            q = cend + 1;
            continue;
          }
          const close = xml.indexOf(END_IS, cend + 1);
          if (close < 0 || close >= to) throw new NotPlain();
          if (is0 < 0) {
            is0 = cend + 1;
            is1 = close;
          }
          q = close + 5;
        } else {
          throw new NotPlain();
        }
      }
    }
    const contentEnd = selfClosing ? end : q;
    let r: number;
    let c: number;
    if (hasRef) {
      cellRef(xml, ref0, ref1);
      r = refRow;
      c = refCol;
    } else {
      // Without a reference SheetJS looks for one in the cell's text: leave such cells to it. (The search stays
      // inside the cell: a sheet of cells without references would otherwise be searched to its end for each.)
      if (xml.subarray(lt, contentEnd).includes('r=', 0, 'latin1')) throw new NotPlain();
      r = rowNo - 1;
      c = col + 1;
      if (r < 0) throw new NotPlain();
    }
    col = c;
    at.r = r;
    at.c = c;
    p = selfClosing ? end + 1 : q;
    const hasV = v1 > v0;
    if (f0 >= 0 && !hasV && (type === T_N || type === T_S || type === T_E)) {
      // A number (or shared string, or an error, as SheetJS writes a formula it did not calculate) without its value:
      // SheetJS reads it as an empty cell (a stub, or an error), and so does this reader; named too. (A text result may
      // be empty: `t="str"` is read as "".)
      formulas.push({ r, c, formula: formulaText200(xml, f0, f1) });
    } else if (type === T_E && hasV) {
      // An error value: read as empty, as SheetJS reads it, and named (an error SheetJS does not know is left to it).
      const error = xml.toString('latin1', v0, v1).trim();
      if (!ERROR_TEXTS.has(error)) throw new NotPlain();
      formulas.push({ r, c, formula: formulaText200(xml, f0, f1), error });
    }
    switch (type) {
      case T_N:
        if (hasV) {
          const n = numberValue(xml, v0, v1);
          put(rows, r, c, Number.isFinite(n) ? n : null);
          const shows = style >= 0 && Number.isFinite(n) ? (styleShows![style] ?? 0) : 0;
          if (shows === 1) dates.push({ r, c });
          else if (shows > 1) {
            const text = paddedNumber(n, shows);
            if (text !== null) padded.push({ r, c, text });
          }
        }
        break;
      case T_S:
        if (hasV) {
          const idx = positiveInt(xml, v0, v1);
          if (idx >= sst.length) {
            throw new CellProblem(
              r,
              c,
              'CORRUPT_FILE',
              `the cell refers to shared string ${idx} (numbered from 0), which the workbook's shared-string table does not hold`,
              `ช่องนี้อ้างถึงข้อความใช้ร่วมลำดับที่ ${idx} (นับจาก 0) ซึ่งไม่มีในตารางข้อความใช้ร่วมของสมุดงาน`,
            );
          }
          const shared = sst[idx];
          if (shared instanceof BadCharRef) throw shared;
          put(rows, r, c, shared ?? null);
        }
        break;
      case T_STR:
        put(rows, r, c, hasV ? formulaText(xml, v0, v1) : '');
        break;
      case T_INLINE:
        put(rows, r, c, is0 >= 0 ? (stringItem(xml.toString('utf8', is0, is1)) ?? null) : '');
        break;
      case T_B: {
        const t = hasV ? xml.toString('latin1', v0, v1) : '';
        if (t.includes('&')) throw new NotPlain();
        put(rows, r, c, t === '1' || t === 'true');
        break;
      }
      default:
        put(rows, r, c, null);
    }
  }
}
