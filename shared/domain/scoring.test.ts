import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { aggregate, type Aggregation } from './judgement/aggregation';
import { normalise, rankProjects, type CriterionDef, type ProjectForRanking } from './scoring';

describe('aggregate', () => {
  it('returns null when nobody has scored', () => {
    for (const how of ['mean', 'median', 'trimmed_mean', 'geometric_mean'] as const) expect(aggregate([], how)).toBeNull();
  });

  it('mean', () => {
    expect(aggregate([3, 4, 5])).toBe(4);
    expect(aggregate([1, 2], 'mean')).toBe(1.5);
  });

  it('median of odd and even counts, whatever the input order', () => {
    expect(aggregate([5, 1, 2], 'median')).toBe(2);
    expect(aggregate([10, 1, 3, 2], 'median')).toBe(2.5);
  });

  it('trimmed mean drops one highest and one lowest only from five members up', () => {
    expect(aggregate([1, 2, 3, 4, 100], 'trimmed_mean')).toBe(3);
    expect(aggregate([1, 2, 3, 10], 'trimmed_mean')).toBe(4); // four members: plain mean
  });

  it('geometric mean, and zero when any score is zero', () => {
    expect(aggregate([2, 8], 'geometric_mean')).toBeCloseTo(4, 12);
    expect(aggregate([1, 3, 9], 'geometric_mean')).toBeCloseTo(3, 12);
    expect(aggregate([0, 5, 5], 'geometric_mean')).toBe(0);
  });

  it('normalises to [0, 1] and clamps', () => {
    expect(normalise(4, 1, 5)).toBe(0.75);
    expect(normalise(9, 1, 5)).toBe(1);
    expect(normalise(-3, 1, 5)).toBe(0);
    expect(normalise(3, 5, 5)).toBe(0);
  });
});

const oneCriterion: CriterionDef[] = [{ id: 1, weight: 1, scaleMin: 1, scaleMax: 5, kind: 'member' }];
const sameScore = (ids: number[], v = 3): Map<number, Map<number, number[]>> =>
  new Map(ids.map((id) => [id, new Map([[1, [v, v]]])]));

