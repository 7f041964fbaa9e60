/**
 * Workbooks: XLSX, legacy XLS (BIFF8) and HTML saved as .xls. An XLSX is a zip, so its parts are first checked with
 * the bounded zip reader (a bomb never reaches a parser); a plain XLSX is then read directly from those parts
 * (xlsx-reader.ts, the same values as SheetJS's, about four times faster), anything else through SheetJS (`xlsx`,
 * 0.20.3, the fixed release) on a thread of its own within a time limit (sheetjs-bounded.ts). Merged cells are
 * filled with their value (report layouts merge titles, group headers and district cells).
 */
import { createRequire } from 'node:module';
import type * as XLSX from 'xlsx';
import type { Cell } from '../../../shared/domain/import/values';
import { columnLetter } from '../../../shared/domain/import/columns';
import { declaredEntities, encryptedWorkbook, fileError } from './file-error';
import { MAX_CELL_CHARS, MAX_COLUMNS, MAX_ROWS, MAX_SHEETS, MAX_WORKBOOK_BYTES } from './limits';
import { hiddenBySheet, hiddenInOds, MAX_REPEATED_CELLS, odsRepeats, type HiddenCells } from './hidden-cells';
import { readWithSheetJs, SheetJsReadError } from './sheetjs-bounded';
import {
  paddedNumber,
  readPlainXlsx,
  SPREADSHEET_ERRORS,
  zeroPadWidth,
  type DateCell,
  type FormulaCell,
  type MergeArea,
  type PaddedCell,
  type SheetCells,
} from './xlsx-reader';
import { isZip, readZip } from './zip';

export type Sheet = Readonly<{
  name: string;
  rows: Cell[][];
  hidden?: boolean;
  /** Rows and columns (from 0) the sheet hides (see SheetCells). */
  hiddenRows?: readonly number[];
  hiddenColumns?: readonly number[];
  formulas?: readonly FormulaCell[];
  /** Cells holding a number shown as a date or a time (see SheetCells). */
  dates?: readonly DateCell[];
  /** Cells holding a whole number shown padded with zeros, and the text shown (see SheetCells). */
  padded?: readonly PaddedCell[];
  /** Merged areas over several rows whose value filled every row they cover (see ImportPart). */
  mergedDown?: readonly MergeArea[];
}>;

/**
 * SheetJS's utilities (a sheet's range, a sparse sheet's rows), loaded with the first workbook SheetJS reads: every
 * thread of the host loads this module (the main thread, the compute worker, the scenario lane), few of them ever read
 * a workbook, and SheetJS holds about 6 MB of each thread that loads it. (SheetJS itself reads on a thread of its own:
 * sheetjs-bounded.ts.)
 */
let sheetJsModule: typeof XLSX | null = null;

function sheetJs(): typeof XLSX.utils {
  sheetJsModule ??= createRequire(import.meta.url)('xlsx') as typeof XLSX;
  return sheetJsModule.utils;
}

const DATE_FORMATS = new Map<string, boolean>();

/**
 * Whether a number format's code shows a date or a time, as SheetJS tells it (`SSF.is_date`: "d/m/yyyy", "[$-41E]d mmm
 * yy", "h:mm" are; "0.00", "General", '"ม."0' are not). Remembered per code (a sheet repeats a few).
 */
function isDateFormat(code: string): boolean {
  let date = DATE_FORMATS.get(code);
  if (date === undefined) {
    sheetJs();
    date = sheetJsModule!.SSF.is_date(code) === true;
    if (DATE_FORMATS.size >= 1024) DATE_FORMATS.clear();
    DATE_FORMATS.set(code, date);
  }
  return date;
}

/** A merged area larger than this is not filled (a title merged over a whole sheet carries no column value). */
const MAX_MERGE_FILL = 10_000;

function checkWorkbookSize(bytes: Buffer, fileName: string): void {
  if (bytes.length > MAX_WORKBOOK_BYTES) {
    throw fileError(
      fileName,
      'FILE_TOO_LARGE',
      `the workbook has ${bytes.length} bytes; at most ${MAX_WORKBOOK_BYTES} (save larger sets as CSV)`,
      `ไฟล์สเปรดชีตมีขนาด ${bytes.length} ไบต์ เกิน ${MAX_WORKBOOK_BYTES} (ข้อมูลที่ใหญ่กว่านี้ให้บันทึกเป็น CSV)`,
    );
  }
}

