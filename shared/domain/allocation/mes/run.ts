/**
 * One MES run with a fixed per-voter starting budget: floats decide what they decide with a safe margin, exact bigint
 * rationals re-decide the rest.
 */
import type { Rational } from '../rational';
import * as Q from '../rational';
import { compareIds } from '../approval-greedy';
import type { Election } from './election';

export type Selection = {
  p: number;
  /** The full share paid, as a float, and the margin within which the exact share lies (0 when `q` is known). */
  qf: number;
  qTol: number;
  q: Rational | null;
  /** Groups emptied by this payment. */
  emptied: Int32Array;
  /** Weight of the supporters who paid the full share and kept money (or exactly emptied by it). */
  wRich: number;
  alreadyEmpty: number;
  moneyBefore: number;
};

/** Relative margin within which floating point is not trusted (errors are ~1e-13 in practice). */
export const REL_TOL = 1e-9;

/** Supporters an evaluation reads between two checks of whether its candidate is already unaffordable. */
const GATHER_CHUNK = 64;

/** Buffers of one MES run, reused from run to run (add1 alternates two, so the previous run stays readable). */
export class Workspace {
  /** Per group: budget of one voter, 1 + last round it paid (0: never). */
  readonly budgets: Float64Array;
  readonly paidAt: Int32Array;
  readonly isEmpty: Uint8Array;
  readonly selOrder: Int32Array;
  readonly counts: Float64Array;
  readonly scratchBudget: Float64Array;
  readonly scratchWeight: Float64Array;
  readonly scratchGroups: Int32Array;
  // Latest evaluation of each candidate (still exact while none of its supporters paid since), its round (-1: none).
  readonly lastQ: Float64Array;
  readonly lastQTol: Float64Array;
  readonly evaluatedAt: Int32Array;
  // Lazy-evaluation heap of run(), see there.
  readonly rhoBound: Float64Array;
  readonly rhoBoundTol: Float64Array;
  readonly heap: Int32Array;
  readonly collected: Int32Array;

