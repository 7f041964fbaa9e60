/**
 * The add1 set certificate: MES run over a whole interval of per-voter bases [bLo, bHi] at once (docs/allocation-rules.md,
 * "Why add1 skipping is exact"). Every bound is a line over the interval, kept as its values at the interval's two ends
 * (t = 0 at bLo, t = 1 at bHi): each group's budget lies between a lower and an upper line, each candidate's water
 * level and rho likewise. Lines keep what constant bounds lose, that all budgets move together with the base. A round
 * buys the one candidate that certainly comes next, or the whole frontier of candidates that may come next when they
 * commute (their shared supporters can pay all of them in full) or when every order of them is certain to come before
 * any other candidate (a joint purchase, bounds covering every order); otherwise it branches on which of them comes
 * next. The result is the family of selected SETS that covers every run with a base in the interval (one set when the
 * branches agree), or null when the branches grow too many.
 */
import type { Election } from './election';
import { REL_TOL } from './run';

/** What the other members of a frontier may have taken first from a group they share (`upperChord`). */
const NO_OTHERS = 0;
const ALL_OF_IT = 1;
const THEIR_LINES = 2;

/** Passes of a joint purchase's upper lines (`jointPurchase`), and the largest frontier it tries. */
const JOINT_PASSES = 3;
const JOINT_MAX = 8;

/** Buffers of the interval run, sized for the largest election it serves (independent parts share one). */
export class IntervalWorkspace {
  /** Per group: the upper payments it owes a frontier at both ends, and how many frontier members it supports. */
  readonly need0: Float64Array;
  readonly need1: Float64Array;
  readonly shared: Int32Array;
  readonly collected: Int32Array;
  /** Upper lines of frontier members' water levels in a joint purchase (any order), and the next pass's. */
  readonly jointQ0: Float64Array;
  readonly jointQ1: Float64Array;
  readonly nextQ0: Float64Array;
  readonly nextQ1: Float64Array;
  /**
   * Live supporters' upper lines (value at the middle, slope, and the values at one point when needed), lower lines
   * (at both ends) and weights, for one evaluation.
   */
  readonly atPoint: Float64Array;
  readonly slope: Float64Array;
  readonly lower0: Float64Array;
  readonly lower1: Float64Array;
  readonly middle: Float64Array;
  readonly weight: Float64Array;
  /** Candidates waiting in either of two branches being joined. */
  readonly waiting: Uint8Array;
  /** Branches no longer in use, kept for the next ones (a proof makes many short-lived branches). */
  readonly pool: Branch[] = [];
  readonly maxG: number;
  readonly maxP: number;

  constructor(...cs: Election[]) {
    let G = 0;
    let P = 0;
    let S = 0;
    for (const c of cs) {
      G = Math.max(G, c.groupWeight.length);
      P = Math.max(P, c.ids.length);
      S = Math.max(S, c.maxSupporterGroups);
    }
    this.need0 = new Float64Array(G);
    this.need1 = new Float64Array(G);
    this.shared = new Int32Array(G);
    this.collected = new Int32Array(P);
    this.jointQ0 = new Float64Array(P);
    this.jointQ1 = new Float64Array(P);
    this.nextQ0 = new Float64Array(P);
    this.nextQ1 = new Float64Array(P);
    this.atPoint = new Float64Array(S);
    this.slope = new Float64Array(S);
    this.lower0 = new Float64Array(S);
    this.lower1 = new Float64Array(S);
    this.middle = new Float64Array(S);
    this.weight = new Float64Array(S);
    this.waiting = new Uint8Array(P);
    this.maxG = G;
    this.maxP = P;
  }

  /** A branch from the pool (or a new one) sized for every election of the workspace; its contents are stale. */
  take(): Branch {
    const G = this.maxG;
    const P = this.maxP;
    return (
      this.pool.pop() ?? {
        lo0: new Float64Array(G),
        lo1: new Float64Array(G),
        hi0: new Float64Array(G),
        hi1: new Float64Array(G),
        paidAt: new Int32Array(G),
        key: new Float64Array(P),
        rhoLo0: new Float64Array(P),
        rhoLo1: new Float64Array(P),
        rhoHi0: new Float64Array(P),
        rhoHi1: new Float64Array(P),
        qLo0: new Float64Array(P),
        qLo1: new Float64Array(P),
        qHi0: new Float64Array(P),
        qHi1: new Float64Array(P),
        evaluatedAt: new Int32Array(P),
        heap: new Int32Array(P),
        size: 0,
        bought: [],
        round: 0,
      }
    );
  }
}

/**
 * One branch of the interval run. A line is two numbers, its values at t = 0 and t = 1 (suffixes 0 and 1): per group
 * the lower and upper lines of its budget, per candidate those of its water level q and of its rho = q / u.
 */
type Branch = {
  lo0: Float64Array;
  lo1: Float64Array;
  hi0: Float64Array;
  hi1: Float64Array;
  /** 1 + the round in which the group last paid (0: never). */
  paidAt: Int32Array;
  /** The heap's key: a number below the candidate's rho at every t, which stays valid as budgets fall. */
  key: Float64Array;
  rhoLo0: Float64Array;
  rhoLo1: Float64Array;
  rhoHi0: Float64Array;
  rhoHi1: Float64Array;
  qLo0: Float64Array;
  qLo1: Float64Array;
  qHi0: Float64Array;
  qHi1: Float64Array;
  /** Round of the candidate's latest evaluation (-1: none). */
  evaluatedAt: Int32Array;
  /** Binary min-heap of waiting candidates by key. */
  heap: Int32Array;
  size: number;
  bought: number[];
  round: number;
};

/** A copy of branch b (G groups, P projects) in a branch of the workspace's pool. */
function cloneBranch(ws: IntervalWorkspace, b: Branch, G: number, P: number): Branch {
  const t = ws.take();
  t.lo0.set(b.lo0.subarray(0, G));
  t.lo1.set(b.lo1.subarray(0, G));
  t.hi0.set(b.hi0.subarray(0, G));
  t.hi1.set(b.hi1.subarray(0, G));
  t.paidAt.set(b.paidAt.subarray(0, G));
  t.key.set(b.key.subarray(0, P));
  t.rhoLo0.set(b.rhoLo0.subarray(0, P));
  t.rhoLo1.set(b.rhoLo1.subarray(0, P));
  t.rhoHi0.set(b.rhoHi0.subarray(0, P));
  t.rhoHi1.set(b.rhoHi1.subarray(0, P));
  t.qLo0.set(b.qLo0.subarray(0, P));
  t.qLo1.set(b.qLo1.subarray(0, P));
  t.qHi0.set(b.qHi0.subarray(0, P));
  t.qHi1.set(b.qHi1.subarray(0, P));
  t.evaluatedAt.set(b.evaluatedAt.subarray(0, P));
  t.heap.set(b.heap.subarray(0, b.size));
  t.size = b.size;
  t.bought = b.bought.slice();
  t.round = b.round;
  return t;
}

