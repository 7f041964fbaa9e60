/**
 * Units written in a table's headers and title rows: the money unit of an amount column ("งบประมาณ (พันบาท)", a
 * "หน่วย : ล้านบาท" line above the table) and what a count column counts ("(ครัวเรือน)", "(คน)").
 */

/** A unit of money a figure is written in: `satang` per unit, so `places` decimals reach the satang. */
export type MoneyUnit = Readonly<{ satang: number; places: number; th: string; en: string; one: string }>;

export const BAHT: MoneyUnit = { satang: 100, places: 2, th: 'บาท', en: 'baht', one: 'baht' };
export const THOUSAND_BAHT: MoneyUnit = {
  satang: 1e5,
  places: 5,
  th: 'พันบาท',
  en: 'thousands of baht',
  one: 'thousand baht',
};
export const TEN_THOUSAND_BAHT: MoneyUnit = {
  satang: 1e6,
  places: 6,
  th: 'หมื่นบาท',
  en: 'tens of thousands of baht',
  one: 'ten thousand baht',
};
export const HUNDRED_THOUSAND_BAHT: MoneyUnit = {
  satang: 1e7,
  places: 7,
  th: 'แสนบาท',
  en: 'hundreds of thousands of baht',
  one: 'hundred thousand baht',
};
export const MILLION_BAHT: MoneyUnit = {
  satang: 1e8,
  places: 8,
  th: 'ล้านบาท',
  en: 'millions of baht',
  one: 'million baht',
};

const BY_SCALE: Readonly<Record<string, MoneyUnit>> = {
  '': BAHT,
  พัน: THOUSAND_BAHT,
  หมื่น: TEN_THOUSAND_BAHT,
  แสน: HUNDRED_THOUSAND_BAHT,
  ล้าน: MILLION_BAHT,
  thousand: THOUSAND_BAHT,
  million: MILLION_BAHT,
};

/**
 * The words of money units in a text, one match each: Thai scale words before บาท ("พันบาท", "ล้าน บาท"; "งบผูกพัน" is
 * no thousand), a scale alone in brackets ("(ล้าน)"), ลบ., บาท, English ("million baht", "THB '000" is not read), and
 * currencies or scales no import reads ("ร้อยบาท", "พันล้านบาท", "USD").
 */
const MONEY_WORDS =
  /((?:(?<!ผูก)พัน|หมื่น|แสน|ล้าน|ร้อย|สิบ)+)\s*บาท|\(\s*((?:พัน|หมื่น|แสน|ล้าน|ร้อย|สิบ)+)\s*\)|(ลบ\.(?!\s*ม))|(บาท|baht|thb|฿)(?:\s*(million|thousand|billion)s?)?|\b(million|thousand|billion)s?\b(?:\s*(?:of\s*)?(?:baht|thb))?|(\busd\b|us\$|\$|ดอลลาร์|\bdollars?\b|\beur\b|ยูโร)/giu;

/** What a text says of money units: those it states, and the first it states that no import reads. */
function moneyWords(text: string): { units: MoneyUnit[]; unknown: string | null } {
  const units: MoneyUnit[] = [];
  let unknown: string | null = null;
  if (text.length > 300) return { units, unknown };
  for (const m of text.matchAll(MONEY_WORDS)) {
    const scale = m[1] ?? m[2] ?? (m[3] ? 'ล้าน' : undefined) ?? m[5]?.toLowerCase() ?? m[6]?.toLowerCase() ?? (m[4] ? '' : null);
    const unit = scale === null ? undefined : BY_SCALE[scale];
    if (unit) {
      if (!units.includes(unit)) units.push(unit);
    } else unknown ??= m[0].trim();
  }
  return { units, unknown };
}

/** A unit that cannot be read, or two for one column: the file is refused (`code`), saying which text and where. */
export type UnitRefusal = Readonly<{ code: 'UNKNOWN_UNIT' | 'TWO_UNITS'; en: string; th: string }>;