/**
 * An OpenDocument spreadsheet (.ods): its zip is inflated once by the bounded reader (every part checked against the
 * caps, as an XLSX's is), then read by SheetJS; an encrypted one is refused as a password-protected workbook.
 */
export function readOdsWorkbook(bytes: Buffer, fileName: string): Sheet[] {
  checkWorkbookSize(bytes, fileName);
  const hidden = odsChecked(bytes, fileName);
  return sheetJsSheets(bytes, fileName).map((s) => filled(withHidden(s, hidden)));
}

/**
 * An .ods file's manifest checked (an encrypted one is refused) and what its sheets hide, read from its content.xml;
 * the inflated parts are let go before SheetJS inflates them again.
 */
function odsChecked(bytes: Buffer, fileName: string): Map<string, HiddenCells> {
  const parts = readZip(bytes, fileName, { keep: (name) => name === 'META-INF/manifest.xml' || name === 'content.xml' });
  const manifest = parts.find((p) => p.name === 'META-INF/manifest.xml');
  if (manifest && /encryption-data/u.test(manifest.bytes.toString('utf8'))) {
    throw encryptedWorkbook(fileName);
  }
  for (const p of parts) {
    const refusal = declaredEntities(fileName, p.bytes, p.name, true);
    if (refusal) throw refusal;
  }
  const content = parts.find((p) => p.name === 'content.xml');
  // Repeats that would spell out more than the import reads are refused before SheetJS writes them out.
  const repeats = content ? odsRepeats(content.bytes) : null;
  if (repeats?.kind === 'rows') {
    throw fileError(
      fileName,
      'TOO_MANY_ROWS',
      `sheet '${repeats.table}' has more than ${MAX_ROWS} rows (its repeated rows reach row ${repeats.count})`,
      `ชีต '${repeats.table}' มีเกิน ${MAX_ROWS} แถว (แถวที่ทำซ้ำไปถึงแถวที่ ${repeats.count})`,
    );
  }
  if (repeats?.kind === 'cells') {
    throw fileError(
      fileName,
      'TOO_MANY_ROWS',
      `sheet '${repeats.table}' repeats its rows and cells into ${repeats.count} more cells than the file writes (at most ${MAX_REPEATED_CELLS}): no list of needs or proposals repeats so; save the sheet again from LibreOffice, or as CSV`,
      `ชีต '${repeats.table}' ทำซ้ำแถวและช่องจนเกิดช่องเพิ่มจากที่เขียนไว้ในไฟล์ ${repeats.count} ช่อง (รับได้ไม่เกิน ${MAX_REPEATED_CELLS} ช่อง) รายการความต้องการหรือโครงการไม่ทำซ้ำเช่นนี้ กรุณาบันทึกแผ่นงานใหม่จาก LibreOffice หรือบันทึกเป็น CSV`,
    );
  }
  if (repeats?.kind === 'columns') {
    throw fileError(
      fileName,
      'TOO_MANY_COLUMNS',
      `sheet '${repeats.table}' has more than ${MAX_COLUMNS} columns (a cell repeated over ${repeats.count} columns)`,
      `ชีต '${repeats.table}' มีเกิน ${MAX_COLUMNS} คอลัมน์ (ช่องที่ทำซ้ำ ${repeats.count} คอลัมน์)`,
    );
  }
  return content ? hiddenInOds(content.bytes) : new Map<string, HiddenCells>();
}

/** The bytes of sheet XML a shared string takes at the least to be used: a cell `<c t="s"><v>0</v></c>` is 20. */
const SHEET_BYTES_PER_SHARED_STRING = 10;
/** Shared strings a workbook may hold beyond those its sheets' size could use (strings left by deleted cells). */
const SPARE_SHARED_STRINGS = 100_000;

/**
 * Refuses an XLSX whose shared-strings table holds far more strings than its sheets' cells could use (each use is a
 * cell of 20 bytes or more): 10 million empty strings are a 255 KB file, and read they held 2 GB of memory. Counted
 * without reading them (each item's opening tag).
 */
