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
 * - add1 skips runs whose outcome is provably that of the last computed run (see the proof above {@link runMes}), and
 *   scans independent parts of the election (candidates linked by shared supporters) separately, so one part's
 *   change does not recompute the others.
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
  /**
   * add1 skip-ahead (default true): jump over runs whose outcome provably equals the last computed one. The result is
   * the same either way (only `computedRuns` differs); `false` computes every run of the linear scan (for tests).
   */
  skipAhead?: boolean;
  /**
   * add1 over independent parts (default true): candidates that share no supporter, directly or through others, are
   * scanned part by part (see above {@link runMes}). Same result either way; `false` scans the whole election (tests).
   */
  parts?: boolean;
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
  /** Number of MES runs of the add1 linear scan (1 without add1), i.e. the final run's k + 1. */
  runs: number;
  /**
   * MES runs actually computed (fewer than `runs` when the add1 skip-ahead proved runs' outcomes unchanged); with
   * independent parts, a run over one part counts as one.
   */
  computedRuns?: number;
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
  /** Weights of the supporter groups, aligned with `supporters[p]`. */
  supW: Float64Array[];
  /** Largest number of supporter groups of a project. */
  maxSup: number;
  /** Static lower bound of each candidate's rho, cost / (u * supporters' weight), and the candidates sorted by it. */
  stale0: Float64Array;
  staleTol0: Float64Array;
  initialOrder: Int32Array;
  /** Costs, the budget and the up-front projects' total cost times the lcm of all their denominators (integers). */
  costScaled: bigint[];
  budgetScaled: bigint;
  upfrontScaled: bigint;
  groupW: Float64Array;
  groupApprovals: Int32Array[];
  candidates: number[];
  upfront: number[];
  voters: bigint;
  budget: Rational;
  utility: MesUtility;
};

function compile(input: MesInput): Compiled {
  const index = new Map<string, number>();
  input.projects.forEach((p, i) => {
    if (index.has(p.id)) throw new RangeError(`Duplicate project id "${p.id}"`);
    if (p.cost.num < 0n) throw new RangeError(`Project "${p.id}" has a negative cost`);
    index.set(p.id, i);
  });
  const groups = new Map<string, { w: number; projects: number[] }>();
  const buf: number[] = [];
  let voters = 0;
  for (const ballot of input.ballots) {
    if (!Number.isSafeInteger(ballot.weight) || ballot.weight < 0) {
      throw new RangeError(`Ballot weight must be a non-negative integer, got ${ballot.weight}`);
    }
    if (ballot.weight === 0) continue;
    voters += ballot.weight;
    buf.length = 0;
    for (const id of ballot.approves) {
      const i = index.get(id);
      if (i === undefined) throw new RangeError(`Ballot approves unknown project "${id}"`);
      buf.push(i);
    }
    buf.sort((a, b) => a - b);
    let m = 0;
    for (let j = 0; j < buf.length; j++) if (j === 0 || buf[j] !== buf[j - 1]) buf[m++] = buf[j]!;
    buf.length = m;
    const key = buf.join(',');
    const g = groups.get(key);
    if (g) g.w += ballot.weight;
    else groups.set(key, { w: ballot.weight, projects: buf.slice() });
  }
  if (!Number.isSafeInteger(voters)) throw new RangeError('Too many voters');
  const initial: number[] = [];
  for (const id of input.initial ?? []) {
    const i = index.get(id);
    if (i === undefined) throw new RangeError(`Initial allocation names unknown project "${id}"`);
    if (!initial.includes(i)) initial.push(i);
  }
  const gList = [...groups.values()];
  return build(
    input.projects.map((p) => p.id),
    input.projects.map((p) => p.cost),
    gList.map((g) => g.w),
    gList.map((g) => Int32Array.from(g.projects)),
    BigInt(voters),
    input.budget,
    input.utility,
    initial,
  );
}

