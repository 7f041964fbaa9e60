import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import * as Q from '../rational';
import type { MesUtility } from './types';
import type { Election } from './election';
import { compileElection } from './election';
import { MesRun } from './run';
import type { ProofStats } from './interval-run';
import { certifySelections, chargeLines, coverSelections, IntervalWorkspace } from './interval-run';

const ids = ['a', 'b', 'c', 'd', 'e', 'f', 'B', '10', '9'];

/** Small elections with many exact ties (a few shared costs, tiny weights) next to large ones. */
const electionArb = fc.record({
  costs: fc.array(fc.oneof(fc.constantFrom(2, 3, 5, 10), fc.integer({ min: 1, max: 5_000 })), {
    minLength: 9,
    maxLength: 9,
  }),
  ballots: fc.array(
    fc.record({
      weight: fc.oneof(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 100_000 })),
      approves: fc.subarray(ids, { maxLength: 5 }),
    }),
    { minLength: 1, maxLength: 10 },
  ),
  budget: fc.integer({ min: 1, max: 20_000 }),
  utility: fc.constantFrom<MesUtility>('cost', 'card'),
  // The stretch: first base and number of bases, as fractions of the starting share.
  from: fc.integer({ min: 0, max: 40 }),
  length: fc.integer({ min: 1, max: 30 }),
  steps: fc.constantFrom(10n, 100n, 1_000n),
});

type ElectionCase = typeof electionArb extends fc.Arbitrary<infer T> ? T : never;

/** The election of a generated case (its nine projects, ballots, budget and utility). */
function electionOf({ costs, ballots, budget, utility }: ElectionCase): Election {
  return compileElection({
    projects: ids.map((id, i) => ({ id, cost: Q.fromInt(costs[i]!) })),
    ballots,
    budget: Q.fromInt(budget),
    utility,
  });
}

/** The case's stretch as float bases: the starting share times 1 + k / steps, for its first and last run. */
function stretchOf(c: Election, { from, length, steps }: ElectionCase): { lo: number; hi: number } {
  const share = Q.toNumber(Q.make(c.budget.num, c.budget.den * c.voters));
  return { lo: share * (1 + from / Number(steps)), hi: share * (1 + (from + length - 1) / Number(steps)) };
}

/** One exact run's reads: every candidate's supporters once. */
function readsOf(c: Election): number {
  let reads = 0;
  for (const p of c.candidates) reads += c.supporters[p]!.length;
  return reads;
}

/**
 * Proves the stretch of runs from..from+length-1 (bases share + k * share / steps) and checks that every exact run in it
 * selects one of the proven sets; the sets, or null when the proof gave up.
 */
function proveAndCheck(
  c: Election,
  steps: number,
  from: number,
  length: number,
  maxBranches: number,
  stats?: ProofStats,
): Int32Array[] | null {
  const { lo, hi, selections } = exactStretch(c, steps, from, length);
  const sets = certifySelections(c, new IntervalWorkspace(c), lo, hi, maxBranches, Infinity, stats);
  if (sets === null) return null;
  const keys = new Set(sets.map((s) => [...s].join(',')));
  for (const got of selections()) expect(keys.has(got.join(','))).toBe(true);
  return sets;
}

/**
 * The stretch of runs from..from+length-1 (bases share + k * share / steps) as float bases, and the exact runs'
 * selections (sorted indices), computed when asked.
 */
function exactStretch(
  c: Election,
  steps: number,
  from: number,
  length: number,
): { lo: number; hi: number; selections: () => number[][] } {
  const share = Q.make(c.budget.num, c.budget.den * c.voters);
  const inc = Q.div(share, Q.fromInt(steps));
  const baseOf = (k: number): Q.Rational => Q.add(share, Q.mulInt(inc, BigInt(k)));
  const selections = (): number[][] =>
    Array.from({ length }, (_, i) => {
      const r = new MesRun(c, baseOf(from + i));
      r.run();
      return r.sels.map((s) => s.p).sort((x, y) => x - y);
    });
  return { lo: Q.toNumber(baseOf(from)), hi: Q.toNumber(baseOf(from + length - 1)), selections };
}