  /** Sized for `c`, or for the largest of several elections run one after another (independent parts). */
  constructor(...cs: Election[]) {
    let G = 0;
    let P = 0;
    let C = 0;
    let maxSupporterGroups = 0;
    for (const c of cs) {
      G = Math.max(G, c.groupWeight.length);
      P = Math.max(P, c.ids.length);
      C = Math.max(C, c.candidates.length);
      maxSupporterGroups = Math.max(maxSupporterGroups, c.maxSupporterGroups);
    }
    this.budgets = new Float64Array(G);
    this.paidAt = new Int32Array(G);
    this.isEmpty = new Uint8Array(G);
    this.selOrder = new Int32Array(P);
    this.counts = new Float64Array(P + 1);
    this.scratchBudget = new Float64Array(maxSupporterGroups);
    this.scratchWeight = new Float64Array(maxSupporterGroups);
    this.scratchGroups = new Int32Array(maxSupporterGroups);
    this.lastQ = new Float64Array(P);
    this.lastQTol = new Float64Array(P);
    this.evaluatedAt = new Int32Array(P);
    this.rhoBound = new Float64Array(P);
    this.rhoBoundTol = new Float64Array(P);
    this.heap = new Int32Array(C);
    this.collected = new Int32Array(C);
  }
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** A factor as a key of a Map: a number when it is a safe integer (cheaper to hash than a bigint). */
function factorKey(f: bigint): number | bigint {
  return f <= MAX_SAFE ? Number(f) : f;
}

/** gcd of two safe integers, a > 0. */
function gcdSafe(x: number, a: number): number {
  x = Math.abs(x);
  while (x !== 0) {
    const t = a % x;
    a = x;
    x = t;
  }
  return a;
}

/** gcd(n, a) for a > 0: in floating point after one bigint remainder when a is a safe integer. */
function gcdWithFactor(n: bigint, a: bigint): bigint {
  const r = n % a;
  return a > MAX_SAFE ? Q.gcd(r, a) : BigInt(gcdSafe(Number(r), Number(a)));
}

/**
 * The normalised rational num / (product of `factors`), each factor a positive integer, and its denominator's
 * factors. By gcd(n, a * b) = gcd(n, a) * gcd(n / gcd(n, a), b), dividing out each factor's gcd with what is left of
 * the numerator, one after the other, divides out the whole gcd: a few cheap steps per small factor.
 */
function reduceFraction(num: bigint, factors: readonly bigint[]): { value: Rational; factors: bigint[] } {
  let n = num;
  let den = 1n;
  const left: bigint[] = [];
  for (const a of factors) {
    const g = gcdWithFactor(n, a);
    const rest = g === 1n ? a : a / g;
    if (g !== 1n) n /= g;
    if (rest !== 1n) {
      left.push(rest);
      den *= rest;
    }
  }
  return { value: n === 0n ? Q.ZERO : { num: n, den }, factors: left };
}

/** What {@link gatherBudgets} sums over a candidate's supporters. */
const budgetSums = { avail: 0, W: 0, poorW0: 0, poorSum0: 0 };

/**
 * Every supporter's budget into B (in the supporters' order, an emptied one as 0), the live supporters' money and
 * weight, and the first pass of the water level from `q0` (the weight and money of those below it, emptied supporters
 * included: their budget 0 adds nothing to the money and their weight is the dead weight, `total` less the live one),
 * into `budgetSums`; null as soon as the money gathered, with `baseUp` for every supporter still to read (of `total`
 * weight), is below `unaffordableBelow` (checked every {@link GATHER_CHUNK} supporters).
 */
function gatherBudgets(
  sup: Int32Array,
  supporterWeights: Float64Array,
  budgets: Float64Array,
  B: Float64Array,
  q0: number,
  total: number,
  baseUp: number,
  unaffordableBelow: number,
): typeof budgetSums | null {
  let seenW = 0;
  let avail = 0;
  let W = 0;
  let poorW0 = 0;
  let poorSum0 = 0;
  // Branch-free (adding +0 leaves a sum unchanged): the live and poor tests are unpredictable. The stores do not
  // depend on one another (no compaction), so the loop pipelines.
  for (let i = 0, end = Math.min(sup.length, GATHER_CHUNK); ; end = Math.min(sup.length, end + GATHER_CHUNK)) {
    for (; i < end; i++) {
      const b = budgets[sup[i]!]!;
      const sw = supporterWeights[i]!;
      B[i] = b;
      seenW += sw;
      avail += sw * b;
      W += +(b > 0) * sw;
      const wp = +(b < q0) * sw;
      poorW0 += wp;
      poorSum0 += wp * b;
    }
    if (i === sup.length) break;
    if (avail + (total - seenW) * baseUp < unaffordableBelow) return null;
  }
  const out = budgetSums;
  out.avail = avail;
  out.W = W;
  out.poorW0 = poorW0;
  out.poorSum0 = poorSum0;
  return out;
}

/** The largest of B[0..n) (0 when n is 0). */
function largest(B: Float64Array, n: number): number {
  let m = 0;
  for (let i = 0; i < n; i++) m = B[i]! > m ? B[i]! : m;
  return m;
}

/** One MES run with a fixed per-voter starting budget. */
export class MesRun {
  readonly sels: Selection[] = [];
  readonly baseF: number;
  readonly budgetTol: number;
  private readonly budgets: Float64Array;
  private readonly isEmpty: Uint8Array;
  readonly selOrder: Int32Array;
  /**
   * Supporters of the candidates evaluated so far (the run's work, to which the add1 scan compares a proof's): an
   * evaluation that stops early counts all of them too, so the proofs' limits do not depend on where it stops.
   */
  reads = 0;
  /**
   * Denominator of each exact payment computed by {@link exactSelQ} as factors whose product it is (most of them
   * small: the base's denominator, weights of full-share payers), so sums of payments are normalised by gcds with
   * small factors instead of Euclid on whole denominators. Missing for a payment decided in apply: its denominator
   * is one factor.
   */
  private readonly qDenFactors: bigint[][] = [];

  constructor(
    readonly c: Election,
    readonly base: Rational,
    private readonly ws: Workspace = new Workspace(c),
  ) {
    this.baseF = Q.toNumber(base);
    this.budgetTol = REL_TOL * Math.abs(this.baseF) + 1e-300;
    // The workspace may be larger than this election (shared by independent parts): only [0, G) and [0, P) are used.
    const G = c.groupWeight.length;
    const P = c.ids.length;
    this.budgets = ws.budgets.fill(this.baseF, 0, G);
    ws.paidAt.fill(0, 0, G);
    this.isEmpty = ws.isEmpty.fill(0, 0, G);
    this.selOrder = ws.selOrder.fill(-1, 0, P);
    ws.evaluatedAt.fill(-1, 0, P);
  }

