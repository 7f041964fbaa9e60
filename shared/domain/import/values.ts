/**
 * Values as Thai files write them: counts ("1,200", "๑,๒๐๐ คน"), amounts ("1,250,000.00 บาท"), dates in either era
 * with Thai month names or abbreviations (with or without dots, two- or four-digit years, Excel serial numbers),
 * channels (ประชาคม, LINE / Line / ไลน์, TPMAP, survey) and categories by id, Thai or English name.
 * Each parser returns the value or a reason in Thai and English; the caller adds row and column.
 */
import { parseBahtWords } from '../baht-text';
import { formatBaht, misgrouped, parseBaht, thousandsGrouped, toArabicDigits } from '../money';
import { bangkokDate, BE_OFFSET, isoDate, readDateOrRange, readThaiDate, typedThaiDate, type DateOrder } from '../thai-date';
import { CHANNELS, NEED_CATEGORIES, type Channel } from '../taxonomy';
import { SPELLING_SLIP, thaiSpelling } from '../thai-spelling';
import { shown } from './problems';
import { BAHT, COUNT_WORDS, MILLION_BAHT, type CountUnit, type MoneyUnit } from './units';

/** A spreadsheet cell as the readers give it. */
export type Cell = string | number | boolean | null;

export type Parsed<T> = { ok: true; value: T } | { ok: false; en: string; th: string };

const fail = <T>(en: string, th: string): Parsed<T> => ({ ok: false, en, th });

/** Distinct cell values a remembered parser keeps (a column of free text stops being remembered there). */
const MEMO_LIMIT = 20_000;

/**
 * A parser remembered by cell value: a report repeats the same areas, categories, channels, dates and amounts on
 * many rows, and each distinct value is parsed once. Only for pure parsers (a remembered result is the same result);
 * the result is shared, so it must not be changed.
 * @example const count = remembered(parseCount); count('1,200') === count('1,200') // true
 */
export function remembered<T>(parse: (c: Cell) => T): (c: Cell) => T {
  const seen = new Map<Cell, T>();
  return (c) => {
    let r = seen.get(c);
    if (r === undefined) {
      r = parse(c);
      if (seen.size < MEMO_LIMIT) seen.set(c, r);
    }
    return r;
  };
}

/**
 * {@link remembered} for a parser that also depends on a context value (the row's district, say): one memory per
 * context value seen.
 * @example const tambon = rememberedIn((d: string | null) => (c: Cell) => resolve(c, d)); tambon('หน้าพระลาน', '1906')
 */
export function rememberedIn<K, T>(parserFor: (context: K) => (c: Cell) => T): (c: Cell, context: K) => T {
  const parsers = new Map<K, (c: Cell) => T>();
  return (c, context) => {
    let parse = parsers.get(context);
    if (!parse) {
      parse = remembered(parserFor(context));
      parsers.set(context, parse);
    }
    return parse(c);
  };
}

/**
 * Invisible characters, any white space but a plain space, two spaces, a space at either end, Excel's text mark
 * before a figure, or a slip of Thai spelling (one test for all: most cells have none).
 */
const NEEDS_CLEANING = new RegExp(`${SPELLING_SLIP.source}|[\\u200b\\u200c\\u200d\\ufeff]|[^\\S ]| {2}|^ | $|^['’][\\d๐-๙]`, 'u');

/**
 * Trims and collapses white space (including no-break and zero-width spaces), in one Thai spelling ({@link thaiSpelling}:
 * "ตําบล" copied from a PDF is "ตำบล"), without Excel's text mark before a figure ("'150", "'01/10/2569": typed so
 * Excel keeps it as written, and carried into a CSV); null for an empty cell or a dash alone.
 * @example cellText('  ขอ\u00a0ถนน ') // 'ขอ ถนน'
 * @example cellText("'๑๕๐") // '๑๕๐'
 */
export function cellText(cell: Cell): string | null {
  if (cell === null) return null;
  if (typeof cell === 'number') return String(cell);
  // Most cells are already clean: single spaces inside, none at the ends, no invisible characters.
  if (typeof cell === 'string' && !NEEDS_CLEANING.test(cell)) return cell === '' || isDash(cell) ? null : cell;
  const text = thaiSpelling(
    String(cell)
      .replace(/[\u200b\u200c\u200d\ufeff]/gu, '')
      .replace(/[\s\u00a0]+/gu, ' ')
      .trim()
      .replace(/^['’](?=[\d๐-๙])/u, ''),
  );
  return text === '' || isDash(text) ? null : text;
}

/**
 * A cell's text as {@link cellText} cleans it, each of its lines apart (joined by a line break; empty lines and lines of a
 * dash alone dropped): where a line break separates entries, as in a list of tambons, it must not become a space.
 * @example cellLines('ตาลเดี่ยว\r\n ทับกวาง ') // 'ตาลเดี่ยว\nทับกวาง'
 */
export function cellLines(cell: Cell): string | null {
  if (typeof cell !== 'string' || !/[\n\r\u2028\u2029]/u.test(cell)) return cellText(cell);
  const lines = cell.split(/\r\n|[\n\r\u2028\u2029]/u).flatMap((l) => cellText(l) ?? []);
  return lines.length === 0 ? null : lines.join('\n');
}

/**
 * Why a required cell gives nothing, in English and Thai: empty, or a dash or "ไม่ระบุ" (which mean "nothing"), shown
 * as written so the reader finds the cell.
 * @example emptyCellReason('ผู้ได้รับผลกระทบ', '-').th // "ช่อง 'ผู้ได้รับผลกระทบ' ไม่มีค่า ('-' หมายถึงไม่มีข้อมูล)"
 */
export function emptyCellReason(label: string, cell: Cell): { en: string; th: string } {
  const written = cell === null ? '' : String(cell).trim();
  if (written === '') return { en: `'${label}' is empty`, th: `ช่อง '${label}' ว่าง` };
  const as = shown(written);
  return { en: `'${label}' has no value ('${as}' means none)`, th: `ช่อง '${label}' ไม่มีค่า ('${as}' หมายถึงไม่มีข้อมูล)` };
}

/**
 * A dash alone ("-", "–", "—", "- -") is how Thai tables write "nothing" in a cell, and so is a nought between dashes
 * ("-0-", "- ๐ -"), as Thai forms write nil; so are ไม่ระบุ, ไม่มีข้อมูล, N/A.
 */
function isDash(text: string): boolean {
  if (text.length > 11) return false;
  return /^[-\u2010-\u2015\u2212](?: ?[-\u2010-\u2015\u2212])*$|^[-\u2010-\u2015\u2212] ?[0๐] ?[-\u2010-\u2015\u2212]$|^(?:ไม่ระบุ|ไม่มีข้อมูล|n\/a)$/iu.test(
    text,
  );
}

/**
 * An amount cell's text ({@link cellText}), null when it gives no amount: empty, a dash, and in an amount "ไม่มี"
 * ("none": no money asked for that part, as a dash says), "ไม่มีงบประมาณ".
 * @example amountText('ไม่มี') // null
 */
export function amountText(cell: Cell): string | null {
  const text = cellText(cell);
  return text !== null && text.length <= 16 && /^ไม่มี(?:งบ(?:ประมาณ)?)?$/u.test(text.replace(/\s/gu, '')) ? null : text;
}

function show(cell: Cell): string {
  const t = String(cell);
  return t.length > 40 ? `${t.slice(0, 37)}…` : t;
}

/** A number as Excel's General format shows one of 12 digits or more: "1.23457E+12" (six significant digits). */
const EXCEL_SCIENTIFIC = /^[0-9](?:\.[0-9]{1,14})?E\+[0-9]{1,3}$/iu;

/**
 * Why an id or code reads as a number Excel shortened to scientific notation ("1.23457E+12": a long id in a column
 * formatted General, then saved as CSV), whose digits are lost: read as it is, two needs would share one id, or a need
 * would take another's; null for any other text.
 * @example lostDigits('1.23457E+12')?.en // "'1.23457E+12' is a number Excel wrote in scientific notation …"
 */
export function lostDigits(text: string): { en: string; th: string } | null {
  if (text.length > 24 || !EXCEL_SCIENTIFIC.test(text)) return null;
  return {
    en:
      `'${text}' is a number Excel wrote in scientific notation, its digits lost: format the column as text in ` +
      'Excel, restore the codes (type them again, or export them again from their system) and save the file again',
    th:
      `'${text}' เป็นตัวเลขที่ Excel ย่อเป็นรูปแบบวิทยาศาสตร์ ตัวเลขบางหลักจึงหายไป: ตั้งรูปแบบคอลัมน์เป็นข้อความใน Excel ` +
      'ใส่รหัสให้ครบอีกครั้ง (หรือส่งออกจากระบบต้นทางใหม่) แล้วบันทึกไฟล์ใหม่',
  };
}

/** An item's number as lists in a cell write it: "1.", "1)", "(1)", "๑." at the start or after a space or line break. */
const LIST_NUMBER = /(?:^|(?<=\s))(?:\(([0-9๐-๙]{1,2})\)|([0-9๐-๙]{1,2})[.)])(?=\s*[^\s0-9๐-๙.,)])/gu;
/** A bullet at the start of a line: "-", "–", "•", "·", "*", "○", "✓". */
const LIST_BULLET = /^\s*[-–•·*○✓]\s*(?=\S)/u;

