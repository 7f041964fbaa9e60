/**
 * Where a citizen's need that no proposal of the round answers should go: the local government (อปท.) of its
 * tambon, a provincial agency, or the province itself. Participatory planning works at all three levels, so each
 * level sees the people's needs in its own remit, with the reason it was chosen. See docs/unmet-needs.md.
 */
import { baht, formatBaht } from './money';

/** The level that should act on an unmet need. */
export type DoorKind = 'province' | 'agency' | 'local';

/** One door: the province, one provincial agency (by name), or the local government(s) of one tambon. */
export type Door =
  Readonly<{ kind: 'province' }> | Readonly<{ kind: 'agency'; agency: string }> | Readonly<{ kind: 'local'; tambonCode: string }>;

/** Why a need was routed where it was (a stable code; the sentence is built by `routeReasonText`). */
export const ROUTE_REASONS = [
  'province_large',
  'local_remit',
  'local_small',
  'province_wide',
  'province_unassigned',
  'agency_remit',
] as const;
export type RouteReason = (typeof ROUTE_REASONS)[number];

/** The thresholds of the rule (money in satang). A round uses the defaults; agencies can be overridden per round. */
export type RoutingRule = Readonly<{
  /** A confined need up to this cost is within a local government's own development budget. */
  localMaxCost: number;
  /** A confined need of a transferred (local-remit) category up to this cost goes to the local government. */
  localRemitMaxCost: number;
  /** A need affecting more people than this is not confined to one village (about one village's population). */
  localMaxPeople: number;
  /** A need from this cost up is beyond one agency's function budget: the province plans it. */
  provinceMinCost: number;
  /** A category left unmet in at least this many districts is a provincial issue ... */
  wideDistricts: number;
  /** ... for its needs from this cost up (smaller ones stay with the agency's routine work). */
  pooledMinCost: number;
}>;

export const DEFAULT_ROUTING_RULE: RoutingRule = {
  localMaxCost: baht(500_000),
  localRemitMaxCost: baht(5_000_000),
  localMaxPeople: 1_000,
  provinceMinCost: baht(10_000_000),
  wideDistricts: 3,
  pooledMinCost: baht(1_000_000),
};

/**
 * Categories whose village-level works the Decentralization Act (พ.ร.บ.กำหนดแผนและขั้นตอนการกระจายอำนาจให้แก่
 * องค์กรปกครองส่วนท้องถิ่น พ.ศ. 2542, sections 16–17) transferred to local governments: village roads and bridges,
 * village water supply, street lighting, waste and the local environment.
 */
export const LOCAL_REMIT_CATEGORIES: ReadonlySet<string> = new Set([
  'roads_transport',
  'water',
  'utilities_digital',
  'environment',
]);

/** The provincial agency whose remit each category is, unless the round names another (`agency_route`). */
export const DEFAULT_AGENCIES: Readonly<Record<string, string>> = {
  water: 'โครงการชลประทานสระบุรี',
  roads_transport: 'แขวงทางหลวงชนบทจังหวัดสระบุรี',
  housing: 'สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัดสระบุรี',
  utilities_digital: 'การไฟฟ้าส่วนภูมิภาคจังหวัดสระบุรี',
  health: 'สำนักงานสาธารณสุขจังหวัดสระบุรี',
  education: 'สำนักงานศึกษาธิการจังหวัดสระบุรี',
  income_jobs: 'สำนักงานพัฒนาชุมชนจังหวัดสระบุรี',
  agriculture: 'สำนักงานเกษตรจังหวัดสระบุรี',
  welfare: 'สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัดสระบุรี',
  environment: 'สำนักงานทรัพยากรธรรมชาติและสิ่งแวดล้อมจังหวัดสระบุรี',
  safety_disaster: 'สำนักงานป้องกันและบรรเทาสาธารณภัยจังหวัดสระบุรี',
  community_culture: 'สำนักงานพัฒนาชุมชนจังหวัดสระบุรี',
};

/** What the rule looks at for one unmet need. */
export type RoutingInput = Readonly<{
  category: string;
  /** Satang; null when the need states no estimate. */
  estimatedCost: number | null;
  /** The village (หมู่ที่) it was raised in; null when it concerns the whole tambon or is not stated. */
  villageNo: number | null;
  peopleAffected: number;
  /** In how many districts needs of the same category are unmet in the round. */
  spreadDistricts: number;
  /** Whether some provincial agency is in charge of the category (a default or the round's choice). */
  hasAgency: boolean;
}>;

