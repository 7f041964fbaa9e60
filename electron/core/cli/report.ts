/**
 * How the import and export commands write: an import's one JSON object on stdout with its reasons on stderr, an
 * export's lines.
 */
import { once } from 'node:events';
import type { AppError, InputProblem } from '../../../shared/api/errors';
import type { TotalRowsPassed } from '../../../shared/api/types';
import { problemPlace } from '../../../shared/domain/import/problems';

/** A refused or skipped row as the JSON summary lists it. */
export function rejectedRow(p: InputProblem): Record<string, unknown> {
  return { row: p.line, column: p.column ?? null, code: p.code ?? null, message: `${p.en} | ${p.th}` };
}

/** Reasons of a refused file named on stderr; the rest are counted (all of them are in the JSON summary). */
const REASONS_SHOWN = 20;

/**
 * Prints a refused file's summary (`nothing` holds the zero counts) and its reasons: the refusal, then the first
 * {@link REASONS_SHOWN} problems, each in Thai then English with its row and column; returns exit code 1. With
 * `placed`, the problems' texts say their place themselves (sheet, row, column) and are printed as they are; `lead`
 * opens the refusal's two lines ("ไม่ได้นำเข้า: ", "not imported: "). A problem's place is its row, or its line in a
 * feed (problemPlace, by `fileName`).
 */
export function printRefused(
  e: AppError,
  nothing: Readonly<Record<string, unknown>>,
  options: Readonly<{ fileName?: string; placed?: boolean; lead?: Readonly<{ th: string; en: string }> }> = {},
): number {
  const rejected = (e.problems ?? [{ line: 0, en: e.message, th: e.messageTh }]).map(rejectedRow);
  process.stdout.write(`${JSON.stringify({ ...nothing, rejected })}\n`);
  const lead = options.lead ?? { th: '', en: '' };
  const lines = [`${lead.th}${e.messageTh}\n${lead.en}${e.message}\n`];
  const problems = e.problems ?? [];
  for (const p of problems.slice(0, REASONS_SHOWN)) {
    // The refusal names its first problem already.
    if (p === problems[0] && e.messageTh.includes(p.th)) continue;
    if (options.placed === true) {
      lines.push(`${p.th}\n${p.en}\n`);
      continue;
    }
    // A problem of the whole file (line 0) has no row to name.
    const col = p.column ? ` (${p.column})` : '';
    const place = problemPlace(options.fileName ?? '', p);
    const [th, en] = place ? [`${place.th}${col}: `, `${place.en}${col}: `] : [col.trimStart(), col.trimStart()];
    lines.push(`${th}${th && p.line === 0 ? ': ' : ''}${p.th}\n${en}${en && p.line === 0 ? ': ' : ''}${p.en}\n`);
  }
  const more = problems.length - REASONS_SHOWN;
  if (more > 0)
    lines.push(
      `และอีก ${more.toLocaleString('th-TH')} รายการ (ทั้งหมดอยู่ใน "rejected")\nand ${more.toLocaleString('en-US')} more (all in "rejected")\n`,
    );
  process.stderr.write(lines.join(''));
  return 1;
}

/**
 * Says on stderr, in Thai then English, what an applied import's report adds to its counts: the projects of a
 * multi-year plan passed over for having money in other years only, the data rows read though their sheet hides them
 * (by hand or by a filter), the rows passed over as totals (how many, and the first of them), and each choice of
 * column its preview would have asked to check.
 */
export function noteImport(
  report: Readonly<{
    hiddenRows?: number;
    totalRows?: TotalRowsPassed;
    mappingNotes?: readonly Readonly<{ en: string; th: string }>[];
    otherYearsOnly?: number;
    fiscalYear?: number;
  }>,
): void {
  const other = report.otherYearsOnly ?? 0;
  if (other > 0) {
    const year = report.fiscalYear === undefined ? '' : ` ${report.fiscalYear}`;
    process.stderr.write(
      `หมายเหตุ: ข้ามโครงการ ${other.toLocaleString('th-TH')} โครงการที่ไม่มีงบในปีงบประมาณ${year} ของรอบ ` +
        '(มีงบเฉพาะในคอลัมน์ปีอื่นของแผน) ไม่ได้นำเข้า\n' +
        `note: ${other.toLocaleString('en-US')} project(s) with no amount in the round's fiscal year${year} ` +
        "(only in the plan's other years' columns) were passed over, not imported\n",
    );
  }
  const count = report.hiddenRows ?? 0;
  if (count > 0) {
    process.stderr.write(
      `หมายเหตุ: อ่านแถวที่ถูกซ่อนหรือถูกกรองออกในชีตด้วย ${count.toLocaleString('th-TH')} แถว (ยังเป็นข้อมูลในไฟล์) ` +
        'หากไม่ได้ตั้งใจส่งแถวเหล่านั้น ให้ลบออกจากไฟล์แล้วนำเข้าใหม่\n' +
        `note: ${count.toLocaleString('en-US')} rows the sheet hides (by hand or by a filter) were read like the others ` +
        '(they are still in the file); if they were not meant to be sent, delete them from the file and import it again\n',
    );
  }
  const totals = report.totalRows;
  if (totals && totals.count > 0) {
    const more = totals.count > totals.first.length ? ', …' : '';
    const th = totals.first.map((r) => (r.part === undefined ? `${r.row}` : `${r.row} ของ ${r.part}`)).join(', ') + more;
    const en = totals.first.map((r) => (r.part === undefined ? `${r.row}` : `${r.row} of ${r.part}`)).join(', ') + more;
    process.stderr.write(
      `หมายเหตุ: ข้ามแถวยอดรวม ${totals.count.toLocaleString('th-TH')} แถว (แถวที่ ${th}) ไม่ได้นำเข้า\n` +
        (totals.count === 1
          ? `note: 1 total row (row ${en}) was passed over, not imported\n`
          : `note: ${totals.count.toLocaleString('en-US')} total rows (rows ${en}) were passed over, not imported\n`),
    );
  }
  for (const n of report.mappingNotes ?? []) process.stderr.write(`หมายเหตุ: ${n.th}\nnote: ${n.en}\n`);
}

/** Writes lines to stdout in chunks of 2,000, waiting when the pipe is full (an export of a million rows). */
export async function writeLines(lines: Iterable<string>): Promise<void> {
  let chunk: string[] = [];
  for (const line of lines) {
    chunk.push(line);
    if (chunk.length >= 2000) {
      if (!process.stdout.write(`${chunk.join('\n')}\n`)) await once(process.stdout, 'drain');
      chunk = [];
    }
  }
  if (chunk.length > 0) process.stdout.write(`${chunk.join('\n')}\n`);
}
