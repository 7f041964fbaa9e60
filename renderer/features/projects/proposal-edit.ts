/**
 * Pure helpers of the proposal editor: the input a stored proposal is sent back as, one grid cell's typed text
 * applied to it (or why it is refused), and the short label of the areas it covers.
 */
import type { ProposalDetail } from '../../../shared/api/projects';
import { parsePriority } from '../../../shared/domain/import/proposal-rows';
import { parseBaht } from '../../../shared/domain/money';
import { proposalProblems, type ProposalInput } from '../../../shared/domain/proposals';

/** The grid columns whose cells edit a proposal in place. */
export const EDITABLE_FIELDS = [
  'title',
  'level',
  'agency',
  'developmentIssueNo',
  'operating',
  'investment',
  'minimum',
  'people',
  'households',
  'agencyPriority',
] as const;
export type EditableField = (typeof EDITABLE_FIELDS)[number];

/** A refusal in both languages (the UI picks one). */
export type Refusal = Readonly<{ en: string; th: string }>;

export type CellEdit = Readonly<{ ok: true; input: ProposalInput }> | Readonly<{ ok: false; problem: Refusal }>;

/**
 * The input fields of a stored proposal, as the editor sends them back (tambons only for scope 'tambons').
 * @example toInput(detail).code === detail.code
 */
export function toInput(p: ProposalInput): ProposalInput {
  return {
    code: p.code,
    title: p.title,
    level: p.level,
    agency: p.agency,
    developmentIssueNo: p.developmentIssueNo,
    scope: p.scope,
    tambonCodes: p.scope === 'tambons' ? p.tambonCodes : [],
    districtCode: p.scope === 'district' ? p.districtCode : null,
    operating: p.operating,
    investment: p.investment,
    minimum: p.minimum,
    people: p.people,
    households: p.households,
    agencyPriority: p.agencyPriority,
    point: p.point,
    readiness: p.readiness,
    kpis: p.kpis,
    description: p.description,
    strategy: p.strategy,
  };
}

const WHOLE = /^\d{1,16}$/u;
const notWhole: Refusal = { en: 'must be a whole number, not negative', th: 'ต้องเป็นจำนวนเต็มไม่ติดลบ' };

/**
 * Parses a count typed in a cell: digits (Thai digits and thousands separators allowed); empty = not stated.
 * @example parseCount('1,200') // { ok: true, value: 1200 }
 */
export function parseCount(
  text: string,
): Readonly<{ ok: true; value: number | null }> | Readonly<{ ok: false; problem: Refusal }> {
  const plain = text
    .trim()
    .replace(/[\u0E50-\u0E59]/gu, (d) => String(d.charCodeAt(0) - 0x0e50))
    .replace(/[,\s]/gu, '');
  if (plain === '') return { ok: true, value: null };
  if (!WHOLE.test(plain) || !Number.isSafeInteger(Number(plain))) return { ok: false, problem: notWhole };
  return { ok: true, value: Number(plain) };
}

function parseAmount(
  raw: unknown,
  optional: boolean,
): Readonly<{ ok: true; value: number | null }> | Readonly<{ ok: false; problem: Refusal }> {
  if (typeof raw === 'number' && Number.isSafeInteger(raw)) return { ok: true, value: raw };
  const text = typeof raw === 'string' ? raw.trim() : '';
  if (text === '') {
    return optional ? { ok: true, value: null } : { ok: false, problem: { en: 'an amount is required', th: 'ต้องระบุจำนวนเงิน' } };
  }
  const parsed = parseBaht(text);
  return parsed.ok ? { ok: true, value: parsed.satang } : { ok: false, problem: { en: parsed.en, th: parsed.th } };
}

/**
 * Applies one cell's new value to a proposal and checks the proposal's own rules; a refusal names what is wrong.
 * Amounts are typed in baht, counts as whole numbers, an agency's priority from 1; an empty minimum, people,
 * households or priority means "not stated".
 * @example applyCellEdit(p, 'minimum', '9,999,999,999').ok // false when that is above the request
 */
