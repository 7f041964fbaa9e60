/**
 * What every import shares after reading a file (read.ts): the source name of a file, the key of a header layout,
 * the mapping remembered per source and layout, the checks of a mapping against its target, and the preview of a
 * part without a header row. Used by the needs import and the proposals import alike.
 */
import { AppError, type InputProblem } from '../../../shared/api/errors';
import type { ImportPartPreview, TotalRowsPassed } from '../../../shared/api/types';
import { areaIndex, areaKey, resolveDistrict, resolveTambon, type AreaIndex } from '../../../shared/domain/import/areas';
import { rowHash } from '../../../shared/domain/import/needs-rows';
import { problem, shown, type ProblemCode } from '../../../shared/domain/import/problems';
import {
  countsOf,
  detectHeader,
  mappedRows,
  titleAreas,
  titleHeadings,
  yearColumns,
  type HeaderDetection,
  type MappedRow,
} from '../../../shared/domain/import/headers';
import type { ColumnMapping, TargetSchema } from '../../../shared/domain/import/target';
import { amountUnits, countUnit, type MoneyUnit, type ScaledColumn } from '../../../shared/domain/import/units';
import { amountText, cellText, type Cell } from '../../../shared/domain/import/values';
import type { Store } from '../db/database';
import { formatBaht } from '../../../shared/domain/money';
import { columnLetter } from '../../../shared/domain/import/columns';
import type { ImportPart } from './read';
import type { DateCell, FormulaCell, MergeArea, PaddedCell } from './xlsx-reader';

/** A source name from a file name: the stem without extension, dates or version numbers at its end. */
export function defaultSource(fileName: string): string {
  const base = fileName.split('/').pop() ?? fileName;
  const stem = base.replace(/\.[a-z0-9]+$/iu, '');
  const trimmed = stem.replace(/[\s_.-]*[0-9๐-๙][0-9๐-๙\s_.-]*$/u, '').trim();
  return `file:${(trimmed || stem).slice(0, 80)}`;
}

/** The key of a header layout (its labels), to remember a mapping for files laid out alike. */
function layoutKey(labels: readonly string[]): string {
  return `layout:${rowHash(labels.join('\u0001'))}`;
}

export function storeAreas(store: Store): AreaIndex {
  const districts = store.sqlite.prepare('SELECT code, name_th AS nameTh, name_en AS nameEn FROM area_district').all() as {
    code: string;
    nameTh: string;
    nameEn: string;
  }[];
  const tambons = store.sqlite
    .prepare('SELECT code, district_code AS districtCode, name_th AS nameTh, name_en AS nameEn FROM area_tambon')
    .all() as { code: string; districtCode: string; nameTh: string; nameEn: string }[];
  return areaIndex(districts, tambons);
}

/**
 * A remembered mapping (field → header label) applied to this file's labels: fields whose label is found keep it;
 * every other field the suggestion finds (also one whose remembered label this file lacks) is added when its column
 * is free. A count remembered on a column whose heading states the other count's unit ("ผู้ได้รับประโยชน์ (ครัวเรือน)"
 * remembered as people) is not kept: the heading says what the column counts, as it does for a suggestion.
 * Null when nothing was remembered or none of its labels is in this file; else the mapping and the counts its
 * headings overrode (the field remembered, the column's label).
 */
function rememberedMapping(
  store: Store,
  schema: TargetSchema,
  keys: readonly string[],
  labels: readonly string[],
  suggested: ColumnMapping,
): { mapping: ColumnMapping; countsByHeading: { field: string; label: string }[] } | null {
  for (const key of keys) {
    const row = store.sqlite
      .prepare('SELECT mapping_json FROM import_mapping WHERE target = ? AND source_key = ?')
      .get(schema.id, key) as { mapping_json: string } | undefined;
    if (!row) continue;
    let value: unknown;
    try {
      value = JSON.parse(row.mapping_json);
    } catch {
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    const out: Record<string, number> = {};
    const used = new Set<number>();
    const countsByHeading: { field: string; label: string }[] = [];
    for (const [field, label] of Object.entries(value)) {
      const col = typeof label === 'string' ? labels.indexOf(label) : -1;
      if (col >= 0 && countsOther(schema, field, labels[col]!)) countsByHeading.push({ field, label: labels[col]! });
      else if (col >= 0 && !used.has(col)) {
        out[field] = col;
        used.add(col);
      }
    }
    if (Object.keys(out).length === 0) continue;
    for (const [field, col] of Object.entries(suggested)) {
      if (!(field in out) && !used.has(col)) {
        out[field] = col;
        used.add(col);
      }
    }
    return { mapping: out, countsByHeading };
  }
  return null;
}

/** Whether a column's heading states the unit of another count than the field's (households for people). */
function countsOther(schema: TargetSchema, field: string, label: string): boolean {
  const counts = schema.fields.find((f) => f.key === field)?.counts;
  if (counts === undefined) return false;
  const unit = countUnit(label);
  return unit !== null && unit !== counts;
}

/** A mapping as remembered: field → the header label of its column. */
function labelled(mapping: ColumnMapping, labels: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, col] of Object.entries(mapping)) if (labels[col]) out[field] = labels[col];
  return out;
}

/**
 * Checks a mapping against the schema and the part's width; problems are file-level (line 0). A required field the
 * part's section headings fill ("ตำบลเสาไห้" above its rows) needs no column: rows outside any heading are then
 * refused one by one; nor does one the user's choice fills (`filledFields` lists both).
 */