  /** Current float budget of one voter of group g. */
  budget(g: number): number {
    return this.budgets[g]!;
  }

  /** Float amount spent so far by one voter of group g (what it paid is what its budget lost). */
  spent(g: number): number {
    return this.baseF - this.budgets[g]!;
  }

  /** Exact payment per full-share supporter of the s-th selection (memoised). */
  exactSelQ(s: number): Rational {
    const sel = this.sels[s]!;
    if (sel.q) return sel.q;
    if (sel.wRich <= 0) throw new Error('internal: MES selection without full-share payers lacks an exact payment');
    // q = (cost - money) / wRich, normalised once.
    const money = this.exactMoneySum(sel.emptied, s);
    const cost = this.c.costs[sel.p]!;
    const factors = money.factors;
    if (cost.den !== 1n) factors.push(cost.den);
    factors.push(BigInt(sel.wRich));
    const q = reduceFraction(cost.num * money.den - money.num * cost.den, factors);
    sel.q = q.value;
    this.qDenFactors[s] = q.factors;
    return sel.q;
  }

  /**
   * Exact total money held, just before selection `upto`, by groups that had not been emptied before it
   * (so they paid the full share of every earlier selection they approve).
   */
  exactMoney(groups: ArrayLike<number>, upto: number): Rational {
    const money = this.exactMoneySum(groups, upto);
    return reduceFraction(money.num, money.factors).value;
  }

  /**
   * {@link exactMoney} as a fraction not yet normalised: `num / den`, with `den` the product of `factors` (the
   * denominators' factors of the base and of the payments summed).
   */
  private exactMoneySum(groups: ArrayLike<number>, upto: number): { num: bigint; den: bigint; factors: bigint[] } {
    // Re-entrant on purpose: exactSelQ(s) below may call exactMoney(_, s), which only rewrites counts[0..s), and
    // those entries have already been consumed when index s is reached.
    const counts = this.ws.counts;
    counts.fill(0, 0, upto);
    const { groupWeight, groupApprovalStart: start, groupApprovalProjects: approved } = this.c;
    /** The selections with a non-zero count, to be sorted (earlier payments first, as the re-entrancy needs). */
    const paid: number[] = [];
    let m = 0;
    for (let i = 0; i < groups.length; i++) {
      const g = groups[i]!;
      const w = groupWeight[g]!;
      m += w;
      for (let j = start[g]!; j < start[g + 1]!; j++) {
        const s = this.selOrder[approved[j]!]!;
        if (s < 0 || s >= upto) continue;
        if (counts[s] === 0) paid.push(s);
        counts[s]! += w;
      }
    }
    paid.sort((a, b) => a - b);
    // m * base - sum of k_s * q_s over one common denominator, the product of `factors`: a payment's factors not
    // among them yet (as many times as it has them) join them (no gcd here; the caller normalises once, by the
    // factors). `count` holds how many times each value is among them.
    let num = this.base.num * BigInt(m);
    let den = this.base.den;
    const factors = den === 1n ? [] : [den];
    const count = new Map<number | bigint, number>(factors.map((f) => [factorKey(f), 1]));
    const shared: (number | bigint)[] = [];
    const joinedKeys: (number | bigint)[] = [];
    for (const s of paid) {
      const k = counts[s]!;
      const q = this.exactSelQ(s);
      if (q.den === den) {
        num -= q.num * BigInt(k);
        continue;
      }
      let joined = 1n;
      shared.length = 0;
      joinedKeys.length = 0;
      for (const f of this.qDenFactors[s] ?? [q.den]) {
        const key = factorKey(f);
        const n = count.get(key) ?? 0;
        if (n > 0) {
          // Among them already: used once for this payment (set aside until its factors are all matched).
          count.set(key, n - 1);
          shared.push(key);
        } else {
          factors.push(f);
          joined *= f;
          joinedKeys.push(key);
        }
      }
      for (const key of shared) count.set(key, count.get(key)! + 1);
      for (const key of joinedKeys) count.set(key, (count.get(key) ?? 0) + 1);
      // num / den - k * q = (num * joined - k * q.num * (den * joined / q.den)) / (den * joined)
      num = num * joined - q.num * BigInt(k) * ((den * joined) / q.den);
      den *= joined;
    }
    return { num, den, factors };
  }

