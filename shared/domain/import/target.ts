/**
 * What an import fills: a target schema (needs now, proposals next) lists its fields with Thai and English names,
 * whether each is required, and the header synonyms that recognise its column in Thai and English files.
 */
import { toArabicDigits } from '../money';
import type { CountUnit } from './units';
import { categoryCandidates, namedCategory } from './values';

/** How a field's cells are read (see values.ts and areas.ts). */
export type FieldKind = 'text' | 'count' | 'amount' | 'date' | 'area' | 'channel' | 'category' | 'status' | 'id' | 'coordinate';

export type TargetField = Readonly<{
  key: string;
  th: string;
  en: string;
  kind: FieldKind;
  /**
   * What a count counts: a header whose unit in brackets names the other ("จำนวนผู้ได้รับประโยชน์ (ครัวเรือน)") is the
   * other's column, whatever its words name (see countUnit).
   */
  counts?: CountUnit;
  required: boolean;
  /** Header texts that name this column (compared after headerKey); the first is the canonical Thai label. */
  synonyms: readonly string[];
  /**
   * A quantity of one row (people, households, money): a cell merged down over several rows would count for each of
   * them, so such a cell is refused (a village number or a category merged down names each row alike).
   */
  perRow?: true;
  /**
   * Free notes (a description, a KPI): a cell Excel shows as a date is read as the date it shows ("5/10/2569"), where
   * in a code, a title or a name it is refused (Excel turned what was typed into a date).
   */
  note?: true;
  /**
   * Read as the cell shows it: a whole number its format pads with zeros ("00000" shows 123 as "00123") is that text,
   * as the agency sees its code (read as the number, "123", it would be another code than the one the agency uses).
   */
  asShown?: true;
  /**
   * A postal address's column ("ที่อยู่", "ที่อยู่ (บ้านเลขที่ หมู่ ตำบล อำเภอ)", an online form's) names this field
   * when no column names it by a synonym: the place its cells name is read from the address.
   */
  addresses?: true;
  /** How the user can fill a required field without a column (said when no column is mapped to it). */
  byChoice?: Readonly<{ en: string; th: string }>;
}>;

/**
 * A report's section heading under the header ("ตำบลเสาไห้", "หมู่ที่ 3 บ้านหนองโน", "1. ด้านแหล่งน้ำ" alone on its row):
 * the field it fills in the rows below. Headings of one chain nest (areas: อำเภอ > ตำบล > หมู่; topics), listed coarse to
 * fine: a heading clears the finer ones of its own chain (a new อำเภอ ends the ตำบล above it, not the ด้าน).
 * A heading is read either by `prefixes` (it begins with one and names something without digits after it) or by
 * `read` (its value, or null when the text is no such heading). A heading whose key is not a field of the schema is
 * passed over without filling anything.
 */
export type SectionField = Readonly<{
  key: string;
  chain: 'area' | 'topic';
  prefixes?: readonly string[];
  read?: (text: string) => string | null;
  /** Whether a title row above the header that is such a heading heads the whole sheet (areas are read apart). */
  title?: boolean;
}>;

/**
 * A report's visual grouping: a required cell (`anchor`) left empty under a data row that has one repeats it, with the
 * cells of `with` that are empty too ("ตาลเดี่ยว | 1 | ถนน" then " | | ประปา": the same tambon and village).
 */
export type FillDown = Readonly<{ anchor: string; with: readonly string[] }>;

export type TargetSchema = Readonly<{
  id: string;
  fields: readonly TargetField[];
  sections?: readonly SectionField[];
  fillDown?: readonly FillDown[];
  /**
   * Words of a header that name a column no field is read from, though it contains a field's synonym (compared after
   * headerKey; the column can still be mapped by hand).
   */
  passOver?: readonly string[];
}>;

/** A count after a heading's name is not part of it: "(12 หมู่บ้าน)", "จำนวน 5 เรื่อง". */
function withoutCount(text: string): string {
  return text
    .replace(/\s*[([][^)\]]{0,80}[)\]]\s*$/u, '')
    .replace(/\s+(?:จำนวน\s*)?[0-9๐-๙,]{1,6}\s*(?:หมู่บ้าน|หมู่|ชุมชน|ตำบล|ครัวเรือน|คน|เรื่อง|รายการ|โครงการ|ข้อ)$/u, '')
    .trim();
}

