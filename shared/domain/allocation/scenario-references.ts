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