describe('rankProjects', () => {
  it('ranks by composite, 0–100', () => {
    const projects: ProjectForRanking[] = [
      { id: 1, code: 'A', cost: 10, needEvidence: 0 },
      { id: 2, code: 'B', cost: 10, needEvidence: 0 },
    ];
    const scores = new Map([
      [1, new Map([[1, [2]]])],
      [2, new Map([[1, [5]]])],
    ]);
    const ranked = rankProjects(projects, oneCriterion, scores, new Map());
    expect(ranked.map((r) => [r.id, r.rank, r.composite])).toEqual([
      [2, 1, 100],
      [1, 2, 25],
    ]);
    expect(ranked[1]!.perCriterion[1]).toBe(0.25);
  });

  it('breaks a tie on composite by need evidence (more people first)', () => {
    const projects: ProjectForRanking[] = [
      { id: 1, code: 'A', cost: 10, needEvidence: 100 },
      { id: 2, code: 'B', cost: 10, needEvidence: 900 },
    ];
    expect(rankProjects(projects, oneCriterion, sameScore([1, 2]), new Map()).map((r) => r.id)).toEqual([2, 1]);
  });

  it('then by lower cost', () => {
    const projects: ProjectForRanking[] = [
      { id: 1, code: 'A', cost: 500, needEvidence: 100 },
      { id: 2, code: 'B', cost: 200, needEvidence: 100 },
    ];
    expect(rankProjects(projects, oneCriterion, sameScore([1, 2]), new Map()).map((r) => r.id)).toEqual([2, 1]);
  });

  it('then by project code', () => {
    const projects: ProjectForRanking[] = [
      { id: 1, code: 'SRB71-010', cost: 200, needEvidence: 100 },
      { id: 2, code: 'SRB71-002', cost: 200, needEvidence: 100 },
      { id: 3, code: 'SRB71-003', cost: 200, needEvidence: 100 },
    ];
    expect(rankProjects(projects, oneCriterion, sameScore([1, 2, 3]), new Map()).map((r) => r.id)).toEqual([2, 3, 1]);
  });

  it('does not let float noise beat the tie-breakers', () => {
    // 0.1 + 0.2 and 0.3 differ in binary; both projects must still tie and fall to the evidence rule.
    const criteria: CriterionDef[] = [
      { id: 1, weight: 0.1, scaleMin: 0, scaleMax: 1, kind: 'member' },
      { id: 2, weight: 0.2, scaleMin: 0, scaleMax: 1, kind: 'member' },
      { id: 3, weight: 0.3, scaleMin: 0, scaleMax: 1, kind: 'member' },
    ];
    const scores = new Map([
      [
        1,
        new Map([
          [1, [1]],
          [2, [1]],
          [3, [0]],
        ]),
      ],
      [
        2,
        new Map([
          [1, [0]],
          [2, [0]],
          [3, [1]],
        ]),
      ],
    ]);
    const projects: ProjectForRanking[] = [
      { id: 1, code: 'A', cost: 1, needEvidence: 1 },
      { id: 2, code: 'B', cost: 1, needEvidence: 2 },
    ];
    const ranked = rankProjects(projects, criteria, scores, new Map());
    expect(ranked[0]!.composite).toBe(ranked[1]!.composite);
    expect(ranked.map((r) => r.id)).toEqual([2, 1]);
  });

  it('normalises a computed criterion against the round maximum; unscored counts as zero', () => {
    const criteria: CriterionDef[] = [
      { id: 1, weight: 1, scaleMin: 1, scaleMax: 5, kind: 'member' },
      { id: 9, weight: 1, scaleMin: 0, scaleMax: 1, kind: 'computed' },
    ];
    const projects: ProjectForRanking[] = [
      { id: 1, code: 'A', cost: 1, needEvidence: 400 },
      { id: 2, code: 'B', cost: 1, needEvidence: 100 },
      { id: 3, code: 'C', cost: 1, needEvidence: 0 },
    ];
    const computed = new Map([
      [1, new Map([[9, 400]])],
      [2, new Map([[9, 100]])],
    ]);
    const scores = new Map([[2, new Map([[1, [5]]])]]);
    const byId = new Map(rankProjects(projects, criteria, scores, computed).map((r) => [r.id, r]));
    expect(byId.get(1)!.composite).toBe(50); // member unscored (0) + people 400/400
    expect(byId.get(2)!.composite).toBe(62.5); // member 5 → 1, people 100/400
    expect(byId.get(3)!.composite).toBe(0);
    expect(byId.get(1)!.perCriterion[1]).toBeNull();
    expect(byId.get(3)!.perCriterion[9]).toBeNull();
  });
});

// ---- properties ----

type Round = {
  projects: ProjectForRanking[];
  criteria: CriterionDef[];
  scores: Map<number, Map<number, number[]>>;
  computed: Map<number, Map<number, number>>;
  how: Aggregation;
};

const criteriaArb = fc
  .array(
    fc.record({
      weight: fc.double({ min: 0, max: 10, noNaN: true }),
      kind: fc.constantFrom<'member' | 'computed'>('member', 'member', 'computed'),
      scaleMin: fc.integer({ min: 0, max: 2 }),
      span: fc.integer({ min: 1, max: 9 }),
    }),
    { minLength: 1, maxLength: 5 },
  )
  .map((cs): CriterionDef[] =>
    cs.map((c, i) => ({ id: i + 1, weight: c.weight, kind: c.kind, scaleMin: c.scaleMin, scaleMax: c.scaleMin + c.span })),
  );

