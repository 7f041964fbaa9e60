/**
 * Finds the real header row of a report-style sheet (under merged title rows, possibly two rows deep), suggests a
 * column mapping from Thai and English header synonyms, and walks the data rows skipping blank rows, total rows,
 * repeated headers, column-number rows, section headings (area, village and topic headings that fill the rows under
 * them) and the signatures and notes below the table, completing ditto marks and groups written once; reads what title
 * rows name (areas, headings) and the year columns of multi-year plans. Generic over the target schema.
 */
import { headerKey, type ColumnMapping, type FieldKind, type SectionField, type TargetField, type TargetSchema } from './target';
import { toArabicDigits } from '../money';
import { countUnit, unitAlone } from './units';
import { cellText, parseAmount, type Cell } from './values';

/** How many top rows may hold titles before the header. */
export const HEADER_SCAN_ROWS = 30;

export type HeaderDetection = Readonly<{
  /** 0-based index of the header's first row. */
  headerIndex: number;
  /** 1 or 2 (a two-row header: group labels above, column labels below). */
  headerRows: number;
  /** Each column's label (two-row headers joined "group / label"). */
  labels: readonly string[];
  /** The suggested mapping: field key → column. */
  mapping: ColumnMapping;
}>;

const SYNONYM_KEYS = new WeakMap<TargetField, readonly string[]>();

/** A field's synonyms reduced by headerKey, computed once per field (every data row is checked against them). */
function synonymKeys(field: TargetField): readonly string[] {
  let keys = SYNONYM_KEYS.get(field);
  if (!keys) {
    keys = field.synonyms.map(headerKey);
    SYNONYM_KEYS.set(field, keys);
  }
  return keys;
}

/**
 * How well a header text names a field: 3 for a synonym exactly, 2 when it contains a synonym of 3+ characters
 * (longer synonyms win through the tie-break), 0 otherwise.
 * @example matchScore('จำนวนครัวเรือน(หลัง)', NEEDS_TARGET.fields[8]) // 2
 */
export function matchScore(label: string, field: TargetField): number {
  // Under a group ("งบประมาณ (ล้านบาท) / งบลงทุน") the column's own label names it first.
  const slash = label.lastIndexOf(' / ');
  return slash < 0 ? keyScore(label, field) : Math.max(keyScore(label, field), keyScore(label.slice(slash + 3), field));
}

/** A heading that counts something (after headerKey): "จำนวน…", "number of …", "count of …". */
const COUNT_HEADING = /^(?:จำนวน|numberof|countof|noof)./u;

/** A postal address's heading (after headerKey): "ที่อยู่…", "address…"; not "ที่อยู่อาศัย" (housing, a topic). */
const ADDRESS_HEADING = /^(?:ที่อยู่(?!อาศัย)|address)/u;

/** Header texts reduced by headerKey: each sheet's labels are scored against every field, row after row. */
const LABEL_KEYS = new Map<string, string>();

function keyScore(label: string, field: TargetField): number {
  let key = LABEL_KEYS.get(label);
  if (key === undefined) {
    if (LABEL_KEYS.size >= 4096) LABEL_KEYS.clear();
    key = headerKey(label);
    LABEL_KEYS.set(label, key);
  }
  if (key === '') return 0;
  // The words an address's heading lists ("ที่อยู่ (บ้านเลขที่ หมู่ ตำบล อำเภอ)") are its parts, not columns of their own.
  if (ADDRESS_HEADING.test(key)) return field.addresses === true ? 2.5 : 0;
  // "จำนวนความต้องการ", "จำนวนหมู่บ้าน", "number of projects": a count of rows or places (a summary's column), never
  // the row's own title, village or area; only a quantity of one row is headed so ("จำนวนคน", "จำนวนเงิน").
  if (field.perRow !== true && COUNT_HEADING.test(key)) return 0;
  let best = 0;
  for (const syn of synonymKeys(field)) {
    if (syn === key) return 3 + syn.length / 1000;
    if (syn.length >= 3 && key.includes(syn)) best = Math.max(best, 2 + syn.length / 1000);
  }
  return best;
}

/**
 * Whether a heading counts the rows a field names ("จำนวนความต้องการ (เรื่อง)" counts needs, "จำนวนโครงการ" projects):
 * a summary's column.
 * @example countsOf('จำนวนความต้องการ (เรื่อง)', NEEDS_TARGET.fields[2]) // true
 */
export function countsOf(label: string, field: TargetField): boolean {
  const key = headerKey(label);
  const rest = key.replace(COUNT_PREFIX, '');
  return rest !== key && rest !== '' && keyScore(rest, field) > 0;
}

const COUNT_PREFIX = /^(?:จำนวน|numberof|countof|noof)/u;

const NO_COLUMNS: ReadonlySet<number> = new Set();

const PASS_OVER_KEYS = new WeakMap<TargetSchema, readonly string[]>();

/** A schema's pass-over words reduced by headerKey, computed once per schema. */
function passOverKeys(schema: TargetSchema): readonly string[] {
  let keys = PASS_OVER_KEYS.get(schema);
  if (!keys) PASS_OVER_KEYS.set(schema, (keys = (schema.passOver ?? []).map(headerKey)));
  return keys;
}

/**
 * Assigns columns to fields, best matches first (at an equal match, a column the sheet shows before one it hides),
 * each field and each column at most once.
 * @example suggestMapping(['ลำดับ', 'ตำบล', 'ความต้องการ'], NEEDS_TARGET) // { tambon: 1, title: 2 }
 */
