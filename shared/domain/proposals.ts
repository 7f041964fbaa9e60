/**
 * A project proposal as the secretariat enters it or an agency's file states it: the one shape the grid editor,
 * the proposals import and the round file write through (electron/core/services/proposal-store.ts).
 * Money is integer satang.
 */
import { inThailand, type LatLon } from './import/coordinates';

export type ProposalLevel = 'province' | 'agency' | 'local';
/** What a proposal covers: some tambons, one whole district, or the whole province. */
export type ProposalScope = 'tambons' | 'district' | 'province';

/** The readiness checklist of a proposal (the province's request form, ความพร้อมของโครงการ). */
export const READINESS_ITEMS = [
  { key: 'design', th: 'แบบรูปรายการ/ประมาณราคา (ปร.4, ปร.5)', en: 'Designs and cost estimate (Por.4, Por.5)' },
  { key: 'land', th: 'พื้นที่/ที่ดินพร้อม หนังสืออนุญาตใช้พื้นที่', en: 'Site ready, permission to use the land' },
  { key: 'no_overlap', th: 'ไม่ซ้ำซ้อนกับงบหน่วยงานอื่น / อปท.', en: 'No overlap with other agencies’ or local budgets' },
  { key: 'maintainer', th: 'หน่วยงานรับโอนทรัพย์สินและดูแลบำรุงรักษา', en: 'An agency takes over and maintains the assets' },
  { key: 'commit', th: 'สามารถก่อหนี้ผูกพันได้ทันในปีงบประมาณ', en: 'Can be contracted within the fiscal year' },
] as const;

export type ReadinessKey = (typeof READINESS_ITEMS)[number]['key'];

export const READINESS_KEYS: readonly ReadinessKey[] = READINESS_ITEMS.map((i) => i.key);

/** A key performance indicator: what is measured, its target and unit (free text, as the forms have them). */
export type Kpi = Readonly<{ name: string; target: string; unit: string }>;

/** The names of a proposal's fields as its changes are listed (audit events, version conflicts, cleared values). */
export const PROPOSAL_FIELD_NAMES: Readonly<Record<string, Readonly<{ th: string; en: string }>>> = {
  title: { th: 'ชื่อโครงการ', en: 'title' },
  level: { th: 'ระดับ', en: 'level' },
  agency: { th: 'หน่วยงาน', en: 'agency' },
  developmentIssueNo: { th: 'ประเด็นการพัฒนา', en: 'development issue' },
  scope: { th: 'ขอบเขตพื้นที่', en: 'scope' },
  areas: { th: 'พื้นที่ดำเนินการ', en: 'areas' },
  operating: { th: 'งบดำเนินงาน', en: 'operating budget' },
  investment: { th: 'งบลงทุน', en: 'investment budget' },
  minimum: { th: 'วงเงินขั้นต่ำ', en: 'minimum amount' },
  people: { th: 'ผู้ได้รับประโยชน์', en: 'beneficiaries' },
  households: { th: 'ครัวเรือน', en: 'households' },
  agencyPriority: { th: 'ลำดับความสำคัญ', en: "agency's priority" },
  point: { th: 'พิกัด', en: 'point' },
  readiness: { th: 'ความพร้อม', en: 'readiness' },
  kpis: { th: 'ตัวชี้วัด', en: 'KPIs' },
  description: { th: 'รายละเอียด', en: 'description' },
  strategy: { th: 'ยุทธศาสตร์', en: 'strategy' },
};

/** The largest agency priority a proposal may state (an agency ranks its own proposals: a few, at most thousands). */
export const AGENCY_PRIORITY_MAX = 9999;

export type ProposalInput = Readonly<{
  code: string;
  title: string;
  level: ProposalLevel;
  /** The owner agency (หน่วยงานรับผิดชอบ), or the local government for a local proposal. */
  agency: string;
  /** The round's development issue it answers, by number (null when not stated). */
  developmentIssueNo: number | null;
  scope: ProposalScope;
  /** The tambons (DOPA codes) for scope 'tambons'; ignored for 'district' and 'province'. */
  tambonCodes: readonly string[];
  /** The district for scope 'district'; ignored otherwise. */
  districtCode: string | null;
  operating: number;
  investment: number;
  /** The least amount it can be carried out with; null = not stated (then only the full request funds it). */
  minimum: number | null;
  people: number | null;
  households: number | null;
  /**
   * The agency's own ranking of this proposal among its proposals (the request form's ลำดับความสำคัญ, 1 = most
   * important); null when the agency gave none.
   */
  agencyPriority: number | null;
  /**
   * Where the project is carried out, as a point (the request form's พื้นที่ดำเนินการ … พิกัด), in degrees; null when
   * not given (its tambons still place it).
   */
  point: LatLon | null;
  readiness: readonly ReadinessKey[];
  kpis: readonly Kpi[];
  description: string;
  /** The strategy label used by the sample round's charts (free text; may be empty). */
  strategy: string;
}>;

