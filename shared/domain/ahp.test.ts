import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { AHP_MAX_SIZE, AhpMatrixError, ahpWeights, checkMatrix, matrixFromUpper, RANDOM_INDEX, roundWeights } from './ahp';

describe('ahpWeights on textbook matrices', () => {
  it('Saaty-style 3×3 (1,3,5 / 3): weights 0.637, 0.258, 0.105, λmax 3.039, CR 0.033', () => {
    const r = ahpWeights([
      [1, 3, 5],
      [1 / 3, 1, 3],
      [1 / 5, 1 / 3, 1],
    ]);
    expect(r.weights.map((w) => Number(w.toFixed(3)))).toEqual([0.637, 0.258, 0.105]);
    expect(r.lambdaMax).toBeCloseTo(3.0385, 3);
    expect(r.cr).toBeCloseTo(0.033, 3);
    expect(r.inconsistent).toBe(false);
  });

  it('a cyclic matrix (A ≫ B ≫ C ≫ A) is flagged as inconsistent', () => {
    const r = ahpWeights([
      [1, 9, 1 / 9],
      [1 / 9, 1, 9],
      [9, 1 / 9, 1],
    ]);
    expect(r.weights.map((w) => Number(w.toFixed(4)))).toEqual([0.3333, 0.3333, 0.3333]);
    expect(r.cr).toBeGreaterThan(1);
    expect(r.inconsistent).toBe(true);
  });

  it('a mildly inconsistent 3×3 (CR just under 0.1) is not flagged, a worse one is', () => {
    // 1 vs 2 = 2, 2 vs 3 = 2, 1 vs 3 = 1: the consistent value would be 4.
    const mild = ahpWeights(matrixFromUpper(3, [2, 1, 2]));
    expect(mild.cr).toBeGreaterThan(0.05);
    const worse = ahpWeights(matrixFromUpper(3, [3, 1 / 2, 3]));
    expect(worse.cr).toBeGreaterThan(0.1);
    expect(worse.inconsistent).toBe(true);
    expect(mild.cr).toBeLessThan(worse.cr);
  });

  it('equal judgments give equal weights and CR 0; one and two criteria are always consistent', () => {
    expect(ahpWeights(matrixFromUpper(4, [1, 1, 1, 1, 1, 1])).weights).toEqual([0.25, 0.25, 0.25, 0.25]);
    expect(ahpWeights([[1]])).toMatchObject({ weights: [1], cr: 0 });
    const two = ahpWeights(matrixFromUpper(2, [3]));
    expect(two.weights[0]).toBeCloseTo(0.75, 12);
    expect(two.cr).toBe(0);
  });

  it("Saaty's random index: 0.58 for 3, 0.90 for 4, 1.12 for 5, 1.45 for 9", () => {
    expect([RANDOM_INDEX[3], RANDOM_INDEX[4], RANDOM_INDEX[5], RANDOM_INDEX[9]]).toEqual([0.58, 0.9, 1.12, 1.45]);
  });
});

