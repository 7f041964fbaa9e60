/**
 * A direct reader of plain XLSX worksheets: the cell values of each sheet (as SheetJS reads them with the importer's
 * options: dense, no formulas, no formatted text, dates as serial numbers) and its merged areas, scanned from the
 * bytes of the already inflated and checked zip entries in one pass, without SheetJS's intermediate strings and cell
 * objects (about four times faster on a large sheet).
 *
 * It reads only what it fully understands: unprefixed SpreadsheetML, worksheets found through the workbook's
 * relationships, shared strings, inline strings, numbers, booleans, errors, and text without numeric character
 * references in formula results. For anything else (a date cell, a prefixed namespace, comments, hyperlinks, a cell
 * reference it cannot place, a shared string that does not exist) it answers null and the caller reads the file with
 * SheetJS, so every workbook yields the same values whichever reader read it.
 */
import type { Cell } from '../../../shared/domain/import/values';
import { MAX_COLUMNS, MAX_ROWS } from './limits';

export type SheetCells = Readonly<{
  name: string;
  /** Row i is the sheet's row i + 1; a row's length is one past its last stored cell (null where nothing is). */
  rows: Cell[][];
  merges: readonly MergeArea[];
}>;

export type MergeArea = Readonly<{ s: { r: number; c: number }; e: { r: number; c: number } }>;

/** Thrown inside the scan when the workbook holds something this reader leaves to SheetJS. */
class NotPlain extends Error {}

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
const WORKSHEET_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet';

/**
 * The sheets of a workbook from its entries (name → inflated bytes), or null when the workbook is not plain enough
 * for this reader (see the module comment).
 */
export function readPlainXlsx(entries: ReadonlyMap<string, Buffer>): SheetCells[] | null {
  try {
    return readSheets(entries);
  } catch (e) {
    if (e instanceof NotPlain) return null;
    throw e;
  }
}

function readSheets(entries: ReadonlyMap<string, Buffer>): SheetCells[] {
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
  let sst: (string | undefined)[] = [];
  if (sstName !== undefined) {
    if (!sstName.startsWith('/')) throw new NotPlain();
    sst = sharedStrings(text(sstName.slice(1)));
  } else if ([...entries.keys()].some((n) => /sharedStrings/iu.test(n))) {
    throw new NotPlain();
  }
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
    const xml = entries.get(path);
    if (!xml) throw new NotPlain();
    const sheetRels = entries.get(path.replace(/^(.*)\/([^/]*)$/u, '$1/_rels/$2.rels'));
    if (sheetRels && /comments|threadedComment/iu.test(sheetRels.toString('utf8'))) throw new NotPlain();
    out.push({ name: unescapeXml(a['name']), ...worksheet(xml, sst) });
  }
  if (out.length === 0) throw new NotPlain();
  return out;
}

/** The attributes of a tag (name → raw value). */
function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/gu)) out[m[1]!] = m[2] ?? m[3] ?? '';
  return out;
}

const ENTITIES: Readonly<Record<string, string>> = { '&quot;': '"', '&apos;': "'", '&gt;': '>', '&lt;': '<', '&amp;': '&' };

/** XML text as SheetJS unescapes it: named and numeric references, `_xHHHH_` escapes; CDATA is left to SheetJS. */
function unescapeXml(s: string): string {
  if (s.includes('<![CDATA[')) throw new NotPlain();
  if (!s.includes('&') && !s.includes('_x')) return s;
  return s
    .replace(/&(?:quot|apos|gt|lt|amp|#x?([\da-fA-F]+));/giu, (all, code: string | undefined) => {
      const named = ENTITIES[all];
      if (named !== undefined) return named;
      const n = parseInt(code ?? '', all.includes('x') ? 16 : 10);
      return String.fromCharCode(n) || all;
    })
    .replace(/_x([\da-fA-F]{4})_/giu, (_all, c: string) => String.fromCharCode(parseInt(c, 16)));
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
    const runs = x.replace(/<(?:\w+:)?rPh\b[^<>]*>[\s\S]*?<\/(?:\w+:)?rPh>/gu, '');
    if (/<(?:\w+:)?rPh\b/u.test(runs)) throw new NotPlain();
    const parts = [...runs.matchAll(/<(?:\w+:)?t\b[^<>]*>([^<]*)<\/(?:\w+:)?t>/gu)].map((m) => m[1]!);
    return sheetText(parts.join(''));
  }
  return undefined;
}