/** The stored proposal: its input, id and version, and whether it was edited once members had scored it. */
export type Proposal = ProposalInput &
  Readonly<{
    id: number;
    roundId: number;
    requested: number;
    version: number;
    updatedAt: string | null;
    changedAfterScoring: boolean;
    /** The tambons it covers (for every scope), sorted. */
    coveredTambons: readonly string[];
  }>;

/**
 * Checks a proposal's own rules (not those needing the database): amounts, minimum, scope and its areas.
 * Returns the problems as {field, en, th}; empty when the proposal is consistent.
 * @example proposalProblems({ ...p, operating: 0, investment: 100, minimum: 200 })[0]?.field // 'minimum'
 */
export function proposalProblems(p: ProposalInput): { field: keyof ProposalInput; en: string; th: string }[] {
  const out: { field: keyof ProposalInput; en: string; th: string }[] = [];
  if (p.code.trim() === '') out.push({ field: 'code', en: 'the code is empty', th: 'ไม่มีรหัสโครงการ' });
  if (p.title.trim() === '') out.push({ field: 'title', en: 'the name is empty', th: 'ไม่มีชื่อโครงการ' });
  for (const key of ['operating', 'investment'] as const) {
    const v = p[key];
    if (!Number.isSafeInteger(v) || v < 0) {
      out.push({ field: key, en: `${key} must be a non-negative amount`, th: 'จำนวนเงินต้องไม่ติดลบ' });
    }
  }
  const requested = p.operating + p.investment;
  if (requested <= 0) {
    out.push({ field: 'investment', en: 'the requested amount is zero', th: 'วงเงินที่ขอเป็นศูนย์' });
  }
  if (p.minimum !== null && (!Number.isSafeInteger(p.minimum) || p.minimum < 0 || p.minimum > requested)) {
    out.push({
      field: 'minimum',
      en: 'the minimum fundable amount must be between 0 and the requested amount',
      th: 'วงเงินขั้นต่ำต้องไม่ติดลบและไม่เกินวงเงินที่ขอ',
    });
  }
  if (p.scope === 'tambons' && p.tambonCodes.length === 0) {
    out.push({ field: 'tambonCodes', en: 'no tambon is given', th: 'ไม่ได้ระบุตำบล' });
  }
  if (p.scope === 'district' && !p.districtCode) {
    out.push({ field: 'districtCode', en: 'no district is given', th: 'ไม่ได้ระบุอำเภอ' });
  }
  for (const key of ['people', 'households'] as const) {
    const v = p[key];
    if (v !== null && (!Number.isSafeInteger(v) || v < 0)) {
      out.push({ field: key, en: `${key} must be a whole number`, th: 'จำนวนต้องเป็นจำนวนเต็มไม่ติดลบ' });
    }
  }
  const priority = p.agencyPriority;
  if (priority !== null && (!Number.isSafeInteger(priority) || priority < 1 || priority > AGENCY_PRIORITY_MAX)) {
    out.push({
      field: 'agencyPriority',
      en: `the agency's priority must be a whole number from 1 to ${AGENCY_PRIORITY_MAX} (1 = most important)`,
      th: `ลำดับความสำคัญของหน่วยงานต้องเป็นจำนวนเต็มตั้งแต่ 1 ถึง ${AGENCY_PRIORITY_MAX} (1 = สำคัญที่สุด)`,
    });
  }
  if (p.point !== null && !inThailand(p.point)) {
    out.push({
      field: 'point',
      en: 'the point must lie in Thailand: a latitude of 5–21 and a longitude of 97–106 degrees',
      th: 'พิกัดต้องอยู่ในประเทศไทย: ละติจูด 5–21 และลองจิจูด 97–106 องศา',
    });
  }
  return out;
}
