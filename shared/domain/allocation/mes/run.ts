/**
 * One MES run with a fixed per-voter starting budget: floats decide what they decide with a safe margin, exact bigint
 * rationals re-decide the rest; with an increment, the run also tracks the skip-ahead certificate of the add1 scan
 * (docs/allocation-rules.md, "Why add1 skipping is exact").
 */
import type { Rational } from '../rational';
import * as Q from '../rational';
import { compareIds } from '../approval-greedy';
import type { Election } from './election';

export type Selection = {
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
export const REL_TOL = 1e-9;

/** Buffers of one MES run, reused from run to run (add1 alternates two, so the previous run stays readable). */
export class Workspace {
  /** Per group: budget of one voter, d budget / d b (skip-ahead), spent, 1 + last round it paid (0: never). */
  readonly budgets: Float64Array;
  readonly slopes: Float64Array;
  readonly spent: Float64Array;
  readonly paidAt: Int32Array;
  readonly isEmpty: Uint8Array;
  readonly selOrder: Int32Array;
  readonly counts: Float64Array;
  readonly scratchBudget: Float64Array;
  readonly scratchWeight: Float64Array;
  readonly scratchSlope: Float64Array;
  readonly scratchGroups: Int32Array;
  // Latest evaluation of each candidate (still exact while none of its supporters paid since), its round (-1: none).
  readonly lastQ: Float64Array;
  readonly lastQTol: Float64Array;
  readonly lastBound: Float64Array;
  readonly lastBoundSlope: Float64Array;
  /** Live supporters' weight when the latest evaluation found no poor supporter (its bound is then exactly constant), else 0. */
  readonly lastConstWeight: Float64Array;
  readonly lastBoundOk: Uint8Array;
  readonly evaluatedAt: Int32Array;
  // Lazy-evaluation heap and skip-ahead bookkeeping of run(), see there.
  readonly rhoBound: Float64Array;
  readonly rhoBoundTol: Float64Array;
  readonly heap: Int32Array;
  readonly collected: Int32Array;
  readonly boundRho: Float64Array;
  readonly boundSlope: Float64Array;
  readonly boundTol: Float64Array;
  readonly boundConstWeight: Float64Array;
  readonly boundSince: Int32Array;
  readonly winnerRho: Float64Array;
  readonly winnerSlope: Float64Array;
  readonly winnerTol: Float64Array;
  readonly winnerConstWeight: Float64Array;
  readonly winnerProject: Int32Array;
  readonly tiedLargestId: Int32Array;

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
    this.slopes = new Float64Array(G);
    this.spent = new Float64Array(G);
    this.paidAt = new Int32Array(G);
    this.isEmpty = new Uint8Array(G);
    this.selOrder = new Int32Array(P);
    this.counts = new Float64Array(P + 1);
    this.scratchBudget = new Float64Array(maxSupporterGroups);
    this.scratchWeight = new Float64Array(maxSupporterGroups);
    this.scratchSlope = new Float64Array(maxSupporterGroups);
    this.scratchGroups = new Int32Array(maxSupporterGroups);
    this.lastQ = new Float64Array(P);
    this.lastQTol = new Float64Array(P);
    this.lastBound = new Float64Array(P);
    this.lastBoundSlope = new Float64Array(P);
    this.lastConstWeight = new Float64Array(P);
    this.lastBoundOk = new Uint8Array(P);
    this.evaluatedAt = new Int32Array(P);
    this.rhoBound = new Float64Array(P);
    this.rhoBoundTol = new Float64Array(P);
    this.heap = new Int32Array(C);
    this.collected = new Int32Array(C);
    this.boundRho = new Float64Array(P);
    this.boundSlope = new Float64Array(P);
    this.boundTol = new Float64Array(P);
    this.boundConstWeight = new Float64Array(P);
    this.boundSince = new Int32Array(P);
    this.winnerRho = new Float64Array(C);
    this.winnerSlope = new Float64Array(C);
    this.winnerTol = new Float64Array(C);
    this.winnerConstWeight = new Float64Array(C);
    this.winnerProject = new Int32Array(C);
    this.tiedLargestId = new Int32Array(C);
  }
}

