/**
 * The proposals target: the fields of a project request as agencies' and local governments' files name them (the
 * province's request form: ชื่อโครงการ, หน่วยงานรับผิดชอบ, ประเด็นการพัฒนา, พื้นที่ดำเนินการ, งบประมาณ แยกงบดำเนินงาน /
 * งบลงทุน, กลุ่มเป้าหมาย, ตัวชี้วัด, ความพร้อม), in Thai and English.
 */
import { toArabicDigits } from '../money';
import { POINT_FIELDS, villageHeading, type TargetSchema } from './target';

/** A development issue's heading ("ประเด็นการพัฒนาที่ ๒ …", "ยุทธศาสตร์ที่ 2 …", "ประเด็นที่ 2") as "ประเด็นการพัฒนาที่ 2". */
export function issueHeading(text: string): string | null {
  if (text.length > 200) return null;
  const m =
    /^(?:ประเด็น(?:การพัฒนา|ยุทธศาสตร์)?|ยุทธศาสตร์(?:การพัฒนา)?|issue|strategy)\s*(?:ที่|no\.?)?\s*([0-9๐-๙]{1,2})(?:\s|[.:)]|$)/iu.exec(
      text,
    );
  return m ? `ประเด็นการพัฒนาที่ ${toArabicDigits(m[1]!)}` : null;
}

/** A plan's or a strategy's heading within an issue ("แผนงานเคหะและชุมชน", "กลยุทธ์ที่ 1 …"): passed over. */
export function planHeading(text: string): string | null {
  return text.length <= 200 && /^(?:แผนงาน|กลยุทธ์|แนวทางการพัฒนา)\s*\S/u.test(text) ? text : null;
}