/**
 * The money unit a column's header states ("งบประมาณ (พันบาท)", "วงเงิน / ล้าน บาท", "Budget (million THB)"); null when
 * it states none; a problem when it states a unit no import reads ("(ร้อยบาท)", "(USD)") or two units.
 * @example headerMoneyUnit('งบประมาณ (พันบาท)') // { ok: true, unit: THOUSAND_BAHT }
 */
export function headerMoneyUnit(label: string): { ok: true; unit: MoneyUnit | null } | ({ ok: false } & UnitRefusal) {
  const { units, unknown } = moneyWords(label);
  if (unknown !== null) {
    return {
      ok: false,
      code: 'UNKNOWN_UNIT',
      en: `the heading '${label}' gives the amounts in '${unknown}', a unit that is not read: write the unit as บาท, พันบาท, หมื่นบาท, แสนบาท or ล้านบาท`,
      th: `หัวคอลัมน์ '${label}' ระบุหน่วยเงินเป็น '${unknown}' ซึ่งอ่านไม่ได้ กรุณาระบุหน่วยเป็น บาท พันบาท หมื่นบาท แสนบาท หรือ ล้านบาท`,
    };
  }
  if (units.length > 1) {
    const named = units.map((u) => u.th).join(', ');
    return {
      ok: false,
      code: 'TWO_UNITS',
      en: `the heading '${label}' gives two units for its amounts (${named}): keep the one the figures are in`,
      th: `หัวคอลัมน์ '${label}' ระบุหน่วยเงินสองหน่วย (${named}) กรุณาเหลือหน่วยเดียวที่ตรงกับตัวเลข`,
    };
  }
  return { ok: true, unit: units[0] ?? null };
}

/**
 * A unit line: "หน่วย : ล้านบาท", "(หน่วย: พันบาท)", "หน่วย ล้านบาท", "หน่วยเป็นบาท", "Unit: million baht" ("หน่วยงาน…" is
 * none), and what follows its word.
 */
const UNIT_LINE = /(?:หน่วย(?:เงิน|นับ)?(?:\s*[:：]|\s*เป็น|\s)|\bunits?\s*[:：])\s*([^()\n]{1,40})/iu;

/**
 * The money unit a title row states for the table under it: a unit line ("หน่วย : ล้านบาท", "(หน่วย: พันบาท)" in the
 * title) or a cell that is a unit alone ("(ล้านบาท)"); null when the text states none (a unit line of something else,
 * "หน่วย : แห่ง", is none); a problem when it states a unit no import reads or two.
 * @example titleMoneyUnit('สรุปความต้องการ (หน่วย: ล้านบาท)') // { ok: true, unit: MILLION_BAHT }
 */
export function titleMoneyUnit(text: string): { ok: true; unit: MoneyUnit | null } | ({ ok: false } & UnitRefusal) {
  if (text.length > 300) return { ok: true, unit: null };
  const line = UNIT_LINE.exec(text);
  const alone = /^\(?\s*([^()]{1,20}?)\s*\)?$/u.exec(text.trim());
  const phrase = line?.[1] ?? (alone && isMoneyUnitText(alone[1]!) ? alone[1]! : null);
  if (phrase === null) return { ok: true, unit: null };
  const { units, unknown: notRead } = moneyWords(phrase);
  // A unit line names its unit first: money words later in it ("หน่วย: 1,000 บาท") are no unit read.
  const first = phrase.trim().search(MONEY_WORDS);
  const unknown = notRead ?? (first > 0 ? phrase.trim() : null);
  if (unknown !== null) {
    return {
      ok: false,
      code: 'UNKNOWN_UNIT',
      en: `'${text}' gives the amounts in '${unknown}', a unit that is not read: write the unit as บาท, พันบาท, หมื่นบาท, แสนบาท or ล้านบาท`,
      th: `'${text}' ระบุหน่วยเงินเป็น '${unknown}' ซึ่งอ่านไม่ได้ กรุณาระบุหน่วยเป็น บาท พันบาท หมื่นบาท แสนบาท หรือ ล้านบาท`,
    };
  }
  if (units.length > 1) {
    const named = units.map((u) => u.th).join(', ');
    return {
      ok: false,
      code: 'TWO_UNITS',
      en: `'${text}' gives two units for the amounts (${named}): keep the one the figures are in`,
      th: `'${text}' ระบุหน่วยเงินสองหน่วย (${named}) กรุณาเหลือหน่วยเดียวที่ตรงกับตัวเลข`,
    };
  }
  return { ok: true, unit: units[0] ?? null };
}