/** One MES run with a fixed per-voter starting budget. */
export class MesRun {
  readonly sels: Selection[] = [];
  readonly baseF: number;
  readonly budgetTol: number;
  /**
   * Skip-ahead certificate (add1 only; proof in docs/allocation-rules.md): the number K of further increments over
   * which this run's outcome provably stays the same (0 = none proven).
   */
  skipK: number;
  /** Whether slopes d b_g / d b are tracked (skip-ahead). */
  private readonly track: boolean;
  private readonly incrementFloat: number;
  private readonly budgets: Float64Array;
  private readonly slopes: Float64Array;
  private readonly isEmpty: Uint8Array;
  readonly selOrder: Int32Array;

  constructor(
    readonly c: Election,
    readonly base: Rational,
    private readonly ws: Workspace = new Workspace(c),
    increment: Rational | null = null,
  ) {
    this.baseF = Q.toNumber(base);
    this.budgetTol = REL_TOL * Math.abs(this.baseF) + 1e-300;
    this.incrementFloat = increment ? Q.toNumber(increment) : 0;
    this.track = increment !== null && this.incrementFloat > 0;
    this.skipK = this.track ? Infinity : 0;
    // The workspace may be larger than this election (shared by independent parts): only [0, G) and [0, P) are used.
    const G = c.groupWeight.length;
    const P = c.ids.length;
    this.budgets = ws.budgets.fill(this.baseF, 0, G);
    this.slopes = ws.slopes;
    if (this.track) this.slopes.fill(1, 0, G);
    ws.spent.fill(0, 0, G);
    ws.paidAt.fill(0, 0, G);
    this.isEmpty = ws.isEmpty.fill(0, 0, G);
    this.selOrder = ws.selOrder.fill(-1, 0, P);
    ws.evaluatedAt.fill(-1, 0, P);
  }

  /** Current float budget of one voter of group g. */
  budget(g: number): number {
    return this.budgets[g]!;
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
    const k = Math.floor((lo / (-s * this.incrementFloat)) * (1 - 1e-9));
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
      const w = this.c.groupWeight[g]!;
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
    if (this.isEmpty[g]) return Q.ZERO;
    let b = this.base;
    const ap = this.c.groupApprovals[g]!;
    for (let j = 0; j < ap.length; j++) {
      const s = this.selOrder[ap[j]!]!;
      if (s >= 0) b = Q.sub(b, this.exactSelQ(s));
    }
    return b;
  }

