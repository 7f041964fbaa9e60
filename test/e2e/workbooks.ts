/** Workbooks the browser tests hand to the import screens, written as a district or an agency would save them. */
import { writeFileSync } from 'node:fs';
import * as XLSX from 'xlsx';

/** Writes the sheets, in order, as an .xlsx at `path`, and returns the path. */
export function xlsxFile(path: string, sheets: Readonly<Record<string, XLSX.WorkSheet>>): string {
  const wb = XLSX.utils.book_new();
  for (const [name, ws] of Object.entries(sheets)) XLSX.utils.book_append_sheet(wb, ws, name);
  writeFileSync(path, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
  return path;
}
