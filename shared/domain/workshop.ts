/**
 * Pure rules of a workshop session: how far members' scores of a project spread (a typed name is matched by
 * `nameKey` in `names.ts`).
 */

/** One criterion's scores of one project by every member who scored it, with the criterion's scale. */
export type CriterionScores = Readonly<{ values: readonly number[]; scaleMin: number; scaleMax: number }>;

/**
 * Disagreement of members on one project: for each criterion with at least two scores, the population standard
 * deviation divided by half the scale's width (so two members at opposite ends give 1), averaged over those
 * criteria; 0 when no criterion has two scores.
 *
 * ### Example
 * ```ts
 * disagreement([{ values: [1, 5], scaleMin: 1, scaleMax: 5 }]); // 1
 * disagreement([{ values: [3, 3, 3], scaleMin: 1, scaleMax: 5 }]); // 0
 * ```
 */
export function disagreement(criteria: readonly CriterionScores[]): number {
  let sum = 0;
  let counted = 0;
  for (const { values, scaleMin, scaleMax } of criteria) {
    const half = (scaleMax - scaleMin) / 2;
    if (values.length < 2 || half <= 0) continue;
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const variance = values.reduce((a, v) => a + (v - mean) ** 2, 0) / values.length;
    sum += Math.min(1, Math.sqrt(variance) / half);
    counted += 1;
  }
  return counted === 0 ? 0 : sum / counted;
}