/** The compiled election from projects and ballot groups (each group's approvals sorted, without repeats). */
function build(
  ids: string[],
  costs: Rational[],
  weights: readonly number[],
  groupApprovals: Int32Array[],
  voters: bigint,
  budget: Rational,
  utility: MesUtility,
  initial: readonly number[],
): Compiled {
  const P = ids.length;
  const G = weights.length;
  const groupW = new Float64Array(G);
  const nSup = new Int32Array(P);
  for (let g = 0; g < G; g++) {
    groupW[g] = weights[g]!;
    for (const p of groupApprovals[g]!) nSup[p]!++;
  }
  const supporters = Array.from({ length: P }, (_, p) => new Int32Array(nSup[p]!));
  const supW = Array.from({ length: P }, (_, p) => new Float64Array(nSup[p]!));
  const supportW = new Float64Array(P);
  nSup.fill(0);
  for (let g = 0; g < G; g++) {
    for (const p of groupApprovals[g]!) {
      const i = nSup[p]!++;
      supporters[p]![i] = g;
      supW[p]![i] = groupW[g]!;
      supportW[p]! += groupW[g]!;
    }
  }
  const util = costs.map((c) => (utility === 'cost' ? c : Q.ONE));
  const candidates: number[] = [];
  const upfront: number[] = [];
  for (let p = 0; p < P; p++) {
    if (initial.includes(p)) continue;
    const totalSat = supportW[p]! > 0 && util[p]!.num > 0n;
    if (!totalSat) continue;
    if (costs[p]!.num > 0n) candidates.push(p);
    else upfront.push(p);
  }
  upfront.sort((a, b) => compareIds(ids[a]!, ids[b]!));
  upfront.unshift(...initial);
  const costF = new Float64Array(P);
  const utilF = new Float64Array(P);
  for (let p = 0; p < P; p++) {
    costF[p] = Q.toNumber(costs[p]!);
    utilF[p] = Q.toNumber(util[p]!);
  }
  const stale0 = new Float64Array(P);
  const staleTol0 = new Float64Array(P);
  for (const p of candidates) {
    stale0[p] = costF[p]! / (utilF[p]! * supportW[p]!);
    staleTol0[p] = stale0[p]! * 1e-12;
  }
  const initialOrder = Int32Array.from(candidates).sort((a, b) => stale0[a]! - stale0[b]! || a - b);
  let scale = budget.den;
  for (const x of costs) if (x.den !== 1n) scale = (scale / Q.gcd(scale, x.den)) * x.den;
  const costScaled = costs.map((x) => (x.num * scale) / x.den);
  let maxSup = 0;
  for (const sup of supporters) if (sup.length > maxSup) maxSup = sup.length;
  return {
    costScaled,
    budgetScaled: (budget.num * scale) / budget.den,
    upfrontScaled: upfront.reduce((t, p) => t + costScaled[p]!, 0n),
    ids,
    costs,
    costF,
    utilF,
    stale0,
    staleTol0,
    initialOrder,
    util,
    supporters,
    supportW,
    supW,
    maxSup,
    groupW,
    groupApprovals,
    candidates,
    upfront,
    voters,
    budget,
    utility,
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

/** Relative margin within which floating point is not trusted (errors are ~1e-13 in practice). */
const REL_TOL = 1e-9;

/** Buffers of one MES run, reused from run to run (add1 alternates two, so the previous run stays readable). */
class Workspace {
  /** Per group: budget of one voter, d budget / d b (skip-ahead), spent, 1 + last round it paid (0: never). */
  readonly bf: Float64Array;
  readonly sl: Float64Array;
  readonly spent: Float64Array;
  readonly paidAt: Int32Array;
  readonly zeroed: Uint8Array;
  readonly selOrder: Int32Array;
  readonly counts: Float64Array;
  readonly scratchB: Float64Array;
  readonly scratchW: Float64Array;
  readonly scratchS: Float64Array;
  readonly scratchG: Int32Array;
  // Latest evaluation of each candidate (still exact while none of its supporters paid since), its round (-1: none).
  readonly evQ: Float64Array;
  readonly evTol: Float64Array;
  readonly evLq: Float64Array;
  readonly evLm: Float64Array;
  /** Live supporters' weight when the latest evaluation found no poor supporter (its bound is then exactly constant), else 0. */
  readonly evConstW: Float64Array;
  readonly evLok: Uint8Array;
  readonly evAt: Int32Array;
  // Lazy-evaluation heap and skip-ahead bookkeeping of run(), see there.
  readonly stale: Float64Array;
  readonly staleTol: Float64Array;
  readonly heap: Int32Array;
  readonly collected: Int32Array;
  readonly lv: Float64Array;
  readonly ls: Float64Array;
  readonly lt: Float64Array;
  readonly lW: Float64Array;
  readonly lStart: Int32Array;
  readonly rv: Float64Array;
  readonly rs: Float64Array;
  readonly rt: Float64Array;
  readonly rW: Float64Array;
  readonly rP: Int32Array;
  readonly eqMax: Int32Array;

  /** Sized for `c`, or for the largest of several elections run one after another (independent parts). */
  constructor(...cs: Compiled[]) {
    let G = 0;
    let P = 0;
    let C = 0;
    let maxSup = 0;
    for (const c of cs) {
      G = Math.max(G, c.groupW.length);
      P = Math.max(P, c.ids.length);
      C = Math.max(C, c.candidates.length);
      maxSup = Math.max(maxSup, c.maxSup);
    }
    this.bf = new Float64Array(G);
    this.sl = new Float64Array(G);
    this.spent = new Float64Array(G);
    this.paidAt = new Int32Array(G);
    this.zeroed = new Uint8Array(G);
    this.selOrder = new Int32Array(P);
    this.counts = new Float64Array(P + 1);
    this.scratchB = new Float64Array(maxSup);
    this.scratchW = new Float64Array(maxSup);
    this.scratchS = new Float64Array(maxSup);
    this.scratchG = new Int32Array(maxSup);
    this.evQ = new Float64Array(P);
    this.evTol = new Float64Array(P);
    this.evLq = new Float64Array(P);
    this.evLm = new Float64Array(P);
    this.evConstW = new Float64Array(P);
    this.evLok = new Uint8Array(P);
    this.evAt = new Int32Array(P);
    this.stale = new Float64Array(P);
    this.staleTol = new Float64Array(P);
    this.heap = new Int32Array(C);
    this.collected = new Int32Array(C);
    this.lv = new Float64Array(P);
    this.ls = new Float64Array(P);
    this.lt = new Float64Array(P);
    this.lW = new Float64Array(P);
    this.lStart = new Int32Array(P);
    this.rv = new Float64Array(C);
    this.rs = new Float64Array(C);
    this.rt = new Float64Array(C);
    this.rW = new Float64Array(C);
    this.rP = new Int32Array(C);
    this.eqMax = new Int32Array(C);
  }
}

/** One MES run with a fixed per-voter starting budget. */
class MesRun {
  readonly sels: Selection[] = [];
  readonly baseF: number;
  readonly tolB: number;
  /**
   * Skip-ahead certificate (add1 only, see the proof above {@link runMes}): the number K of further increments over
   * which this run's outcome provably stays the same (0 = none proven).
   */
  skipK: number;
  /** Whether slopes d b_g / d b are tracked (skip-ahead). */
  private readonly track: boolean;
  private readonly incF: number;
  private readonly bf: Float64Array;
  private readonly sl: Float64Array;
  private readonly zeroed: Uint8Array;
  readonly selOrder: Int32Array;

  constructor(
    readonly c: Compiled,
    readonly base: Rational,
    private readonly ws: Workspace = new Workspace(c),
    increment: Rational | null = null,
  ) {
    this.baseF = Q.toNumber(base);
    this.tolB = REL_TOL * Math.abs(this.baseF) + 1e-300;
    this.incF = increment ? Q.toNumber(increment) : 0;
    this.track = increment !== null && this.incF > 0;
    this.skipK = this.track ? Infinity : 0;
    // The workspace may be larger than this election (shared by independent parts): only [0, G) and [0, P) are used.
    const G = c.groupW.length;
    const P = c.ids.length;
    this.bf = ws.bf.fill(this.baseF, 0, G);
    this.sl = ws.sl;
    if (this.track) this.sl.fill(1, 0, G);
    ws.spent.fill(0, 0, G);
    ws.paidAt.fill(0, 0, G);
    this.zeroed = ws.zeroed.fill(0, 0, G);
    this.selOrder = ws.selOrder.fill(-1, 0, P);
    ws.evAt.fill(-1, 0, P);
  }

  /** Current float budget of one voter of group g. */
  budget(g: number): number {
    return this.bf[g]!;
  }

  /** Float amount spent so far by one voter of group g. */
  spent(g: number): number {
    return this.ws.spent[g]!;
  }

  /**
   * Requires the affine quantity v(b0 + k*inc) = v0 + v1*k*inc to stay > 0, trusting v0 to within tol0 and v1 to
   * within tol1: lowers skipK to the last k for which the pessimistic line (v0 - tol0) + (v1 - tol1)*k*inc is > 0.
   */
  private keepPositive(v0: number, tol0: number, v1: number, tol1: number): void {
    const lo = v0 - tol0;
    if (!(lo > 0)) {
      this.skipK = 0;
      return;
    }
    const s = v1 - tol1;
    if (s >= 0) return;
    const k = Math.floor((lo / (-s * this.incF)) * (1 - 1e-9));
    if (k < this.skipK) this.skipK = k > 0 ? k : 0;
  }

  /** Sign of cost_a/(u_a*wa) - cost_b/(u_b*wb), exactly (the value of a constant rho form). */
  private constCmp(a: number, wa: number, b: number, wb: number): number {
    const c = this.c;
    if (c.utility === 'cost') return Math.sign(wb - wa);
    const x = c.costs[a]!;
    const y = c.costs[b]!;
    const d = x.num * y.den * BigInt(wb) - y.num * x.den * BigInt(wa);
    return d > 0n ? 1 : d < 0n ? -1 : 0;
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
    const counts = this.ws.counts;
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

  /**
   * Float water level q of project p (payment of a full-share supporter) and its error margin, stored in evQ/evTol
   * (with the skip-ahead bound in evLq/evLm/evLok/evConstW). Returns false when its supporters cannot pay for it.
   */
  evaluate(p: number): boolean {
    const c = this.c;
    const ws = this.ws;
    const sup = c.supporters[p]!;
    const supW = c.supW[p]!;
    const bf = this.bf;
    const sl = this.sl;
    const track = this.track && this.skipK > 0;
    const cost = c.costF[p]!;
    const B = ws.scratchB;
    const Wt = ws.scratchW;
    const S = ws.scratchS;
    let n = 0;
    let avail = 0;
    let W = 0;
    let Wsl = 0;
    let maxB = 0;
    if (track) {
      for (let i = 0; i < sup.length; i++) {
        const g = sup[i]!;
        const b = bf[g]!;
        if (b > 0) {
          const w = supW[i]!;
          B[n] = b;
          Wt[n] = w;
          const wsl = w * sl[g]!;
          S[n] = wsl;
          Wsl += wsl;
          n++;
          avail += w * b;
          W += w;
          if (b > maxB) maxB = b;
        }
      }
    } else {
      for (let i = 0; i < sup.length; i++) {
        const b = bf[sup[i]!]!;
        const live = +(b > 0);
        const w = live * supW[i]!;
        B[n] = b;
        Wt[n] = w;
        n += live;
        avail += w * b;
        W += w;
        maxB = b > maxB ? b : maxB;
      }
    }
    const tolAvail = this.tolB * W + REL_TOL * cost;
    if (avail < cost - tolAvail) {
      // Unaffordable: its supporters' money M(b) = avail + Wsl*(b - b0) must stay below the cost.
      if (track) this.keepPositive(cost - avail, tolAvail, -Wsl, REL_TOL * Wsl);
      return false;
    }
    if (avail <= cost + tolAvail) {
      this.skipK = 0;
      const live: number[] = [];
      for (let i = 0; i < sup.length; i++) if (!this.zeroed[sup[i]!]) live.push(sup[i]!);
      if (Q.cmp(this.exactMoney(live, this.sels.length), c.costs[p]!) < 0) return false;
    }
    // Fixed-point iteration on the poor set: it only grows and usually settles in two or three passes.
    let q = cost / W;
    let poorW = 0;
    let poorSum = 0;
    let poorSl = 0;
    let prevPoorW = -1;
    for (let iter = 0; iter < 8 && poorW !== prevPoorW; iter++) {
      prevPoorW = poorW;
      poorW = 0;
      poorSum = 0;
      poorSl = 0;
      if (track) {
        for (let i = 0; i < n; i++) {
          const b = B[i]!;
          if (b < q) {
            poorW += Wt[i]!;
            poorSum += Wt[i]! * b;
            poorSl += S[i]!;
          }
        }
      } else {
        // Branch-free (adding +0 leaves a sum unchanged): the poor/rich test is unpredictable.
        for (let i = 0; i < n; i++) {
          const b = B[i]!;
          const w = +(b < q) * Wt[i]!;
          poorW += w;
          poorSum += w * b;
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
      poorSum = 0;
      poorSl = 0;
      for (const i of order) {
        const qq = (cost - contrib) / denom;
        if (qq <= B[i]!) {
          q = qq;
          break;
        }
        contrib += Wt[i]! * B[i]!;
        denom -= Wt[i]!;
        poorW += Wt[i]!;
        poorSum += Wt[i]! * B[i]!;
        if (track) poorSl += S[i]!;
        q = B[i]!;
      }
    }
    const richW = Math.max(W - poorW, 1);
    ws.evQ[p] = q;
    ws.evTol[p] = this.tolB * (1 + poorW / richW) + (REL_TOL * cost) / richW;
    // Lower bound (cost - sum_P w*b_g(b)) / W_R of the water level for this partition (any partition gives one).
    const lok = track && W - poorW > 0;
    ws.evLok[p] = lok ? 1 : 0;
    if (lok) {
      ws.evLq[p] = (cost - poorSum) / (W - poorW);
      ws.evLm[p] = -poorSl / (W - poorW);
      ws.evConstW[p] = poorW === 0 ? W : 0;
    }
    return true;
  }

  /** Exact water level of p in the current state (null when its supporters cannot pay for it). */
  exactQ(p: number): Rational | null {
    const c = this.c;
    const sup = c.supporters[p]!;
    const eq = this.ws.evQ[p]!;
    const band = this.ws.evTol[p]! + this.tolB;
    const poor: number[] = [];
    const border: { g: number; b: Rational }[] = [];
    let richW = 0;
    for (let i = 0; i < sup.length; i++) {
      const g = sup[i]!;
      if (this.zeroed[g]) continue;
      const b = this.budget(g);
      if (b < eq - band) poor.push(g);
      else if (b > eq + band) richW += c.groupW[g]!;
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

  /**
   * Charges the supporters of p and records the selection (stamping them in paidAt). Returns the slope d q / d b of
   * the payment (skip-ahead; 0 when not tracked).
   */
  apply(p: number, qExact: Rational | null): number {
    const c = this.c;
    const sup = c.supporters[p]!;
    const supW = c.supW[p]!;
    const eq = this.ws.evQ[p]!;
    const band = this.ws.evTol[p]! + this.tolB;
    const bf = this.bf;
    const sl = this.sl;
    const spent = this.ws.spent;
    const paidAt = this.ws.paidAt;
    const zeroed = this.zeroed;
    let q = qExact;
    let moneyBefore = 0;
    let alreadyEmpty = 0;
    let border = false;
    let poorSl = 0;
    let richW = 0;
    for (let i = 0; i < sup.length; i++) {
      const g = sup[i]!;
      if (zeroed[g]) {
        alreadyEmpty += supW[i]!;
        continue;
      }
      const b = bf[g]!;
      moneyBefore += b * supW[i]!;
      if (b < eq - band) poorSl += supW[i]! * sl[g]!;
      else if (b > eq + band) richW += supW[i]!;
      else {
        border = true;
        if (q === null) q = this.exactQ(p);
      }
    }
    if (q === null && eq === Infinity) throw new Error('internal: applying an unaffordable project');
    const qf = q ? Q.toNumber(q) : eq;
    let slope = 0;
    let track = this.track && this.skipK > 0;
    if (track && (border || richW <= 0)) {
      this.skipK = 0;
      track = false;
    }
    // The payment is q(b) = (cost - sum_P w*b_g(b)) / W_R: the poor must stay poor, q - b_g > 0 (the rich stay rich
    // for free: b_g - q has slope sl_g - slope >= 1 > 0). Then the poor are emptied and the rich lose q.
    if (track) slope = -poorSl / richW;
    const emptied = this.ws.scratchG;
    let ne = 0;
    let wRich = 0;
    const stamp = this.sels.length + 1;
    for (let i = 0; i < sup.length; i++) {
      const g = sup[i]!;
      if (zeroed[g]) continue;
      const b = bf[g]!;
      paidAt[g] = stamp;
      let nb: number;
      if (b < eq - band) nb = 0;
      else if (b > eq + band) nb = b - qf;
      else {
        const d = Q.sub(this.exactBudget(g), q!);
        if (d.num > 0n) nb = Q.toNumber(d);
        else {
          emptied[ne++] = g;
          continue;
        }
      }
      if (nb === 0 && !(b > eq + band)) emptied[ne++] = g;
      else {
        wRich += supW[i]!;
        spent[g]! += b - nb;
        bf[g] = nb;
        if (track) sl[g]! -= slope;
      }
    }
    for (let i = 0; i < ne; i++) {
      const g = emptied[i]!;
      if (track) this.keepPositive(qf - bf[g]!, band, slope - sl[g]!, REL_TOL * (sl[g]! - slope));
      spent[g]! += bf[g]!;
      bf[g] = 0;
      sl[g] = 0;
      zeroed[g] = 1;
    }
    this.selOrder[p] = this.sels.length;
    this.sels.push({ p, qf, q, emptied: emptied.slice(0, ne), wRich, alreadyEmpty, moneyBefore });
    this.lastConstW = track && ne === 0 ? wRich : 0;
    return slope;
  }

  /** Payers' weight of the last selection when it had no poor supporter (its rho is then a constant), else 0. */
  private lastConstW = 0;

  /** Runs MES to the end; returns the selected project indices in order (after the free ones). */
  run(): void {
    const c = this.c;
    const ws = this.ws;
    const ids = c.ids;
    const paidAt = ws.paidAt;
    // Lazy evaluation: candidates sit in a binary min-heap keyed by `stale`, a lower bound of their rho (rho only
    // grows during a run); a candidate is re-evaluated only when it comes up and one of its supporters paid since.
    const { stale, staleTol, heap, collected, evAt } = ws;
    let size = c.candidates.length;
    const less = (a: number, b: number): boolean => stale[a]! < stale[b]! || (stale[a] === stale[b] && a < b);
    const push = (p: number): void => {
      let i = size++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        const q = heap[parent]!;
        if (!less(p, q)) break;
        heap[i] = q;
        i = parent;
      }
      heap[i] = p;
    };
    const pop = (): void => {
      const last = heap[--size]!;
      let i = 0;
      for (;;) {
        let child = 2 * i + 1;
        if (child >= size) break;
        if (child + 1 < size && less(heap[child + 1]!, heap[child]!)) child++;
        if (!less(heap[child]!, last)) break;
        heap[i] = heap[child]!;
        i = child;
      }
      if (size > 0) heap[i] = last;
    };
    // Skip-ahead bookkeeping. Bound of each candidate: rho >= lv + ls*(b - b0) (within lt), exactly the constant
    // cost/(u*lW) when lW > 0; it was computed at round lStart. Winner of round t: rho = rv + rs*(b - b0) (within rt),
    // the constant cost/(u*rW) when rW > 0; eqMax[t]: largest id among the run of winners up to t with that same
    // constant.
    const track = this.track;
    const { lv, ls, lt, lW, lStart, rv, rs, rt, rW, rP, eqMax } = ws;
    // The static bounds: cost / (u * all supporters' weight), sorted once (a sorted array is a heap).
    heap.set(c.initialOrder);
    stale.set(c.stale0);
    staleTol.set(c.staleTol0);
    lv.set(c.stale0);
    ls.fill(0, 0, c.ids.length);
    lt.set(c.staleTol0);
    lW.set(c.supportW);
    lStart.fill(0, 0, c.ids.length);
    /** p's bound, in force since round lStart[p], kept p from winning rounds lStart[p] .. t-1 (see the proof). */
    const endSegment = (p: number, t: number): void => {
      const s = t - 1;
      if (s < lStart[p]! || this.skipK === 0) return;
      if (lW[p]! > 0 && rW[s]! > 0) {
        const o = this.constCmp(p, lW[p]!, rP[s]!, rW[s]!);
        if (o < 0 || (o === 0 && compareIds(ids[p]!, ids[eqMax[s]!]!) <= 0)) this.skipK = 0;
        return;
      }
      this.keepPositive(lv[p]! - rv[s]!, lt[p]! + rt[s]!, ls[p]! - rs[s]!, REL_TOL * (Math.abs(ls[p]!) + Math.abs(rs[s]!)));
    };
    /** Whether p's latest evaluation is stale: one of its supporters paid since (or it was never evaluated). */
    const dirty = (p: number): boolean => {
      const at = evAt[p]!;
      if (at < 0) return true;
      const sup = c.supporters[p]!;
      for (let i = 0; i < sup.length; i++) if (paidAt[sup[i]!]! > at) return true;
      return false;
    };
    for (;;) {
      const t = this.sels.length;
      let best = Infinity;
      let bestTol = 0;
      let nc = 0;
      while (size > 0) {
        const p = heap[0]!;
        if (stale[p]! - staleTol[p]! > best + bestTol) break;
        pop();
        if (dirty(p)) {
          if (track) endSegment(p, t);
          const ok = this.evaluate(p);
          evAt[p] = t;
          if (!ok) continue;
          const u = c.utilF[p]!;
          stale[p] = ws.evQ[p]! / u;
          staleTol[p] = ws.evTol[p]! / u;
          if (track && ws.evLok[p]) {
            lv[p] = ws.evLq[p]! / u;
            ls[p] = ws.evLm[p]! / u;
            lt[p] = staleTol[p]!;
            lW[p] = ws.evConstW[p]!;
            lStart[p] = t;
          }
        }
        collected[nc++] = p;
        if (stale[p]! < best) {
          best = stale[p]!;
          bestTol = staleTol[p]!;
        }
      }
      if (nc === 0) break;
      let winner = -1;
      let winnerQ: Rational | null = null;
      let bestRho: Rational | null = null;
      let nTied = 0;
      for (let i = 0; i < nc; i++) if (stale[collected[i]!]! - staleTol[collected[i]!]! <= best + bestTol) nTied++;
      for (let i = 0; i < nc; i++) {
        const p = collected[i]!;
        if (!(stale[p]! - staleTol[p]! <= best + bestTol)) continue;
        if (winner < 0) winner = p;
        if (nTied === 1) break;
        const q = this.exactQ(p);
        if (!q) continue;
        const rho = Q.div(q, c.util[p]!);
        const order = bestRho === null ? -1 : Q.cmp(rho, bestRho);
        if (order < 0 || (order === 0 && compareIds(ids[p]!, ids[winner]!) < 0)) {
          bestRho = rho;
          winner = p;
          winnerQ = q;
        }
      }
      if (track) endSegment(winner, t);
      const slope = this.apply(winner, winnerQ);
      for (let i = 0; i < nc; i++) if (collected[i] !== winner) push(collected[i]!);
      if (track && this.skipK > 0) {
        const u = c.utilF[winner]!;
        const constW = this.lastConstW;
        rv[t] = this.sels[t]!.qf / u;
        rs[t] = slope / u;
        rt[t] = staleTol[winner]!;
        rW[t] = constW;
        rP[t] = winner;
        eqMax[t] = winner;
        if (t > 0) {
          // Chain: the winners' rho forms must stay non-decreasing over the rounds.
          if (rW[t - 1]! > 0 && constW > 0) {
            const o = this.constCmp(winner, constW, rP[t - 1]!, rW[t - 1]!);
            if (o < 0) this.skipK = 0;
            else if (o === 0 && compareIds(ids[eqMax[t - 1]!]!, ids[winner]!) > 0) eqMax[t] = eqMax[t - 1]!;
          } else {
            this.keepPositive(
              rv[t]! - rv[t - 1]!,
              rt[t]! + rt[t - 1]!,
              rs[t]! - rs[t - 1]!,
              REL_TOL * (Math.abs(rs[t]!) + Math.abs(rs[t - 1]!)),
            );
          }
        }
      }
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

/** Total cost of a run's selection (up-front ones included), scaled by `costScale` to an integer. */
function scaledCost(c: Compiled, r: MesRun): bigint {
  let t = c.upfrontScaled;
  for (const s of r.sels) t += c.costScaled[s.p]!;
  return t;
}

/**
 * pabutools' is_exhaustive in scaled integers: no project of `among` that is not selected fits in `left`.
 */
function exhaustive(c: Compiled, among: Iterable<number>, left: bigint, selected: (p: number) => boolean): boolean {
  for (const p of among) if (c.costScaled[p]! <= left && !selected(p)) return false;
  return true;
}

function sameOutcome(a: MesRun, b: MesRun): boolean {
  return a.sels.length === b.sels.length && a.sels.every((s, i) => s.p === b.sels[i]!.p);
}

/**
 * When to track the skip-ahead certificate, which costs time: after 8 tracked runs in a row proved nothing, pause it
 * for 1, 2, 4, ... 32 runs between tries, until it proves something again.
 */
class TrackingPolicy {
  private failures = 0;
  private untracked = 0;

  constructor(private readonly enabled: boolean) {}

  next(): boolean {
    return this.enabled && this.untracked >= (this.failures < 8 ? 0 : Math.min(2 ** (this.failures - 8), 32));
  }

  record(tracked: boolean, skipK: number): void {
    if (tracked) {
      this.failures = skipK > 0 ? 0 : this.failures + 1;
      this.untracked = 0;
    } else this.untracked++;
  }
}

/** An independent part of the election: its candidates (global indices) compiled on their own, and its scan state. */
type Part = {
  members: Int32Array;
  c: Compiled;
  ws: Workspace;
  policy: TrackingPolicy;
  /** Last k of the add1 scan at which `sel` is proven to be the part's outcome (-1: not computed yet). */
  valid: number;
  /** Selected candidates (global indices) and their scaled cost; `prev*`: the outcome before the latest recompute. */
  sel: Int32Array;
  cost: bigint;
  prevSel: Int32Array;
  prevCost: bigint;
};

/**
 * Splits the MES candidates into parts linked by shared supporters (union-find over the ballot groups); null when
 * there are fewer than two parts.
 */
function splitParts(c: Compiled, skip: boolean): Part[] | null {
  const P = c.ids.length;
  const isCand = new Uint8Array(P);
  for (const p of c.candidates) isCand[p] = 1;
  const parent = Int32Array.from({ length: P }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  for (const ap of c.groupApprovals) {
    let first = -1;
    for (const p of ap) {
      if (!isCand[p]) continue;
      if (first < 0) first = find(p);
      else {
        const r = find(p);
        if (r !== first) parent[r] = first;
      }
    }
  }
  const byRoot = new Map<number, number[]>();
  for (const p of c.candidates) {
    const r = find(p);
    const list = byRoot.get(r);
    if (list) list.push(p);
    else byRoot.set(r, [p]);
  }
  if (byRoot.size < 2) return null;
  // Each part on its own: its candidates in index order (so ids and tie-breaking are unchanged) and the groups that
  // approve them, with approvals renumbered.
  const local = new Int32Array(P);
  const partOf = new Map<number, { members: number[]; weights: number[]; approvals: Int32Array[] }>();
  for (const [root, members] of byRoot) {
    members.forEach((p, i) => (local[p] = i));
    partOf.set(root, { members, weights: [], approvals: [] });
  }
  c.groupApprovals.forEach((ap, g) => {
    let n = 0;
    for (const p of ap) n += isCand[p]!;
    if (n === 0) return;
    const approvals = new Int32Array(n);
    let i = 0;
    for (const p of ap) if (isCand[p]) approvals[i++] = local[p]!;
    const part = partOf.get(find(ap.find((p) => isCand[p] === 1)!))!;
    part.weights.push(c.groupW[g]!);
    part.approvals.push(approvals);
  });
  const compiled = [...partOf.values()].map(({ members, weights, approvals }) => {
    let voters = 0;
    for (const w of weights) voters += w;
    const ids = members.map((p) => c.ids[p]!);
    const costs = members.map((p) => c.costs[p]!);
    return { members, pc: build(ids, costs, weights, approvals, BigInt(voters), c.budget, c.utility, []) };
  });
  // Parts run one at a time and keep only their selections: one workspace serves them all.
  const ws = new Workspace(...compiled.map((x) => x.pc));
  return compiled.map(({ members, pc }) => {
    return {
      members: Int32Array.from(members),
      c: pc,
      ws,
      policy: new TrackingPolicy(skip),
      valid: -1,
      sel: new Int32Array(0),
      cost: 0n,
      prevSel: new Int32Array(0),
      prevCost: 0n,
    };
  });
}

/**
 * The add1 linear scan over independent parts (see the note above {@link runMes}): the index k of the run at which
 * pabutools' scan stops, whether that run overspent, and the selected candidates of the run the scan returns.
 */
function scanParts(
  c: Compiled,
  parts: Part[],
  baseOf: (k: number) => Rational,
  inc: Rational,
  maxRuns: number,
): { k: number; overspent: boolean; selected: Set<number>; computed: number } {
  const selected = new Uint8Array(c.ids.length);
  let total = c.upfrontScaled;
  let computed = 0;
  const changed: Part[] = [];
  // Parts in a binary min-heap by the last k their outcome is proven for.
  const heap = parts.map((_, i) => i);
  const key = (i: number): number => parts[i]!.valid;
  const siftDown = (at: number): void => {
    const x = heap[at]!;
    for (;;) {
      let child = 2 * at + 1;
      if (child >= heap.length) break;
      if (child + 1 < heap.length && key(heap[child + 1]!) < key(heap[child]!)) child++;
      if (key(heap[child]!) >= key(x)) break;
      heap[at] = heap[child]!;
      at = child;
    }
    heap[at] = x;
  };
  for (let k = 0; ;) {
    const base = baseOf(k);
    changed.length = 0;
    while (key(heap[0]!) < k) {
      const part = parts[heap[0]!]!;
      const tracked = part.policy.next();
      const r = new MesRun(part.c, base, part.ws, tracked ? inc : null);
      r.run();
      computed++;
      part.policy.record(tracked, r.skipK);
      for (const p of part.sel) selected[p] = 0;
      part.prevSel = part.sel;
      part.prevCost = part.cost;
      part.sel = new Int32Array(r.sels.length);
      part.cost = 0n;
      for (let i = 0; i < r.sels.length; i++) {
        const p = part.members[r.sels[i]!.p]!;
        part.sel[i] = p;
        selected[p] = 1;
        part.cost += c.costScaled[p]!;
      }
      total += part.cost - part.prevCost;
      // Runs k + 1 .. k + skipK of this part have its outcome (skip-ahead proof).
      part.valid = tracked ? k + Math.min(r.skipK, maxRuns) : k;
      changed.push(part);
      siftDown(0);
    }
    const chosen = (): Set<number> => {
      const out = new Set<number>();
      for (const part of parts) for (const p of changed.includes(part) && k > 0 ? part.prevSel : part.sel) out.add(p);
      return out;
    };
    if (total > c.budgetScaled) {
      // The scan returns run k - 1: the parts recomputed at k had their previous outcome up to k - 1, the others
      // keep theirs (proven up to k at least).
      const sel = k > 0 ? chosen() : new Set<number>();
      return { k, overspent: true, selected: sel, computed };
    }
    if (exhaustive(c, c.candidates, c.budgetScaled - total, (p) => selected[p] === 1))
      return { k, overspent: false, selected: new Set(parts.flatMap((part) => [...part.sel])), computed };
    const next = key(heap[0]!) + 1;
    if (next >= maxRuns) throw new RangeError(`MES add1 did not settle within ${maxRuns} runs`);
    k = next;
  }
}

/*
 * add1 skip-ahead: why jumping over runs returns exactly what pabutools' linear scan returns.
 *
 * Fix a computed run at per-voter base b0 and view MES as a function of the base b. The run's *trace* is its sequence
 * of winners w_1..w_m and, for each w_t, which live supporters were poor (paid all they had: b_g <= q_t) and which rich
 * (paid the full share: b_g >= q_t). Along a fixed trace everything is affine in b: a budget b_g(b) starts at b, a
 * poor payment sets it to 0, a rich one subtracts q_t(b) = (cost - sum_poor w_g b_g(b)) / (rich weight). MesRun
 * tracks the slopes (`sl`, the payment slope) next to the float values. Live budgets have slope >= 1 and payments
 * slope <= 0 (induction: q_t's slope is minus a positive sum over the poor, divided by a weight).
 *
 * Facts, for any fixed b within one run:
 * (F1) budgets only decrease over the rounds, so a project's supporters' money M_p only decreases (an unaffordable
 *      project stays so) and its rho only increases (rho = q/u, q the least x with F(x) = sum_g w_g min(b_g, x) =
 *      cost, and F only decreases).
 * (F2) any split of p's supporters into P and a non-empty R gives L = (cost - sum_P w_g b_g) / W_R <= q when p is
 *      affordable: F(L) <= sum_P w_g b_g + W_R L = cost, so either F(L) < cost = F(q) and L < q, or every term is
 *      tight (b_g <= L on P, b_g >= L on R, so F increases strictly up to L) and L = q.
 *
 * The run imposes, as affine functions v(b) = v0 + v1 (b - b0) that must stay > 0 on [b0, b0 + K inc]:
 * (a) each winner's poor supporters stay poor: q_t(b) - b_g(b) > 0 (its rich stay rich for free: b_g - q_t has
 *     slope >= 1);
 * (b) each project found unaffordable, at the round it was found: cost - M_p(b) > 0;
 * (c) chain: rho_{w_t}(b) - rho_{w_{t-1}}(b) >= 0 for consecutive winners;
 * (d) for each candidate p, its lazy bound L_p (from its latest evaluation by (F2), or the static cost / (u * weight
 *     of all supporters), also (F2)), for the rounds s..t-1 during which it was p's latest: L_p(b) -
 *     rho_{w_{t-1}}(b) > 0, which with (c) beats every winner of those rounds.
 * In (c) and (d), two constants (no poor supporter: exactly cost / (u * W)) are compared exactly instead; in (d)
 * equality is allowed when p's id is larger than every winner's with that constant (ties go to the smallest id).
 * Each v is imposed with the pessimistic float margins of v0 and v1 (the REL_TOL trust of this file); K is the last k
 * at which all are still positive: an affine function positive at both ends of an interval is positive on it. A
 * near-tie at b0 (a margin not cleared, a border supporter or affordability re-decided exactly) gives K = 0.
 *
 * Claim: every run with base b in [b0, b0 + K inc] has the same trace. Induction on rounds: if rounds < t follow the
 * trace at b, the state at round t is the affine forms at b. By (a) w_t's poor/rich split is valid at b, so w_t is
 * affordable with payment q_t(b). Any other remaining candidate p is unaffordable at b ((b) and (F1)), or its rho at b
 * is >= L_p(b) ((F1), (F2)) > rho_{w_t}(b) by (d) and (c) (or equal with a larger id): w_t wins, payments as in (a).
 * After round m, every remaining candidate is unaffordable by (b).
 *
 * So runs k+1 .. k+K of the scan select what run k selected; run k neither overspent nor was exhaustive, which depends
 * on the selection only, so the scan would pass them all: the next run to compute is k+K+1. Should that one overspend,
 * the scan's answer is run k+K, recomputed (its trace and per-voter budget differ) and checked to select the same.
 * `runs` still reports the scan's count. Tests compare the result with and without skipping (`skipAhead: false`).
 *
 * Independent parts. Call two candidates linked when some voter approves both, and split the candidates into the
 * connected parts of that relation. A part's candidates are paid for only by its own voters, and their rho depends
 * only on those voters' budgets, so within one run (any base b) the winners that belong to a part are exactly the
 * winners of MES run on that part alone with the same per-voter base b, in the same order: when the whole run picks
 * a winner of the part, it is the least rho over everything left, so also over the part's candidates left (equal
 * rho: the smallest id either way). A run's selection is the union of its parts' selections. The add1 scan therefore
 * keeps one outcome per part with the last k at which it is proven (by the skip-ahead certificate of the part's own
 * run), recomputes only the parts whose proof ran out, and checks overspending and exhaustiveness on the union at
 * each k where some part was recomputed (between those k nothing changes). The run the scan returns is computed once
 * more on the whole election (for the order and the trace) and checked to select the same union.
 */

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
    const inc = input.increment ?? Q.ONE;
    const maxRuns = input.maxRuns ?? 10_000_000;
    const skip = input.skipAhead !== false && inc.num > 0n;
    const baseOf = (k: number): Rational => Q.add(perVoter0, Q.mulInt(inc, BigInt(k)));
    const parts = input.parts !== false ? splitParts(c, skip) : null;
    if (parts) {
      const scan = scanParts(c, parts, baseOf, inc, maxRuns);
      runs = scan.k + 1;
      computed = scan.computed;
      const finalK = scan.overspent ? scan.k - 1 : scan.k;
      // pabutools' "previous outcome" before the first run is the up-front (free) selection only.
      finalRun = new MesRun(c, finalK >= 0 ? baseOf(finalK) : perVoter0);
      if (finalK >= 0) {
        // The whole election once more, for the selection order, the trace and the groups' spending.
        finalRun.run();
        computed++;
        const got = finalRun.sels;
        if (got.length !== scan.selected.size || got.some((x) => !scan.selected.has(x.p)))
          throw new Error('internal: MES add1 over independent parts changed an outcome');
      }
    } else {
      // `k` is the index of the run in pabutools' linear scan (base B/n + k * inc); `prev` is the last computed run.
      // Runs alternate between two workspaces, so `prev` stays intact while the next run is computed.
      const spaces = [new Workspace(c), new Workspace(c)] as const;
      const policy = new TrackingPolicy(skip);
      let prev: { r: MesRun; k: number } | null = null;
      let k = 0;
      for (;;) {
        const ws = spaces[computed % 2]!;
        const tracked = policy.next();
        const r = new MesRun(c, baseOf(k), ws, tracked ? inc : null);
        r.run();
        computed++;
        runs = k + 1;
        const spent = scaledCost(c, r);
        if (spent > c.budgetScaled) {
          if (!prev) finalRun = new MesRun(c, perVoter0);
          else if (prev.k === k - 1) finalRun = prev.r;
          else {
            // Runs prev.k + 1 .. k - 1 were skipped: they have prev's outcome (skip-ahead proof); recompute run k - 1
            // (in run k's workspace) for its trace and per-voter budget.
            finalRun = new MesRun(c, baseOf(k - 1), ws);
            finalRun.run();
            computed++;
            if (!sameOutcome(finalRun, prev.r)) throw new Error('internal: MES add1 skip-ahead changed an outcome');
          }
          break;
        }
        if (exhaustive(c, c.candidates, c.budgetScaled - spent, (p) => r.selOrder[p]! >= 0)) {
          finalRun = r;
          break;
        }
        // Runs k + 1 .. k + skipK have this run's outcome: not exhaustive, not overspending, so the linear scan would
        // pass them; it would stop with the RangeError below at the first of them that reaches maxRuns.
        policy.record(tracked, r.skipK);
        const jump = tracked ? Math.min(r.skipK, maxRuns) : 0;
        if (k + 1 + jump >= maxRuns) throw new RangeError(`MES add1 did not settle within ${maxRuns} runs`);
        prev = { r, k };
        k += jump + 1;
      }
    }
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
    computedRuns: computed,
    totalCost,
    groups: Array.from(c.groupW, (w, g) => ({
      weight: w,
      approves: [...c.groupApprovals[g]!].map((p) => c.ids[p]!),
      share: finalRun.baseF,
      spent: finalRun.spent(g),
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
    for (const g of c.supporters[p]!) money += r.budget(g) * c.groupW[g]!;
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