function sharedStringsChecked(entries: ReadonlyMap<string, Buffer>, fileName: string): void {
  const table = (name: string): boolean => /sharedStrings[^/]*\.xml$/iu.test(name);
  // Every other part counts as sheets (wherever a workbook keeps them): styles and themes are small beside them.
  let sheetBytes = 0;
  for (const [name, b] of entries) if (!table(name)) sheetBytes += b.length;
  const most = Math.floor(sheetBytes / SHEET_BYTES_PER_SHARED_STRING) + SPARE_SHARED_STRINGS;
  for (const [name, b] of entries) {
    if (!table(name)) continue;
    const items = tagCount(b, 'si');
    if (items > most) {
      throw fileError(
        fileName,
        'CORRUPT_FILE',
        `its shared-strings table (${name}) holds ${items.toLocaleString('en-US')} texts, far more than its sheets' cells could use (at most about ${most.toLocaleString('en-US')}): open it in Excel or LibreOffice and save it again`,
        `ตารางข้อความใช้ร่วม (${name}) มีข้อความ ${items.toLocaleString('en-US')} รายการ มากเกินกว่าช่องในแผ่นงานจะใช้ได้ (ไม่เกินประมาณ ${most.toLocaleString('en-US')}) กรุณาเปิดด้วย Excel หรือ LibreOffice แล้วบันทึกใหม่`,
      );
    }
  }
}

/**
 * The elements of a name in XML (`<sheet …>`, `<x:sheet/>`, `<si>`), counted by their opening tags without parsing (a
 * close, `</si>`, has "/" before its name).
 */
function tagCount(xml: Buffer, name: string): number {
  let n = 0;
  for (let at = xml.indexOf(name, 0, 'latin1'); at >= 0; at = xml.indexOf(name, at + name.length, 'latin1')) {
    const before = xml[at - 1];
    const after = xml[at + name.length];
    if (
      (before === 0x3c || before === 0x3a) &&
      (after === 0x20 || after === 0x2f || after === 0x3e || after === 0x09 || after === 0x0a || after === 0x0d)
    )
      n++;
  }
  return n;
}

/** Refuses a workbook of more sheets than MAX_SHEETS: 100,000 sheets naming one part (a 500 KB file) took a minute. */
function sheetCountChecked(fileName: string, sheets: number): void {
  if (sheets <= MAX_SHEETS) return;
  throw fileError(
    fileName,
    'TOO_MANY_SHEETS',
    `the workbook has ${sheets.toLocaleString('en-US')} sheets; at most ${MAX_SHEETS.toLocaleString('en-US')} are read: save the sheets to import in a workbook of their own`,
    `สมุดงานมี ${sheets.toLocaleString('en-US')} แผ่นงาน อ่านได้ไม่เกิน ${MAX_SHEETS.toLocaleString('en-US')} แผ่นงาน กรุณาบันทึกแผ่นงานที่จะนำเข้าเป็นสมุดงานใหม่`,
  );
}

/**
 * A workbook's sheets (XLSX, XLSM, XLSB, XLS; with `markup`, an HTML table or XML Spreadsheet 2003 whose cells are
 * text, read as written: see sheetJsSheets).
 */
export function readWorkbook(bytes: Buffer, fileName: string, options: { markup?: boolean } = {}): Sheet[] {
  checkWorkbookSize(bytes, fileName);
  let entries: Map<string, Buffer> | null = null;
  if (isZip(bytes)) {
    // Every entry is inflated (checked against the caps); the workbook's XML parts are kept for the direct reader.
    entries = new Map();
    const names: string[] = [];
    for (const e of readZip(bytes, fileName, {
      keep: (name) => {
        names.push(name);
        return /\.(xml|rels)$/iu.test(name);
      },
    })) {
      entries.set(e.name, e.bytes);
    }
    if (!names.includes('[Content_Types].xml')) {
      throw fileError(fileName, 'CORRUPT_FILE', 'the zip is not an Excel workbook', 'ไฟล์ zip นี้ไม่ใช่สมุดงาน Excel');
    }
    if (names.includes('EncryptedPackage')) {
      throw encryptedWorkbook(fileName);
    }
    for (const [name, xml] of entries) {
      const refusal = declaredEntities(fileName, xml, name, true);
      if (refusal) throw refusal;
    }
    sharedStringsChecked(entries, fileName);
    const book = entries.get('xl/workbook.xml');
    if (book) sheetCountChecked(fileName, tagCount(book, 'sheet'));
  }
  const plain = entries ? readPlainXlsx(entries, isDateFormat) : null;
  // Hidden rows and columns from the sheets' XML, whichever reader reads the cells (SheetJS reports hidden columns
  // only with styles). A workbook without that XML (XLSB, legacy XLS) has them from SheetJS, which reads its styles.
  const hidden = entries ? hiddenBySheet(entries) : new Map<string, HiddenCells>();
  const xmlSheets = entries?.has('xl/workbook.xml') === true;
  entries = null;
  // The direct reader leaves a cell beyond the row and column limits to SheetJS's reading, so only a cell's length
  // is left to check here, sheet by sheet and row by row as SheetJS's reading checks it.
  const sheets = plain
    ? plain.map((s) => withLongCellsChecked(s, fileName))
    : sheetJsSheets(bytes, fileName, {
        formulas: isZip(bytes),
        hiddenColumns: !xmlSheets,
        ...(options.markup === true ? { markup: true } : {}),
      });
  return sheets.map((s) => filled(withHidden(s, hidden)));
}

