/**
 * Spreadsheet rows (already mapped to PROPOSALS_TARGET fields) into proposals: Thai values parsed (amounts, counts,
 * levels, development issues as "2", "ประเด็นที่ ๒" or the issue's title, areas as tambon names or codes, "ทั้งอำเภอ…"
 * or "ทั้งจังหวัด"), the fiscal year each row states, and a problem with row, column and code for every bad cell.
 * Checks that need the database (an unknown area code, a scored proposal) are the store's (proposal-store.ts).
 */
import type { InputProblem } from '../../api/errors';
import { PROPOSAL_TEXT_LIMITS } from '../../api/projects';
import { formatBaht, toArabicDigits } from '../money';
import {
  AGENCY_PRIORITY_MAX,
  proposalProblems,
  READINESS_ITEMS,
  type Kpi,
  type ProposalInput,
  type ProposalLevel,
  type ReadinessKey,
} from '../proposals';
import { pointInText, pointReader, type LatLon } from './coordinates';
import { LOCAL_GOVERNMENT, placesOnly, resolveDistrict, resolveTambon, type AreaIndex } from './areas';
import type { MappedRow } from './headers';
import { rowHash } from './needs-rows';
import { agencyKey } from './proposal-renames';
import { controlCharProblem, findControlChar, problem, shown, type ProblemCode } from './problems';
import { PROPOSALS_TARGET } from './proposals-target';
import type { ColumnMapping } from './target';
import { columnUnit, type MoneyUnit } from './units';
import {
  amountText,
  cellLines,
  cellText,
  emptyCellReason,
  lostDigits,
  parseAmount,
  parseCount,
  parseCountOf,
  remembered,
  rememberedIn,
  type Cell,
  type Parsed,
} from './values';

export type IssueRef = Readonly<{ no: number; titleTh: string; titleEn: string }>;

export type ProposalRowsContext = Readonly<{
  areas: AreaIndex;
  issues: readonly IssueRef[];
  labels: readonly string[];
  mapping: ColumnMapping;
  /** The money unit of each amount field's column, as its header or the title states it (amountUnits); baht when absent. */
  units?: Readonly<Record<string, MoneyUnit>>;
  /** The owner agency when the file has no agency column (a sheet per agency names it). */
  defaultAgency: string | null;
  /**
   * The local government whose plan the sheet is, as its title names it ("อบต.ตาลเดี่ยว", `localGovernmentIn`): an
   * agency cell that names only one of its divisions ("กองช่าง") is that division of it.
   */
  owner?: string | null;
}>;

export type ProposalFromRow = Readonly<{
  row: number;
  input: ProposalInput;
  fiscalYear: number | null;
  /** The code is the file's own; false when it was made from agency and name (the row gave none). */
  codeGiven: boolean;
}>;

/**
 * A Buddhist-era fiscal year stated in a text: "ประจำปีงบประมาณ พ.ศ. ๒๕๗๑", "ปีงบประมาณ 2571", "FY2571",
 * "fiscal year 2571", and as the annual plans and request lists word it, "แผนปฏิบัติราชการประจำปี พ.ศ. 2571",
 * "ขอรับการสนับสนุนงบประมาณ ปี 2571", or a text that is the year alone ("ปี 2571", a sheet's name); null when none
 * (a year without such words, "พ.ศ. 2571", may be a date's). A CE year (2028) is read as its BE year (2571).
 * @example fiscalYearIn('แผนงานโครงการ ประจำปีงบประมาณ พ.ศ. ๒๕๗๑') // 2571
 */
export function fiscalYearIn(text: string): number | null {
  const t = toArabicDigits(text);
  const m =
    /(?:ปีงบประมาณ|ปีงบ|งบประมาณ\s*ปี|งบปี|ประจำปี|fiscal\s*year|\bfy)\s*(?:พ\.?\s*ศ\.?)?\s*(\d{4})(\s*(?:-|–|ถึง|to)\s*\d{4})?/iu.exec(
      t,
    ) ?? /^\s*ปี\s*(?:พ\.?\s*ศ\.?)?\s*(\d{4})(\s*(?:-|–|ถึง|to)\s*\d{4})?\s*$/u.exec(t);
  // A span of years ("ปีงบประมาณ พ.ศ. 2571 - 2575") is a plan's, not one fiscal year.
  if (!m || m[2]) return null;
  const y = Number(m[1]);
  if (y >= 2400 && y <= 2700) return y;
  if (y >= 1900 && y <= 2157) return y + 543;
  return null;
}

/**
 * A fiscal year cell: 2571, "2571", "พ.ศ. ๒๕๗๑", "71" (two digits are BE), or a CE year.
 * @example parseFiscalYear('พ.ศ. ๒๕๗๑') // { ok: true, value: 2571 }
 */
export function parseFiscalYear(cell: Cell): Parsed<number> {
  const text = cellText(cell);
  if (text === null) return { ok: false, en: 'the cell is empty', th: 'ช่องนี้ว่าง' };
  const digits = toArabicDigits(text).replace(/พ\.?\s*ศ\.?|ปีงบประมาณ|ปีงบ|งบปี|ปี|fy|\s/giu, '');
  if (/^\d{2}$/u.test(digits)) return { ok: true, value: 2500 + Number(digits) };
  if (/^\d{4}$/u.test(digits)) {
    const y = Number(digits);
    if (y >= 2400 && y <= 2700) return { ok: true, value: y };
    if (y >= 1900 && y <= 2157) return { ok: true, value: y + 543 };
  }
  // "2570-2571", "2571 - 2575": a request over several years (a multi-year commitment, a local plan's span).
  if (/^\d{2,4}[-–]\d{2,4}$/u.test(digits)) {
    return {
      ok: false,
      en: `'${text}' spans several fiscal years: write the one year this request is for (a round takes one year)`,
      th: `'${text}' ครอบคลุมหลายปีงบประมาณ กรุณาระบุปีเดียวที่ขอรับงบ (รอบการพิจารณาหนึ่งรอบเป็นปีงบประมาณเดียว)`,
    };
  }
  return { ok: false, en: `'${text}' is not a fiscal year`, th: `'${text}' ไม่ใช่ปีงบประมาณ` };
}