export function suggestMapping(
  labels: readonly string[],
  schema: TargetSchema,
  hidden: ReadonlySet<number> = NO_COLUMNS,
): ColumnMapping {
  const pairs: { field: string; col: number; score: number }[] = [];
  const passOver = passOverKeys(schema);
  const counting = schema.fields.filter((f) => f.counts !== undefined);
  labels.forEach((label, col) => {
    if (passOver.length > 0 && passOver.some((w) => headerKey(label).includes(w))) return;
    // The unit in brackets decides what a count counts: "ผู้ได้รับประโยชน์ (ครัวเรือน)" is households, not people.
    const unit = counting.length > 0 ? countUnit(label) : null;
    // Under a group ("พื้นที่ / ชื่อหมู่บ้าน"), a column whose own label names a field is scored by that label alone:
    // the group's word names the group ("พื้นที่" made the village's name the tambon).
    const slash = label.lastIndexOf(' / ');
    const own = slash < 0 ? null : label.slice(slash + 3);
    const byOwn = own !== null && schema.fields.some((f) => keyScore(own, f) > 0);
    const scoreOf = (f: TargetField): number => (byOwn ? keyScore(own, f) : matchScore(label, f));
    const asCount = unit === null ? 0 : Math.max(...counting.map(scoreOf));
    for (const f of schema.fields) {
      if (unit !== null && f.counts !== undefined && f.counts !== unit) continue;
      const score = unit !== null && f.counts === unit ? Math.max(asCount, scoreOf(f)) : scoreOf(f);
      if (score > 0) pairs.push({ field: f.key, col, score });
    }
  });
  // Equal matches: a column the sheet shows before one it hides (a hidden column is often a superseded figure).
  pairs.sort((a, b) => b.score - a.score || Number(hidden.has(a.col)) - Number(hidden.has(b.col)) || a.col - b.col);
  const mapping: Record<string, number> = {};
  const usedCols = new Set<number>();
  for (const p of pairs) {
    if (p.field in mapping || usedCols.has(p.col)) continue;
    mapping[p.field] = p.col;
    usedCols.add(p.col);
  }
  return mapping;
}

function rowLabels(row: readonly Cell[] | undefined, width: number): string[] {
  return Array.from({ length: width }, (_, c) => cellText(row?.[c] ?? null) ?? '');
}

/**
 * The labels of a two-row header, "group / label". An empty cell right of a group label, over a label of its own,
 * continues the group (a merge drawn without merging): its unit ("งบประมาณ (ล้านบาท)") belongs to every column under it.
 */
function combined(top: readonly string[], bottom: readonly string[]): string[] {
  let group = '';
  return top.map((t0, c) => {
    const b = bottom[c] ?? '';
    let t = t0;
    if (t === '') t = b !== '' ? group : '';
    else group = b !== '' && t !== b ? t : '';
    if (t === '' || t === b) return b;
    if (b === '') return t;
    return `${t} / ${b}`;
  });
}

/**
 * A group row over column labels as merged cells fill it: each label repeats the one below (merged down), stands over
 * an empty cell, or spans its neighbours over labels of their own (merged across, or over years drawn without merging;
 * at least one such group).
 */
function isGroupRow(top: readonly string[], below: readonly string[]): boolean {
  let group = false;
  for (let c = 0; c < top.length; c++) {
    const t = top[c]!;
    const b = below[c] ?? '';
    if (t === '' || t === b || b === '') continue;
    if (top[c - 1] === t || top[c + 1] === t) group = true;
    // Drawn without merging over years ("งบประมาณ" over 2571, then empty cells over 2572 …).
    else if (top[c + 1] === '' && labelYear(b) !== null && labelYear(below[c + 1] ?? '') !== null) group = true;
    else return false;
  }
  return group;
}

/**
 * A header's second row that gives units under its labels ("งบประมาณ" over "(ล้านบาท)", "ผู้ได้รับประโยชน์" over "(คน)"),
 * the other labels merged down over both rows or left empty below: at least one unit alone under a label, and no
 * other text.
 */
function isUnitRow(top: readonly string[], below: readonly string[]): boolean {
  let unit = false;
  for (let c = 0; c < top.length; c++) {
    const t = top[c]!;
    const b = below[c] ?? '';
    if (b === '' || b === t) continue;
    if (t === '' || !unitAlone(b)) return false;
    unit = true;
  }
  return unit;
}

/** Fields named (required ones counting double); 0 when fewer than two fields are named. */
function scoreOf(labels: readonly string[], schema: TargetSchema): number {
  const m = suggestMapping(labels, schema);
  const named = Object.keys(m).length;
  if (named < 2) return 0;
  return named + schema.fields.filter((f) => f.required && f.key in m).length;
}

/**
 * A value no column label is: a web address, an e-mail address, a date with its time ("2026-11-02 08:15:33",
 * "7/12/2026 9:15:02", as exports and online forms write them).
 */
const DATA_VALUE =
  /^(?:https?:\/\/|www\.)\S|^[^\s@]{1,64}@[^\s@]{1,255}\.[a-z]{2,}$|^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}[ T]\d{1,2}:\d{2}/iu;

/**
 * A row with data values in two of its cells or more: a data row (a platform's export: a photo's address, the
 * ticket's timestamps), never a header's second row, whatever labels its texts contain ("12 หมู่ 3 ตำบล…").
 */
function holdsData(row: readonly Cell[]): boolean {
  let found = 0;
  for (const c of row) if (typeof c === 'string' && c.length <= 2000 && DATA_VALUE.test(c.trim()) && ++found >= 2) return true;
  return false;
}

/**
 * Finds the header among the first rows: the row (or pair of rows) whose labels name the most fields, required ones
 * counting double; null when no row names at least two fields.
 * @example detectHeader([['รายงานความต้องการ'], ['ตำบล', 'ความต้องการ', 'ด้าน']], NEEDS_TARGET)?.headerIndex // 1
 */