/** A sheet with the rows and columns its workbook's XML says it hides (see hidden-cells.ts), if any. */
function withHidden(s: SheetCells, hidden: ReadonlyMap<string, HiddenCells>): SheetCells {
  const h = hidden.get(s.name);
  if (!h) return s;
  return {
    ...s,
    ...(h.rows.length > 0 ? { hiddenRows: h.rows } : {}),
    ...(h.columns.length > 0 ? { hiddenColumns: h.columns } : {}),
  };
}

/**
 * The sheets of any workbook SheetJS reads, as cell values and merged areas, each sheet's limits checked as it is
 * read (also the reference the direct reader is tested against). With `formulas` (XLSX, XLSB: files a script's
 * library may write without calculating), formulas without a stored result are named too (`SheetCells.formulas`).
 * Hidden rows are as SheetJS reports them; with `hiddenColumns` (a workbook whose sheets are not XML: XLSB, legacy
 * XLS) it reads the styles too, the only way it reports hidden columns (no slower on a 60,000-row XLS or XLSB).
 */
export function sheetJsSheets(
  bytes: Buffer,
  fileName: string,
  options: { formulas?: boolean; hiddenColumns?: boolean; markup?: boolean; timeoutMs?: number } = {},
): SheetCells[] {
  const withFormulas = options.formulas === true;
  let wb: XLSX.WorkBook;
  try {
    wb = readWithSheetJs(
      bytes,
      fileName,
      {
        type: 'buffer',
        dense: true,
        // A formula without a result is a stub (t 'z') carrying its formula; empty styled cells are stubs too.
        cellFormula: withFormulas,
        sheetStubs: withFormulas,
        cellHTML: false,
        cellStyles: options.hiddenColumns === true,
        cellText: false,
        cellDates: false,
        // Each cell's number format, to tell the numbers shown as dates (SheetCells.dates).
        cellNF: true,
        bookVBA: false,
        // An HTML table's cells are text, which SheetJS would guess at as an American would: "2/12/2569" (2 December)
        // became 12 February and "03/12/2026" 12 March. Kept as written, they are read as every text cell is (dates
        // day first, Thai months, amounts).
        ...(options.markup === true ? { raw: true } : {}),
      },
      // SheetJS's code-page tables: Excel 5.0/95 and older workbooks store text in the code page their CODEPAGE
      // record names (874 on Thai Windows), and without them every Thai letter reads as some Latin one. Text in a
      // code page comes only from a compound-file workbook (XLS); XLSX, XLSB and ODS are Unicode.
      { codePages: !isZip(bytes), timeoutMs: options.timeoutMs },
    );
  } catch (e) {
    if (!(e instanceof SheetJsReadError)) throw e;
    const msg = e.message;
    if (/password|encrypt/iu.test(msg)) {
      throw encryptedWorkbook(fileName);
    }
    throw fileError(
      fileName,
      'CORRUPT_FILE',
      `the workbook cannot be read (${msg.slice(0, 120)})`,
      'อ่านสมุดงานไม่ได้ (ไฟล์เสียหายหรือไม่ใช่ไฟล์ Excel)',
    );
  }
  sheetCountChecked(fileName, wb.SheetNames.length);
  const sheets: SheetCells[] = [];
  for (const [index, name] of wb.SheetNames.entries()) {
    const ws = wb.Sheets[name];
    if (!ws) continue;
    const hidden = (wb.Workbook?.Sheets?.[index]?.Hidden ?? 0) > 0;
    // A dense sheet's cells are read directly (about twice as fast as sheet_to_json, which builds the same rows);
    // row and column indexes are then the sheet's own.
    const dense = (ws as { '!data'?: (DenseCell | undefined)[][] })['!data'];
    const ref = ws['!ref'] ? sheetJs().decode_range(ws['!ref']) : null;
    const top = dense ? 0 : (ref?.s.r ?? 0);
    const left = dense ? 0 : (ref?.s.c ?? 0);
    const raw: readonly (readonly unknown[] | undefined)[] = dense
      ? dense
      : sheetJs().sheet_to_json<unknown[]>(ws, { header: 1, raw: true, defval: null, blankrows: true });
    // Stubs of empty styled cells count for no row or column: rows and cells end at the last one holding something.
    const height = withFormulas && dense ? usedLength(dense, (r) => r !== undefined && usedLength(r, held) > 0) : raw.length;
    if (height > MAX_ROWS) tooManyRows(fileName, name);
    // Rows start at the sheet's first used row: pad so that index = row number - 1.
    const rows: Cell[][] = Array.from({ length: top }, () => []);
    const formulas: FormulaCell[] = [];
    const dates: DateCell[] = [];
    const padded: PaddedCell[] = [];
    for (let i = 0; i < height; i++) {
      const r = raw[i] ?? [];
      const width = withFormulas && dense ? usedLength(r as readonly (DenseCell | undefined)[], held) : r.length;
      if (width > MAX_COLUMNS) tooManyColumns(fileName, name, top + i + 1);
      const row: Cell[] = new Array<Cell>(left + width).fill(null);
      for (let j = 0; j < width; j++) {
        const v = r[j];
        const cell = dense ? denseValue(v as DenseCell | undefined) : toCell(v);
        if (typeof cell === 'string' && cell.length > MAX_CELL_CHARS) cellTooLarge(fileName, name, cell, top + i, left + j);
        row[left + j] = cell;
        const d = v as DenseCell | undefined;
        if (withFormulas && dense && uncalculated(d)) {
          formulas.push({ r: top + i, c: left + j, formula: String(d!.f).slice(0, 200) });
        } else if (dense && d?.t === 'e' && typeof d.v === 'number') {
          // An error value (#DIV/0!, #REF! …): read as empty, and named so that a mapped one is refused.
          const error = SPREADSHEET_ERRORS.get(d.v) ?? `#${d.v}`;
          formulas.push({ r: top + i, c: left + j, formula: typeof d.f === 'string' ? d.f.slice(0, 200) : '', error });
        } else if (dense && typeof cell === 'number' && typeof d?.z === 'string') {
          if (isDateFormat(d.z)) dates.push({ r: top + i, c: left + j });
          else {
            const text = paddedNumber(cell, zeroPadWidth(d.z));
            if (text !== null) padded.push({ r: top + i, c: left + j, text });
          }
        }
      }
      rows.push(row);
    }
    // Rows and columns SheetJS reports hidden (an XLS's, an XLSB's, an XML Spreadsheet 2003's; an XLSX's come from its
    // XML, see readWorkbook).
    const hiddenRows = (ws['!rows'] ?? []).flatMap((r, i) => (r?.hidden === true ? [i] : []));
    const hiddenColumns = (ws['!cols'] ?? []).flatMap((c, i) => (c?.hidden === true ? [i] : []));
    sheets.push({
      name,
      rows,
      merges: ws['!merges'] ?? [],
      ...(hidden ? { hidden } : {}),
      ...(hiddenRows.length > 0 ? { hiddenRows } : {}),
      ...(hiddenColumns.length > 0 ? { hiddenColumns } : {}),
      ...(formulas.length > 0 ? { formulas } : {}),
      ...(dates.length > 0 ? { dates } : {}),
      ...(padded.length > 0 ? { padded } : {}),
    });
  }
  return sheets;
}

