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
 *   when s was selected (which groups were emptied, the weight of those that were not).
 */
import type { Rational } from './rational';
import * as Q from './rational';
import type { AllocationOutcome, AllocationProject, Decision } from './types';
import { approvalGreedy, compareIds } from './approval-greedy';

/** A ballot group: `weight` voters who approve exactly `approves` (an empty list is a voter who approved nothing). */
export type MesBallot = Readonly<{ weight: number; approves: readonly string[] }>;
/** A project with its exact cost. */
export type MesProject = Readonly<{ id: string; cost: Rational }>;
/** `cost` = Cost_Sat (utility of an approved project is its cost), `card` = Cardinality_Sat (utility 1). */
export type MesUtility = 'cost' | 'card';
/** `add1`: raise every voter's budget by `increment` until exhaustive; `greedy`: complete with greedy (Cost_Sat). */
export type MesCompletion = 'none' | 'add1' | 'greedy' | 'add1_greedy';

export type MesInput = Readonly<{
  ballots: readonly MesBallot[];
  projects: readonly MesProject[];
  budget: Rational;
  utility: MesUtility;
  completion?: MesCompletion;
  /** Per-voter budget increment of the add1 completion; defaults to 1 currency unit. */
  increment?: Rational;
  /** Safety stop for add1 (number of MES runs); defaults to 10,000,000. */
  maxRuns?: number;
  /** Projects selected beforehand (pabutools' `initial_budget_allocation`): kept, never candidates. */
  initial?: readonly string[];
}>;

/** Why a project was selected by MES: what its supporters paid. */
export type MesSelectionTrace = Readonly<{
  projectId: string;
  /** 1-based selection round within the final MES run (0 for free projects selected up front). */
  round: number;
  /** Exact affordability rho (payment per unit of utility). */
  rho: Rational;
  /** Payment of a supporter who could afford the full share (rho * utility), as a number. */
  payment: number;
  cost: number;
  /** Voters approving the project. */
  supporters: number;
  /** Voters who paid the full share `payment`. */
  paidFullShare: number;
  /** Voters who paid all they had left (less than or equal to the share) and are now empty. */
  paidAllRemaining: number;
  /** Voters who had nothing left when the project was selected. */
  alreadyEmpty: number;
  /** Supporters' total remaining money just before the selection. */
  supportersMoneyBefore: number;
}>;

/** Why a project was not selected: its supporters' money at the end of the final MES run versus its cost. */
export type MesUnselectedTrace = Readonly<{
  projectId: string;
  cost: number;
  supporters: number;
  supportersMoney: number;
  /** `no_support` = nobody approves it (or it is free under cost utility): MES never considers it. */
  status: 'unaffordable' | 'no_support';
}>;

/** Budget use of one ballot group in the final MES run (per voter of the group). */
export type MesGroupSummary = Readonly<{ weight: number; approves: readonly string[]; share: number; spent: number }>;

export type MesResult = Readonly<{
  /** Selected ids in selection order (MES, then greedy completion if any). */
  selected: readonly string[];
  /** The part chosen by MES itself (including free projects selected up front). */
  mesSelected: readonly string[];
  /** The part added by greedy completion. */
  completionAdded: readonly string[];
  trace: readonly MesSelectionTrace[];
  unselected: readonly MesUnselectedTrace[];
  /** Per-voter budget of the final MES run (B/n, plus k increments with add1). */
  perVoterBudget: Rational;
  /** Number of MES runs (1 without add1). */
  runs: number;
  totalCost: Rational;
  groups: readonly MesGroupSummary[];
}>;

type Compiled = {
  ids: string[];
  costs: Rational[];
  costF: Float64Array;
  utilF: Float64Array;
  util: Rational[];
  supporters: Int32Array[];
  supportW: Float64Array;
  groupW: Float64Array;
  groupApprovals: Int32Array[];
  groupIds: string[][];
  candidates: number[];
  upfront: number[];
  voters: bigint;
  budget: Rational;
  utility: MesUtility;
};

