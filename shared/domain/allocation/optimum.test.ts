import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import loadHighs from 'highs';
import {
  checkFeasible,
  listConstraintGroups,
  optimize,
  OptimumSolverError,
  type LpSolver,
  type OptimumInput,
  type OptimumOutcome,
} from './optimum';
import type { AllocationProject } from './types';

// The real wasm solver, loaded directly so this shared test does not depend on the electron adapter.
let solver: LpSolver;
beforeAll(async () => {
  const highs = await loadHighs();
  solver = async (lp) => highs.solve(lp, { output_flag: false, mip_rel_gap: 0, mip_abs_gap: 0, time_limit: 60 });
});

const p = (id: string, cost: number, score: number, extra: Partial<AllocationProject> = {}): AllocationProject => ({
  id,
  cost,
  score,
  ...extra,
});

function decision(out: OptimumOutcome, id: string) {
  const d = out.decisions.find((x) => x.projectId === id);
  if (!d) throw new Error(`no decision for ${id}`);
  return d;
}

describe('optimize: hand-checked instances', () => {
  it('beats greedy on a knapsack where the best project crowds out two good ones', async () => {
    const out = await optimize(
      { projects: [p('A', 600, 10), p('B', 500, 7), p('C', 500, 7)], budget: 1000, objective: 'score' },
      solver,
    );
    expect(out.status).toBe('optimal');
    expect(out.funded).toEqual({ B: 500, C: 500 });
    expect(out.objectiveValue).toBeCloseTo(14, 9);
    expect(out.totalFunded).toBe(1000);
    expect(out.remaining).toBe(0);
    expect(decision(out, 'A').reason).toBe('skipped_no_money');
    expect(decision(out, 'A').detail?.constraint).toBe('ceiling');
    expect(out.reserve).toEqual(['A']);
    expect(out.rule).toBe('optimum');
    expect(out.decisions).toHaveLength(3);
  });

  it('funds part of a project when that buys more than all-or-nothing', async () => {
    const projects = [p('A', 1000, 10, { minCost: 400 }), p('B', 700, 6)];
    const out = await optimize({ projects, budget: 1200, objective: 'score' }, solver);
    // A at 500 (value 5) + B (6) = 11 beats A in full (10) and A at its minimum + B (4 + 6).
    expect(out.funded).toEqual({ A: 500, B: 700 });
    expect(out.objectiveValue).toBeCloseTo(11, 9);
    expect(decision(out, 'A').reason).toBe('funded_partial');
    expect(decision(out, 'A').detail?.constraint).toBe('ceiling');

    const whole = await optimize({ projects, budget: 1200, objective: 'score', partialFunding: false }, solver);
    expect(whole.funded).toEqual({ A: 1000 });
  });

  it('keeps satang exact with multi-million-baht partial projects', async () => {
    const projects = [
      p('A', 2_000_000_001, 50, { minCost: 1_000_000_000 }),
      p('B', 1_500_000_007, 40, { minCost: 700_000_003 }),
      p('C', 900_000_011, 39),
    ];
    const budget = 3_333_333_337;
    const out = await optimize({ projects, budget, objective: 'score' }, solver);
    expect(out.status).toBe('optimal');
    expect(out.totalFunded).toBeLessThanOrEqual(budget);
    // All three at their minimums fit; the rest goes to the better value per satang, B (2.67e-8) over A (2.5e-8).
    expect(out.funded).toEqual({ C: 900_000_011, A: 1_000_000_000, B: budget - 900_000_011 - 1_000_000_000 });
    for (const v of Object.values(out.funded)) expect(Number.isInteger(v)).toBe(true);
  });

  it('respects a dependency', async () => {
    const projects = [p('A', 600, 10), p('B', 700, 1), p('C', 400, 9)];
    const out = await optimize(
      { projects, budget: 1000, objective: 'score', dependencies: [{ project: 'A', requires: 'B' }] },
      solver,
    );
    // A + B does not fit, so A cannot be funded; without the dependency A + C (19) would win.
    expect(out.funded).toEqual({ C: 400 });
    expect(decision(out, 'A').reason).toBe('not_selected');
    expect(decision(out, 'A').detail?.constraint).toBe('dependency:A->B');
    const free = await optimize({ projects, budget: 1000, objective: 'score' }, solver);
    expect(free.funded).toEqual({ A: 600, C: 400 });
  });

  it('respects an incompatibility', async () => {
    const out = await optimize(
      {
        projects: [p('A', 500, 10), p('B', 500, 9), p('C', 500, 2)],
        budget: 1000,
        objective: 'score',
        incompatibilities: [['A', 'B']],
      },
      solver,
    );
    expect(out.funded).toEqual({ A: 500, C: 500 });
    expect(decision(out, 'B').detail?.binding).toContain('incompatible:A|B');
  });

  it('honours mustFund and mustNot', async () => {
    const out = await optimize(
      {
        projects: [p('A', 500, 10), p('B', 500, 9), p('C', 500, 1)],
        budget: 1000,
        objective: 'score',
        mustFund: ['C'],
        mustNot: ['A'],
      },
      solver,
    );
    expect(out.funded).toEqual({ B: 500, C: 500 });
    expect(decision(out, 'A').reason).toBe('excluded');
    expect(decision(out, 'A').step).toBe(0);
    expect(decision(out, 'C').detail?.binding).toContain('mustFund:C');
  });

  it('lets a district floor force a lower-score project', async () => {
    const base: OptimumInput = {
      projects: [p('A', 500, 10, { district: '1901' }), p('B', 500, 1, { district: '1902' })],
      budget: 500,
      objective: 'score',
    };
    expect((await optimize(base, solver)).funded).toEqual({ A: 500 });
    const out = await optimize({ ...base, districtFloors: { '1902': 500 } }, solver);
    expect(out.funded).toEqual({ B: 500 });
    expect(decision(out, 'A').reason).toBe('skipped_no_money');
  });

  it('names district and strategy caps as the binding constraint', async () => {
    const out = await optimize(
      {
        projects: [
          p('A', 500, 10, { district: '1901', strategy: 'S1' }),
          p('B', 500, 3, { district: '1901', strategy: 'S2' }),
          p('C', 500, 3, { district: '1902', strategy: 'S1' }),
          p('D', 100, 1, { district: '1903', strategy: 'S3' }),
        ],
        budget: 10_000,
        objective: 'score',
        districtCaps: { '1901': 600 },
        strategyCaps: { S1: 700 },
      },
      solver,
    );
    expect(out.funded).toEqual({ A: 500, D: 100 });
    expect(decision(out, 'B').reason).toBe('skipped_district_envelope');
    expect(decision(out, 'B').detail?.constraint).toBe('cap:1901');
    expect(decision(out, 'C').reason).toBe('skipped_strategy_envelope');
    expect(decision(out, 'C').detail?.constraint).toBe('strategyCap:S1');
    expect(out.reserve).toEqual(['B', 'C']);
  });

  it('maximises people reached on request', async () => {
    const projects = [
      p('A', 500, 10, { peopleReached: 100 }),
      p('B', 500, 1, { peopleReached: 1000 }),
      p('C', 500, 5, { peopleReached: 10 }),
    ];
    const out = await optimize({ projects, budget: 1000, objective: 'people' }, solver);
    expect(out.funded).toEqual({ A: 500, B: 500 });
    expect(out.objectiveValue).toBe(1100);
  });

  it('applies locks before optimising the rest', async () => {
    const out = await optimize(
      {
        projects: [p('A', 500, 1), p('B', 500, 10), p('C', 400, 9), p('D', 300, 8)],
        budget: 1000,
        objective: 'score',
        locks: { A: 300, B: 0 },
      },
      solver,
    );
    expect(out.funded).toEqual({ A: 300, C: 400, D: 300 });
    expect(decision(out, 'A')).toMatchObject({ reason: 'locked', step: 0, funded: 300, remainingBefore: 1000 });
    expect(decision(out, 'B')).toMatchObject({ reason: 'locked', funded: 0 });
    expect(decision(out, 'C')).toMatchObject({ step: 1, remainingBefore: 700 });
    expect(out.decisions.slice(0, 2).map((d) => d.projectId)).toEqual(['A', 'B']);
    expect(out.reserve).toEqual(['B']);
  });

  it('explains infeasible floors with Thai and English names', async () => {
    const out = await optimize(
      {
        projects: [
          p('A', 3_000_000_000, 5, { district: '1901' }),
          p('B', 2_000_000_000, 5, { district: '1902' }),
          p('C', 1_000_000_000, 5, { district: '1903' }),
        ],
        budget: 4_000_000_000,
        objective: 'score',
        districtFloors: { '1901': 3_000_000_000, '1902': 2_000_000_000, '1903': 0 },
        districtCaps: { '1903': 5_000_000_000 },
        mustNot: ['C'],
        names: { districts: { '1901': 'เมืองสระบุรี', '1902': 'แก่งคอย' } },
      },
      solver,
    );
    expect(out.status).toBe('infeasible');
    expect(out.funded).toEqual({});
    expect(out.totalFunded).toBe(0);
    expect(out.reserve).toEqual(['A', 'B', 'C']);
    expect(out.conflict).toEqual([
      { id: 'ceiling', th: 'วงเงินงบประมาณรวมไม่เกิน 40,000,000.00 บาท', en: 'budget ceiling: 40,000,000.00 baht' },
      { id: 'floor:1901', th: 'งบขั้นต่ำอำเภอเมืองสระบุรี 30,000,000.00 บาท', en: 'floor for district 1901: 30,000,000.00 baht' },
      { id: 'floor:1902', th: 'งบขั้นต่ำอำเภอแก่งคอย 20,000,000.00 บาท', en: 'floor for district 1902: 20,000,000.00 baht' },
    ]);
  });

  it('finds the mustFund/mustNot clash among many groups', async () => {
    const out = await optimize(
      {
        projects: [p('A', 100, 1, { district: '1901', strategy: 'S1' }), p('B', 100, 2, { district: '1902' })],
        budget: 1000,
        objective: 'score',
        districtFloors: { '1901': 100 },
        districtCaps: { '1902': 100 },
        strategyCaps: { S1: 500 },
        mustFund: ['A', 'B'],
        mustNot: ['B'],
        dependencies: [{ project: 'A', requires: 'B' }],
      },
      solver,
    );
    expect(out.status).toBe('infeasible');
    // Two minimal conflicts exist; the filter drops dependencies before must-constraints.
    expect(out.conflict?.map((c) => c.id)).toEqual(['mustFund:B', 'mustNot:B']);
    expect(out.conflict?.[0]?.th).toBe('โครงการ B ต้องได้รับงบ');
  });

  it('reports a lock that breaks a cap', async () => {
    const out = await optimize(
      {
        projects: [p('A', 800, 1, { district: '1901' }), p('B', 100, 1)],
        budget: 1000,
        objective: 'score',
        districtCaps: { '1901': 500 },
        locks: { A: 600 },
      },
      solver,
    );
    expect(out.conflict?.map((c) => c.id)).toEqual(['cap:1901', 'lock:A']);
    expect(out.conflict?.[1]?.en).toBe('project A locked at 6.00 baht');
  });

  it('rejects malformed input', async () => {
    const projects = [p('A', 100, 1)];
    await expect(optimize({ projects, budget: 100, objective: 'score', mustFund: ['Z'] }, solver)).rejects.toThrow(RangeError);
    await expect(optimize({ projects: [p('A', 10.5, 1)], budget: 100, objective: 'score' }, solver)).rejects.toThrow(/cost/);
    await expect(optimize({ projects, budget: -1, objective: 'score' }, solver)).rejects.toThrow(/budget/);
    await expect(optimize({ projects, budget: 100, objective: 'score', locks: { A: 101 } }, solver)).rejects.toThrow(/lock/);
    expect(() => listConstraintGroups({ projects: [p('A', 1, 1), p('A', 1, 1)], budget: 1, objective: 'score' })).toThrow(
      /duplicate/,
    );
  });

  it('repairs a partial amount the solver rounded past the ceiling', async () => {
    // A solver answer within tolerance: e0 = 100.6 rounds to 101 satang, one over the budget.
    const fake: LpSolver = async () => ({
      Status: 'Optimal',
      Columns: { x0: { Index: 0, Primal: 1 }, e0: { Index: 1, Primal: 100.6 }, x1: { Index: 2, Primal: 0.9999997 } },
    });
    const out = await optimize(
      { projects: [p('A', 1000, 10, { minCost: 400 }), p('B', 700, 6)], budget: 1200, objective: 'score' },
      fake,
    );
    expect(out.funded).toEqual({ A: 500, B: 700 });
  });

  it('tightens and re-solves when rounding binaries breaks the ceiling', async () => {
    const lps: string[] = [];
    const answers = [
      { x0: 0.9999999, x1: 1 },
      { x0: 0, x1: 1 },
    ];
    const fake: LpSolver = async (lp) => {
      lps.push(lp);
      const a = answers[lps.length - 1]!;
      return { Status: 'Optimal', Columns: { x0: { Index: 0, Primal: a.x0 }, x1: { Index: 1, Primal: a.x1 } } };
    };
    const out = await optimize({ projects: [p('A', 600, 10), p('B', 500, 7)], budget: 1000, objective: 'score' }, fake);
    expect(lps).toHaveLength(2);
    expect(lps[0]).toMatch(/<= 1000\n/);
    expect(lps[1]).toMatch(/<= 900\n/);
    expect(out.funded).toEqual({ B: 500 });
  });

  it('refuses a solver answer that is neither optimal nor infeasible', async () => {
    const fake: LpSolver = async () => ({ Status: 'Time limit reached', Columns: {} });
    await expect(optimize({ projects: [p('A', 1, 1)], budget: 1, objective: 'score' }, fake)).rejects.toThrow(OptimumSolverError);
  });

  it('handles an empty project list', async () => {
    const out = await optimize({ projects: [], budget: 100, objective: 'score' }, solver);
    expect(out).toMatchObject({ status: 'optimal', funded: {}, totalFunded: 0, remaining: 100, decisions: [], reserve: [] });
  });
});