/**
 * The items of a list written in one cell: numbered from 1 in order ("1. ซ่อมถนน 2. ขุดลอกคลอง", "(1) … (2) …",
 * "๑. … ๒. …"), or bulleted on lines of their own ("- ซ่อมถนน\n- ขุดลอกคลอง"); null when the cell is no such list of
 * two items or more. A number inside a text ("ถนนสาย 2", "ม.1", "1.5 กม.") is no item's; lines without numbers or
 * bullets are one text wrapped.
 * @example listedItems('1. ซ่อมถนนลูกรัง 2. ขุดลอกคลอง') // ['1. ซ่อมถนนลูกรัง', '2. ขุดลอกคลอง']
 */
export function listedItems(cell: Cell): string[] | null {
  if (typeof cell !== 'string' || cell.length > 10_000) return null;
  const text = cell.trim();
  const starts: number[] = [];
  for (const m of text.matchAll(LIST_NUMBER)) {
    if (Number(toArabicDigits(m[1] ?? m[2] ?? '')) === starts.length + 1) starts.push(m.index);
  }
  if (starts.length >= 2 && starts[0] === 0) {
    return starts.map((at, i) =>
      text
        .slice(at, starts[i + 1])
        .replace(/\s+/gu, ' ')
        .trim(),
    );
  }
  const lines = text.split(/\r?\n|\r/u).filter((l) => l.trim() !== '');
  if (lines.length >= 2 && lines.every((l) => LIST_BULLET.test(l))) return lines.map((l) => l.replace(/\s+/gu, ' ').trim());
  return null;
}

/**
 * Why a need's title that lists several needs (see listedItems) is refused: the people who raised them would be
 * counted once for each, and each need is linked to its own project. Null for a title of one need.
 * @example severalNeeds('1. ซ่อมถนน 2. ขุดลอกคลอง')?.en // "the cell lists 2 needs ('1. ซ่อมถนน', '2. ขุดลอกคลอง'): …"
 */
export function severalNeeds(cell: Cell): { en: string; th: string } | null {
  const items = listedItems(cell);
  if (!items) return null;
  const named = items
    .slice(0, 3)
    .map((t) => shown(t, 30))
    .join(', ');
  const more = items.length > 3 ? ', …' : '';
  return {
    en: `the cell lists ${items.length} needs (${named}${more}): write each need on a row of its own, with its own people and category, so that each is linked to its own project and its people are not counted once for each`,
    th: `ช่องนี้ระบุความต้องการ ${items.length} เรื่อง (${named}${more}) กรุณาแยกแต่ละเรื่องเป็นแถวของตัวเอง พร้อมจำนวนคนและด้านของเรื่องนั้น เพื่อให้เชื่อมกับโครงการได้ทีละเรื่อง และไม่นับจำนวนคนซ้ำทุกเรื่อง`,
  };
}

/** An empty fraction after a whole number: ".0", ".00" (not ".000", which some write for thousands). */
export const ZERO_FRACTION = /(?<=\d)\.0{1,2}$/u;

/** A unit after a figure, any count's (COUNT_WORDS), times or villages: "1,200 คน", "3 ครั้ง", "40 หลัง.". */
const COUNT_WORD_AT_END = new RegExp(
  `(?:${[...COUNT_WORDS.people, ...COUNT_WORDS.households, 'ครั้ง', 'หมู่', 'times'].join('|')})\\.?$`,
  'iu',
);

/**
 * A non-negative whole count: a number, or text with thousands separators, Thai digits and a unit word.
 * @example parseCount('๑,๒๐๐ คน') // { ok: true, value: 1200 }
 */
export function parseCount(cell: Cell): Parsed<number> {
  if (typeof cell === 'number') {
    if (Number.isInteger(cell) && cell >= 0 && cell <= 1e9) return { ok: true, value: cell };
    if (Number.isInteger(cell) && cell > 1e9) return tooLarge(show(cell));
    return fail(`'${show(cell)}' is not a whole number of 0 or more`, `'${show(cell)}' ไม่ใช่จำนวนเต็มตั้งแต่ 0 ขึ้นไป`);
  }
  const text = cellText(cell);
  if (text === null) return fail('the cell is empty', 'ช่องนี้ว่าง');
  const spaced = toArabicDigits(text)
    .replace(/^(?:ประมาณ|ราว\s?ๆ|ราว|about|approx\.?|~)\s*/iu, '')
    .replace(COUNT_WORD_AT_END, '')
    .replace(/\s/gu, '');
  if (!thousandsGrouped(spaced)) {
    return fail(
      `'${show(text)}' has commas that do not separate thousands: write it as 1,200 (a comma every three digits)`,
      `'${show(text)}' ใส่จุลภาคไม่ตรงหลักพัน: เขียนเป็น 1,200 (จุลภาคคั่นทุกสามหลัก)`,
    );
  }
  // A whole number written with an empty fraction, as a column formatted with decimals saves it to CSV ("1,200.00") and
  // as data tools write a numeric column that has blanks ("1200.0").
  const cleaned = spaced.replace(/,/gu, '').replace(ZERO_FRACTION, '');
  if (/^\d{11,}$/u.test(cleaned)) return tooLarge(show(text));
  if (!/^\d{1,10}$/u.test(cleaned)) {
    const range = BARE_RANGE.exec(toArabicDigits(text));
    if (range) {
      return fail(
        `'${show(text)}' gives a range or a sum (${range[1]} and ${range[2]}), not one count: write the one count`,
        `'${show(text)}' เป็นช่วงหรือผลบวกของตัวเลข (${range[1]} และ ${range[2]}) ไม่ใช่จำนวนเดียว: กรุณาใส่จำนวนเดียว`,
      );
    }
    return fail(`'${show(text)}' is not a whole number of 0 or more`, `'${show(text)}' ไม่ใช่จำนวนเต็มตั้งแต่ 0 ขึ้นไป`);
  }
  const value = Number(cleaned);
  if (value > 1e9) return tooLarge(show(text));
  return { ok: true, value };
}