  /**
   * Float water level q of project p (payment of a full-share supporter) and its error margin, stored in lastQ/lastQTol
   * (with the skip-ahead bound in lastBound/lastBoundSlope/lastBoundOk/lastConstWeight). Returns false when its supporters cannot pay for it.
   */
  evaluate(p: number): boolean {
    const c = this.c;
    const ws = this.ws;
    const sup = c.supporters[p]!;
    const supporterWeights = c.supporterWeights[p]!;
    const budgets = this.budgets;
    const slopes = this.slopes;
    const track = this.track && this.skipK > 0;
    const cost = c.costFloat[p]!;
    const B = ws.scratchBudget;
    const Wt = ws.scratchWeight;
    const S = ws.scratchSlope;
    let n = 0;
    let avail = 0;
    let W = 0;
    let Wsl = 0;
    let maxB = 0;
    if (track) {
      for (let i = 0; i < sup.length; i++) {
        const g = sup[i]!;
        const b = budgets[g]!;
        if (b > 0) {
          const w = supporterWeights[i]!;
          B[n] = b;
          Wt[n] = w;
          const wsl = w * slopes[g]!;
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
        const b = budgets[sup[i]!]!;
        const live = +(b > 0);
        const w = live * supporterWeights[i]!;
        B[n] = b;
        Wt[n] = w;
        n += live;
        avail += w * b;
        W += w;
        maxB = b > maxB ? b : maxB;
      }
    }
    const tolAvail = this.budgetTol * W + REL_TOL * cost;
    if (avail < cost - tolAvail) {
      // Unaffordable: its supporters' money M(b) = avail + Wsl*(b - b0) must stay below the cost.
      if (track) this.keepPositive(cost - avail, tolAvail, -Wsl, REL_TOL * Wsl);
      return false;
    }
    if (avail <= cost + tolAvail) {
      this.skipK = 0;
      const live: number[] = [];
      for (let i = 0; i < sup.length; i++) if (!this.isEmpty[sup[i]!]) live.push(sup[i]!);
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
    ws.lastQ[p] = q;
    ws.lastQTol[p] = this.budgetTol * (1 + poorW / richW) + (REL_TOL * cost) / richW;
    // Lower bound (cost - sum_P w*b_g(b)) / W_R of the water level for this partition (any partition gives one).
    const lok = track && W - poorW > 0;
    ws.lastBoundOk[p] = lok ? 1 : 0;
    if (lok) {
      ws.lastBound[p] = (cost - poorSum) / (W - poorW);
      ws.lastBoundSlope[p] = -poorSl / (W - poorW);
      ws.lastConstWeight[p] = poorW === 0 ? W : 0;
    }
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

  /**
   * Charges the supporters of p and records the selection (stamping them in paidAt). Returns the slope d q / d b of
   * the payment (skip-ahead; 0 when not tracked).
   */
  apply(p: number, qExact: Rational | null): number {
    const c = this.c;
    const sup = c.supporters[p]!;
    const supporterWeights = c.supporterWeights[p]!;
    const eq = this.ws.lastQ[p]!;
    const band = this.ws.lastQTol[p]! + this.budgetTol;
    const budgets = this.budgets;
    const slopes = this.slopes;
    const spent = this.ws.spent;
    const paidAt = this.ws.paidAt;
    const isEmpty = this.isEmpty;
    let q = qExact;
    let moneyBefore = 0;
    let alreadyEmpty = 0;
    let border = false;
    let poorSl = 0;
    let richW = 0;
    for (let i = 0; i < sup.length; i++) {
      const g = sup[i]!;
      if (isEmpty[g]) {
        alreadyEmpty += supporterWeights[i]!;
        continue;
      }
      const b = budgets[g]!;
      moneyBefore += b * supporterWeights[i]!;
      if (b < eq - band) poorSl += supporterWeights[i]! * slopes[g]!;
      else if (b > eq + band) richW += supporterWeights[i]!;
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
        spent[g]! += b - nb;
        budgets[g] = nb;
        if (track) slopes[g]! -= slope;
      }
    }
    for (let i = 0; i < ne; i++) {
      const g = emptied[i]!;
      if (track) this.keepPositive(qf - budgets[g]!, band, slope - slopes[g]!, REL_TOL * (slopes[g]! - slope));
      spent[g]! += budgets[g]!;
      budgets[g] = 0;
      slopes[g] = 0;
      isEmpty[g] = 1;
    }
    this.selOrder[p] = this.sels.length;
    this.sels.push({ p, qf, q, emptied: emptied.slice(0, ne), wRich, alreadyEmpty, moneyBefore });
    this.lastConstW = track && ne === 0 ? wRich : 0;
    return slope;
  }

  /** Payers' weight of the last selection when it had no poor supporter (its rho is then a constant), else 0. */
  private lastConstW = 0;

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
    // Skip-ahead bookkeeping. Bound of each candidate: rho >= boundRho + boundSlope*(b - b0) (within boundTol), exactly the constant
    // cost/(u*boundConstWeight) when boundConstWeight > 0; it was computed at round boundSince. Winner of round t: rho = winnerRho + winnerSlope*(b - b0) (within winnerTol),
    // the constant cost/(u*winnerConstWeight) when winnerConstWeight > 0; tiedLargestId[t]: largest id among the run of winners up to t with that same
    // constant.
    const track = this.track;
    const {
      boundRho,
      boundSlope,
      boundTol,
      boundConstWeight,
      boundSince,
      winnerRho,
      winnerSlope,
      winnerTol,
      winnerConstWeight,
      winnerProject,
      tiedLargestId,
    } = ws;
    // The static bounds: cost / (u * all supporters' weight), sorted once (a sorted array is a heap).
    heap.set(c.byStaticRhoBound);
    rhoBound.set(c.staticRhoBound);
    rhoBoundTol.set(c.staticRhoBoundTol);
    boundRho.set(c.staticRhoBound);
    boundSlope.fill(0, 0, c.ids.length);
    boundTol.set(c.staticRhoBoundTol);
    boundConstWeight.set(c.supportWeight);
    boundSince.fill(0, 0, c.ids.length);
    /** p's bound, in force since round boundSince[p], kept p from winning rounds boundSince[p] .. t-1 (see the proof). */
    const endSegment = (p: number, t: number): void => {
      const s = t - 1;
      if (s < boundSince[p]! || this.skipK === 0) return;
      if (boundConstWeight[p]! > 0 && winnerConstWeight[s]! > 0) {
        const o = this.constCmp(p, boundConstWeight[p]!, winnerProject[s]!, winnerConstWeight[s]!);
        if (o < 0 || (o === 0 && compareIds(ids[p]!, ids[tiedLargestId[s]!]!) <= 0)) this.skipK = 0;
        return;
      }
      this.keepPositive(
        boundRho[p]! - winnerRho[s]!,
        boundTol[p]! + winnerTol[s]!,
        boundSlope[p]! - winnerSlope[s]!,
        REL_TOL * (Math.abs(boundSlope[p]!) + Math.abs(winnerSlope[s]!)),
      );
    };
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
          if (track) endSegment(p, t);
          const ok = this.evaluate(p);
          evaluatedAt[p] = t;
          if (!ok) continue;
          const u = c.utilityFloat[p]!;
          rhoBound[p] = ws.lastQ[p]! / u;
          rhoBoundTol[p] = ws.lastQTol[p]! / u;
          if (track && ws.lastBoundOk[p]) {
            boundRho[p] = ws.lastBound[p]! / u;
            boundSlope[p] = ws.lastBoundSlope[p]! / u;
            boundTol[p] = rhoBoundTol[p]!;
            boundConstWeight[p] = ws.lastConstWeight[p]!;
            boundSince[p] = t;
          }
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
      if (track) endSegment(winner, t);
      const slope = this.apply(winner, winnerQ);
      for (let i = 0; i < nc; i++) if (collected[i] !== winner) push(collected[i]!);
      if (track && this.skipK > 0) {
        const u = c.utilityFloat[winner]!;
        const constW = this.lastConstW;
        winnerRho[t] = this.sels[t]!.qf / u;
        winnerSlope[t] = slope / u;
        winnerTol[t] = rhoBoundTol[winner]!;
        winnerConstWeight[t] = constW;
        winnerProject[t] = winner;
        tiedLargestId[t] = winner;
        if (t > 0) {
          // Chain: the winners' rho forms must stay non-decreasing over the rounds.
          if (winnerConstWeight[t - 1]! > 0 && constW > 0) {
            const o = this.constCmp(winner, constW, winnerProject[t - 1]!, winnerConstWeight[t - 1]!);
            if (o < 0) this.skipK = 0;
            else if (o === 0 && compareIds(ids[tiedLargestId[t - 1]!]!, ids[winner]!) > 0)
              tiedLargestId[t] = tiedLargestId[t - 1]!;
          } else {
            this.keepPositive(
              winnerRho[t]! - winnerRho[t - 1]!,
              winnerTol[t]! + winnerTol[t - 1]!,
              winnerSlope[t]! - winnerSlope[t - 1]!,
              REL_TOL * (Math.abs(winnerSlope[t]!) + Math.abs(winnerSlope[t - 1]!)),
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