/**
 * Water level of a project whose live supporters hold `budgets[i]` each (weights `weights[i]`, i < n, total weight
 * `total`): the least q with sum_i weights[i] * min(budgets[i], q) = cost, with the weight of the supporters paying
 * less than q (for the error margin). The caller has checked that they hold more than the cost. Budgets may be
 * negative (a lower line below zero): such a supporter is poor at every level.
 */
function waterLevel(
  budgets: Float64Array,
  weights: Float64Array,
  n: number,
  total: number,
  cost: number,
): { q: number; poorW: number } {
  // The poor set only grows from one pass to the next; a handful of passes settle it, else sort.
  let q = cost / total;
  let poorW = -1;
  for (let iter = 0; iter < 8; iter++) {
    let w = 0;
    let sum = 0;
    // Branch-free (adding +0 leaves a sum unchanged): the poor/rich test is unpredictable.
    for (let i = 0; i < n; i++) {
      const b = budgets[i]!;
      const wp = +(b < q) * weights[i]!;
      w += wp;
      sum += wp * b;
    }
    if (w === poorW) return { q, poorW };
    poorW = w;
    if (total - w <= 0) break;
    q = Math.max(q, (cost - sum) / (total - w));
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => budgets[x]! - budgets[y]!);
  let contrib = 0;
  let denom = total;
  poorW = 0;
  for (const i of order) {
    const qq = (cost - contrib) / denom;
    if (qq <= budgets[i]!) return { q: qq, poorW };
    contrib += weights[i]! * budgets[i]!;
    denom -= weights[i]!;
    poorW += weights[i]!;
  }
  return { q: budgets[order[n - 1]!]!, poorW: total };
}

/** The result of {@link chordEnds} (one object, reused): the water levels at both ends and the poor weights there. */
const chord = { q0: 0, poorW0: 0, q1: 0, poorW1: 0 };

/**
 * Where {@link chordEnds} starts: levels at or below the two water levels, and the weight and money of the budgets
 * below them (the first pass, summed by the caller while it gathers the budgets). Any start at or below a level rises
 * to it without passing it (the poor set at the start is within the poor set at the level), and one close below
 * leaves one pass to confirm.
 */
const chordStart = { q0: 0, poorW0: 0, poorSum0: 0, q1: 0, poorW1: 0, poorSum1: 0 };

/**
 * The water levels of the lower lines at t = 0 (`at0`) and t = 1 (`at1`), iterated side by side in the same passes
 * (as {@link waterLevel}) from `s`; results in `chord`. The caller has checked that both ends hold more than the cost.
 */
function chordEnds(
  at0: Float64Array,
  at1: Float64Array,
  weights: Float64Array,
  n: number,
  total: number,
  cost: number,
  s: typeof chordStart,
): void {
  let q0 = Math.max(cost / total, s.q0, total - s.poorW0 > 0 ? (cost - s.poorSum0) / (total - s.poorW0) : 0);
  let q1 = Math.max(cost / total, s.q1, total - s.poorW1 > 0 ? (cost - s.poorSum1) / (total - s.poorW1) : 0);
  // The poor sets q0 and q1 were computed from: a pass that finds them again confirms both levels.
  let poorW0 = s.poorW0;
  let poorW1 = s.poorW1;
  for (let iter = 0; iter < 8; iter++) {
    let w0 = 0;
    let sum0 = 0;
    let w1 = 0;
    let sum1 = 0;
    // Branch-free (adding +0 leaves a sum unchanged): the poor/rich tests are unpredictable.
    for (let i = 0; i < n; i++) {
      const w = weights[i]!;
      const b0 = at0[i]!;
      const b1 = at1[i]!;
      const wp0 = +(b0 < q0) * w;
      const wp1 = +(b1 < q1) * w;
      w0 += wp0;
      sum0 += wp0 * b0;
      w1 += wp1;
      sum1 += wp1 * b1;
    }
    if (w0 === poorW0 && w1 === poorW1) {
      chord.q0 = q0;
      chord.poorW0 = w0;
      chord.q1 = q1;
      chord.poorW1 = w1;
      return;
    }
    poorW0 = w0;
    poorW1 = w1;
    if (total - w0 <= 0 || total - w1 <= 0) break;
    q0 = Math.max(q0, (cost - sum0) / (total - w0));
    q1 = Math.max(q1, (cost - sum1) / (total - w1));
  }
  const end0 = waterLevel(at0, weights, n, total, cost);
  chord.q0 = end0.q;
  chord.poorW0 = end0.poorW;
  const end1 = waterLevel(at1, weights, n, total, cost);
  chord.q1 = end1.q;
  chord.poorW1 = end1.poorW;
}

/** The result of {@link levelWithSlope} (one object, reused). */
const tangent = { q: 0, poorW: 0, poorSlope: 0, kink: false };

/**
 * Where {@link levelWithSlope} may start: a level at or below the water level, and the weight and money of the budgets
 * below it (the first pass, summed by the caller while it gathers the budgets; see `chordStart`).
 */
const levelStart = { q: 0, poorW: 0, poorSum: 0 };

/**
 * {@link waterLevel} of budgets `budgets[i]` that move by `slopes[i]` per unit of t, with the poor supporters' weight
 * and summed weighted slopes at the level, and whether a budget lies within `eps` of it (a kink of the level there):
 * the pass that confirms the poor set also gives the slope. Results in `tangent`.
 */
function levelWithSlope(
  budgets: Float64Array,
  slopes: Float64Array,
  weights: Float64Array,
  n: number,
  total: number,
  cost: number,
  eps: number,
  start: typeof levelStart | null,
): void {
  let q = cost / total;
  let poorW = -1;
  if (start && total - start.poorW > 0) {
    // The poor set at the start gives the next level; a pass that finds it again confirms that level.
    q = Math.max(q, start.q, (cost - start.poorSum) / (total - start.poorW));
    poorW = start.poorW;
  }
  for (let iter = 0; iter < 8; iter++) {
    let w = 0;
    let sum = 0;
    let slope = 0;
    // Budgets within eps of q (a kink of the level there), counted.
    let kinks = 0;
    const below = q - eps;
    const above = q + eps;
    // Branch-free (adding +0 leaves a sum unchanged): the poor/rich test is unpredictable.
    for (let i = 0; i < n; i++) {
      const b = budgets[i]!;
      const wp = +(b < q) * weights[i]!;
      w += wp;
      sum += wp * b;
      slope += wp * slopes[i]!;
      kinks += +(b >= below) & +(b <= above);
    }
    if (w === poorW) {
      tangent.q = q;
      tangent.poorW = w;
      tangent.poorSlope = slope;
      tangent.kink = kinks > 0;
      return;
    }
    poorW = w;
    if (total - w <= 0) break;
    q = Math.max(q, (cost - sum) / (total - w));
  }
  // Not settled in a few passes: the sorted water level, then one pass for the slope.
  const level = waterLevel(budgets, weights, n, total, cost);
  let slope = 0;
  let w = 0;
  let kink = false;
  for (let i = 0; i < n; i++) {
    const b = budgets[i]!;
    if (b < level.q) {
      w += weights[i]!;
      slope += weights[i]! * slopes[i]!;
      if (b >= level.q - eps) kink = true;
    } else if (b <= level.q + eps) kink = true;
  }
  tangent.q = level.q;
  tangent.poorW = w;
  tangent.poorSlope = slope;
  tangent.kink = kink;
}