export function detectHeader(
  grid: readonly (readonly Cell[])[],
  schema: TargetSchema,
  hiddenColumns: ReadonlySet<number> = NO_COLUMNS,
): HeaderDetection | null {
  const scan = Math.min(grid.length, HEADER_SCAN_ROWS);
  const width = Math.max(0, ...grid.slice(0, scan + 1).map((r) => r.length));
  let best: { index: number; rows: number; labels: string[]; score: number } | null = null;
  for (let r = 0; r < scan; r++) {
    const single = rowLabels(grid[r], width);
    // A header, or a group row above one, has at least two distinct labels: a title merged across the row is one,
    // though its words may name fields ("แบบรายงานความต้องการของประชาชน").
    const labelled = new Set(single.filter((l) => l !== '')).size >= 2;
    const s1 = labelled ? scoreOf(single, schema) : 0;
    if (s1 >= 2 && (!best || s1 > best.score)) best = { index: r, rows: 1, labels: single, score: s1 };
    // A section heading under the header ("ตำบลเสาไห้") is no column label, though it names a field; nor is a row
    // that holds data values.
    if (
      r + 1 < grid.length &&
      labelled &&
      !holdsData(grid[r + 1]!) &&
      sectionOf(fewTexts(rowTexts(grid[r + 1]!).texts) ?? [], schema.sections) === null
    ) {
      const below = rowLabels(grid[r + 1], width);
      const pair = combined(single, below);
      const s2 = scoreOf(pair, schema);
      // A second row counts when it adds fields that neither row names alone, under a group row whose merged
      // labels (a unit: "งบประมาณ (ล้านบาท)") would be lost with the row below alone, or when it gives the units of
      // the labels above it ("(ล้านบาท)" under "งบประมาณ"), which would be lost with the row above alone.
      const group = isGroupRow(single, below) || isUnitRow(single, below);
      if (s2 >= 2 && (s2 > s1 || group)) {
        const s0 = scoreOf(below, schema);
        const adds = s2 > s1 && s2 > s0 && (!best || s2 > best.score);
        const groups = group && s2 >= s0 && (!best || s2 > best.score || best.index === r);
        if (adds || groups) best = { index: r, rows: 2, labels: pair, score: s2 };
      }
    }
  }
  if (!best) return null;
  return {
    headerIndex: best.index,
    headerRows: best.rows,
    labels: best.labels,
    mapping: suggestMapping(best.labels, schema, hiddenColumns),
  };
}

/**
 * The Buddhist-era year a column's label names with what it adds to the label ("2571 (บาท)", "ปี ๒๕๗๒", "พ.ศ. 2573",
 * "งบประมาณปี 2571", "งบประมาณ / 2571"), and the label without it; null when it names none or several.
 * @example labelYear('งบประมาณ / 2571 (บาท)') // { year: 2571, rest: 'งบประมาณ / (บาท)' }
 */
export function labelYear(label: string): { year: number; rest: string } | null {
  if (label.length > 200) return null;
  const t = toArabicDigits(label);
  const re = /(?:(?:ปีงบประมาณ|ปีงบ|ปี)\s*)?(?:พ\.?\s*ศ\.?\s*)?(?<![0-9])(25[0-9]{2})(?![0-9])/gu;
  const found = [...t.matchAll(re)];
  if (found.length !== 1) return null;
  const m = found[0]!;
  return { year: Number(m[1]), rest: (t.slice(0, m.index) + t.slice(m.index + m[0].length)).replace(/\s+/gu, ' ').trim() };
}

/**
 * The columns that plan one amount year by year, as multi-year plans lay them out (แผนพัฒนาท้องถิ่น ผ.02, a province's
 * five-year plan): the column `col` and those whose labels differ from its label only by the year ("งบประมาณ / 2571
 * (บาท)", "งบประมาณ / 2572 (บาท)" …), year → column; null unless two years at least.
 * @example yearColumns(['โครงการ', 'งบประมาณ / 2571', 'งบประมาณ / 2572'], 1) // Map { 2571 => 1, 2572 => 2 }
 */
export function yearColumns(labels: readonly string[], col: number): Map<number, number> | null {
  const own = labelYear(labels[col] ?? '');
  if (!own) return null;
  const key = headerKey(own.rest);
  const years = new Map<number, number>();
  labels.forEach((label, c) => {
    const y = labelYear(label);
    if (y && headerKey(y.rest) === key && !years.has(y.year)) years.set(y.year, c);
  });
  return years.size >= 2 ? years : null;
}