describe('matrix checks', () => {
  it('builds the reciprocal matrix from the upper triangle', () => {
    expect(matrixFromUpper(3, [3, 5, 3])).toEqual([
      [1, 3, 5],
      [1 / 3, 1, 3],
      [1 / 5, 1 / 3, 1],
    ]);
  });

  it('refuses judgments outside 1/9…9, non-reciprocal mirrors, a bad diagonal and wrong sizes, saying where', () => {
    const where = (f: () => unknown): { en: string; th: string; row?: number; col?: number } => {
      try {
        f();
      } catch (e) {
        if (e instanceof AhpMatrixError) return { en: e.en, th: e.th, row: e.row, col: e.col };
      }
      throw new Error('expected an AhpMatrixError');
    };
    expect(where(() => matrixFromUpper(3, [3, 10, 3]))).toMatchObject({ row: 0, col: 2 });
    expect(where(() => matrixFromUpper(3, [3, 0, 3])).th).toContain('1/9 ถึง 9');
    expect(where(() => matrixFromUpper(3, [3, 5])).en).toContain('need 3 pairwise judgments');
    expect(where(() => matrixFromUpper(AHP_MAX_SIZE + 1, [])).en).toContain('1 to 15');
    expect(
      where(() =>
        checkMatrix([
          [1, 3],
          [3, 1],
        ]),
      ),
    ).toMatchObject({ row: 0, col: 1 });
    expect(
      where(() =>
        checkMatrix([
          [2, 1],
          [1, 1],
        ]),
      ).en,
    ).toContain('diagonal');
    expect(where(() => checkMatrix([[1, 2], [0.5]])).en).toContain('row 2 has 1 values');
    expect(
      where(() =>
        ahpWeights([
          [1, Number.NaN],
          [1, 1],
        ]),
      ).row,
    ).toBe(0);
  });
});

const judgment = fc.constantFrom(1 / 9, 1 / 7, 1 / 5, 1 / 3, 1 / 2, 1, 2, 3, 5, 7, 9);

describe('properties', () => {
  it('weights are positive and sum to 1; CR is never negative', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 9 })
          .chain((n) =>
            fc.tuple(fc.constant(n), fc.array(judgment, { minLength: (n * (n - 1)) / 2, maxLength: (n * (n - 1)) / 2 })),
          ),
        ([n, upper]) => {
          const r = ahpWeights(matrixFromUpper(n, upper));
          expect(r.weights).toHaveLength(n);
          expect(r.weights.every((w) => w > 0)).toBe(true);
          expect(r.weights.reduce((s, w) => s + w, 0)).toBeCloseTo(1, 9);
          expect(r.cr).toBeGreaterThanOrEqual(0);
          expect(r.lambdaMax).toBeGreaterThanOrEqual(n - 1e-9);
        },
      ),
    );
  });

  it('a consistent matrix (a_ij = w_i / w_j) gives CR ≈ 0 and gives back its weights', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0.5, max: 4.5, noNaN: true }), { minLength: 2, maxLength: 10 }), (raw) => {
        const total = raw.reduce((s, v) => s + v, 0);
        const w = raw.map((v) => v / total);
        const m = w.map((wi) => w.map((wj) => wi / wj));
        const r = ahpWeights(m);
        expect(r.cr).toBeLessThan(1e-9);
        r.weights.forEach((x, i) => expect(x).toBeCloseTo(w[i]!, 9));
      }),
    );
  });

  it('reordering the criteria reorders the weights and keeps CR', () => {
    fc.assert(
      fc.property(fc.array(judgment, { minLength: 6, maxLength: 6 }), (upper) => {
        const m = matrixFromUpper(4, upper);
        const perm = [2, 0, 3, 1];
        const p = perm.map((i) => perm.map((j) => m[i]![j]!));
        const a = ahpWeights(m);
        const b = ahpWeights(p);
        perm.forEach((i, k) => expect(b.weights[k]).toBeCloseTo(a.weights[i]!, 9));
        expect(b.cr).toBeCloseTo(a.cr, 9);
      }),
    );
  });

  it('roundWeights sums to exactly 1 at its precision and moves no weight by more than one unit', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0.001, max: 1, noNaN: true }), { minLength: 1, maxLength: 15 }), (raw) => {
        const total = raw.reduce((s, v) => s + v, 0);
        const rounded = roundWeights(raw, 4);
        expect(Math.round(rounded.reduce((s, v) => s + v, 0) * 1e4)).toBe(1e4);
        rounded.forEach((v, i) => expect(Math.abs(v - raw[i]! / total)).toBeLessThanOrEqual(1e-4 + 1e-12));
      }),
    );
    expect(roundWeights([1 / 3, 1 / 3, 1 / 3], 2)).toEqual([0.34, 0.33, 0.33]);
  });
});