function mappingProblems(
  mapping: ColumnMapping,
  width: number,
  schema: TargetSchema,
  part: string,
  filledFields: readonly string[],
  labels: readonly string[] = [],
): InputProblem[] {
  const out: InputProblem[] = [];
  const used = new Map<number, string>();
  for (const [key, col] of Object.entries(mapping)) {
    const f = schema.fields.find((x) => x.key === key);
    if (!f) {
      throw new AppError('BAD_ARGS', `the mapping names an unknown field '${key}'`, `การจับคู่คอลัมน์มีช่องที่ไม่รู้จัก '${key}'`);
    }
    if (col >= width) {
      throw new AppError(
        'BAD_ARGS',
        `the mapping puts '${key}' in column ${col + 1}, beyond the file's ${width}`,
        `การจับคู่ให้ '${f.th}' อยู่คอลัมน์ที่ ${col + 1} เกินจำนวนคอลัมน์ของไฟล์ (${width})`,
      );
    }
    const other = used.get(col);
    if (other) {
      out.push(
        problem(
          0,
          part,
          'DUPLICATE_COLUMN',
          `column ${col + 1} is mapped to both '${other}' and '${key}'`,
          `คอลัมน์ที่ ${col + 1} ถูกจับคู่กับทั้ง '${other}' และ '${f.th}'`,
        ),
      );
    }
    used.set(col, key);
  }
  for (const f of schema.fields) {
    if (f.required && !(f.key in mapping) && !filledFields.includes(f.key)) {
      // A count column read as the other count by the unit its heading gives ("ผู้ได้รับประโยชน์ (ครัวเรือน)"): said.
      const other = schema.fields.find((o) => o.counts !== undefined && o.counts !== f.counts && o.key in mapping);
      const col = f.counts !== undefined && other ? mapping[other.key]! : -1;
      const label = col >= 0 && countUnit(labels[col] ?? '') === other?.counts ? labels[col]! : null;
      const why =
        label === null || !other
          ? { en: '', th: '' }
          : {
              en: `; column ${columnLetter(col)} '${label}' counts ${other.en.toLowerCase()}, as the unit in its heading says`,
              th: ` คอลัมน์ ${columnLetter(col)} '${label}' นับเป็น${other.th} ตามหน่วยในหัวคอลัมน์`,
            };
      out.push(
        problem(
          0,
          part,
          'MISSING_COLUMN',
          `no column is mapped to '${f.en}' (required)${why.en || (f.byChoice?.en ?? '')}`,
          `ยังไม่มีคอลัมน์สำหรับ '${f.th}' (จำเป็น)${why.th || (f.byChoice?.th ?? '')}`,
        ),
      );
    }
  }
  return out;
}

/**
 * A mapped cell of a data row that holds a formula whose result the workbook does not store (a script's library
 * wrote it without calculating; Excel and LibreOffice store results), or an error value such as #DIV/0! or #REF! (a
 * formula that failed, a reference to a deleted row). Read as empty, it would leave a required field "empty" or an
 * optional amount silently missing: refused, with what to do.
 */
function formulaProblems(
  formulas: readonly FormulaCell[],
  rows: readonly MappedRow[],
  mapping: ColumnMapping,
  labels: readonly string[],
): InputProblem[] {
  const mapped = new Set(Object.values(mapping));
  const byRow = new Map<number, FormulaCell[]>();
  for (const f of formulas) if (mapped.has(f.c)) byRow.set(f.r, [...(byRow.get(f.r) ?? []), f]);
  const out: InputProblem[] = [];
  if (byRow.size === 0) return out;
  for (const { row } of rows) {
    for (const f of byRow.get(row - 1) ?? []) {
      const cell = `${columnLetter(f.c)}${row}`;
      const shown = f.formula === '' ? '' : ` (=${f.formula.length > 40 ? `${f.formula.slice(0, 37)}…` : f.formula})`;
      const [code, en, th]: [ProblemCode, string, string] =
        f.error !== undefined
          ? [
              'CELL_ERROR',
              `cell ${cell} holds the spreadsheet error ${f.error}${shown} instead of a value: correct it in the file (a formula that cannot be calculated, or a reference to a deleted cell) and import again`,
              `ช่อง ${cell} มีค่าความผิดพลาด ${f.error}${shown} แทนค่าข้อมูล กรุณาแก้ไขในไฟล์ (สูตรที่คำนวณไม่ได้ หรืออ้างอิงช่องที่ถูกลบไปแล้ว) แล้วนำเข้าใหม่`,
            ]
          : [
              'FORMULA_WITHOUT_VALUE',
              `cell ${cell} holds a formula${shown} whose result the file does not store (the program that wrote it did not calculate): open the file in Excel or LibreOffice, save it, and import it again`,
              `ช่อง ${cell} เป็นสูตร${shown} ที่ไฟล์ไม่ได้เก็บผลลัพธ์ไว้ (โปรแกรมที่สร้างไฟล์ไม่ได้คำนวณ) กรุณาเปิดไฟล์ด้วย Excel หรือ LibreOffice บันทึก แล้วนำเข้าใหม่`,
            ];
      out.push(problem(row, labels[f.c] || columnLetter(f.c), code, en, th));
    }
  }
  return out;
}

/**
 * Data rows that look like a total row (a label such as "รวม", "ผลรวม", "Total" among their first cells) though they
 * have data of their own a total does not have, a code or a name beside the label (`MappedRow.totalLike`): skipped,
 * a project or a need would be lost without a word; read, a total would be stored as one. Refused, saying which.
 */