/** A count past a billion: no tambon, district or need counts so many (a figure typed twice, or a code in its place). */
function tooLarge(shownText: string): Parsed<number> {
  return fail(
    `'${shownText}' is more than 1,000,000,000: check the figure (typed twice, or another column's code?)`,
    `'${shownText}' มากกว่า 1,000,000,000 กรุณาตรวจสอบตัวเลข (พิมพ์ซ้ำ หรือเป็นรหัสของคอลัมน์อื่น)`,
  );
}

/**
 * Two figures joined by a dash, a plus, "ถึง" or "to" and nothing else ("150-200", "500,000 - 700,000", "70+80"): a
 * range or a sum where one figure belongs.
 */
const BARE_RANGE = /^\s*([0-9][0-9,.]*)\s?(?:[-+\u2010-\u2015\u2212~]|ถึง|to)\s?([0-9][0-9,.]*)\s*(?:บาท|บ\.)?\s*$/iu;

/**
 * The words after a count that say what it counts (COUNT_WORDS, as headings read them): "40 หลัง" is houses, "3
 * หลังโรงเรียน" a place.
 */
const COUNT_UNITS: Readonly<Record<CountUnit, string>> = {
  people: COUNT_WORDS.people.join('|'),
  households: COUNT_WORDS.households.map((w) => (w === 'หลัง' ? 'หลัง(?![ก-๛])' : w)).join('|'),
};

/**
 * A count of people or of households where a cell gives both, or the count among words: "150 คน / 45 ครัวเรือน",
 * "ประชาชนหมู่ที่ 1 จำนวน 150 คน" (the number before the field's own unit, when there is exactly one, or the one a
 * total names: "รวม 150 คน (ชาย 70 คน หญิง 80 คน)"); else as parseCount. Refused, saying why: a count in the other
 * unit alone ("45 ครัวเรือน" for people), a range or a sum before the unit ("150-200 คน", "70+80 คน": the number next
 * to the unit is not the count), and several counts of the unit without a total ("ชาย 70 คน หญิง 80 คน").
 * @example parseCountOf('households')('45 ครัวเรือน 150 คน') // { ok: true, value: 45 }
 */
export function parseCountOf(unit: keyof typeof COUNT_UNITS): (cell: Cell) => Parsed<number> {
  // Not the end of a longer figure: "1,5000 คน" is misgrouped, not 5000 people.
  const number = '(?<![0-9.,])([0-9]{1,3}(?:,[0-9]{3}){1,3}|[0-9]{1,10})\\s?';
  const own = new RegExp(`${number}(?:${COUNT_UNITS[unit]})`, 'giu');
  const other = new RegExp(`${number}(?:${COUNT_UNITS[unit === 'people' ? 'households' : 'people']})`, 'iu');
  // A number, a sign of a range or a sum, and the number before the unit ("150-200 คน", "150 ถึง 200 คน", "70+80 คน");
  // not a village's number before a dash ("หมู่ที่ 1 - 150 คน").
  const rangeOrSum = new RegExp(
    `(?<!(?:ม\\.|หมู่|หมู่ที่|ที่)\\s?)(?<![0-9.,])([0-9][0-9,]*)\\s?(?:[-+\u2010-\u2015\u2212~]|ถึง|to)\\s?${number}(?:${COUNT_UNITS[unit]})`,
    'iu',
  );
  const total = new RegExp(`(?:รวม(?:ทั้งสิ้น|ทั้งหมด)?|ทั้งหมด|total)\\s?(?:จำนวน\\s?)?${number}(?:${COUNT_UNITS[unit]})`, 'giu');
  const what = unit === 'people' ? { en: 'people', th: 'คน' } : { en: 'households', th: 'ครัวเรือน' };
  return (cell) => {
    const plain = parseCount(cell);
    if (typeof cell !== 'string') return plain;
    const text = cellText(cell);
    if (text === null || text.length > 300) return plain;
    const t = toArabicDigits(text);
    const found = [...t.matchAll(own)].map((m) => Number(m[1]!.replace(/,/gu, '')));
    // A count in the other unit alone ("45 ครัวเรือน" for people) is not this count.
    if (found.length === 0 && other.test(t)) {
      return unit === 'people'
        ? fail(`'${show(text)}' counts households, not people`, `'${show(text)}' เป็นจำนวนครัวเรือน ไม่ใช่จำนวนคน`)
        : fail(`'${show(text)}' counts people, not households`, `'${show(text)}' เป็นจำนวนคน ไม่ใช่จำนวนครัวเรือน`);
    }
    // A plain number (with at most its unit) is no range or sum.
    if (plain.ok) return plain;
    const range = rangeOrSum.exec(t) ?? BARE_RANGE.exec(t);
    if (range) {
      return fail(
        `'${show(text)}' gives a range or a sum (${range[1]} and ${range[2]}), not one count of ${what.en}: write the one count`,
        `'${show(text)}' เป็นช่วงหรือผลบวกของตัวเลข (${range[1]} และ ${range[2]}) ไม่ใช่จำนวน${what.th}จำนวนเดียว: กรุณาใส่จำนวนเดียว`,
      );
    }
    if (found.length > 1) {
      // Several counts of the unit: the one a total names, else refused (summing them could count people twice).
      const totals = [...t.matchAll(total)].map((m) => Number(m[1]!.replace(/,/gu, '')));
      if (totals.length === 1 && totals[0]! <= 1e9) return { ok: true, value: totals[0]! };
      const listed = found.slice(0, 4).join(', ') + (found.length > 4 ? ', …' : '');
      return fail(
        `'${show(text)}' gives ${found.length} counts of ${what.en} (${listed}): write their total, or the one count`,
        `'${show(text)}' มีจำนวน${what.th} ${found.length} จำนวน (${listed}): กรุณาใส่ยอดรวม หรือจำนวนเดียว`,
      );
    }
    if (found.length !== 1 || found[0]! > 1e9) return plain;
    return { ok: true, value: found[0]! };
  };
}

/**
 * A village number as reports write it: 3, "3", "ม.3", "ม. ๓", "หมู่ 3", "หมู่ที่ 3", "หมู่ที่ 3 บ้านหนองโน",
 * "บ้านหนองโน ม.3", "ม.3 (บ้านใหม่)" (the village's name beside the number is read past); null for the whole tambon
 * ("ทุกหมู่บ้าน", "ทั้งตำบล"). Several villages ("ม.1-5", "หมู่ 1, 2") are refused with what to write instead. The range (1–99) is
 * checked by the caller.
 * @example parseVillageNo('หมู่ที่ ๒ บ้านหนองโน') // { ok: true, value: 2 }
 */