// ---------------------------------------------------------------------------------------------
// Property tests on small random instances

const DISTRICTS = ['1901', '1902', '1903'];
const STRATEGIES = ['S1', 'S2'];

type Instance = OptimumInput & { projects: AllocationProject[] };

const instanceArb = (allowPartial: boolean): fc.Arbitrary<Instance> =>
  fc
    .record({
      n: fc.integer({ min: 1, max: 7 }),
      // Large costs exercise satang exactness with solver tolerances; small ones make ties likely.
      unit: fc.constantFrom(1, 1_000_003),
      seedProjects: fc.array(
        fc.record({
          cost: fc.integer({ min: 1, max: 1000 }),
          minFrac: fc.option(fc.double({ min: 0.1, max: 0.95, noNaN: true }), { nil: undefined }),
          score: fc.integer({ min: 0, max: 100 }),
          district: fc.constantFrom(...DISTRICTS),
          strategy: fc.constantFrom(...STRATEGIES),
          people: fc.integer({ min: 0, max: 5000 }),
        }),
        { minLength: 7, maxLength: 7 },
      ),
      budgetFrac: fc.double({ min: 0, max: 1.1, noNaN: true }),
      floors: fc.array(fc.option(fc.double({ min: 0, max: 0.6, noNaN: true }), { nil: undefined }), {
        minLength: 3,
        maxLength: 3,
      }),
      caps: fc.array(fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }), {
        minLength: 3,
        maxLength: 3,
      }),
      sCaps: fc.array(fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }), {
        minLength: 2,
        maxLength: 2,
      }),
      must: fc.array(fc.integer({ min: 0, max: 6 }), { maxLength: 2 }),
      mustNot: fc.array(fc.integer({ min: 0, max: 6 }), { maxLength: 1 }),
      deps: fc.array(fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 6 })), { maxLength: 2 }),
      incs: fc.array(fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 6 })), { maxLength: 2 }),
      lock: fc.option(fc.tuple(fc.integer({ min: 0, max: 6 }), fc.double({ min: 0, max: 1, noNaN: true })), {
        nil: undefined,
      }),
      objective: fc.constantFrom('score' as const, 'people' as const),
    })
    .map((r) => {
      const projects = r.seedProjects.slice(0, r.n).map((s, k) => {
        const cost = s.cost * r.unit;
        const minCost = allowPartial && s.minFrac !== undefined ? Math.max(1, Math.floor(cost * s.minFrac)) : undefined;
        return p(`p${k}`, cost, s.score, {
          ...(minCost !== undefined ? { minCost } : {}),
          district: s.district,
          strategy: s.strategy,
          peopleReached: s.people,
        });
      });
      const total = projects.reduce((a, x) => a + x.cost, 0);
      const per = (key: 'district' | 'strategy', v: string) =>
        projects.filter((x) => x[key] === v).reduce((a, x) => a + x.cost, 0);
      const pick = (ks: number[]) => [...new Set(ks.filter((k) => k < r.n))].map((k) => `p${k}`);
      const rec = (keys: string[], fr: (number | undefined)[], key: 'district' | 'strategy') => {
        const out: Record<string, number> = {};
        keys.forEach((d, k) => {
          const f = fr[k];
          if (f !== undefined) out[d] = Math.floor(per(key, d) * f);
        });
        return out;
      };
      const pairs = (ps: [number, number][]) => ps.filter(([a, b]) => a < r.n && b < r.n && a !== b);
      const locks: Record<string, number> = {};
      if (r.lock && r.lock[0] < r.n) {
        const x = projects[r.lock[0]]!;
        locks[x.id] = r.lock[1] < 0.3 ? 0 : Math.max(1, Math.floor(x.cost * r.lock[1]));
      }
      return {
        projects,
        budget: Math.floor(total * r.budgetFrac),
        objective: r.objective,
        districtFloors: rec(DISTRICTS, r.floors, 'district'),
        districtCaps: rec(DISTRICTS, r.caps, 'district'),
        strategyCaps: rec(STRATEGIES, r.sCaps, 'strategy'),
        mustFund: pick(r.must),
        mustNot: pick(r.mustNot),
        dependencies: pairs(r.deps).map(([a, b]) => ({ project: `p${a}`, requires: `p${b}` })),
        incompatibilities: pairs(r.incs).map(([a, b]) => [`p${a}`, `p${b}`] as const),
        locks,
        partialFunding: allowPartial,
      };
    });

