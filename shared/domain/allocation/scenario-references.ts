/**
 * Project references in a scenario's constraints and locks, checked against the projects of its round when the
 * scenario is saved (so a typo or a project of another round is refused at once, with where it was named).
 */

/** The parts of scenario parameters that name projects (by numeric id). */
export type ProjectReferences = Readonly<{
  mustFund?: readonly number[];
  mustNot?: readonly number[];
  dependencies?: readonly Readonly<{ project: number; requires: number }>[];
  incompatibilities?: readonly (readonly [number, number])[];
}>;

/** Where an unknown project was named: the field (`mustFund`, `locks`, ...) and the id. */
export type UnknownReference = Readonly<{
  field: 'mustFund' | 'mustNot' | 'dependencies' | 'incompatibilities' | 'locks';
  projectId: number;
}>;

/** Thai and English names of the fields, for messages. */
export const REFERENCE_FIELD_NAMES: Readonly<Record<UnknownReference['field'], { th: string; en: string }>> = {
  mustFund: { th: 'ต้องให้งบ', en: 'must fund' },
  mustNot: { th: 'ห้ามให้งบ', en: 'must not fund' },
  dependencies: { th: 'เงื่อนไขต้องมีโครงการก่อน', en: 'dependencies' },
  incompatibilities: { th: 'โครงการที่ให้งบพร้อมกันไม่ได้', en: 'incompatible pairs' },
  locks: { th: 'ล็อกวงเงิน', en: 'locks' },
};

/**
 * Every project id named by the parameters or the locks that is not in `known`, each (field, id) once, in field
 * order then first mention. Locks are keyed by the id as text.
 *
 * @example
 * unknownReferences({ mustFund: [1, 9] }, { '7': 100 }, new Set([1, 2]))
 * // [{ field: 'mustFund', projectId: 9 }, { field: 'locks', projectId: 7 }]
 */
export function unknownReferences(
  params: ProjectReferences,
  locks: Readonly<Record<string, number>> | undefined,
  known: ReadonlySet<number>,
): UnknownReference[] {
  const out: UnknownReference[] = [];
  const seen = new Set<string>();
  const check = (field: UnknownReference['field'], id: number): void => {
    const key = `${field}:${id}`;
    if (known.has(id) || seen.has(key)) return;
    seen.add(key);
    out.push({ field, projectId: id });
  };
  for (const id of params.mustFund ?? []) check('mustFund', id);
  for (const id of params.mustNot ?? []) check('mustNot', id);
  for (const d of params.dependencies ?? []) {
    check('dependencies', d.project);
    check('dependencies', d.requires);
  }
  for (const [a, b] of params.incompatibilities ?? []) {
    check('incompatibilities', a);
    check('incompatibilities', b);
  }
  for (const id of Object.keys(locks ?? {})) check('locks', Number(id));
  return out;
}

/** District floors and caps, keyed by district code. */
export type DistrictReferences = Readonly<{
  districtFloors?: Readonly<Record<string, number>>;
  districtCaps?: Readonly<Record<string, number>>;
}>;

/** Thai and English names of the district fields, for messages. */
export const DISTRICT_FIELD_NAMES: Readonly<Record<keyof DistrictReferences, { th: string; en: string }>> = {
  districtFloors: { th: 'งบขั้นต่ำรายอำเภอ', en: 'district floors' },
  districtCaps: { th: 'เพดานงบรายอำเภอ', en: 'district caps' },
};

/**
 * Every district code a floor or cap names that is not one of the province's districts (`known`), in field order.
 *
 * @example
 * unknownDistricts({ districtFloors: { '1901': 5, '1999': 5 } }, new Set(['1901'])) // [{ field: 'districtFloors', code: '1999' }]
 */
export function unknownDistricts(
  params: DistrictReferences,
  known: ReadonlySet<string>,
): { field: keyof DistrictReferences; code: string }[] {
  const out: { field: keyof DistrictReferences; code: string }[] = [];
  for (const field of ['districtFloors', 'districtCaps'] as const) {
    for (const code of Object.keys(params[field] ?? {})) if (!known.has(code)) out.push({ field, code });
  }
  return out;
}

/**
 * Projects that a dependency makes require themselves or an incompatible pair sets against themselves: each says
 * nothing a rule can use, and is most likely a slip for another project.
 *
 * @example
 * selfReferences({ incompatibilities: [[4, 4], [4, 5]] }) // [{ field: 'incompatibilities', projectId: 4 }]
 */
export function selfReferences(params: ProjectReferences): { field: 'dependencies' | 'incompatibilities'; projectId: number }[] {
  const out: { field: 'dependencies' | 'incompatibilities'; projectId: number }[] = [];
  for (const d of params.dependencies ?? [])
    if (d.project === d.requires) out.push({ field: 'dependencies', projectId: d.project });
  for (const [a, b] of params.incompatibilities ?? []) if (a === b) out.push({ field: 'incompatibilities', projectId: a });
  return out;
}
