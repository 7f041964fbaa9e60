/**
 * How the members' scores on one criterion become one value: the round chooses a method per criterion (mean by
 * default) and may weigh members differently. This file holds the one declaration of `Aggregation`.
 */

/** The aggregation methods, in the order the screens list them. */
export const AGGREGATIONS = ['mean', 'median', 'trimmed_mean', 'geometric_mean'] as const;

export type Aggregation = (typeof AGGREGATIONS)[number];

/** Members needed before the trimmed mean drops anything (below it, it is the plain mean). */
export const TRIM_FROM = 5;

/**
 * Aggregates several members' scores for one criterion; `weights` (parallel to `values`, non-negative) weigh the
 * members, all 1 when omitted. A member with weight 0 does not count. Null when nobody (with weight) scored.
 * - mean: Σ w·v / Σ w
 * - median: the weighted median (the smallest value whose cumulative weight reaches half; the midpoint of two values
 *   when the weight splits exactly in half, so equal weights give the usual median)
 * - trimmed_mean: from five members, the single highest and single lowest score are dropped, then the weighted mean
 * - geometric_mean: exp(Σ w·ln v / Σ w); 0 when any counted score is 0 or less
 * @example aggregate([3, 4, 5], 'mean') // 4
 * @example aggregate([1, 5], 'mean', [3, 1]) // 2
 */
export function aggregate(values: readonly number[], how: Aggregation = 'mean', weights?: readonly number[]): number | null {
  const items: { v: number; w: number }[] = [];
  for (let i = 0; i < values.length; i++) {
    const w = weights ? (weights[i] ?? 0) : 1;
    if (w > 0) items.push({ v: values[i]!, w });
  }
  if (items.length === 0) return null;
  items.sort((a, b) => a.v - b.v || a.w - b.w);
  switch (how) {
    case 'mean':
      return weightedMean(items);
    case 'median':
      return weightedMedian(items);
    case 'trimmed_mean':
      return weightedMean(items.length >= TRIM_FROM ? items.slice(1, -1) : items);
    case 'geometric_mean': {
      if (items.some((x) => x.v <= 0)) return 0;
      let total = 0;
      let logs = 0;
      for (const x of items) {
        total += x.w;
        logs += x.w * Math.log(x.v);
      }
      return Math.exp(logs / total);
    }
  }
}

/**
 * The same as `aggregate` with every weight 1, on the first `n` entries of a scratch typed array (sorted in place):
 * the hot path of a recompute, with no allocation. Same arithmetic in the same order, so the same result to the bit.
 * @example aggregateEqual(Float64Array.of(5, 1, 3), 3, 'median') // 3
 */
export function aggregateEqual(scratch: Float64Array, n: number, how: Aggregation): number | null {
  if (n === 0) return null;
  const v = scratch.subarray(0, n).sort();
  switch (how) {
    case 'median': {
      const half = n / 2;
      // As weightedMedian with weights 1: exactly half splits between two values.
      return n % 2 === 0 ? (v[half - 1]! + v[half]!) / 2 : v[Math.floor(half)]!;
    }
    case 'geometric_mean': {
      if (v[0]! <= 0) return 0;
      let logs = 0;
      for (let i = 0; i < n; i++) logs += Math.log(v[i]!);
      return Math.exp(logs / n);
    }
    case 'trimmed_mean':
      return n >= TRIM_FROM ? sumOf(v, 1, n - 1) / (n - 2) : sumOf(v, 0, n) / n;
    case 'mean':
      return sumOf(v, 0, n) / n;
  }
}

function sumOf(v: Float64Array, from: number, to: number): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum += v[i]!;
  return sum;
}

function weightedMean(items: readonly { v: number; w: number }[]): number {
  let total = 0;
  let sum = 0;
  for (const x of items) {
    total += x.w;
    sum += x.w * x.v;
  }
  return sum / total;
}

function weightedMedian(sorted: readonly { v: number; w: number }[]): number {
  const total = sorted.reduce((s, x) => s + x.w, 0);
  const half = total / 2;
  let cumulative = 0;
  for (let i = 0; i < sorted.length; i++) {
    cumulative += sorted[i]!.w;
    // Exactly half (within float noise): the weight splits between this value and the next.
    if (Math.abs(cumulative - half) <= 1e-12 * total && i + 1 < sorted.length) return (sorted[i]!.v + sorted[i + 1]!.v) / 2;
    if (cumulative > half) return sorted[i]!.v;
  }
  return sorted[sorted.length - 1]!.v;
}

/**
 * Reads an aggregation name, refusing anything else.
 * @example isAggregation('median') // true
 */
export function isAggregation(x: unknown): x is Aggregation {
  return typeof x === 'string' && (AGGREGATIONS as readonly string[]).includes(x);
}