export function applyCellEdit(p: ProposalInput, field: EditableField, raw: unknown): CellEdit {
  const text = raw === null || raw === undefined ? '' : String(raw);
  let next: ProposalInput;
  switch (field) {
    case 'title':
    case 'agency': {
      const value = text.trim();
      if (/[\r\n]/u.test(value)) return { ok: false, problem: { en: 'must be one line', th: 'ต้องเป็นข้อความบรรทัดเดียว' } };
      if (value.length > 300) return { ok: false, problem: { en: 'at most 300 characters', th: 'ยาวได้ไม่เกิน 300 ตัวอักษร' } };
      next = { ...p, [field]: value };
      break;
    }
    case 'level':
      if (text !== 'province' && text !== 'agency' && text !== 'local') {
        return { ok: false, problem: { en: 'unknown level', th: 'ไม่รู้จักระดับนี้' } };
      }
      next = { ...p, level: text };
      break;
    case 'developmentIssueNo': {
      // 0 (or empty) is the editor's "not stated".
      const no = text === '' ? 0 : Number(text);
      if (!Number.isInteger(no) || no < 0) {
        return { ok: false, problem: { en: 'unknown development issue', th: 'ไม่รู้จักประเด็นการพัฒนานี้' } };
      }
      next = { ...p, developmentIssueNo: no === 0 ? null : no };
      break;
    }
    case 'operating':
    case 'investment':
    case 'minimum': {
      const amount = parseAmount(raw, field === 'minimum');
      if (!amount.ok) return amount;
      next = { ...p, [field]: amount.value };
      break;
    }
    case 'people':
    case 'households': {
      const n = parseCount(text);
      if (!n.ok) return n;
      next = { ...p, [field]: n.value };
      break;
    }
    case 'agencyPriority': {
      // As the request form writes it: "1", "๑", "ลำดับที่ 1"; empty = not stated.
      if (text.trim() === '') {
        next = { ...p, agencyPriority: null };
        break;
      }
      const n = parsePriority(text);
      if (!n.ok) return { ok: false, problem: { en: n.en, th: n.th } };
      next = { ...p, agencyPriority: n.value };
      break;
    }
  }
  const problems = proposalProblems(next);
  const shown = problems.find((x) => x.field === field) ?? problems[0];
  return shown ? { ok: false, problem: { en: shown.en, th: shown.th } } : { ok: true, input: next };
}

/** Names of areas in the current language (from the session's area lists). */
export type AreaNames = Readonly<{ district(code: string): string; tambon(code: string): string }>;

export type AreaLabels = Readonly<{
  wholeProvince: string;
  wholeDistrict(name: string): string;
  tambonShort(name: string): string;
  moreTambons(n: number): string;
}>;

/** How many tambons a label names before "and N more". */
export const TAMBONS_SHOWN = 3;

/**
 * The short label of what a proposal covers: "ต.x, ต.y", "ทั้งอำเภอ…" or "ทั้งจังหวัด".
 * @example areaLabel({ scope: 'province', tambonCodes: [], districtCode: null }, names, labels) // 'ทั้งจังหวัด'
 */
export function areaLabel(
  p: Pick<ProposalDetail, 'scope' | 'tambonCodes' | 'districtCode'>,
  names: AreaNames,
  labels: AreaLabels,
): string {
  if (p.scope === 'province') return labels.wholeProvince;
  if (p.scope === 'district') return labels.wholeDistrict(names.district(p.districtCode ?? ''));
  const shown = p.tambonCodes.slice(0, TAMBONS_SHOWN).map((c) => labels.tambonShort(names.tambon(c)));
  const rest = p.tambonCodes.length - shown.length;
  return rest > 0 ? `${shown.join(', ')} ${labels.moreTambons(rest)}` : shown.join(', ');
}