/** A village heading: "หมู่ที่ 3", "ม.๓ บ้านหนองโน", "บ้านหนองโน หมู่ที่ 3" (its number, in Arabic digits). */
export function villageHeading(text: string): string | null {
  if (text.length > 120) return null;
  const t = withoutCount(text);
  const m =
    /^(?:หมู่ที่|หมู่|ม\.)\s*([0-9๐-๙]{1,3})(?:\s+(?:บ้าน|บ\.)[^0-9๐-๙]{1,60})?$/u.exec(t) ??
    /^(?:บ้าน|บ\.)[^0-9๐-๙]{1,60}\s(?:หมู่ที่|หมู่|ม\.)\s*([0-9๐-๙]{1,3})$/u.exec(t);
  return m ? toArabicDigits(m[1]!) : null;
}

/** A category heading: "ด้านแหล่งน้ำ", "1. ด้านโครงสร้างพื้นฐาน", "หมวด: สาธารณสุข (5 เรื่อง)" (the category's id). */
export function categoryHeading(text: string): string | null {
  if (text.length > 120) return null;
  const unnumbered = withoutCount(text).replace(/^\(?[0-9๐-๙]{1,2}(?:\.[0-9๐-๙]{1,2}){0,3}[.)]?\s*/u, '');
  const t = unnumbered.replace(/^(?:หมวดหมู่|หมวด|ประเภท)\s*:?\s*/u, '');
  if (t === '') return null;
  // A category's own name, or a label that says it is one ("ด้าน…", "หมวด…") in words that name one category; a label
  // that spans several ("ด้านโครงสร้างพื้นฐาน") heads its rows as written, each row's title then saying which.
  const named = namedCategory(t);
  if (named !== null || !/^(?:ด้าน|หมวด|ประเภท)/u.test(unnumbered)) return named;
  const found = categoryCandidates(t);
  return found.length === 1 ? found[0]! : found.length > 1 ? t : null;
}

/** Area headings, as district offices' reports group their rows (needs and proposals alike). */
export const AREA_SECTIONS: readonly SectionField[] = [
  { key: 'district', chain: 'area', prefixes: ['อำเภอ', 'อ.'] },
  { key: 'tambon', chain: 'area', prefixes: ['ตำบล', 'ต.'] },
  { key: 'village_no', chain: 'area', read: villageHeading, title: true },
];

/** A mapping: target field key → 0-based column index in the sheet. */
export type ColumnMapping = Readonly<Record<string, number>>;