export const PROPOSALS_TARGET: TargetSchema = {
  id: 'proposals',
  // Area headings over a district's rows: a ตำบล heading names the project's area (a village heading under it is
  // passed over). Topic headings: a development issue's ("ประเด็นการพัฒนาที่ 2 …", "ยุทธศาสตร์ที่ 2") fills the issue;
  // a plan's or a strategy's within it ("แผนงานเคหะและชุมชน", "กลยุทธ์ที่ 1 …") is passed over. Above the header they
  // head nothing: a local plan's title names its own strategy ("ยุทธศาสตร์ที่ 2"), not the province's issue.
  sections: [
    { key: 'district', chain: 'area', prefixes: ['อำเภอ', 'อ.'] },
    { key: 'areas', chain: 'area', prefixes: ['ตำบล', 'ต.'] },
    { key: 'village', chain: 'area', read: villageHeading, title: true },
    { key: 'development_issue', chain: 'topic', read: issueHeading },
    { key: 'plan', chain: 'topic', read: planHeading },
  ],
  // Rows grouped under an agency or an area written once.
  fillDown: [
    { anchor: 'agency', with: ['level'] },
    { anchor: 'areas', with: ['district'] },
  ],
  // The request form's "ระยะเวลาดำเนินการ (ปีงบประมาณ, ไตรมาส)" holds when the work is done ("ไตรมาส 1-2", "ต.ค. 2569 -
  // ก.ย. 2570"): read as the fiscal year (or, by its "งบประมาณ", as the request) it refused the whole file. The year
  // comes from the title, a sheet's name or a fiscal-year column of its own.
  passOver: ['ระยะเวลา', 'duration'],
  fields: [
    {
      key: 'code',
      th: 'รหัสโครงการ',
      en: 'Code',
      kind: 'id',
      required: false,
      asShown: true,
      synonyms: ['รหัสโครงการ', 'รหัส', 'เลขที่โครงการ', 'code', 'project code', 'projectcode', 'project id'],
    },
    {
      key: 'title',
      th: 'ชื่อโครงการ',
      en: 'Project name',
      kind: 'text',
      required: true,
      synonyms: [
        'ชื่อโครงการ',
        'โครงการ',
        'ชื่อโครงการ/กิจกรรม',
        'โครงการ/กิจกรรม',
        'แผนงาน/โครงการ',
        'project',
        'project name',
        'name',
        'title',
      ],
    },
    {
      key: 'level',
      th: 'ระดับ',
      en: 'Level',
      kind: 'text',
      required: false,
      synonyms: ['ระดับ', 'ระดับโครงการ', 'ประเภทหน่วยงาน', 'level'],
    },
    {
      key: 'agency',
      th: 'หน่วยงานรับผิดชอบ',
      en: 'Owner agency',
      kind: 'text',
      required: false,
      synonyms: [
        'หน่วยงานรับผิดชอบ',
        'หน่วยงานดำเนินการ',
        'หน่วยดำเนินการ',
        'หน่วยงานที่รับผิดชอบ',
        'หน่วยงานเจ้าของโครงการ',
        'หน่วยงาน',
        'ผู้รับผิดชอบ',
        'owner agency',
        'agency',
        'implementing agency',
      ],
    },
    {
      key: 'development_issue',
      th: 'ประเด็นการพัฒนา',
      en: 'Development issue',
      kind: 'text',
      required: false,
      synonyms: [
        'ประเด็นการพัฒนา',
        'ประเด็นการพัฒนาจังหวัด',
        'ประเด็นยุทธศาสตร์',
        'ยุทธศาสตร์',
        'ประเด็น',
        'development issue',
        'issue',
        'strategy',
      ],
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
      key: 'areas',
      th: 'พื้นที่ดำเนินการ',
      en: 'Areas',
      kind: 'area',
      required: true,
      synonyms: [
        'พื้นที่ดำเนินการ',
        'สถานที่ดำเนินการ',
        'พื้นที่เป้าหมาย',
        'พื้นที่',
        'ตำบล',
        'รหัสตำบล',
        'location',
        'areas',
        'area',
        'tambon',
        'tambons',
      ],
    },
    {
      key: 'operating',
      th: 'งบดำเนินงาน',
      en: 'Operating',
      kind: 'amount',
      required: false,
      perRow: true,
      synonyms: ['งบดำเนินงาน', 'ค่าดำเนินงาน', 'operating', 'operating budget', 'opex'],
    },
    {
      key: 'investment',
      th: 'งบลงทุน',
      en: 'Investment',
      kind: 'amount',
      required: false,
      perRow: true,
      synonyms: ['งบลงทุน', 'ค่าครุภัณฑ์ที่ดินและสิ่งก่อสร้าง', 'ครุภัณฑ์ที่ดินและสิ่งก่อสร้าง', 'investment', 'capital', 'capex'],
    },
    // The investment's two parts, as the province's request form splits it.
    {
      key: 'equipment',
      th: 'ค่าครุภัณฑ์',
      en: 'Equipment',
      kind: 'amount',
      required: false,
      perRow: true,
      synonyms: ['ค่าครุภัณฑ์', 'ครุภัณฑ์', 'งบลงทุน ครุภัณฑ์', 'equipment'],
    },
    {
      key: 'construction',
      th: 'ค่าที่ดินและสิ่งก่อสร้าง',
      en: 'Land and construction',
      kind: 'amount',
      required: false,
      perRow: true,
      synonyms: ['ค่าที่ดินและสิ่งก่อสร้าง', 'ที่ดินและสิ่งก่อสร้าง', 'สิ่งก่อสร้าง', 'land and construction', 'construction'],
    },
    {
      key: 'requested',
      th: 'งบประมาณที่ขอ',
      en: 'Requested',
      kind: 'amount',
      required: false,
      perRow: true,
      synonyms: [
        'งบประมาณที่ขอ',
        'งบประมาณที่เสนอขอ',
        'วงเงินที่ขอ',
        'งบประมาณรวม',
        'วงเงินงบประมาณ',
        'งบประมาณ',
        'รวม',
        'วงเงิน',
        'จำนวนเงิน',
        'requested',
        'amount',
        'budget',
        'total',
      ],
    },
    {
      key: 'minimum',
      th: 'วงเงินขั้นต่ำ',
      en: 'Minimum',
      kind: 'amount',
      required: false,
      perRow: true,
      synonyms: ['วงเงินขั้นต่ำ', 'งบประมาณขั้นต่ำ', 'วงเงินขั้นต่ำที่ดำเนินการได้', 'minimum', 'minimum amount', 'min'],
    },
    {
      key: 'people',
      th: 'ผู้ได้รับประโยชน์ (คน)',
      en: 'People',
      kind: 'count',
      counts: 'people',
      required: false,
      perRow: true,
      synonyms: ['ผู้ได้รับประโยชน์', 'จำนวนผู้ได้รับประโยชน์', 'กลุ่มเป้าหมาย', 'ประชาชนที่ได้รับประโยชน์', 'คน', 'people', 'beneficiaries'],
    },
    {
      key: 'households',
      th: 'ครัวเรือน',
      en: 'Households',
      kind: 'count',
      counts: 'households',
      required: false,
      perRow: true,
      synonyms: ['ครัวเรือน', 'จำนวนครัวเรือน', 'ครัวเรือนที่ได้รับประโยชน์', 'households', 'hh'],
    },
    {
      key: 'fiscal_year',
      th: 'ปีงบประมาณ',
      en: 'Fiscal year',
      kind: 'count',
      required: false,
      synonyms: ['ปีงบประมาณ', 'ปีงบประมาณพศ', 'ปี', 'fiscal year', 'fiscalyear', 'fy'],
    },
    // The request form's ลำดับความสำคัญ: the agency's own ranking of its proposals (1 = most important). "ลำดับ" alone
    // is a row's running number, never this.
    {
      key: 'priority',
      th: 'ลำดับความสำคัญ',
      en: 'Agency priority',
      kind: 'count',
      required: false,
      synonyms: [
        'ลำดับความสำคัญ',
        'ลำดับความสำคัญของโครงการ',
        'ลำดับความสำคัญของหน่วยงาน',
        'อันดับความสำคัญ',
        'ความสำคัญลำดับที่',
        'priority',
        'agency priority',
        'priority rank',
      ],
    },
    {
      key: 'readiness',
      th: 'ความพร้อม',
      en: 'Readiness',
      kind: 'text',
      required: false,
      note: true,
      synonyms: ['ความพร้อม', 'ความพร้อมของโครงการ', 'สถานะความพร้อม', 'readiness'],
    },
    {
      key: 'kpi',
      th: 'ตัวชี้วัด',
      en: 'KPI',
      kind: 'text',
      required: false,
      note: true,
      synonyms: ['ตัวชี้วัด', 'ตัวชี้วัดค่าเป้าหมาย', 'ผลผลิต', 'ค่าเป้าหมาย', 'kpi', 'kpis', 'indicator', 'output'],
    },
    {
      key: 'description',
      th: 'หลักการและเหตุผล',
      en: 'Description',
      kind: 'text',
      required: false,
      note: true,
      synonyms: ['หลักการและเหตุผล', 'รายละเอียด', 'วัตถุประสงค์', 'รายละเอียดโครงการ', 'description', 'details', 'rationale'],
    },
    // The project's place as a point (the request form's พื้นที่ดำเนินการ … พิกัด), read as a need's is.
    ...POINT_FIELDS,
  ],
};