/** Checks an allocation against the groups named (all when omitted), exactly, independent of the solver. */
function satisfies(input: Instance, amounts: Readonly<Record<string, number>>, groups?: ReadonlySet<string>): boolean {
  const on = (g: string) => groups === undefined || groups.has(g);
  const amt = (id: string) => amounts[id] ?? 0;
  const sum = (pred: (x: AllocationProject) => boolean) => input.projects.filter(pred).reduce((a, x) => a + amt(x.id), 0);
  for (const x of input.projects) {
    const a = amt(x.id);
    const lock = input.locks?.[x.id];
    if (lock !== undefined && on(`lock:${x.id}`)) {
      if (a !== lock) return false;
      continue;
    }
    const min = input.partialFunding === false ? x.cost : (x.minCost ?? x.cost);
    if (!Number.isInteger(a) || (a !== 0 && (a < min || a > x.cost))) return false;
  }
  if (on('ceiling') && sum(() => true) > input.budget) return false;
  for (const [d, f] of Object.entries(input.districtFloors ?? {}))
    if (f > 0 && on(`floor:${d}`) && sum((x) => x.district === d) < f) return false;
  for (const [d, c] of Object.entries(input.districtCaps ?? {}))
    if (on(`cap:${d}`) && sum((x) => x.district === d) > c) return false;
  for (const [s, c] of Object.entries(input.strategyCaps ?? {}))
    if (on(`strategyCap:${s}`) && sum((x) => x.strategy === s) > c) return false;
  for (const id of input.mustFund ?? []) if (on(`mustFund:${id}`) && amt(id) === 0) return false;
  for (const id of input.mustNot ?? []) if (on(`mustNot:${id}`) && amt(id) > 0) return false;
  for (const d of input.dependencies ?? [])
    if (on(`dependency:${d.project}->${d.requires}`) && amt(d.project) > 0 && amt(d.requires) === 0) return false;
  for (const [a, b] of input.incompatibilities ?? []) if (on(`incompatible:${a}|${b}`) && amt(a) > 0 && amt(b) > 0) return false;
  return true;
}