/** Whether a text is a money unit alone ("ล้านบาท", "บาท", "ลบ."), or one no import reads ("ร้อยบาท"). */
function isMoneyUnitText(text: string): boolean {
  const { units, unknown } = moneyWords(text);
  if (units.length + (unknown === null ? 0 : 1) === 0) return false;
  return text.replace(MONEY_WORDS, '').trim() === '';
}

/** What a count counts, by the unit its header gives. */
export type CountUnit = 'people' | 'households';

/**
 * The words that say what a count counts, in a heading's brackets ("(ครัวเรือน)") and after a cell's figure ("40 หลัง",
 * "5 ท่าน"): one list for both, so a heading and its cells are read alike.
 */
export const COUNT_WORDS: Readonly<Record<CountUnit, readonly string[]>> = {
  people: ['คน', 'ราย', 'ท่าน', 'persons', 'person', 'people'],
  households: ['ครัวเรือน', 'หลังคาเรือน', 'ครอบครัว', 'หลัง', 'households', 'household', 'families', 'family', 'hh'],
};

const HOUSEHOLD_UNITS = new RegExp(`^(?:${COUNT_WORDS.households.join('|')})$`, 'iu');
const PEOPLE_UNITS = new RegExp(`^(?:${COUNT_WORDS.people.join('|')})$`, 'iu');

/**
 * What a column counts by the unit its header gives, in brackets ("จำนวนผู้ได้รับประโยชน์ (ครัวเรือน)") or as the label
 * under a group ("ผู้ได้รับประโยชน์ / คน"): households (ครัวเรือน, หลังคาเรือน, ครอบครัว, หลัง) or people (คน, ราย,
 * ท่าน); null when it gives neither or both ("(คน/ครัวเรือน)").
 * @example countUnit('จำนวนผู้ได้รับประโยชน์ (ครัวเรือน)') // 'households'
 */
export function countUnit(label: string): CountUnit | null {
  if (label.length > 200) return null;
  const slash = label.lastIndexOf(' / ');
  const parts = [...label.matchAll(/\(([^()]*)\)/gu)].flatMap((m) => m[1]!.split(/[/,]|และ|หรือ/u));
  if (slash >= 0) parts.push(label.slice(slash + 3));
  const found = new Set<CountUnit>();
  for (const p of parts) {
    const t = p.replace(/\s+/gu, '');
    if (HOUSEHOLD_UNITS.test(t)) found.add('households');
    else if (PEOPLE_UNITS.test(t)) found.add('people');
  }
  return found.size === 1 ? [...found][0]! : null;
}

/**
 * Whether a text is a unit alone, as a header's second row writes it under a label ("(ล้านบาท)", "(คน)", "บาท").
 * @example unitAlone('(ล้านบาท)') // true
 */
export function unitAlone(text: string): boolean {
  if (text.length > 30) return false;
  const inner = text
    .trim()
    .replace(/^\((.*)\)$/u, '$1')
    .trim();
  if (inner === '') return false;
  return isMoneyUnitText(inner) || countUnit(`(${inner})`) !== null || /^หน่วย(?!งาน)/u.test(inner);
}

