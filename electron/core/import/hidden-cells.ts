/**
 * What a workbook's sheets hide, read from their XML whichever reader reads their cells: rows hidden by hand or
 * filtered out, and hidden columns, in an XLSX (`<row hidden="1">`, `<col min max hidden="1">`) and in an OpenDocument
 * spreadsheet (`table:visibility="collapse"` or `"filter"` on rows and columns, with their repeat counts). Hidden rows
 * are still the file's data and are read, and the import says how many; a hidden column is the last choice for a field
 * and said when mapped (see `readGridPart`). Linear in the XML: only row and column tags are read, and only in sheets
 * that hide something.
 */
import { MAX_COLUMNS, MAX_ROWS } from './limits';
import { attributes, nameEnds, NotPlain, rootElement, tagEnd, unescapeXml } from './xlsx-reader';

/** What a sheet hides: rows and columns, indexes from 0. */
export type HiddenCells = { rows: number[]; columns: number[] };

/**
 * The rows and columns each sheet hides (by sheet name): rows hidden by hand or filtered out by an autofilter, which
 * Excel marks alike (`<row hidden="1">`), and hidden columns (`<col min max hidden="1">`). Hidden rows are still the
 * file's data and are read, and the import says how many it read; a hidden column is the last choice for a field
 * (often a superseded figure or a helper) and said when mapped. Read leniently from any workbook these entries hold
 * (prefixed or Strict XML too, which the direct reader leaves to SheetJS); a sheet that cannot be found is left out.
 * Linear in the sheets' bytes: only row and column tags are read, and only in sheets that hide something.
 */
