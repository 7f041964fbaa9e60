/**
 * Method of Equal Shares (MES) for approval ballots, reproducing pabutools 1.2.3 (`method_of_equal_shares`, resolute,
 * lexicographic tie-breaking, exact arithmetic) selection for selection, but fast.
 *
 * Why it is fast and still exact:
 * - identical ballots are merged into groups; every voter of a group has the same budget trajectory;
 * - every supporter of a project has the same utility for it (the cost, or 1), so the affordability reduces to a
 *   "water level" q (the payment of a supporter who is not short of money), computed in floating point;
 * - floating point only decides what it decides with a safe margin. Anything within the margin (near-equal
 *   affordabilities, a budget near the water level, supporters' money near the cost) is re-decided in exact bigint
 *   rationals. Exact budgets are never stored: a group that still has money has exactly
 *   `base - sum of the exact payments q_s of the selected projects it approves`, so any exact sum over groups is
 *   `M * base - sum_s q_s * N_s` with integer weights N_s, and each q_s is derived lazily from what was recorded
 *   when s was selected (which groups were emptied, the weight of those that were not);
 * - within a run, candidates wait in a heap keyed by a lower bound of their affordability, and one is re-evaluated
 *   only when it comes up and one of its supporters paid since its last evaluation;
 * - add1 passes whole stretches of runs at once: one run over a stretch of per-voter budgets, every bound a line in
 *   the budget, proves the selected sets of every run in it (proof in docs/allocation-rules.md); and it scans independent parts
 *   of the election (candidates linked by shared supporters) separately, so one part's change does not recompute
 *   the others.
 */
import type { Rational } from './rational';
import * as Q from './rational';
import type { AllocationOutcome, AllocationProject, Decision } from './types';
import { approvalGreedy } from './approval-greedy';
import type { MesBallot, MesCompletion, MesGroupSummary, MesInput, MesResult, MesUtility } from './mes/types';
import type { Election } from './mes/election';
import { compileElection, totalCostOf } from './mes/election';
import { MesRun } from './mes/run';
import { exhaustive, MesRangeError, scaledCost, scanAdd1 } from './mes/add1-scan';
import { buildTrace, buildUnselected } from './mes/trace';

export type {
  MesBallot,
  MesCompletion,
  MesGroupSummary,
  MesInput,
  MesProject,
  MesResult,
  MesSelectionTrace,
  MesUnselectedTrace,
  MesUtility,
} from './mes/types';
export { MesRangeError } from './mes/add1-scan';

/**
 * The magnitudes MES accepts for a non-zero budget, cost or add1 increment. Its fast path holds them, the voters'
 * shares and their products with voter counts as doubles with relative margins; an amount a double rounds to 0 or to
 * Infinity (1e-1000, 1e1000) would make those bounds NaN, so it is refused up front instead.
 */
const MIN_AMOUNT = 1e-150;
const MAX_AMOUNT = 1e150;

function checkAmount(x: Rational, en: string, th: string): void {
  if (x.num === 0n) return;
  const f = Math.abs(Q.toNumber(x));
  if (f >= MIN_AMOUNT && f <= MAX_AMOUNT) return;
  throw new MesRangeError(
    `MES cannot compute with ${en}: a non-zero amount must lie between 1e-150 and 1e150`,
    `MES คำนวณกับ${th}ไม่ได้: จำนวนที่ไม่เป็นศูนย์ต้องอยู่ระหว่าง 1e-150 ถึง 1e150`,
  );
}

/**
 * Method of Equal Shares with pabutools' exact semantics: every voter starts with B/n; each round the candidate with
 * the smallest affordability rho wins (exact ties: smallest id in code-point order) and each supporter pays
 * min(budget, rho * utility). Completions: `add1` reruns with B/n + k * increment (k = 0, 1, ...) until the outcome is
 * exhaustive over the MES candidates, returning the previous outcome if a run overspends; `greedy` then fills with
 * pabutools' Cost_Sat greedy when the outcome is not exhaustive over all projects.
 *
 * @example
 * runMes({ budget: fromInt(4), utility: 'cost', completion: 'none',
 *   projects: [{ id: 'a', cost: fromInt(1) }, { id: 'b', cost: fromInt(1) }],
 *   ballots: [{ weight: 3, approves: ['a', 'b'] }, { weight: 9, approves: [] }] }).selected // ['a']
 */