function totalLikeProblems(rows: readonly MappedRow[], labels: readonly string[]): InputProblem[] {
  const out: InputProblem[] = [];
  for (const { row, totalLike } of rows) {
    if (!totalLike) continue;
    const { column, text } = totalLike;
    const where = labels[column] || columnLetter(column);
    if ('notSum' in totalLike) {
      const { notSum } = totalLike;
      const amountWhere = labels[notSum.column] || columnLetter(notSum.column);
      const [label, amount, sum] = [shown(text), shown(notSum.text), formatBaht(notSum.sum)];
      out.push(
        problem(
          row,
          where,
          'TOTAL_ROW',
          `the row looks like a total row ('${label}' in '${where}') but its amount in '${amountWhere}' (${amount}) is not the sum of the rows above it (${sum}): if it is a project, give it a code or a title that does not begin with a total word (รวม, ผลรวม, ยอดรวม, สรุป); if it is a total, correct its amount or delete the row (totals are not imported)`,
          `แถวนี้ดูเหมือนแถวยอดรวม ('${label}' ในช่อง '${where}') แต่จำนวนเงินในช่อง '${amountWhere}' (${amount}) ไม่เท่ากับผลรวมของแถวข้างบน (${sum}): ถ้าเป็นโครงการ กรุณาใส่รหัสโครงการ หรือแก้ชื่อไม่ให้ขึ้นต้นด้วยคำที่หมายถึงยอดรวม (รวม ผลรวม ยอดรวม สรุป) ถ้าเป็นแถวยอดรวม กรุณาแก้ยอดให้ถูกต้องหรือลบแถวนี้ (ไม่ต้องนำเข้ายอดรวม)`,
        ),
      );
      continue;
    }
    const { own } = totalLike;
    const ownWhere = labels[own.column] || columnLetter(own.column);
    const [label, data] = [shown(text), shown(own.text)];
    out.push(
      problem(
        row,
        where,
        'TOTAL_ROW',
        `the row looks like a total row ('${label}' in '${where}') but has its own '${ownWhere}' ('${data}'), which a total row does not: if it is a total, delete the row (totals are not imported); if it is not, change '${label}' in '${where}' so that it does not begin with a total word (รวม, ผลรวม, ยอดรวม, สรุป, Total)`,
        `แถวนี้ดูเหมือนแถวยอดรวม ('${label}' ในช่อง '${where}') แต่มี '${ownWhere}' ของตนเอง ('${data}') ซึ่งแถวยอดรวมไม่มี: ถ้าเป็นแถวยอดรวม กรุณาลบแถวนี้ (ไม่ต้องนำเข้ายอดรวม) ถ้าไม่ใช่ กรุณาแก้ '${label}' ในช่อง '${where}' ไม่ให้ขึ้นต้นด้วยคำที่หมายถึงยอดรวม (รวม ผลรวม ยอดรวม สรุป Total)`,
      ),
    );
  }
  return out;
}

/** The kinds of field a date never belongs in: a code, a name or title, an area, a category, a channel, a status. */
const NOT_DATES: ReadonlySet<string> = new Set(['id', 'text', 'area', 'category', 'channel', 'status']);

/**
 * Rows where a code, a name or another field of words (`NOT_DATES`, free notes aside) comes from a cell holding a
 * number shown as a date or a time: Excel turned what was typed ("1/2570", "3-1", "10:30") into a date, and the cell
 * holds the date's serial number, which would be stored as the code ("244715"). What was typed cannot be read back:
 * refused, saying to format the column as text and type it again. (A note's date is read as it shows: datesAsText.)
 */
function dateInTextProblems(
  dates: readonly DateCell[],
  grid: readonly (readonly Cell[])[],
  rows: readonly MappedRow[],
  mapping: ColumnMapping,
  labels: readonly string[],
  schema: TargetSchema,
): InputProblem[] {
  const words = new Map<number, string>();
  for (const f of schema.fields) {
    const c = mapping[f.key];
    if (c !== undefined && NOT_DATES.has(f.kind) && f.note !== true) words.set(c, f.key);
  }
  const out: InputProblem[] = [];
  if (words.size === 0) return out;
  const byRow = new Map<number, number[]>();
  for (const d of dates) if (words.has(d.c)) byRow.set(d.r, [...(byRow.get(d.r) ?? []), d.c]);
  if (byRow.size === 0) return out;
  for (const { row } of rows) {
    for (const c of byRow.get(row - 1) ?? []) {
      const field = schema.fields.find((f) => f.key === words.get(c))!;
      const shown = shownDate(grid[row - 1]?.[c] ?? null);
      out.push(
        problem(
          row,
          labels[c] || columnLetter(c),
          'DATE_IN_TEXT',
          `cell ${columnLetter(c)}${row} holds a date (${shown}) where the ${field.en.toLowerCase()} is expected: Excel turns what is typed as 1/2570 or 3-1 into a date, and what was typed cannot be read back. Format the column as Text, type the value again, and import the file again`,
          `ช่อง ${columnLetter(c)}${row} เป็นวันที่ (${shown}) แต่ควรเป็น${field.th}: Excel เปลี่ยนสิ่งที่พิมพ์ เช่น 1/2570 หรือ 3-1 เป็นวันที่ และอ่านค่าที่พิมพ์ไว้กลับไม่ได้ กรุณาจัดรูปแบบคอลัมน์เป็นข้อความ (Text) พิมพ์ใหม่ แล้วนำเข้าอีกครั้ง`,
        ),
      );
    }
  }
  return out;
}

/**
 * The cells of free notes (`TargetField.note`: a description, a KPI) that Excel shows as a date, replaced in the grid
 * by the date as it shows ("5/10/2569" typed into a remark, stored as its serial number).
 */
function datesAsText(dates: readonly DateCell[], grid: Cell[][], mapping: ColumnMapping, schema: TargetSchema): void {
  const notes = new Set(schema.fields.flatMap((f) => (f.note === true && mapping[f.key] !== undefined ? [mapping[f.key]!] : [])));
  if (notes.size === 0) return;
  for (const d of dates) {
    const row = grid[d.r];
    if (row && notes.has(d.c) && typeof row[d.c] === 'number') row[d.c] = shownDate(row[d.c]!);
  }
}

/**
 * The cells of fields read as shown (`TargetField.asShown`: a proposal's code) holding a whole number their format pads
 * with zeros, replaced in the grid by the text shown ("00123", not 123).
 */
function paddedAsText(padded: readonly PaddedCell[], grid: Cell[][], mapping: ColumnMapping, schema: TargetSchema): void {
  const shown = new Set(
    schema.fields.flatMap((f) => (f.asShown === true && mapping[f.key] !== undefined ? [mapping[f.key]!] : [])),
  );
  if (shown.size === 0) return;
  for (const p of padded) {
    const row = grid[p.r];
    if (row && shown.has(p.c) && typeof row[p.c] === 'number') row[p.c] = p.text;
  }
}