/** The unit an amount field's column is read in, when not baht: where it is stated, for the preview and the report. */
export type ScaledColumn = Readonly<{ field: string; col: number; unit: MoneyUnit; from: 'header' | 'title'; title?: string }>;

/**
 * The money unit of each mapped amount field: its header's own ("งบประมาณ (พันบาท)"), else the one the title rows
 * state for the table ("หน่วย : ล้านบาท" on a row above the header, "(หน่วย: ล้านบาท)" in the title), else baht.
 * `titles`: the texts of the rows above the header, with their 1-based row numbers. A unit no import reads, or two
 * units (in one header, or in two title rows that a column without its own relies on), is refused.
 * @example amountUnits([{ key: 'cost', kind: 'amount' }], { cost: 0 }, ['งบประมาณ'], [{ row: 1, text: 'หน่วย : พันบาท' }]).scaled[0].unit // THOUSAND_BAHT
 */
export function amountUnits(
  fields: readonly Readonly<{ key: string; kind: string }>[],
  mapping: Readonly<Record<string, number>>,
  labels: readonly string[],
  titles: readonly Readonly<{ row: number; text: string }>[],
): { units: Readonly<Record<string, MoneyUnit>>; scaled: ScaledColumn[]; refusals: UnitRefusal[] } {
  const units: Record<string, MoneyUnit> = {};
  const scaled: ScaledColumn[] = [];
  const refusals: UnitRefusal[] = [];
  const unstated: { key: string; col: number }[] = [];
  for (const f of fields) {
    const col = mapping[f.key];
    if (f.kind !== 'amount' || col === undefined) continue;
    const own = headerMoneyUnit(labels[col] ?? '');
    if (!own.ok) {
      refusals.push({ code: own.code, en: own.en, th: own.th });
    } else if (own.unit === null) unstated.push({ key: f.key, col });
    else {
      units[f.key] = own.unit;
      if (own.unit !== BAHT) scaled.push({ field: f.key, col, unit: own.unit, from: 'header' });
    }
  }
  if (unstated.length === 0) return { units, scaled, refusals };
  const stated: { row: number; text: string; unit: MoneyUnit }[] = [];
  for (const { row, text } of titles) {
    const t = titleMoneyUnit(text);
    if (!t.ok) {
      refusals.push({
        code: t.code,
        en: `row ${row}: ${t.en}`,
        th: `แถวที่ ${row}: ${t.th}`,
      });
    } else if (t.unit !== null && !stated.some((s) => s.unit === t.unit)) stated.push({ row, text, unit: t.unit });
  }
  if (stated.length > 1) {
    const named = stated.map((s) => `'${s.text}' (row ${s.row})`).join(', ');
    const namedTh = stated.map((s) => `'${s.text}' (แถวที่ ${s.row})`).join(', ');
    refusals.push({
      code: 'TWO_UNITS',
      en: `the title rows give two units for the amounts: ${named}; keep the one the figures are in, or give each amount column its own unit in its heading`,
      th: `แถวชื่อตารางระบุหน่วยเงินสองหน่วย: ${namedTh} กรุณาเหลือหน่วยเดียวที่ตรงกับตัวเลข หรือระบุหน่วยในหัวคอลัมน์เงินแต่ละคอลัมน์`,
    });
  }
  const title = stated.length === 1 ? stated[0]! : null;
  if (title) {
    for (const { key, col } of unstated) {
      units[key] = title.unit;
      if (title.unit !== BAHT) scaled.push({ field: key, col, unit: title.unit, from: 'title', title: title.text });
    }
  }
  return { units, scaled, refusals };
}

/**
 * The unit an amount column is read in: the one found for it (`units`, see amountUnits), or without them its header's
 * own, or baht.
 */
export function columnUnit(units: Readonly<Record<string, MoneyUnit>> | undefined, key: string, label: string): MoneyUnit {
  if (units) return units[key] ?? BAHT;
  const own = headerMoneyUnit(label);
  return own.ok ? (own.unit ?? BAHT) : BAHT;
}
