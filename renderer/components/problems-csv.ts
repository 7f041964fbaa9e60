import type { InputProblem } from '../../shared/api/errors';
import { filePlaceKind } from '../../shared/domain/import/problems';
import { downloadBytes } from '../app/download';

/** A cell that a spreadsheet would read as a formula (=, +, -, @) is prefixed with a quote. */
function cell(value: string | number): string {
  let s = String(value);
  if (/^[=+\-@\t\r]/u.test(s)) s = `'${s}`;
  return /[",\n\r]/u.test(s) ? `"${s.replace(/"/gu, '""')}"` : s;
}

/**
 * The problems of an import as CSV (UTF-8 with a BOM, so Excel shows Thai): row, column, code, Thai and English reason.
 * @example problemsCsv([{ line: 3, column: 'ตำบล', code: 'UNKNOWN_AREA', th: 'ไม่พบ', en: 'unknown' }], ['row', 'column', 'code', 'th', 'en'])
 */
export function problemsCsv(problems: readonly InputProblem[], header: readonly string[]): string {
  const lines = [header.map(cell).join(',')];
  for (const p of problems) lines.push([p.line, p.column ?? '', p.code ?? '', p.th, p.en].map(cell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/**
 * Downloads an import's problems as CSV, named after the file (`report.xlsx` → `report-problems.csv`), its headings
 * naming rows or lines as the file has them.
 */
export function downloadProblems(
  problems: readonly InputProblem[],
  fileName: string,
  header: (placedBy: 'row' | 'line') => readonly string[],
): void {
  const bytes = new TextEncoder().encode(problemsCsv(problems, header(filePlaceKind(fileName))));
  downloadBytes(bytes, `${fileName.replace(/\.[^.]+$/u, '')}-problems.csv`, 'text/csv;charset=utf-8');
}
