import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { AGGREGATIONS, aggregate, aggregateEqual, isAggregation } from './aggregation';
import { interquartileRange, quantile, spread, standardDeviation } from './spread';

const scores = fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 1, maxLength: 30 });

describe('aggregate with member weights', () => {
  it('weighted mean counts a member of weight 3 three times', () => {
    expect(aggregate([1, 5], 'mean', [3, 1])).toBe(2);
    expect(aggregate([1, 5], 'mean', [3, 1])).toBe(aggregate([1, 1, 1, 5], 'mean'));
  });
  it('a member of weight 0 does not count; all zero weights is "not scored"', () => {
    expect(aggregate([1, 5, 4], 'median', [0, 1, 1])).toBe(4.5);
    expect(aggregate([1, 5], 'mean', [0, 0])).toBeNull();
  });
  it('weighted median: the value where cumulative weight passes half', () => {
    expect(aggregate([1, 2, 3], 'median', [1, 1, 5])).toBe(3);
    expect(aggregate([1, 2, 3], 'median', [2, 1, 1])).toBe(1.5);
  });
  it('weighted geometric mean', () => {
    expect(aggregate([2, 8], 'geometric_mean', [1, 2])).toBeCloseTo(Math.exp((Math.log(2) + 2 * Math.log(8)) / 3), 12);
  });
  it('trimmed mean drops the extremes from five members, then weighs', () => {
    expect(aggregate([1, 2, 3, 4, 100], 'trimmed_mean', [1, 1, 2, 1, 1])).toBe(3);
  });
  it('integer weights equal repeating the member (mean, median, geometric mean)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 4 })), { minLength: 1, maxLength: 10 }),
        fc.constantFrom('mean' as const, 'median' as const, 'geometric_mean' as const),
        (pairs, how) => {
          const repeated = pairs.flatMap(([v, w]) => Array<number>(w).fill(v));
          const weighted = aggregate(
            pairs.map(([v]) => v),
            how,
            pairs.map(([, w]) => w),
          );
          expect(weighted).toBeCloseTo(aggregate(repeated, how)!, 9);
        },
      ),
    );
  });
  it('every method stays within the lowest and highest score, and ignores input order', () => {
    fc.assert(
      fc.property(scores, fc.constantFrom(...AGGREGATIONS), (values, how) => {
        const v = aggregate(values, how)!;
        expect(v).toBeGreaterThanOrEqual(Math.min(...values) - 1e-9);
        expect(v).toBeLessThanOrEqual(Math.max(...values) + 1e-9);
        expect(aggregate([...values].reverse(), how)).toBeCloseTo(v, 12);
      }),
    );
  });
  it('reads only the four names', () => {
    expect(AGGREGATIONS.every(isAggregation)).toBe(true);
    expect(isAggregation('mode')).toBe(false);
  });
});

describe('spread', () => {
  it('sample standard deviation and type-7 quartiles (R and Excel agree)', () => {
    expect(standardDeviation([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(2.13808993529939, 12);
    expect(quantile([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(interquartileRange([1, 2, 3, 4])).toBe(1.5);
    expect(interquartileRange([7, 1, 3, 5, 9])).toBe(4);
  });
  it('one score has no spread; agreement is 0; shared of the scale', () => {
    expect(spread([3], 'sd', 1, 5)).toBeNull();
    expect(spread([3, 3, 3], 'iqr', 1, 5)).toBe(0);
    expect(spread([1, 5], 'iqr', 1, 5)).toBe(0.5);
  });
  it('spread is never negative and does not change when every score moves by the same amount', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 2, maxLength: 20 }),
        fc.constantFrom('sd' as const, 'iqr' as const),
        (v, m) => {
          const s = spread(v, m, 0, 10)!;
          expect(s).toBeGreaterThanOrEqual(0);
          expect(
            spread(
              v.map((x) => x + 3),
              m,
              0,
              10,
            ),
          ).toBeCloseTo(s, 12);
        },
      ),
    );
  });
});

describe('aggregateEqual (the recompute hot path)', () => {
  it('gives exactly what aggregate gives, for every method', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 10 }), { maxLength: 40 }),
        fc.constantFrom(...AGGREGATIONS),
        (values, how) => {
          const scratch = new Float64Array(values.length + 3);
          scratch.set(values);
          expect(aggregateEqual(scratch, values.length, how)).toBe(aggregate(values, how));
        },
      ),
    );
  });
});