/** A date cell's number as Excel shows a date (day/month/year, the year as stored) or a time (hh:mm). */
function shownDate(cell: Cell): string {
  if (typeof cell !== 'number') return String(cell);
  if (cell < 1) {
    const minutes = Math.round(cell * 1440);
    return `${String(Math.floor(minutes / 60) % 24).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  }
  const d = new Date(Date.UTC(1899, 11, 30) + Math.floor(cell) * 86_400_000);
  return Number.isNaN(d.getTime()) ? String(cell) : `${d.getUTCDate()}/${d.getUTCMonth() + 1}/${d.getUTCFullYear()}`;
}

/**
 * Rows whose per-row quantity (people, households, money: `TargetField.perRow`) comes from a cell merged down over
 * several rows: its value was filled into each row, so it would be counted once per row. Refused with the area,
 * saying to write each row's own figure.
 */
function mergedDownProblems(
  merges: readonly MergeArea[],
  rows: readonly MappedRow[],
  mapping: ColumnMapping,
  labels: readonly string[],
  schema: TargetSchema,
): InputProblem[] {
  const perRow = new Set(schema.fields.filter((f) => f.perRow).map((f) => f.key));
  const columns = Object.entries(mapping).filter(([key]) => perRow.has(key));
  const out: InputProblem[] = [];
  if (columns.length === 0) return out;
  for (const { row } of rows) {
    for (const [, c] of columns) {
      const m = merges.find((a) => a.s.r <= row - 1 && row - 1 <= a.e.r && a.s.c <= c && c <= a.e.c);
      if (!m) continue;
      const area = `${columnLetter(m.s.c)}${m.s.r + 1}:${columnLetter(m.e.c)}${m.e.r + 1}`;
      out.push(
        problem(
          row,
          labels[c] || columnLetter(c),
          'MERGED_QUANTITY',
          `the figure is in cells merged over rows ${m.s.r + 1}–${m.e.r + 1} (${area}), so it would be counted for each of them: unmerge the cells and write each row's own figure`,
          `ตัวเลขอยู่ในช่องที่ผสานรวมแถวที่ ${m.s.r + 1}–${m.e.r + 1} (${area}) จึงจะถูกนับซ้ำทุกแถว กรุณายกเลิกการผสานช่องแล้วกรอกตัวเลขของแต่ละแถว`,
        ),
      );
    }
  }
  return out;
}

/**
 * Rows of a delimited text file (CSV, TSV) with a field past the last one its header row has: a cell written with the
 * separator and without quotes was split there ("1,500,000" in a comma-separated file is the three fields 1, 500 and
 * 000), so its own column would hold a part of it and the next columns the rest, read as other fields' values (an
 * amount of 1 baht and 500 people). Excel and LibreOffice write every row with the same fields, so nothing else makes
 * such a row. Refused, naming the first field past the header and what to do.
 */
function extraFieldProblems(
  grid: readonly (readonly Cell[])[],
  header: HeaderDetection,
  rows: readonly MappedRow[],
  delimiter: string,
): InputProblem[] {
  let width = 0;
  for (let r = header.headerIndex; r < header.headerIndex + header.headerRows; r++) width = Math.max(width, grid[r]?.length ?? 0);
  const sep = delimiter === '\t' ? 'tab' : `'${delimiter}'`;
  const sepTh = delimiter === '\t' ? 'แท็บ' : `'${delimiter}'`;
  const example =
    delimiter === ','
      ? { en: ' (such as 1,500,000)', th: ' (เช่น 1,500,000)', quoted: ' ("1,500,000")' }
      : { en: '', th: '', quoted: '' };
  const out: InputProblem[] = [];
  for (const { row } of rows) {
    const cells = grid[row - 1] ?? [];
    const extra = cells.findIndex((c, i) => i >= width && cellText(c ?? null) !== null);
    if (extra < 0) continue;
    const fields = cells.length;
    out.push(
      problem(
        row,
        columnLetter(extra),
        'EXTRA_FIELDS',
        `the row has ${fields} fields and the header ${width}: a cell holding the separator ${sep} without quotes${example.en} was split into several, so the columns after it are shifted; put that cell in double quotes${example.quoted} or save the file from Excel again`,
        `แถวนี้มี ${fields} ช่อง แต่หัวตารางมี ${width} คอลัมน์: ช่องที่มีตัวคั่น ${sepTh} โดยไม่มีเครื่องหมายคำพูด${example.th} ถูกแยกเป็นหลายช่อง คอลัมน์ถัดไปจึงเลื่อน กรุณาใส่เครื่องหมายคำพูดครอบช่องนั้น${example.quoted} หรือบันทึกไฟล์จาก Excel ใหม่`,
      ),
    );
  }
  return out;
}

/** The preview of a part read without a header row: a feed, or a sheet where none was found. */
export function partWithoutHeader(name: string, kind: ImportPartPreview['kind'], rows: number): ImportPartPreview {
  return {
    name,
    kind,
    headerRow: null,
    headerRows: 0,
    labels: [],
    mapping: {},
    mappingFrom: 'suggested',
    suggested: {},
    sample: [],
    sampleRows: [],
    rows,
    skipped: { blank: 0, total: 0, header: 0, numbers: 0, section: 0, footer: 0, year: 0 },
    filledDown: 0,
  };
}

/**
 * A sheet of notes (instructions, a cover page, a signature page): no row holds three different texts (a title merged
 * across the row is one), so it is no table. A workbook's notes sheet is passed over when another sheet holds the data;
 * alone, it is a file without a header.
 */
export function isNotesSheet(rows: readonly (readonly Cell[])[]): boolean {
  return !rows.some((row) => {
    const texts: string[] = [];
    for (const c of row) {
      const t = cellText(c ?? null);
      if (t !== null && !texts.includes(t) && texts.push(t) >= 3) return true;
    }
    return false;
  });
}

/** How many data rows a part's preview shows. */
const SAMPLE_ROWS = 10;

