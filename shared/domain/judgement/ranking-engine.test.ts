import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { greedyAllocate } from '../allocation/greedy';
import { rankProjects, type ProjectForRanking } from '../scoring';
import { AGGREGATIONS } from './aggregation';
import { CommitteeModel, type ModelCriterion } from './committee-model';
import { fundedMask, rankOrder, tiePositions } from './order';
import { applyOverrides, checkReason, describeOverride, type RankingOverride } from './overrides';
import { flips, rankSensitivity } from './sensitivity';

const round = fc.record({
  projects: fc.uniqueArray(
    fc.record({
      code: fc.stringMatching(/^[A-Z]{1,3}$/u),
      cost: fc.integer({ min: 1, max: 100 }),
      needEvidence: fc.integer({ min: 0, max: 3 }),
    }),
    { minLength: 1, maxLength: 25, selector: (p) => p.code },
  ),
  weights: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 4 }),
  how: fc.constantFrom(...AGGREGATIONS),
  members: fc.integer({ min: 1, max: 6 }),
  seed: fc.integer(),
});

type Round = typeof round extends fc.Arbitrary<infer R> ? R : never;

function build(r: Round) {
  const projects: ProjectForRanking[] = r.projects.map((p, i) => ({ id: i + 1, ...p }));
  const criteria: ModelCriterion[] = r.weights.map((w, c) => ({
    id: c + 1,
    weight: w,
    scaleMin: 1,
    scaleMax: 5,
    kind: 'member',
    aggregation: r.how,
  }));
  // Deterministic scores from the seed: some cells not scored.
  let s = r.seed >>> 0;
  const next = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) >>> 16) % 7;
  const model = new CommitteeModel({ projects, criteria, members: r.members });
  const scores = new Map<number, Map<number, number[]>>();
  projects.forEach((p, pi) =>
    criteria.forEach((c, ci) => {
      for (let m = 0; m < r.members; m++) {
        const v = next();
        if (v === 0 || v === 6) continue;
        model.loadScore(pi, ci, m, v);
        let byC = scores.get(p.id);
        if (!byC) scores.set(p.id, (byC = new Map()));
        byC.set(c.id, [...(byC.get(c.id) ?? []), v]);
      }
    }),
  );
  model.recomputeAll();
  return { projects, criteria, model, scores };
}

describe('the committee model ranks as rankProjects does', () => {
  it('same composites and the same order (a permutation), for every aggregation', () => {
    fc.assert(
      fc.property(round, (r) => {
        const { projects, criteria, model, scores } = build(r);
        const expected = rankProjects(projects, criteria, scores, new Map(), r.how);
        const order = rankOrder(model.composites, model.tie);
        expect([...order].map((i) => projects[i]!.id)).toEqual(expected.map((x) => x.id));
        expect(new Set(order).size).toBe(projects.length);
        expected.forEach((x) => expect(model.composites[x.id - 1]).toBe(x.composite));
      }),
    );
  });
  it('an edit updates one project exactly as a full recompute would', () => {
    fc.assert(
      fc.property(round, fc.nat(), fc.integer({ min: 1, max: 5 }), (r, pick, value) => {
        const { model } = build(r);
        const p = pick % model.projectCount;
        const c = pick % model.criterionCount;
        const m = pick % model.memberCount;
        model.setScore(p, c, m, value);
        const incremental = model.composites.slice();
        model.recomputeAll();
        expect(incremental).toEqual(model.composites);
        model.setScore(p, c, m, null);
        expect(model.cellScores(p, c).some((x) => x.member === m)).toBe(false);
      }),
    );
  });
  it('the ranking does not depend on the order the projects are given in', () => {
    fc.assert(
      fc.property(round, (r) => {
        const { projects, criteria, model, scores } = build(r);
        const codes = [...rankOrder(model.composites, model.tie)].map((i) => projects[i]!.code);
        const reversed = rankProjects([...projects].reverse(), criteria, scores, new Map(), r.how);
        expect(reversed.map((x) => projects[x.id - 1]!.code)).toEqual(codes);
      }),
    );
  });
});