export function parseVillageNo(cell: Cell): Parsed<number | null> {
  if (typeof cell !== 'string') return parseCount(cell);
  const text = cellText(cell);
  if (text === null) return fail('the cell is empty', 'ช่องนี้ว่าง');
  if (/^(?:ทุกหมู่บ้าน|ทุกหมู่|ทั้งตำบล|ทุกชุมชน|ทั้งหมด)$/u.test(text.replace(/\s/gu, ''))) return { ok: true, value: null };
  const m =
    text.length > 200
      ? null
      : (/^(?:หมู่ที่|หมู่|ม\.|ม|moo\.?|village(?:\s+no\.?)?)?\s*([0-9๐-๙]{1,3})(?:\.0{1,2})?(?:\s+(?:บ้าน|บ\.|ban\b).*|\s*\([^()]*\))?$/iu.exec(
          text,
        ) ??
        // The village's name first: "บ้านหนองโน ม.3", "บ้านหนอง โน หมู่ที่ 3".
        (/^(?:บ้าน|บ\.)/u.test(text) ? /\s(?:หมู่ที่|หมู่|ม\.)\s*([0-9๐-๙]{1,3})$/u.exec(text) : null));
  if (!m) {
    if (
      text.length <= 200 &&
      /^(?:หมู่ที่|หมู่|ม\.)?\s*[0-9๐-๙]{1,3}\s*(?:[-–,]|และ|ถึง)\s*(?:หมู่ที่|หมู่|ม\.)?\s*[0-9๐-๙]{1,3}/u.test(text)
    ) {
      return fail(
        `'${show(text)}' names several villages: a need has one village, or none for the whole tambon (leave the cell empty, or write one need per village)`,
        `'${show(text)}' ระบุหลายหมู่บ้าน ความต้องการหนึ่งรายการมีได้หมู่เดียว หรือเว้นว่างเมื่อเป็นของทั้งตำบล (หรือแยกเป็นรายการละหมู่)`,
      );
    }
    if (/^(?:บ้าน|บ\.)\S/u.test(text) && !/[0-9๐-๙]/u.test(text)) {
      return fail(
        `'${show(text)}' names a village without its number: write its number (หมู่ที่ 3, บ้านหนองโน ม.3), or map no column to the village number`,
        `'${show(text)}' เป็นชื่อหมู่บ้านที่ไม่มีเลขหมู่ที่ ให้ระบุเลขหมู่ (หมู่ที่ 3, บ้านหนองโน ม.3) หรือไม่ต้องจับคู่คอลัมน์หมู่ที่`,
      );
    }
    return fail(`'${show(text)}' is not a village number`, `'${show(text)}' ไม่ใช่เลขหมู่ที่`);
  }
  return { ok: true, value: Number(toArabicDigits(m[1]!)) };
}

/** A cell's own unit of millions of baht: "1.5 ล้าน", "1.5 ล้านบาท", "๒ ลบ.". */
const MILLIONS_UNIT = /\s*(?:ล้านบาท|ล้าน|ลบ\.?|million(?:\s*baht)?)$/iu;

/**
 * An amount in baht as integer satang (see parseBaht): "1,250,000.00 บาท", "๑,๒๕๐", 1250000.5; in millions when the
 * cell says so ("1.5 ล้านบาท"), or, unless the cell says บาท, in its column's unit (`unit`: the header's or the
 * title's, see headerMoneyUnit), to the satang: "350" in thousands of baht is 350,000.00 baht.
 * @example parseAmount('1,250,000.00 บาท') // { ok: true, value: 125000000 }
 * @example parseAmount('1.5 ล้าน') // { ok: true, value: 150000000 }
 * @example parseAmount('45.5', THOUSAND_BAHT) // { ok: true, value: 4550000 }
 */
export function parseAmount(cell: Cell, unit: MoneyUnit = BAHT): Parsed<number> {
  const r = readAmount(cell, unit);
  if (!r.ok || r.value < ITEM_LIMIT_SATANG) return r;
  const shown = show(typeof cell === 'string' ? (cellText(cell) ?? cell) : cell);
  const baht = formatBaht(r.value);
  return fail(
    `'${shown}' is ${baht} baht, more than a province's whole yearly budget (no need or project reaches 10,000 million baht): check the figure and its unit`,
    `'${shown}' เท่ากับ ${baht} บาท เกินงบประมาณทั้งปีของจังหวัด (ความต้องการหรือโครงการหนึ่งรายการไม่ถึง 10,000 ล้านบาท) กรุณาตรวจตัวเลขและหน่วย`,
  );
}

/** Satang no single need or proposal of a province reaches: 10,000 million baht. */
const ITEM_LIMIT_SATANG = 10_000 * 1_000_000 * 100;

function readAmount(cell: Cell, columnUnit: MoneyUnit): Parsed<number> {
  if (typeof cell === 'boolean' || cell === null) return fail('the cell is empty', 'ช่องนี้ว่าง');
  const clean = typeof cell === 'string' ? amountText(cell) : null;
  if (typeof cell === 'string') {
    if (clean === null) return fail('the cell is empty', 'ช่องนี้ว่าง');
    const written = writtenAmount(clean, columnUnit);
    if (written) return written;
  }
  if (clean !== null) {
    const refusal = notOneAmount(clean);
    if (refusal) return refusal;
  }
  const text = clean === null ? null : amountFigure(clean);
  // The cell's own unit wins over its column's.
  const own = text !== null && MILLIONS_UNIT.test(text);
  const unit = own ? MILLION_BAHT : text !== null && /บาท|฿|thb/iu.test(text) ? BAHT : columnUnit;
  if (unit === BAHT) {
    const r = parseBaht(text ?? cell);
    return r.ok ? { ok: true, value: r.satang } : fail(r.en, r.th);
  }
  // A figure in the unit to the satang: at most `places` decimals.
  const shown = show(text ?? cell);
  const bad = fail<number>(`'${shown}' is not an amount in ${unit.en}`, `'${shown}' ไม่ใช่จำนวนเงิน (${unit.th})`);
  // Only the column gives the unit: a figure that big is one in baht typed under a "(ล้านบาท)" header.
  const fromColumn = !own;
  if (typeof cell === 'number') {
    const satang = Math.round(cell * unit.satang);
    if (!Number.isFinite(cell) || cell < 0 || !Number.isSafeInteger(satang)) return bad;
    if (fromColumn && satang >= ITEM_LIMIT_SATANG) return bahtInScaledColumn(shown, satang, unit);
    // Only floating point's own error is rounded away: a fraction of a satang ("0.123456789" million) is refused,
    // as it is in baht.
    if (Math.abs(satang - cell * unit.satang) <= Math.max(1e-6, satang * 1e-14)) return { ok: true, value: satang };
    return fail(
      `'${shown}' ${unit.one} has a fraction of a satang (at most ${unit.places} decimals in ${unit.en})`,
      `'${shown}' ${unit.th} มีเศษต่ำกว่าหนึ่งสตางค์ (${unit.th}ทศนิยมได้ไม่เกิน ${unit.places} ตำแหน่ง)`,
    );
  }
  const figure = toArabicDigits((text ?? '').replace(MILLIONS_UNIT, '')).replace(/\s/gu, '');
  if (!thousandsGrouped(figure)) return misgrouped(text ?? cell);
  const m = /^(\d+)(?:\.(\d+))?$/u.exec(figure.replace(/,/gu, ''));
  if (!m) return bad;
  const fraction = m[2] ?? '';
  if (fraction.length > unit.places) {
    return fail(
      `'${shown}' ${unit.one} has a fraction of a satang (at most ${unit.places} decimals in ${unit.en})`,
      `'${shown}' ${unit.th} มีเศษต่ำกว่าหนึ่งสตางค์ (${unit.th}ทศนิยมได้ไม่เกิน ${unit.places} ตำแหน่ง)`,
    );
  }
  // Integer arithmetic only: the whole units times satang per unit, plus the decimals as satang.
  const satang = Number(m[1]) * unit.satang + Number(fraction.padEnd(unit.places, '0'));
  if (!Number.isSafeInteger(satang)) return bad;
  return fromColumn && satang >= ITEM_LIMIT_SATANG ? bahtInScaledColumn(shown, satang, unit) : { ok: true, value: satang };
}

/**
 * A figure its column's unit (thousands or millions of baht) would make 10,000 million baht or more, more than a
 * province's whole yearly budget: such a figure is an amount in baht typed under a "(ล้านบาท)" header ("1,500,000"
 * would be 1.5 trillion baht), which a cell can still say by its own unit ("1,500,000 บาท").
 */