/**
 * A group's budget lines after it pays for a project whose full share lies between the lines qLo and qHi (F3: it
 * keeps max(0, b - q)), written to `lo0, lo1, hi0, hi1` at g; every line is given by its values at t = 0 and t = 1.
 * Lower: lower - qHi where that line is above zero on average (a line below zero somewhere is still below the hinge
 * max(0, lower - qHi), budgets never being negative), else the zero line; clamping each end at zero instead would put
 * the line above the hinge inside the stretch. Upper: max(0, upper - qLo) at each end, which is the chord of that
 * convex hinge, so above it. `eps` widens both for rounding.
 */
export function chargeLines(
  lo0: Float64Array,
  lo1: Float64Array,
  hi0: Float64Array,
  hi1: Float64Array,
  g: number,
  ql0: number,
  ql1: number,
  qh0: number,
  qh1: number,
  eps: number,
): void {
  const l0 = lo0[g]! - qh0 - eps;
  const l1 = lo1[g]! - qh1 - eps;
  if (l0 + l1 > 0) {
    lo0[g] = l0;
    lo1[g] = l1;
  } else {
    lo0[g] = 0;
    lo1[g] = 0;
  }
  const h0 = hi0[g]! - ql0 + eps;
  const h1 = hi1[g]! - ql1 + eps;
  hi0[g] = h0 > eps ? h0 : 0;
  hi1[g] = h1 > eps ? h1 : 0;
}

/** Whether candidate a comes before b in a branch's heap: the lesser key, then the lesser index. */
function keyBefore(key: Float64Array, a: number, b: number): boolean {
  return key[a]! < key[b]! || (key[a] === key[b] && a < b);
}

/** What {@link gatherUpper} sums over a candidate's supporters' upper lines. */
const upperSums = { n: 0, total: 0, moneyHi0: 0, moneyHi1: 0, fromPoorW: 0, fromPoorSum: 0 };

/**
 * The supporters' upper lines as their values at the middle and slopes (into M and D) and weights (Wt), leaving out
 * lines at zero at both ends (the group is empty at every t: budgets are never negative); their count, weight and
 * money at both ends, and the first pass of the water level at the middle from `from`, into `upperSums`.
 */
function gatherUpper(
  sup: Int32Array,
  sw: Float64Array,
  hi0: Float64Array,
  hi1: Float64Array,
  from: number,
  M: Float64Array,
  D: Float64Array,
  Wt: Float64Array,
): typeof upperSums {
  let fromPoorW = 0;
  let fromPoorSum = 0;
  let n = 0;
  let total = 0;
  let moneyHi0 = 0;
  let moneyHi1 = 0;
  for (let i = 0; i < sup.length; i++) {
    const g = sup[i]!;
    const h0 = hi0[g]!;
    const h1 = hi1[g]!;
    if (h0 <= 0 && h1 <= 0) continue;
    const w = sw[i]!;
    const m = (h0 + h1) / 2;
    M[n] = m;
    D[n] = h1 - h0;
    Wt[n] = w;
    total += w;
    moneyHi0 += w * h0;
    moneyHi1 += w * h1;
    // Branch-free (adding +0 leaves a sum unchanged): the poor/rich test is unpredictable.
    const wp = +(m < from) * w;
    fromPoorW += wp;
    fromPoorSum += wp * m;
    n++;
  }
  const out = upperSums;
  out.n = n;
  out.total = total;
  out.moneyHi0 = moneyHi0;
  out.moneyHi1 = moneyHi1;
  out.fromPoorW = fromPoorW;
  out.fromPoorSum = fromPoorSum;
  return out;
}

/** What {@link gatherLower} and {@link gatherLowered} sum over a candidate's supporters' lower lines. */
const lowerSums = { n: 0, total: 0, money0: 0, money1: 0, poorW0: 0, poorSum0: 0, poorW1: 0, poorSum1: 0 };

/**
 * The supporters' lower lines (both ends) and weights into L0, L1, Wt, leaving out lines at or below zero at both ends
 * (the group's true budget, never negative, is at least the zero line, which adds nothing to any level's sums); their
 * count, weight and money at both ends, and the first pass of the levels at `from0` / `from1`, into `lowerSums`.
 */
function gatherLower(
  sup: Int32Array,
  sw: Float64Array,
  lo0: Float64Array,
  lo1: Float64Array,
  from0: number,
  from1: number,
  L0: Float64Array,
  L1: Float64Array,
  Wt: Float64Array,
): typeof lowerSums {
  let poorW0 = 0;
  let poorSum0 = 0;
  let poorW1 = 0;
  let poorSum1 = 0;
  let n = 0;
  let total = 0;
  let money0 = 0;
  let money1 = 0;
  for (let i = 0; i < sup.length; i++) {
    const g = sup[i]!;
    const l0 = lo0[g]!;
    const l1 = lo1[g]!;
    if (l0 <= 0 && l1 <= 0) continue;
    const w = sw[i]!;
    L0[n] = l0;
    L1[n] = l1;
    Wt[n] = w;
    total += w;
    money0 += w * l0;
    money1 += w * l1;
    // Branch-free (adding +0 leaves a sum unchanged): the poor/rich test is unpredictable.
    const w0 = +(l0 < from0) * w;
    const w1 = +(l1 < from1) * w;
    poorW0 += w0;
    poorSum0 += w0 * l0;
    poorW1 += w1;
    poorSum1 += w1 * l1;
    n++;
  }
  const out = lowerSums;
  out.n = n;
  out.total = total;
  out.money0 = money0;
  out.money1 = money1;
  out.poorW0 = poorW0;
  out.poorSum0 = poorSum0;
  out.poorW1 = poorW1;
  out.poorSum1 = poorSum1;
  return out;
}

/**
 * {@link gatherLower} in a joint purchase: a group that supports other frontier members (`shared` above 1) first
 * loses what they may take from it, everything (`emptied`) or their lines (`need0` / `need1` less the candidate's own
 * line `own0` / `own1`, and the margin `eps`). Two functions, not one with a flag: the plain one runs in every proof,
 * and its optimised code should never meet the deductions' reads, which joint purchases alone make.
 */