export function runMes(input: MesInput): MesResult {
  const completion = input.completion ?? 'none';
  const add1 = completion === 'add1' || completion === 'add1_greedy';
  checkAmount(input.budget, 'the budget', 'งบประมาณ');
  for (const p of input.projects) checkAmount(p.cost, `the cost of project "${p.id}"`, `ราคาโครงการ "${p.id}" `);
  if (add1) checkAmount(input.increment ?? Q.ONE, 'the add1 increment', 'ค่าเพิ่มของ add1 ');
  const c = compileElection(input);
  const perVoter0 = c.voters > 0n ? Q.make(c.budget.num, c.budget.den * c.voters) : Q.ZERO;
  let runs = 0;
  let computed = 0;
  let finalRun: MesRun;
  if (c.voters === 0n) {
    finalRun = new MesRun(c, Q.ZERO);
  } else if (!add1) {
    finalRun = new MesRun(c, perVoter0);
    finalRun.run();
    runs = 1;
    computed = 1;
  } else {
    const scan = scanAdd1(c, perVoter0, {
      increment: input.increment ?? Q.ONE,
      maxRuns: input.maxRuns ?? 10_000_000,
      skipAhead: input.skipAhead !== false,
      parts: input.parts !== false,
      ...(input.onProgress ? { onProgress: input.onProgress } : {}),
    });
    finalRun = scan.finalRun;
    runs = scan.runs;
    computed = scan.computed;
  }
  const mesIdx = finalRun.selectedIndices();
  const mesCost = totalCostOf(c, mesIdx);
  const mesSelected = mesIdx.map((p) => c.ids[p]!);
  let completionAdded: readonly string[] = [];
  let totalCost = mesCost;
  const taken = new Set(mesIdx);
  const greedyCompletion = completion === 'greedy' || completion === 'add1_greedy';
  if (greedyCompletion && !exhaustive(c, c.ids.keys(), c.budgetScaled - scaledCost(c, finalRun), (p) => taken.has(p))) {
    const g = approvalGreedy({
      projects: c.ids.map((id, p) => ({ id, cost: c.costs[p]!, approvals: c.supportWeight[p]! })),
      budget: c.budget,
      utility: 'cost',
      initial: mesSelected,
    });
    completionAdded = g.added;
    totalCost = g.totalCost;
  }
  return {
    selected: [...mesSelected, ...completionAdded],
    mesSelected,
    completionAdded,
    trace: buildTrace(finalRun),
    unselected: buildUnselected(finalRun, new Set(mesIdx)),
    perVoterBudget: finalRun.base,
    runs,
    computedRuns: computed,
    totalCost,
    groups: groupSummaries(c, finalRun),
  };
}

/** Each ballot group's weight, approvals (ids) and spending per voter in run r. */
function groupSummaries(c: Election, r: MesRun): MesGroupSummary[] {
  const { groupWeight, groupApprovalStart: start, groupApprovalProjects: approved, ids } = c;
  const out = new Array<MesGroupSummary>(groupWeight.length);
  for (let g = 0; g < groupWeight.length; g++) {
    const approves = new Array<string>(start[g + 1]! - start[g]!);
    for (let j = start[g]!; j < start[g + 1]!; j++) approves[j - start[g]!] = ids[approved[j]!]!;
    out[g] = { weight: groupWeight[g]!, approves, share: r.baseF, spent: r.spent(g) };
  }
  return out;
}

/** Input of the app-level MES: voters are people (or households) who raised needs; each approves the linked projects. */
export type MesAllocateInput = Readonly<{
  /** Projects in ranking order (used for the reserve list and for the order of "not selected" decisions). */
  projects: readonly AllocationProject[];
  /** Integer satang. */
  budget: number;
  voters: readonly MesBallot[];
  completion?: MesCompletion;
  utility?: MesUtility;
  /** Per-voter add1 increment in satang; defaults to 1 baht = 100 satang. */
  incrementSatang?: number;
  excluded?: readonly string[];
  /** How far the add1 scan is, 0..1 ({@link MesInput.onProgress}). */
  onProgress?: (fraction: number) => void;
}>;