function bahtInScaledColumn(figure: string, satang: number, unit: MoneyUnit): Parsed<number> {
  const baht = formatBaht(satang);
  return fail(
    `'${figure}' in a column in ${unit.en} would be ${baht} baht: if the figure is in baht, write 'บาท' after it ('${figure} บาท') or take '${unit.th}' out of the column's header or the table's title; if it is in ${unit.en}, check the figure`,
    `'${figure}' ในคอลัมน์หน่วย${unit.th}จะเท่ากับ ${baht} บาท: ถ้าตัวเลขนี้เป็นบาท กรุณาเขียน 'บาท' ต่อท้าย ('${figure} บาท') หรือเอาคำว่า '${unit.th}' ออกจากหัวคอลัมน์หรือชื่อตาราง ถ้าเป็น${unit.th}จริง กรุณาตรวจตัวเลข`,
  );
}

/**
 * Why a cell's text is not one amount, when it is plainly something else: a range or a sum of two figures
 * ("500,000 - 700,000"), or a figure in brackets, which accounts write for a negative amount ("(1,250,000)").
 */
function notOneAmount(text: string): Parsed<number> | null {
  if (text.length > 200) return null;
  const t = toArabicDigits(text);
  const range = BARE_RANGE.exec(t);
  if (range) {
    return fail(
      `'${show(text)}' gives a range or a sum (${range[1]} and ${range[2]}), not one amount: write the one amount`,
      `'${show(text)}' เป็นช่วงหรือผลบวกของตัวเลข (${range[1]} และ ${range[2]}) ไม่ใช่จำนวนเงินจำนวนเดียว: กรุณาใส่จำนวนเดียว`,
    );
  }
  if (/^\(\s*[0-9][0-9,.]*\s*(?:บาท|บ\.)?\s*\)$/u.test(t)) {
    return fail(
      `'${show(text)}' is a negative amount (in brackets, as accounts write one): an amount is 0 or more`,
      `'${show(text)}' เป็นจำนวนติดลบ (ตัวเลขในวงเล็บแบบบัญชี): จำนวนเงินต้องไม่ติดลบ`,
    );
  }
  return null;
}

/** The Thai units of a compound amount, in satang: "1 ล้าน 2 แสน", "2 ล้าน 5 แสน 3 หมื่นบาท". */
const COMPOUND_UNITS: Readonly<Record<string, number>> = { ล้าน: 1e8, แสน: 1e7, หมื่น: 1e6, พัน: 1e5 };

/**
 * An amount in Thai units one after another, each unit smaller than the one before ("1 ล้าน 2 แสน" = 1,200,000.00
 * baht), as "x.xx บาท"; null when the text is not such an amount. The units after the first take one digit (from 1 to
 * 9): "1 ล้าน 25 แสน" is no amount.
 */
function compoundAmount(text: string): string | null {
  const m = /^((?:[0-9๐-๙]{1,6}\s?(?:ล้าน|แสน|หมื่น|พัน)\s?){2,4})(?:บาท|บ\.)?$/u.exec(text);
  if (!m) return null;
  let satang = 0;
  let last = Infinity;
  for (const [i, part] of [...m[1]!.matchAll(/([0-9๐-๙]+)\s?(ล้าน|แสน|หมื่น|พัน)/gu)].entries()) {
    const n = Number(toArabicDigits(part[1]!));
    const unit = COMPOUND_UNITS[part[2]!]!;
    if (unit >= last || (i > 0 && (n < 1 || n > 9))) return null;
    satang += n * unit;
    last = unit;
  }
  return Number.isSafeInteger(satang) ? `${(satang / 100).toFixed(2)} บาท` : null;
}

/**
 * A figure as Thai documents write it, for the amount parsers: "500,000.-" (".-" closes a figure), "500,000 บ."
 * (บ. for บาท), "5 แสน", "3 หมื่น", "2 พัน" (hundreds of thousands, tens of thousands and thousands, to the satang),
 * "1 ล้าน 2 แสน" (units one after another), after a label that names it ("งบประมาณ 500,000 บาท", "วงเงิน 2 ล้านบาท",
 * "ประมาณ 500,000 บาท", "วงเงินไม่เกิน 500,000 บาท").
 */
function amountFigure(text0: string): string {
  if (text0.length > 200) return text0;
  // "วงเงินไม่เกิน 500,000 บาท", as requests and announcements state the sum asked for: that sum.
  const text = text0.replace(
    /^(?:(?:งบประมาณ|งบ|วงเงิน|ราคา|จำนวนเงิน|ประมาณการ|ประมาณ)\s*:?\s*)?(?:(?:ไม่เกิน|ไม่เกินกว่า)\s*)?(?=[0-9๐-๙])/u,
    '',
  );
  const compound = compoundAmount(text);
  if (compound !== null) return compound;
  // "5 แสน", "3 หมื่น", "2.5 พัน": hundreds of thousands, tens of thousands, thousands (to the satang).
  const unit = /^([0-9๐-๙]{1,9})(?:\.([0-9๐-๙]{1,7}))?\s?(แสน|หมื่น|พัน)(?:\s?(?:บาท|บ\.))?$/u.exec(text);
  if (unit) {
    const places = unit[3] === 'แสน' ? 7 : unit[3] === 'หมื่น' ? 6 : 5;
    const fraction = toArabicDigits(unit[2] ?? '');
    if (fraction.length <= places) {
      const satang = Number(toArabicDigits(unit[1]!)) * 10 ** places + Number(fraction.padEnd(places, '0'));
      if (Number.isSafeInteger(satang)) return `${(satang / 100).toFixed(2)} บาท`;
    }
  }
  // A figure, then ".-" or "-", then บาท or บ. (each may be missing): "ล้านบาท" and "ลบ." stay as they are.
  const m = /^(.*?[0-9๐-๙])(?:\s?\.?\s?[-–])?\s*(บาท|บ\.)?$/u.exec(text);
  if (!m) return text;
  return m[2] === undefined ? m[1]! : `${m[1]!} บาท`;
}

/**
 * An amount written in words, alone ("ห้าแสนบาทถ้วน") or in brackets after its figure ("500,000.- (ห้าแสนบาทถ้วน)"),
 * as official documents write it (the cell's clean text): the figure must say what the words say. Null when the cell
 * has no such words.
 */
function writtenAmount(text: string, unit: MoneyUnit): Parsed<number> | null {
  if (text.length > 300 || !/บาท|สตางค์/u.test(text)) return null;
  const alone = parseBahtWords(text);
  if (alone !== null) return { ok: true, value: alone };
  const m = /^(.*?)\s*\(([^()]{1,200})\)$/u.exec(text);
  const words = m ? parseBahtWords(m[2]!) : null;
  if (!m || words === null) return null;
  if (m[1] === '') return { ok: true, value: words };
  const figure = parseAmount(m[1]!, unit);
  if (!figure.ok || figure.value === words) return figure;
  return fail(
    `the figure '${show(m[1]!)}' and the amount in words '${show(m[2]!)}' differ`,
    `ตัวเลข '${show(m[1]!)}' ไม่ตรงกับจำนวนเงินที่เขียนเป็นตัวอักษร '${show(m[2]!)}'`,
  );
}

/** Excel's day 0 (1899-12-30, accounting for its 1900 leap-year bug) in ms. */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/** Excel's serials of 1 January 2000 and of 1 January 2200, and how far a BE year typed as CE moves a date's serial. */
const SERIAL_2000 = 36_526;
const SERIAL_2200 = 109_575;
const BE_SERIALS = 198_327;