function sharedStrings(xml: string): (string | undefined)[] {
  const open = /<(?:\w+:)?sst\b[^<>]*>/u.exec(xml);
  if (!open) return [];
  const close = xml.indexOf('</sst>', open.index + open[0].length);
  if (close < 0) return [];
  const body = xml.slice(open.index + open[0].length, close);
  if (/<(?:\w+:)?si\s/u.test(body) || /sstItem/u.test(body)) throw new NotPlain();
  return body
    .replace(/<(?:\w+:)?si>/gu, '')
    .split(/<\/(?:\w+:)?si>/u)
    .map((s) => stringItem(s.trim()));
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

/** The end of a tag starting at `lt` (the index of its `>`). */
function tagEnd(buf: Buffer, lt: number): number {
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

/** The value ranges of a cell tag's `r` and `t` attributes read last by cellTag (-1 when absent). */
let refFrom = -1;
let refTo = -1;
let typeFrom = -1;
let typeTo = -1;

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

/** One pass over a cell tag's attributes (between `from` and `to`), keeping where `r` and `t` are. */
function cellTag(buf: Buffer, from: number, to: number): void {
  refFrom = refTo = typeFrom = typeTo = -1;
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
    if (n !== 0x72 && n !== 0x74) continue;
    const k = valueQuote(buf, i + 2);
    if (k < 0) continue;
    const q = buf[k]!;
    const e = next(buf, q, k + 1);
    if (e < 0 || e >= to) throw new NotPlain();
    if (n === 0x72) {
      refFrom = k + 1;
      refTo = e;
    } else {
      typeFrom = k + 1;
      typeTo = e;
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
  if (s.includes('&#') || s.includes('_x')) throw new NotPlain();
  return sheetText(unescapeXml(s));
}

const MERGE = /<(?:\w+:)?mergeCell ref=["']([A-Z0-9:]+)['"]\s*[/]?>/gu;

function worksheet(xml: Buffer, sst: readonly (string | undefined)[]): { rows: Cell[][]; merges: MergeArea[] } {
  // The root element must be an unprefixed worksheet.
  let p = 0;
  for (;;) {
    p = xml.indexOf(LT, p);
    if (p < 0) throw new NotPlain();
    const next = xml[p + 1];
    if (next !== 0x3f && next !== 0x21) break;
    p = tagEnd(xml, p) + 1;
  }
  if (tagName(xml, p) !== 'worksheet') throw new NotPlain();
  const rows: Cell[][] = [];
  // The parts before and after <sheetData> (inside it, any tag but a row's or a cell's is left to SheetJS).
  let headEnd = xml.length;
  let tailStart = xml.length;
  const open = find(xml, '<sheetData', p);
  if (open >= 0) {
    const openEnd = tagEnd(xml, open);
    const close = xml[openEnd - 1] === SLASH ? -1 : find(xml, '</sheetData>', openEnd);
    if (close >= 0) {
      cells(xml, openEnd + 1, close, sst, rows);
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
  return { rows, merges };
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
function nameEnds(b: number | undefined): boolean {
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

const END_IS = Buffer.from('</is>', 'latin1');
const END_F = Buffer.from('</f>', 'latin1');

/** The cells of `<sheetData>` between `from` and `to` (tags: row, c and the cell's v, f, is; anything else is left to SheetJS). */
function cells(xml: Buffer, from: number, to: number, sst: readonly (string | undefined)[], rows: Cell[][]): void {
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
    // The cell's children up to `</c>`: the value, a formula (ignored) or an inline string.
    let v0 = -1;
    let v1 = -1;
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
            q = cend + 1;
            continue;
          }
          const close = xml.indexOf(END_F, cend + 1);
          if (close < 0 || close >= to) throw new NotPlain();
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
      // Without a reference SheetJS looks for one in the cell's text: leave such cells to it.
      const other = xml.indexOf('r=', lt, 'latin1');
      if (other >= 0 && other < contentEnd) throw new NotPlain();
      r = rowNo - 1;
      c = col + 1;
      if (r < 0) throw new NotPlain();
    }
    col = c;
    p = selfClosing ? end + 1 : q;
    const hasV = v1 > v0;
    switch (type) {
      case T_N:
        if (hasV) {
          const n = numberValue(xml, v0, v1);
          put(rows, r, c, Number.isFinite(n) ? n : null);
        }
        break;
      case T_S:
        if (hasV) {
          const idx = positiveInt(xml, v0, v1);
          if (idx >= sst.length) throw new NotPlain();
          put(rows, r, c, sst[idx] ?? null);
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
