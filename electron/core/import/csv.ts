/**
 * CSV (comma, semicolon or tab, detected from the first lines) into a grid of cells, RFC 4180 quoting, bounded:
 * a cell over MAX_CELL_CHARS, more than MAX_ROWS rows or MAX_COLUMNS columns is refused with its place.
 */
import type { Cell } from '../../../shared/domain/import/values';
import { fileError } from './file-error';
import { MAX_CELL_CHARS, MAX_COLUMNS, MAX_ROWS } from './limits';
import { columnLetter } from '../../../shared/domain/import/columns';

const DELIMITERS = [',', ';', '\t'] as const;

/**
 * The delimiter that splits the first lines most consistently into more than one column.
 * @example detectDelimiter('a;b;c\n1;2;3') // ';'
 */
export function detectDelimiter(text: string): string {
  const lines = text
    .slice(0, 65_536)
    .split(/\r?\n/u)
    .filter((l) => l.trim() !== '')
    .slice(0, 20);
  let best: { d: string; score: number } = { d: ',', score: -1 };
  for (const d of DELIMITERS) {
    const counts = lines.map((l) => countOutsideQuotes(l, d));
    const max = Math.max(0, ...counts);
    if (max === 0) continue;
    const mode = mostCommon(counts.filter((c) => c > 0));
    const score = counts.filter((c) => c === mode).length * 100 + mode;
    if (score > best.score) best = { d, score };
  }
  return best.d;
}

function countOutsideQuotes(line: string, d: string): number {
  let n = 0;
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === d && !quoted) n++;
  }
  return n;
}

function mostCommon(values: readonly number[]): number {
  const freq = new Map<number, number>();
  for (const v of values) freq.set(v, (freq.get(v) ?? 0) + 1);
  let best = 0;
  let bestN = 0;
  for (const [v, n] of freq) if (n > bestN || (n === bestN && v > best)) [best, bestN] = [v, n];
  return best;
}

/** Whether `text[at]` is a closing quote's next character: the cell's end (after spaces or tabs), else text. */
function endsCell(text: string, at: number, delimiter: string): boolean {
  let k = at;
  while (k < text.length && (text[k] === ' ' || text[k] === '\t') && delimiter !== text[k]) k++;
  return k >= text.length || text[k] === delimiter || text[k] === '\n' || text[k] === '\r';
}

/**
 * Where the quoted cell whose quote at `at` is followed by text ends, when that is on the same line and within the
 * cell's size cap: the first later quote that ends a cell (`"ซ่อมถนน "สายหลัก" หมู่ 4",` – quotes written inside a cell
 * without doubling them); -1 when none does (the quote then closes the cell, as RFC 4180 readers take it).
 */
function sameLineClose(text: string, at: number, delimiter: string): number {
  const end = Math.min(text.length, at + MAX_CELL_CHARS);
  for (let k = at + 1; k < end; k++) {
    const ch = text[k];
    if (ch === '\n' || ch === '\r') return -1;
    if (ch === '"' && endsCell(text, k + 1, delimiter)) return k;
  }
  return -1;
}

/**
 * Parses CSV text into rows of text cells (empty cells are null). Quoting as RFC 4180 writes it, read leniently as
 * people write it by hand: a quote inside a quoted cell left undoubled is kept when the cell closes later on the same
 * line (`"ซ่อมถนน "สายหลัก" หมู่ 4"` is ซ่อมถนน "สายหลัก" หมู่ 4, where it lost its first quote and gained text after
 * the cell's end); text after a closing quote is added to the cell. Cells are slices of the text, not built a
 * character at a time (a string grown by one character per step keeps every step in memory until it is read).
 */
export function parseCsv(text: string, fileName: string, delimiter = detectDelimiter(text)): Cell[][] {
  const rows: Cell[][] = [];
  let row: Cell[] = [];
  let cell = '';
  let i = 0;
  const n = text.length;
  const tooLong = (length: number): never => {
    throw fileError(
      fileName,
      'CELL_TOO_LARGE',
      `a cell has ${length} characters; at most ${MAX_CELL_CHARS}`,
      `ช่องข้อมูลยาว ${length} อักขระ เกิน ${MAX_CELL_CHARS}`,
      { line: rows.length + 1, column: columnLetter(row.length) },
    );
  };
  const add = (from: number, to: number): void => {
    if (to <= from) return;
    if (cell.length + (to - from) > MAX_CELL_CHARS) tooLong(cell.length + (to - from));
    cell = cell === '' ? text.slice(from, to) : cell + text.slice(from, to);
  };
  const endCell = (): void => {
    row.push(cell === '' ? null : cell);
    cell = '';
    if (row.length > MAX_COLUMNS) {
      throw fileError(
        fileName,
        'TOO_MANY_COLUMNS',
        `a row has more than ${MAX_COLUMNS} columns`,
        `แถวมีเกิน ${MAX_COLUMNS} คอลัมน์`,
        {
          line: rows.length + 1,
        },
      );
    }
  };
  const endRow = (): void => {
    endCell();
    rows.push(row);
    row = [];
    if (rows.length > MAX_ROWS) {
      throw fileError(fileName, 'TOO_MANY_ROWS', `the file has more than ${MAX_ROWS} rows`, `ไฟล์มีเกิน ${MAX_ROWS} แถว`);
    }
  };
  let cellStart = 0;
  while (i < n) {
    const ch = text[i]!;
    if (ch === '"' && cell === '' && i === cellStart) {
      // A quoted cell: read to its closing quote (doubled quotes are one quote; one written inside without doubling is
      // kept when the cell closes later on its line).
      const line = rows.length + 1;
      let from = i + 1;
      let lenientUntil = -1;
      let k = from;
      for (;;) {
        k = text.indexOf('"', k);
        if (k < 0) {
          throw fileError(fileName, 'CORRUPT_FILE', 'a quoted cell is never closed', 'มีเครื่องหมายคำพูด (") ที่ไม่ได้ปิด', {
            line,
          });
        }
        // Quotes before a close found on the line are kept as written.
        if (k < lenientUntil) {
          k++;
          continue;
        }
        if (k === lenientUntil) break;
        if (text[k + 1] === '"') {
          add(from, k + 1);
          from = k + 2;
          k += 2;
          continue;
        }
        if (!endsCell(text, k + 1, delimiter)) {
          const close = sameLineClose(text, k, delimiter);
          if (close > 0) {
            lenientUntil = close;
            k++;
            continue;
          }
        }
        break;
      }
      add(from, k);
      // A line break inside a cell is one line break, however the file ends its lines ("\r\n" as Windows saves
      // it, a lone "\r" as old Macs did): a carriage return kept in the text would be refused as a control character.
      if (cell.includes('\r')) cell = cell.replace(/\r\n?/gu, '\n');
      i = k + 1;
      cellStart = -1;
      continue;
    }
    // An unquoted cell (or what follows a closing quote): up to the next separator or line end.
    let k = i;
    while (k < n) {
      const c = text[k]!;
      if (c === delimiter || c === '\n' || c === '\r') break;
      k++;
    }
    add(i, k);
    if (k >= n) {
      i = n;
      break;
    }
    const c = text[k]!;
    if (c === delimiter) {
      endCell();
      i = k + 1;
      cellStart = i;
    } else {
      endRow();
      i = c === '\r' && text[k + 1] === '\n' ? k + 2 : k + 1;
      cellStart = i;
    }
  }
  if (cell !== '' || row.length > 0) endRow();
  return rows;
}
