import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { chiSquareSurvival, kendallW, midRanks } from './kendall';

describe("Kendall's W", () => {
  it('Siegel (1956), three judges ranking six objects: W = 0.16', () => {
    const r = kendallW([
      [1, 6, 3, 2, 5, 4],
      [1, 5, 6, 4, 2, 3],
      [6, 3, 2, 5, 4, 1],
    ])!;
    // R_j = 8, 14, 11, 11, 11, 8; S = 25.5; W = 12·25.5 / (3²·(6³ − 6)) = 306 / 1890.
    expect(r.w).toBeCloseTo(306 / 1890, 12);
    expect(r.chiSquare).toBeCloseTo(3 * 5 * (306 / 1890), 12);
    expect(r.degreesOfFreedom).toBe(5);
    expect(r.pValue).toBeCloseTo(0.7872118138839399, 9); // scipy.stats.friedmanchisquare
  });
  it('with ties: the correction Σ(t³ − t) (scipy.stats.friedmanchisquare agrees)', () => {
    const r = kendallW([
      [1, 2, 2, 3, 5],
      [2, 2, 3, 4, 4],
      [1, 1, 2, 2, 5],
      [3, 1, 2, 4, 5],
    ])!;
    // Friedman's tie-corrected χ² = 13.7067, W = χ² / (m(n − 1)).
    expect(r.chiSquare).toBeCloseTo(13.706666666666676, 9);
    expect(r.w).toBeCloseTo(0.8566666666666672, 12);
    expect(r.pValue).toBeCloseTo(0.008292570684949364, 9);
  });
  it('identical rankings give W = 1, and a rater reversed against another gives 0', () => {
    expect(
      kendallW([
        [1, 2, 3, 4],
        [1, 2, 3, 4],
        [1, 2, 3, 4],
      ])!.w,
    ).toBeCloseTo(1, 12);
    expect(
      kendallW([
        [1, 2, 3, 4],
        [4, 3, 2, 1],
      ])!.w,
    ).toBeCloseTo(0, 12);
  });
  it('not defined for one rater, one object, or all ties', () => {
    expect(kendallW([[1, 2, 3]])).toBeNull();
    expect(kendallW([[1], [2]])).toBeNull();
    expect(
      kendallW([
        [3, 3],
        [2, 2],
      ]),
    ).toBeNull();
  });
  it('chi-square tail against tables', () => {
    expect(chiSquareSurvival(3.841458820694124, 1)).toBeCloseTo(0.05, 10);
    expect(chiSquareSurvival(30, 12)).toBeCloseTo(0.0027924293327009145, 12);
    expect(chiSquareSurvival(0, 3)).toBe(1);
  });
  it('mid-ranks share tied ranks', () => {
    expect(midRanks([10, 30, 20, 20])).toEqual([1, 4, 2.5, 2.5]);
  });
  it('W is in [0, 1], ignores the order of raters and objects, and uses only each rater’s order', () => {
    const table = fc
      .integer({ min: 2, max: 6 })
      .chain((n) =>
        fc.array(fc.array(fc.integer({ min: 1, max: 5 }), { minLength: n, maxLength: n }), { minLength: 2, maxLength: 6 }),
      );
    fc.assert(
      fc.property(table, (t) => {
        const r = kendallW(t);
        if (r === null) return;
        expect(r.w).toBeGreaterThanOrEqual(0);
        expect(r.w).toBeLessThanOrEqual(1);
        expect(r.pValue).toBeGreaterThanOrEqual(0);
        expect(r.pValue).toBeLessThanOrEqual(1);
        expect(kendallW([...t].reverse())!.w).toBeCloseTo(r.w, 12);
        expect(kendallW(t.map((row) => [...row].reverse()))!.w).toBeCloseTo(r.w, 12);
        expect(kendallW(t.map((row) => row.map((v) => v * 10 + 3)))!.w).toBeCloseTo(r.w, 12);
      }),
    );
  });
});