const HEADER_UNIT = /\((?:บาท|คน|ครัวเรือน|ราย|ครั้ง|baht|thb|people|households)\)/gu;
const HEADER_PUNCTUATION = /[\s.:/\\()[\]{}*"'’“”_-]/gu;

/**
 * A header text reduced for matching: lower case, Thai digits, spaces, punctuation and units in parentheses removed
 * (kept when the unit is all it names: "จำนวน (คน)" is 'จำนวนคน').
 * @example headerKey(' งบประมาณ (บาท) ') // 'งบประมาณ'
 */
export function headerKey(text: string): string {
  const lower = text.toLowerCase();
  const key = lower.replace(HEADER_UNIT, '').replace(HEADER_PUNCTUATION, '');
  // "จำนวน (คน)": the unit is all the label says of what it counts.
  return key === 'จำนวน' || key === '' ? lower.replace(HEADER_PUNCTUATION, '') : key;
}

/**
 * A row's point (see coordinates.ts): a latitude and a longitude column, or one column of both (a complaints
 * platform's "coords", the request form's พิกัด). Needs and proposals read them alike (pointReader).
 */
export const POINT_FIELDS: readonly TargetField[] = [
  {
    key: 'lat',
    th: 'ละติจูด',
    en: 'Latitude',
    kind: 'coordinate',
    required: false,
    synonyms: ['ละติจูด', 'ลติจูด', 'lat', 'latitude'],
  },
  {
    key: 'lon',
    th: 'ลองจิจูด',
    en: 'Longitude',
    kind: 'coordinate',
    required: false,
    synonyms: ['ลองจิจูด', 'ลองติจูด', 'lon', 'lng', 'longitude'],
  },
  {
    key: 'coords',
    th: 'พิกัด',
    en: 'Coordinates',
    kind: 'coordinate',
    required: false,
    synonyms: [
      'พิกัด',
      'พิกัดที่ตั้ง',
      'พิกัดgps',
      'gps',
      'coords',
      'coordinates',
      'coordinate',
      'latlng',
      'latlon',
      'latlong',
      // A heading naming both ("พิกัด (ละติจูด, ลองจิจูด)", "Lat, Long") is the column of both, not one of them.
      'ละติจูดลองจิจูด',
      'ละติจูด,ลองจิจูด',
      'ลองจิจูดละติจูด',
      'ลองจิจูด,ละติจูด',
      'latitudelongitude',
      'latitude,longitude',
      'lat,lon',
      'lat,long',
      'lat,lng',
    ],
  },
];

/** The needs target: the protocol's record fields, plus district as a help to resolve tambon names. */
export const NEEDS_TARGET: TargetSchema = {
  id: 'needs',
  sections: [...AREA_SECTIONS, { key: 'category', chain: 'topic', read: categoryHeading, title: true }],
  fillDown: [{ anchor: 'tambon', with: ['district', 'village_no'] }],
  fields: [
    {
      key: 'id',
      th: 'รหัสความต้องการ',
      en: 'Need id',
      kind: 'id',
      required: false,
      // A complaints platform's or a petition register's number too ("ticket_id", "เลขที่คำร้อง"): its next export
      // then updates the needs it gave before instead of adding them again.
      synonyms: ['รหัสความต้องการ', 'รหัส', 'เลขที่', 'เลขที่เรื่อง', 'เลขรับ', 'id', 'needid', 'รหัสเรื่อง', 'ticketid', 'เลขที่คำร้อง'],
    },
    { key: 'version', th: 'รุ่น', en: 'Version', kind: 'count', required: false, synonyms: ['รุ่น', 'version', 'ฉบับที่'] },
    {
      key: 'title',
      th: 'ความต้องการ',
      en: 'Need',
      kind: 'text',
      required: true,
      synonyms: [
        'ความต้องการ',
        'ปัญหาความต้องการ',
        'ปัญหา/ความต้องการ',
        'สภาพปัญหา',
        'เรื่อง',
        'รายการ',
        'ชื่อเรื่อง',
        'ความต้องการของประชาชน',
        'ปัญหา',
        'ปัญหาที่พบ',
        'ปัญหาความเดือดร้อน',
        'ความเดือดร้อน',
        'สิ่งที่ต้องการ',
        'title',
        'need',
        'request',
        'issue',
      ],
    },
    {
      key: 'description',
      th: 'รายละเอียด',
      en: 'Description',
      kind: 'text',
      required: false,
      note: true,
      synonyms: ['รายละเอียด', 'รายละเอียดเพิ่มเติม', 'หมายเหตุ', 'description', 'details', 'note'],
    },
    {
      key: 'category',
      th: 'ด้าน',
      en: 'Category',
      kind: 'category',
      required: true,
      synonyms: ['ด้าน', 'หมวด', 'หมวดหมู่', 'ประเภท', 'ประเภทปัญหา', 'กลุ่มปัญหา', 'ประเภทความต้องการ', 'สาขา', 'category', 'type'],
    },
    {
      key: 'province',
      th: 'จังหวัด',
      en: 'Province',
      kind: 'area',
      required: false,
      synonyms: ['จังหวัด', 'จ', 'province', 'changwat'],
    },
    {
      key: 'district',
      th: 'อำเภอ',
      en: 'District',
      kind: 'area',
      required: false,
      synonyms: ['อำเภอ', 'อ', 'รหัสอำเภอ', 'district', 'amphoe'],
    },
    {
      key: 'tambon',
      th: 'ตำบล',
      en: 'Tambon',
      kind: 'area',
      required: true,
      synonyms: ['ตำบล', 'ต', 'รหัสตำบล', 'พื้นที่', 'tambon', 'subdistrict', 'tambon code'],
      addresses: true,
    },
    {
      key: 'village_no',
      th: 'หมู่ที่',
      en: 'Village no.',
      kind: 'count',
      required: false,
      synonyms: ['หมู่ที่', 'หมู่', 'ม', 'หมู่บ้าน', 'village', 'village no', 'moo'],
    },
    {
      key: 'households',
      th: 'ครัวเรือน',
      en: 'Households',
      kind: 'count',
      counts: 'households',
      required: false,
      perRow: true,
      synonyms: ['ครัวเรือน', 'จำนวนครัวเรือน', 'ครัวเรือนที่ได้รับผลกระทบ', 'หลังคาเรือน', 'households', 'hh'],
    },
    {
      key: 'people_affected',
      th: 'ผู้ได้รับผลกระทบ',
      en: 'People affected',
      kind: 'count',
      counts: 'people',
      required: true,
      perRow: true,
      // A complaints platform's export, a form's responses: one row is one person who raised the need.
      byChoice: {
        en: "; if each row is one person who raised the need (a complaints platform's export, a form's responses), choose to count each row as one person (in the import's preview, or --one-person-per-row on the command line)",
        th: ' หากแต่ละแถวคือผู้แจ้ง 1 คน (ข้อมูลจากระบบรับเรื่องร้องเรียน คำตอบแบบฟอร์ม) ให้เลือกนับแถวละ 1 คน (ในหน้าตรวจสอบไฟล์ก่อนนำเข้า หรือ --one-person-per-row ในบรรทัดคำสั่ง)',
      },
      synonyms: [
        'ผู้ได้รับผลกระทบ',
        'จำนวนผู้ได้รับผลกระทบ',
        'ผู้ได้รับประโยชน์',
        'จำนวนผู้ได้รับประโยชน์',
        'จำนวนคน',
        'จำนวนราย',
        'กลุ่มเป้าหมาย',
        'ผู้ได้รับความเดือดร้อน',
        'ผู้เดือดร้อน',
        'ผู้ประสบปัญหา',
        'ประชาชน',
        'จำนวนประชาชน',
        // A survey's people of the need ("ครัวเรือน | ประชากร"; "ราษฎรที่ได้รับประโยชน์" on government forms).
        'ประชากร',
        'ราษฎร',
        'ราษฎรที่ได้รับประโยชน์',
        'people',
        'peopleaffected',
        'people affected',
        'beneficiaries',
      ],
    },
    {
      key: 'times_raised',
      th: 'จำนวนครั้งที่เสนอ',
      en: 'Times raised',
      kind: 'count',
      required: false,
      perRow: true,
      synonyms: ['จำนวนครั้งที่เสนอ', 'จำนวนครั้ง', 'ครั้งที่เสนอ', 'เสนอกี่ครั้ง', 'times raised', 'timesraised'],
    },
    {
      key: 'channel',
      th: 'ช่องทาง',
      en: 'Channel',
      kind: 'channel',
      required: false,
      synonyms: ['ช่องทาง', 'ช่องทางที่รับเรื่อง', 'ที่มา', 'แหล่งที่มา', 'channel', 'source'],
    },
    {
      key: 'reported_date',
      th: 'วันที่',
      en: 'Date reported',
      kind: 'date',
      required: false,
      synonyms: [
        'วันที่',
        'วันที่รับเรื่อง',
        'วันที่แจ้ง',
        'วันที่เสนอ',
        'วันที่ประชาคม',
        'วันที่ส่ง',
        'วันที่บันทึก',
        // a form's own column (Google Forms: ประทับเวลา / Timestamp)
        'ประทับเวลา',
        'timestamp',
        'date',
        'reported date',
        'reporteddate',
      ],
    },
    {
      key: 'estimated_cost',
      th: 'งบประมาณ',
      en: 'Estimated cost',
      kind: 'amount',
      required: false,
      perRow: true,
      synonyms: [
        'งบประมาณ',
        'ประมาณการค่าใช้จ่าย',
        'ประมาณการงบประมาณ',
        // A survey's "ประมาณการ (บาท)": the estimate, alone.
        'ประมาณการ',
        'งบประมาณที่ต้องการ',
        'ค่าใช้จ่าย',
        'ราคา',
        'วงเงิน',
        'จำนวนเงิน',
        'estimated cost',
        'estimatedcost',
        'cost',
        'budget',
      ],
    },
    { key: 'status', th: 'สถานะ', en: 'Status', kind: 'status', required: false, synonyms: ['สถานะ', 'status'] },
    ...POINT_FIELDS,
  ],
};