const valueOf = (input: Instance, x: AllocationProject) => (input.objective === 'people' ? (x.peopleReached ?? 0) : x.score);

function objective(input: Instance, amounts: Readonly<Record<string, number>>): number {
  return input.projects.reduce((s, x) => s + (valueOf(input, x) * (amounts[x.id] ?? 0)) / x.cost, 0);
}

/** Greedy by score under the same constraints: fund in score order whatever still fits. */
function greedy(input: Instance): Record<string, number> {
  const amounts: Record<string, number> = { ...input.locks };
  const order = input.projects
    .filter((x) => input.locks?.[x.id] === undefined)
    .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
  for (const x of order) {
    const min = input.partialFunding === false ? x.cost : (x.minCost ?? x.cost);
    for (const a of [x.cost, min]) {
      amounts[x.id] = a;
      // Floors and mustFund can only be checked at the end; everything else must hold now.
      const trial = { ...input, districtFloors: {}, mustFund: [] };
      if (satisfies(trial, amounts)) break;
      delete amounts[x.id];
    }
  }
  return amounts;
}

/** Exhaustive optimum for all-or-nothing instances: every subset of projects. */
function bruteForce(input: Instance, groups?: ReadonlySet<string>): { feasible: boolean; best: number } {
  const n = input.projects.length;
  let feasible = false;
  let best = -Infinity;
  for (let mask = 0; mask < 1 << n; mask++) {
    const amounts: Record<string, number> = {};
    input.projects.forEach((x, k) => {
      const lock = input.locks?.[x.id];
      if (lock !== undefined && (groups === undefined || groups.has(`lock:${x.id}`))) amounts[x.id] = lock;
      else if (mask & (1 << k)) amounts[x.id] = x.cost;
    });
    if (!satisfies(input, amounts, groups)) continue;
    feasible = true;
    best = Math.max(best, objective(input, amounts));
  }
  return { feasible, best };
}