/**
 * A date cell as an ISO date (CE): text as people write dates (`readDateOrRange` in shared/domain/thai-date.ts: "15/10/2569",
 * "15 ต.ค. 69", "วันที่ 5 เดือนมีนาคม 2569", a form's timestamp …, a range as its first day), or an Excel serial date number (one of a BE year,
 * 2443–2743 CE as Excel counts, is that year BE). Years 1900–2200 CE only.
 * @example parseDateCell('15 ตค 69') // { ok: true, value: '2026-10-15' }
 */
export function parseDateCell(cell: Cell, order: DateOrder = 'dmy'): Parsed<string> {
  const bad = (): Parsed<string> => fail(`'${show(String(cell))}' is not a date`, `'${show(String(cell))}' ไม่ใช่วันที่`);
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell) || cell < 1) return bad();
    // Eight digits, year first, stored as a number ("25691015", "20261015"): no serial is that large.
    if (Number.isInteger(cell) && cell >= 10_000_000 && cell <= 99_999_999) return readThaiDate(String(cell), order);
    const d = new Date(EXCEL_EPOCH + Math.floor(cell) * 86_400_000);
    if (cell <= 120_000) return { ok: true, value: d.toISOString().slice(0, 10) };
    // A BE year typed into an Excel that counts in CE is stored as that year CE (15/10/2569 → serial 244,637).
    const ce = d.getUTCFullYear() - BE_OFFSET;
    if (ce < 1900 || ce > 2200) return bad();
    const iso = isoDate(ce, d.getUTCMonth() + 1, d.getUTCDate());
    return iso ? { ok: true, value: iso } : bad();
  }
  const text0 = cellText(cell);
  if (text0 === null) return fail('the cell is empty', 'ช่องนี้ว่าง');
  // An Excel serial written out as text, as a sheet's dates saved to CSV from a column formatted as numbers do
  // ("46310", "244637" for a BE year typed into an Excel counting in CE): read as the number it is when it is the
  // serial of a date from 2000 on (no date is written as five or six digits alone).
  const digits = toArabicDigits(text0.trim());
  if (/^\d{5,6}(?:\.\d+)?$/u.test(digits)) {
    const serial = Number(digits);
    if ((serial >= SERIAL_2000 && serial < SERIAL_2200) || serial >= SERIAL_2000 + BE_SERIALS)
      return parseDateCell(serial, order);
  }
  const stamped = stampedDate(digits);
  if (stamped !== null) return { ok: true, value: stamped };
  return readDateOrRange(text0, order);
}

/** A timestamp with its offset from UTC, as platforms export them ("2026-10-15 18:30:09.45+00", "…T18:30:00Z"). */
const STAMPED = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)\s*(Z|[+-]\d{2}(?::?\d{2})?)$/iu;

/**
 * The date in Thailand (UTC+7) of a timestamp that states its offset, null for any other text: a complaint made at
 * 01:30 on 16 October in Saraburi is exported as "2026-10-15 18:30:00+00", and was raised on the 16th.
 * @example stampedDate('2026-10-15 18:30:00+00') // '2026-10-16'
 */
function stampedDate(text: string): string | null {
  const m = STAMPED.exec(text);
  if (!m) return null;
  const year = Number(m[1]!.slice(0, 4));
  const offset =
    m[3]!.toUpperCase() === 'Z'
      ? 'Z'
      : m[3]!.replace(/^([+-]\d{2}):?(\d{2})?$/u, (_, h: string, mm?: string) => `${h}:${mm ?? '00'}`);
  const ms = Date.parse(`${m[1]}T${m[2]!.replace(/(\.\d{3})\d+$/u, '$1')}${offset}`);
  return Number.isFinite(ms) && year >= 1900 && year <= 2200 ? bangkokDate(new Date(ms)) : null;
}

/** The earliest date a need may be raised on: the feeds and district files hold no older needs. */
const EARLIEST_NEED_DATE = '2000-01-01';

/**
 * Why a need's date, read as `iso` from `cell`, cannot be the date it was raised on: before 2000 (BE 2543) or more
 * than a year after `now` (a year typed as "2596" for 2569, "2469"); null when it can. A date an Excel cell holds in
 * 1930–1999 is most often a two-digit Buddhist-era year ("1/10/69") that Excel read as 19xx: the reason says so.
 * @example implausibleNeedDate('1969-10-01', '2026-12-01T00:00:00Z', 25477) // { en: 'the date reads 1/10/2512 …', … }
 */
export function implausibleNeedDate(iso: string, now: string, cell: Cell): { en: string; th: string } | null {
  const latest = `${Number(now.slice(0, 4)) + 1}${now.slice(4, 10)}`;
  if (iso >= EARLIEST_NEED_DATE && iso <= latest) return null;
  const typed = typedThaiDate(iso);
  const year = Number(iso.slice(0, 4));
  const en = `the date reads ${typed} BE (${iso}), before BE 2543 (2000) or more than a year after today: check the year`;
  const th = `วันที่อ่านได้เป็น ${typed} ซึ่งก่อน พ.ศ. 2543 หรือเกินวันนี้ไปกว่าหนึ่งปี กรุณาตรวจสอบปี`;
  if (typeof cell !== 'number' || year < 1930 || year > 1999) return { en, th };
  const yy = String(year % 100).padStart(2, '0');
  return {
    en: `${en}; Excel reads a two-digit year such as ${yy} as ${year}: if BE 25${yy} was meant, type the year in full (25${yy})`,
    th: `${th} (Excel อ่านปีสองหลัก ${yy} เป็น ค.ศ. ${year} หากหมายถึง พ.ศ. 25${yy} กรุณาพิมพ์ปีเต็ม 25${yy})`,
  };
}

const CHANNEL_SYNONYMS: ReadonlyMap<string, Channel> = new Map([
  ['ประชาคม', 'ประชาคม'],
  ['เวทีประชาคม', 'ประชาคม'],
  ['ประชาคมหมู่บ้าน', 'ประชาคม'],
  ['ประชาคมตำบล', 'ประชาคม'],
  ['forum', 'ประชาคม'],
  ['line', 'LINE'],
  ['ไลน์', 'LINE'],
  ['ไลน์กลุ่ม', 'LINE'],
  ['lineoa', 'LINE'],
  ['ไลน์oa', 'LINE'],
  ['ไลน์โอเอ', 'LINE'],
  ['ไลน์กลุ่มหมู่บ้าน', 'LINE'],
  ['online', 'online'],
  ['ออนไลน์', 'online'],
  ['เว็บไซต์', 'online'],
  ['web', 'online'],
  ['website', 'online'],
  ['googleform', 'online'],
  ['แบบฟอร์มออนไลน์', 'online'],
  // A page of the local government on social media, the government's own app: online.
  ['facebook', 'online'],
  ['เฟซบุ๊ก', 'online'],
  ['เฟสบุ๊ค', 'online'],
  ['เฟซบุ๊ค', 'online'],
  ['เพจ', 'online'],
  ['เพจเฟซบุ๊ก', 'online'],
  ['เพจเฟสบุ๊ค', 'online'],
  ['ทางรัฐ', 'online'],
  ['แอปทางรัฐ', 'online'],
  ['แอพทางรัฐ', 'online'],
  ['survey', 'survey'],
  ['สำรวจ', 'survey'],
  ['แบบสำรวจ', 'survey'],
  ['สำรวจครัวเรือน', 'survey'],
  ['จปฐ', 'survey'],
  // TPMAP lists households found by the household surveys (จปฐ.), so its needs come in as survey needs.
  ['tpmap', 'survey'],
]);

/**
 * A channel as people write it, to the protocol's value.
 * @example parseChannel('ไลน์') // { ok: true, value: 'LINE' }
 */