/** A sheet from the direct reader with its cells' lengths checked (rows first to last, cells left to right). */
function withLongCellsChecked(s: SheetCells, fileName: string): SheetCells {
  for (let i = 0; i < s.rows.length; i++) {
    const row = s.rows[i]!;
    for (let j = 0; j < row.length; j++) {
      const cell = row[j];
      if (typeof cell === 'string' && cell.length > MAX_CELL_CHARS) cellTooLarge(fileName, s.name, cell, i, j);
    }
  }
  return s;
}

/**
 * A sheet with its merged areas filled with their value; an area whose value is a date (a number shown as one) is a
 * date in every cell it fills (see `SheetCells.dates`).
 */
function filled(s: SheetCells): Sheet {
  const { name, rows, hidden, hiddenRows, hiddenColumns, formulas, padded } = s;
  const mergedDown: MergeArea[] = [];
  const dateAt = new Set(s.merges.length > 0 ? (s.dates ?? []).map((d) => `${d.r},${d.c}`) : []);
  const filledDates: DateCell[] = [];
  for (const m of s.merges) {
    const area = (m.e.r - m.s.r + 1) * (m.e.c - m.s.c + 1);
    if (area > MAX_MERGE_FILL || area <= 1) continue;
    const value = rows[m.s.r]?.[m.s.c] ?? null;
    if (value === null) continue;
    if (m.e.r > m.s.r) mergedDown.push(m);
    const date = dateAt.has(`${m.s.r},${m.s.c}`);
    for (let r = m.s.r; r <= m.e.r && r < rows.length; r++) {
      const row = rows[r]!;
      for (let c = m.s.c; c <= m.e.c; c++) {
        while (row.length <= c) row.push(null);
        if (row[c] !== null) continue;
        row[c] = value;
        if (date) filledDates.push({ r, c });
      }
    }
  }
  const dates = filledDates.length > 0 ? [...(s.dates ?? []), ...filledDates] : s.dates;
  return {
    name,
    rows,
    ...(hidden ? { hidden } : {}),
    ...(hiddenRows ? { hiddenRows } : {}),
    ...(hiddenColumns ? { hiddenColumns } : {}),
    ...(formulas ? { formulas } : {}),
    ...(dates ? { dates } : {}),
    ...(padded ? { padded } : {}),
    ...(mergedDown.length > 0 ? { mergedDown } : {}),
  };
}