function gatherLowered(
  sup: Int32Array,
  sw: Float64Array,
  lo0: Float64Array,
  lo1: Float64Array,
  from0: number,
  from1: number,
  L0: Float64Array,
  L1: Float64Array,
  Wt: Float64Array,
  shared: Int32Array,
  emptied: boolean,
  need0: Float64Array,
  need1: Float64Array,
  own0: number,
  own1: number,
  eps: number,
): typeof lowerSums {
  let poorW0 = 0;
  let poorSum0 = 0;
  let poorW1 = 0;
  let poorSum1 = 0;
  let n = 0;
  let total = 0;
  let money0 = 0;
  let money1 = 0;
  for (let i = 0; i < sup.length; i++) {
    const g = sup[i]!;
    let l0 = lo0[g]!;
    let l1 = lo1[g]!;
    if (shared[g]! > 1) {
      if (emptied) l0 = l1 = 0;
      else {
        l0 -= need0[g]! - own0 + eps;
        l1 -= need1[g]! - own1 + eps;
      }
    }
    if (l0 <= 0 && l1 <= 0) continue;
    const w = sw[i]!;
    L0[n] = l0;
    L1[n] = l1;
    Wt[n] = w;
    total += w;
    money0 += w * l0;
    money1 += w * l1;
    const w0 = +(l0 < from0) * w;
    const w1 = +(l1 < from1) * w;
    poorW0 += w0;
    poorSum0 += w0 * l0;
    poorW1 += w1;
    poorSum1 += w1 * l1;
    n++;
  }
  const out = lowerSums;
  out.n = n;
  out.total = total;
  out.money0 = money0;
  out.money1 = money1;
  out.poorW0 = poorW0;
  out.poorSum0 = poorSum0;
  out.poorW1 = poorW1;
  out.poorSum1 = poorSum1;
  return out;
}

/**
 * What a proof did (for tests, measurements and the scan's choice of stretches): joint purchases, branches made,
 * branches joined, and its work as `maxWork` counts it.
 */
export type ProofStats = { jointPurchases: number; branches: number; joins: number; work: number };

/**
 * The family of candidate sets (indices into `c`, each sorted ascending, no two equal) such that MES selects one of
 * them for EVERY per-voter base in [bLo, bHi]; null when covering the interval needs more than `maxBranches`
 * branches, or more than `maxWork` work (supporters read by evaluations, plus groups and projects copied or joined
 * by branches; an exact run's work is the supporters its evaluations read). Giving up never changes an outcome (the
 * scan then covers the runs otherwise), so the limit only bounds what a failing proof wastes. Float bounds are
 * widened by the `REL_TOL` margins of `run.ts`. `stats`, when given, is added to.
 *
 * @example
 * certifySelections(c, new IntervalWorkspace(c), 100, 140, 16) // e.g. [Int32Array [0, 3, 7]], or null
 */
export function certifySelections(
  c: Election,
  ws: IntervalWorkspace,
  bLo: number,
  bHi: number,
  maxBranches: number,
  maxWork = Infinity,
  stats?: ProofStats,
): Int32Array[] | null {
  return coverSelections(c, ws, bLo, bHi, maxBranches, maxWork, false, stats)?.sets ?? null;
}

/**
 * {@link certifySelections}; with `cover`, a proof that gives up still returns a family (`exact` false) whose sets
 * each CONTAIN one run's selection instead of being it: each branch still open at that point gives what it bought and
 * the candidates its supporters' upper lines can still pay for (budgets only fall, so a candidate they cannot pay for
 * now is never bought in that branch). That bounds what a run may cost and which candidates it surely leaves out.
 *
 * @example
 * coverSelections(c, ws, 100, 140, 16, 5e5, true) // { sets: [...], exact: false } when the proof gave up
 */
export function coverSelections(
  c: Election,
  ws: IntervalWorkspace,
  bLo: number,
  bHi: number,
  maxBranches: number,
  maxWork: number,
  cover: boolean,
  stats?: ProofStats,
): { sets: Int32Array[]; exact: boolean } | null {
  return new Proof(c, ws, bLo, bHi, maxWork, cover, stats).run(maxBranches);
}

/**
 * One proof over [bLo, bHi] ({@link coverSelections}). Its steps are methods, not closures made per proof: the
 * optimiser inlines one step into another only for the very function it saw, and closures made anew by every proof
 * sent that code back to the interpreter at each new proof (over a thousand times in one scan of budget 1e9).
 */
class Proof {
  private readonly G: number;
  private readonly P: number;
  /** Absolute slack of one budget operation (float rounding is ~1e-16 relative; this is far above it). */
  private readonly eps: number;
  private work = 0;
  // The state of the round being advanced (one branch advances at a time): the candidates collected, the upper lines
  // A (least at t = 0) and B (least at t = 1), how far min(A, B) reaches over [0, 1], and where A and B cross; the
  // largest upper lines of the frontier's members at both ends.
  private round = 0;
  private nc = 0;
  private a0 = Infinity;
  private a1 = Infinity;
  private b0 = Infinity;
  private b1 = Infinity;
  private reach = Infinity;
  private crossT = 0;
  private crossV = Infinity;
  private latest0 = -Infinity;
  private latest1 = -Infinity;
  /** The line `upperChord` found: its values at t = 0 and t = 1. */
  private upper0 = 0;
  private upper1 = 0;
  /** The sets of the branches that ended, by their members' list. */
  private readonly sets = new Map<string, Int32Array>();

  constructor(
    private readonly c: Election,
    private readonly ws: IntervalWorkspace,
    private readonly bLo: number,
    private readonly bHi: number,
    private readonly maxWork: number,
    private readonly cover: boolean,
    private readonly stats: ProofStats | undefined,
  ) {
    this.G = c.groupWeight.length;
    this.P = c.ids.length;
    this.eps = REL_TOL * Math.abs(bHi);
  }

  /** Error margin of a float water level (its poor weight `poorW` of `total`; `tolCost` the cost's own margin). */
  private levelMargin(poorW: number, total: number, tolCost: number): number {
    const rich = Math.max(total - poorW, 1e-300);
    return this.eps * (1 + poorW / rich) + tolCost / rich;
  }