function checkOutcome(input: Instance, out: OptimumOutcome): void {
  const total = Object.values(out.funded).reduce((a, b) => a + b, 0);
  expect(out.totalFunded).toBe(total);
  expect(out.totalFunded).toBeLessThanOrEqual(input.budget);
  expect(out.remaining).toBe(input.budget - out.totalFunded);
  expect(out.decisions).toHaveLength(input.projects.length);
  expect(new Set(out.decisions.map((d) => d.projectId)).size).toBe(input.projects.length);
  const unfunded = input.projects.filter((x) => !(x.id in out.funded));
  expect([...out.reserve].sort()).toEqual(unfunded.map((x) => x.id).sort());
  for (let k = 1; k < out.reserve.length; k++) {
    const a = input.projects.find((x) => x.id === out.reserve[k - 1])!;
    const b = input.projects.find((x) => x.id === out.reserve[k])!;
    expect(a.score > b.score || (a.score === b.score && a.id < b.id)).toBe(true);
  }
  if (out.status === 'optimal') {
    // Every constraint exactly: ceiling, caps, floors, must/mustNot, dependencies, incompatibilities, locks.
    expect(satisfies(input, out.funded)).toBe(true);
    expect(out.objectiveValue).toBeCloseTo(objective(input, out.funded), 6);
  } else {
    expect(out.funded).toEqual({});
    expect(out.conflict?.length).toBeGreaterThan(0);
  }
}