/**
 * A row's problem in a file of several parts (sheets, a zip's files), its part named before its column: "needs.xlsx#อ.แก่งคอย
 * › ตำบล", or the part alone when the problem names no column.
 * @example inPart({ line: 5, column: 'ตำบล', … }, 'a.xlsx#ปี 2569').column // 'a.xlsx#ปี 2569 › ตำบล'
 */
export function inPart(p: InputProblem, part: string): InputProblem {
  return { ...p, column: p.column ? `${part} › ${p.column}` : part };
}

/**
 * What an applied import's report says beside its counts, for a reader without the preview (the command line): the data
 * rows read though their sheet hides them, the summary sheets passed over, and what the preview asks to check about the
 * columns chosen (a hidden column mapped, a mapped column whose heading another repeats). Empty when there is nothing to
 * say.
 */
export function importNotes(
  parts: readonly ImportPartPreview[],
  schema: TargetSchema,
): { hiddenRows?: number; totalRows?: TotalRowsPassed; mappingNotes?: { en: string; th: string }[] } {
  const hiddenRows = parts.reduce((n, p) => n + (p.hiddenRows?.count ?? 0), 0);
  const totals = parts.reduce((n, p) => n + (p.kind === 'grid' ? p.skipped.total : 0), 0);
  const many = parts.length > 1;
  const first = parts
    .flatMap((p) => (p.totalRows ?? []).map((row) => (many ? { row, part: p.name } : { row })))
    .slice(0, TOTAL_ROWS_SHOWN);
  const notes = mappingNotes(parts, schema);
  return {
    ...(hiddenRows > 0 ? { hiddenRows } : {}),
    ...(totals > 0 ? { totalRows: { count: totals, first } } : {}),
    ...(notes.length > 0 ? { mappingNotes: notes } : {}),
  };
}

/** The summary sheets passed over and the columns chosen that the preview asks to check, as sentences (see importNotes). */
function mappingNotes(parts: readonly ImportPartPreview[], schema: TargetSchema): { en: string; th: string }[] {
  const many = parts.length > 1;
  const field = (key: string): { en: string; th: string } => schema.fields.find((f) => f.key === key) ?? { en: key, th: key };
  const notes: { en: string; th: string }[] = [];
  for (const p of parts) {
    if (p.summary === true) {
      notes.push({
        en: `sheet '${p.name}' was passed over: a summary (it counts the records and lists none)`,
        th: `ข้ามแผ่นงาน '${p.name}': เป็นตารางสรุป (นับจำนวนรายการ ไม่ได้แสดงรายการ)`,
      });
    }
    const sheet = many ? ` (${p.name})` : '';
    for (const m of p.hiddenColumns?.mapped ?? []) {
      notes.push({
        en: `'${field(m.field).en}' was read from column ${m.column}${sheet}, which the sheet hides: check it is not a superseded figure`,
        th: `อ่าน '${field(m.field).th}' จากคอลัมน์ ${m.column}${sheet} ซึ่งชีตซ่อนไว้: ตรวจว่าไม่ใช่ตัวเลขเก่า`,
      });
    }
    for (const c of p.countsByHeading ?? []) {
      notes.push({
        en: `column '${c.label}'${sheet} was read as its heading's unit says, not as '${field(c.field).en}' as remembered from this source's last import`,
        th: `อ่านคอลัมน์ '${c.label}'${sheet} ตามหน่วยที่หัวคอลัมน์ระบุ ไม่ใช่เป็น '${field(c.field).th}' ตามที่จำไว้จากการนำเข้าครั้งก่อนของแหล่งนี้`,
      });
    }
    for (const a of p.scaledAmounts ?? []) {
      const per = formatBaht(a.satang);
      const said =
        a.title === undefined
          ? { en: 'as its heading says', th: 'ตามหัวคอลัมน์' }
          : { en: `as the title says ('${a.title}')`, th: `ตามที่ชื่อตารางระบุ ('${a.title}')` };
      notes.push({
        en: `'${field(a.field).en}' was read from column ${a.column}${sheet} in ${a.unit.en}, ${said.en}: 1 there is ${per} baht`,
        th: `อ่าน '${field(a.field).th}' จากคอลัมน์ ${a.column}${sheet} เป็นหน่วย${a.unit.th} ${said.th}: 1 ในคอลัมน์นี้เท่ากับ ${per} บาท`,
      });
    }
    for (const s of p.sameHeading ?? []) {
      const others = s.others.join(', ');
      notes.push({
        en: `columns ${s.used} and ${others}${sheet} have the same heading '${s.label}': ${s.used} was read as '${field(s.field).en}'`,
        th: `คอลัมน์ ${s.used} และ ${others}${sheet} มีหัวตารางเดียวกัน '${s.label}': อ่านคอลัมน์ ${s.used} เป็น '${field(s.field).th}'`,
      });
    }
  }
  return notes;
}

/**
 * The columns of the header the sheet hides, for the preview: how many, and the fields mapped to one ("F: งบประมาณ"),
 * which the preview asks to check (a hidden column often holds a superseded figure).
 */
function hiddenColumnsPreview(
  hidden: ReadonlySet<number>,
  mapping: ColumnMapping,
  labels: readonly string[],
): { hiddenColumns?: NonNullable<ImportPartPreview['hiddenColumns']> } {
  const count = [...hidden].filter((c) => c < labels.length).length;
  if (count === 0) return {};
  const mapped = Object.entries(mapping)
    .filter(([, col]) => hidden.has(col))
    .map(([field, col]) => ({ field, column: `${columnLetter(col)}: ${labels[col] ?? ''}` }));
  return { hiddenColumns: { count, mapped } };
}

/**
 * The mapped fields whose heading another, unmapped column repeats word for word ("งบประมาณ" over F and G: a year's
 * figures beside another's, or a column copied to be corrected): which one the mapping uses and the others.
 */
