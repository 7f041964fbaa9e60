/**
 * How far the members are apart on one project and criterion: the sample standard deviation or the interquartile
 * range of their scores, divided by the width of the criterion's scale so that criteria on different scales compare.
 */

export type SpreadMeasure = 'sd' | 'iqr';

/**
 * Sample standard deviation (n − 1); null with fewer than two scores.
 * @example standardDeviation([2, 4, 4, 4, 5, 5, 7, 9]) // 2.138…
 */
export function standardDeviation(values: readonly number[]): number | null {
  const n = values.length;
  if (n < 2) return null;
  const mean = values.reduce((s, v) => s + v, 0) / n;
  const ss = values.reduce((s, v) => s + (v - mean) ** 2, 0);
  return Math.sqrt(ss / (n - 1));
}

/**
 * Quantile by linear interpolation between order statistics (Hyndman & Fan type 7, the default of R and Excel's
 * QUARTILE.INC); `p` in [0, 1].
 * @example quantile([1, 2, 3, 4], 0.25) // 1.75
 */
export function quantile(sortedValues: readonly number[], p: number): number {
  const n = sortedValues.length;
  if (n === 0) throw new RangeError('quantile of no values');
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sortedValues[lo]! + (h - lo) * (sortedValues[hi]! - sortedValues[lo]!);
}

/**
 * Interquartile range Q3 − Q1 (type 7); null with fewer than two scores.
 * @example interquartileRange([1, 2, 3, 4]) // 1.5
 */
export function interquartileRange(values: readonly number[]): number | null {
  if (values.length < 2) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return quantile(sorted, 0.75) - quantile(sorted, 0.25);
}

/**
 * The spread of the scores as a share of the scale's width (0 = all agree); null with fewer than two scores.
 * @example spread([1, 5], 'sd', 1, 5) // 0.707…
 */
export function spread(values: readonly number[], measure: SpreadMeasure, scaleMin: number, scaleMax: number): number | null {
  const raw = measure === 'sd' ? standardDeviation(values) : interquartileRange(values);
  if (raw === null) return null;
  return scaleMax > scaleMin ? raw / (scaleMax - scaleMin) : 0;
}