function compile(input: MesInput): Compiled {
  const P = input.projects.length;
  const index = new Map<string, number>();
  input.projects.forEach((p, i) => {
    if (index.has(p.id)) throw new RangeError(`Duplicate project id "${p.id}"`);
    if (p.cost.num < 0n) throw new RangeError(`Project "${p.id}" has a negative cost`);
    index.set(p.id, i);
  });
  const groups = new Map<string, { w: number; projects: number[] }>();
  let voters = 0;
  for (const ballot of input.ballots) {
    if (!Number.isSafeInteger(ballot.weight) || ballot.weight < 0) {
      throw new RangeError(`Ballot weight must be a non-negative integer, got ${ballot.weight}`);
    }
    if (ballot.weight === 0) continue;
    voters += ballot.weight;
    const set = new Set<number>();
    for (const id of ballot.approves) {
      const i = index.get(id);
      if (i === undefined) throw new RangeError(`Ballot approves unknown project "${id}"`);
      set.add(i);
    }
    const projects = [...set].sort((a, b) => a - b);
    const key = projects.join(',');
    const g = groups.get(key);
    if (g) g.w += ballot.weight;
    else groups.set(key, { w: ballot.weight, projects });
  }
  if (!Number.isSafeInteger(voters)) throw new RangeError('Too many voters');
  const gList = [...groups.values()];
  const groupW = Float64Array.from(gList, (g) => g.w);
  const groupApprovals = gList.map((g) => Int32Array.from(g.projects));
  const supLists: number[][] = Array.from({ length: P }, () => []);
  gList.forEach((g, gi) => {
    for (const p of g.projects) supLists[p]!.push(gi);
  });
  const supporters = supLists.map((l) => Int32Array.from(l));
  const supportW = Float64Array.from(supporters, (s) => s.reduce((acc, g) => acc + groupW[g]!, 0));
  const costs = input.projects.map((p) => p.cost);
  const util = costs.map((c) => (input.utility === 'cost' ? c : Q.ONE));
  const candidates: number[] = [];
  const upfront: number[] = [];
  const initial: number[] = [];
  for (const id of input.initial ?? []) {
    const i = index.get(id);
    if (i === undefined) throw new RangeError(`Initial allocation names unknown project "${id}"`);
    if (!initial.includes(i)) initial.push(i);
  }
  for (let p = 0; p < P; p++) {
    if (initial.includes(p)) continue;
    const totalSat = supportW[p]! > 0 && util[p]!.num > 0n;
    if (!totalSat) continue;
    if (costs[p]!.num > 0n) candidates.push(p);
    else upfront.push(p);
  }
  const ids = input.projects.map((p) => p.id);
  upfront.sort((a, b) => compareIds(ids[a]!, ids[b]!));
  upfront.unshift(...initial);
  return {
    ids,
    costs,
    costF: Float64Array.from(costs, Q.toNumber),
    utilF: Float64Array.from(util, Q.toNumber),
    util,
    supporters,
    supportW,
    groupW,
    groupApprovals,
    groupIds: gList.map((g) => g.projects.map((p) => ids[p]!)),
    candidates,
    upfront,
    voters: BigInt(voters),
    budget: input.budget,
    utility: input.utility,
  };
}

type Selection = {
  p: number;
  qf: number;
  q: Rational | null;
  /** Groups emptied by this payment. */
  emptied: Int32Array;
  /** Weight of the supporters who paid the full share and kept money (or exactly emptied by it). */
  wRich: number;
  alreadyEmpty: number;
  moneyBefore: number;
};

type Evaluation = { dropped: boolean; q: number; tolQ: number };

/** Relative margin within which floating point is not trusted (errors are ~1e-13 in practice). */
const REL_TOL = 1e-9;

/** One MES run with a fixed per-voter starting budget. */
class MesRun {
  readonly bf: Float64Array;
  readonly spent: Float64Array;
  readonly zeroed: Uint8Array;
  readonly selOrder: Int32Array;
  readonly sels: Selection[] = [];
  readonly baseF: number;
  readonly tolB: number;
  private counts: Float64Array;
  private scratchB: Float64Array;
  private scratchW: Float64Array;

