import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { byVillageKey, fairnessReport, weightedGini } from './fairness';

/** The definition, O(n²): Σᵢ Σⱼ wᵢ wⱼ |xᵢ − xⱼ| / (2 W² μ). */
function giniByDefinition(x: number[], w: number[]): number {
  const W = w.reduce((a, b) => a + b, 0);
  const mu = x.reduce((s, v, i) => s + v * w[i]!, 0) / W;
  let sum = 0;
  for (let i = 0; i < x.length; i++) for (let j = 0; j < x.length; j++) sum += w[i]! * w[j]! * Math.abs(x[i]! - x[j]!);
  return mu === 0 ? 0 : sum / (2 * W * W * mu);
}

describe('weightedGini', () => {
  it('is 0 for equal spending and 0.5 for all-to-one of two equal groups', () => {
    expect(weightedGini([5, 5, 5], [1, 2, 3])).toBe(0);
    expect(weightedGini([0, 1], [1, 1])).toBeCloseTo(0.5, 12);
    expect(weightedGini([3], [10])).toBeNull();
    expect(weightedGini([0, 0], [1, 1])).toBe(0);
  });

  it('equals the double-sum definition, stays in [0, 1) and ignores order', () => {
    const sample = fc
      .array(fc.tuple(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 1, max: 100_000 })), {
        minLength: 2,
        maxLength: 20,
      })
      .filter((pairs) => pairs.some(([x]) => x > 0));
    fc.assert(
      fc.property(sample, (pairs) => {
        const x = pairs.map(([v]) => v);
        const w = pairs.map(([, v]) => v);
        const g = weightedGini(x, w)!;
        expect(g).toBeCloseTo(giniByDefinition(x, w), 9);
        expect(g).toBeGreaterThanOrEqual(-1e-12);
        expect(g).toBeLessThan(1);
        expect(weightedGini([...x].reverse(), [...w].reverse())).toBeCloseTo(g, 9);
      }),
    );
  });
});

describe('fairnessReport', () => {
  it('computes shares, per-capita spend and unserved villages', () => {
    const r = fairnessReport({
      budget: 1000,
      districts: [
        { code: '1901', population: 100, needs: 2, needPeople: 30, funded: 600 },
        { code: '1902', population: 300, needs: 1, needPeople: 10, funded: 200 },
        { code: '1903', population: null, needs: 0, needPeople: 0, funded: 0 },
      ],
      villages: [
        { tambonCode: '190101', villageNo: 1, served: true },
        { tambonCode: '190101', villageNo: 1, served: false },
        { tambonCode: '190101', villageNo: 2, served: false },
        { tambonCode: '190201', villageNo: null, served: false },
      ],
    });
    const [a, b, c] = r.districts;
    expect(a!.fundedShare).toBeCloseTo(0.75, 12);
    // 1903's population is unknown: no district's share of the province's population can be told.
    expect(a!.populationShare).toBeNull();
    expect(a!.needShare).toBeCloseTo(0.75, 12);
    expect(a!.perCapita).toBe(6);
    expect(b!.perNeedPerson).toBe(20);
    expect(c!.perCapita).toBeNull();
    expect(c!.populationShare).toBeNull();
    expect(r.budgetShareSpent).toBeCloseTo(0.8, 12);
    // A village is served when any of its needs is: 190101/1 is, the other two are not.
    expect(r.villagesWithNeeds).toBe(3);
    expect(r.unservedVillages).toEqual(['190101/2', '190201/-']);
    expect(r.giniPerCapita).toBeCloseTo(giniByDefinition([6, 200 / 300], [100, 300]), 12);
  });

  it('gives shares of the population only when every district has one (0 counting as none)', () => {
    const districts = (third: number | null) => [
      { code: '1901', population: 100, needs: 0, needPeople: 0, funded: 600 },
      { code: '1902', population: 300, needs: 0, needPeople: 0, funded: 200 },
      { code: '1903', population: third, needs: 0, needPeople: 0, funded: 0 },
    ];
    const known = fairnessReport({ budget: 1000, districts: districts(400), villages: [] }).districts;
    expect(known.map((d) => d.populationShare)).toEqual([0.125, 0.375, 0.5]);
    for (const third of [null, 0]) {
      const r = fairnessReport({ budget: 1000, districts: districts(third), villages: [] });
      expect(r.districts.map((d) => d.populationShare)).toEqual([null, null, null]);
      // Spend per resident stays where the population is known.
      expect(r.districts.map((d) => d.perCapita)).toEqual([6, 200 / 300, null]);
    }
  });

  it('lists unserved villages by tambon, then by village number as a number (หมู่ที่ 6 before หมู่ที่ 13)', () => {
    const villages = [13, 6, 8, null, 15, 1].map((villageNo) => ({ tambonCode: '190101', villageNo, served: false }));
    const r = fairnessReport({
      budget: 100,
      districts: [{ code: '1901', population: 100, needs: 6, needPeople: 6, funded: 0 }],
      villages: [{ tambonCode: '190102', villageNo: 2, served: false }, ...villages],
    });
    expect(r.unservedVillages).toEqual(['190101/-', '190101/1', '190101/6', '190101/8', '190101/13', '190101/15', '190102/2']);
  });

  it('property: byVillageKey orders every list of keys by tambon, then village number', () => {
    const key = fc
      .tuple(fc.constantFrom('190101', '190105', '191301'), fc.option(fc.integer({ min: 1, max: 30 }), { nil: null }))
      .map(([t, v]) => `${t}/${v ?? '-'}`);
    fc.assert(
      fc.property(fc.array(key, { maxLength: 30 }), (keys) => {
        const sorted = [...keys].sort(byVillageKey);
        for (let i = 1; i < sorted.length; i++) {
          const [t0, v0] = sorted[i - 1]!.split('/');
          const [t1, v1] = sorted[i]!.split('/');
          const n = (v: string | undefined): number => (v === '-' ? -1 : Number(v));
          expect(t0! < t1! || (t0 === t1 && n(v0) <= n(v1))).toBe(true);
        }
      }),
    );
  });
});