  /** Exact current budget of one voter of group g. */
  exactBudget(g: number): Rational {
    if (this.isEmpty[g]) return Q.ZERO;
    let b = this.base;
    const { groupApprovalStart: start, groupApprovalProjects: approved } = this.c;
    for (let j = start[g]!; j < start[g + 1]!; j++) {
      const s = this.selOrder[approved[j]!]!;
      if (s >= 0) b = Q.sub(b, this.exactSelQ(s));
    }
    return b;
  }

  /**
   * Float water level q of project p (payment of a full-share supporter) and its error margin, stored in
   * lastQ/lastQTol. Returns false when its supporters cannot pay for it.
   */
  evaluate(p: number): boolean {
    const c = this.c;
    const ws = this.ws;
    const sup = c.supporters[p]!;
    const supporterWeights = c.supporterWeights[p]!;
    const budgets = this.budgets;
    const cost = c.costFloat[p]!;
    const B = ws.scratchBudget;
    this.reads += sup.length;
    // The water level's fixed-point iteration starts below the level: at this candidate's level of an earlier round
    // of this run (levels only rise as budgets fall), else at its cost over all its supporters' weight; the first
    // pass, the poor set at that start, is summed while gathering.
    const total = c.supportWeight[p]!;
    // (lastQ is read whether or not it is used: a read first met after the optimiser compiled this function sent
    // every later call through slower code in about half the processes.)
    const lastQ = ws.lastQ[p]!;
    const q0 = (ws.evaluatedAt[p]! >= 0 ? lastQ : cost / total) * (1 - 1e-12);
    // Budgets never exceed the base: when the money gathered so far, with the base for every supporter still to read,
    // is below the cost (with the widest margin of the test after the loop), p is unaffordable without reading on.
    // About 30% of an exact run's reads on the city of 100,000 went to candidates found unaffordable.
    const unaffordableBelow = cost - this.budgetTol * total - REL_TOL * cost;
    const baseUp = this.baseF * (1 + REL_TOL);
    const sums = gatherBudgets(sup, supporterWeights, budgets, B, q0, total, baseUp, unaffordableBelow);
    if (sums === null) return false;
    const { avail, W, poorW0, poorSum0 } = sums;
    const n = sup.length;
    const tolAvail = this.budgetTol * W + REL_TOL * cost;
    if (avail < cost - tolAvail) return false;
    if (avail <= cost + tolAvail) {
      const live: number[] = [];
      for (let i = 0; i < sup.length; i++) if (!this.isEmpty[sup[i]!]) live.push(sup[i]!);
      if (Q.cmp(this.exactMoney(live, this.sels.length), c.costs[p]!) < 0) return false;
    }
    // Fixed-point iteration on the poor set: it only grows and usually settles in a pass or two after the first.
    // The poor weights summed over B count the emptied supporters too (budget 0, below any level): the rich weight
    // is `total` less them, and the live poor weight `dead` less (weights are whole numbers, so these sums are exact).
    const dead = total - W;
    let q = cost / W;
    let poorW = poorW0;
    let prevPoorW = -1;
    if (total - poorW0 <= 0) {
      q = largest(B, n);
      prevPoorW = poorW;
    } else q = Math.max(q, q0, (cost - poorSum0) / (total - poorW0));
    for (let iter = 0; iter < 8 && poorW !== prevPoorW; iter++) {
      prevPoorW = poorW;
      poorW = 0;
      let poorSum = 0;
      // Branch-free (adding +0 leaves a sum unchanged): the poor/rich test is unpredictable.
      for (let i = 0; i < n; i++) {
        const b = B[i]!;
        const w = +(b < q) * supporterWeights[i]!;
        poorW += w;
        poorSum += w * b;
      }
      const richW = total - poorW;
      if (richW <= 0) {
        q = largest(B, n);
        break;
      }
      q = Math.max(q, (cost - poorSum) / richW);
    }
    if (poorW !== prevPoorW && total - poorW > 0) {
      // Pathological budgets: fall back to the sorted scan over the live supporters.
      const order = Array.from({ length: n }, (_, i) => i)
        .filter((i) => B[i]! > 0)
        .sort((x, y) => B[x]! - B[y]!);
      let contrib = 0;
      let denom = W;
      poorW = dead;
      for (const i of order) {
        const qq = (cost - contrib) / denom;
        if (qq <= B[i]!) {
          q = qq;
          break;
        }
        contrib += supporterWeights[i]! * B[i]!;
        denom -= supporterWeights[i]!;
        poorW += supporterWeights[i]!;
        q = B[i]!;
      }
    }
    poorW -= dead;
    const richW = Math.max(W - poorW, 1);
    ws.lastQ[p] = q;
    ws.lastQTol[p] = this.budgetTol * (1 + poorW / richW) + (REL_TOL * cost) / richW;
    return true;
  }