  constructor(
    readonly c: Compiled,
    readonly base: Rational,
  ) {
    const G = c.groupW.length;
    this.baseF = Q.toNumber(base);
    this.bf = new Float64Array(G).fill(this.baseF);
    this.spent = new Float64Array(G);
    this.zeroed = new Uint8Array(G);
    this.selOrder = new Int32Array(c.ids.length).fill(-1);
    this.tolB = REL_TOL * Math.abs(this.baseF) + 1e-300;
    this.counts = new Float64Array(c.ids.length + 1);
    let maxSup = 0;
    for (const s of c.supporters) maxSup = Math.max(maxSup, s.length);
    this.scratchB = new Float64Array(maxSup);
    this.scratchW = new Float64Array(maxSup);
  }

  /** Exact payment per full-share supporter of the s-th selection (memoised). */
  exactSelQ(s: number): Rational {
    const sel = this.sels[s]!;
    if (sel.q) return sel.q;
    if (sel.wRich <= 0) throw new Error('internal: MES selection without full-share payers lacks an exact payment');
    const money = this.exactMoney(sel.emptied, s);
    sel.q = Q.div(Q.sub(this.c.costs[sel.p]!, money), Q.fromInt(sel.wRich));
    return sel.q;
  }

  /**
   * Exact total money held, just before selection `upto`, by groups that had not been emptied before it
   * (so they paid the full share of every earlier selection they approve).
   */
  exactMoney(groups: ArrayLike<number>, upto: number): Rational {
    // Re-entrant on purpose: exactSelQ(s) below may call exactMoney(_, s), which only rewrites counts[0..s), and
    // those entries have already been consumed when index s is reached.
    const counts = this.counts;
    counts.fill(0, 0, upto);
    let m = 0;
    for (let i = 0; i < groups.length; i++) {
      const g = groups[i]!;
      const w = this.c.groupW[g]!;
      m += w;
      const ap = this.c.groupApprovals[g]!;
      for (let j = 0; j < ap.length; j++) {
        const s = this.selOrder[ap[j]!]!;
        if (s >= 0 && s < upto) counts[s]! += w;
      }
    }
    let total = Q.mulInt(this.base, BigInt(m));
    for (let s = 0; s < upto; s++) {
      const k = counts[s]!;
      if (k !== 0) total = Q.sub(total, Q.mulInt(this.exactSelQ(s), BigInt(k)));
    }
    return total;
  }

  /** Exact current budget of one voter of group g. */
  exactBudget(g: number): Rational {
    if (this.zeroed[g]) return Q.ZERO;
    let b = this.base;
    const ap = this.c.groupApprovals[g]!;
    for (let j = 0; j < ap.length; j++) {
      const s = this.selOrder[ap[j]!]!;
      if (s >= 0) b = Q.sub(b, this.exactSelQ(s));
    }
    return b;
  }

