import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { disagreement } from './workshop';

describe('disagreement', () => {
  it('is 1 for opposite ends, 0 for agreement and without two scores', () => {
    expect(disagreement([{ values: [1, 5], scaleMin: 1, scaleMax: 5 }])).toBe(1);
    expect(disagreement([{ values: [3, 3, 3], scaleMin: 1, scaleMax: 5 }])).toBe(0);
    expect(disagreement([{ values: [4], scaleMin: 1, scaleMax: 5 }])).toBe(0);
    expect(disagreement([])).toBe(0);
  });
  it('averages over the criteria that have two scores', () => {
    const d = disagreement([
      { values: [1, 5], scaleMin: 1, scaleMax: 5 },
      { values: [2, 2], scaleMin: 1, scaleMax: 5 },
      { values: [9], scaleMin: 0, scaleMax: 10 },
    ]);
    expect(d).toBeCloseTo(0.5, 10);
  });
  it('stays in [0, 1], ignores the order of scores and grows when one score moves away from the rest', () => {
    const scale = fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 1, max: 10 }));
    fc.assert(
      fc.property(
        scale,
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 2, maxLength: 30 }),
        ([lo, width], us) => {
          const values = us.map((u) => lo + u * width);
          const d = disagreement([{ values, scaleMin: lo, scaleMax: lo + width }]);
          const reversed = disagreement([{ values: [...values].reverse(), scaleMin: lo, scaleMax: lo + width }]);
          return d >= 0 && d <= 1 && Math.abs(d - reversed) < 1e-9;
        },
      ),
    );
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 20 }), fc.integer({ min: 1, max: 4 }), (n, step) => {
        const agreeing = Array.from({ length: n }, () => 3);
        const before = disagreement([{ values: agreeing, scaleMin: 1, scaleMax: 9 }]);
        const after = disagreement([{ values: [...agreeing.slice(1), 3 + step], scaleMin: 1, scaleMax: 9 }]);
        return after > before;
      }),
    );
  });
});