function sameHeadingPreview(
  mapping: ColumnMapping,
  labels: readonly string[],
): { sameHeading?: NonNullable<ImportPartPreview['sameHeading']> } {
  const used = new Set(Object.values(mapping));
  const found: NonNullable<ImportPartPreview['sameHeading']>[number][] = [];
  for (const [field, col] of Object.entries(mapping)) {
    const label = labels[col] ?? '';
    if (label === '') continue;
    const others = labels.flatMap((l, c) => (c !== col && !used.has(c) && l === label ? [columnLetter(c)] : []));
    if (others.length > 0) found.push({ field, label, used: columnLetter(col), others });
  }
  return found.length > 0 ? { sameHeading: found } : {};
}

/** How many of a part's hidden data rows its preview names (all are counted). */
const HIDDEN_ROWS_SHOWN = 10;
/** How many of the rows passed over as totals a preview or a report names (all are counted). */
const TOTAL_ROWS_SHOWN = 10;

/** One sheet or table read for a target (see readGridPart). */
export type GridPart = Readonly<{
  header: HeaderDetection;
  mapping: ColumnMapping;
  rows: MappedRow[];
  /** Problems with the mapping itself (file-level, line 0); the rows are then not read. */
  problems: InputProblem[];
  /**
   * Problems of single rows found while reading them (a mapped cell holding a formula without its result): those
   * rows are left out of `rows`, and `refusedRows` counts them.
   */
  rowProblems: InputProblem[];
  refusedRows: number;
  /** The money unit of each amount field's column when its header or the title states one (amountUnits). */
  units: Readonly<Record<string, MoneyUnit>>;
  /** What to remember if the file is applied: key → mapping by label. */
  remember: readonly (readonly [string, Record<string, string>])[];
  preview: ImportPartPreview;
}>;

/**
 * Whether a part is a hidden sheet beside a visible one (a template's lists for its drop-downs, its lookups): such a
 * sheet is passed over, and named in the preview. A workbook of hidden sheets alone is read as it is.
 */
export function hiddenBeside(parts: readonly ImportPart[], part: ImportPart): boolean {
  return part.kind === 'grid' && part.hidden === true && parts.some((p) => p.kind === 'grid' && p.hidden !== true);
}

/**
 * The header row of each sheet to read (hidden sheets beside a visible one left out), found once: the summaries are
 * told by it (see summarySheets) and the sheets read with it (see readGridPart).
 */
export function sheetHeaders(
  parts: readonly ImportPart[],
  schema: TargetSchema,
): ReadonlyMap<ImportPart, HeaderDetection | null> {
  const headers = new Map<ImportPart, HeaderDetection | null>();
  for (const part of parts) {
    if (part.kind !== 'grid' || hiddenBeside(parts, part)) continue;
    headers.set(part, detectHeader(part.rows, schema, new Set(part.hiddenColumns ?? [])));
  }
  return headers;
}

/**
 * The sheets of a workbook that summarise the list beside them: a header that counts the records ("จำนวนความต้องการ",
 * "จำนวนโครงการ": a count of what the title column names) and has no title column, in a workbook where another sheet's
 * header has one. Such a sheet counts and sums the list per tambon or agency: it is passed over and named in the
 * preview and the command line's notes (read, it was refused for its missing columns, and the list with it). A summary
 * with no list beside it is read as it is, and refused. `headers`: the sheets' headers (see sheetHeaders).
 */
export function summarySheets(
  headers: ReadonlyMap<ImportPart, HeaderDetection | null>,
  schema: TargetSchema,
): ReadonlySet<ImportPart> {
  const title = schema.fields.find((f) => f.key === 'title');
  const found = new Set<ImportPart>();
  if (!title || headers.size < 2) return found;
  let lists = 0;
  for (const [part, header] of headers) {
    if (!header) continue;
    if ('title' in header.mapping) lists++;
    else if (header.labels.some((l) => countsOf(l, title))) found.add(part);
  }
  return lists > 0 ? found : new Set();
}

/**
 * Whether a part is among the sheets chosen to read: named by its sheet's name ("ปี 2569") or its part's name
 * ("file.xlsx#ปี 2569", "needs.zip/tambon.csv"). Every part is when no sheets are chosen.
 */
export function chosenPart(part: ImportPart, sheets: readonly string[] | undefined): boolean {
  if (sheets === undefined) return true;
  return sheets.some((s) => s === part.name || (part.kind === 'grid' && s === part.sheet));
}

/** The sheets chosen that the file does not have, as problems of the file (UNKNOWN_SHEET, naming the file's sheets). */
export function unknownSheets(parts: readonly ImportPart[], sheets: readonly string[] | undefined): InputProblem[] {
  if (sheets === undefined) return [];
  const names = parts.map((p) => (p.kind === 'grid' && p.sheet !== undefined ? p.sheet : p.name));
  return sheets
    .filter((s) => !parts.some((p) => chosenPart(p, [s])))
    .map((s) =>
      problem(
        0,
        undefined,
        'UNKNOWN_SHEET',
        `the file has no sheet '${s}' (its sheets: ${names.join(', ')})`,
        `ไฟล์ไม่มีแผ่นงาน '${s}' (แผ่นงานในไฟล์: ${names.join(', ')})`,
      ),
    );
}

/** The preview of a part left out of the sheets chosen (see chosenPart). */
export function notChosenPart(name: string, kind: ImportPart['kind']): ImportPartPreview {
  return { ...partWithoutHeader(name, kind, 0), notChosen: true };
}

/** The preview of a summary sheet passed over (see summarySheets). */
export function summaryPart(name: string): ImportPartPreview {
  return { ...partWithoutHeader(name, 'grid', 0), summary: true };
}

/** The preview of a hidden sheet passed over. */
export function hiddenPart(name: string): ImportPartPreview {
  return { ...partWithoutHeader(name, 'grid', 0), hidden: true };
}

/**
 * A multi-year plan's amount columns (`yearColumns`): the mapped amount fields whose column is one of several that
 * differ by the year only; null when there are none.
 */