describe('optimize: properties', () => {
  it('all-or-nothing: feasible, exact and as good as exhaustive search', async () => {
    await fc.assert(
      fc.asyncProperty(instanceArb(false), async (input) => {
        const out = await optimize(input, solver);
        checkOutcome(input, out);
        const brute = bruteForce(input);
        expect(out.status).toBe(brute.feasible ? 'optimal' : 'infeasible');
        if (brute.feasible) expect(out.objectiveValue).toBeGreaterThanOrEqual(brute.best - 1e-6 * Math.max(1, brute.best));
      }),
      { numRuns: 150 },
    );
  });

  it('partial funding: constraints hold and the optimum is at least greedy-by-score', async () => {
    await fc.assert(
      fc.asyncProperty(instanceArb(true), async (input) => {
        const out = await optimize(input, solver);
        checkOutcome(input, out);
        const g = greedy(input);
        if (satisfies(input, g)) {
          expect(out.status).toBe('optimal');
          const go = objective(input, g);
          expect(out.objectiveValue).toBeGreaterThanOrEqual(go - 1e-6 * Math.max(1, go));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('is deterministic', async () => {
    await fc.assert(
      fc.asyncProperty(instanceArb(true), async (input) => {
        const a = await optimize(input, solver);
        const b = await optimize(structuredClone(input), solver);
        expect(b).toEqual(a);
      }),
      { numRuns: 40 },
    );
  });

  it('infeasible → the conflict is infeasible and every group in it is needed (exhaustive check)', async () => {
    let seen = 0;
    await fc.assert(
      fc.asyncProperty(instanceArb(false), async (input) => {
        const out = await optimize(input, solver);
        if (out.status !== 'infeasible') return;
        seen++;
        const ids = out.conflict!.map((c) => c.id);
        expect(bruteForce(input, new Set(ids)).feasible).toBe(false);
        for (const id of ids) expect(bruteForce(input, new Set(ids.filter((x) => x !== id))).feasible).toBe(true);
        for (const c of out.conflict!) {
          expect(c.th.length).toBeGreaterThan(0);
          expect(c.en.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 150 },
    );
    expect(seen).toBeGreaterThan(5);
  });

  it('infeasible with partial funding → the conflict is minimal by the solver', async () => {
    await fc.assert(
      fc.asyncProperty(instanceArb(true), async (input) => {
        const out = await optimize(input, solver);
        if (out.status !== 'infeasible') return;
        const ids = out.conflict!.map((c) => c.id);
        expect(await checkFeasible(input, solver, ids)).toBe(false);
        for (const id of ids)
          expect(
            await checkFeasible(
              input,
              solver,
              ids.filter((x) => x !== id),
            ),
          ).toBe(true);
        expect(await checkFeasible(input, solver)).toBe(false);
      }),
      { numRuns: 60 },
    );
  });
});
