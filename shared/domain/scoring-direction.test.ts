import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { evidenceValue, rankProjects, type CriterionDef } from './scoring';

const projects = [
  { id: 1, code: 'A', cost: 100, needEvidence: 10 },
  { id: 2, code: 'B', cost: 100, needEvidence: 10 },
  { id: 3, code: 'C', cost: 100, needEvidence: 10 },
];

describe('criterion direction', () => {
  it('a computed cost criterion gives the lowest value 1 and twice the cost 1/2; a missing value counts 0', () => {
    const c: CriterionDef = { id: 9, weight: 1, scaleMin: 0, scaleMax: 1, kind: 'computed', direction: 'cost' };
    const computed = new Map([
      [1, new Map([[9, 50]])],
      [2, new Map([[9, 100]])],
      [3, new Map<number, number>()],
    ]);
    const ranked = rankProjects(projects, [c], new Map(), computed);
    expect(ranked.map((r) => [r.id, r.composite])).toEqual([
      [1, 100],
      [2, 50],
      [3, 0],
    ]);
    expect(ranked.find((r) => r.id === 3)!.perCriterion[9]).toBeNull();
  });

  it('a member-scored cost criterion inverts the scale', () => {
    const c: CriterionDef = { id: 1, weight: 1, scaleMin: 1, scaleMax: 5, kind: 'member', direction: 'cost' };
    const scores = new Map([
      [1, new Map([[1, [1]]])],
      [2, new Map([[1, [5]]])],
    ]);
    const ranked = rankProjects(projects.slice(0, 2), [c], scores, new Map());
    expect(ranked.map((r) => [r.id, r.composite])).toEqual([
      [1, 100],
      [2, 0],
    ]);
  });

  it('cost normalisation stays in [0, 1] and orders projects by ascending value (ties after rounding by code)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0.01, max: 1e7, noNaN: true }), { minLength: 1, maxLength: 30 }), (values) => {
        const ps = values.map((_, i) => ({ id: i + 1, code: `P${String(i).padStart(3, '0')}`, cost: 1, needEvidence: 0 }));
        const computed = new Map(values.map((v, i) => [i + 1, new Map([[1, v]])]));
        const ranked = rankProjects(
          ps,
          [{ id: 1, weight: 1, scaleMin: 0, scaleMax: 1, kind: 'computed', direction: 'cost' }],
          new Map(),
          computed,
        );
        for (const r of ranked) expect(r.perCriterion[1]!).toBeGreaterThan(0);
        for (const r of ranked) expect(r.perCriterion[1]!).toBeLessThanOrEqual(1);
        const order = ranked.map((r) => values[r.id - 1]!);
        // Composites are rounded to 1e-9 (so float noise never decides a tie): a larger cost may come first only when
        // the two composites are equal after that rounding, and the tie is then broken by code.
        for (let i = 1; i < order.length; i++) {
          if (order[i]! < order[i - 1]!) {
            expect(ranked[i]!.composite).toBe(ranked[i - 1]!.composite);
            expect(ps[ranked[i]!.id - 1]!.code > ps[ranked[i - 1]!.id - 1]!.code).toBe(true);
          }
        }
      }),
    );
  });
});

describe('evidenceValue', () => {
  const e = { people: 200.4, requested: 10_000_000, timesRaised: 7, areaShare: 0.25 };
  it('people rounded, cost per person in baht, times raised, area share', () => {
    expect(evidenceValue('people', e)).toBe(200);
    expect(evidenceValue('cost_per_person', e)).toBeCloseTo(100_000 / 200.4, 9);
    expect(evidenceValue('times_raised', e)).toBe(7);
    expect(evidenceValue('area_share', e)).toBe(0.25);
  });
  it('no one reached: no cost per person', () => {
    expect(evidenceValue('cost_per_person', { ...e, people: 0 })).toBeNull();
  });
});