/** A cell longer than MAX_CELL_CHARS, at row index `r` and column index `c`. */
function cellTooLarge(fileName: string, name: string, cell: string, r: number, c: number): never {
  throw fileError(
    fileName,
    'CELL_TOO_LARGE',
    `a cell of sheet '${name}' has ${cell.length} characters; at most ${MAX_CELL_CHARS}`,
    `ช่องข้อมูลในชีต '${name}' ยาว ${cell.length} อักขระ เกิน ${MAX_CELL_CHARS}`,
    { line: r + 1, column: columnLetter(c) },
  );
}

function tooManyRows(fileName: string, name: string): never {
  throw fileError(
    fileName,
    'TOO_MANY_ROWS',
    `sheet '${name}' has more than ${MAX_ROWS} rows`,
    `ชีต '${name}' มีเกิน ${MAX_ROWS} แถว`,
  );
}

function tooManyColumns(fileName: string, name: string, line: number): never {
  throw fileError(
    fileName,
    'TOO_MANY_COLUMNS',
    `sheet '${name}' has more than ${MAX_COLUMNS} columns`,
    `ชีต '${name}' มีเกิน ${MAX_COLUMNS} คอลัมน์`,
    { line },
  );
}

/** A cell of a dense sheet: its type (`e` error, `z` stub) and value. */
type DenseCell = { t?: string; v?: unknown; f?: unknown; z?: unknown };

/** A formula whose result the file does not store: a stub, or an error cell without its error (as SheetJS writes one). */
function uncalculated(c: DenseCell | undefined): boolean {
  return (c?.t === 'z' || (c?.t === 'e' && c.v === undefined)) && typeof c.f === 'string';
}

/** Whether a cell holds anything: a value, or a formula without one (an empty styled cell's stub does not). */
function held(c: DenseCell | undefined): boolean {
  return c !== undefined && (c.t !== 'z' || uncalculated(c));
}

/** One past the last item of `list` that `has` accepts (0 when none does). */
function usedLength<T>(list: readonly T[], has: (x: T) => boolean): number {
  let n = list.length;
  while (n > 0 && !has(list[n - 1]!)) n--;
  return n;
}

function denseValue(c: DenseCell | undefined): Cell {
  return c && c.t !== 'e' && c.t !== 'z' ? toCell(c.v) : null;
}

function toCell(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v);
}
