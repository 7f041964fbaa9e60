/** The baseline of the spreadsheet import benches: SheetJS's parse alone, with the options the importer uses. */
import * as XLSX from 'xlsx';

/** Seconds SheetJS takes to parse the workbook (dense, no formulas, HTML, styles, text or dates). */
export function sheetJsParseSeconds(bytes: Buffer): number {
  const t0 = performance.now();
  XLSX.read(bytes, {
    type: 'buffer',
    dense: true,
    cellFormula: false,
    cellHTML: false,
    cellStyles: false,
    cellText: false,
    cellDates: false,
  });
  return (performance.now() - t0) / 1000;
}