  /**
   * Lines of p's water level and rho, from its supporters' budget lines. Returns false when p is certainly
   * unaffordable (its supporters' money is below the cost even on the upper lines, at every t).
   *
   * Lower line of q: q(t) >= W(t), the water level on the upper lines (F2). The budgets are affine in t, so
   * F(x, t) = sum_g w_g min(budget_g(t), x) is concave in (x, t), {(x, t): F >= cost} is convex and W is convex in t:
   * its tangent at the middle is below it everywhere. Upper line: q(t) <= V(t), the water level on the lower lines,
   * convex for the same reason, so below its chord between t = 0 and t = 1.
   */
  private evaluate(st: Branch, p: number): boolean {
    const c = this.c;
    const eps = this.eps;
    const { atPoint: U0, middle: M, slope: D, weight: Wt } = this.ws;
    const { hi0, hi1 } = st;
    const sup = c.supporters[p]!;
    const sw = c.supporterWeights[p]!;
    const cost = c.costFloat[p]!;
    const u = c.utilityFloat[p]!;
    const tolCost = REL_TOL * cost;
    this.work += sup.length;
    st.evaluatedAt[p] = this.round;
    // The first pass of the water level at the middle, summed while gathering, from a start at most the level: cost
    // over all the supporters' weight (at most over the weight of those with money). Not an earlier evaluation's
    // level: joins raise upper lines, so that may lie above the level (unsound here).
    const from = (cost / c.supportWeight[p]!) * (1 - 1e-12);
    const sums = gatherUpper(sup, sw, hi0, hi1, from, M, D, Wt);
    const { n, total, moneyHi0, moneyHi1 } = sums;
    const moneyTol = eps * total + tolCost;
    if (moneyHi0 < cost - moneyTol && moneyHi1 < cost - moneyTol) return false;
    // Lower line of q: the tangent of W at the middle, or at the end where p is affordable when it may not be at the
    // middle (W is infinite where the upper lines' money is below the cost, and convex where it is finite).
    let ql0 = Math.max(0, (cost / total) * (1 - REL_TOL));
    let ql1 = ql0;
    const moneyMid = (moneyHi0 + moneyHi1) / 2;
    const at = moneyMid > cost + moneyTol ? 0.5 : moneyHi1 > cost + moneyTol ? 1 : moneyHi0 > cost + moneyTol ? 0 : -1;
    if (at >= 0) {
      // The upper lines at the tangent's point (the middle, stored while gathering, or an end).
      let X = M;
      if (at !== 0.5) {
        X = U0;
        for (let i = 0; i < n; i++) X[i] = M[i]! + D[i]! * (at - 0.5);
      }
      // The slope of W there: the poor's budgets move, the rich pay q. A supporter within the margin of q (a kink
      // of W exactly there) could be either: then no tangent is taken and the flat bound below stays.
      let start: typeof levelStart | null = null;
      if (at === 0.5) {
        start = levelStart;
        start.q = from;
        start.poorW = sums.fromPoorW;
        start.poorSum = sums.fromPoorSum;
      }
      levelWithSlope(X, D, Wt, n, total, cost, eps, start);
      const { q, poorW, poorSlope, kink } = tangent;
      const richW = total - poorW;
      if (!kink && richW > 0) {
        const slope = -poorSlope / richW;
        const margin = this.levelMargin(poorW, total, tolCost) + REL_TOL * Math.abs(slope);
        ql0 = q - slope * at - margin;
        ql1 = q + slope * (1 - at) - margin;
      } else {
        // A flat lower line: the water level on the larger end of each upper line.
        for (let i = 0; i < n; i++) U0[i] = M[i]! + Math.abs(D[i]!) / 2;
        const flat = waterLevel(U0, Wt, n, total, cost);
        ql0 = ql1 = Math.max(ql0, flat.q - this.levelMargin(flat.poorW, total, tolCost));
      }
    }
    st.qLo0[p] = ql0;
    st.qLo1[p] = ql1;
    st.rhoLo0[p] = ql0 / u;
    st.rhoLo1[p] = ql1 / u;
    // The upper line waits until p may come next (`evaluateUpper`): most evaluations only raise a key.
    st.qHi0[p] = NaN;
    // rho only grows during a run (F1): the older key stays a valid bound too.
    st.key[p] = Math.max(st.key[p]!, Math.min(ql0, ql1) / u);
    return true;
  }

  /**
   * Upper line of p's water level: the chord of V, the water level on its supporters' lower lines (convex: see
   * `evaluate`), into upper0/upper1; false when p may be unaffordable on them. With `others` (a joint purchase), a
   * group that supports other frontier members first loses what they may take from it: everything (ALL_OF_IT: its
   * budget is then at least 0) or their upper lines (THEIR_LINES: need0/need1 hold the members' jointQ lines summed
   * per group, p's own taken out). Budgets stay affine in t either way.
   */
  private upperChord(st: Branch, p: number, others: number): boolean {
    const c = this.c;
    const eps = this.eps;
    const { need0, need1, shared, jointQ0, jointQ1, lower0: L0, lower1: L1, weight: Wt } = this.ws;
    const { lo0, lo1 } = st;
    const sup = c.supporters[p]!;
    const sw = c.supporterWeights[p]!;
    const cost = c.costFloat[p]!;
    const tolCost = REL_TOL * cost;
    const own0 = jointQ0[p]!;
    const own1 = jointQ1[p]!;
    const lowered = others !== NO_OTHERS;
    const emptied = others === ALL_OF_IT;
    this.work += sup.length;
    // The levels on the lower lines are at least the true water levels, so at least p's lower line of q (its latest
    // evaluation's, or an older one: levels only rise as budgets fall), nudged down for the float margins it holds;
    // the first pass of the levels' iteration, the poor at those starts, is summed while gathering.
    const from0 = st.qLo0[p]! * (1 - 1e-12);
    const from1 = st.qLo1[p]! * (1 - 1e-12);
    const sums = lowered
      ? gatherLowered(sup, sw, lo0, lo1, from0, from1, L0, L1, Wt, shared, emptied, need0, need1, own0, own1, eps)
      : gatherLower(sup, sw, lo0, lo1, from0, from1, L0, L1, Wt);
    const { n, total, money0, money1 } = sums;
    const moneyTol = eps * total + tolCost;
    if (!(money0 > cost + moneyTol && money1 > cost + moneyTol)) return false;
    chordStart.q0 = from0;
    chordStart.poorW0 = sums.poorW0;
    chordStart.poorSum0 = sums.poorSum0;
    chordStart.q1 = from1;
    chordStart.poorW1 = sums.poorW1;
    chordStart.poorSum1 = sums.poorSum1;
    chordEnds(L0, L1, Wt, n, total, cost, chordStart);
    this.upper0 = chord.q0 + this.levelMargin(chord.poorW0, total, tolCost);
    this.upper1 = chord.q1 + this.levelMargin(chord.poorW1, total, tolCost);
    return true;
  }

  /** The upper lines of p's water level and rho (after `evaluate`, nothing changed since); infinite when p may be unaffordable. */
  private evaluateUpper(st: Branch, p: number): void {
    const u = this.c.utilityFloat[p]!;
    const ok = this.upperChord(st, p, NO_OTHERS);
    st.qHi0[p] = ok ? this.upper0 : Infinity;
    st.qHi1[p] = ok ? this.upper1 : Infinity;
    st.rhoHi0[p] = st.qHi0[p]! / u;
    st.rhoHi1[p] = st.qHi1[p]! / u;
  }

