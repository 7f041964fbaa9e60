/**
 * Reads any accepted file into parts: NDJSON feeds (kept as bytes, decoded strictly line by line), JSON records,
 * and grids (CSV in any accepted encoding, XLSX, XLS, HTML-as-XLS, one part per sheet), and a zip of these (one level
 * of nested zips). A file that is not what its name claims, or is no accepted format at all, is refused.
 */
import { getHeapStatistics } from 'node:v8';
import { duplicateJsonName, jsonShapeProblem, notJsonReason } from '../../../shared/domain/import/json-syntax';
import { shown } from '../../../shared/domain/import/problems';
import { cellText, type Cell } from '../../../shared/domain/import/values';
import { detectDelimiter, parseCsv } from './csv';
import { markupSpans } from './hidden-cells';
import { declaredEntities, encryptedWorkbook, fileError } from './file-error';
import {
  MAX_COLUMNS,
  MAX_INFLATED_BYTES,
  MAX_JSON_BYTES,
  MAX_JSON_CONTAINERS,
  MAX_ROWS,
  MAX_UPLOAD_BYTES,
  MAX_ZIP_ENTRIES,
} from './limits';
import { decodeText } from './text';
import { readOdsWorkbook, readWorkbook, type Sheet } from './workbook';
import { XlsxRefusal, type DateCell, type FormulaCell, type MergeArea, type PaddedCell } from './xlsx-reader';
import { isZip, readZip, type ZipEntry } from './zip';

export type ImportPart =
  | Readonly<{ name: string; kind: 'feed'; bytes: Buffer }>
  | Readonly<{ name: string; kind: 'records'; records: readonly unknown[] }>
  | Readonly<{
      name: string;
      kind: 'grid';
      rows: Cell[][];
      /** A workbook sheet's own name. */
      sheet?: string;
      /**
       * The separator of a delimited text file (CSV, TSV): its rows are lines of fields, so a row with more fields than
       * its header has split a cell at a separator written without quotes ("1,500,000" as three fields).
       */
      delimiter?: string;
      /** The sheet is hidden in its workbook. */
      hidden?: boolean;
      /** Rows (from 0) the sheet hides, by hand or by a filter (read all the same; the preview counts them). */
      hiddenRows?: readonly number[];
      /** Columns (from 0) the sheet hides (the last choice for a field; the preview names a mapped one). */
      hiddenColumns?: readonly number[];
      /** Cells holding a formula whose result the workbook does not store (read as empty). */
      formulas?: readonly FormulaCell[];
      /** Cells holding a number shown as a date or a time (a code column refuses one: Excel turned "1/2570" into a date). */
      dates?: readonly DateCell[];
      /** Cells holding a whole number shown padded with zeros ("00123"), and that text: a code column reads it. */
      padded?: readonly PaddedCell[];
      /**
       * Areas merged over several rows, their value filled into each row they cover: a quantity merged so would count
       * for every row (the mapping refuses it in a per-row field).
       */
      mergedDown?: readonly MergeArea[];
    }>;

export type ImportFormat = 'ndjson' | 'json' | 'csv' | 'xlsx' | 'xls' | 'ods' | 'html' | 'zip';

export type ImportSource = Readonly<{ format: ImportFormat; encoding: string | null; parts: ImportPart[] }>;

/**
 * A source read on another thread, as it arrives here: structured cloning turns a feed part's Buffer into a plain
 * Uint8Array, made a Buffer again (over the same memory).
 */
