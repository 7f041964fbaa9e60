/** What an import's preview passed over, for the line under its summary (ImportPreviewCard). */
import type { ImportPreview } from '../../shared/api/types';

const SKIP_KINDS = ['year', 'section', 'footer', 'total', 'header', 'numbers'] as const;

/**
 * What the reader passed over, so nothing leaves the file unseen: rows that are not data by kind (summed over the
 * sheets, blank rows left out), the sheets without a table passed over beside sheets with one (a sheet refused
 * for want of a header is a problem, not passed over), the hidden sheets passed over beside visible ones, and the
 * summary sheets passed over beside the list they count.
 * @example passedOver(preview) // { counts: [['section', 2], ['footer', 3]], notes: ['คำชี้แจง'], hidden: [], summaries: [] }
 */
export function passedOver(preview: ImportPreview): {
  counts: (readonly [(typeof SKIP_KINDS)[number], number])[];
  notes: string[];
  hidden: string[];
  summaries: string[];
} {
  const grids = preview.parts.filter((p) => p.kind === 'grid');
  const counts = SKIP_KINDS.map((k) => [k, grids.reduce((n, p) => n + p.skipped[k], 0)] as const).filter(([, n]) => n > 0);
  const reasons = sheetsPassedOver(preview);
  const named = (reason: SheetPassedOver): string[] => preview.parts.filter((p) => reasons.get(p.name) === reason).map(sheetName);
  return { counts, notes: named('notes'), hidden: named('hidden'), summaries: named('summary') };
}

/** Why a chosen sheet was not read: a sheet of notes (no table) beside tables, a hidden sheet, a summary sheet. */
export type SheetPassedOver = 'notes' | 'hidden' | 'summary';

/**
 * The chosen sheets the reader passed over, by part name, with why (a sheet left out by the user is not among them;
 * a sheet refused for want of a header is a problem, not passed over; a file of one table has no notes sheet).
 * @example sheetsPassedOver(preview).get('f.xlsx#คำชี้แจง') // 'notes'
 */
export function sheetsPassedOver(preview: ImportPreview): Map<string, SheetPassedOver> {
  const grids = preview.parts.filter((p) => p.kind === 'grid');
  const refused = new Set(preview.problems.filter((p) => p.code === 'NO_HEADER').map((p) => p.column ?? ''));
  const reasons = new Map<string, SheetPassedOver>();
  for (const p of grids) {
    if (p.notChosen === true) continue;
    if (p.hidden === true) reasons.set(p.name, 'hidden');
    else if (p.summary === true) reasons.set(p.name, 'summary');
    else if (p.headerRow === null && grids.length > 1 && !refused.has(p.name)) reasons.set(p.name, 'notes');
  }
  return reasons;
}

/** Data rows whose empty group cells repeat the row above (a tambon or an agency written once per group), summed. */
export function filledDownRows(preview: ImportPreview): number {
  return preview.parts.reduce((n, p) => n + (p.kind === 'grid' ? p.filledDown : 0), 0);
}

/**
 * Data rows read though their sheet hides them (by hand or by a filter), summed over the sheets, with the first rows
 * named ("5, 8" or, over several sheets, "รายการ 5, 8"); the rest as "…".
 * @example hiddenRowsRead(preview) // { count: 2, rows: '5, 8' }
 */
export function hiddenRowsRead(preview: ImportPreview): { count: number; rows: string } {
  const parts = preview.parts.filter((p) => p.hiddenRows !== undefined && p.hiddenRows.count > 0);
  const count = parts.reduce((n, p) => n + p.hiddenRows!.count, 0);
  const named = parts.map((p) => {
    const rows = p.hiddenRows!.first.join(', ') + (p.hiddenRows!.count > p.hiddenRows!.first.length ? ', …' : '');
    return parts.length > 1 || preview.parts.length > 1 ? `${sheetName(p)} ${rows}` : rows;
  });
  return { count, rows: named.join('; ') };
}

/**
 * The rows passed over as totals, named for the line that counts them ("5, 6, 7" or, over several sheets, "รายการ 5,
 * 6; สรุป 9"), the first of each sheet; the rest as "…". Empty when the preview names none.
 * @example totalRowsPassed(preview) // '5, 6, 7'
 */
export function totalRowsPassed(preview: ImportPreview): string {
  const parts = preview.parts.filter((p) => p.kind === 'grid' && p.totalRows !== undefined && p.totalRows.length > 0);
  return parts
    .map((p) => {
      const rows = p.totalRows!.join(', ') + (p.skipped.total > p.totalRows!.length ? ', …' : '');
      return preview.parts.length > 1 ? `${sheetName(p)} ${rows}` : rows;
    })
    .join('; ');
}

/**
 * Header columns the sheets hide, summed, and the fields mapped to one as "field ← F: label" (with the sheet's name
 * when there are several), for the line that asks to check them.
 * @example hiddenColumnsRead(preview, (k) => k) // { count: 1, mapped: 'estimated_cost ← F: งบประมาณ' }
 */
export function hiddenColumnsRead(preview: ImportPreview, fieldName: (key: string) => string): { count: number; mapped: string } {
  const parts = preview.parts.filter((p) => p.hiddenColumns !== undefined && p.hiddenColumns.count > 0);
  const count = parts.reduce((n, p) => n + p.hiddenColumns!.count, 0);
  const mapped = parts.flatMap((p) =>
    p.hiddenColumns!.mapped.map(
      (m) => `${fieldName(m.field)} ← ${preview.parts.length > 1 ? `${sheetName(p)} ` : ''}${m.column}`,
    ),
  );
  return { count, mapped: mapped.join(', ') };
}

/** A part's sheet name ("file.xlsx#รายการ" → "รายการ"). */
export function sheetName(part: { name: string }): string {
  return part.name.split('#').pop() ?? part.name;
}