  private push(st: Branch, p: number): void {
    const { heap, key } = st;
    let i = st.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const x = heap[parent]!;
      if (!keyBefore(key, p, x)) break;
      heap[i] = x;
      i = parent;
    }
    heap[i] = p;
  }

  private pop(st: Branch): number {
    const { heap, key } = st;
    const top = heap[0]!;
    const last = heap[--st.size]!;
    const size = st.size;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= size) break;
      const right = child + 1;
      if (right < size) {
        if (keyBefore(key, heap[right]!, heap[child]!)) child = right;
      }
      const x = heap[child]!;
      if (!keyBefore(key, x, last)) break;
      heap[i] = x;
      i = child;
    }
    if (size > 0) heap[i] = last;
    return top;
  }

  private dirty(st: Branch, p: number): boolean {
    const at = st.evaluatedAt[p]!;
    if (at < 0) return true;
    const sup = this.c.supporters[p]!;
    const paidAt = st.paidAt;
    for (let i = 0; i < sup.length; i++) if (paidAt[sup[i]!]! > at) return true;
    return false;
  }

  /** Charges p's supporters within the lines of its payment (`chargeLines`). */
  private buy(st: Branch, p: number): void {
    const { lo0, lo1, hi0, hi1, paidAt } = st;
    const eps = this.eps;
    st.bought.push(p);
    const sup = this.c.supporters[p]!;
    const qh0 = st.qHi0[p]!;
    const qh1 = st.qHi1[p]!;
    const ql0 = st.qLo0[p]!;
    const ql1 = st.qLo1[p]!;
    for (let j = 0; j < sup.length; j++) {
      const g = sup[j]!;
      if (hi0[g]! <= 0 && hi1[g]! <= 0) continue;
      chargeLines(lo0, lo1, hi0, hi1, g, ql0, ql1, qh0, qh1, eps);
      paidAt[g] = st.round + 1;
    }
  }

  /** shared[g]: how many of the frontier members collected[0..nf) group g supports. */
  private countShared(nf: number): void {
    const { shared, collected } = this.ws;
    const supporters = this.c.supporters;
    for (let i = 0; i < nf; i++) {
      const sup = supporters[collected[i]!]!;
      for (let j = 0; j < sup.length; j++) shared[sup[j]!] = 0;
    }
    for (let i = 0; i < nf; i++) {
      const sup = supporters[collected[i]!]!;
      for (let j = 0; j < sup.length; j++) shared[sup[j]!]!++;
    }
  }

  /** need0/need1[g]: the lines (q0, q1) of the frontier members collected[0..nf) that group g supports, summed. */
  private sumNeeds(nf: number, q0: Float64Array, q1: Float64Array): void {
    const { need0, need1, collected } = this.ws;
    const supporters = this.c.supporters;
    for (let i = 0; i < nf; i++) {
      const sup = supporters[collected[i]!]!;
      for (let j = 0; j < sup.length; j++) need0[sup[j]!] = need1[sup[j]!] = 0;
    }
    for (let i = 0; i < nf; i++) {
      const m = collected[i]!;
      const sup = supporters[m]!;
      for (let j = 0; j < sup.length; j++) {
        need0[sup[j]!]! += q0[m]!;
        need1[sup[j]!]! += q1[m]!;
      }
    }
  }

  /** Whether frontier members collected[0..nf) commute: each group supporting two or more can pay all in full. */
  private commute(st: Branch, nf: number): boolean {
    const { need0, need1, shared, collected } = this.ws;
    const supporters = this.c.supporters;
    const eps = this.eps;
    for (let i = 0; i < nf; i++) {
      const sup = supporters[collected[i]!]!;
      for (let j = 0; j < sup.length; j++) need0[sup[j]!] = need1[sup[j]!] = shared[sup[j]!] = 0;
    }
    for (let i = 0; i < nf; i++) {
      const p = collected[i]!;
      const sup = supporters[p]!;
      for (let j = 0; j < sup.length; j++) {
        need0[sup[j]!]! += st.qHi0[p]!;
        need1[sup[j]!]! += st.qHi1[p]!;
        shared[sup[j]!]!++;
      }
    }
    // Lines on both sides: above at both ends means above at every t.
    for (let i = 0; i < nf; i++) {
      const sup = supporters[collected[i]!]!;
      for (let j = 0; j < sup.length; j++) {
        const g = sup[j]!;
        if (shared[g]! <= 1 || (st.hi0[g]! <= 0 && st.hi1[g]! <= 0)) continue;
        if (!(st.lo0[g]! > need0[g]! + eps) || !(st.lo1[g]! > need1[g]! + eps)) return false;
      }
    }
    return true;
  }

  /**
   * Buys the frontier collected[0..nf) at once when its members do not commute but every order of them is certain
   * to come before any other candidate: each member's payment in any order is below its upper line after the others
   * (`upperChord`; a pass from valid lines gives valid lines, so every pass is valid and the lesser is kept),
   * every candidate outside has a lower line above all those lines at both ends, and each member stays affordable.
   * The budgets then cover every order: upper lines less the members' present lower lines (q only grows, F1), lower
   * lines less their upper lines after the others. False (nothing changed) when that cannot be shown.
   */
  private jointPurchase(st: Branch, nf: number): boolean {
    const { collected, jointQ0, jointQ1, nextQ0, nextQ1 } = this.ws;
    this.countShared(nf);
    for (let pass = 0; pass < JOINT_PASSES; pass++) {
      if (pass > 0) this.sumNeeds(nf, jointQ0, jointQ1);
      let ok = true;
      for (let i = 0; i < nf; i++) {
        const m = collected[i]!;
        if (this.upperChord(st, m, pass === 0 ? ALL_OF_IT : THEIR_LINES)) {
          nextQ0[m] = this.upper0;
          nextQ1[m] = this.upper1;
        } else ok = false;
      }
      if (!ok) {
        if (pass === 0) return false;
        break;
      }
      for (let i = 0; i < nf; i++) {
        const m = collected[i]!;
        if (pass === 0 || nextQ0[m]! + nextQ1[m]! < jointQ0[m]! + jointQ1[m]!) {
          jointQ0[m] = nextQ0[m]!;
          jointQ1[m] = nextQ1[m]!;
        }
      }
    }
    let last0 = -Infinity;
    let last1 = -Infinity;
    for (let i = 0; i < nf; i++) {
      const m = collected[i]!;
      last0 = Math.max(last0, jointQ0[m]! / this.c.utilityFloat[m]!);
      last1 = Math.max(last1, jointQ1[m]! / this.c.utilityFloat[m]!);
    }
    // Every other candidate must certainly come after the last member in every order.
    let closed = true;
    let np = nf;
    while (st.size > 0 && st.key[st.heap[0]!]! <= Math.max(last0, last1)) {
      const p = this.pop(st);
      if (this.dirty(st, p)) {
        if (!this.evaluate(st, p)) continue;
      }
      collected[np++] = p;
      if (st.rhoLo0[p]! <= last0 || st.rhoLo1[p]! <= last1) closed = false;
    }
    for (let i = nf; i < np; i++) this.push(st, collected[i]!);
    if (!closed) return false;
    for (let i = 0; i < nf; i++) {
      const m = collected[i]!;
      st.qHi0[m] = jointQ0[m]!;
      st.qHi1[m] = jointQ1[m]!;
      this.buy(st, m);
    }
    if (this.stats) this.stats.jointPurchases++;
    return true;
  }

  private updateReach(): void {
    const { a0, a1, b0, b1 } = this;
    this.reach = Math.max(a0, b1);
    this.crossV = -Infinity;
    if (a0 < b0 && b1 < a1) {
      this.crossT = (b0 - a0) / (b0 - a0 + (a1 - b1));
      this.crossV = a0 + (a1 - a0) * this.crossT;
      this.reach = Math.max(this.reach, this.crossV * (1 + REL_TOL));
    }
  }

  /**
   * Pops the candidates whose key is at most the bound into collected[nc..), evaluating those with a supporter that
   * paid since (a candidate whose new key exceeds the bound goes back). With `envelope` the bound is `reach`, and A,
   * B and reach follow what is collected; without, it is the larger of `latest0` and `latest1`.
   */
  private collect(st: Branch, envelope: boolean): void {
    const collected = this.ws.collected;
    while (st.size > 0 && st.key[st.heap[0]!]! <= this.collectBound(envelope)) {
      const p = this.pop(st);
      if (this.dirty(st, p)) {
        if (!this.evaluate(st, p)) continue;
        if (st.key[p]! > this.collectBound(envelope)) {
          this.push(st, p);
          continue;
        }
      }
      if (Number.isNaN(st.qHi0[p])) this.evaluateUpper(st, p);
      collected[this.nc++] = p;
      if (envelope && st.rhoHi0[p]! !== Infinity) {
        const h0 = st.rhoHi0[p]!;
        const h1 = st.rhoHi1[p]!;
        if (h0 < this.a0 || (h0 === this.a0 && h1 < this.a1)) {
          this.a0 = h0;
          this.a1 = h1;
        }
        if (h1 < this.b1 || (h1 === this.b1 && h0 < this.b0)) {
          this.b0 = h0;
          this.b1 = h1;
        }
        this.updateReach();
      }
    }
  }

  private collectBound(envelope: boolean): number {
    return envelope ? this.reach : Math.max(this.latest0, this.latest1);
  }

  /** Whether p's lower line is below min(A, B) somewhere (checked where that envelope bends: ends and crossing). */
  private mayBeNext(st: Branch, p: number): boolean {
    const l0 = st.rhoLo0[p]!;
    const l1 = st.rhoLo1[p]!;
    if (l0 <= this.a0 || l1 <= this.b1) return true;
    return this.crossV !== -Infinity && l0 + (l1 - l0) * this.crossT <= this.crossV * (1 + REL_TOL);
  }

  private swapInto(to: number, from: number): void {
    const collected = this.ws.collected;
    const x = collected[to]!;
    collected[to] = collected[from]!;
    collected[from] = x;
  }

  /**
   * Runs the branch to its end (returns null) or to a round where the next winner is ambiguous: then returns the
   * branches, one per possible next winner (plus "the run ends here" when no candidate is certainly affordable). With
   * `pause` (other branches are waiting) it returns 'paused' after each round's purchase, so that the branch with the
   * fewest purchases always goes next and branches that bought the same set in different orders are joined as soon
   * as they meet, instead of each running on alone to its next ambiguous round.
   */
  private advance(st: Branch, spare: number, pause: boolean): Branch[] | 'too many' | 'paused' | null {
    const collected = this.ws.collected;
    for (; ; st.round++) {
      if (this.work > this.maxWork) return 'too many';
      this.round = st.round;
      // The real next winner has the least rho, so its rho is at most T(t), the least upper line at each t. T is at
      // most min(A(t), B(t)), A the upper line least at t = 0 and B the one least at t = 1, whose largest value over
      // [0, 1] is `reach`: candidates left in the heap (keys above reach) certainly come later.
      this.nc = 0;
      this.a0 = this.a1 = this.b0 = this.b1 = this.reach = this.crossV = Infinity;
      this.crossT = 0;
      this.collect(st, true);
      const nc = this.nc;
      if (nc === 0) return null;
      // The frontier: the candidates that may come next, widened while some candidate's lower line is below the
      // largest upper line of the members at either end (their difference is convex, so the ends decide). When it
      // ends finite and the members commute, all of them are bought, in whatever order, before any other.
      let nf = 0;
      for (let i = 0; i < nc; i++) {
        const p = collected[i]!;
        if (this.mayBeNext(st, p)) this.swapInto(nf++, i);
      }
      const options = nf;
      this.latest0 = -Infinity;
      this.latest1 = -Infinity;
      for (let i = 0; i < nf; i++) {
        this.latest0 = Math.max(this.latest0, st.rhoHi0[collected[i]!]!);
        this.latest1 = Math.max(this.latest1, st.rhoHi1[collected[i]!]!);
      }
      while (this.latest0 !== Infinity) {
        this.collect(st, false);
        let grew = false;
        for (let i = nf; i < this.nc; i++) {
          const p = collected[i]!;
          if (st.rhoLo0[p]! <= this.latest0 || st.rhoLo1[p]! <= this.latest1) {
            this.swapInto(nf++, i);
            this.latest0 = Math.max(this.latest0, st.rhoHi0[p]!);
            this.latest1 = Math.max(this.latest1, st.rhoHi1[p]!);
            grew = true;
          }
        }
        if (!grew) break;
      }
      for (let i = nf; i < this.nc; i++) this.push(st, collected[i]!);
      let bought = false;
      if (this.latest0 !== Infinity && (nf === 1 || this.commute(st, nf))) {
        for (let i = 0; i < nf; i++) this.buy(st, collected[i]!);
        bought = true;
      } else bought = this.latest0 !== Infinity && nf <= JOINT_MAX && this.jointPurchase(st, nf);
      if (bought) {
        if (!pause) continue;
        st.round++;
        return 'paused';
      }
      // Ambiguous: the next winner is one of the candidates that may be below the least upper line.
      const ends = this.a0 === Infinity ? 1 : 0;
      const choices = collected.slice(0, options);
      for (let i = 0; i < nf; i++) this.push(st, collected[i]!);
      if (choices.length + ends - 1 > spare) return 'too many';
      const out: Branch[] = [];
      const { G, P } = this;
      this.work += (choices.length + ends) * (G + P);
      if (ends) {
        // No candidate is affordable at every t: maybe nothing is, and one branch ends the run here.
        const end = cloneBranch(this.ws, st, G, P);
        end.size = 0;
        out.push(end);
      }
      for (const p of choices) {
        const b = cloneBranch(this.ws, st, G, P);
        this.removeFromHeap(b, p);
        this.buy(b, p);
        b.round++;
        out.push(b);
      }
      return out;
    }
  }

  private removeFromHeap(st: Branch, p: number): void {
    // Rebuild without p (rare: only on ambiguous rounds).
    const rest: number[] = [];
    for (let i = 0; i < st.size; i++) if (st.heap[i] !== p) rest.push(st.heap[i]!);
    st.size = 0;
    for (const x of rest) this.push(st, x);
  }

  /**
   * Widens `a` to cover `b` too (same purchases): below both lower lines (the chord of their minimum, which is
   * concave) and above both upper lines (the chord of their maximum). Candidates with a widened supporter (or that `a`
   * had dropped) are re-evaluated when they come up; the others keep `a`'s evaluation, still exact.
   */
  private joinInto(a: Branch, b: Branch): void {
    const { G, P } = this;
    if (this.stats) this.stats.joins++;
    const round = Math.max(a.round, b.round) + 1;
    this.work += G + P;
    for (let g = 0; g < G; g++) {
      let widened = false;
      if (b.lo0[g]! < a.lo0[g]!) {
        a.lo0[g] = b.lo0[g]!;
        widened = true;
      }
      if (b.lo1[g]! < a.lo1[g]!) {
        a.lo1[g] = b.lo1[g]!;
        widened = true;
      }
      if (b.hi0[g]! > a.hi0[g]!) {
        a.hi0[g] = b.hi0[g]!;
        widened = true;
      }
      if (b.hi1[g]! > a.hi1[g]!) {
        a.hi1[g] = b.hi1[g]!;
        widened = true;
      }
      if (widened) a.paidAt[g] = round;
    }
    const waiting = this.ws.waiting.fill(0, 0, P);
    for (let i = 0; i < a.size; i++) waiting[a.heap[i]!] = 1;
    for (let i = 0; i < b.size; i++) waiting[b.heap[i]!]! |= 2;
    a.size = 0;
    for (let p = 0; p < P; p++) {
      if (waiting[p] === 0) continue;
      if (!(waiting[p]! & 1)) {
        a.evaluatedAt[p] = -1;
        a.key[p] = b.key[p]!;
      } else if (waiting[p]! & 2 && this.dirty(a, p)) a.key[p] = Math.min(a.key[p]!, b.key[p]!);
      this.push(a, p);
    }
    a.round = round;
  }

  /**
   * The proof gives up with `open` branches left: null, or with `cover`, the sets that contain every run's selection:
   * those of the branches that ended, and per open branch what it bought and the candidates still affordable on its
   * upper lines (`evaluate` drops the others). The open branches go back to the pool.
   */
  private givenUp(open: Branch[]): { sets: Int32Array[]; exact: boolean } | null {
    let out: { sets: Int32Array[]; exact: boolean } | null = null;
    if (this.cover) {
      for (const st of open) {
        const set = st.bought.slice();
        this.round = st.round;
        for (let i = 0; i < st.size; i++) {
          const p = st.heap[i]!;
          if (!this.dirty(st, p) || this.evaluate(st, p)) set.push(p);
        }
        const sorted = Int32Array.from(set).sort();
        this.sets.set(sorted.join(','), sorted);
      }
      out = { sets: [...this.sets.values()], exact: false };
    }
    this.ws.pool.push(...open);
    if (this.stats) this.stats.work += this.work;
    return out;
  }

  run(maxBranches: number): { sets: Int32Array[]; exact: boolean } | null {
    const { c, ws, G, P, eps, bLo, bHi, stats } = this;
    // Branches come from the workspace's pool (indices past this election's G and P are never read).
    const root = ws.take();
    root.lo0.fill(Math.max(0, bLo - eps), 0, G);
    root.lo1.fill(Math.max(0, bHi - eps), 0, G);
    root.hi0.fill(bLo + eps, 0, G);
    root.hi1.fill(bHi + eps, 0, G);
    root.paidAt.fill(0, 0, G);
    for (const arr of [root.rhoLo0, root.rhoLo1, root.rhoHi0, root.rhoHi1, root.qLo0, root.qLo1, root.qHi0, root.qHi1])
      arr.fill(0, 0, P);
    root.key.fill(0, 0, P);
    root.evaluatedAt.fill(-1, 0, P);
    root.size = 0;
    root.bought = [];
    root.round = 0;
    for (const p of c.byStaticRhoBound) {
      root.key[p] = c.staticRhoBound[p]! * (1 - REL_TOL);
      root.heap[root.size++] = p;
    }
    // Branches that have bought the same set (in different orders) are joined into one that covers both, so ambiguous
    // rounds add branches instead of multiplying them; the one with the fewest purchases goes first, a round at a time
    // while others wait, so branches meet. `branches` counts every branch made (joined ones included).
    const sets = this.sets;
    const pending = new Map<string, Branch>([['', root]]);
    let branches = 1;
    while (pending.size > 0) {
      let key = '';
      let st: Branch | null = null;
      for (const [k, b] of pending) if (st === null || b.bought.length < st.bought.length) [key, st] = [k, b];
      pending.delete(key);
      const next = this.advance(st!, maxBranches - branches, pending.size > 0);
      if (next === 'paused') {
        const k = Int32Array.from(st!.bought).sort().join(',');
        const other = pending.get(k);
        if (other) {
          this.joinInto(other, st!);
          ws.pool.push(st!);
        } else pending.set(k, st!);
        continue;
      }
      if (next === null) {
        const set = Int32Array.from(st!.bought).sort();
        sets.set(set.join(','), set);
      }
      if (next === 'too many') return this.givenUp([st!, ...pending.values()]);
      // st is done with: it ended, or the branches that follow it are copies.
      ws.pool.push(st!);
      if (next === null) continue;
      branches += next.length - 1;
      if (stats) stats.branches += next.length;
      if (branches > maxBranches) return this.givenUp([...pending.values(), ...next]);
      for (const b of next) {
        const k = Int32Array.from(b.bought).sort().join(',');
        const other = pending.get(k);
        if (other) {
          this.joinInto(other, b);
          ws.pool.push(b);
        } else pending.set(k, b);
      }
    }
    if (stats) stats.work += this.work;
    return { sets: [...sets.values()], exact: true };
  }
}