describe('certifySelections', () => {
  it('every exact run with a base in the interval selects one of the proven sets (property)', () => {
    let proven = 0;
    let several = 0;
    fc.assert(
      fc.property(electionArb, (e) => {
        const { from, length, steps } = e;
        const c = electionOf(e);
        if (c.voters === 0n) return;
        const sets = proveAndCheck(c, Number(steps), from, length, 16);
        if (sets === null) return;
        proven++;
        if (sets.length > 1) several++;
        expect(new Set(sets.map((s) => [...s].join(','))).size).toBe(sets.length);
      }),
      { numRuns: 400 },
    );
    // Not vacuous: most stretches are proven, some with more than one set.
    expect(proven).toBeGreaterThan(200);
    expect(several).toBeGreaterThan(5);
  });

  it('crowded elections over long stretches: joint purchases and joined branches stay exact (property)', () => {
    // Many projects of close costs sharing most supporters, each group poor enough that a payment for one changes
    // the others' water levels: frontiers that do not commute, neighbours that swap within the stretch, branches
    // that buy the same set in different orders. Every run of the stretch must select one of the proven sets.
    const crowdedArb = fc.record({
      costs: fc.array(fc.integer({ min: 90, max: 110 }), { minLength: 9, maxLength: 9 }),
      // Each project has supporters of its own (the first four many, so they come first, together), and a few small
      // groups share several projects, mostly of the first four.
      own: fc.tuple(
        fc.array(fc.integer({ min: 60, max: 80 }), { minLength: 4, maxLength: 4 }),
        fc.array(fc.integer({ min: 5, max: 15 }), { minLength: 5, maxLength: 5 }),
      ),
      sharedBallots: fc.array(
        fc.record({
          weight: fc.integer({ min: 1, max: 6 }),
          approves: fc.oneof(fc.subarray(ids.slice(0, 4), { minLength: 2 }), fc.subarray(ids, { minLength: 2, maxLength: 4 })),
        }),
        { minLength: 1, maxLength: 8 },
      ),
      budget: fc.integer({ min: 200, max: 900 }),
      utility: fc.constantFrom<MesUtility>('cost', 'card'),
      from: fc.integer({ min: 0, max: 200 }),
      length: fc.integer({ min: 20, max: 120 }),
    });
    const stats: ProofStats = { jointPurchases: 0, branches: 0, joins: 0, work: 0 };
    let proven = 0;
    fc.assert(
      fc.property(crowdedArb, ({ costs, own, sharedBallots, budget, utility, from, length }) => {
        const weights = [...own[0], ...own[1]];
        const ballots = [...ids.map((id, i) => ({ weight: weights[i]!, approves: [id] })), ...sharedBallots];
        const c = compileElection({
          projects: ids.map((id, i) => ({ id, cost: Q.fromInt(costs[i]!) })),
          ballots,
          budget: Q.fromInt(budget),
          utility,
        });
        if (proveAndCheck(c, 100, from, length, 64, stats) !== null) proven++;
      }),
      { numRuns: 300 },
    );
    // Not vacuous: proofs pass, some by joint purchases, some by joining branches.
    expect(proven).toBeGreaterThan(100);
    expect(stats.jointPurchases).toBeGreaterThan(5);
    expect(stats.joins).toBeGreaterThan(50);
  });

  it('budgets near the water levels over long stretches: the lines of poor supporters stay below and above (property)', () => {
    // Small per-voter shares against the costs: many supporters pay all they have, so water levels move with the base
    // and the lower lines of q are tangents with a slope (a tangent leaning the wrong way fails this property).
    let proven = 0;
    fc.assert(
      fc.property(
        fc.record({
          costs: fc.array(fc.integer({ min: 50, max: 150 }), { minLength: 9, maxLength: 9 }),
          ballots: fc.array(
            fc.record({
              weight: fc.integer({ min: 1, max: 30 }),
              approves: fc.subarray(ids, { minLength: 1, maxLength: 4 }),
            }),
            { minLength: 3, maxLength: 20 },
          ),
          budget: fc.integer({ min: 100, max: 600 }),
          utility: fc.constantFrom<MesUtility>('cost', 'card'),
          from: fc.integer({ min: 0, max: 300 }),
          length: fc.integer({ min: 10, max: 150 }),
        }),
        ({ costs, ballots, budget, utility, from, length }) => {
          const c = compileElection({
            projects: ids.map((id, i) => ({ id, cost: Q.fromInt(costs[i]!) })),
            ballots,
            budget: Q.fromInt(budget),
            utility,
          });
          if (proveAndCheck(c, 200, from, length, 64) !== null) proven++;
        },
      ),
      { numRuns: 500 },
    );
    expect(proven).toBeGreaterThan(300);
  });

  it('a stretch where the tangent’s slope decides: a slope too steep (by a fifth, or tripled) is caught', () => {
    // Found by a search over the elections of the property above with the lower line's slope tripled (1 in about
    // 1,200 caught it, so the property's 500 cases mostly miss it): with a slope 1.2, 1.5, 2 or 3 times the tangent's,
    // the proven family leaves out the set of the stretch's first run.
    const c = compileElection({
      projects: ids.map((id, i) => ({ id, cost: Q.fromInt([55, 86, 110, 88, 79, 83, 126, 93, 127][i]!) })),
      ballots: [
        { weight: 3, approves: ['c', 'd', 'B'] },
        { weight: 11, approves: ['c', 'd', 'f', '9'] },
        { weight: 2, approves: ['d', 'B', '9'] },
        { weight: 18, approves: ['c'] },
        { weight: 3, approves: ['f', 'B'] },
        { weight: 24, approves: ['e', 'B', '9'] },
        { weight: 15, approves: ['a', 'c', 'd', '9'] },
        { weight: 12, approves: ['b', '9'] },
        { weight: 7, approves: ['a', 'c', 'd'] },
        { weight: 4, approves: ['b', 'd', 'f'] },
        { weight: 3, approves: ['b', 'd', 'e', '9'] },
        { weight: 20, approves: ['c', 'e', 'f', 'B'] },
        { weight: 29, approves: ['d'] },
        { weight: 13, approves: ['b', 'e', '10'] },
        { weight: 21, approves: ['c'] },
        { weight: 19, approves: ['d', 'f', '10', '9'] },
        { weight: 6, approves: ['B'] },
        { weight: 10, approves: ['d'] },
        { weight: 13, approves: ['f'] },
      ],
      budget: Q.fromInt(361),
      utility: 'cost',
    });
    // Not vacuous: the proof passes (with the true slope) and covers every run of the stretch.
    expect(proveAndCheck(c, 200, 130, 69, 64)).not.toBeNull();
  });

  it('one workspace reused for many proofs, over elections of different sizes, proves what fresh ones prove (property)', () => {
    // The workspace keeps a pool of branches from proof to proof (and from part to part in the add1 scan): nothing a
    // proof leaves behind may change the next one.
    let compared = 0;
    fc.assert(
      fc.property(fc.array(electionArb, { minLength: 2, maxLength: 6 }), (cases) => {
        const elections = cases.map(electionOf);
        const shared = new IntervalWorkspace(...elections);
        cases.forEach((e, i) => {
          const c = elections[i]!;
          if (c.voters === 0n) return;
          const { lo, hi } = stretchOf(c, e);
          const fresh = certifySelections(c, new IntervalWorkspace(c), lo, hi, 16);
          const reused = certifySelections(c, shared, lo, hi, 16);
          expect(reused).toEqual(fresh);
          compared++;
        });
      }),
      { numRuns: 150 },
    );
    expect(compared).toBeGreaterThan(300);
  });

  it('a proof limited in work gives up (null) or proves exactly what the unlimited proof proves (property)', () => {
    // The add1 scan bounds what a failing proof may waste (maxWork); a proof cut short must never return a partial
    // family of sets.
    let cut = 0;
    let kept = 0;
    fc.assert(
      fc.property(electionArb, fc.double({ min: 0, max: 3, noNaN: true }), (e, fraction) => {
        const c = electionOf(e);
        if (c.voters === 0n) return;
        const { lo, hi } = stretchOf(c, e);
        const full = certifySelections(c, new IntervalWorkspace(c), lo, hi, 16);
        // A limit around one exact run's reads.
        const limited = certifySelections(c, new IntervalWorkspace(c), lo, hi, 16, readsOf(c) * fraction);
        if (limited === null) {
          if (full !== null) cut++;
        } else {
          kept++;
          expect(limited).toEqual(full);
        }
      }),
      { numRuns: 400 },
    );
    // Not vacuous: the limit cuts some proofs and lets others through.
    expect(cut).toBeGreaterThan(20);
    expect(kept).toBeGreaterThan(20);
  });

  it('a proof that gives up with covers bounds every run: each run’s selection is within one of the sets (property)', () => {
    // Proofs cut short by few branches or little work return covers (what each open branch bought, plus the candidates
    // its upper lines can still pay for); a cover that left out a project some run selects fails this property.
    let covers = 0;
    let tight = 0;
    let exact = 0;
    const check = (c: Election, steps: number, from: number, length: number, maxBranches: number, work: number): void => {
      const { lo, hi, selections } = exactStretch(c, steps, from, length);
      const proof = coverSelections(c, new IntervalWorkspace(c), lo, hi, maxBranches, work, true);
      expect(proof).not.toBeNull();
      const { sets, exact: isExact } = proof!;
      if (isExact) exact++;
      else covers++;
      const keys = new Set(sets.map((s) => [...s].join(',')));
      let within = true;
      for (const got of selections()) {
        if (isExact) expect(keys.has(got.join(','))).toBe(true);
        else {
          expect(sets.some((set) => got.every((p) => set.includes(p)))).toBe(true);
          if (!keys.has(got.join(','))) within = false;
        }
      }
      // Covers that are strictly larger than some run's set (so the property tests more than exact sets).
      if (!isExact && !within) tight++;
    };
    fc.assert(
      fc.property(
        electionArb,
        fc.integer({ min: 1, max: 4 }),
        fc.double({ min: 0, max: 2, noNaN: true }),
        (e, maxBranches, fraction) => {
          const c = electionOf(e);
          if (c.voters === 0n) return;
          check(c, Number(e.steps), e.from, e.length, maxBranches, readsOf(c) * fraction);
        },
      ),
      { numRuns: 500 },
    );
    // Not vacuous: many proofs end in covers, many of them larger than the sets they cover, and some are exact.
    expect(covers).toBeGreaterThan(100);
    expect(tight).toBeGreaterThan(50);
    expect(exact).toBeGreaterThan(20);
  });

  it('without covers, coverSelections is certifySelections (null when it gives up)', () => {
    fc.assert(
      fc.property(electionArb, fc.integer({ min: 1, max: 16 }), (e, maxBranches) => {
        const c = electionOf(e);
        if (c.voters === 0n) return;
        const { lo, hi } = stretchOf(c, e);
        const proof = coverSelections(c, new IntervalWorkspace(c), lo, hi, maxBranches, Infinity, false);
        const sets = certifySelections(c, new IntervalWorkspace(c), lo, hi, maxBranches);
        expect(proof?.sets ?? null).toEqual(sets);
        if (proof) expect(proof.exact).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('a proof over one base gives the exact run’s set', () => {
    const c = compileElection({
      projects: [
        { id: 'a', cost: Q.fromInt(60) },
        { id: 'b', cost: Q.fromInt(50) },
        { id: 'c', cost: Q.fromInt(45) },
      ],
      ballots: [
        { weight: 2, approves: ['a', 'b'] },
        { weight: 1, approves: ['c'] },
        { weight: 1, approves: ['b', 'c'] },
      ],
      budget: Q.fromInt(120),
      utility: 'cost',
    });
    const sets = certifySelections(c, new IntervalWorkspace(c), 30, 30, 16);
    const r = new MesRun(c, Q.fromInt(30));
    r.run();
    expect(sets).toEqual([Int32Array.from(r.sels.map((s) => s.p)).sort()]);
  });
});

describe('chargeLines (a group paying a share between two lines)', () => {
  /** A line's value at t from its values at 0 and 1. */
  const at = (v0: number, v1: number, t: number): number => v0 + (v1 - v0) * t;
  const charged = (lo: [number, number], hi: [number, number], qLo: [number, number], qHi: [number, number], eps = 0) => {
    const [lo0, lo1, hi0, hi1] = [lo[0], lo[1], hi[0], hi[1]].map((v) => Float64Array.of(v)) as [
      Float64Array,
      Float64Array,
      Float64Array,
      Float64Array,
    ];
    chargeLines(lo0, lo1, hi0, hi1, 0, qLo[0], qLo[1], qHi[0], qHi[1], eps);
    return { lo: [lo0[0]!, lo1[0]!] as const, hi: [hi0[0]!, hi1[0]!] as const };
  };
  const line = fc.tuple(fc.integer({ min: 0, max: 1_000 }), fc.integer({ min: 0, max: 1_000 }));

  it('whatever the budget between its lines and the share between theirs, what is left lies between the new lines (property)', () => {
    fc.assert(
      fc.property(
        line,
        line,
        line,
        line,
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 8 }),
        (a, b, q1, q2, ts) => {
          // Lower and upper lines of the budget and of the share, each lower line at most its upper one at both ends.
          const lo: [number, number] = [Math.min(a[0], b[0]), Math.min(a[1], b[1])];
          const hi: [number, number] = [Math.max(a[0], b[0]), Math.max(a[1], b[1])];
          const qLo: [number, number] = [Math.min(q1[0], q2[0]), Math.min(q1[1], q2[1])];
          const qHi: [number, number] = [Math.max(q1[0], q2[0]), Math.max(q1[1], q2[1])];
          const after = charged(lo, hi, qLo, qHi);
          for (const t of [0, 0.5, 1, ...ts]) {
            // The extremes: the least budget paying the largest share, the largest budget paying the least.
            const least = Math.max(0, at(lo[0], lo[1], t) - at(qHi[0], qHi[1], t));
            const most = Math.max(0, at(hi[0], hi[1], t) - at(qLo[0], qLo[1], t));
            expect(at(after.lo[0], after.lo[1], t)).toBeLessThanOrEqual(least + 1e-9);
            expect(at(after.hi[0], after.hi[1], t)).toBeGreaterThanOrEqual(most - 1e-9);
          }
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('a lower line that crosses zero inside the stretch stays a line under the hinge, not clamped at each end', () => {
    // lower - qHi runs from 5 at t = 0 to -1 at t = 1: kept as it is (below zero near the end, budgets never are).
    // Clamped at each end it would run from 5 to 0, above the hinge max(0, 5 - 6t) inside (2.5 against 2 at t = 1/2).
    const after = charged([5, 5], [9, 9], [0, 0], [0, 6]);
    expect(after.lo).toEqual([5, -1]);
    expect(at(after.lo[0], after.lo[1], 0.5)).toBeLessThanOrEqual(Math.max(0, 5 - 6 * 0.5));
    // Below zero on average: the zero line.
    expect(charged([1, 1], [9, 9], [0, 0], [0, 6]).lo).toEqual([0, 0]);
    // The upper line is the chord of max(0, upper - qLo), widened by eps.
    expect(charged([0, 0], [4, 9], [6, 2], [6, 2], 0.5).hi).toEqual([0, 7.5]);
    expect(charged([0, 0], [9, 4], [2, 6], [2, 6], 0.5).hi).toEqual([7.5, 0]);
  });
});
