/**
 * A proposal without a code is known by its agency and name, so a corrected file whose name was edited ("หมู่ที 3" →
 * "หมู่ที่ 3", or a village added) imports it as a new proposal and keeps the old one. Which new proposals are probably
 * such an edit: same agency, a name within a few characters of (or containing, or contained in) the name of a proposal
 * of the round that this file no longer lists.
 */
import { thaiSpelling } from '../thai-spelling';
import { editDistance } from './areas';

export type NamedProposal = Readonly<{ code: string; title: string; agency: string }>;

/** A new proposal of the file and the proposal of the round it probably renames. */
export type RenameCandidate = Readonly<{ code: string; title: string; was: NamedProposal }>;

/** Shortest name one may contain the other by: shorter names are too common to tell an edit by. */
const MIN_CONTAINED = 8;

const squeeze = (s: string): string => s.normalize('NFC').replace(/[\s\u200b]+/gu, '');

/** Long names of agencies and local governments, and the abbreviation each is written as. */
const AGENCY_WORDS: readonly (readonly [RegExp, string])[] = [
  [/องค์การบริหารส่วนตำบล/gu, 'อบต'],
  [/องค์การบริหารส่วนจังหวัด/gu, 'อบจ'],
  [/เทศบาลตำบล/gu, 'ทต'],
  [/เทศบาลเมือง/gu, 'ทม'],
  [/เทศบาลนคร/gu, 'ทน'],
  [/สำนักงาน/gu, 'สนง'],
  [/จังหวัด/gu, 'จ'],
  [/อำเภอ/gu, 'อ'],
];

/**
 * An agency's name in one spelling, to know a proposal without a code by: spaces, dots and zero-width spaces dropped,
 * one Thai spelling, and long names as their abbreviations ("องค์การบริหารส่วนตำบลทับกวาง", "อบต. ทับกวาง" and
 * "อบต.ทับกวาง" are one agency).
 * @example agencyKey('สำนักงานเกษตรจังหวัดสระบุรี') === agencyKey('สนง.เกษตร จ.สระบุรี') // true
 */
export function agencyKey(agency: string): string {
  let key = thaiSpelling(squeeze(agency));
  for (const [long, short] of AGENCY_WORDS) key = key.replace(long, short);
  return key.replace(/\./gu, '');
}

/** A proposal without a code as the import knows it: its agency (see {@link agencyKey}) and its name, spaces aside. */
export function proposalKey(agency: string, title: string): string {
  return `${agencyKey(agency)}|${thaiSpelling(squeeze(title))}`;
}

/** Whether two names are one name edited: a few characters apart, or one containing the other. */
export function nameEdited(a: string, b: string): boolean {
  const x = squeeze(a);
  const y = squeeze(b);
  if (x === y) return true;
  const [short, long] = x.length <= y.length ? [x, y] : [y, x];
  if (short.length >= MIN_CONTAINED && long.includes(short)) return true;
  const limit = Math.max(2, Math.floor(0.15 * long.length));
  return editDistance(x, y, limit) <= limit;
}

/** Name comparisons one file may make: a hint must not hold an import of thousands of proposals for minutes. */
export const MAX_NAME_COMPARISONS = 200_000;

/**
 * For each new proposal (its code not in the round), the proposal of the same agency the file no longer lists whose
 * name it most probably edits; each old proposal named once, for the first new one that takes it. At most
 * `maxComparisons` names are compared (a file of thousands of new proposals of one agency against thousands it no
 * longer lists): past that the hint names no more.
 *
 * @example
 * renameCandidates([{ code: 'N1', title: 'ถนน หมู่ที่ 3 บ้านนา', agency: 'อบต.ก' }], [{ code: 'P7', title: 'ถนน หมู่ที 3 บ้านนา', agency: 'อบต.ก' }])
 * // [{ code: 'N1', title: 'ถนน หมู่ที่ 3 บ้านนา', was: { code: 'P7', … } }]
 */
export function renameCandidates(
  fresh: readonly NamedProposal[],
  unlisted: readonly NamedProposal[],
  maxComparisons = MAX_NAME_COMPARISONS,
): RenameCandidate[] {
  const byAgency = new Map<string, NamedProposal[]>();
  for (const o of unlisted) {
    const list = byAgency.get(agencyKey(o.agency));
    if (list) list.push(o);
    else byAgency.set(agencyKey(o.agency), [o]);
  }
  const taken = new Set<string>();
  const out: RenameCandidate[] = [];
  let left = maxComparisons;
  for (const p of fresh) {
    let was: NamedProposal | undefined;
    for (const o of byAgency.get(agencyKey(p.agency)) ?? []) {
      if (taken.has(o.code)) continue;
      if (left-- <= 0) return out;
      if (nameEdited(o.title, p.title)) {
        was = o;
        break;
      }
    }
    if (!was) continue;
    taken.add(was.code);
    out.push({ code: p.code, title: p.title, was });
  }
  return out;
}