export function hiddenBySheet(entries: ReadonlyMap<string, Buffer>): Map<string, HiddenCells> {
  const out = new Map<string, HiddenCells>();
  const workbook = entries.get('xl/workbook.xml')?.toString('utf8');
  const relsXml = entries.get('xl/_rels/workbook.xml.rels')?.toString('utf8');
  if (workbook === undefined || relsXml === undefined) return out;
  const targets = new Map<string, string>();
  for (const m of relsXml.matchAll(/<(?:\w+:)?Relationship\s([^<>]*)\/?>/gu)) {
    const a = attributes(m[1]!);
    if (a['Id'] !== undefined && a['Target'] !== undefined) targets.set(a['Id'], unescapeXml(a['Target']));
  }
  for (const m of workbook.matchAll(/<(?:\w+:)?sheet\s([^<>]*)\/?>/gu)) {
    const a = attributes(m[1]!);
    const id = Object.entries(a).find(([k]) => k === 'id' || k.endsWith(':id'))?.[1];
    const target = id === undefined ? undefined : targets.get(id);
    if (a['name'] === undefined || target === undefined) continue;
    const path = target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^(?:\.\/)?/u, '')}`;
    const xml = entries.get(path);
    if (!xml) continue;
    try {
      const hidden = hiddenIn(xml);
      if (hidden.rows.length > 0 || hidden.columns.length > 0) out.set(unescapeXml(a['name']), hidden);
    } catch (e) {
      // A tag never closed: the sheet's reader refuses or reads the file as it can; nothing is said hidden.
      if (!(e instanceof NotPlain)) throw e;
    }
  }
  return out;
}

const HIDDEN_ATTRIBUTE = Buffer.from('hidden=', 'latin1');

/**
 * The rows and columns (from 0) a worksheet's XML marks hidden: rows numbered as SheetJS numbers them (`r`, else one
 * past the last), columns by their ranges (`min`..`max`, from 1, within the import's column limit).
 */
function hiddenIn(xml: Buffer): HiddenCells {
  const none: HiddenCells = { rows: [], columns: [] };
  // Most sheets hide nothing: one search, and their tags are not read.
  if (xml.indexOf(HIDDEN_ATTRIBUTE) < 0) return none;
  // The row tag as the root element spells it: `<row`, or `<x:row` under a prefixed `<x:worksheet`.
  const p = rootElement(xml);
  if (p < 0) return none;
  let nameEnd = p + 1;
  while (nameEnd < xml.length && !nameEnds(xml[nameEnd])) nameEnd++;
  const root = xml.toString('latin1', p + 1, Math.min(nameEnd, p + 64));
  const prefix = root.includes(':') ? root.slice(0, root.indexOf(':') + 1) : '';
  const isHidden = (a: Record<string, string>): boolean => a['hidden'] === '1' || a['hidden'] === 'true';
  const tags = function* (name: string): Generator<Record<string, string>> {
    const needle = Buffer.from(`<${prefix}${name}`, 'latin1');
    for (let at = xml.indexOf(needle, p); at >= 0; at = xml.indexOf(needle, at + needle.length)) {
      if (!nameEnds(xml[at + needle.length])) continue;
      yield attributes(xml.toString('latin1', at + needle.length, tagEnd(xml, at)));
    }
  };
  const rows: number[] = [];
  let rowNo = 0;
  for (const a of tags('row')) {
    const r = Number(a['r']);
    rowNo = Number.isSafeInteger(r) && r > 0 ? r : rowNo + 1;
    if (isHidden(a)) rows.push(rowNo - 1);
  }
  const columns = new Set<number>();
  for (const a of tags('col')) {
    const min = Number(a['min']);
    const max = Number(a['max']);
    if (!isHidden(a) || !Number.isSafeInteger(min) || !Number.isSafeInteger(max) || min < 1) continue;
    for (let c = min; c <= Math.min(max, MAX_COLUMNS); c++) columns.add(c - 1);
  }
  return { rows, columns: [...columns].sort((x, y) => x - y) };
}

const ODS_VISIBILITY = Buffer.from('table:visibility=', 'latin1');
const ODS_TABLE = Buffer.from('<table:table', 'latin1');
const ODS_TABLE_END = Buffer.from('</table:table>', 'latin1');
const ODS_ROW = Buffer.from('<table:table-row', 'latin1');
const ODS_COLUMN = Buffer.from('<table:table-column', 'latin1');

/**
 * The tables of an OpenDocument spreadsheet's `content.xml`, in order: each one's name and the span of its rows and
 * columns (`from` after its tag, `stop` at its end tag or the end of the XML). A table tag never closed ends the walk.
 */
function* odsTables(content: Buffer): Generator<{ name: string; from: number; stop: number }> {
  for (let at = content.indexOf(ODS_TABLE); at >= 0; at = content.indexOf(ODS_TABLE, at + ODS_TABLE.length)) {
    // `<table:table` begins `<table:table-row` and the like too: only the table's own tag opens a table.
    if (!nameEnds(content[at + ODS_TABLE.length])) continue;
    let from: number;
    try {
      from = tagEnd(content, at);
    } catch (e) {
      if (!(e instanceof NotPlain)) throw e;
      return;
    }
    const name = unescapeXml(attributes(content.toString('utf8', at + ODS_TABLE.length, from))['table:name'] ?? '');
    const end = content.indexOf(ODS_TABLE_END, from);
    yield { name, from, stop: end < 0 ? content.length : end };
    if (end < 0) return;
    at = end;
  }
}

/**
 * A row's or column's repeat count (`table:number-rows-repeated` …): 1 when absent or not a whole number from 1; a
 * whole number past the safe integers ("99999999999999999999", which SheetJS reads and writes out) as the largest.
 */
function repeatCount(raw: string | undefined): number {
  const n = Number(raw ?? '1');
  if (Number.isSafeInteger(n)) return n >= 1 ? n : 1;
  return raw !== undefined && /^\s*\+?\d+\s*$/u.test(raw) ? Number.MAX_SAFE_INTEGER : 1;
}

/**
 * The rows and columns (from 0) each table of an OpenDocument spreadsheet's `content.xml` hides (by table name): rows
 * and columns whose `table:visibility` is `collapse` (hidden) or `filter` (filtered out), each standing for as many as
 * its `table:number-rows-repeated` / `table:number-columns-repeated` says, within the import's limits. A tag never
 * closed leaves its table out.
 */
export function hiddenInOds(content: Buffer): Map<string, HiddenCells> {
  const out = new Map<string, HiddenCells>();
  if (content.indexOf(ODS_VISIBILITY) < 0) return out;
  const hiddenValue = (a: Record<string, string>): boolean =>
    a['table:visibility'] === 'collapse' || a['table:visibility'] === 'filter';
  for (const { name, from: tagClose, stop } of odsTables(content)) {
    try {
      const hidden: HiddenCells = { rows: [], columns: [] };
      let row = 0;
      let column = 0;
      for (const [needle, isRow] of [
        [ODS_COLUMN, false],
        [ODS_ROW, true],
      ] as const) {
        for (let p = content.indexOf(needle, tagClose); p >= 0 && p < stop; p = content.indexOf(needle, p + needle.length)) {
          // `<table:table-row` is also the start of `<table:table-rows` and `<table:table-row-group`: tags alone.
          if (!nameEnds(content[p + needle.length])) continue;
          const a = attributes(content.toString('latin1', p + needle.length, tagEnd(content, p)));
          const n = repeatCount(isRow ? a['table:number-rows-repeated'] : a['table:number-columns-repeated']);
          const limit = isRow ? MAX_ROWS : MAX_COLUMNS;
          const from = isRow ? row : column;
          if (hiddenValue(a)) {
            const list = isRow ? hidden.rows : hidden.columns;
            for (let i = from; i < Math.min(from + n, limit); i++) list.push(i);
          }
          if (isRow) row += n;
          else column += n;
        }
      }
      if (name !== '' && (hidden.rows.length > 0 || hidden.columns.length > 0)) out.set(name, hidden);
    } catch (e) {
      if (!(e instanceof NotPlain)) throw e;
      break;
    }
  }
  return out;
}

const ODS_ROW_END = Buffer.from('</table:table-row>', 'latin1');
const ODS_CELL = Buffer.from('<table:table-cell', 'latin1');
const ODS_COVERED_CELL = Buffer.from('<table:covered-table-cell', 'latin1');
const ODS_CELL_END = Buffer.from('</table:table-cell>', 'latin1');
const ODS_TEXT = Buffer.from('<text:', 'latin1');

/**
 * What a file's repeats or merges spell out past the import's limits: more rows or columns holding something than it
 * reads (`count`: the last row, or the columns), or more cells holding something than MAX_REPEATED_CELLS (`count`: the
 * cells spelled out beyond those written).
 */
export type SpelledOut = Readonly<{ kind: 'rows' | 'columns' | 'cells'; count: number }>;

/** A table of an OpenDocument spreadsheet whose repeats spell out past the import's limits (see SpelledOut). */
export type OdsRepeats = SpelledOut & Readonly<{ table: string }>;

/**
 * The cells holding something that a table's repeats may spell out beyond those the file writes. LibreOffice repeats
 * a row only when it is the same as the one before, and a cell when it is the same as its neighbour: a list of needs
 * or proposals has few such. A million rows of one repeated cell each is no list, and SheetJS held 1.3 GB for it.
 */
export const MAX_REPEATED_CELLS = 1_000_000;

/**
 * The first table of an OpenDocument spreadsheet's `content.xml` whose repeats spell out more than the import reads:
 * a row holding something (a cell with a value or text) that lies past MAX_ROWS once the rows before it are counted
 * with their `table:number-rows-repeated`, a cell holding something repeated past MAX_COLUMNS, or repeats that spell
 * out more than MAX_REPEATED_CELLS cells holding something beyond those written, over all tables. SheetJS writes out
 * every repeat: a 1 KB file of one cell repeated over a million rows and 16,384 columns held a gigabyte of memory until
 * its time limit stopped it. Repeats of empty rows and cells, as LibreOffice writes the rest of a sheet, count for
 * nothing. Null when there is none; linear in the XML.
 */
export function odsRepeats(content: Buffer): OdsRepeats | null {
  // Cells spelled out by repeats, over every table (SheetJS holds them all at once).
  let spelled = 0;
  for (const { name: table, from: tagClose, stop } of odsTables(content)) {
    try {
      let row = 0;
      // Each row and cell is read once: the search for the next one starts after the end of the one before.
      for (let p = content.indexOf(ODS_ROW, tagClose); p >= 0 && p < stop; p = content.indexOf(ODS_ROW, p + 1)) {
        if (!nameEnds(content[p + ODS_ROW.length])) continue;
        const rowTag = tagEnd(content, p);
        const rows = repeatCount(
          attributes(content.toString('latin1', p + ODS_ROW.length, rowTag))['table:number-rows-repeated'],
        );
        const closed = content[rowTag - 1] === 0x2f;
        const found = closed ? rowTag : content.indexOf(ODS_ROW_END, rowTag);
        const rowEnd = found < 0 || found > stop ? stop : found;
        const cells = content.subarray(0, rowEnd);
        let held = 0;
        for (const needle of closed ? [] : [ODS_CELL, ODS_COVERED_CELL]) {
          for (let c = cells.indexOf(needle, rowTag); c >= 0; c = cells.indexOf(needle, c + 1)) {
            if (!nameEnds(content[c + needle.length])) continue;
            const cellTag = tagEnd(content, c);
            const a = attributes(content.toString('latin1', c + needle.length, cellTag));
            const empty = content[cellTag - 1] === 0x2f;
            const close = empty ? cellTag : cells.indexOf(ODS_CELL_END, cellTag);
            const cellEnd = close < 0 ? rowEnd : close;
            const text = !empty && content.subarray(cellTag, cellEnd).indexOf(ODS_TEXT) >= 0;
            if (a['office:value-type'] !== undefined || text) {
              const columns = repeatCount(a['table:number-columns-repeated']);
              if (columns > MAX_COLUMNS) return { table, kind: 'columns', count: columns };
              held += columns;
              spelled += columns - 1;
            }
            c = Math.max(c, cellEnd - 1);
          }
        }
        if (held > 0 && row + rows > MAX_ROWS) return { table, kind: 'rows', count: row + rows };
        spelled += (rows - 1) * held;
        if (spelled > MAX_REPEATED_CELLS) return { table, kind: 'cells', count: spelled };
        row += rows;
        p = Math.max(p, rowEnd - 1);
      }
    } catch (e) {
      if (!(e instanceof NotPlain)) throw e;
      break;
    }
  }
  return null;
}

/** A cell's or column's start tag in an XML Spreadsheet 2003 (any prefix, as SheetJS reads it) and its attributes. */
const MARKUP_TAG = /<(?:[A-Za-z_][\w.-]*:)?(Cell|Column)\b([^>]*)>/gu;

/** The whole-number attributes of a cell or column tag that span cells (any prefix). */
const MARKUP_COUNTS = {
  Span: /\s(?:[A-Za-z_][\w.-]*:)?Span\s*=\s*["']\s*\+?(\d+)\s*["']/u,
  MergeAcross: /\s(?:[A-Za-z_][\w.-]*:)?MergeAcross\s*=\s*["']\s*\+?(\d+)\s*["']/u,
  MergeDown: /\s(?:[A-Za-z_][\w.-]*:)?MergeDown\s*=\s*["']\s*\+?(\d+)\s*["']/u,
} as const;

/** A whole-number attribute of a tag's attributes: 0 when absent or not a whole number. */
function markupCount(attributes: string, name: keyof typeof MARKUP_COUNTS): number {
  const m = MARKUP_COUNTS[name].exec(attributes);
  return m ? Math.min(Number(m[1]), Number.MAX_SAFE_INTEGER) : 0;
}

/** Excel's columns in a sheet: a column span past them is no workbook Excel wrote. */
const EXCEL_COLUMNS = 16_384;

/**
 * What an XML Spreadsheet 2003 (Excel's "XML Spreadsheet", read by SheetJS) spells out past the import's limits: a
 * cell merged across MAX_COLUMNS columns or more, or down MAX_ROWS rows or more; a column span past Excel's 16,384
 * columns (SheetJS copies the column once for each: `ss:Span="50000000"` ran out of memory); or merges that cover more
 * than MAX_REPEATED_CELLS cells beyond their first (SheetJS's reading held 330 MB for one cell merged down a million
 * rows, and ran out of memory for one merged over the whole sheet, a file of 900 bytes). Null when there is none;
 * linear in the text.
 */
export function markupSpans(text: string): SpelledOut | null {
  let covered = 0;
  for (const [, tag, attributes = ''] of text.matchAll(MARKUP_TAG)) {
    if (!/(?:MergeAcross|MergeDown|Span)/u.test(attributes)) continue;
    if (tag === 'Column') {
      const span = markupCount(attributes, 'Span');
      if (span >= EXCEL_COLUMNS) return { kind: 'columns', count: span + 1 };
      continue;
    }
    const across = markupCount(attributes, 'MergeAcross');
    const down = markupCount(attributes, 'MergeDown');
    if (across >= MAX_COLUMNS) return { kind: 'columns', count: across + 1 };
    if (down >= MAX_ROWS) return { kind: 'rows', count: down + 1 };
    covered += (across + 1) * (down + 1) - 1;
    if (covered > MAX_REPEATED_CELLS) return { kind: 'cells', count: covered };
  }
  return null;
}
