/**
 * Spreadsheet columns as people name them (by letter: A, B, … Z, AA, the way Excel and LibreOffice show them), and a
 * table's mapping of fields to columns as a person changes it (the preview's drop-downs, the command line's --map).
 */
import type { ImportPartPreview, ImportPreview } from '../../api/types';

/**
 * A column's letters from its 0-based index.
 * @example columnLetter(0) // 'A'
 * @example columnLetter(26) // 'AA'
 */
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

/**
 * A column's 0-based index from its letters (any case, at most three: XFD is Excel's last), null for anything else.
 * @example letterColumn('d') // 3
 * @example letterColumn('AA') // 26
 */
export function letterColumn(text: string): number | null {
  const letters = text.trim().toUpperCase();
  if (!/^[A-Z]{1,3}$/u.test(letters)) return null;
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** The mapping after `field` moves to `column` (null: not used); a column serves one field only. */
export function remapped(
  mapping: Readonly<Record<string, number>>,
  field: string,
  column: number | null,
): Record<string, number> {
  const next: Record<string, number> = { ...mapping };
  if (column === null) delete next[field];
  else {
    for (const [k, c] of Object.entries(next)) if (c === column) delete next[k];
    next[field] = column;
  }
  return next;
}

/** The first sheet or table part with a header row. */
export function firstGrid(preview: ImportPreview): ImportPartPreview | undefined {
  return preview.parts.find((p) => p.kind === 'grid' && p.headerRow !== null);
}