function satang(n: number, what: string): Rational {
  if (!Number.isSafeInteger(n) || n < 0)
    throw new RangeError(`${what} must be a non-negative integer number of satang, got ${n}`);
  return Q.fromInt(n);
}

/**
 * MES over the app's projects, returning the common {@link AllocationOutcome} (money in satang). Default completion is
 * `add1` with +1 baht per voter per round, the variant real MES elections use.
 *
 * @example
 * mesAllocate({ budget: 100_00, projects: [{ id: 'P1', cost: 60_00, score: 1 }, { id: 'P2', cost: 60_00, score: 1 }],
 *   voters: [{ weight: 2, approves: ['P1'] }, { weight: 1, approves: ['P2'] }] }).funded // { P1: 6000 }
 */
export function mesAllocate(input: MesAllocateInput): AllocationOutcome {
  const excluded = new Set(input.excluded ?? []);
  const budget = satang(input.budget, 'Budget');
  const pool = input.projects.filter((p) => !excluded.has(p.id));
  const poolIds = new Set(pool.map((p) => p.id));
  const completion = input.completion ?? 'add1';
  const result = runMes({
    projects: pool.map((p) => ({ id: p.id, cost: satang(p.cost, `Cost of ${p.id}`) })),
    ballots: input.voters.map((v) => ({ weight: v.weight, approves: v.approves.filter((id) => poolIds.has(id)) })),
    budget,
    utility: input.utility ?? 'cost',
    completion,
    increment: Q.fromInt(input.incrementSatang ?? 100),
    ...(input.onProgress ? { onProgress: input.onProgress } : {}),
  });
  const costOf = new Map(input.projects.map((p) => [p.id, p.cost] as const));
  const traceOf = new Map(result.trace.map((t) => [t.projectId, t] as const));
  const outOf = new Map(result.unselected.map((t) => [t.projectId, t] as const));
  const decisions: Decision[] = [];
  const funded = new Map<string, number>();
  let spent = 0;
  let step = 0;
  for (const p of input.projects) {
    if (excluded.has(p.id))
      decisions.push({ projectId: p.id, funded: 0, reason: 'excluded', step: 0, remainingBefore: input.budget });
  }
  for (const id of result.selected) {
    const cost = costOf.get(id)!;
    const t = traceOf.get(id);
    decisions.push({
      projectId: id,
      funded: cost,
      reason: 'funded',
      step: ++step,
      remainingBefore: input.budget - spent,
      detail: t
        ? {
            rule: 'mes',
            paymentPerVoter: t.paymentCeil,
            supporters: t.supporters,
            paidFullShare: t.paidFullShare,
            paidAllRemaining: t.paidAllRemaining,
            alreadyEmpty: t.alreadyEmpty,
            supportersMoneyBefore: t.supportersMoneyBefore,
            perVoterBudget: Q.toNumber(result.perVoterBudget),
          }
        : { rule: 'greedy_completion' },
    });
    funded.set(id, cost);
    spent += cost;
  }
  const reserve: string[] = [];
  for (const p of input.projects) {
    if (excluded.has(p.id) || funded.has(p.id)) continue;
    reserve.push(p.id);
    const t = outOf.get(p.id);
    decisions.push({
      projectId: p.id,
      funded: 0,
      reason: 'not_selected',
      step: ++step,
      remainingBefore: input.budget - spent,
      detail: t
        ? { rule: 'mes', status: t.status, supporters: t.supporters, supportersMoney: t.supportersMoney, cost: t.cost }
        : {},
    });
  }
  return {
    rule: `mes_${input.utility ?? 'cost'}${completion === 'none' ? '' : `_${completion}`}`,
    funded: Object.fromEntries(funded),
    totalFunded: spent,
    budget: input.budget,
    remaining: input.budget - spent,
    decisions,
    reserve,
  };
}
