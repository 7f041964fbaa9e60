/**
 * Second readers for the export tests, written by no one here: Debian's python3-openpyxl reads the workbooks and
 * poppler's pdftotext / pdftoppm read the PDFs. Each is skipped with a clear message where the tool is missing.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const PYTHON = '/usr/bin/python3';

/** True when openpyxl can be imported by Debian's Python. */
export function hasOpenpyxl(): boolean {
  try {
    execFileSync(PYTHON, ['-c', 'import openpyxl'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export const hasPoppler = existsSync('/usr/bin/pdftotext') && existsSync('/usr/bin/pdftoppm');

/** A cell as openpyxl reads it: value, type ('n', 's', 'f' formula, …), number format, font and boldness. */
export type PyCell = Readonly<{
  v: string | number | boolean | null;
  t: string;
  fmt: string;
  font: string | null;
  bold: boolean;
}>;

/** A sheet as openpyxl reads it, with its print setup. */
export type PySheet = Readonly<{
  name: string;
  rows: PyCell[][];
  freeze: string | null;
  orientation: string | null;
  paperSize: number | null;
  printTitleRows: string | null;
  oddHeader: string;
  oddFooter: string;
}>;

const READ_XLSX = `
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
out = []
for ws in wb.worksheets:
    rows = []
    for row in ws.iter_rows():
        cells = []
        for c in row:
            v = c.value
            if v is not None and not isinstance(v, (int, float, str, bool)):
                v = str(v)
            cells.append({'v': v, 't': c.data_type, 'fmt': c.number_format, 'font': c.font.name if c.font else None, 'bold': bool(c.font and c.font.b)})
        rows.append(cells)
    hf = ws.oddHeader
    ff = ws.oddFooter
    def part(p):
        return ''.join((s.text or '') for s in (p.left, p.center, p.right))
    out.append({'name': ws.title, 'rows': rows, 'freeze': ws.freeze_panes, 'orientation': ws.page_setup.orientation,
                'paperSize': int(ws.page_setup.paperSize) if ws.page_setup.paperSize else None,
                'printTitleRows': ws.print_title_rows, 'oddHeader': part(hf), 'oddFooter': part(ff)})
print(json.dumps(out, ensure_ascii=False))
`;

/** Every sheet of a workbook as openpyxl reads it. */
export function readXlsxWithOpenpyxl(bytes: Uint8Array): PySheet[] {
  const dir = mkdtempSync(join(tmpdir(), 'chipao-openpyxl-'));
  try {
    const file = join(dir, 'book.xlsx');
    writeFileSync(file, bytes);
    return JSON.parse(
      execFileSync(PYTHON, ['-c', READ_XLSX, file], { maxBuffer: 256 * 1024 * 1024 }).toString('utf8'),
    ) as PySheet[];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The PDF's text (layout kept) and its page count. */
export function pdfText(bytes: Uint8Array): { text: string; pages: number } {
  const dir = mkdtempSync(join(tmpdir(), 'chipao-pdftext-'));
  try {
    const file = join(dir, 'doc.pdf');
    writeFileSync(file, bytes);
    const text = execFileSync('/usr/bin/pdftotext', ['-layout', file, '-']).toString('utf8');
    const info = execFileSync('/usr/bin/pdfinfo', [file]).toString('utf8');
    const pages = Number(/Pages:\s+(\d+)/u.exec(info)?.[1] ?? 0);
    return { text, pages };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Renders one page of a PDF to PNG at 60 dpi (`pdftoppm -png -r 60`) and returns the PNG's bytes. */
export function pdfPagePng(bytes: Uint8Array, page: number, outFile?: string): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'chipao-pdfpng-'));
  try {
    const file = join(dir, 'doc.pdf');
    writeFileSync(file, bytes);
    execFileSync('/usr/bin/pdftoppm', [
      '-png',
      '-r',
      '60',
      '-f',
      String(page),
      '-l',
      String(page),
      '-singlefile',
      file,
      join(dir, 'page'),
    ]);
    const png = readFileSync(join(dir, 'page.png'));
    if (outFile) writeFileSync(outFile, png);
    return png;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The fonts a PDF embeds (`pdffonts`). */
export function pdfFonts(bytes: Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), 'chipao-pdffonts-'));
  try {
    const file = join(dir, 'doc.pdf');
    writeFileSync(file, bytes);
    return execFileSync('/usr/bin/pdffonts', [file]).toString('utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