function yearPlan(schema: TargetSchema, mapping: ColumnMapping, labels: readonly string[]) {
  const byKey = new Map<string, Map<number, number>>();
  for (const f of schema.fields) {
    const col = mapping[f.key];
    if (f.kind !== 'amount' || col === undefined) continue;
    const years = yearColumns(labels, col);
    if (years) byKey.set(f.key, years);
  }
  if (byKey.size === 0) return null;
  const years = [...new Set([...byKey.values()].flatMap((m) => [...m.keys()]))].sort((a, b) => a - b);
  const span = `${years[0]}–${years[years.length - 1]}`;
  return {
    /** The mapping with each amount field on its column for `year` (where it has one). */
    of(year: number): ColumnMapping {
      const m: Record<string, number> = { ...mapping };
      for (const [key, cols] of byKey) {
        const col = cols.get(year);
        if (col !== undefined) m[key] = col;
      }
      return m;
    },
    /** The fiscal year is unknown, or not one the plan's columns name. */
    problems(year: number | null, part: string): InputProblem[] {
      if (year === null) {
        return [
          problem(
            0,
            part,
            'NO_FISCAL_YEAR',
            `the amounts are planned by fiscal year (${span}): choose the round whose year's column to read`,
            `ไฟล์แยกงบประมาณตามปีงบประมาณ (${span}) กรุณาเลือกรอบ เพื่ออ่านงบของปีนั้น`,
          ),
        ];
      }
      if (years.includes(year)) return [];
      return [
        problem(
          0,
          part,
          'FISCAL_YEAR_MISMATCH',
          `the amounts are planned for fiscal years ${span}, not ${year}`,
          `ไฟล์แยกงบประมาณตามปีงบประมาณ ${span} ไม่มีปี ${year}`,
        ),
      ];
    },
    /** The row's amount cells for the year read are all empty while another year's are not. */
    onlyOtherYears(read: ColumnMapping, row: readonly Cell[]): boolean {
      let other = false;
      for (const [key, cols] of byKey) {
        if (amountText(row[read[key]!] ?? null) !== null) return false;
        for (const col of cols.values()) if (amountText(row[col] ?? null) !== null) other = true;
      }
      return other;
    },
  };
}

/**
 * The headings a whole sheet starts under, read as section headings would be (`mappedRows`' context):
 * - the areas its title rows name ("ตำบลตาลเดี่ยว อำเภอแก่งคอย"), when they name one known district and at most one
 *   known tambon (a title naming two districts names none of them);
 * - its title rows that are village or category headings ("หมู่ที่ 3 บ้านหนองโน", "ด้านแหล่งน้ำ");
 * - its own name ("อ.เสาไห้", "ต.ตาลเดี่ยว").
 */
function sheetContext(
  areas: AreaIndex,
  schema: TargetSchema,
  part: Readonly<{ rows: Cell[][]; sheet?: string }>,
  header: HeaderDetection,
): string[] {
  const named = titleAreas(part.rows, header.headerIndex);
  const context: string[] = [];
  if (named.length > 0) {
    // Known areas by code, each with the text that named it.
    const districts = new Map<string, string>();
    for (const text of named) {
      const d = text.startsWith('อำเภอ') ? resolveDistrict(areas, text) : null;
      if (d?.ok) districts.set(d.value, text);
    }
    const district = districts.size === 1 ? [...districts][0]! : null;
    const tambons = new Map<string, string>();
    for (const text of named) {
      const t = text.startsWith('ตำบล') ? resolveTambon(areas, text, district?.[0] ?? null) : null;
      if (t?.ok) tambons.set(t.value, text);
    }
    if (district) context.push(district[1]);
    if (tambons.size === 1) context.push([...tambons.values()][0]!);
  }
  context.push(...titleHeadings(part.rows, header.headerIndex, schema));
  if (part.sheet) context.push(bareAreaSheet(areas, part.sheet) ?? part.sheet);
  return context;
}

/**
 * A sheet named by a tambon or district alone ("ทับกวาง", a sheet per tambon), as the heading it stands for
 * ("ตำบลทับกวาง"): when the name is one tambon's of the province and no district's, or one district's and no
 * tambon's; null otherwise (a name with its prefix is read as a heading already; "แก่งคอย", a district and a tambon,
 * says neither).
 * @example bareAreaSheet(areas, 'ทับกวาง') // 'ตำบลทับกวาง'
 */
function bareAreaSheet(areas: AreaIndex, sheet: string): string | null {
  const name = sheet.trim();
  if (name.length > 40 || areaKey(name) !== name.replace(/[\s.]/gu, '').toLowerCase()) return null;
  const tambons = areas.tambonsByName.get(areaKey(name)) ?? [];
  const district = areas.districtByName.get(areaKey(name));
  if (tambons.length === 1 && !district) return `ตำบล${name}`;
  if (district && tambons.length === 0) return `อำเภอ${name}`;
  return null;
}

/**
 * One sheet or table through the steps every import shares: the header row (null when none names two of the
 * target's fields: the caller reports it), the mapping given by the user (for the file's first layout), remembered
 * for the source or the layout, or suggested; its checks; the mapped data rows; and the part's preview.
 */