  /** Float water level q of project p (payment of a full-share supporter) and its error margin. */
  evaluate(p: number): Evaluation {
    const c = this.c;
    const sup = c.supporters[p]!;
    const bf = this.bf;
    const gw = c.groupW;
    const cost = c.costF[p]!;
    const B = this.scratchB;
    const Wt = this.scratchW;
    let n = 0;
    let avail = 0;
    let W = 0;
    let maxB = 0;
    for (let i = 0; i < sup.length; i++) {
      const g = sup[i]!;
      const b = bf[g]!;
      if (b > 0) {
        const w = gw[g]!;
        B[n] = b;
        Wt[n] = w;
        n++;
        avail += w * b;
        W += w;
        if (b > maxB) maxB = b;
      }
    }
    const tolAvail = this.tolB * W + REL_TOL * cost;
    if (avail < cost - tolAvail) return { dropped: true, q: Infinity, tolQ: 0 };
    if (avail <= cost + tolAvail) {
      const live: number[] = [];
      for (let i = 0; i < sup.length; i++) if (!this.zeroed[sup[i]!]) live.push(sup[i]!);
      if (Q.cmp(this.exactMoney(live, this.sels.length), c.costs[p]!) < 0) return { dropped: true, q: Infinity, tolQ: 0 };
    }
    // Fixed-point iteration on the poor set: it only grows and usually settles in two or three passes.
    let q = cost / W;
    let poorW = 0;
    let poorSum = 0;
    let prevPoorW = -1;
    for (let iter = 0; iter < 8 && poorW !== prevPoorW; iter++) {
      prevPoorW = poorW;
      poorW = 0;
      poorSum = 0;
      for (let i = 0; i < n; i++) {
        const b = B[i]!;
        if (b < q) {
          poorW += Wt[i]!;
          poorSum += Wt[i]! * b;
        }
      }
      const richW = W - poorW;
      if (richW <= 0) {
        q = maxB;
        break;
      }
      q = Math.max(q, (cost - poorSum) / richW);
    }
    if (poorW !== prevPoorW && W - poorW > 0) {
      // Pathological budgets: fall back to the sorted scan.
      const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => B[x]! - B[y]!);
      let contrib = 0;
      let denom = W;
      poorW = 0;
      for (const i of order) {
        const qq = (cost - contrib) / denom;
        if (qq <= B[i]!) {
          q = qq;
          break;
        }
        contrib += Wt[i]! * B[i]!;
        denom -= Wt[i]!;
        poorW += Wt[i]!;
        q = B[i]!;
      }
    }
    const richW = Math.max(W - poorW, 1);
    const tolQ = this.tolB * (1 + poorW / richW) + (REL_TOL * cost) / richW;
    return { dropped: false, q, tolQ };
  }

  /** Exact water level of p in the current state (null when its supporters cannot pay for it). */
  exactQ(p: number, e: Evaluation): Rational | null {
    const c = this.c;
    const sup = c.supporters[p]!;
    const band = e.tolQ + this.tolB;
    const poor: number[] = [];
    const border: { g: number; b: Rational }[] = [];
    let richW = 0;
    for (let i = 0; i < sup.length; i++) {
      const g = sup[i]!;
      if (this.zeroed[g]) continue;
      const b = this.bf[g]!;
      if (b < e.q - band) poor.push(g);
      else if (b > e.q + band) richW += c.groupW[g]!;
      else border.push({ g, b: this.exactBudget(g) });
    }
    border.sort((x, y) => Q.cmp(x.b, y.b));
    const cost = c.costs[p]!;
    let contrib = this.exactMoney(poor, this.sels.length);
    let denom = richW;
    for (const x of border) denom += c.groupW[x.g]!;
    for (const x of border) {
      const qq = Q.div(Q.sub(cost, contrib), Q.fromInt(denom));
      if (Q.cmp(qq, x.b) <= 0) return qq;
      const w = c.groupW[x.g]!;
      contrib = Q.add(contrib, Q.mulInt(x.b, BigInt(w)));
      denom -= w;
    }
    if (denom <= 0) return Q.cmp(contrib, cost) >= 0 ? (border.at(-1)?.b ?? null) : null;
    return Q.div(Q.sub(cost, contrib), Q.fromInt(denom));
  }

  /** Charges the supporters of p and records the selection. */
  apply(p: number, e: Evaluation, qExact: Rational | null): void {
    const c = this.c;
    const sup = c.supporters[p]!;
    const band = e.tolQ + this.tolB;
    let q = qExact;
    let moneyBefore = 0;
    let alreadyEmpty = 0;
    for (let i = 0; i < sup.length; i++) {
      const g = sup[i]!;
      if (this.zeroed[g]) {
        alreadyEmpty += c.groupW[g]!;
        continue;
      }
      const b = this.bf[g]!;
      moneyBefore += b * c.groupW[g]!;
      if (q === null && b >= e.q - band && b <= e.q + band) q = this.exactQ(p, e);
    }
    if (q === null && e.q === Infinity) throw new Error('internal: applying an unaffordable project');
    const qf = q ? Q.toNumber(q) : e.q;
    const emptied: number[] = [];
    const newBudgets: { g: number; b: number }[] = [];
    let wRich = 0;
    for (let i = 0; i < sup.length; i++) {
      const g = sup[i]!;
      if (this.zeroed[g]) continue;
      const b = this.bf[g]!;
      const w = c.groupW[g]!;
      if (b < e.q - band) {
        emptied.push(g);
      } else if (b > e.q + band) {
        newBudgets.push({ g, b: b - qf });
        wRich += w;
      } else {
        const exactB = this.exactBudget(g);
        const d = Q.sub(exactB, q!);
        if (d.num <= 0n) emptied.push(g);
        else {
          newBudgets.push({ g, b: Q.toNumber(d) });
          wRich += w;
        }
      }
    }
    for (const g of emptied) {
      this.spent[g]! += this.bf[g]!;
      this.bf[g] = 0;
      this.zeroed[g] = 1;
    }
    for (const { g, b } of newBudgets) {
      this.spent[g]! += this.bf[g]! - b;
      this.bf[g] = b;
    }
    this.selOrder[p] = this.sels.length;
    this.sels.push({ p, qf, q, emptied: Int32Array.from(emptied), wRich, alreadyEmpty, moneyBefore });
  }

  /** Runs MES to the end; returns the selected project indices in order (after the free ones). */
  run(): void {
    const c = this.c;
    const alive = [...c.candidates];
    const stale = new Float64Array(c.ids.length);
    const staleTol = new Float64Array(c.ids.length);
    for (const p of alive) {
      stale[p] = c.costF[p]! / (c.utilF[p]! * c.supportW[p]!);
      staleTol[p] = stale[p]! * 1e-12;
    }
    const evals: { p: number; rho: number; tol: number; e: Evaluation }[] = [];
    while (alive.length > 0) {
      alive.sort((a, b) => stale[a]! - stale[b]!);
      let best = Infinity;
      let bestTol = 0;
      evals.length = 0;
      let w = 0;
      let i = 0;
      for (; i < alive.length; i++) {
        const p = alive[i]!;
        if (stale[p]! - staleTol[p]! > best + bestTol) break;
        const e = this.evaluate(p);
        if (e.dropped) continue;
        alive[w++] = p;
        const u = c.utilF[p]!;
        const rho = e.q / u;
        const tol = e.tolQ / u;
        stale[p] = rho;
        staleTol[p] = tol;
        evals.push({ p, rho, tol, e });
        if (rho < best) {
          best = rho;
          bestTol = tol;
        }
      }
      for (; i < alive.length; i++) alive[w++] = alive[i]!;
      alive.length = w;
      if (evals.length === 0) break;
      const tied = evals.filter((x) => x.rho - x.tol <= best + bestTol);
      let winner = tied[0]!;
      let winnerQ: Rational | null = null;
      if (tied.length > 1) {
        let bestRho: Rational | null = null;
        for (const t of tied) {
          const q = this.exactQ(t.p, t.e);
          if (!q) continue;
          const rho = Q.div(q, c.util[t.p]!);
          const order = bestRho === null ? -1 : Q.cmp(rho, bestRho);
          if (order < 0 || (order === 0 && compareIds(c.ids[t.p]!, c.ids[winner.p]!) < 0)) {
            bestRho = rho;
            winner = t;
            winnerQ = q;
          }
        }
      }
      this.apply(winner.p, winner.e, winnerQ);
      alive.splice(alive.indexOf(winner.p), 1);
    }
  }

  selectedIndices(): number[] {
    return [...this.c.upfront, ...this.sels.map((s) => s.p)];
  }
}

