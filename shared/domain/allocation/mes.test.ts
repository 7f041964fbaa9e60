import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import type { Rational } from './rational';
import * as Q from './rational';
import { compareIds } from './approval-greedy';
import { mesAllocate, MesRangeError, runMes } from './mes';
import type { MesBallot, MesProject, MesUtility } from './mes';

/** Textbook exact MES (one voter at a time, no shortcuts), as in pabutools' naive_mes plus add1. */
function naiveMes(
  projects: readonly MesProject[],
  ballots: readonly MesBallot[],
  budget: Rational,
  utility: MesUtility,
  add1: Rational | null,
): string[] {
  const voters: string[][] = [];
  for (const b of ballots) for (let i = 0; i < b.weight; i++) voters.push([...new Set(b.approves)]);
  const n = voters.length;
  const u = (p: MesProject): Rational => (utility === 'cost' ? p.cost : Q.ONE);
  const supporters = (p: MesProject): number[] => voters.flatMap((v, i) => (v.includes(p.id) ? [i] : []));
  const cands = projects.filter((p) => supporters(p).length > 0 && u(p).num > 0n);
  const upfront = cands
    .filter((p) => p.cost.num === 0n)
    .map((p) => p.id)
    .sort(compareIds);
  const positive = cands.filter((p) => p.cost.num > 0n);
  const once = (perVoter: Rational): string[] => {
    const b = voters.map(() => perVoter);
    const out = [...upfront];
    let remaining = [...positive];
    for (;;) {
      let best: { p: MesProject; rho: Rational } | null = null;
      const keep: MesProject[] = [];
      for (const p of remaining) {
        const sup = supporters(p).sort((x, y) => Q.cmp(b[x]!, b[y]!));
        const total = sup.reduce((a, i) => Q.add(a, b[i]!), Q.ZERO);
        if (Q.cmp(total, p.cost) < 0) continue;
        keep.push(p);
        let paid = Q.ZERO;
        let left = sup.length;
        let rho: Rational | null = null;
        for (const i of sup) {
          const r = Q.div(Q.div(Q.sub(p.cost, paid), Q.fromInt(left)), u(p));
          if (Q.cmp(Q.mul(r, u(p)), b[i]!) <= 0) {
            rho = r;
            break;
          }
          paid = Q.add(paid, b[i]!);
          left--;
        }
        if (!rho) continue;
        const c = best === null ? -1 : Q.cmp(rho, best.rho);
        if (c < 0 || (c === 0 && compareIds(p.id, best!.p.id) < 0)) best = { p, rho };
      }
      remaining = keep;
      if (!best) return out;
      out.push(best.p.id);
      remaining = remaining.filter((p) => p !== best!.p);
      const pay = Q.mul(best.rho, u(best.p));
      for (const i of supporters(best.p)) b[i] = Q.sub(b[i]!, Q.min(b[i]!, pay));
    }
  };
  const cost = (ids: readonly string[]): Rational =>
    ids.reduce((a, id) => Q.add(a, projects.find((p) => p.id === id)!.cost), Q.ZERO);
  const start = Q.div(budget, Q.fromInt(n));
  if (!add1) return once(start);
  let prev = upfront;
  for (let k = 0; ; k++) {
    const sel = once(Q.add(start, Q.mul(add1, Q.fromInt(k))));
    const c = cost(sel);
    if (Q.cmp(c, budget) > 0) return prev;
    const left = Q.sub(budget, c);
    if (!positive.some((p) => !sel.includes(p.id) && Q.cmp(p.cost, left) <= 0)) return sel;
    prev = sel;
  }
}

const ids = ['a', 'b', 'c', 'd', 'e', 'f', 'B', '10', '9'];
const electionArb = fc.record({
  projects: fc.subarray(ids, { minLength: 1 }).chain((ps) =>
    fc.tuple(
      ...ps.map((id) =>
        fc.record({
          id: fc.constant(id),
          cost: fc.oneof(
            fc.integer({ min: 0, max: 6 }).map((c) => Q.fromInt(c)),
            fc.integer({ min: 1, max: 600 }).map((c) => Q.make(BigInt(c), 100n)),
          ),
        }),
      ),
    ),
  ),
  ballots: fc.array(fc.record({ weight: fc.integer({ min: 1, max: 3 }), approves: fc.subarray(ids) }), {
    minLength: 1,
    maxLength: 8,
  }),
  budget: fc.integer({ min: 1, max: 15 }).map((b) => Q.fromInt(b)),
  utility: fc.constantFrom<MesUtility>('cost', 'card'),
});

