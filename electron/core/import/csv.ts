/**
 * CSV (comma, semicolon or tab, detected from the first lines) into a grid of cells, RFC 4180 quoting, bounded:
 * a cell over MAX_CELL_CHARS, more than MAX_ROWS rows or MAX_COLUMNS columns is refused with its place.
 */
import type { Cell } from '../../../shared/domain/import/values';
import { fileError } from './file-error';
import { MAX_CELL_CHARS, MAX_COLUMNS, MAX_ROWS } from './limits';

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

/** Column letters as spreadsheets show them (0 → A, 26 → AA). */
export function columnLetter(index: number): string {
  let s = '';
  let n = index + 1;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** Parses CSV text into rows of text cells (empty cells are null). */
export function parseCsv(text: string, fileName: string, delimiter = detectDelimiter(text)): Cell[][] {
  const rows: Cell[][] = [];
  let row: Cell[] = [];
  let cell = '';
  let quoted = false;
  let i = 0;
  const n = text.length;
  const endCell = (): void => {
    if (cell.length > MAX_CELL_CHARS) {
      throw fileError(
        fileName,
        'CELL_TOO_LARGE',
        `a cell has ${cell.length} characters; at most ${MAX_CELL_CHARS}`,
        `ช่องข้อมูลยาว ${cell.length} อักขระ เกิน ${MAX_CELL_CHARS}`,
        { line: rows.length + 1, column: columnLetter(row.length) },
      );
    }
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
  while (i < n) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        cell += ch;
        if (cell.length > MAX_CELL_CHARS) endCell();
      }
      i++;
      continue;
    }
    if (ch === '"' && cell === '') quoted = true;
    else if (ch === delimiter) endCell();
    else if (ch === '\n') endRow();
    else if (ch === '\r') {
      if (text[i + 1] !== '\n') endRow();
    } else {
      cell += ch;
      if (cell.length > MAX_CELL_CHARS) endCell();
    }
    i++;
  }
  if (quoted) {
    throw fileError(fileName, 'CORRUPT_FILE', 'a quoted cell is never closed', 'มีเครื่องหมายคำพูด (") ที่ไม่ได้ปิด', {
      line: rows.length + 1,
    });
  }
  if (cell !== '' || row.length > 0) endRow();
  return rows;
}