  /** Exact water level of p in the current state (null when its supporters cannot pay for it). */
  exactQ(p: number): Rational | null {
    const c = this.c;
    const sup = c.supporters[p]!;
    const eq = this.ws.lastQ[p]!;
    const band = this.ws.lastQTol[p]! + this.budgetTol;
    const poor: number[] = [];
    const border: { g: number; b: Rational }[] = [];
    let richW = 0;
    for (let i = 0; i < sup.length; i++) {
      const g = sup[i]!;
      if (this.isEmpty[g]) continue;
      const b = this.budget(g);
      if (b < eq - band) poor.push(g);
      else if (b > eq + band) richW += c.groupWeight[g]!;
      else border.push({ g, b: this.exactBudget(g) });
    }
    border.sort((x, y) => Q.cmp(x.b, y.b));
    const cost = c.costs[p]!;
    let contrib = this.exactMoney(poor, this.sels.length);
    let denom = richW;
    for (const x of border) denom += c.groupWeight[x.g]!;
    for (const x of border) {
      const qq = Q.div(Q.sub(cost, contrib), Q.fromInt(denom));
      if (Q.cmp(qq, x.b) <= 0) return qq;
      const w = c.groupWeight[x.g]!;
      contrib = Q.add(contrib, Q.mulInt(x.b, BigInt(w)));
      denom -= w;
    }
    if (denom <= 0) return Q.cmp(contrib, cost) >= 0 ? (border.at(-1)?.b ?? null) : null;
    return Q.div(Q.sub(cost, contrib), Q.fromInt(denom));
  }

  /** Charges the supporters of p and records the selection (stamping them in paidAt). */
  apply(p: number, qExact: Rational | null): void {
    const c = this.c;
    const sup = c.supporters[p]!;
    const supporterWeights = c.supporterWeights[p]!;
    const eq = this.ws.lastQ[p]!;
    const band = this.ws.lastQTol[p]! + this.budgetTol;
    const budgets = this.budgets;
    const paidAt = this.ws.paidAt;
    const isEmpty = this.isEmpty;
    // Where no supporter's budget lies within the margin of the water level (nearly always), the poor are emptied and
    // the rich lose it in one pass; one that does sends the purchase back, its budgets restored, to the exact path.
    if (qExact === null && this.applyClear(p, eq, band)) return;
    let q = qExact;
    let moneyBefore = 0;
    let alreadyEmpty = 0;
    for (let i = 0; i < sup.length; i++) {
      const g = sup[i]!;
      if (isEmpty[g]) {
        alreadyEmpty += supporterWeights[i]!;
        continue;
      }
      const b = budgets[g]!;
      moneyBefore += b * supporterWeights[i]!;
      if (q === null && b >= eq - band && b <= eq + band) q = this.exactQ(p);
    }
    if (q === null && eq === Infinity) throw new Error('internal: applying an unaffordable project');
    const qf = q ? Q.toNumber(q) : eq;
    // The poor are emptied and the rich lose q.
    const emptied = this.ws.scratchGroups;
    let ne = 0;
    let wRich = 0;
    const stamp = this.sels.length + 1;
    for (let i = 0; i < sup.length; i++) {
      const g = sup[i]!;
      if (isEmpty[g]) continue;
      const b = budgets[g]!;
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
        wRich += supporterWeights[i]!;
        budgets[g] = nb;
      }
    }
    this.record({ p, qf, qTol: q ? 0 : band, q, emptied: emptied.slice(0, ne), wRich, alreadyEmpty, moneyBefore });
  }

  /** Records a purchase: its emptied groups' budgets go to zero for good, and p joins the selection. */
  private record(sel: Selection): void {
    for (const g of sel.emptied) {
      this.budgets[g] = 0;
      this.isEmpty[g] = 1;
    }
    this.selOrder[sel.p] = this.sels.length;
    this.sels.push(sel);
  }

