/**
 * Kendall's coefficient of concordance W: how far the members rank the projects alike on one criterion (0 = no
 * agreement, 1 = the same order), corrected for ties (scores on a 1–5 scale tie a lot), with its significance from
 * the chi-square approximation (Friedman's statistic m(n − 1)W on n − 1 degrees of freedom).
 */

export type KendallResult = Readonly<{
  /** Raters (members) counted. */
  raters: number;
  /** Objects (projects) every counted rater scored. */
  objects: number;
  w: number;
  chiSquare: number;
  degreesOfFreedom: number;
  /** P(χ² ≥ chiSquare) under the hypothesis of no agreement. */
  pValue: number;
}>;

/**
 * Ranks of the values (1 = smallest), tied values sharing the mean of their ranks.
 * @example midRanks([10, 30, 20, 20]) // [1, 4, 2.5, 2.5]
 */
export function midRanks(values: readonly number[]): number[] {
  const order = values.map((v, i) => ({ v, i })).sort((a, b) => a.v - b.v);
  const ranks = new Array<number>(values.length);
  for (let start = 0; start < order.length;) {
    let end = start;
    while (end + 1 < order.length && order[end + 1]!.v === order[start]!.v) end++;
    const rank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) ranks[order[k]!.i] = rank;
    start = end + 1;
  }
  return ranks;
}

/**
 * Kendall's W from a complete table of scores, one row per rater and one column per object (scores or ranks; each
 * row is ranked with mid-ranks for ties). W = 12 S / (m²(n³ − n) − m Σ T) where S is the sum of squared deviations
 * of the objects' rank sums from their mean and T = Σ (t³ − t) over each rater's groups of t tied objects.
 * Null with fewer than two raters or two objects, or when every rater ties every object.
 * @example kendallW([[1, 6, 3, 2, 5, 4], [1, 5, 6, 4, 2, 3], [6, 3, 2, 5, 4, 1]])?.w // 0.1619… (Siegel 1956)
 */
export function kendallW(table: readonly (readonly number[])[]): KendallResult | null {
  const m = table.length;
  const n = table[0]?.length ?? 0;
  if (m < 2 || n < 2) return null;
  const rankSums = new Array<number>(n).fill(0);
  let ties = 0;
  for (const row of table) {
    if (row.length !== n) throw new RangeError(`every rater must score the same ${n} objects (got ${row.length})`);
    const ranks = midRanks(row);
    for (let j = 0; j < n; j++) rankSums[j]! += ranks[j]!;
    const counts = new Map<number, number>();
    for (const v of row) counts.set(v, (counts.get(v) ?? 0) + 1);
    for (const t of counts.values()) ties += t ** 3 - t;
  }
  const meanSum = (m * (n + 1)) / 2;
  const s = rankSums.reduce((acc, r) => acc + (r - meanSum) ** 2, 0);
  const denominator = m * m * (n ** 3 - n) - m * ties;
  if (denominator <= 0) return null;
  const w = Math.min(1, (12 * s) / denominator);
  const df = n - 1;
  const chiSquare = m * df * w;
  return { raters: m, objects: n, w, chiSquare, degreesOfFreedom: df, pValue: chiSquareSurvival(chiSquare, df) };
}

/**
 * P(X ≥ x) for X ~ χ²(df): the regularized upper incomplete gamma Q(df/2, x/2).
 * @example chiSquareSurvival(3.84, 1) // 0.0500…
 */
export function chiSquareSurvival(x: number, df: number): number {
  if (x <= 0) return 1;
  return gammaQ(df / 2, x / 2);
}

/** ln Γ(z) by the Lanczos approximation (g = 7, n = 9), accurate to about 15 digits for z > 0. */
function logGamma(z: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
    -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (z < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * z)) - logGamma(1 - z);
  const x = z - 1;
  let a = c[0]!;
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += c[i]! / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Regularized upper incomplete gamma Q(a, x): series below a + 1, Lentz's continued fraction above. */
function gammaQ(a: number, x: number): number {
  const lnPrefix = -x + a * Math.log(x) - logGamma(a);
  if (x < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let k = 1; k < 10_000; k++) {
      term *= x / (a + k);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-15) break;
    }
    return Math.max(0, 1 - sum * Math.exp(lnPrefix));
  }
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return Math.min(1, Math.exp(lnPrefix) * h);
}