export function readGridPart(
  store: Store,
  schema: TargetSchema,
  part: Omit<Extract<ImportPart, { kind: 'grid' }>, 'kind'>,
  ctx: {
    readonly sourceName: string;
    /** The province's areas, which a title's names are checked against. */
    readonly areas: AreaIndex;
    readonly given: ColumnMapping | undefined;
    firstLayout: string | null;
    /** Required fields the user's choice fills without a column (a needs table's people, see rowsAsPeople). */
    readonly filled?: readonly string[];
    /** The fiscal year whose column a multi-year plan's amounts are read from (none: no such columns are looked for). */
    readonly fiscalYear?: (
      part: Readonly<{ name: string; sheet?: string; rows: Cell[][] }>,
      header: HeaderDetection,
    ) => number | null;
  },
  /** The part's header row when already found (see sheetHeaders). */
  found?: HeaderDetection | null,
): GridPart | null {
  const hiddenColumns = new Set(part.hiddenColumns ?? []);
  const header = found === undefined ? detectHeader(part.rows, schema, hiddenColumns) : found;
  if (!header) return null;
  const layout = layoutKey(header.labels);
  ctx.firstLayout ??= layout;
  const remembered = rememberedMapping(store, schema, [`source:${ctx.sourceName}`, layout], header.labels, header.mapping);
  const [picked, from]: [ColumnMapping, ImportPartPreview['mappingFrom']] =
    ctx.given && layout === ctx.firstLayout
      ? [ctx.given, 'given']
      : remembered
        ? [remembered.mapping, 'remembered']
        : [header.mapping, 'suggested'];
  const countsByHeading = from === 'remembered' ? (remembered?.countsByHeading ?? []) : [];
  const plan = ctx.fiscalYear ? yearPlan(schema, picked, header.labels) : null;
  const year = plan && ctx.fiscalYear ? ctx.fiscalYear(part, header) : null;
  const mapping = plan && year !== null ? plan.of(year) : picked;
  if (part.dates) datesAsText(part.dates, part.rows, mapping, schema);
  if (part.padded) paddedAsText(part.padded, part.rows, mapping, schema);
  const {
    rows: all,
    skipped,
    totalRows,
    sectionKeys,
    filledDown,
  } = mappedRows(part.rows, header, mapping, schema, 1, sheetContext(ctx.areas, schema, part, header));
  const filled = [...sectionKeys, ...(ctx.filled ?? [])];
  const problems = mappingProblems(mapping, header.labels.length, schema, part.name, filled, header.labels);
  const { units, scaled, refusals } = amountUnits(
    schema.fields,
    mapping,
    header.labels,
    titleTexts(part.rows, header.headerIndex),
  );
  for (const r of refusals) problems.push(problem(0, part.name, r.code, r.en, r.th));
  let rows = all;
  if (plan) {
    problems.push(...plan.problems(year, part.name));
    // A project planned for other years only is not one of this round's: passed over, and counted.
    rows = all.filter((r) => {
      const other = plan.onlyOtherYears(mapping, part.rows[r.row - 1] ?? []);
      if (other) skipped.year++;
      return !other;
    });
  }
  const rowProblems = [
    ...totalLikeProblems(rows, header.labels),
    ...(part.formulas ? formulaProblems(part.formulas, rows, mapping, header.labels) : []),
    ...(part.mergedDown ? mergedDownProblems(part.mergedDown, rows, mapping, header.labels, schema) : []),
    ...(part.dates ? dateInTextProblems(part.dates, part.rows, rows, mapping, header.labels, schema) : []),
    ...(part.delimiter !== undefined ? extraFieldProblems(part.rows, header, rows, part.delimiter) : []),
  ];
  const refused = new Set(rowProblems.map((p) => p.line));
  const readable = refused.size > 0 ? rows.filter((r) => !refused.has(r.row)) : rows;
  const byLabel = labelled(mapping, header.labels);
  // Data rows the sheet hides (by hand or by a filter): read like the others, and said in the preview.
  const hiddenSet = part.hiddenRows && part.hiddenRows.length > 0 ? new Set(part.hiddenRows) : null;
  const hidden = hiddenSet ? rows.filter((r) => hiddenSet.has(r.row - 1)).map((r) => r.row) : [];
  return {
    header,
    mapping,
    rows: readable,
    problems,
    rowProblems,
    refusedRows: refused.size,
    units,
    remember: [
      [`source:${ctx.sourceName}`, byLabel],
      [layout, byLabel],
    ],
    preview: {
      name: part.name,
      kind: 'grid',
      headerRow: header.headerIndex + 1,
      headerRows: header.headerRows,
      labels: header.labels,
      mapping,
      mappingFrom: from,
      suggested: header.mapping,
      sample: rows.slice(0, SAMPLE_ROWS).map((r) => (part.rows[r.row - 1] ?? []).map((c) => cellText(c))),
      sampleRows: rows.slice(0, SAMPLE_ROWS).map((r) => r.row),
      rows: rows.length,
      skipped,
      ...(totalRows.length > 0 ? { totalRows: totalRows.slice(0, TOTAL_ROWS_SHOWN) } : {}),
      ...(countsByHeading.length > 0 ? { countsByHeading } : {}),
      filledDown,
      ...(hidden.length > 0 ? { hiddenRows: { count: hidden.length, first: hidden.slice(0, HIDDEN_ROWS_SHOWN) } } : {}),
      ...hiddenColumnsPreview(hiddenColumns, mapping, header.labels),
      ...sameHeadingPreview(mapping, header.labels),
      ...scaledPreview(scaled, header.labels),
    },
  };
}

/**
 * The texts of the rows above a header (a report's titles, a "หน่วย : ล้านบาท" line), each with its 1-based row number,
 * each text once.
 */
export function titleTexts(grid: readonly (readonly Cell[])[], headerIndex: number): { row: number; text: string }[] {
  const out: { row: number; text: string }[] = [];
  const seen = new Set<string>();
  for (let r = 0; r < headerIndex && r < grid.length; r++) {
    for (const c of grid[r] ?? []) {
      const t = cellText(c ?? null);
      if (t !== null && !seen.has(t)) {
        seen.add(t);
        out.push({ row: r + 1, text: t });
      }
    }
  }
  return out;
}

/** The amount columns read in a unit other than baht, for the preview (see ImportPartPreview.scaledAmounts). */
function scaledPreview(
  scaled: readonly ScaledColumn[],
  labels: readonly string[],
): { scaledAmounts?: NonNullable<ImportPartPreview['scaledAmounts']> } {
  if (scaled.length === 0) return {};
  return {
    scaledAmounts: scaled.map((s) => ({
      field: s.field,
      column: `${columnLetter(s.col)}: ${labels[s.col] ?? ''}`,
      unit: { th: s.unit.th, en: s.unit.en },
      satang: s.unit.satang,
      ...(s.title !== undefined ? { title: s.title } : {}),
    })),
  };
}