/** A cheap look at a cell's start before the full check (this runs for every data row): a total word's first letters. */
const TOTAL_START =
  /^[\s([*\-–•]*(?:ร\s*ว\s*ม|ผ\s*ล\s*ร|ย\s*อ\s*ด\s*[รเย]|ส\s*ร\s*ุ\s*ป|ท\s*ั\s*้\s*ง\s*[สห]|total|sum|sub|grand)/iu;

/** The Thai words a total's label begins with (longer ones first where one begins another). */
const TOTAL_WORDS = 'ผลรวม|ยอดเงินรวม|ยอดรวม|รวม|สรุปรวม|สรุปยอด';

/** A Thai letter with the marks above or below it ("ทั้", "สิ้"), after its leading vowel if any ("เงิ"). */
const THAI_LETTER = '[\\u0e40-\\u0e44]?[\\u0e01-\\u0e2f\\u0e30\\u0e32\\u0e33\\u0e45][\\u0e31\\u0e34-\\u0e3a\\u0e47-\\u0e4e]*';
/** Thai letters spaced out one by one to fill or centre a cell ("ร ว ม", "ร ว ม ทั้ ง สิ้ น"): three at least. */
const SPACED_OUT = new RegExp(`(?<![\\u0e01-\\u0e4e])${THAI_LETTER}(?: ${THAI_LETTER}){2,}(?![\\u0e01-\\u0e4e])`, 'gu');

/**
 * A total's label, as a word and not a prefix (Thai writes no spaces between words, so the words a total's label may
 * go on with are listed): a total word (รวม, ผลรวม, ยอดรวม, ยอดเงินรวม, สรุปรวม, สรุปยอด, ยอดยกมา / ยอดยกไป), then
 * words that say what it sums (ทั้งสิ้น, ทั้งหมด, ยอด, เป็นเงิน, งบประมาณ, ย่อย …), then the end, a space, a bracket, a
 * number or what it is the total of (an area, a strategy, an agency: "รวมตำบลชะอม", "รวมยุทธศาสตร์ที่ 1"). สรุป and
 * ทั้งสิ้น alone are a total only when nothing but a count follows ("สรุป (3 โครงการ)"): a table's title
 * "สรุปความต้องการ…" is none, and ทั้งหมด alone is a village's (the whole tambon), not a total's.
 */
const TOTAL_TH = new RegExp(
  `^(?:(?:${TOTAL_WORDS}|ยอดยกมา|ยอดยกไป)` +
    '(?:ทั้งสิ้น|ทั้งหมด|ยอดเงิน|ยอด|เป็นเงิน|เงิน|งบประมาณ|งบลงทุน|งบดำเนินงาน|งบ|ย่อย|จำนวน|รวม|ทุกรายการ|ทุกโครงการ|โครงการ|รายการ)*' +
    '(?:$|[\\s:=()[\\]*.,\\-–0-9]|ทั้ง(?:อำเภอ|จังหวัด|ตำบล|ปี)|ตำบล|อำเภอ|จังหวัด|[อตจม]\\.|หมู่(?:ที่|\\s?[0-9])|ยุทธศาสตร์|ประเด็น|' +
    'กลยุทธ์|แผนงาน|ด้าน|หมวด|หน่วยงาน|ส่วนราชการ|สำนักงาน|อบต|อบจ|ท[ตมน]\\.|เทศบาล|ปีงบประมาณ|ปี\\s?[0-9]|หน้า|ไตรมาส)' +
    '|(?:สรุป|ทั้งสิ้น)\\s*(?:$|[:(\\[0-9]))',
  'u',
);
/** An English total's label, as a word: "Total", "Sub-total", "Grand Total:", "Sum", "Total of …" (not "Summer Camp"). */
const TOTAL_EN =
  /^(?:grand\s*-?\s*total|sub\s*-?\s*total|totals?|sum)(?:$|\s*[^a-z\s]|\s+(?:of|for|in|amount|budget|baht|all|projects?|needs?|items?|district|tambon|province|strategy|issue|agency|page)\b)/u;

/**
 * Whether a cell's text is a total's label: "รวม", "ร ว ม" (spaced out), "รวมทั้งสิ้น", "ผลรวม", "ยอดเงินรวม", "สรุปยอด",
 * "ทั้งสิ้น", "รวมยุทธศาสตร์ที่ 1", "รวม 3 โครงการ", "รวม อ.แก่งคอย", "Sub-total", "Grand Total"; not a name that
 * begins with such letters ("รวมพลังชุมชนต้านยาเสพติด", "ยอดนักอ่าน", "Summer Camp").
 * @example isTotalLabel('ร ว ม') // true
 * @example isTotalLabel('รวมกลุ่มผู้ปลูกผักปลอดภัย') // false
 */
export function isTotalLabel(text: string): boolean {
  return totalWord(text) === 'word';
}

/** A Thai total word at a text's start, whatever follows it ("รวมคชสิทธิ์": รวม and a tambon's name without ต.). */
const TOTAL_PREFIX = new RegExp(`^(?:${TOTAL_WORDS})`, 'u');

/**
 * How a text begins with a total's word: as a total's label (`isTotalLabel`), or only with its letters (a name, or a
 * label whose word runs on into a name: "รวมคชสิทธิ์"); null when neither.
 */
function totalWord(text: string): 'word' | 'prefix' | null {
  if (text.length > 120 || !TOTAL_START.test(text)) return null;
  const t = toArabicDigits(text.toLowerCase())
    .replace(/\s+/gu, ' ')
    .replace(/^[\s([*\-–•]+/u, '')
    .replace(SPACED_OUT, (letters) => letters.replace(/ /gu, ''));
  if (TOTAL_TH.test(t) || TOTAL_EN.test(t)) return 'word';
  return TOTAL_PREFIX.test(t) ? 'prefix' : null;
}

const WORD_AND_WORDS = new RegExp(`^(${TOTAL_WORDS}) (\\S.*)$`, 'u');

/**
 * A total's label that is a total word, a space and words that would not go on from it into a total's label ("รวม ใจ
 * พัฒนา ลานกีฬา": a project's name may begin so), where "รวม 3 โครงการ", "รวม อ.แก่งคอย" and "รวม ทั้งสิ้น" are
 * totals' labels however spaced. Such a row is a total only when its amounts are the sum of the rows above it.
 */
function wordThenWords(text: string): boolean {
  if (text.length > 120) return false;
  const m = WORD_AND_WORDS.exec(
    toArabicDigits(text)
      .replace(/\s+/gu, ' ')
      .replace(/^[\s([*\-–•]+/u, '')
      .replace(SPACED_OUT, (letters) => letters.replace(/ /gu, '')),
  );
  if (!m || /^[0-9([:=*.,\-–]/u.test(m[2]!)) return false;
  return totalWord(`${m[1]!}${m[2]!}`) !== 'word';
}

/** A count or a number alone, as a total writes in its name column: "81", "3 โครงการ", "(๒ เรื่อง)". */
const COUNT_ALONE = /^[([]?\s*(?:จำนวน\s*)?[0-9๐-๙][0-9๐-๙,.]*\s*(?:[ก-๙]{1,12}|projects?|items?|needs?)?\s*[)\]]?$/iu;

/** The mapped columns of a header, resolved once for all of its rows (skipReason runs for every data row). */
type MappedColumns = readonly { key: string; col: number; label: string; kind: FieldKind; figure: boolean }[];

function mappedColumns(header: HeaderDetection, schema: TargetSchema): MappedColumns {
  const fields = new Map(schema.fields.map((f) => [f.key, f]));
  return Object.entries(header.mapping).flatMap(([key, col]) => {
    const f = fields.get(key);
    if (!f) return [];
    // A row's own figures and dates are never its label ("รวม 150 คน (ชาย 70 คน หญิง 80 คน)" is a count of people); a
    // village column is, as reports draw a subtotal's label from the column after the running number.
    const figure = f.kind === 'amount' || f.kind === 'date' || f.perRow === true;
    return [{ key, col, label: header.labels[col] ?? '', kind: f.kind, figure }];
  });
}

/**
 * A row that looks like a total (one of its first three texts, outside the columns of amounts, dates and a row's
 * quantities, is a total's label) and has data of its own that a total does not: a code, or a name beside the label (a
 * count, "3 โครงการ", is a total's).
 */
export type TotalLike = Readonly<
  { column: number; text: string } & (
    | { own: Readonly<{ column: number; text: string }> }
    /**
     * A label that is a total word and other words ("รวม ใจ พัฒนา ลานกีฬา", see wordThenWords) over an amount
     * (`notSum`: its column and text) that is not the sum of the rows above it (`sum`, in satang as the column's cells
     * read without a unit: since the previous total row, or the table's start when there is none).
     */
    | { notSum: Readonly<{ column: number; text: string; sum: number }> }
  )
>;

/**
 * The total label of a row and the data of its own beside it (`own`); null when the row is no total. A text that only
 * begins with a total word's letters ("รวมคชสิทธิ์") labels a total outside the name column in a row with no data of
 * its own; in the name column, or beside such data, it is a name ("รวมพลังชุมชนต้านยาเสพติด").
 */
function totalOf(
  byColumn: readonly (string | null)[],
  columns: MappedColumns,
): { column: number; text: string; own: { column: number; text: string } | null } | null {
  let seen = 0;
  let word: { column: number; text: string } | null = null;
  let prefix: { column: number; text: string } | null = null;
  for (let c = 0; c < byColumn.length && seen < 3 && !word; c++) {
    const t = byColumn[c];
    if (t === null || t === undefined) continue;
    seen++;
    const kind = totalWord(t);
    if (kind === null || columns.some((m) => m.col === c && (m.figure || (kind === 'prefix' && m.key === 'title')))) continue;
    if (kind === 'word') word = { column: c, text: t };
    else prefix ??= { column: c, text: t };
  }
  const found = word ?? prefix;
  if (!found) return null;
  for (const { key, col, kind } of columns) {
    if (col === found.column || (kind !== 'id' && key !== 'title')) continue;
    const t = byColumn[col];
    if (t === null || t === undefined || t === found.text || COUNT_ALONE.test(t) || DITTO.test(t) || isTotalLabel(t)) continue;
    return word ? { ...found, own: { column: col, text: t } } : null;
  }
  return { ...found, own: null };
}

/** Why a row is not data: the kinds of rows skipped, each counted in the preview. */
export type SkipReason = 'blank' | 'total' | 'header' | 'numbers' | 'section' | 'footer' | 'year';

/** A signature block under a report ("ลงชื่อ ....... ผู้รายงาน"): it and the short rows after it are not data. */
const SIGNATURE = /^[\s(]*(?:ลงชื่อ|ลงนาม|signed\b|signature\b)/iu;
/** A page's number as a report prints it, in a title or alone: "หน้า 2", "หน้าที่ 2 จาก 5", "Page 2 of 5", "- 2 -". */
const PAGE_MARK =
  /(?:^|\s)(?:หน้า(?:ที่)?|page)\s*[0-9๐-๙]{1,4}(?:\s*(?:จาก|\/|of)\s*[0-9๐-๙]{1,4})?(?=\s|$)|^[-–]\s*[0-9๐-๙]{1,4}\s*[-–]$/giu;

/** A title's text without its page number, spaces collapsed: "รายงาน หน้า 2" and "รายงาน หน้า 1" are one title. */
function pageless(text: string): string {
  return text.replace(PAGE_MARK, ' ').replace(/\s+/gu, ' ').trim();
}

/** A note under a table, alone on its row. */
const NOTE = /^[\s(]*(?:หมายเหตุ|ที่มา\s*:|ข้อมูล\s*ณ|ผู้รายงาน|ผู้จัดทำ|note\s*:|source\s*:)/iu;

/**
 * The section a row heads, when it is one text alone (or merged across the row, so repeated) that one of the schema's
 * sections reads as its heading: "ตำบลเสาไห้", "อ. หนองแค (12 หมู่บ้าน)" by prefix, "หมู่ที่ 3 บ้านหนองโน" or
 * "1. ด้านแหล่งน้ำ" by the section's reader.
 * @example sectionOf(['ตำบลเสาไห้', null], NEEDS_TARGET.sections) // { index: 1, key: 'tambon', value: 'ตำบลเสาไห้' }
 */
export function sectionOf(
  texts: readonly string[],
  sections: readonly SectionField[] | undefined,
): { index: number; key: string; value: string } | null {
  if (!sections || texts.length === 0 || texts.length > 64) return null;
  const text = texts[0]!;
  if (text.length > 120 || texts.some((t) => t !== text)) return null;
  for (let i = 0; i < sections.length; i++) {
    const s = sections[i]!;
    if (s.read) {
      const value = s.read(text);
      if (value !== null) return { index: i, key: s.key, value };
      continue;
    }
    const prefix = s.prefixes?.find((p) => text.startsWith(p));
    if (prefix === undefined) continue;
    // A count of villages or people after the name is not part of it: "(12 หมู่บ้าน)", "12 หมู่บ้าน".
    const value = text
      .replace(/\s*[([][^)\]]*[)\]]\s*$/u, '')
      .replace(/\s+(?:จำนวน\s*)?[0-9๐-๙]{1,4}\s*(?:หมู่บ้าน|หมู่|ชุมชน|ตำบล)$/u, '')
      .trim();
    if (value.slice(prefix.length).trim() === '' || /[0-9๐-๙]/u.test(value)) return null;
    return { index: i, key: s.key, value };
  }
  return null;
}

/**
 * The texts of a row that may be a heading, a signature or a note: three texts at most, or one text repeated (merged
 * across); null for a data row.
 */
function fewTexts(texts: readonly string[]): readonly string[] | null {
  return texts.length > 3 && texts.some((t) => t !== texts[0]) ? null : texts;
}

/** A row's cells as text ({@link cellText}), by column and, without the empty ones, in order: read once per row. */
type RowTexts = Readonly<{ byColumn: readonly (string | null)[]; texts: readonly string[] }>;

function rowTexts(row: readonly Cell[]): RowTexts {
  const byColumn: (string | null)[] = new Array<string | null>(row.length);
  const texts: string[] = [];
  for (let c = 0; c < row.length; c++) {
    const t = cellText(row[c] ?? null);
    byColumn[c] = t;
    if (t !== null) texts.push(t);
  }
  return { byColumn, texts };
}

/** Why a row is not data, or null when it is (section headings and footers are found by mappedRows). */
export function skipReason(
  row: readonly Cell[],
  header: HeaderDetection,
  schema: TargetSchema,
  columns: MappedColumns = mappedColumns(header, schema),
  read: RowTexts = rowTexts(row),
): 'blank' | 'total' | 'header' | 'numbers' | null {
  return classify(row, header, columns, read).why;
}

/** skipReason, with the total label of a data row that has data of its own beside it ({@link TotalLike}). */
function classify(
  row: readonly Cell[],
  header: HeaderDetection,
  columns: MappedColumns,
  read: RowTexts,
): {
  why: 'blank' | 'total' | 'header' | 'numbers' | null;
  totalLike: TotalLike | null;
  label?: Readonly<{ column: number; text: string }>;
} {
  const { byColumn, texts } = read;
  if (texts.length === 0) return { why: 'blank', totalLike: null };
  // A total row; one with data of its own is passed on, marked, to be refused (not dropped without a word).
  const total = totalOf(byColumn, columns);
  if (total && total.own === null) return { why: 'total', totalLike: null, label: { column: total.column, text: total.text } };
  const why = otherSkip(row, header, columns, read);
  return { why, totalLike: why === null && total?.own ? { column: total.column, text: total.text, own: total.own } : null };
}

/** A column-number row or a repeated header. */
function otherSkip(
  row: readonly Cell[],
  header: HeaderDetection,
  columns: MappedColumns,
  read: RowTexts,
): 'header' | 'numbers' | null {
  const { byColumn, texts } = read;
  const numbersOnly = texts.every((t) => /^\(?[0-9๐-๙]{1,2}\)?$/u.test(t));
  if (texts.length >= 3 && numbersOnly) {
    const mapped = Object.values(header.mapping).map((c) => cellText(row[c] ?? null));
    if (mapped.every((t) => t === null || /^\(\d+\)$/u.test(t) || /^\d{1,2}$/u.test(t))) {
      const seq = texts.map((t) => Number(t.replace(/[()]/gu, '')));
      if (seq.every((v, i) => i === 0 || v === seq[i - 1]! + 1)) return 'numbers';
    }
  }
  let same = 0;
  let mapped = 0;
  for (const { col, label } of columns) {
    const t = col < row.length ? (byColumn[col] ?? null) : null;
    if (t === null) continue;
    mapped++;
    // A header repeated on a later page repeats the labels (of one or both header rows): plain string compares, as
    // this runs for every data row.
    if (t === label || label.startsWith(`${t} / `) || label.endsWith(` / ${t}`)) same++;
  }
  if (mapped >= 2 && same * 2 >= mapped) return 'header';
  return null;
}

/**
 * The areas a report's title rows name ("ตำบลตาลเดี่ยว อำเภอแก่งคอย จังหวัดสระบุรี", "องค์การบริหารส่วนตำบลตาลเดี่ยว"),
 * as headings ("อำเภอแก่งคอย", "ตำบลตาลเดี่ยว"), districts first: each name after อำเภอ or ตำบล (also within
 * "องค์การบริหารส่วนตำบล…", "ตำบลตาลเดี่ยวอำเภอแก่งคอย"), or after อ. / ต. / อบต. / ทต. beginning a word group or after
 * และ. The caller keeps those that name a known area.
 * @example titleAreas([['ตำบลตาลเดี่ยว อำเภอแก่งคอย']], 1) // ['อำเภอแก่งคอย', 'ตำบลตาลเดี่ยว']
 */
export function titleAreas(grid: readonly (readonly Cell[])[], headerIndex: number): string[] {
  const districts: string[] = [];
  const tambons: string[] = [];
  for (let r = 0; r < headerIndex && r < grid.length; r++) {
    const texts = fewTexts(rowTexts(grid[r]!).texts);
    if (texts === null) continue;
    for (const text of new Set(texts)) {
      if (text.length > 300) continue;
      for (const m of text.matchAll(/(?:อำเภอ|(?:^|\s|และ|,)อ\.)\s?([ก-๙]{2,40}?)(?=จังหวัด|จ\.|[^ก-๙]|$)/gu))
        districts.push(`อำเภอ${m[1]!}`);
      for (const m of text.matchAll(
        /(?:ตำบล|(?:^|\s|และ|,)(?:อบต\.|ทต\.|ต\.))\s?([ก-๙]{2,40}?)(?=อำเภอ|อ\.|จังหวัด|จ\.|[^ก-๙]|$)/gu,
      )) {
        tambons.push(`ตำบล${m[1]!}`);
      }
    }
  }
  return [...new Set(districts), ...new Set(tambons)];
}

/**
 * The title rows that are headings read by a section's reader marked `title` ("ด้านแหล่งน้ำ", "หมู่ที่ 3 บ้านหนองโน"),
 * for the whole sheet. Area titles are read by titleAreas instead.
 */
export function titleHeadings(grid: readonly (readonly Cell[])[], headerIndex: number, schema: TargetSchema): string[] {
  const readers = (schema.sections ?? []).filter((s) => s.read && s.title);
  const found: string[] = [];
  for (let r = 0; r < headerIndex && r < grid.length; r++) {
    const texts = fewTexts(rowTexts(grid[r]!).texts);
    if (texts !== null && sectionOf(texts, readers) !== null) found.push(texts[0]!);
  }
  return found;
}

/** A ditto mark alone in a cell: the same as the cell above ("〃", '"', "”", "''"). */
const DITTO = /^\s*(?:〃|"|”|“|''|ʺ|″)\s*$/u;

/**
 * One data row: its 1-based row number in the sheet and its cells by field key; `totalLike` when it looks like a total
 * row though it has data of its own (refused by the import, saying so: see TotalLike).
 */
export type MappedRow = Readonly<{ row: number; cells: Readonly<Record<string, Cell>>; totalLike?: TotalLike }>;

/**
 * The data rows under the header with cells picked by the mapping; blank, total, repeated-header and column-number
 * rows are skipped and counted, and so are section headings and the signatures and notes under the table (a row that
 * looks like a total but has a code or a name of its own is passed on marked `totalLike`, for the import to refuse, and
 * does not fill the rows under it); a ditto mark ("〃", '"') in a cell repeats that field of the data row above, and
 * so does an empty cell of a group written once (`TargetSchema.fillDown`; `filledDown` counts the rows so completed).
 * A section heading ("ตำบลเสาไห้", "หมู่ที่ 3", "ด้านแหล่งน้ำ" alone on its row) fills its field in the rows under it where
 * their own cell is empty or the file has no such column, until the next heading of that field or of a coarser one of
 * its chain (SectionField), or of one met before it; `context` gives the
 * headings a whole sheet starts under (its name, "อ.เสาไห้"). `sectionKeys` lists the fields headings filled.
 * A report's page furniture (its title again, page number aside, and page numbers alone) is skipped as a repeated
 * header, and the title of a table stacked under another (over the header again) heads the rows under it with the
 * areas it names.
 */
export function mappedRows(
  grid: readonly (readonly Cell[])[],
  header: HeaderDetection,
  mapping: ColumnMapping,
  schema: TargetSchema,
  firstRowNumber = 1,
  context: readonly string[] = [],
): {
  rows: MappedRow[];
  skipped: Record<SkipReason, number>;
  /** The 1-based rows passed over as totals. */
  totalRows: number[];
  sectionKeys: string[];
  filledDown: number;
} {
  const rows: MappedRow[] = [];
  const skipped = { blank: 0, total: 0, header: 0, numbers: 0, section: 0, footer: 0, year: 0 };
  const totalRows: number[] = [];
  const withMapping = { ...header, mapping };
  const columns = mappedColumns(withMapping, schema);
  const picked = Object.entries(mapping);
  const sections = schema.sections ?? [];
  const fieldKeys = new Set(schema.fields.map((f) => f.key));
  // The heading in force for each section field (by its index in schema.sections).
  const current: (string | null)[] = sections.map(() => null);
  // When each heading in force was met: a heading ends the one it replaces and every heading met after that one
  // (nested in it), whatever their chain: "ตำบลม่วงงาม" ends the "ด้านแหล่งน้ำ" met under "ตำบลเสาไห้", not one above both.
  const since: number[] = sections.map(() => -1);
  let met = 0;
  const enter = (index: number, value: string): void => {
    const chain = sections[index]!.chain;
    let from = Infinity;
    for (let i = index; i < sections.length; i++) {
      if (current[i] !== null && (i === index || sections[i]!.chain === chain)) from = Math.min(from, since[i]!);
    }
    for (let i = 0; i < sections.length; i++) {
      if (i > index && sections[i]!.chain === chain) current[i] = null;
      else if (since[i]! > from) current[i] = null;
    }
    current[index] = value;
    since[index] = met++;
  };
  for (const text of context) {
    const s = sectionOf([text], sections);
    if (s) enter(s.index, s.value);
  }
  // The titles above the header (without their page numbers): a report exported page by page repeats them, with the
  // header, at each page's top; such a row (or a page number alone) is page furniture, skipped as a repeated header.
  const titles = new Set<string>();
  for (let r = 0; r < header.headerIndex && r < grid.length; r++) {
    const texts = fewTexts(rowTexts(grid[r]!).texts);
    if (texts !== null && texts.length > 0 && texts[0]!.length <= 300 && texts.every((t) => t === texts[0])) {
      titles.add(pageless(texts[0]!));
    }
  }
  // Whether the header comes again right under row r (blank rows aside): r is then a stacked table's title.
  const headerFollows = (r: number): boolean => {
    for (let n = r + 1; n < grid.length && n <= r + 3; n++) {
      const why = skipReason(grid[n]!, withMapping, schema, columns);
      if (why !== 'blank') return why === 'header';
    }
    return false;
  };
  const filled = new Set<string>();
  let inFooter = false;
  let previous: Record<string, Cell> | null = null;
  let filledDown = 0;
  const sums = amountSums(rows, columns);
  for (let r = header.headerIndex + header.headerRows; r < grid.length; r++) {
    const row = grid[r]!;
    const read = rowTexts(row);
    const classified = classify(row, withMapping, columns, read);
    const { why, label } = classified;
    let { totalLike } = classified;
    if (why === 'total') {
      // "รวม ใจ พัฒนา ลานกีฬา" over an amount the rows above do not sum to is a project's row, refused as such.
      const notSum = label && wordThenWords(label.text) ? sums.notSum(row) : null;
      if (notSum) totalLike = { ...label!, notSum };
      else {
        skipped.total++;
        totalRows.push(r + firstRowNumber);
        sums.total();
        continue;
      }
    } else if (why) {
      skipped[why]++;
      continue;
    }
    const texts = fewTexts(read.texts);
    if (texts === null) {
      inFooter = false;
    } else {
      const section = sectionOf(texts, sections);
      if (section) {
        enter(section.index, section.value);
        skipped.section++;
        continue;
      }
      if (texts.length > 0 && texts[0]!.length <= 300 && texts.every((t) => t === texts[0])) {
        const title = pageless(texts[0]!);
        if (title === '' || titles.has(title)) {
          skipped.header++;
          continue;
        }
        // The title of another table stacked under the first ("สรุปความต้องการ อำเภอแก่งคอย" over the header again):
        // the areas it names head the rows under it, as a section heading would.
        if (headerFollows(r)) {
          let entered = false;
          for (const name of titleAreas([[texts[0]!]], 1)) {
            const s = sectionOf([name], sections);
            if (s) {
              enter(s.index, s.value);
              entered = true;
            }
          }
          skipped[entered ? 'section' : 'header']++;
          continue;
        }
      }
      // A signature block and notes have a few texts on a row.
      if (texts.length <= 3) {
        if (texts.some((t) => SIGNATURE.test(t))) inFooter = true;
        if (inFooter || (texts.length === 1 && NOTE.test(texts[0]!))) {
          skipped.footer++;
          continue;
        }
      } else inFooter = false;
    }
    const cells: Record<string, Cell> = {};
    const above = previous;
    for (const [key, col] of picked) {
      const cell = row[col] ?? null;
      // A ditto mark ("〃", '"') repeats the cell above, of the data row before.
      cells[key] = typeof cell === 'string' && cell.length <= 6 && DITTO.test(cell) && above ? (above[key] ?? null) : cell;
    }
    // A row that looks like a total is refused: the rows under it do not repeat its cells.
    if (!totalLike) previous = cells;
    for (let i = 0; i < sections.length; i++) {
      const value = current[i];
      const key = sections[i]!.key;
      if (value !== null && value !== undefined && fieldKeys.has(key) && cellText(cells[key] ?? null) === null) {
        cells[key] = value;
        filled.add(key);
      }
    }
    // A group's cell written once, on its first row (FillDown).
    let down = false;
    for (const group of schema.fillDown ?? []) {
      if (!(group.anchor in mapping) || !above || cellText(cells[group.anchor] ?? null) !== null) continue;
      if (cellText(above[group.anchor] ?? null) === null) continue;
      cells[group.anchor] = above[group.anchor]!;
      for (const key of group.with) if (cellText(cells[key] ?? null) === null && key in above) cells[key] = above[key]!;
      down = true;
    }
    if (down) filledDown++;
    rows.push(totalLike ? { row: r + firstRowNumber, cells, totalLike } : { row: r + firstRowNumber, cells });
  }
  return { rows, skipped, totalRows, sectionKeys: [...filled], filledDown };
}

/**
 * The sums of the amount columns over the data rows read so far (`rows`, those marked `totalLike` aside), since the
 * table's start and since the last total row (`total()` marks one), each read as the cells write them (no unit):
 * added up only when a total row's label asks (see wordThenWords), once per row whatever the number of totals.
 */
function amountSums(
  rows: readonly MappedRow[],
  columns: MappedColumns,
): { notSum: (row: readonly Cell[]) => Readonly<{ column: number; text: string; sum: number }> | null; total: () => void } {
  const amounts = columns.filter((c) => c.kind === 'amount');
  const amountOf = (cell: Cell): number => {
    const a = parseAmount(cell);
    return a.ok ? a.value : 0;
  };
  // Sums since the start over rows[0, counted); at the last total row (rows.length then), once asked for.
  const sinceStart = amounts.map(() => 0);
  let counted = 0;
  let lastTotal = 0;
  let atLastTotal: number[] | null = amounts.map(() => 0);
  const countTo = (n: number): void => {
    for (; counted < n; counted++) {
      const r = rows[counted]!;
      if (r.totalLike) continue;
      amounts.forEach((c, i) => (sinceStart[i]! += amountOf(r.cells[c.key] ?? null)));
    }
  };
  return {
    notSum(row) {
      if (atLastTotal === null) {
        countTo(lastTotal);
        atLastTotal = [...sinceStart];
      }
      countTo(rows.length);
      for (const [i, c] of amounts.entries()) {
        const own = amountOf(row[c.col] ?? null);
        if (own === 0 || own === sinceStart[i] || own === sinceStart[i]! - atLastTotal[i]!) continue;
        return { column: c.col, text: cellText(row[c.col] ?? null) ?? '', sum: sinceStart[i]! - atLastTotal[i]! };
      }
      return null;
    },
    total() {
      lastTotal = rows.length;
      atLastTotal = counted === lastTotal ? [...sinceStart] : null;
    },
  };
}