describe('the members’ order does not matter', () => {
  it('the same scores and member weights read in another member order give the same composites, to the bit, and ranking', () => {
    fc.assert(
      fc.property(
        round,
        fc.array(fc.constantFrom(0, 0.5, 1, 1.5, 2, 3), { minLength: 6, maxLength: 6 }),
        fc.integer(),
        (r, weights, shuffleSeed) => {
          const { projects, criteria, model } = build(r);
          // A permutation of the members from the seed (Fisher–Yates).
          const order = Array.from({ length: r.members }, (_, m) => m);
          let s = shuffleSeed >>> 0;
          for (let i = order.length - 1; i > 0; i--) {
            s = (Math.imul(s, 1103515245) + 12345) >>> 0;
            const j = (s >>> 8) % (i + 1);
            [order[i], order[j]] = [order[j]!, order[i]!];
          }
          const memberWeights = weights.slice(0, r.members);
          const make = (perm: readonly number[]) => {
            const m = new CommitteeModel({
              projects,
              criteria,
              members: r.members,
              memberWeights: perm.map((from) => memberWeights[from]!),
            });
            for (let p = 0; p < projects.length; p++)
              for (let c = 0; c < criteria.length; c++)
                for (const { member, value } of model.cellScores(p, c)) m.loadScore(p, c, perm.indexOf(member), value);
            m.recomputeAll();
            return m;
          };
          const a = make(order.map((_, i) => i));
          const b = make(order);
          expect([...b.composites]).toEqual([...a.composites]);
          expect([...rankOrder(b.composites, b.tie)]).toEqual([...rankOrder(a.composites, a.tie)]);
        },
      ),
    );
  });
});

describe('greedy funding on typed arrays', () => {
  it('funds exactly what greedyAllocate funds, with include and exclude', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 0, max: 400 }),
        fc.array(fc.constantFrom(0, 0, 0, 1, 2), { minLength: 30, maxLength: 30 }),
        (costs, budget, marks) => {
          const n = costs.length;
          const order = Uint32Array.from({ length: n }, (_, i) => n - 1 - i);
          const locked = Uint8Array.from({ length: n }, (_, i) => (marks[i] === 1 ? 1 : 0));
          const excluded = Uint8Array.from({ length: n }, (_, i) => (marks[i] === 2 ? 1 : 0));
          const mask = fundedMask(order, costs, budget, locked, excluded);
          const outcome = greedyAllocate({
            projects: [...order].map((i) => ({ id: String(i), cost: costs[i]!, score: 0 })),
            budget,
            locks: Object.fromEntries([...locked].flatMap((l, i) => (l ? [[String(i), costs[i]!]] : []))),
            excluded: [...excluded].flatMap((e, i) => (e ? [String(i)] : [])),
          });
          const funded = [...mask].flatMap((f, i) => (f ? [String(i)] : []));
          expect(funded.sort()).toEqual(Object.keys(outcome.funded).sort());
        },
      ),
    );
  });
});