  /**
   * {@link apply} in one pass when every supporter with money is clearly poor or rich at the float water level `eq`
   * (outside `band` of it): true once p is recorded; false, with every budget as before, when one is not.
   */
  private applyClear(p: number, eq: number, band: number): boolean {
    const c = this.c;
    const sup = c.supporters[p]!;
    const supporterWeights = c.supporterWeights[p]!;
    const { budgets, isEmpty } = this;
    const { paidAt, scratchBudget: before, scratchGroups: emptied } = this.ws;
    if (!(eq < Infinity)) return false;
    const stamp = this.sels.length + 1;
    const poorBelow = eq - band;
    const richAbove = eq + band;
    let moneyBefore = 0;
    let alreadyEmpty = 0;
    let ne = 0;
    let wRich = 0;
    for (let i = 0; i < sup.length; i++) {
      const g = sup[i]!;
      const w = supporterWeights[i]!;
      const b = budgets[g]!;
      before[i] = b;
      if (isEmpty[g]) {
        alreadyEmpty += w;
        continue;
      }
      if (b >= poorBelow && b <= richAbove) {
        for (let j = 0; j < i; j++) budgets[sup[j]!] = before[j]!;
        return false;
      }
      moneyBefore += b * w;
      paidAt[g] = stamp;
      if (b < poorBelow) emptied[ne++] = g;
      else {
        wRich += w;
        budgets[g] = b - eq;
      }
    }
    this.record({ p, qf: eq, qTol: band, q: null, emptied: emptied.slice(0, ne), wRich, alreadyEmpty, moneyBefore });
    return true;
  }

  /** Runs MES to the end: the winners land in `sels` in selection order (free up-front projects are not among them). */
  run(): void {
    const c = this.c;
    const ws = this.ws;
    const ids = c.ids;
    const paidAt = ws.paidAt;
    // Lazy evaluation: candidates sit in a binary min-heap keyed by `rhoBound`, a lower bound of their rho (rho only
    // grows during a run); a candidate is re-evaluated only when it comes up and one of its supporters paid since.
    const { rhoBound, rhoBoundTol, heap, collected, evaluatedAt } = ws;
    let size = c.candidates.length;
    const less = (a: number, b: number): boolean => rhoBound[a]! < rhoBound[b]! || (rhoBound[a] === rhoBound[b] && a < b);
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
    // The static bounds: cost / (u * all supporters' weight), sorted once (a sorted array is a heap).
    heap.set(c.byStaticRhoBound);
    rhoBound.set(c.staticRhoBound);
    rhoBoundTol.set(c.staticRhoBoundTol);
    /** Whether p's latest evaluation is stale: one of its supporters paid since (or it was never evaluated). */
    const dirty = (p: number): boolean => {
      const at = evaluatedAt[p]!;
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
        if (rhoBound[p]! - rhoBoundTol[p]! > best + bestTol) break;
        pop();
        if (dirty(p)) {
          const ok = this.evaluate(p);
          evaluatedAt[p] = t;
          if (!ok) continue;
          const u = c.utilityFloat[p]!;
          rhoBound[p] = ws.lastQ[p]! / u;
          rhoBoundTol[p] = ws.lastQTol[p]! / u;
        }
        collected[nc++] = p;
        if (rhoBound[p]! < best) {
          best = rhoBound[p]!;
          bestTol = rhoBoundTol[p]!;
        }
      }
      if (nc === 0) break;
      let winner = -1;
      let winnerQ: Rational | null = null;
      let bestRho: Rational | null = null;
      let nTied = 0;
      for (let i = 0; i < nc; i++) if (rhoBound[collected[i]!]! - rhoBoundTol[collected[i]!]! <= best + bestTol) nTied++;
      for (let i = 0; i < nc; i++) {
        const p = collected[i]!;
        if (!(rhoBound[p]! - rhoBoundTol[p]! <= best + bestTol)) continue;
        if (winner < 0) winner = p;
        if (nTied === 1) break;
        const q = this.exactQ(p);
        if (!q) continue;
        const rho = Q.div(q, c.utilities[p]!);
        const order = bestRho === null ? -1 : Q.cmp(rho, bestRho);
        if (order < 0 || (order === 0 && compareIds(ids[p]!, ids[winner]!) < 0)) {
          bestRho = rho;
          winner = p;
          winnerQ = q;
        }
      }
      this.apply(winner, winnerQ);
      for (let i = 0; i < nc; i++) if (collected[i] !== winner) push(collected[i]!);
    }
  }

  selectedIndices(): number[] {
    return [...this.c.upfront, ...this.sels.map((s) => s.p)];
  }
}
