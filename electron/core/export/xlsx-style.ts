/**
 * The province's spreadsheet style, shared by the plan workbook and the evidence packs: Sarabun everywhere, bold
 * bordered headers, amounts as #,##0.00, frozen header rows, A4 landscape with the title rows repeated on every
 * printed page, page numbers in the footer, and "ร่าง" in the header and footer of a draft.
 */
import type ExcelJS from 'exceljs';

export const FONT = 'Sarabun';
export const MONEY = '#,##0.00';
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  bottom: { style: 'thin' },
  left: { style: 'thin' },
  right: { style: 'thin' },
};

/**
 * Prefixes an apostrophe to text a spreadsheet would evaluate if it were typed in (= + @, a minus before a figure or
 * a name: "-2+3", "-cmd|"), so no cell can run a formula even once edited. A dash and a space, as Thai documents write
 * a list item ("- ก่อสร้างถนน คสล. หมู่ที่ 3"), is text, and is written as it is.
 * @example safeText('- ก่อสร้างถนน') // '- ก่อสร้างถนน'
 * @example safeText('=HYPERLINK("http://x")') // '\'=HYPERLINK("http://x")'
 */
export function safeText(text: string): string {
  return /^(?:[=+@\t\r]|-(?![\s\u00a0]))/u.test(text) ? `'${text}` : text;
}

/** A sheet whose cells are all in Sarabun, with column widths. */
export function addSheet(wb: ExcelJS.Workbook, name: string, widths: readonly number[]): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { properties: { defaultRowHeight: 20 } });
  widths.forEach((w, i) => {
    const col = ws.getColumn(i + 1);
    col.width = w;
    col.font = { name: FONT, size: 14 };
  });
  return ws;
}

/** A title line (bold, larger). */
export function titleRow(ws: ExcelJS.Worksheet, text: string, size = 16, color?: string): ExcelJS.Row {
  const row = ws.addRow([text]);
  row.getCell(1).font = { name: FONT, size, bold: true, ...(color ? { color: { argb: color } } : {}) };
  return row;
}

/** A plain line of cells in Sarabun. */
export function textRow(ws: ExcelJS.Worksheet, cells: readonly (string | number | null)[], bold = false): ExcelJS.Row {
  const row = ws.addRow([...cells]);
  row.eachCell((c) => (c.font = { name: FONT, size: 14, bold }));
  return row;
}

/** A table's header row: bold, shaded, bordered, wrapped. */
export function headerRow(ws: ExcelJS.Worksheet, cells: readonly string[]): ExcelJS.Row {
  const row = ws.addRow([...cells]);
  row.eachCell((c) => {
    c.font = { name: FONT, size: 14, bold: true };
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
    c.border = THIN;
    c.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  });
  return row;
}

type CellKind = 'text' | 'money' | 'decimals';
const shared = new Map<string, Partial<ExcelJS.Style>>();

/**
 * One style object per kind of body cell, shared by every such cell (a fresh object per cell makes large sheets several
 * times slower to build). Never mutate a cell that carries one: assign another shared style instead.
 */
function sharedStyle(kind: CellKind, bold: boolean, wrap: boolean): Partial<ExcelJS.Style> {
  const key = `${kind}:${bold}:${wrap}`;
  let style = shared.get(key);
  if (!style) {
    style = {
      font: { name: FONT, size: 14, bold },
      border: THIN,
      ...(kind === 'money' ? { numFmt: MONEY } : kind === 'decimals' ? { numFmt: '0.00' } : {}),
      ...(wrap ? { alignment: { wrapText: true, vertical: 'top' } } : {}),
    };
    shared.set(key, style);
  }
  return style;
}

/**
 * A table row with borders; `money` and `decimals` name the 1-based columns formatted #,##0.00 and 0.00, `wrap` those
 * whose text wraps; `bold` for total rows.
 */
export function bodyRow(
  ws: ExcelJS.Worksheet,
  cells: readonly (string | number | null)[],
  format: Readonly<{ money?: readonly number[]; decimals?: readonly number[]; wrap?: readonly number[]; bold?: boolean }> = {},
): ExcelJS.Row {
  const row = ws.addRow([...cells]);
  const bold = format.bold ?? false;
  for (let i = 1; i <= cells.length; i++) {
    const kind: CellKind = format.money?.includes(i) ? 'money' : format.decimals?.includes(i) ? 'decimals' : 'text';
    row.getCell(i).style = sharedStyle(kind, bold, format.wrap?.includes(i) ?? false);
  }
  return row;
}

/** The workbook's bytes: a light compression level (the files are small; the default level triples the write time). */
export async function workbookBytes(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(
    await wb.xlsx.writeBuffer({ zip: { compression: 'DEFLATE', compressionOptions: { level: 1 } } } as ExcelJS.XlsxWriteOptions),
  );
}

/**
 * Print setup: A4 landscape, fit to the page width, rows 1..`titleRows` repeated on every page and frozen on
 * screen, page numbers in the footer; a draft says "ร่าง" in the header and footer of every printed page.
 */
export function printSetup(
  ws: ExcelJS.Worksheet,
  options: Readonly<{
    titleRows: number;
    frozenRows: number;
    draftMark: string | null;
    pageWord: string;
    ofWord: string;
    footerLeft: string;
  }>,
): void {
  ws.pageSetup = {
    paperSize: 9,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.5, right: 0.5, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
    ...(options.titleRows > 0 ? { printTitlesRow: `1:${options.titleRows}` } : {}),
  };
  // Header/footer codes: &L &C &R sections, &P page, &N pages, &"font,style" (a literal & is &&).
  const esc = (s: string): string => s.replace(/&/gu, '&&');
  const draft = options.draftMark ? `&C&"${FONT},Bold"&16${esc(options.draftMark)}` : '';
  ws.headerFooter = {
    oddHeader: draft,
    oddFooter: `&L&"${FONT},Regular"&10${esc(options.footerLeft)}${draft ? `&C&"${FONT},Bold"&12${esc(options.draftMark ?? '')}` : ''}&R&"${FONT},Regular"&10${esc(options.pageWord)} &P ${esc(options.ofWord)} &N`,
  };
  if (options.frozenRows > 0) ws.views = [{ state: 'frozen', ySplit: options.frozenRows, xSplit: 0 }];
}