/**
 * An agency's own priority of a proposal (the request form's ลำดับความสำคัญ, 1 = most important): 1, "1", "๑",
 * "ลำดับที่ 1", "อันดับ ๒", "ที่ 3", "No. 4". Anything else (0, a fraction, a range, a word such as "สูง") is refused:
 * a ranking is a whole number from 1.
 * @example parsePriority('ลำดับที่ ๒') // { ok: true, value: 2 }
 */
export function parsePriority(cell: Cell): Parsed<number> {
  const text = cellText(cell);
  if (text === null) return { ok: false, en: 'the cell is empty', th: 'ช่องนี้ว่าง' };
  const digits = toArabicDigits(text)
    .replace(/^(?:(?:ลำดับความสำคัญ|ลำดับ|อันดับ)\s*(?:ที่)?|ที่|priority|no\.?|#)\s*/iu, '')
    .replace(/\.$/u, '')
    .trim();
  const value = /^\d{1,6}$/u.test(digits) ? Number(digits) : typeof cell === 'number' ? cell : NaN;
  if (Number.isInteger(value) && value >= 1 && value <= AGENCY_PRIORITY_MAX) return { ok: true, value };
  const written = shown(text, 40);
  if (Number.isInteger(value) && value > AGENCY_PRIORITY_MAX) {
    return {
      ok: false,
      en: `'${written}' is too large for a priority (at most ${AGENCY_PRIORITY_MAX}; 1 = most important)`,
      th: `'${written}' มากเกินไปสำหรับลำดับความสำคัญ (ไม่เกิน ${AGENCY_PRIORITY_MAX}; 1 = สำคัญที่สุด)`,
    };
  }
  return {
    ok: false,
    en: `'${written}' is not a priority: write a whole number from 1 (1 = most important), such as 1, ๑ or ลำดับที่ 1`,
    th: `'${written}' ไม่ใช่ลำดับความสำคัญ: ใส่จำนวนเต็มตั้งแต่ 1 ขึ้นไป (1 = สำคัญที่สุด) เช่น 1, ๑ หรือ ลำดับที่ 1`,
  };
}

type Prioritised = Readonly<{ agency: string; agencyPriority: number | null }>;

/**
 * Proposals of one agency that state the same priority (an agency's ranking gives each proposal its own place): each
 * such agency and priority with its proposals in the order given, agencies and priorities sorted. `held` are proposals
 * already there (the round's, those the new ones do not replace): a group has at least one of `items`, and two or more
 * proposals counting the held ones, which it lists apart; held ones alone that share a priority make no group. A warning
 * to show, not a refusal: the committee reads what the agency wrote. Agencies compare as {@link agencyKey} spells them
 * ("อบต.ทับกวาง", "อบต. ทับกวาง" and "องค์การบริหารส่วนตำบลทับกวาง" are one), each group named as its first proposal spells it.
 * @example samePriorities([{ agency: 'ก', agencyPriority: 1 }, { agency: 'ก', agencyPriority: 1 }])[0]?.items.length // 2
 * @example samePriorities([{ agency: 'ก', agencyPriority: 1 }], [{ agency: 'ก', agencyPriority: 1 }])[0]?.held.length // 1
 */
export function samePriorities<T extends Prioritised, H extends Prioritised = never>(
  items: readonly T[],
  held: readonly H[] = [],
): { agency: string; priority: number; items: T[]; held: H[] }[] {
  const groups = new Map<string, { agency: string; priority: number; items: T[]; held: H[] }>();
  const keyOf = (p: Prioritised): string | null =>
    p.agencyPriority === null ? null : `${p.agencyPriority}\u0000${agencyKey(p.agency)}`;
  for (const item of items) {
    const key = keyOf(item);
    if (key === null) continue;
    const group = groups.get(key);
    if (group) group.items.push(item);
    else groups.set(key, { agency: item.agency.trim(), priority: item.agencyPriority!, items: [item], held: [] });
  }
  for (const h of held) {
    const key = keyOf(h);
    if (key !== null) groups.get(key)?.held.push(h);
  }
  return [...groups.values()]
    .filter((g) => g.items.length + g.held.length > 1)
    .sort((a, b) => (a.agency < b.agency ? -1 : a.agency > b.agency ? 1 : a.priority - b.priority));
}

const LEVELS: readonly (readonly [ProposalLevel, RegExp])[] = [
  // A local government named by its kind (อบต., อบจ., เทศบาล…) is the local level.
  [
    'local',
    /^(local|local government|lao|ท้องถิ่น|อปท|องค์กรปกครองส่วนท้องถิ่น|ระดับท้องถิ่น|อบต|อบจ|ทต|ทม|ทน|เทศบาล(?:ตำบล|เมือง|นคร)?|องค์การบริหารส่วน(?:ตำบล|จังหวัด))$/u,
  ],
  ['agency', /^(agency|ministry|หน่วยงาน|ส่วนราชการ|ระดับหน่วยงาน|หน่วยงานภาครัฐ|กระทรวง|กรม)$/u],
  ['province', /^(province|provincial|จังหวัด|ระดับจังหวัด|โครงการจังหวัด)$/u],
];

/**
 * A planning level as files write it (Thai or English).
 * @example parseLevel('อปท.') // { ok: true, value: 'local' }
 */
export function parseLevel(cell: Cell): Parsed<ProposalLevel> {
  const text = cellText(cell);
  if (text === null) return { ok: false, en: 'the cell is empty', th: 'ช่องนี้ว่าง' };
  const key = text
    .toLowerCase()
    .replace(/[.\s]/gu, '')
    .replace(/government/u, ' government')
    .trim();
  for (const [level, re] of LEVELS)
    if (re.test(key) || re.test(text.toLowerCase().replace(/\./gu, '').trim())) return { ok: true, value: level };
  return {
    ok: false,
    en: `unknown level '${text}' (province, agency or local government)`,
    th: `ไม่รู้จักระดับ '${text}' (จังหวัด หน่วยงาน หรือ อปท.)`,
  };
}

/** A division of a local government, named alone. */
const DIVISION = /^(?:กอง|สำนักปลัด|สำนักงานปลัด|ส่วน|งาน|ฝ่าย)/u;
/** A name that already says whose division it is. */
const NAMES_OWNER = /องค์การบริหารส่วน|อบต|อบจ|เทศบาล|ทต\.|ทม\.|ทน\.|จังหวัด/u;

/**
 * The local government a plan's title names, abbreviated as offices write it: "องค์การบริหารส่วนตำบลตาลเดี่ยว" →
 * "อบต.ตาลเดี่ยว", "เทศบาลตำบลหินกอง" → "ทต.หินกอง", "เทศบาลเมืองสระบุรี" → "ทม.สระบุรี", "องค์การบริหารส่วนจังหวัดสระบุรี"
 * → "อบจ.สระบุรี" (or as written: "อบต.ตาลเดี่ยว"); null when none, or more than one, is named.
 * @example localGovernmentIn(['แผนพัฒนาท้องถิ่น', 'องค์การบริหารส่วนตำบลตาลเดี่ยว อำเภอแก่งคอย']) // 'อบต.ตาลเดี่ยว'
 */
export function localGovernmentIn(titles: readonly string[]): string | null {
  const found = new Set<string>();
  const kinds: readonly (readonly [RegExp, string])[] = [
    [/องค์การบริหารส่วนตำบล\s?([ก-๙]{2,40}?)(?=อำเภอ|อ\.|จังหวัด|จ\.|[^ก-๙]|$)/gu, 'อบต.'],
    [/องค์การบริหารส่วนจังหวัด\s?([ก-๙]{2,40}?)(?=[^ก-๙]|$)/gu, 'อบจ.'],
    [/เทศบาลตำบล\s?([ก-๙]{2,40}?)(?=อำเภอ|อ\.|จังหวัด|จ\.|[^ก-๙]|$)/gu, 'ทต.'],
    [/เทศบาลเมือง\s?([ก-๙]{2,40}?)(?=อำเภอ|อ\.|จังหวัด|จ\.|[^ก-๙]|$)/gu, 'ทม.'],
    [/เทศบาลนคร\s?([ก-๙]{2,40}?)(?=อำเภอ|อ\.|จังหวัด|จ\.|[^ก-๙]|$)/gu, 'ทน.'],
    [/(?:^|\s)(อบต|อบจ|ทต|ทม|ทน)\.\s?([ก-๙]{2,40}?)(?=อำเภอ|อ\.|จังหวัด|จ\.|[^ก-๙]|$)/gu, ''],
  ];
  for (const title of titles) {
    if (title.length > 300) continue;
    for (const [re, short] of kinds) {
      for (const m of title.matchAll(re)) found.add(short === '' ? `${m[1]!}.${m[2]!}` : `${short}${m[1]!}`);
    }
  }
  return found.size === 1 ? [...found][0]! : null;
}

/** A title row's label before the agency it names ("หน่วยงาน : …", "ส่วนราชการ …"). */
const AGENCY_LABEL = /^(?:หน่วยงาน(?:รับผิดชอบ|ที่เสนอ|เจ้าของโครงการ)?|ส่วนราชการ|agency)\s*[:：]?\s*/iu;
/**
 * The words an office's or an organisation's own name begins with: the province's and the ministries' offices, the
 * local governments, district offices, highway districts, irrigation projects, centres, hospitals, schools… A division
 * alone ("สำนักงานปลัด") is no agency, and "จังหวัด…" is the province, not an agency of it.
 */
const AGENCY_NAME =
  /^(?:สำนักงาน(?!ปลัด)|องค์การบริหารส่วน(?:ตำบล|จังหวัด)|(?:อบต|อบจ)\.?\s?[ก-๙]|(?:ทต|ทม|ทน)\.\s?[ก-๙]|เทศบาล(?:ตำบล|เมือง|นคร)|ที่ทำการปกครอง|แขวงทางหลวง|โครงการชลประทาน|โครงการส่งน้ำและบำรุงรักษา|ศูนย์|โรงพยาบาล|โรงเรียน|วิทยาลัย|มหาวิทยาลัย|สถานี|ตำรวจภูธร|กรม|การไฟฟ้า|การประปา|ที่ว่าการอำเภอ|อุทยานแห่งชาติ|เรือนจำ)/u;
/** What a title row writes after a local government's name: its district and province. */
const LOCAL_ADDRESS = /\s+(?:อำเภอ|อ\.|จังหวัด|จ\.).*$/u;
/** What a title row writes after an agency's name: the plan's year, a telephone number. */
const AFTER_AGENCY = /\s+(?:ประจำปี|ปีงบประมาณ|พ\.\s?ศ\.|โทร).*$/u;

/** An agency a title row names, with the row (from 1) that names it. */
export type TitleAgency = Readonly<{ agency: string; row: number }>;

/**
 * The agencies the title rows above a table name, each once however it is spelt ({@link agencyKey}), in the order
 * they come: a row that is an office's or an organisation's name ("สำนักงานเกษตรจังหวัดสระบุรี", "หน่วยงาน :
 * แขวงทางหลวงชนบทสระบุรี", "องค์การบริหารส่วนตำบลตาลเดี่ยว อำเภอแก่งคอย" without its address). A row that only mentions
 * one among other words (a plan's title, "เงินอุดหนุนจากองค์การบริหารส่วนจังหวัด…"), a year or a unit names none.
 * @example agenciesInTitle([{ row: 1, text: 'บัญชีโครงการ ประจำปีงบประมาณ พ.ศ. 2571' }, { row: 2, text: 'สำนักงานเกษตรจังหวัดสระบุรี' }]) // [{ agency: 'สำนักงานเกษตรจังหวัดสระบุรี', row: 2 }]
 */
export function agenciesInTitle(lines: readonly Readonly<{ row: number; text: string }>[]): TitleAgency[] {
  const found = new Map<string, TitleAgency>();
  for (const line of lines) {
    if (line.text.length > 200) continue;
    const text = line.text.trim().replace(AGENCY_LABEL, '');
    if (!AGENCY_NAME.test(text)) continue;
    let agency = text.replace(AFTER_AGENCY, '');
    if (LOCAL_GOVERNMENT.exec(agency.replace(/\s/gu, ''))?.index === 0) agency = agency.replace(LOCAL_ADDRESS, '');
    agency = agency.trim();
    const key = agencyKey(agency);
    if (!found.has(key)) found.set(key, { agency, row: line.row });
  }
  return [...found.values()];
}

/**
 * The level an agency's name implies when the file has no level column: a municipality or a tambon / provincial
 * administrative organisation is a local government; the province's own office is the province; else an agency.
 * @example levelOfAgency('องค์การบริหารส่วนตำบลหนองแค') // 'local'
 */
export function levelOfAgency(agency: string): ProposalLevel {
  const a = agency.replace(/\s/gu, '');
  // A local government, or one of its divisions ("กองช่าง อบต.ตาลเดี่ยว").
  const local = LOCAL_GOVERNMENT.exec(a);
  if (local && (local.index === 0 || DIVISION.test(agency))) return 'local';
  if (/^(จังหวัด|สำนักงานจังหวัด)/u.test(a)) return 'province';
  return 'agency';
}

const issueKey = (t: string): string =>
  toArabicDigits(t)
    .toLowerCase()
    .replace(/[\s.:()\-–]/gu, '');

/**
 * A development issue of the round: its number ("2", "ประเด็นที่ ๒", "ประเด็นการพัฒนาที่ 2 …") or its title.
 * @example parseIssue('ประเด็นที่ ๒', [{ no: 2, titleTh: 'น้ำ', titleEn: '' }]) // { ok: true, value: 2 }
 */
export function parseIssue(cell: Cell, issues: readonly IssueRef[]): Parsed<number> {
  const text = cellText(cell);
  if (text === null) return { ok: false, en: 'the cell is empty', th: 'ช่องนี้ว่าง' };
  const t = toArabicDigits(text);
  const m = /^(?:(?:ประเด็น(?:การพัฒนา|ยุทธศาสตร์)?|ยุทธศาสตร์|issue|strategy)\s*(?:ที่|no\.?)?\s*)?(\d{1,2})(?:\s|[.:)]|$)/iu.exec(t);
  const byNo = m ? issues.find((i) => i.no === Number(m[1])) : undefined;
  if (byNo) return { ok: true, value: byNo.no };
  const key = issueKey(t);
  const byTitle = issues.find((i) => issueKey(i.titleTh) === key || (i.titleEn !== '' && issueKey(i.titleEn) === key));
  if (byTitle) return { ok: true, value: byTitle.no };
  if (issues.length === 0) {
    return {
      ok: false,
      en: `the round has no development issues yet, so '${text}' names none (set them in the round's setup first)`,
      th: `รอบนี้ยังไม่ได้กำหนดประเด็นการพัฒนา จึงไม่รู้จัก '${text}' (กำหนดประเด็นการพัฒนาในหน้ารอบการพิจารณาก่อน)`,
    };
  }
  const known = issues.map((i) => i.no).join(', ');
  return {
    ok: false,
    en: `the round has no development issue '${text}' (it has ${known})`,
    th: `รอบนี้ไม่มีประเด็นการพัฒนา '${text}' (มีประเด็นที่ ${known})`,
  };
}

type Areas = Pick<ProposalInput, 'scope' | 'tambonCodes' | 'districtCode'>;

const WHOLE_PROVINCE =
  /^(ทั้งจังหวัด|ทั้งจังหวัดสระบุรี|ทุกอำเภอ|จังหวัดสระบุรี|จ\.?สระบุรี|ทั่วทั้งจังหวัด|wholeprovince|province-?wide|allprovince)$/iu;

/**
 * The areas a proposal covers from its area cell (and district cell): "ทั้งจังหวัด" → the province; "ทั้งอำเภอหนองแค",
 * "ทุกตำบล อ.หนองแค" or a district alone → that district; otherwise tambons by name or DOPA code separated by commas,
 * semicolons, "และ" or new lines ("ต.ตาลเดี่ยว อ.แก่งคอย" names its district, "อ.แก่งคอย ต.ตาลเดี่ยว, ต.ท่าคล้อ"
 * narrows the tambons after it, a district with no tambon after it stands for all of its tambons), read past the
 * villages with them ("หมู่ที่ 3", "บ้านหนองโน ม.3", "ม.1,2,3"), the province ("จ.สระบุรี") and notes in brackets.
 * @example parseAreas(index, 'ทั้งจังหวัด', null) // { ok: true, value: { scope: 'province', tambonCodes: [], districtCode: null } }
 */
export function parseAreas(index: AreaIndex, cell: Cell, districtCell: Cell): Parsed<Areas> {
  let district: string | null = null;
  if (cellText(districtCell) !== null) {
    const d = resolveDistrict(index, districtCell);
    if (!d.ok) return d;
    district = d.value;
  }
  // Line breaks separate entries ("ตาลเดี่ยว⏎ทับกวาง", "อ.แก่งคอย⏎อ.หนองแค"): kept, not read as spaces.
  const text = cellLines(cell);
  if (text === null) {
    if (district) return { ok: true, value: { scope: 'district', tambonCodes: [], districtCode: district } };
    return { ok: false, en: 'the cell is empty', th: 'ช่องนี้ว่าง' };
  }
  const compact = text.replace(/\s/gu, '');
  if (WHOLE_PROVINCE.test(compact)) return { ok: true, value: { scope: 'province', tambonCodes: [], districtCode: null } };
  // "13 อำเภอ", "ทั้ง ๑๓ อำเภอ": every district of the province is the province.
  const every = /^(?:ทั้ง|ทุก|ครบ)?(\d{1,3})อำเภอ$/u.exec(toArabicDigits(compact));
  if (every && Number(every[1]) === index.districts.size) {
    return { ok: true, value: { scope: 'province', tambonCodes: [], districtCode: null } };
  }
  const whole = /^(?:ทั้ง|ทุกตำบลใน|ทุกตำบล)?(?:อำเภอ|อ\.)(.+)$|^ทั้งอำเภอ$|^ทุกตำบล$/u.exec(compact);
  // (A tambon after the district, "อ.เสาไห้ ต.ม่วงงาม", names that tambon, and a list of districts is a list.)
  if (whole && !/ตำบล|ต\.|อำเภอ|อ\.|และ|[,;،、/]/u.test(whole[1] ?? '')) {
    if (whole[1] === undefined) {
      if (district) return { ok: true, value: { scope: 'district', tambonCodes: [], districtCode: district } };
      return {
        ok: false,
        en: `'${text}' needs its district: name it ("ทุกตำบล อ.เสาไห้") or fill the district column`,
        th: `'${text}' ต้องระบุอำเภอ (เช่น "ทุกตำบล อ.เสาไห้") หรือกรอกช่องอำเภอ`,
      };
    } else {
      const d = resolveDistrict(index, whole[1]);
      if (!d.ok) return d;
      return { ok: true, value: { scope: 'district', tambonCodes: [], districtCode: d.value } };
    }
  }
  const digits = toArabicDigits(compact);
  if (/^\d{4}$/u.test(digits)) {
    const d = resolveDistrict(index, digits);
    if (!d.ok) return d;
    return { ok: true, value: { scope: 'district', tambonCodes: [], districtCode: d.value } };
  }
  // Villages, the province and notes around the tambons are read past before the list is split.
  const pieces = placesOnly(text)
    .split(/[,;،、\n/]|\s+และ\s*|\s+and\s+/u)
    // Spaces alone separate codes and tambons each named as one ("ต.ก ต.ข", "190101 190105").
    .flatMap((p) => (/^[\d๐-๙\s]+$/u.test(p) ? p.split(/\s+/u) : p.split(/\s+(?=ต\.|ตำบล)/u)))
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .flatMap((p) => spacedPlaces(index, p, district));
  if (pieces.length === 0) {
    return { ok: false, en: `'${text}' names no tambon`, th: `'${text}' ไม่ได้ระบุตำบล` };
  }
  const codes: string[] = [];
  // A district before its tambons ("อ.เสาไห้ ต.ม่วงงาม, ต.เสาไห้") narrows the tambons after it; one named with no
  // tambon after it ("อ.เสาไห้, อ.หนองแค") stands for all of its tambons.
  let within = district;
  let bare: string | null = null;
  const allOf = (d: string): void => {
    for (const t of index.tambons.values()) if (t.districtCode === d) codes.push(t.code);
  };
  // The district of the tambon just read: named right after it ("ต.ปากเพรียว⏎อ.เมืองสระบุรี"), it is that tambon's.
  let after: string | null = null;
  for (const piece of pieces) {
    const named = /^(?:อำเภอ|อ\.)\s*(\S.*)$/u.exec(piece);
    if (named) {
      const d = resolveDistrict(index, named[1]!);
      if (!d.ok) return d;
      if (bare) allOf(bare);
      within = d.value;
      bare = d.value === after ? null : d.value;
      after = null;
      continue;
    }
    const t = resolveTambon(index, piece, within);
    if (!t.ok) return t;
    codes.push(t.value);
    bare = null;
    after = index.tambons.get(t.value)?.districtCode ?? null;
  }
  if (bare) allOf(bare);
  return { ok: true, value: { scope: 'tambons', tambonCodes: [...new Set(codes)].sort(), districtCode: null } };
}

const DISTRICT_WORD = /^(?:อำเภอ|อ\.)\s*/u;

/**
 * Places written apart by spaces alone, each a tambon or each a district ("ตาลเดี่ยว ทับกวาง", "อ.แก่งคอย อ.หนองแค"),
 * as a line break turned into a space or typed so leaves them: split when the whole is no place and every part is one;
 * otherwise the piece as written ("ต.ตาลเดี่ยว อ.แก่งคอย" is one tambon with its district).
 */
function spacedPlaces(index: AreaIndex, piece: string, district: string | null): string[] {
  if (!/\s/u.test(piece)) return [piece];
  if (DISTRICT_WORD.test(piece)) {
    const districts = piece.split(/\s+(?=อำเภอ|อ\.)/u);
    const isDistrict = (d: string): boolean => resolveDistrict(index, d.replace(DISTRICT_WORD, '')).ok;
    return districts.length > 1 && !isDistrict(piece) && districts.every(isDistrict) ? districts : [piece];
  }
  const words = piece.split(/\s+/u);
  const isTambon = (t: string): boolean => resolveTambon(index, t, district).ok;
  return !isTambon(piece) && words.every(isTambon) ? words : [piece];
}

const READINESS_WORDS: Readonly<Record<ReadinessKey, RegExp>> = {
  design: /แบบรูป|ประมาณราคา|ปร\.?\s*[45]|design|estimate/iu,
  land: /ที่ดิน|พื้นที่พร้อม|อนุญาต|land|site|permission/iu,
  no_overlap: /ซ้ำซ้อน|overlap/iu,
  maintainer: /รับโอน|บำรุงรักษา|ดูแลรักษา|maintain/iu,
  commit: /ก่อหนี้|ผูกพัน|ทำสัญญา|contract/iu,
};

/**
 * The readiness checklist items a cell says are met: keywords of each item, or all of them ("ครบ", "พร้อมทุกข้อ",
 * "5/5"); an empty list when none is recognised.
 * @example parseReadiness('มีแบบรูปรายการแล้ว, ที่ดินพร้อม') // ['design', 'land']
 */
export function parseReadiness(cell: Cell): ReadinessKey[] {
  const text = cellText(cell);
  if (text === null) return [];
  const t = toArabicDigits(text);
  if (/^(ครบ|ครบทุกข้อ|พร้อมทุกข้อ|พร้อมทั้งหมด|all|5\/5)$/iu.test(t.replace(/\s/gu, ''))) {
    return READINESS_ITEMS.map((i) => i.key);
  }
  return READINESS_ITEMS.map((i) => i.key).filter((k) => READINESS_WORDS[k].test(t));
}

/** A header naming households, and a count of households or of people in a cell. */
const HOUSEHOLDS_WORD = /ครัวเรือน|หลังคาเรือน|households/iu;
const HOUSEHOLDS_COUNT = /[0-9]\s?(?:ครัวเรือน|หลังคาเรือน|households)/iu;
const PEOPLE_COUNT = /[0-9]\s?(?:คน|ราย|people|persons)/iu;

const CODE_OF_KIND: Readonly<Record<'amount' | 'count', ProblemCode>> = { amount: 'BAD_AMOUNT', count: 'BAD_COUNT' };

/**
 * Converts and checks mapped rows. Rows without a code get one from agency and name (`P-` and 10 hex digits), so
 * the same request imported again is recognised.
 */
export function proposalsFromRows(
  rows: readonly MappedRow[],
  ctx: ProposalRowsContext,
): { proposals: ProposalFromRow[]; problems: InputProblem[]; problemCount: number } {
  const proposals: ProposalFromRow[] = [];
  const problems: InputProblem[] = [];
  let problemCount = 0;
  const labels = new Map<string, string>();
  const label = (key: string): string => {
    let text = labels.get(key);
    if (text === undefined) {
      const col = ctx.mapping[key];
      const given = col === undefined ? undefined : ctx.labels[col];
      text = given && given !== '' ? given : (PROPOSALS_TARGET.fields.find((f) => f.key === key)?.th ?? key);
      labels.set(key, text);
    }
    return text;
  };
  const add = (p: InputProblem): void => {
    problemCount++;
    if (problems.length < 1000) problems.push(p);
  };
  // Files repeat the same agencies, levels, issues, areas, amounts and readiness notes on many rows: each distinct
  // value is parsed once (the parsers are pure, so a remembered result is the same result).
  // A column headed in millions ("งบลงทุน (ล้านบาท)") or under a title's "หน่วย : พันบาท" reads its bare numbers so.
  const amount = rememberedIn((unit: MoneyUnit) => (c: Cell) => parseAmount(c, unit));
  const unitOf = (key: string): MoneyUnit => columnUnit(ctx.units, key, label(key));
  const count = remembered(parseCount);
  const people = remembered(parseCountOf('people'));
  const householdsOf = remembered(parseCountOf('households'));
  const level = remembered(parseLevel);
  const agencyLevel = remembered((a: Cell) => levelOfAgency(typeof a === 'string' ? a : ''));
  const issue = remembered((c: Cell) => parseIssue(c, ctx.issues));
  const readiness = remembered(parseReadiness);
  const priority = remembered(parsePriority);
  // The project's point: its latitude and longitude columns, else one column of both (pointReader, as for needs).
  const pointMapped = 'lat' in ctx.mapping || 'lon' in ctx.mapping || 'coords' in ctx.mapping;
  const readPoint = pointReader(label);
  const areaPoint = remembered((c: Cell) => (typeof c === 'string' ? pointInText(c) : null));
  const areasOf = rememberedIn(
    (districtCell: Cell) =>
      (c: Cell): Parsed<Areas> =>
        parseAreas(ctx.areas, c, districtCell),
  );
  // The request form's "กลุ่มเป้าหมาย / ผู้ได้รับประโยชน์ (คน/ครัวเรือน)" is one column for both ("150 คน / 40 ครัวเรือน"):
  // mapped to people, its households were dropped without a word. Without a column of their own, they are read there.
  const householdsInPeople =
    ctx.mapping['households'] === undefined && ctx.mapping['people'] !== undefined && HOUSEHOLDS_WORD.test(label('people'));
  let row = 0;
  let cells: Readonly<Record<string, Cell>> = {};
  let bad = false;
  const fail = (key: string, code: ProblemCode, r: { en: string; th: string }): void => {
    bad = true;
    add(problem(row, label(key), code, r.en, r.th));
  };
  const get = (key: string): Cell => cells[key] ?? null;
  const text = (key: string): string | null => cellText(get(key));
  const num = (key: string, kind: 'amount' | 'count'): number | null => {
    // "ไม่มี" in an amount says no amount, as a dash does.
    const t = kind === 'amount' ? amountText(get(key)) : text(key);
    if (t === null) return null;
    // A minus, or a figure in brackets as accounts write a negative ("(500,000)"; words in brackets are an amount).
    if (/^[-−–]|^\(\s*[0-9๐-๙][0-9๐-๙,.\s]*\)$/u.test(t)) {
      fail(key, 'NEGATIVE_AMOUNT', { en: `'${t}' is negative`, th: `'${t}' ติดลบ` });
      return null;
    }
    const r =
      kind === 'amount'
        ? amount(get(key), unitOf(key))
        : key === 'people'
          ? people(get(key))
          : key === 'households'
            ? householdsOf(get(key))
            : count(get(key));
    if (!r.ok) {
      fail(key, CODE_OF_KIND[kind], r);
      return null;
    }
    return r.value;
  };
  for (const mapped of rows) {
    row = mapped.row;
    cells = mapped.cells;
    bad = false;
    // Control characters and bidi overrides are refused in every cell (they could hide or reorder what is shown).
    let control: { key: string; found: NonNullable<ReturnType<typeof findControlChar>> } | null = null;
    for (const key of Object.keys(cells)) {
      const c = cells[key];
      const found = typeof c === 'string' ? findControlChar(c) : null;
      if (found !== null) {
        control = { key, found };
        break;
      }
    }
    if (control) {
      add(controlCharProblem(row, label(control.key), control.found));
      continue;
    }
    const codeText = text('code');
    const lost = codeText === null ? null : lostDigits(codeText);
    if (lost) fail('code', 'BAD_FIELD', lost);
    const title = text('title');
    if (title === null) fail('title', 'REQUIRED', emptyCellReason(label('title'), get('title')));
    // A number is no project's name: the column mapped to it counts projects ("จำนวนโครงการ" of a summary sheet
    // beside the list), and its rows' amounts would be the listed projects' counted again.
    else if (/^[\d๐-๙\s.,\-–/()]+$/u.test(title)) {
      fail('title', 'BAD_FIELD', {
        en: `'${title.slice(0, 20)}' is a number, not a project's name: is '${label('title')}' a count of projects (a summary table)? Import the list of projects only`,
        th: `'${title.slice(0, 20)}' เป็นตัวเลข ไม่ใช่ชื่อโครงการ: คอลัมน์ '${label('title')}' เป็นจำนวนโครงการ (ตารางสรุป) หรือไม่ กรุณานำเข้าเฉพาะรายการโครงการ`,
      });
    }
    const ownAgency = text('agency');
    // A division alone ("กองช่าง", "สำนักปลัด") is one of the plan's own local government: many have a กองช่าง.
    const agency =
      ownAgency !== null && ctx.owner && DIVISION.test(ownAgency) && !NAMES_OWNER.test(ownAgency)
        ? `${ownAgency} ${ctx.owner}`
        : (ownAgency ?? ctx.defaultAgency);
    if (agency === null) {
      fail('agency', 'REQUIRED', { en: 'no owner agency is given', th: 'ไม่ได้ระบุหน่วยงานรับผิดชอบ' });
    }
    let levelValue: ProposalLevel = agencyLevel(agency ?? '');
    if (text('level') !== null) {
      const l = level(get('level'));
      if (l.ok) levelValue = l.value;
      else fail('level', 'UNKNOWN_LEVEL', l);
    }
    let issueNo: number | null = null;
    if (text('development_issue') !== null) {
      const i = issue(get('development_issue'));
      if (i.ok) issueNo = i.value;
      else fail('development_issue', 'UNKNOWN_ISSUE', i);
    }
    // The form's location asks for a point beside the places ("… อ.แก่งคอย พิกัด 14.56, 101.00"): read apart from them.
    const areaCell = get('areas');
    const inAreas = areaPoint(areaCell);
    const areas = areasOf(inAreas ? inAreas.rest : areaCell, get('district'));
    if (!areas.ok && inAreas?.rest === '' && text('district') === null) {
      fail('areas', 'REQUIRED', {
        en: `'${label('areas')}' gives a point only: name the tambons (or the district) the project is carried out in too`,
        th: `ช่อง '${label('areas')}' มีเพียงพิกัด กรุณาระบุตำบล (หรืออำเภอ) ที่ดำเนินการด้วย`,
      });
    } else if (!areas.ok) {
      const empty = text('areas') === null && text('district') === null;
      fail(
        text('areas') === null ? 'district' : 'areas',
        empty ? 'REQUIRED' : /หลายอำเภอ/u.test(areas.th) ? 'AMBIGUOUS_AREA' : 'UNKNOWN_AREA',
        empty ? { en: `'${label('areas')}' is empty`, th: `ช่อง '${label('areas')}' ว่าง` } : areas,
      );
    }
    const operating = num('operating', 'amount');
    const equipment = num('equipment', 'amount');
    const construction = num('construction', 'amount');
    let investment = num('investment', 'amount');
    // Investment split into equipment and land and construction: its parts add up to it, or give it.
    if (equipment !== null || construction !== null) {
      const parts = (equipment ?? 0) + (construction ?? 0);
      if (investment === null) investment = parts;
      else if (investment !== parts) {
        const [i, e, c, sum] = [investment, equipment ?? 0, construction ?? 0, parts].map(formatBaht);
        fail('investment', 'AMOUNT_MISMATCH', {
          en: `the investment ${i} baht is not equipment ${e} + land and construction ${c} = ${sum} baht`,
          th: `งบลงทุน ${i} บาท ไม่เท่ากับค่าครุภัณฑ์ ${e} + ค่าที่ดินและสิ่งก่อสร้าง ${c} = ${sum} บาท`,
        });
      }
    }
    const requested = num('requested', 'amount');
    const minimum = num('minimum', 'amount');
    let people: number | null;
    let households: number | null;
    if (householdsInPeople) {
      const t = text('people') ?? '';
      const countsHouseholds = HOUSEHOLDS_COUNT.test(toArabicDigits(t));
      // "40 ครัวเรือน" alone names no people.
      people = countsHouseholds && !PEOPLE_COUNT.test(toArabicDigits(t)) ? null : num('people', 'count');
      households = null;
      if (countsHouseholds) {
        const r = householdsOf(get('people'));
        if (r.ok) households = r.value;
        else fail('people', 'BAD_COUNT', r);
      }
    } else {
      people = num('people', 'count');
      households = num('households', 'count');
    }
    let fiscalYear: number | null = null;
    if (text('fiscal_year') !== null) {
      const y = parseFiscalYear(get('fiscal_year'));
      if (y.ok) fiscalYear = y.value;
      else fail('fiscal_year', 'BAD_DATE', y);
    }
    let agencyPriority: number | null = null;
    if (text('priority') !== null) {
      const p = priority(get('priority'));
      if (p.ok) agencyPriority = p.value;
      else fail('priority', 'BAD_PRIORITY', p);
    }
    let point: LatLon | null = null;
    if (pointMapped) {
      const p = readPoint(get);
      for (const x of p.problems) fail(x.key, 'BAD_FIELD', x);
      point = p.value;
    }
    // A point column given wins over a point in the location's text.
    if (point === null && inAreas) {
      if (inAreas.point.ok) point = inAreas.point.value;
      else fail('areas', 'BAD_FIELD', inAreas.point);
    }
    if (bad) continue;
    // The request: operating + investment; a total alone counts as investment; a total with one part gives the other.
    let op = operating ?? 0;
    let inv = investment ?? 0;
    if (requested !== null) {
      if (operating !== null && investment !== null) {
        if (operating + investment !== requested) {
          const [t, o, i, sum] = [requested, operating, investment, operating + investment].map(formatBaht);
          fail('requested', 'AMOUNT_MISMATCH', {
            en: `the total ${t} baht is not operating ${o} + investment ${i} = ${sum} baht`,
            th: `ยอดรวม ${t} บาท ไม่เท่ากับงบดำเนินงาน ${o} + งบลงทุน ${i} = ${sum} บาท`,
          });
        }
      } else if (operating !== null) inv = requested - operating;
      else if (investment !== null) op = requested - investment;
      else inv = requested;
      if (op < 0 || inv < 0) {
        fail('requested', 'AMOUNT_MISMATCH', {
          en: `the total ${formatBaht(requested)} baht is less than its part ${formatBaht(operating ?? investment ?? 0)} baht`,
          th: `ยอดรวม ${formatBaht(requested)} บาท น้อยกว่างบส่วนที่ระบุ ${formatBaht(operating ?? investment ?? 0)} บาท`,
        });
      }
    } else if (operating === null && investment === null) {
      fail('requested', 'REQUIRED', { en: 'no requested amount is given', th: 'ไม่ได้ระบุวงเงินที่ขอ' });
    }
    if (bad || !areas.ok) continue;
    if (minimum !== null && minimum > op + inv) {
      fail('minimum', 'MINIMUM_ABOVE_REQUEST', {
        en: `the minimum ${formatBaht(minimum)} baht is above the requested ${formatBaht(op + inv)} baht`,
        th: `วงเงินขั้นต่ำ ${formatBaht(minimum)} บาท มากกว่าวงเงินที่ขอ ${formatBaht(op + inv)} บาท`,
      });
      continue;
    }
    const givenCode = text('code');
    const kpiText = text('kpi');
    const kpis: Kpi[] = kpiText === null ? [] : [{ name: kpiText.slice(0, 300), target: '', unit: '' }];
    const input: ProposalInput = {
      code: givenCode ?? `P-${rowHash(`${agency ?? ''}|${title ?? ''}`).slice(-10)}`,
      title: title!,
      level: levelValue,
      agency: agency!,
      developmentIssueNo: issueNo,
      ...areas.value,
      tambonCodes: [...areas.value.tambonCodes],
      operating: op,
      investment: inv,
      minimum,
      people,
      households,
      agencyPriority,
      point,
      readiness: [...readiness(get('readiness'))],
      kpis,
      description: text('description') ?? '',
      strategy: '',
    };
    const own = proposalProblems(input);
    if (own.length > 0) {
      for (const p of own) fail(p.field === 'title' ? 'title' : 'requested', 'BAD_PROPOSAL', p);
      continue;
    }
    // What the proposal editor accepts, the file must too (else an imported proposal could not be saved again).
    let tooLong = false;
    for (const [field, max] of Object.entries(PROPOSAL_TEXT_LIMITS)) {
      const given = input[field as keyof typeof PROPOSAL_TEXT_LIMITS];
      // (The editor trims as it checks; description is kept as written.)
      const length = field === 'description' ? given.length : given.trim().length;
      if (length <= max) continue;
      fail(field, 'BAD_FIELD', {
        en: `'${label(field)}' has ${length} characters, more than the ${max} a proposal's ${field} may have`,
        th: `ช่อง '${label(field)}' ยาว ${length} ตัวอักษร เกิน ${max} ตัวอักษรที่รับได้`,
      });
      tooLong = true;
    }
    if (tooLong) continue;
    proposals.push({ row, input, fiscalYear, codeGiven: givenCode !== null });
  }
  return { proposals, problems, problemCount };
}