function totalCostOf(c: Compiled, indices: readonly number[]): Rational {
  let t = Q.ZERO;
  for (const p of indices) t = Q.add(t, c.costs[p]!);
  return t;
}

function isExhaustive(c: Compiled, selected: readonly number[], cost: Rational, among: readonly number[]): boolean {
  const left = Q.sub(c.budget, cost);
  const taken = new Set(selected);
  for (const p of among) if (!taken.has(p) && Q.cmp(c.costs[p]!, left) <= 0) return false;
  return true;
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
  const c = compile(input);
  const completion = input.completion ?? 'none';
  const add1 = completion === 'add1' || completion === 'add1_greedy';
  const perVoter0 = c.voters > 0n ? Q.make(c.budget.num, c.budget.den * c.voters) : Q.ZERO;
  let runs = 0;
  let finalRun: MesRun;
  if (c.voters === 0n) {
    finalRun = new MesRun(c, Q.ZERO);
  } else if (!add1) {
    finalRun = new MesRun(c, perVoter0);
    finalRun.run();
    runs = 1;
  } else {
    const inc = input.increment ?? Q.ONE;
    const maxRuns = input.maxRuns ?? 10_000_000;
    let previous: MesRun | null = null;
    let base = perVoter0;
    for (;;) {
      const r = new MesRun(c, base);
      r.run();
      runs++;
      const sel = r.selectedIndices();
      const cost = totalCostOf(c, sel);
      if (Q.cmp(cost, c.budget) > 0) {
        // pabutools' "previous outcome" before the first run is the up-front (free) selection only.
        finalRun = previous ?? new MesRun(c, perVoter0);
        break;
      }
      if (isExhaustive(c, sel, cost, c.candidates)) {
        finalRun = r;
        break;
      }
      if (runs >= maxRuns) throw new RangeError(`MES add1 did not settle within ${maxRuns} runs`);
      previous = r;
      base = Q.add(base, inc);
    }
  }
  const mesIdx = finalRun.selectedIndices();
  const mesCost = totalCostOf(c, mesIdx);
  const mesSelected = mesIdx.map((p) => c.ids[p]!);
  let completionAdded: readonly string[] = [];
  let totalCost = mesCost;
  const allProjects = c.ids.map((_, i) => i);
  if ((completion === 'greedy' || completion === 'add1_greedy') && !isExhaustive(c, mesIdx, mesCost, allProjects)) {
    const g = approvalGreedy({
      projects: c.ids.map((id, p) => ({ id, cost: c.costs[p]!, approvals: c.supportW[p]! })),
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
    totalCost,
    groups: Array.from(c.groupW, (w, g) => ({
      weight: w,
      approves: c.groupIds[g]!,
      share: finalRun.baseF,
      spent: finalRun.spent[g]!,
    })),
  };
}

function buildTrace(r: MesRun): MesSelectionTrace[] {
  const c = r.c;
  const out: MesSelectionTrace[] = c.upfront.map((p) => ({
    projectId: c.ids[p]!,
    round: 0,
    rho: Q.ZERO,
    payment: 0,
    cost: 0,
    supporters: c.supportW[p]!,
    paidFullShare: 0,
    paidAllRemaining: 0,
    alreadyEmpty: 0,
    supportersMoneyBefore: 0,
  }));
  r.sels.forEach((s, i) => {
    const q = r.exactSelQ(i);
    let emptiedW = 0;
    for (const g of s.emptied) emptiedW += c.groupW[g]!;
    out.push({
      projectId: c.ids[s.p]!,
      round: i + 1,
      rho: Q.div(q, c.util[s.p]!),
      payment: Q.toNumber(q),
      cost: c.costF[s.p]!,
      supporters: c.supportW[s.p]!,
      paidFullShare: s.wRich,
      paidAllRemaining: emptiedW,
      alreadyEmpty: s.alreadyEmpty,
      supportersMoneyBefore: s.moneyBefore,
    });
  });
  return out;
}

function buildUnselected(r: MesRun, selected: ReadonlySet<number>): MesUnselectedTrace[] {
  const c = r.c;
  const candidate = new Set(c.candidates);
  const out: MesUnselectedTrace[] = [];
  c.ids.forEach((id, p) => {
    if (selected.has(p)) return;
    let money = 0;
    for (const g of c.supporters[p]!) money += r.bf[g]! * c.groupW[g]!;
    out.push({
      projectId: id,
      cost: c.costF[p]!,
      supporters: c.supportW[p]!,
      supportersMoney: money,
      status: candidate.has(p) ? 'unaffordable' : 'no_support',
    });
  });
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
}>;

function satang(n: number, what: string): Rational {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${what} must be a non-negative integer number of satang, got ${n}`);
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
  });
  const costOf = new Map(input.projects.map((p) => [p.id, p.cost] as const));
  const traceOf = new Map(result.trace.map((t) => [t.projectId, t] as const));
  const outOf = new Map(result.unselected.map((t) => [t.projectId, t] as const));
  const decisions: Decision[] = [];
  const funded = new Map<string, number>();
  let spent = 0;
  let step = 0;
  for (const p of input.projects) {
    if (excluded.has(p.id)) decisions.push({ projectId: p.id, funded: 0, reason: 'excluded', step: 0, remainingBefore: input.budget });
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
            rho: Q.toDecimalString(t.rho),
            rhoValue: Q.toNumber(t.rho),
            paymentPerVoter: t.payment,
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
      detail: t ? { rule: 'mes', status: t.status, supporters: t.supporters, supportersMoney: t.supportersMoney, cost: t.cost } : {},
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