export function parseChannel(cell: Cell): Parsed<Channel> {
  const text = cellText(cell);
  if (text === null) return fail('the cell is empty', 'ช่องนี้ว่าง');
  if ((CHANNELS as readonly string[]).includes(text)) return { ok: true, value: text as Channel };
  const key = text.toLowerCase().replace(/[\s._-]/gu, '');
  const value = CHANNEL_SYNONYMS.get(key);
  if (value) return { ok: true, value };
  // A forum named with its level or place ("เวทีประชาคมหมู่บ้าน", "ประชาคมตำบลหนองโน") is a forum.
  if (/^(?:เวที)?ประชาคม/u.test(key)) return { ok: true, value: 'ประชาคม' };
  // A phone call, a letter, a complaint centre: none of the protocol's channels. Say what it knows, and that the
  // column may be left unmapped (the needs then come in as raised at a forum, as a file without the column does).
  return fail(
    `unknown channel '${show(text)}': the needs protocol knows ประชาคม, online, LINE and survey (TPMAP is read as survey); correct the cell, or map no column to the channel (every need of the file is then recorded as raised at a ประชาคม, the protocol's default)`,
    `ไม่รู้จักช่องทาง '${show(text)}': ระบบรับช่องทาง ประชาคม, ออนไลน์, LINE และสำรวจ (TPMAP อ่านเป็นสำรวจ) กรุณาแก้ไขช่องนี้ หรือไม่จับคู่คอลัมน์ช่องทาง (ความต้องการทั้งไฟล์จะบันทึกเป็นช่องทางประชาคมซึ่งเป็นค่าเริ่มต้น)`,
  );
}

const CATEGORY_SYNONYMS: ReadonlyMap<string, string> = new Map([
  ['น้ำ', 'water'],
  ['ประปา', 'water'],
  ['แหล่งน้ำ', 'water'],
  ['ถนน', 'roads_transport'],
  ['คมนาคม', 'roads_transport'],
  ['ที่อยู่อาศัย', 'housing'],
  ['ไฟฟ้า', 'utilities_digital'],
  ['อินเทอร์เน็ต', 'utilities_digital'],
  ['สุขภาพ', 'health'],
  ['สาธารณสุข', 'health'],
  ['การศึกษา', 'education'],
  ['อาชีพ', 'income_jobs'],
  ['รายได้', 'income_jobs'],
  ['เศรษฐกิจ', 'income_jobs'],
  ['เกษตร', 'agriculture'],
  ['การเกษตร', 'agriculture'],
  ['สวัสดิการ', 'welfare'],
  ['สังคม', 'welfare'],
  ['สิ่งแวดล้อม', 'environment'],
  ['ขยะ', 'environment'],
  ['ความปลอดภัย', 'safety_disaster'],
  ['ภัยพิบัติ', 'safety_disaster'],
  ['สาธารณภัย', 'safety_disaster'],
  ['วัฒนธรรม', 'community_culture'],
  ['ศาสนา', 'community_culture'],
]);

/**
 * Words that name a category within a longer label: the village survey's themes (กชช. 2ค: "สุขภาวะและอนามัย",
 * "ความรู้และการศึกษา"), district reports' own topics ("ไฟฟ้าส่องสว่าง", "ปศุสัตว์", "ยาเสพติด"), and English forms'
 * words ("roads", "street lighting", "flood"). Compared after
 * categoryKey (no spaces); the longest found decides ("น้ำท่วม" is a disaster, "น้ำ" water).
 */
const CATEGORY_KEYWORDS: readonly (readonly [string, string])[] = (
  [
    [
      'water',
      ['น้ำ', 'ประปา', 'บาดาล', 'ฝาย', 'คลอง', 'ขุดลอก', 'ชลประทาน', 'สระน้ำ', 'บ่อน้ำ', 'แหล่งน้ำ', 'water', 'irrigation', 'canal'],
    ],
    ['roads_transport', ['ถนน', 'สะพาน', 'คมนาคม', 'ลูกรัง', 'ทางเดิน', 'ขนส่ง', 'จราจร', 'road', 'bridge', 'transport', 'traffic']],
    ['housing', ['ที่อยู่อาศัย', 'บ้านมั่นคง', 'ซ่อมแซมบ้าน', 'ซ่อมบ้าน', 'ที่ดินทำกิน', 'housing', 'shelter']],
    [
      'utilities_digital',
      ['ไฟฟ้า', 'ไฟส่องสว่าง', 'อินเทอร์เน็ต', 'อินเตอร์เน็ต', 'โทรศัพท์', 'wifi', 'สาธารณูปโภค', 'electric', 'lighting', 'internet'],
    ],
    [
      'health',
      ['สุขภาพ', 'สาธารณสุข', 'อนามัย', 'สุขภาวะ', 'รพ.สต', 'โรงพยาบาล', 'การแพทย์', 'health', 'clinic', 'hospital', 'medical'],
    ],
    ['education', ['การศึกษา', 'โรงเรียน', 'ศูนย์พัฒนาเด็กเล็ก', 'ความรู้', 'การเรียนรู้', 'ห้องสมุด', 'education', 'school', 'library']],
    [
      'income_jobs',
      ['อาชีพ', 'รายได้', 'เศรษฐกิจ', 'แรงงาน', 'การตลาด', 'วิสาหกิจ', 'otop', 'job', 'income', 'employment', 'economy'],
    ],
    ['agriculture', ['เกษตร', 'ปศุสัตว์', 'ประมง', 'เพาะปลูก', 'พืช', 'โคนม', 'agricultur', 'farm', 'livestock', 'fisher']],
    [
      'welfare',
      ['สวัสดิการ', 'ผู้สูงอายุ', 'ผู้พิการ', 'คนพิการ', 'ติดเตียง', 'เปราะบาง', 'สังคมสงเคราะห์', 'ผู้ด้อยโอกาส', 'welfare', 'elderly', 'disab'],
    ],
    [
      'environment',
      [
        'สิ่งแวดล้อม',
        'ขยะ',
        'มลพิษ',
        'ฝุ่น',
        'ทรัพยากรธรรมชาติ',
        'ป่าไม้',
        'น้ำเสีย',
        'environment',
        'waste',
        'garbage',
        'pollution',
        'wastewater',
      ],
    ],
    [
      'safety_disaster',
      [
        'ความปลอดภัย',
        'ภัยพิบัติ',
        'สาธารณภัย',
        'อปพร',
        'กู้ภัย',
        'น้ำท่วม',
        'อุทกภัย',
        'ภัยแล้ง',
        'อัคคีภัย',
        'อุบัติ',
        'ยาเสพติด',
        'ความมั่นคง',
        'ป้องกันภัย',
        'กล้องวงจรปิด',
        'cctv',
        'safety',
        'disaster',
        'flood',
        'drought',
        'drug',
      ],
    ],
    [
      'community_culture',
      [
        'วัฒนธรรม',
        'ศาสนา',
        'ประเพณี',
        'ชุมชนเข้มแข็ง',
        'การมีส่วนร่วม',
        'กีฬา',
        'ท่องเที่ยว',
        'นันทนาการ',
        'culture',
        'religio',
        'temple',
        'touris',
        'sport',
      ],
    ],
  ] as const
).flatMap(([id, words]) => words.map((w) => [w.replace(/\s/gu, '').toLowerCase(), id] as const));

const categoryKey = (s: string): string =>
  s
    .toLowerCase()
    .replace(/^ด้าน/u, '')
    .replace(/[\s,()]/gu, '');
const CATEGORY_IDS: ReadonlySet<string> = new Set(NEED_CATEGORIES.map((c) => c.id));
const CATEGORY_NAMES: ReadonlyMap<string, string> = new Map(
  NEED_CATEGORIES.flatMap((c) => [[categoryKey(c.th), c.id] as const, [categoryKey(c.en), c.id] as const]),
);