/**
 * Picks the reason (and so the level) for one unmet need. Checked in order: very large → province; confined to a
 * village and either a transferred task or small → local government; large and unmet across several districts →
 * province; no agency in charge → province; otherwise the agency whose remit the category is.
 * @example routeReason({ category: 'roads_transport', estimatedCost: baht(800_000), villageNo: 3,
 *   peopleAffected: 120, spreadDistricts: 1, hasAgency: true }) // 'local_remit'
 */
export function routeReason(input: RoutingInput, rule: RoutingRule = DEFAULT_ROUTING_RULE): RouteReason {
  const cost = input.estimatedCost;
  if (cost !== null && cost >= rule.provinceMinCost) return 'province_large';
  const confined = input.villageNo !== null && input.peopleAffected <= rule.localMaxPeople;
  if (confined && LOCAL_REMIT_CATEGORIES.has(input.category) && (cost === null || cost <= rule.localRemitMaxCost)) {
    return 'local_remit';
  }
  if (confined && cost !== null && cost <= rule.localMaxCost) return 'local_small';
  if (input.spreadDistricts >= rule.wideDistricts && cost !== null && cost >= rule.pooledMinCost) return 'province_wide';
  return input.hasAgency ? 'agency_remit' : 'province_unassigned';
}

/**
 * The level a reason sends a need to.
 * @example doorKindOf('local_small') // 'local'
 */
export function doorKindOf(reason: RouteReason): DoorKind {
  if (reason === 'local_remit' || reason === 'local_small') return 'local';
  return reason === 'agency_remit' ? 'agency' : 'province';
}

/**
 * The agency in charge of a category in a round: the round's choice, else the default; null when neither names one.
 * @example agencyFor('health', new Map()) // 'สำนักงานสาธารณสุขจังหวัดสระบุรี'
 */
export function agencyFor(category: string, overrides: ReadonlyMap<string, string>): string | null {
  return overrides.get(category) ?? DEFAULT_AGENCIES[category] ?? null;
}

/**
 * Routes one unmet need to its door.
 * @example routeNeed({ category: 'health', estimatedCost: baht(700_000), villageNo: 2, peopleAffected: 80,
 *   spreadDistricts: 1 }, '190101', new Map()).door // { kind: 'agency', agency: 'สำนักงานสาธารณสุขจังหวัดสระบุรี' }
 */
export function routeNeed(
  input: Omit<RoutingInput, 'hasAgency'>,
  tambonCode: string,
  overrides: ReadonlyMap<string, string>,
  rule: RoutingRule = DEFAULT_ROUTING_RULE,
): Readonly<{ door: Door; reason: RouteReason }> {
  const agency = agencyFor(input.category, overrides);
  const reason = routeReason({ ...input, hasAgency: agency !== null }, rule);
  const kind = doorKindOf(reason);
  const door: Door =
    kind === 'local'
      ? { kind: 'local', tambonCode }
      : kind === 'agency' && agency !== null
        ? { kind: 'agency', agency }
        : { kind: 'province' };
  return { door, reason };
}

/**
 * A door as one string, as the API and the SQL use it: `province`, `agency:<name>`, `local:<tambon code>`.
 * @example doorKey({ kind: 'local', tambonCode: '190101' }) // 'local:190101'
 */
export function doorKey(door: Door): string {
  if (door.kind === 'province') return 'province';
  return door.kind === 'agency' ? `agency:${door.agency}` : `local:${door.tambonCode}`;
}

/**
 * Reads a door key back; null when it is not one.
 * @example parseDoorKey('agency:สำนักงานเกษตรจังหวัดสระบุรี') // { kind: 'agency', agency: 'สำนักงานเกษตรจังหวัดสระบุรี' }
 */
export function parseDoorKey(key: string): Door | null {
  if (key === 'province') return { kind: 'province' };
  if (key.startsWith('agency:') && key.length > 'agency:'.length) return { kind: 'agency', agency: key.slice(7) };
  const local = /^local:(\d{6})$/u.exec(key);
  return local?.[1] ? { kind: 'local', tambonCode: local[1] } : null;
}

/**
 * The local government(s) of a tambon, named by the tambon: there is no list of เทศบาล/อบต. names to go by.
 * @example localGovernmentName('ปากเพรียว', 'เมืองสระบุรี') // 'องค์กรปกครองส่วนท้องถิ่นในตำบลปากเพรียว อำเภอเมืองสระบุรี'
 */