describe('sensitivity', () => {
  const input = {
    norms: Float64Array.from({ length: 60 * 3 }, (_, i) => ((i * 7919) % 101) / 100),
    weights: [0.5, 0.3, 0.2],
    tie: tiePositions(Array.from({ length: 60 }, (_, i) => ({ id: i, code: `P${100 + i}`, cost: 10, needEvidence: 0 }))),
    costs: Array.from({ length: 60 }, (_, i) => 10 + (i % 7)),
    budget: 300,
    samples: 300,
    spread: 0.2,
  };
  it('the same seed gives the same ranges; another seed may not', () => {
    const a = rankSensitivity({ ...input, seed: 42 });
    const b = rankSensitivity({ ...input, seed: 42 });
    expect(a).toEqual(b);
    const c = rankSensitivity({ ...input, seed: 43 });
    expect(c.baseRank).toEqual(a.baseRank);
  });
  it('the base rank lies in the range; ±20% spreads at least as far as ±10% on average; no change, no range', () => {
    const wide = rankSensitivity({ ...input, seed: 1 });
    const narrow = rankSensitivity({ ...input, seed: 1, spread: 0.1 });
    for (let p = 0; p < 60; p++) {
      expect(wide.minRank[p]).toBeLessThanOrEqual(wide.baseRank[p]!);
      expect(wide.maxRank[p]).toBeGreaterThanOrEqual(wide.baseRank[p]!);
    }
    const width = (r: typeof wide) => r.maxRank.reduce((s, v, i) => s + v - r.minRank[i]!, 0);
    expect(width(wide)).toBeGreaterThanOrEqual(width(narrow));
    expect(width(narrow)).toBeGreaterThan(0);
    const still = rankSensitivity({ ...input, seed: 1, spread: 0 });
    expect(still.minRank).toEqual(still.baseRank);
    expect(still.maxRank).toEqual(still.baseRank);
    for (let p = 0; p < 60; p++) expect(flips(still, p)).toBe(false);
  });
  it('an excluded project is never funded and never flips; an included one always is', () => {
    const excluded = new Uint8Array(60);
    const locked = new Uint8Array(60);
    excluded[0] = 1;
    locked[59] = 1;
    const r = rankSensitivity({ ...input, seed: 5, excluded, locked });
    expect(r.fundedCount[0]).toBe(0);
    expect(r.fundedCount[59]).toBe(r.samples);
    expect(flips(r, 0)).toBe(false);
  });
});

describe('overrides', () => {
  const o = (id: number, projectId: number, kind: RankingOverride['kind'], position: number | null = null): RankingOverride => ({
    id,
    projectId,
    kind,
    position,
    reason: 'มติที่ประชุม',
    requestedBy: 1,
    at: '2026-12-02T00:00:00Z',
  });
  it('a reason is required, trimmed, and kept', () => {
    expect(() => checkReason('   ')).toThrow(/reason/u);
    expect(() => checkReason(undefined)).toThrow(/reason/u);
    expect(checkReason('  ติดปัญหาที่ดิน ')).toBe('ติดปัญหาที่ดิน');
  });
  it('move places a project; the latest override of a project is in force; include/exclude keep the order', () => {
    const r = applyOverrides([1, 2, 3, 4], [o(1, 4, 'move', 1), o(2, 2, 'exclude'), o(3, 3, 'include'), o(4, 2, 'include')]);
    expect(r.order).toEqual([4, 1, 2, 3]);
    expect([...r.included].sort()).toEqual([2, 3]);
    expect(r.excluded.size).toBe(0);
  });
  it('overrides always leave a permutation of the same projects', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.array(
          fc.tuple(
            fc.nat(),
            fc.constantFrom('move' as const, 'include' as const, 'exclude' as const),
            fc.integer({ min: -3, max: 30 }),
          ),
        ),
        (n, list) => {
          const order = Array.from({ length: n }, (_, i) => i + 1);
          const r = applyOverrides(
            order,
            list.map(([p, k, pos], i) => o(i + 1, (p % (n + 2)) + 1, k, pos)),
          );
          expect([...r.order].sort((a, b) => a - b)).toEqual(order);
          for (const x of r.inForce.values()) expect(x.reason.length).toBeGreaterThan(0);
        },
      ),
    );
  });
});

describe('the override on the why-card', () => {
  it('quotes the reason and names who asked, in both languages', () => {
    const s = describeOverride({ kind: 'move', position: 3, reason: 'พื้นที่ประสบภัย', requestedByName: 'นางสาวพรทิพย์' });
    expect(s.th).toContain('ย้ายไปลำดับที่ 3');
    expect(s.th).toContain('"พื้นที่ประสบภัย"');
    expect(s.en).toContain('at the request of นางสาวพรทิพย์');
  });
});