/**
 * Labels that span several categories, as local plans name their strategies ("ด้านโครงสร้างพื้นฐาน": roads, water
 * supply, electricity): the need's own title says which (see {@link parseCategory}).
 */
const BROAD_CATEGORIES: ReadonlyMap<string, readonly string[]> = new Map([
  ['โครงสร้างพื้นฐาน', ['roads_transport', 'water', 'utilities_digital']],
  ['infrastructure', ['roads_transport', 'water', 'utilities_digital']],
  ['สาธารณูปโภค', ['water', 'utilities_digital']],
  ['สาธารณูปโภคสาธารณูปการ', ['water', 'utilities_digital']],
  ['คุณภาพชีวิต', ['welfare', 'health', 'education', 'housing']],
]);

/** A category by its id, its Thai or English name (with or without "ด้าน") or a common short name; null otherwise. */
export function namedCategory(text: string): string | null {
  if (CATEGORY_IDS.has(text)) return text;
  const key = categoryKey(text);
  return CATEGORY_NAMES.get(key) ?? CATEGORY_SYNONYMS.get(key) ?? null;
}

/** The categories whose longest keyword found in `key` is longest (among `within`, when given). */
function keywordCategories(key: string, within?: readonly string[]): string[] {
  let best = 0;
  let found: string[] = [];
  if (key.length > 200) return found;
  for (const [word, id] of CATEGORY_KEYWORDS) {
    if (word.length < best || (within && !within.includes(id)) || !key.includes(word)) continue;
    if (word.length > best) {
      best = word.length;
      found = [];
    }
    if (!found.includes(id)) found.push(id);
  }
  return found;
}

/**
 * What a category label names: one category (by id, name, short name or the words of a longer label), several (a
 * label that spans them, "ด้านโครงสร้างพื้นฐาน", or whose words name more than one), or none.
 * @example categoryCandidates('ด้านโครงสร้างพื้นฐาน') // ['roads_transport', 'water', 'utilities_digital']
 */
export function categoryCandidates(text: string): readonly string[] {
  const named = namedCategory(text);
  if (named) return [named];
  const key = categoryKey(text);
  return BROAD_CATEGORIES.get(key) ?? keywordCategories(key);
}

/**
 * A category by its id, Thai or English name (with or without "ด้าน"), or a common short name, else by the words
 * of a longer label (CATEGORY_KEYWORDS: "สุขภาวะและอนามัย", "ไฟฟ้าส่องสว่าง"). A label that spans several categories
 * ("ด้านโครงสร้างพื้นฐาน", "ด้านการศึกษา ศาสนาและวัฒนธรรม") takes the one the need's `title` names ("ขยายเขตประปา"
 * under infrastructure is water); refused, naming them, when the title names none of them or more than one.
 * @example parseCategory('ด้านสาธารณสุข') // { ok: true, value: 'health' }
 * @example parseCategory('ด้านโครงสร้างพื้นฐาน', 'ติดตั้งไฟฟ้าส่องสว่าง') // { ok: true, value: 'utilities_digital' }
 */
export function parseCategory(cell: Cell, title: string | null = null): Parsed<string> {
  const text = cellText(cell);
  if (text === null) return fail('the cell is empty', 'ช่องนี้ว่าง');
  const found = categoryCandidates(text);
  if (found.length === 1) return { ok: true, value: found[0]! };
  if (found.length > 1) {
    const byTitle = title === null ? [] : keywordCategories(categoryKey(title), found);
    if (byTitle.length === 1) return { ok: true, value: byTitle[0]! };
    const names = (lang: 'th' | 'en'): string =>
      found.map((id) => NEED_CATEGORIES.find((c) => c.id === id)![lang]).join(lang === 'th' ? ' หรือ ' : ' or ');
    return title === null
      ? fail(
          `category '${show(text)}' could be ${names('en')}: write one`,
          `หมวด '${show(text)}' อาจเป็น ${names('th')} กรุณาระบุหมวดเดียว`,
        )
      : fail(
          `category '${show(text)}' could be ${names('en')}, and the title does not say which: write one`,
          `หมวด '${show(text)}' อาจเป็น ${names('th')} และชื่อความต้องการไม่ได้บอกว่าเป็นหมวดใด กรุณาระบุหมวดเดียว`,
        );
  }
  // "อื่นๆ", a topic of its own: name the twelve categories, so the nearest can be written.
  return fail(
    `unknown category '${show(text)}': write one of ${NEED_CATEGORIES.map((c) => c.en).join('; ')}`,
    `ไม่รู้จักหมวด '${show(text)}' กรุณาระบุหมวดใดหมวดหนึ่ง: ${NEED_CATEGORIES.map((c) => c.th).join(' / ')}`,
  );
}

/** Statuses of a need still open, as district files write them (waiting, in progress). */
const ACTIVE_STATUSES = new Set([
  'active',
  'open',
  'ใช้งาน',
  'ปกติ',
  'รอดำเนินการ',
  'ดำเนินการ',
  'in_progress',
  'resolved',
  'อยู่ระหว่างดำเนินการ',
  'กำลังดำเนินการ',
  'ระหว่างดำเนินการ',
  'ยังไม่ดำเนินการ',
  'ยังไม่ได้ดำเนินการ',
  'รอพิจารณา',
  'รอการพิจารณา',
  'รอแก้ไข',
  'รอการแก้ไข',
  'ค้างดำเนินการ',
]);

/** Statuses saying the need was met: the protocol has no such status, so the file must say active or withdrawn. */
const MET_STATUS = /^(?:ดำเนินการแล้ว|ดำเนินการเสร็จ(?:สิ้น|แล้ว)?|เสร็จ(?:สิ้น|แล้ว)|แก้ไขแล้ว|แก้ไขเสร็จ(?:แล้ว)?|done|completed|closed)$/u;

/**
 * A need's status: active (empty, waiting or in progress: รอดำเนินการ, อยู่ระหว่างดำเนินการ), or withdrawn (ยกเลิก,
 * ถอน, withdrawn, deleted). A status saying the need was met (ดำเนินการแล้ว, เสร็จสิ้น) is refused saying which to
 * write: the protocol records open needs and withdrawn ones, nothing in between.
 * @example parseStatus('ยกเลิก') // { ok: true, value: 'withdrawn' }
 */
export function parseStatus(cell: Cell): Parsed<'active' | 'withdrawn'> {
  const text = cellText(cell);
  if (text === null) return { ok: true, value: 'active' };
  const key = text.toLowerCase().replace(/\s/gu, '');
  if (ACTIVE_STATUSES.has(key)) return { ok: true, value: 'active' };
  if (['withdrawn', 'deleted', 'delete', 'ยกเลิก', 'ถอน', 'ถอนเรื่อง', 'ลบ'].includes(key)) return { ok: true, value: 'withdrawn' };
  if (MET_STATUS.test(key)) {
    return fail(
      `status '${show(text)}' says the need was met: write ยกเลิก if it no longer needs a project, or leave the cell empty to keep it open`,
      `สถานะ '${show(text)}' แสดงว่าดำเนินการแล้ว: ให้เขียน ยกเลิก หากไม่ต้องการโครงการแล้ว หรือเว้นว่างไว้หากยังเป็นความต้องการอยู่`,
    );
  }
  return fail(
    `unknown status '${show(text)}': write nothing or รอดำเนินการ for an open need, ยกเลิก for a withdrawn one`,
    `ไม่รู้จักสถานะ '${show(text)}': เว้นว่างหรือเขียน รอดำเนินการ สำหรับความต้องการที่ยังอยู่ หรือ ยกเลิก สำหรับที่ถอนแล้ว`,
  );
}