const roundArb: fc.Arbitrary<Round> = fc
  .record({
    criteria: criteriaArb,
    projects: fc.uniqueArray(
      fc.record({
        code: fc.string({ minLength: 1, maxLength: 3 }),
        cost: fc.integer({ min: 0, max: 20 }),
        needEvidence: fc.integer({ min: 0, max: 5 }),
      }),
      { selector: (p) => p.code, minLength: 1, maxLength: 15 },
    ),
    how: fc.constantFrom<Aggregation>('mean', 'median', 'trimmed_mean', 'geometric_mean'),
    seedValues: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 400, maxLength: 400 }),
    members: fc.integer({ min: 0, max: 7 }),
  })
  .map(({ criteria, projects, how, seedValues, members }) => {
    let k = 0;
    const nextValue = (): number => seedValues[k++ % seedValues.length]!;
    const ps = projects.map((p, i) => ({ id: i + 1, ...p }));
    const scores = new Map<number, Map<number, number[]>>();
    const computed = new Map<number, Map<number, number>>();
    for (const p of ps) {
      const byC = new Map<number, number[]>();
      const comp = new Map<number, number>();
      for (const c of criteria) {
        if (c.kind === 'member') {
          const vals = Array.from({ length: members }, () => c.scaleMin + Math.round(nextValue() * (c.scaleMax - c.scaleMin)));
          byC.set(c.id, vals);
        } else if (nextValue() < 0.8) {
          comp.set(c.id, Math.round(nextValue() * 1000));
        }
      }
      scores.set(p.id, byC);
      computed.set(p.id, comp);
    }
    return { projects: ps, criteria, scores, computed, how };
  });

const rank = (r: Round) => rankProjects(r.projects, r.criteria, r.scores, r.computed, r.how);

describe('rankProjects properties', () => {
  it('ranks are a permutation of 1..n covering every project once', () => {
    fc.assert(
      fc.property(roundArb, (r) => {
        const out = rank(r);
        expect(out.map((x) => x.rank)).toEqual(r.projects.map((_, i) => i + 1));
        expect(new Set(out.map((x) => x.id))).toEqual(new Set(r.projects.map((p) => p.id)));
      }),
    );
  });

  it('composite is within [0, 100] and never increases down the ranking', () => {
    fc.assert(
      fc.property(roundArb, (r) => {
        const out = rank(r);
        for (const x of out) {
          expect(x.composite).toBeGreaterThanOrEqual(0);
          expect(x.composite).toBeLessThanOrEqual(100);
        }
        for (let i = 1; i < out.length; i++) expect(out[i]!.composite).toBeLessThanOrEqual(out[i - 1]!.composite);
      }),
    );
  });

  it('raising one member score never lowers that project composite, and leaves others alone', () => {
    fc.assert(
      fc.property(roundArb, fc.nat(), fc.nat(), fc.nat(), fc.integer({ min: 1, max: 9 }), (r, pi, ci, mi, raise) => {
        const memberCriteria = r.criteria.filter((c) => c.kind === 'member');
        fc.pre(memberCriteria.length > 0);
        const p = r.projects[pi % r.projects.length]!;
        const c = memberCriteria[ci % memberCriteria.length]!;
        const values = r.scores.get(p.id)!.get(c.id)!;
        fc.pre(values.length > 0);
        const m = mi % values.length;
        const raised = new Map(r.scores);
        const byC = new Map(r.scores.get(p.id)!);
        byC.set(
          c.id,
          values.map((v, i) => (i === m ? Math.min(c.scaleMax, v + raise) : v)),
        );
        raised.set(p.id, byC);
        const before = new Map(rank(r).map((x) => [x.id, x.composite]));
        const after = new Map(rank({ ...r, scores: raised }).map((x) => [x.id, x.composite]));
        expect(after.get(p.id)!).toBeGreaterThanOrEqual(before.get(p.id)!);
        for (const q of r.projects) if (q.id !== p.id) expect(after.get(q.id)).toBe(before.get(q.id));
      }),
    );
  });

  it('same input, same output; input order does not matter', () => {
    fc.assert(
      fc.property(roundArb, fc.nat(), (r, shift) => {
        const a = rank(r);
        expect(rank(r)).toEqual(a);
        const k = shift % r.projects.length;
        const rotated = [...r.projects.slice(k), ...r.projects.slice(0, k)].reverse();
        expect(rank({ ...r, projects: rotated })).toEqual(a);
      }),
    );
  });
});