export function localGovernmentName(tambonTh: string, districtTh: string): string {
  return `องค์กรปกครองส่วนท้องถิ่นในตำบล${stripPrefix(tambonTh, 'ตำบล')} อำเภอ${stripPrefix(districtTh, 'อำเภอ')}`;
}

/** The English form of `localGovernmentName`. */
export function localGovernmentNameEn(tambonEn: string, districtEn: string): string {
  return `Local government(s) of tambon ${tambonEn}, ${districtEn} district`;
}

/** The province's own door (the Governor's office plans the provincial development plan). */
export const PROVINCE_DOOR_NAME = { th: 'จังหวัดสระบุรี (แผนพัฒนาจังหวัด)', en: 'Saraburi province (provincial development plan)' };

function stripPrefix(name: string, prefix: string): string {
  return name.startsWith(prefix) ? name.slice(prefix.length) : name;
}

export type ReasonContext = Readonly<{
  /** The agency in charge of the category (for agency_remit). */
  agency: string | null;
  spreadDistricts: number;
}>;

/**
 * The reason in Thai and English, with the thresholds that applied.
 * @example routeReasonText('local_small', { agency: null, spreadDistricts: 1 }).en
 *   // 'Confined to one village and estimated at no more than 500,000.00 baht: …'
 */
export function routeReasonText(
  reason: RouteReason,
  ctx: ReasonContext,
  rule: RoutingRule = DEFAULT_ROUTING_RULE,
): Readonly<{ th: string; en: string }> {
  const act = 'ภารกิจถ่ายโอนตาม พ.ร.บ.กำหนดแผนและขั้นตอนการกระจายอำนาจฯ พ.ศ. 2542';
  switch (reason) {
    case 'province_large':
      return {
        th: `ประมาณการตั้งแต่ ${formatBaht(rule.provinceMinCost)} บาท เกินงบตามภารกิจของ อปท. หรือหน่วยงานเดียว ควรบรรจุในแผนพัฒนาจังหวัด`,
        en: `Estimated at ${formatBaht(rule.provinceMinCost)} baht or more: beyond a local government's or one agency's budget, for the provincial development plan`,
      };
    case 'local_remit':
      return {
        th: `งานระดับหมู่บ้านประเภทนี้เป็น${act} (ไม่เกิน ${formatBaht(rule.localRemitMaxCost)} บาท)`,
        en: `A village-level task transferred to local governments by the Decentralization Act 1999 (up to ${formatBaht(rule.localRemitMaxCost)} baht)`,
      };
    case 'local_small':
      return {
        th: `อยู่ในหมู่บ้านเดียวและประมาณการไม่เกิน ${formatBaht(rule.localMaxCost)} บาท อยู่ในขีดความสามารถของ อปท. ในพื้นที่ (${act})`,
        en: `Confined to one village and estimated at no more than ${formatBaht(rule.localMaxCost)} baht: within the local government's own means`,
      };
    case 'province_wide':
      return {
        th: `ความต้องการประเภทนี้ยังไม่มีโครงการรองรับใน ${ctx.spreadDistricts} อำเภอ (ตั้งแต่ ${rule.wideDistricts} อำเภอ) และประมาณการตั้งแต่ ${formatBaht(rule.pooledMinCost)} บาท ควรจัดทำเป็นโครงการบูรณาการระดับจังหวัด`,
        en: `Needs of this category are unmet in ${ctx.spreadDistricts} districts (${rule.wideDistricts} or more) and this one is estimated at ${formatBaht(rule.pooledMinCost)} baht or more: one integrated provincial project should answer them`,
      };
    case 'province_unassigned':
      return {
        th: 'ไม่มีหน่วยงานระดับจังหวัดที่รับผิดชอบประเภทนี้ จังหวัดควรพิจารณามอบหมาย',
        en: 'No provincial agency is in charge of this category: the province should assign one',
      };
    case 'agency_remit':
      return {
        th: `อยู่ในภารกิจตามหน้าที่ของ${ctx.agency ?? 'ส่วนราชการระดับจังหวัด'} และเกินขีดความสามารถของ อปท. ในพื้นที่`,
        en: `Within the remit of ${ctx.agency ?? 'a provincial agency'}, and beyond the local government's means`,
      };
  }
}