function restrict<T extends { projects: readonly MesProject[]; ballots: readonly MesBallot[] }>(e: T): T {
  const known = new Set(e.projects.map((p) => p.id));
  return { ...e, ballots: e.ballots.map((b) => ({ ...b, approves: b.approves.filter((id) => known.has(id)) })) };
}

/** Number of independent parts: MES candidates (positive cost, some supporter) linked through shared voters. */
function partCount(e: { projects: readonly MesProject[]; ballots: readonly MesBallot[] }): number {
  const cands = new Set(e.projects.filter((p) => p.cost.num > 0n).map((p) => p.id));
  const parent = new Map<string, string>();
  const find = (x: string): string => (parent.get(x) === x ? x : find(parent.get(x)!));
  for (const b of e.ballots) {
    const mine = b.approves.filter((id) => cands.has(id));
    for (const id of mine) if (!parent.has(id)) parent.set(id, id);
    for (const id of mine.slice(1)) parent.set(find(id), find(mine[0]!));
  }
  return new Set([...parent.keys()].map(find)).size;
}

describe('runMes', () => {
  it('selects like textbook exact MES, with and without add1 (property, tie-heavy small integers)', () => {
    fc.assert(
      fc.property(electionArb.map(restrict), (e) => {
        const plain = runMes({ ...e, completion: 'none' });
        expect(plain.selected).toEqual(naiveMes(e.projects, e.ballots, e.budget, e.utility, null));
        const inc = Q.make(1n, 4n);
        const it1 = runMes({ ...e, completion: 'add1', increment: inc });
        expect(it1.selected).toEqual(naiveMes(e.projects, e.ballots, e.budget, e.utility, inc));
      }),
      { numRuns: 300 },
    );
  });

  it('selects like textbook exact MES where candidates have hundreds of supporter groups (property)', () => {
    // Evaluations read a candidate's supporters in chunks and stop once the money read, with the base for every
    // supporter not read yet, is below the cost: this needs more supporter groups than one chunk.
    const many = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'];
    const crowdArb = fc.record({
      costs: fc.array(fc.integer({ min: 20, max: 400 }), { minLength: many.length, maxLength: many.length }),
      ballots: fc.array(fc.record({ weight: fc.integer({ min: 1, max: 3 }), approves: fc.subarray(many, { minLength: 1 }) }), {
        minLength: 150,
        maxLength: 260,
      }),
      budget: fc.integer({ min: 200, max: 2_000 }),
      utility: fc.constantFrom<MesUtility>('cost', 'card'),
    });
    let crowded = 0;
    fc.assert(
      fc.property(crowdArb, ({ costs, ballots, budget, utility }) => {
        const projects = many.map((id, i) => ({ id, cost: Q.fromInt(costs[i]!) }));
        const groups = new Set(ballots.map((b) => [...b.approves].sort().join(',')));
        if (groups.size > 128) crowded++;
        const r = runMes({ projects, ballots, budget: Q.fromInt(budget), utility, completion: 'none' });
        expect(r.selected).toEqual(naiveMes(projects, ballots, Q.fromInt(budget), utility, null));
      }),
      { numRuns: 60 },
    );
    expect(crowded).toBeGreaterThan(30);
  });

  it('never charges a group more than its share, never exceeds the budget, is deterministic (property)', () => {
    fc.assert(
      fc.property(
        electionArb.map(restrict),
        fc.constantFrom('none', 'add1', 'greedy', 'add1_greedy' as const),
        (e, completion) => {
          const r = runMes({ ...e, completion });
          for (const g of r.groups) expect(g.spent).toBeLessThanOrEqual(g.share * (1 + 1e-9) + 1e-12);
          expect(Q.cmp(r.totalCost, e.budget)).toBeLessThanOrEqual(0);
          const byId = new Map(e.projects.map((p) => [p.id, p.cost]));
          expect(r.selected.reduce((a, id) => Q.add(a, byId.get(id)!), Q.ZERO)).toEqual(r.totalCost);
          expect(new Set(r.selected).size).toBe(r.selected.length);
          expect(runMes({ ...e, completion })).toEqual(r);
          // Every MES selection was fully paid for by its supporters.
          for (const t of r.trace) if (t.round > 0) expect(t.supportersMoneyBefore).toBeGreaterThanOrEqual(t.cost * (1 - 1e-9));
          // The whole-unit share the why-in card shows is the exact share rounded up.
          const costOf = new Map(e.projects.map((p) => [p.id, p.cost]));
          for (const t of r.trace) {
            const pay = Q.mul(t.rho, e.utility === 'cost' ? costOf.get(t.projectId)! : Q.ONE);
            expect(t.paymentCeil).toBe(Number(-Q.floor(Q.sub(Q.ZERO, pay))));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('add1 skip-ahead and independent parts return exactly what the plain linear scan returns (property, tie-heavy small instances)', () => {
    let skipping = 0;
    let split = 0;
    fc.assert(
      fc.property(
        electionArb.map(restrict),
        fc.constantFrom(Q.make(1n, 4n), Q.ONE, Q.make(1n, 100n), Q.make(3n, 1000n)),
        fc.constantFrom('add1' as const, 'add1_greedy' as const),
        (e, increment, completion) => {
          const plainOpts = { ...e, completion, increment, skipAhead: false, parts: false };
          const { computedRuns: plainComputed, ...plain } = runMes(plainOpts);
          expect(plainComputed).toBe(plain.runs);
          const { computedRuns: _f, ...fast } = runMes({ ...e, completion, increment });
          expect(fast).toEqual(plain);
          const { computedRuns: skipComputed, ...skipOnly } = runMes({ ...plainOpts, skipAhead: true });
          expect(skipOnly).toEqual(plain);
          if (skipComputed! < plain.runs) skipping++;
          const { computedRuns: _p, ...partsOnly } = runMes({ ...plainOpts, parts: true });
          expect(partsOnly).toEqual(plain);
          if (partCount(e) > 1) split++;
        },
      ),
      { numRuns: 400 },
    );
    // Not vacuous: skip-ahead jumped on many of these instances, and some split into independent parts (about 6%;
    // the block-structured property below always splits).
    expect(skipping).toBeGreaterThan(40);
    expect(split).toBeGreaterThan(5);
  });

  it('independent parts: blocks of projects with their own voters select exactly as the whole-election scan (property)', () => {
    // Up to four blocks with disjoint projects and voters, so the election always splits.
    const blockIds = [
      ['a', 'b', 'c'],
      ['d', 'e'],
      ['f', 'B'],
      ['10', '9'],
    ];
    const arb = fc.record({
      costs: fc.array(fc.integer({ min: 1, max: 400 }), { minLength: 9, maxLength: 9 }),
      ballots: fc.array(
        fc.record({
          weight: fc.integer({ min: 1, max: 50 }),
          block: fc.integer({ min: 0, max: 3 }),
          pick: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
        }),
        { minLength: 2, maxLength: 16 },
      ),
      budget: fc.integer({ min: 1, max: 1200 }),
      utility: fc.constantFrom<MesUtility>('cost', 'card'),
      increment: fc.constantFrom(Q.ONE, Q.make(1n, 10n), Q.fromInt(5)),
    });
    fc.assert(
      fc.property(arb, ({ costs, ballots, budget, utility, increment }) => {
        const e = {
          projects: blockIds.flat().map((id, i) => ({ id, cost: Q.fromInt(costs[i]!) })),
          ballots: ballots.map((b) => ({
            weight: b.weight,
            approves: blockIds[b.block]!.filter((_, i) => b.pick[i]),
          })),
          budget: Q.fromInt(budget),
          utility,
          completion: 'add1' as const,
          increment,
        };
        const { computedRuns: _a, ...fast } = runMes(e);
        const { computedRuns: _b, ...plain } = runMes({ ...e, skipAhead: false, parts: false });
        expect(fast).toEqual(plain);
      }),
      { numRuns: 300 },
    );
  });

  it('add1 skip-ahead returns exactly what the plain linear scan returns (property, large weights and costs)', () => {
    const bigArb = fc.record({
      projects: fc
        .uniqueArray(fc.constantFrom(...ids), { minLength: 2 })
        .chain((ps) =>
          fc.tuple(
            ...ps.map((id) =>
              fc.record({ id: fc.constant(id), cost: fc.integer({ min: 1, max: 40 }).map((c) => Q.fromInt(c * 250_000)) }),
            ),
          ),
        ),
      ballots: fc.array(fc.record({ weight: fc.integer({ min: 1, max: 5_000 }), approves: fc.subarray(ids) }), {
        minLength: 1,
        maxLength: 12,
      }),
      budget: fc.integer({ min: 1, max: 200 }).map((b) => Q.fromInt(b * 1_000_000)),
      utility: fc.constantFrom<MesUtility>('cost', 'card'),
    });
    fc.assert(
      fc.property(bigArb.map(restrict), fc.constantFrom(Q.fromInt(100), Q.fromInt(1_000)), (e, increment) => {
        const { computedRuns: _a, ...fast } = runMes({ ...e, completion: 'add1', increment });
        const { computedRuns: _b, ...plain } = runMes({
          ...e,
          completion: 'add1',
          increment,
          skipAhead: false,
          parts: false,
        });
        expect(fast).toEqual(plain);
      }),
      { numRuns: 100 },
    );
  });

  it('add1 returns exactly what the plain linear scan returns on adversarial instances (property: budgets in the billions, huge groups, one-voter projects, exact ties)', () => {
    // Costs from a few shared values (exact ties between projects), scaled up to billions with cent fractions; groups
    // up to a million voters next to single voters who alone approve a project; identical ballots for twin projects.
    const adversarialArb = fc
      .record({
        scale: fc.constantFrom(1n, 1_000n, 1_000_000n, 1_000_000_000n),
        costs: fc.array(fc.constantFrom(1n, 2n, 3n, 7n, 10n), { minLength: 9, maxLength: 9 }),
        cents: fc.array(fc.constantFrom(0n, 1n, 99n), { minLength: 9, maxLength: 9 }),
        groups: fc.array(
          fc.record({
            weight: fc.oneof(fc.constant(1), fc.integer({ min: 1, max: 1_000_000 })),
            approves: fc.oneof(fc.subarray(ids, { maxLength: 4 }), fc.constantFrom(['a'], ['10', '9'], ['b', 'c'])),
          }),
          { minLength: 1, maxLength: 10 },
        ),
        loners: fc.subarray(ids, { maxLength: 3 }),
        budgetShare: fc.integer({ min: 1, max: 9 }),
        steps: fc.constantFrom(3n, 10n, 40n),
        utility: fc.constantFrom<MesUtility>('cost', 'card'),
      })
      .map(({ scale, costs, cents, groups, loners, budgetShare, steps, utility }) => {
        const projects = ids.map((id, i) => ({ id, cost: Q.make(costs[i]! * scale * 100n + cents[i]!, 100n) }));
        const total = projects.reduce((t, p) => Q.add(t, p.cost), Q.ZERO);
        const ballots = [...groups, ...loners.map((id) => ({ weight: 1, approves: [id] }))];
        const voters = BigInt(ballots.reduce((n, b) => n + b.weight, 0));
        const budget = Q.mul(total, Q.make(BigInt(budgetShare), 10n));
        // The increment is a fraction of the starting share, so the plain scan ends within a few hundred runs.
        return { projects, ballots, budget, utility, increment: Q.make(budget.num, budget.den * voters * steps) };
      });
    const outcome = (input: Parameters<typeof runMes>[0]): unknown => {
      try {
        const { computedRuns: _c, ...rest } = runMes(input);
        return rest;
      } catch (error) {
        return error instanceof RangeError ? 'did not settle' : error;
      }
    };
    let settled = 0;
    let skipped = 0;
    fc.assert(
      fc.property(adversarialArb, fc.constantFrom('add1' as const, 'add1_greedy' as const), (e, completion) => {
        const input = { ...e, completion, maxRuns: 2_000 };
        const fast = outcome(input);
        expect(fast).toEqual(outcome({ ...input, skipAhead: false, parts: false }));
        if (typeof fast === 'object' && fast !== null && 'runs' in fast) {
          settled++;
          const { computedRuns, runs } = runMes(input);
          if (computedRuns! < runs) skipped++;
        }
      }),
      { numRuns: 100 },
    );
    // Not vacuous: many instances settle, and on some of them the scan proved stretches of runs at once.
    // (About 60 of 100 settle within 2,000 runs; a proof costs a few runs, so only longer scans compute fewer runs.)
    expect(settled).toBeGreaterThan(35);
    expect(skipped).toBeGreaterThan(4);
  });

  it('a purchase whose later supporter holds exactly the water level charges every supporter once', () => {
    // a (30, by A) comes first, b and c tie at 50 (b by its id); then c's level is 50, exactly B's budget: its one-pass
    // charge meets B after charging A and must hand the purchase to the exact path with A's budget as it was.
    const r = runMes({
      projects: [
        { id: 'a', cost: Q.fromInt(30) },
        { id: 'b', cost: Q.fromInt(50) },
        { id: 'c', cost: Q.fromInt(100) },
      ],
      ballots: [
        { weight: 1, approves: ['a', 'c'] },
        { weight: 1, approves: ['b', 'c'] },
      ],
      budget: Q.fromInt(200),
      utility: 'card',
      completion: 'none',
    });
    expect(r.selected).toEqual(['a', 'b', 'c']);
    expect(r.groups.map((g) => [g.approves.join(), g.spent])).toEqual([
      ['a,c', 80],
      ['b,c', 100],
    ]);
    expect(r.trace[2]!.supportersMoneyBefore).toBe(120);
  });

  it('handles fractional budgets and large merged groups exactly', () => {
    const projects = [
      { id: 'x', cost: Q.fromDecimalString('1000.5') },
      { id: 'y', cost: Q.fromDecimalString('1000.5') },
      { id: 'z', cost: Q.fromInt(3000) },
    ];
    const ballots = [
      { weight: 500, approves: ['y'] },
      { weight: 500, approves: ['x'] },
      { weight: 1, approves: [] },
    ];
    const r = runMes({ projects, ballots, budget: Q.fromInt(3003), utility: 'cost', completion: 'none' });
    // x and y tie exactly (same supporters' count and cost): x wins by id; y is still affordable after.
    expect(r.selected).toEqual(['x', 'y']);
    expect(Q.eq(r.trace[0]!.rho, Q.make(1n, 500n))).toBe(true);
    expect(r.unselected.find((u) => u.projectId === 'z')?.status).toBe('no_support');
    expect(r.trace[1]!.supportersMoneyBefore).toBe(1500);
  });

  it('scales: 20,000 voters x 60 projects with add1 (speed is measured in npm run bench)', () => {
    let s = 7;
    const rnd = (): number => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
    const projects = Array.from({ length: 60 }, (_, i) => ({
      id: `p${i}`,
      cost: Q.fromInt(10_000 + Math.floor(rnd() * 90_000)),
    }));
    const ballots = Array.from({ length: 20_000 }, () => ({
      weight: 1,
      approves: projects.filter(() => rnd() < 0.08).map((p) => p.id),
    }));
    const r = runMes({ projects, ballots, budget: Q.fromInt(1_000_000), utility: 'cost', completion: 'add1' });
    expect(Q.cmp(r.totalCost, Q.fromInt(1_000_000))).toBeLessThanOrEqual(0);
    const exhaustive = projects.every(
      (p) => r.selected.includes(p.id) || Q.cmp(p.cost, Q.sub(Q.fromInt(1_000_000), r.totalCost)) > 0,
    );
    // add1 stops at an exhaustive run, or at the run before the first that overspends.
    expect(exhaustive || r.runs > 1).toBe(true);
  });
});

describe('runMes at the edges of what a double holds', () => {
  const small = fc.record({
    costs: fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 5 }),
    ballots: fc.array(fc.tuple(fc.integer({ min: 1, max: 5 }), fc.array(fc.nat(4), { maxLength: 4 })), {
      minLength: 1,
      maxLength: 6,
    }),
    budget: fc.integer({ min: 1, max: 300 }),
    completion: fc.constantFrom('none' as const, 'add1' as const),
  });

  it('selects the same at 10^140 and 10^-140 times every amount as at 1 (property: the float path at its bounds)', () => {
    fc.assert(
      fc.property(small, fc.constantFrom(Q.make(10n ** 140n, 1n), Q.make(1n, 10n ** 140n)), (e, scale) => {
        const projects = e.costs.map((c, i) => ({ id: `p${i}`, cost: Q.fromInt(c) }));
        const ballots = e.ballots.map(([weight, ps]) => ({
          weight,
          approves: [...new Set(ps.filter((p) => p < projects.length).map((p) => `p${p}`))],
        }));
        const at = (s: Rational) =>
          runMes({
            projects: projects.map((p) => ({ id: p.id, cost: Q.mul(p.cost, s) })),
            ballots,
            budget: Q.mul(Q.fromInt(e.budget), s),
            utility: 'cost',
            completion: e.completion,
            increment: s,
            maxRuns: 2_000,
          }).selected;
        expect(at(scale)).toEqual(at(Q.ONE));
      }),
      { numRuns: 150 },
    );
  });

  it('refuses amounts a double rounds to 0 or Infinity with a MesRangeError, never a TypeError', () => {
    const run = (budget: Rational, cost: Rational, increment?: Rational) => () =>
      runMes({
        projects: [
          { id: '1', cost: Q.fromInt(50) },
          { id: '2', cost },
        ],
        ballots: [
          { weight: 1, approves: ['1', '2'] },
          { weight: 1, approves: ['2'] },
        ],
        budget,
        utility: 'cost',
        completion: 'add1',
        ...(increment ? { increment } : {}),
      });
    const huge = Q.make(10n ** 1000n, 1n);
    const tiny = Q.make(1n, 10n ** 1000n);
    // Budget 1e1000 with a cost of 1e-1000 once crashed MesRun.apply with "Cannot read properties of undefined".
    expect(run(huge, tiny)).toThrow(MesRangeError);
    expect(run(Q.fromInt(100), tiny)).toThrow(/cost of project "2".*between 1e-150 and 1e150/);
    expect(run(huge, Q.fromInt(1))).toThrow(/the budget/);
    expect(run(tiny, Q.fromInt(1))).toThrow(MesRangeError);
    expect(run(Q.fromInt(100), Q.fromInt(1), huge)).toThrow(/add1 increment/);
    try {
      run(huge, tiny)();
    } catch (e) {
      expect((e as MesRangeError).messageTh).toMatch(/ระหว่าง 1e-150 ถึง 1e150/);
    }
    // Zero amounts are fine, and so is the edge of the range.
    expect(run(Q.fromInt(100), Q.ZERO)).not.toThrow();
    expect(run(Q.make(10n ** 150n, 1n), Q.make(1n, 10n ** 150n))().selected).toEqual(['2', '1']);
  });

  it('an add1 scan that cannot settle is a MesRangeError in Thai and English', () => {
    // One voter alone approves a project of 9e11 out of 1e12 shared by two: each run adds 1 per voter, so the scan
    // would need about 4e11 runs.
    const input = {
      projects: [{ id: 'a', cost: Q.fromInt(900_000_000_000) }],
      ballots: [
        { weight: 1, approves: ['a'] },
        { weight: 1, approves: [] },
      ],
      budget: Q.fromInt(1_000_000_000_000),
      utility: 'cost' as const,
      completion: 'add1' as const,
    };
    for (const options of [{}, { maxRuns: 1_000, skipAhead: false, parts: false }]) {
      try {
        runMes({ ...input, ...options });
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(MesRangeError);
        expect(e).toBeInstanceOf(RangeError);
        expect((e as MesRangeError).message).toMatch(/MES add1 did not settle within [\d,]+ runs/);
        expect((e as MesRangeError).messageTh).toMatch(/add1 หาผลไม่ได้ภายใน [\d,]+ รอบ/);
      }
    }
  });
});

describe('mesAllocate (app adapter)', () => {
  it('returns an AllocationOutcome in satang with why-in / why-out details', () => {
    const out = mesAllocate({
      budget: 100_00,
      projects: [
        { id: 'P1', cost: 60_00, score: 1 },
        { id: 'P2', cost: 60_00, score: 1 },
        { id: 'P3', cost: 30_00, score: 1 },
      ],
      voters: [
        { weight: 2, approves: ['P1', 'P3'] },
        { weight: 1, approves: ['P2'] },
      ],
    });
    expect(Object.keys(out.funded).sort()).toEqual(['P1', 'P3']);
    expect(out.totalFunded).toBe(90_00);
    expect(out.remaining).toBe(10_00);
    expect(out.reserve).toEqual(['P2']);
    expect(out.decisions).toHaveLength(3);
    const p2 = out.decisions.find((d) => d.projectId === 'P2')!;
    expect(p2.reason).toBe('not_selected');
    expect(p2.detail?.['supportersMoney']).toBeLessThan(60_00);
  });
});