export function arrivedSource(source: ImportSource): ImportSource {
  return {
    ...source,
    parts: source.parts.map((p) => {
      if (p.kind !== 'feed' || Buffer.isBuffer(p.bytes)) return p;
      const bytes = p.bytes as Uint8Array;
      return { ...p, bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
    }),
  };
}

const CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const SPREADSHEET_EXT = /\.(xlsx|xlsm|xls)$/iu;

function extOf(name: string): string {
  const m = /\.([a-z0-9]+)$/iu.exec(name);
  return m ? m[1]!.toLowerCase() : '';
}

/**
 * The name of the stream an encrypted Office Open XML file keeps its workbook in, as a compound file's directory
 * writes names (UTF-16LE).
 */
const ENCRYPTED_PACKAGE = Buffer.from('EncryptedPackage', 'utf16le');

function isCfb(bytes: Uint8Array): boolean {
  return CFB.every((b, i) => bytes[i] === b);
}

/** A PDF or an image, by its first bytes: files people send for a table they do not have as data. */
function documentKind(bytes: Uint8Array): { en: string; th: string } | null {
  const head = Buffer.from(bytes.subarray(0, 8)).toString('latin1');
  if (head.startsWith('%PDF-')) return { en: 'a PDF', th: 'ไฟล์ PDF' };
  if (head.startsWith('\x89PNG') || head.startsWith('\xff\xd8\xff') || head.startsWith('GIF8')) {
    return { en: 'an image', th: 'รูปภาพ' };
  }
  return null;
}

/** A document that holds no table to read as data, with what to send instead. */
function notATable(fileName: string, kind: { en: string; th: string }): ReturnType<typeof fileError> {
  return fileError(
    fileName,
    'UNKNOWN_FORMAT',
    `the file is ${kind.en}, whose tables cannot be read as data: ask the sender for the Excel (.xlsx) or CSV file, or copy the table into Excel and save it`,
    `ไฟล์นี้เป็น${kind.th} ซึ่งอ่านตารางเป็นข้อมูลไม่ได้ กรุณาขอไฟล์ Excel (.xlsx) หรือ CSV จากผู้ส่ง หรือคัดลอกตารางลง Excel แล้วบันทึก`,
  );
}

/**
 * Heap a text file takes to be imported whole: per byte (its text, the grid's strings) and per row (the grid's row,
 * each row's values and the need made of them). Fitted to what the command line needed (the heap it ran out of memory
 * with, and the one it imported the file with): a 50 MB CSV of long rows, 250 / 400 MB; a 32.5 MB CSV of 230,000 short
 * rows, 350 / 450 MB; a 20 MB zip of 105,000 rows, imported with 256 MB; a 260 MB zip of 1.84 million rows, 3 / 4 GB.
 * Bytes alone (8 a byte, as before) let the short rows through to run out of memory.
 */
export const TEXT_HEAP_PER_BYTE = 6;
export const TEXT_HEAP_PER_ROW = 1_000;

/** The heap this thread may still take, in bytes (the limit V8 was given less what it holds now). */
function freeHeap(): number {
  const h = getHeapStatistics();
  return h.heap_size_limit - h.used_heap_size;
}

/**
 * Refuses a text file (CSV, TSV, JSON, HTML), or the text files of a zip together, that this thread's heap cannot hold
 * once read (`FILE_TOO_LARGE`, with the rows that would fit), before reading it: V8 stops the whole process when its
 * heap is full, with no message, so a 200 MB CSV within every other limit killed the command line (and would kill the
 * app's worker) on a laptop of 8 GB, and so did a 5 MB zip of eight CSVs of 33 MB each, checked one by one as each was
 * read. NDJSON never comes here: it streams.
 */
export function checkMemoryFor(fileName: string, files: Buffer | readonly Buffer[], free: number = freeHeap()): void {
  const texts = Buffer.isBuffer(files) ? [files] : files;
  const size = texts.reduce((n, b) => n + b.length, 0);
  let lines = 0;
  for (const bytes of texts) for (let at = bytes.indexOf(10); at >= 0; at = bytes.indexOf(10, at + 1)) lines++;
  const need = size * TEXT_HEAP_PER_BYTE + lines * TEXT_HEAP_PER_ROW;
  if (need <= free) return;
  const fit = Math.max(1, Math.floor((Math.max(lines, 1) * free) / need));
  const mb = (n: number): string => (n / 1024 / 1024).toLocaleString('en-US', { maximumFractionDigits: 0 });
  const many = !Buffer.isBuffer(files);
  throw fileError(
    fileName,
    'FILE_TOO_LARGE',
    `reading ${many ? `the zip's ${texts.length} files (${mb(size)} MB of text together)` : `this ${mb(size)} MB file`} whole takes about ${mb(need)} MB of memory, more than the ${mb(free)} MB this program has free: ${many ? 'send them in several imports' : 'split it into files'} of at most ${fit.toLocaleString('en-US')} rows each, or send the needs as NDJSON (read line by line)`,
    `การอ่าน${many ? `ไฟล์ ${texts.length} ไฟล์ใน zip (ข้อความรวม ${mb(size)} MB) ` : `ไฟล์ขนาด ${mb(size)} MB นี้`}ทั้งหมดต้องใช้หน่วยความจำประมาณ ${mb(need)} MB มากกว่าที่โปรแกรมมีเหลือ (${mb(free)} MB) กรุณา${many ? 'แบ่งนำเข้าหลายครั้ง' : 'แบ่งเป็นหลายไฟล์'} ครั้งละไม่เกิน ${fit.toLocaleString('en-US')} แถว หรือส่งข้อมูลความต้องการเป็น NDJSON (อ่านทีละบรรทัด)`,
  );
}

/** What a zip's files and the files of the zips inside it come to so far: inflated bytes and files. */
type ZipTotals = { bytes: number; entries: number };

/**
 * The files of a zip of files (not a workbook's parts), the zips inside it (named .zip) opened in its place, one level
 * deep (a workbook is a zip, and stays a file), each named by its path ("needs.zip/inner.zip/tambon.csv"). The caps on an
 * archive's inflated bytes and entries hold for the zip and the zips inside it together: 200 zips of 999 CSVs each
 * within every archive's own caps (a 1.8 MB file) were 199,800 files, read for two minutes.
 */
function zipFiles(fileName: string, bytes: Buffer, depth: number, totals: ZipTotals): ZipEntry[] {
  if (depth >= 2) {
    throw fileError(
      fileName,
      'NESTED_ZIP',
      'zips nested more than one level deep are not accepted',
      'ไม่รับไฟล์ zip ที่ซ้อนกันเกินหนึ่งชั้น',
    );
  }
  const files: ZipEntry[] = [];
  for (const e of readZip(bytes, fileName, { keep: () => true })) {
    totals.bytes += e.bytes.length;
    totals.entries++;
    if (totals.entries > MAX_ZIP_ENTRIES) {
      throw fileError(
        fileName,
        'ZIP_BOMB',
        `the zip and the zips inside it hold more than ${MAX_ZIP_ENTRIES} files together`,
        `ไฟล์ zip และไฟล์ zip ที่อยู่ภายในมีไฟล์รวมกันเกิน ${MAX_ZIP_ENTRIES} ไฟล์`,
      );
    }
    if (totals.bytes > MAX_INFLATED_BYTES) {
      const mb = Math.round(MAX_INFLATED_BYTES / (1024 * 1024));
      throw fileError(
        fileName,
        'ZIP_BOMB',
        `the zip and the zips inside it inflate beyond ${mb} MB together: refused as a zip bomb`,
        `ไฟล์ zip และไฟล์ zip ที่อยู่ภายในขยายรวมกันเกิน ${mb} MB จึงไม่รับ (zip bomb)`,
      );
    }
    const name = `${fileName}/${e.name}`;
    if (extOf(e.name) === 'zip' && isZip(e.bytes) && !workbookZip(e.bytes, name)) {
      files.push(...zipFiles(name, e.bytes, depth + 1, totals));
    } else files.push({ name, bytes: e.bytes });
  }
  return files;
}

/** Whether a zip is a workbook (an Office file's `[Content_Types].xml`, an OpenDocument's `mimetype`), not a zip of files. */
function workbookZip(bytes: Buffer, fileName: string): boolean {
  const listing = readZip(bytes, fileName, { listOnly: true });
  return listing.some((e) => e.name === '[Content_Types].xml' || e.name === 'mimetype');
}

/** Reads a file into parts (see the module comment). `depth` counts zips already opened around it. */
export function readImportFile(fileName: string, bytes: Buffer, depth = 0): ImportSource {
  if (bytes.length === 0) throw fileError(fileName, 'EMPTY_FILE', 'the file is empty', 'ไฟล์ว่างเปล่า');
  if (bytes.length > MAX_UPLOAD_BYTES) {
    throw fileError(fileName, 'FILE_TOO_LARGE', `the file has ${bytes.length} bytes`, `ไฟล์มีขนาด ${bytes.length} ไบต์ เกินที่รับได้`);
  }
  const ext = extOf(fileName);
  const kind = documentKind(bytes);
  if (kind) throw notATable(fileName, kind);
  if (isZip(bytes)) {
    const listing = readZip(bytes, fileName, { listOnly: true });
    if (listing.some((e) => e.name === '[Content_Types].xml')) {
      // A Word or PowerPoint file is an Office zip too: name it rather than fail to read it as a workbook.
      const office = listing.some((e) => e.name.startsWith('xl/'))
        ? null
        : listing.some((e) => e.name.startsWith('word/'))
          ? { en: 'a Word document', th: 'เอกสาร Word' }
          : listing.some((e) => e.name.startsWith('ppt/'))
            ? { en: 'a PowerPoint presentation', th: 'งานนำเสนอ PowerPoint' }
            : null;
      if (office) throw notATable(fileName, office);
      return { format: 'xlsx', encoding: null, parts: sheetParts(fileName, workbookSheets(bytes, fileName)) };
    }
    // OpenDocument (LibreOffice's .ods, as offices on free software save): its parts name it in 'mimetype'.
    if (listing.some((e) => e.name === 'mimetype') && listing.some((e) => e.name === 'content.xml')) {
      return {
        format: 'ods',
        encoding: null,
        parts: sheetParts(fileName, someSheet(fileName, readOdsWorkbook(bytes, fileName))),
      };
    }
    if (ext !== 'zip') {
      throw fileError(fileName, 'UNKNOWN_FORMAT', `the file is a zip archive, not .${ext}`, `ไฟล์นี้เป็นไฟล์ zip ไม่ใช่ .${ext}`);
    }
    // Every file of the zip and of the zips inside it, counted and checked together before any is read.
    const files = zipFiles(fileName, bytes, depth, { bytes: 0, entries: 0 });
    checkMemoryFor(
      fileName,
      files.filter((f) => !isZip(f.bytes) && !isCfb(f.bytes) && !/\.(ndjson|jsonl)$/iu.test(f.name)).map((f) => f.bytes),
    );
    const parts: ImportPart[] = [];
    for (const f of files) parts.push(...readImportFile(f.name, f.bytes, depth + 1).parts);
    if (parts.length === 0) throw fileError(fileName, 'ZIP_EMPTY', 'the zip holds no file', 'ไฟล์ zip ไม่มีไฟล์อยู่ภายใน');
    return { format: 'zip', encoding: null, parts };
  }
  // A compound file is a workbook whatever its name: an .xlsx encrypted with a password is one (refused, saying how to
  // take the password off), and so is a legacy .xls renamed .xlsx (read as what it is).
  if (isCfb(bytes)) {
    if (bytes.includes(ENCRYPTED_PACKAGE)) throw encryptedWorkbook(fileName);
    return { format: 'xls', encoding: null, parts: sheetParts(fileName, workbookSheets(bytes, fileName)) };
  }
  // A text file named .xlsx (a web system's "Excel" export that is a CSV or an HTML table, or a CSV renamed by hand)
  // is read as what it is, as a text .xls is; anything else that is no zip is a damaged workbook.
  const workbookName = ext === 'xlsx' || ext === 'xlsm';
  if (ext === 'zip' || (workbookName && !textLike(bytes))) {
    throw fileError(
      fileName,
      'CORRUPT_FILE',
      `the file is not a valid .${ext} (it is not a zip archive)`,
      `ไฟล์ไม่ใช่ .${ext} ที่ถูกต้อง`,
    );
  }
  if (ext === 'ndjson' || ext === 'jsonl')
    return { format: 'ndjson', encoding: 'utf-8', parts: [{ name: fileName, kind: 'feed', bytes }] };
  // A file of a zip (depth 1 or more) was checked with the zip's other text files, before any was read.
  if (depth === 0) checkMemoryFor(fileName, bytes);
  const { text, encoding } = decodeText(bytes, fileName);
  const start = text.trimStart().slice(0, 256);
  if (start.startsWith('<')) {
    if (!/<(table|\?xml|workbook)/iu.test(text.slice(0, 1_048_576))) {
      throw fileError(fileName, 'UNKNOWN_FORMAT', 'the file is markup without a table', 'ไฟล์เป็น HTML/XML ที่ไม่มีตาราง');
    }
    // An HTML page may start with <!DOCTYPE html>; an entity declaration has no place in either.
    const refusal = declaredEntities(fileName, text, null, false);
    if (refusal) throw refusal;
    spansChecked(fileName, text);
    const sheets = workbookSheets(Buffer.from(text, 'utf8'), fileName, { markup: true });
    // An HTML report's title written above its table (not in it) is shown by Excel in the rows above the table, and
    // names what the table's rows leave out (their tambon, their agency, the year): read as those rows.
    const above = /^<\?xml|^<workbook/iu.test(start) ? [] : textAboveTable(text, fileName);
    const first = sheets[0];
    return {
      format: 'html',
      encoding,
      parts: sheetParts(fileName, first && above.length > 0 ? [withRowsAbove(first, above), ...sheets.slice(1)] : sheets),
    };
  }
  if (start.startsWith('{') && !oneLineObject(text) && ext !== 'json') {
    return { format: 'ndjson', encoding, parts: [{ name: fileName, kind: 'feed', bytes }] };
  }
  if (start.startsWith('[') || start.startsWith('{') || ext === 'json') {
    return { format: 'json', encoding, parts: [jsonPart(fileName, text, bytes.length)] };
  }
  if (SPREADSHEET_EXT.test(fileName) && ext !== 'xls' && !workbookName) {
    throw fileError(fileName, 'CORRUPT_FILE', `the file is not a valid .${ext}`, `ไฟล์ไม่ใช่ .${ext} ที่ถูกต้อง`);
  }
  const delimiter = detectDelimiter(text);
  return {
    format: 'csv',
    encoding,
    parts: [{ name: fileName, kind: 'grid', rows: parseCsv(text, fileName, delimiter), delimiter }],
  };
}

/**
 * An XML Spreadsheet 2003's merges and column spans checked before SheetJS writes them out (see markupSpans): one
 * past the rows or columns the import reads, or merges covering more than a million cells, refuse the file.
 */
function spansChecked(fileName: string, text: string): void {
  const spans = markupSpans(text);
  if (spans?.kind === 'rows') {
    throw fileError(
      fileName,
      'TOO_MANY_ROWS',
      `a cell is merged down over ${spans.count} rows, more than the ${MAX_ROWS} rows read`,
      `มีช่องที่ผสานลงไป ${spans.count} แถว เกิน ${MAX_ROWS} แถวที่อ่านได้`,
    );
  }
  if (spans?.kind === 'columns') {
    throw fileError(
      fileName,
      'TOO_MANY_COLUMNS',
      `a cell or column spans ${spans.count} columns, more than the ${MAX_COLUMNS} columns read`,
      `มีช่องหรือคอลัมน์ที่ครอบคลุม ${spans.count} คอลัมน์ เกิน ${MAX_COLUMNS} คอลัมน์ที่อ่านได้`,
    );
  }
  if (spans?.kind === 'cells') {
    throw fileError(
      fileName,
      'TOO_MANY_ROWS',
      `its merged cells cover ${spans.count} cells beyond their first, more than a list of needs or proposals merges: unmerge them, or save the sheet as CSV`,
      `ช่องที่ผสานกันครอบคลุมช่องอื่นรวม ${spans.count} ช่อง มากเกินกว่ารายการความต้องการหรือโครงการจะมี กรุณายกเลิกการผสานช่อง หรือบันทึกแผ่นงานเป็น CSV`,
    );
  }
}

/**
 * Whether a file not in a container looks like text, to be read as CSV or HTML whatever its name: a UTF-16 mark, or no
 * NUL byte and a line break, a tab or markup's `<` first in its first 64 KB (a damaged workbook or an image has NULs).
 */
function textLike(bytes: Buffer): boolean {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return true;
  const head = bytes.subarray(0, 65_536);
  const markup = head
    .toString('latin1', 0, 64)
    .trimStart()
    .replace(/^\xef\xbb\xbf/u, '')
    .startsWith('<');
  return !head.includes(0) && (head.includes(0x0a) || head.includes(0x09) || markup);
}

/**
 * Whether the text is one object on one line, `{` .. `}` without a line break: a JSON document, where an object per
 * line is NDJSON. (Tested without a pattern: a pattern over a line of millions of characters overflows the regular
 * expression engine's stack.)
 */
function oneLineObject(text: string): boolean {
  const t = text.trim();
  return t.startsWith('{') && t.endsWith('}') && !t.includes('\n');
}

/** A workbook's sheets; what the XLSX reader refuses is refused naming the file. */
function workbookSheets(bytes: Buffer, fileName: string, options: { markup?: boolean } = {}): Sheet[] {
  try {
    return someSheet(fileName, readWorkbook(bytes, fileName, options));
  } catch (e) {
    if (e instanceof XlsxRefusal) throw fileError(fileName, e.code, e.en, e.th, e.where);
    throw e;
  }
}

/**
 * A workbook's sheets when it has one: a workbook none of whose sheets could be read (its sheet parts missing, empty
 * or pointing outside the file; its records damaged) is refused as damaged, not read as a file of nothing.
 */
function someSheet(fileName: string, sheets: Sheet[]): Sheet[] {
  if (sheets.length > 0) return sheets;
  throw fileError(
    fileName,
    'CORRUPT_FILE',
    'the workbook has no sheet that could be read (its sheets are missing or damaged): open it in Excel or LibreOffice and save it again, or save the sheet as CSV',
    'ไม่พบแผ่นงานที่อ่านได้ในสมุดงาน (แผ่นงานหายไปหรือเสียหาย) กรุณาเปิดด้วย Excel หรือ LibreOffice แล้วบันทึกใหม่ หรือบันทึกแผ่นงานเป็น CSV',
  );
}

/** The most lines of an HTML page's text above its table read as rows (a report's title block is a few). */
const MAX_LINES_ABOVE = 10;
/** How far before the table that text is looked for (a page's scripts and styles may be long; its title is near). */
const ABOVE_WINDOW = 65_536;
/** Elements whose text Excel does not show (or no text at all). */
const UNSHOWN = new Set(['head', 'title', 'script', 'style', 'noscript', 'template', 'svg', 'object']);
/** Elements that end a line of the text Excel shows. */
const LINE_BREAKING = /^\/?(?:br|p|div|h[1-6]|li|ul|ol|tr|table|center|header|section|article|blockquote|pre|hr|dl|dt|dd)$/iu;

/**
 * The lines of text an HTML page writes before its first table (headings, paragraphs, lines broken by `<br>`), as
 * Excel shows them in the rows above the table; scripts, styles, the head and comments are not shown. Read in one
 * pass over at most the 64 KB before the table; a character reference to no character is refused as in a cell.
 * @example textAboveTable('<h3>รายงาน ตำบลตาลเดี่ยว</h3><table>…', 'a.xls') // ['รายงาน ตำบลตาลเดี่ยว']
 */
export function textAboveTable(html: string, fileName: string): string[] {
  const at = html.search(/<table[\s>]/iu);
  if (at <= 0) return [];
  const page = html.slice(Math.max(0, at - ABOVE_WINDOW), at);
  const lines: string[] = [];
  let line = '';
  const endLine = (): void => {
    const text = cellText(htmlText(line, fileName));
    if (text !== null && lines.length < MAX_LINES_ABOVE) lines.push(text.slice(0, 1000));
    line = '';
  };
  let p = 0;
  let unshown: string | null = null;
  while (p < page.length) {
    const lt = page.indexOf('<', p);
    if (unshown === null) line += page.slice(p, lt < 0 ? page.length : lt);
    if (lt < 0) break;
    if (page.startsWith('<!--', lt)) {
      const end = page.indexOf('-->', lt + 4);
      p = end < 0 ? page.length : end + 3;
      continue;
    }
    const gt = page.indexOf('>', lt + 1);
    if (gt < 0) break;
    const name = /^\/?[a-z][a-z0-9]*/iu.exec(page.slice(lt + 1, Math.min(gt, lt + 40)))?.[0]?.toLowerCase() ?? '';
    const bare = name.replace('/', '');
    if (unshown !== null) {
      if (name === `/${unshown}`) unshown = null;
    } else if (UNSHOWN.has(bare) && !name.startsWith('/') && page[gt - 1] !== '/') {
      unshown = bare;
    } else if (LINE_BREAKING.test(name)) {
      endLine();
    }
    p = gt + 1;
  }
  if (unshown === null) endLine();
  return lines;
}

/** An HTML text's character references read (&nbsp; as a space); one to no character is refused, naming it. */
function htmlText(text: string, fileName: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(?:(nbsp|amp|lt|gt|quot|apos)|#(\d{1,10})|#x([\da-f]{1,8}));/giu, (all, named, dec, hex) => {
    if (named)
      return ({ nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[
        String(named).toLowerCase()
      ]!;
    const n = dec !== undefined ? Number(dec) : parseInt(String(hex), 16);
    const bad = n > 0x10ffff || (n >= 0xd800 && n <= 0xdfff) || (n < 0x20 && n !== 9 && n !== 10 && n !== 13);
    if (bad) {
      throw fileError(
        fileName,
        'INVALID_CHAR',
        `the text above the table holds '${all.slice(0, 24)}', a character reference to no valid character`,
        `ข้อความเหนือตารางมี '${all.slice(0, 24)}' ซึ่งอ้างถึงรหัสที่ไม่ใช่อักขระที่ถูกต้อง`,
      );
    }
    return String.fromCodePoint(n);
  });
}

/** A sheet with rows of text above its own (a title Excel shows above an HTML table), every row it names moved down. */
function withRowsAbove(sheet: Sheet, above: readonly string[]): Sheet {
  const n = above.length;
  const moved = <T extends { r: number }>(cells: readonly T[] | undefined): T[] | undefined =>
    cells?.map((c) => ({ ...c, r: c.r + n }));
  const formulas = moved(sheet.formulas);
  const dates = moved(sheet.dates);
  const padded = moved(sheet.padded);
  return {
    ...sheet,
    rows: [...above.map((t) => [t]), ...sheet.rows],
    ...(sheet.hiddenRows ? { hiddenRows: sheet.hiddenRows.map((r) => r + n) } : {}),
    ...(formulas ? { formulas } : {}),
    ...(dates ? { dates } : {}),
    ...(padded ? { padded } : {}),
    ...(sheet.mergedDown
      ? { mergedDown: sheet.mergedDown.map((m) => ({ s: { r: m.s.r + n, c: m.s.c }, e: { r: m.e.r + n, c: m.e.c } })) }
      : {}),
  };
}

function sheetParts(fileName: string, sheets: readonly Sheet[]): ImportPart[] {
  return sheets.map((s) => ({
    name: sheets.length > 1 ? `${fileName}#${s.name}` : fileName,
    kind: 'grid',
    rows: s.rows,
    sheet: s.name,
    ...(s.hidden ? { hidden: true } : {}),
    ...(s.hiddenRows ? { hiddenRows: s.hiddenRows } : {}),
    ...(s.hiddenColumns ? { hiddenColumns: s.hiddenColumns } : {}),
    ...(s.formulas ? { formulas: s.formulas } : {}),
    ...(s.dates ? { dates: s.dates } : {}),
    ...(s.padded ? { padded: s.padded } : {}),
    ...(s.mergedDown ? { mergedDown: s.mergedDown } : {}),
  }));
}

/**
 * A JSON document: an array of records, or an object holding one (`items`, as the platform's pages do, or `needs`).
 * Records in the protocol's form go to the feed's checks; other objects (form exports with their own keys) become a
 * grid whose header is their keys, for the mapping step.
 */
function jsonPart(fileName: string, text: string, size: number): ImportPart {
  if (size > MAX_JSON_BYTES) {
    throw fileError(
      fileName,
      'FILE_TOO_LARGE',
      `a JSON document over ${MAX_JSON_BYTES} bytes; send NDJSON instead`,
      `ไฟล์ JSON ใหญ่เกิน ${MAX_JSON_BYTES} ไบต์ กรุณาส่งเป็น NDJSON`,
    );
  }
  // Counted before JSON.parse builds them: a document within the size cap can still build more than the worker holds.
  // (Depth is no bound here: JSON.parse reads any depth, and a value too deep is refused naming its record below.)
  const shape = jsonShapeProblem(text, { maxDepth: Number.MAX_SAFE_INTEGER, maxContainers: MAX_JSON_CONTAINERS });
  if (shape) {
    const n = shape.limit.toLocaleString('en-US');
    const at = shape.at.toLocaleString('en-US');
    throw fileError(
      fileName,
      'FILE_TOO_LARGE',
      `a JSON document of more than ${n} lists and objects (past character ${at}); send NDJSON instead (one record a line)`,
      `ไฟล์ JSON มีรายการและออบเจ็กต์เกิน ${n} ชุด (เกินที่อักขระที่ ${at}) กรุณาส่งเป็น NDJSON (บรรทัดละหนึ่งรายการ)`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const why = notJsonReason(text, e);
    throw fileError(
      fileName,
      'NOT_JSON',
      `the file is not valid JSON: ${why.en}`,
      `ไฟล์ไม่ใช่ JSON ที่ถูกต้อง: ${why.th}`,
      why.line === null ? {} : { line: why.line },
    );
  }
  // A field given twice in one record (copied and changed in one place only): JSON.parse keeps the last without a word.
  const twice = duplicateJsonName(text);
  if (twice) {
    throw fileError(
      fileName,
      'BAD_FIELD',
      `the file gives "${shown(twice.name, 40)}" twice in one record (line ${twice.line}, column ${twice.column}): keep one`,
      `ไฟล์ระบุ "${shown(twice.name, 40)}" ซ้ำสองครั้งในรายการเดียวกัน (บรรทัด ${twice.line} คอลัมน์ ${twice.column}) กรุณาเหลือไว้ค่าเดียว`,
    );
  }
  const list = Array.isArray(value)
    ? value
    : typeof value === 'object' && value !== null
      ? ((value as Record<string, unknown>)['items'] ??
        (value as Record<string, unknown>)['needs'] ??
        (value as Record<string, unknown>)['data'])
      : undefined;
  if (!Array.isArray(list)) {
    throw fileError(
      fileName,
      'NOT_OBJECT',
      'expected an array of records (or {"items": [...]})',
      'ต้องเป็นรายการข้อมูล (array) หรือ {"items": [...]}',
    );
  }
  const objects = list.filter((r): r is Record<string, unknown> => typeof r === 'object' && r !== null && !Array.isArray(r));
  const protocol = objects.length > 0 && objects.every((r) => 'id' in r && ('version' in r || r['op'] === 'delete'));
  if (protocol || objects.length !== list.length) return { name: fileName, kind: 'records', records: list };
  const keys: string[] = [];
  for (const r of objects) for (const k of Object.keys(r)) if (!keys.includes(k) && keys.length < 200) keys.push(k);
  // Row 1 is the header: record i is row i + 2, as the grid's own problems number it.
  const rows: Cell[][] = [keys, ...objects.map((r, i) => keys.map((k) => jsonCell(r[k], fileName, i, k)))];
  return { name: fileName, kind: 'grid', rows };
}

/** A list or object nested deeper than this in one cell is refused: no form writes one, and its text has no use. */
const MAX_CELL_NESTING = 32;

/**
 * A record's value as a cell: scalars as they are, a shallow list or object as its JSON text. One nested deeper than
 * MAX_CELL_NESTING is refused naming its record and field (JSON.parse reads any depth, but writing it back as text
 * recurses once per level and would overflow the stack).
 */
function jsonCell(v: unknown, fileName: string, index: number, key: string): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (nestedDeeperThan(v, MAX_CELL_NESTING)) {
    throw fileError(
      fileName,
      'BAD_FIELD',
      `record ${index + 1}, field '${key}': a list or object nested more than ${MAX_CELL_NESTING} levels deep; expected text or a number`,
      `รายการที่ ${index + 1} ช่อง '${key}': เป็นรายการหรือออบเจ็กต์ที่ซ้อนกันเกิน ${MAX_CELL_NESTING} ชั้น ต้องเป็นข้อความหรือตัวเลข`,
      { line: index + 2, column: key },
    );
  }
  return JSON.stringify(v);
}

/** True when lists and objects nest more than `max` levels in `value`: a walk with its own stack, not recursion. */
function nestedDeeperThan(value: unknown, max: number): boolean {
  const stack: { v: unknown; depth: number }[] = [{ v: value, depth: 1 }];
  while (stack.length > 0) {
    const { v, depth } = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (depth > max) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push({ v: child, depth: depth + 1 });
  }
  return false;
}
