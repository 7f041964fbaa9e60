/**
 * The add1 set certificate: MES run over a whole interval of per-voter bases [bLo, bHi] at once, in interval
 * arithmetic (docs/allocation-rules.md, "Why add1 skipping is exact"). Each group's budget is a pair of bounds, each
 * candidate's water level and rho a pair of bounds. A round buys the one candidate that certainly comes next, or the
 * whole frontier of candidates that may come next when they commute (their shared supporters can pay all of them in
 * full); otherwise it branches on which of them comes next. The result is the family of selected SETS that covers
 * every run with a base in the interval (one set when the branches agree), or null when the branches grow too many.
 */
import type { Election } from './election';
import { REL_TOL } from './run';

/** Buffers of the interval run, sized for the largest election it serves (independent parts share one). */
export class IntervalWorkspace {
  readonly need: Float64Array;
  readonly shared: Int32Array;
  readonly collected: Int32Array;
  /** Live supporters' upper and lower budget bounds and weights, for one evaluation. */
  readonly scratchBudget: Float64Array;
  readonly scratchLow: Float64Array;
  readonly scratchWeight: Float64Array;
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
    this.need = new Float64Array(G);
    this.shared = new Int32Array(G);
    this.collected = new Int32Array(P);
    this.scratchBudget = new Float64Array(S);
    this.scratchLow = new Float64Array(S);
    this.scratchWeight = new Float64Array(S);
    this.waiting = new Uint8Array(P);
    this.maxG = G;
    this.maxP = P;
  }

  /** A branch from the pool (or a new one) sized for every election of the workspace; its contents are stale. */
  take(): Branch {
    return (
      this.pool.pop() ?? {
        lo: new Float64Array(this.maxG),
        hi: new Float64Array(this.maxG),
        paidAt: new Int32Array(this.maxG),
        rhoLo: new Float64Array(this.maxP),
        rhoHi: new Float64Array(this.maxP),
        qLo: new Float64Array(this.maxP),
        qHi: new Float64Array(this.maxP),
        evaluatedAt: new Int32Array(this.maxP),
        heap: new Int32Array(this.maxP),
        size: 0,
        bought: [],
        round: 0,
      }
    );
  }
}

/** One branch of the interval run: budget bounds per group, bounds per candidate, the heap and what it bought. */
type Branch = {
  lo: Float64Array;
  hi: Float64Array;
  /** 1 + the round in which the group last paid (0: never). */
  paidAt: Int32Array;
  rhoLo: Float64Array;
  rhoHi: Float64Array;
  qLo: Float64Array;
  qHi: Float64Array;
  /** Round of the candidate's latest evaluation (-1: none). */
  evaluatedAt: Int32Array;
  /** Binary min-heap of waiting candidates keyed by rhoLo (a lower bound of rho that stays valid as budgets fall). */
  heap: Int32Array;
  size: number;
  bought: number[];
  round: number;
};

/** A copy of branch b (G groups, P projects) in a branch of the workspace's pool. */
function cloneBranch(ws: IntervalWorkspace, b: Branch, G: number, P: number): Branch {
  const t = ws.take();
  t.lo.set(b.lo.subarray(0, G));
  t.hi.set(b.hi.subarray(0, G));
  t.paidAt.set(b.paidAt.subarray(0, G));
  t.rhoLo.set(b.rhoLo.subarray(0, P));
  t.rhoHi.set(b.rhoHi.subarray(0, P));
  t.qLo.set(b.qLo.subarray(0, P));
  t.qHi.set(b.qHi.subarray(0, P));
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
 * less than q (for the error margin). The caller has checked that they hold more than the cost.
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
    for (let i = 0; i < n; i++) {
      const b = budgets[i]!;
      if (b < q) {
        w += weights[i]!;
        sum += weights[i]! * b;
      }
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

/**
 * The family of candidate sets (indices into `c`, each sorted ascending, no two equal) such that MES selects one of
 * them for EVERY per-voter base in [bLo, bHi]; null when covering the interval needs more than `maxBranches`
 * branches, or more than `maxWork` work (supporters read by evaluations, plus groups and projects copied or joined
 * by branches; an exact run's work is the supporters its evaluations read). Giving up never changes an outcome (the
 * scan then covers the runs otherwise), so the limit only bounds what a failing proof wastes. Float bounds are
 * widened by the `REL_TOL` margins of `run.ts`.
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
): Int32Array[] | null {
  const G = c.groupWeight.length;
  const P = c.ids.length;
  const { need, shared, collected } = ws;
  const B = ws.scratchBudget;
  const L = ws.scratchLow;
  const Wt = ws.scratchWeight;
  // Absolute slack of one budget operation (float rounding is ~1e-16 relative; this is far above it).
  const eps = REL_TOL * Math.abs(bHi);
  let work = 0;

  /**
   * Bounds of p's water level and rho over the interval, from the upper and lower budget bounds. Returns false when
   * p is certainly unaffordable (its supporters' money is below the cost even at the upper bounds).
   */
  const evaluate = (st: Branch, p: number): boolean => {
    const { lo, hi } = st;
    const sup = c.supporters[p]!;
    const sw = c.supporterWeights[p]!;
    const cost = c.costFloat[p]!;
    const u = c.utilityFloat[p]!;
    const tolCost = REL_TOL * cost;
    work += sup.length;
    let n = 0;
    let total = 0;
    let moneyHi = 0;
    let moneyLo = 0;
    for (let i = 0; i < sup.length; i++) {
      const g = sup[i]!;
      const h = hi[g]!;
      if (h <= 0) continue;
      const w = sw[i]!;
      const l = lo[g]!;
      B[n] = h;
      L[n] = l;
      Wt[n] = w;
      total += w;
      moneyHi += w * h;
      moneyLo += w * l;
      n++;
    }
    const moneyTol = eps * total + tolCost;
    if (moneyHi < cost - moneyTol) return false;
    // Lower bound of q: the water level at the upper budgets (every real run has less money, so a higher level).
    if (moneyHi > cost + moneyTol) {
      const { q, poorW } = waterLevel(B, Wt, n, total, cost);
      const richW = Math.max(total - poorW, 1e-300);
      st.qLo[p] = Math.max(0, q - (eps * (1 + poorW / richW) + tolCost / richW));
    } else st.qLo[p] = Math.max(0, (cost / total) * (1 - REL_TOL));
    // Upper bound of q: the water level at the lower budgets, infinite when p may be unaffordable there.
    if (moneyLo > cost + moneyTol) {
      const { q, poorW } = waterLevel(L, Wt, n, total, cost);
      const richW = Math.max(total - poorW, 1e-300);
      st.qHi[p] = q + eps * (1 + poorW / richW) + tolCost / richW;
    } else st.qHi[p] = Infinity;
    st.rhoLo[p] = st.qLo[p]! / u;
    st.rhoHi[p] = st.qHi[p]! / u;
    return true;
  };

  const less = (st: Branch, a: number, b: number): boolean =>
    st.rhoLo[a]! < st.rhoLo[b]! || (st.rhoLo[a] === st.rhoLo[b] && a < b);
  const push = (st: Branch, p: number): void => {
    const heap = st.heap;
    let i = st.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const x = heap[parent]!;
      if (!less(st, p, x)) break;
      heap[i] = x;
      i = parent;
    }
    heap[i] = p;
  };
  const pop = (st: Branch): number => {
    const heap = st.heap;
    const top = heap[0]!;
    const last = heap[--st.size]!;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= st.size) break;
      if (child + 1 < st.size && less(st, heap[child + 1]!, heap[child]!)) child++;
      if (!less(st, heap[child]!, last)) break;
      heap[i] = heap[child]!;
      i = child;
    }
    if (st.size > 0) heap[i] = last;
    return top;
  };
  const dirty = (st: Branch, p: number): boolean => {
    const at = st.evaluatedAt[p]!;
    if (at < 0) return true;
    const sup = c.supporters[p]!;
    for (let i = 0; i < sup.length; i++) if (st.paidAt[sup[i]!]! > at) return true;
    return false;
  };
  /** Charges p's supporters within the bounds of its payment. */
  const buy = (st: Branch, p: number): void => {
    const { lo, hi, paidAt } = st;
    st.bought.push(p);
    const sup = c.supporters[p]!;
    const qh = st.qHi[p]!;
    const ql = st.qLo[p]!;
    for (let j = 0; j < sup.length; j++) {
      const g = sup[j]!;
      if (hi[g]! <= 0) continue;
      lo[g] = Math.max(0, lo[g]! - qh - eps);
      const h = hi[g]! - ql + eps;
      hi[g] = h > eps ? h : 0;
      paidAt[g] = st.round + 1;
    }
  };
  /** Whether frontier members collected[0..nf) commute: each group supporting two or more can pay all in full. */
  const commute = (st: Branch, nf: number): boolean => {
    for (let i = 0; i < nf; i++) {
      const sup = c.supporters[collected[i]!]!;
      for (let j = 0; j < sup.length; j++) {
        need[sup[j]!] = 0;
        shared[sup[j]!] = 0;
      }
    }
    for (let i = 0; i < nf; i++) {
      const p = collected[i]!;
      const sup = c.supporters[p]!;
      for (let j = 0; j < sup.length; j++) {
        need[sup[j]!]! += st.qHi[p]!;
        shared[sup[j]!]!++;
      }
    }
    for (let i = 0; i < nf; i++) {
      const sup = c.supporters[collected[i]!]!;
      for (let j = 0; j < sup.length; j++) {
        const g = sup[j]!;
        if (shared[g]! > 1 && st.hi[g]! > 0 && !(st.lo[g]! > need[g]! + eps)) return false;
      }
    }
    return true;
  };

  /**
   * Runs the branch to its end (returns null) or to a round where the next winner is ambiguous: then returns the
   * branches, one per possible next winner (plus "the run ends here" when no candidate is certainly affordable).
   */
  const advance = (st: Branch, spare: number): Branch[] | 'too many' | null => {
    for (; ; st.round++) {
      if (work > maxWork) return 'too many';
      const round = st.round;
      // Every candidate whose rho may be the least: T is the least upper bound; the heap's keys are lower bounds,
      // so candidates left in it certainly come after T.
      let nc = 0;
      let T = Infinity;
      const collect = (lowerT: boolean): void => {
        while (st.size > 0 && st.rhoLo[st.heap[0]!]! <= T) {
          const p = pop(st);
          if (dirty(st, p)) {
            st.evaluatedAt[p] = round;
            if (!evaluate(st, p)) continue;
          }
          collected[nc++] = p;
          if (lowerT && st.rhoHi[p]! < T) T = st.rhoHi[p]!;
        }
      };
      collect(true);
      if (nc === 0) return null;
      const first = T;
      // The frontier: while a member may come as late as some T' > T, widen it to everything that may come before
      // T'. If it ends finite and its members commute, all of them are bought, in whatever order, before any other.
      while (T !== Infinity) {
        let latest = T;
        for (let i = 0; i < nc; i++) {
          const p = collected[i]!;
          if (st.rhoLo[p]! <= T && st.rhoHi[p]! > latest) latest = st.rhoHi[p]!;
        }
        if (latest === T) break;
        T = latest;
        collect(false);
      }
      let nf = 0;
      for (let i = 0; i < nc; i++) {
        const p = collected[i]!;
        if (st.rhoLo[p]! <= T) collected[nf++] = p;
        else push(st, p);
      }
      if (T !== Infinity && (nf === 1 || commute(st, nf))) {
        for (let i = 0; i < nf; i++) buy(st, collected[i]!);
        continue;
      }
      // Ambiguous: the next winner is one of the candidates that may beat the least upper bound.
      const options: number[] = [];
      for (let i = 0; i < nf; i++) if (st.rhoLo[collected[i]!]! <= first) options.push(collected[i]!);
      for (let i = 0; i < nf; i++) push(st, collected[i]!);
      if (options.length + (first === Infinity ? 1 : 0) - 1 > spare) return 'too many';
      const out: Branch[] = [];
      work += (options.length + (first === Infinity ? 1 : 0)) * (G + P);
      if (first === Infinity) {
        // Maybe nothing is affordable any more: one branch ends the run here.
        const end = cloneBranch(ws, st, G, P);
        end.size = 0;
        out.push(end);
      }
      for (const p of options) {
        const b = cloneBranch(ws, st, G, P);
        removeFromHeap(b, p);
        buy(b, p);
        b.round++;
        out.push(b);
      }
      return out;
    }
  };
  const removeFromHeap = (st: Branch, p: number): void => {
    // Rebuild without p (rare: only on ambiguous rounds).
    const rest: number[] = [];
    for (let i = 0; i < st.size; i++) if (st.heap[i] !== p) rest.push(st.heap[i]!);
    st.size = 0;
    for (const x of rest) push(st, x);
  };

  /**
   * Widens `a` to cover `b` too (same purchases): the hull of the budget bounds. Candidates with a widened supporter
   * (or that `a` had dropped) are re-evaluated when they come up; the others keep `a`'s evaluation, still exact.
   */
  const joinInto = (a: Branch, b: Branch): void => {
    const round = Math.max(a.round, b.round) + 1;
    work += G + P;
    for (let g = 0; g < G; g++) {
      let widened = false;
      if (b.lo[g]! < a.lo[g]!) {
        a.lo[g] = b.lo[g]!;
        widened = true;
      }
      if (b.hi[g]! > a.hi[g]!) {
        a.hi[g] = b.hi[g]!;
        widened = true;
      }
      if (widened) a.paidAt[g] = round;
    }
    const waiting = ws.waiting.fill(0, 0, P);
    for (let i = 0; i < a.size; i++) waiting[a.heap[i]!] = 1;
    for (let i = 0; i < b.size; i++) waiting[b.heap[i]!]! |= 2;
    a.size = 0;
    for (let p = 0; p < P; p++) {
      if (waiting[p] === 0) continue;
      if (!(waiting[p]! & 1)) {
        a.evaluatedAt[p] = -1;
        a.rhoLo[p] = b.rhoLo[p]!;
      } else if (waiting[p]! & 2 && dirty(a, p)) a.rhoLo[p] = Math.min(a.rhoLo[p]!, b.rhoLo[p]!);
      push(a, p);
    }
    a.round = round;
  };

  // Branches come from the workspace's pool (indices past this election's G and P are never read).
  const root = ws.take();
  root.lo.fill(Math.max(0, bLo - eps), 0, G);
  root.hi.fill(bHi + eps, 0, G);
  root.paidAt.fill(0, 0, G);
  root.rhoLo.fill(0, 0, P);
  root.rhoHi.fill(0, 0, P);
  root.qLo.fill(0, 0, P);
  root.qHi.fill(0, 0, P);
  root.evaluatedAt.fill(-1, 0, P);
  root.size = 0;
  root.bought = [];
  root.round = 0;
  for (const p of c.byStaticRhoBound) {
    root.rhoLo[p] = c.staticRhoBound[p]! * (1 - REL_TOL);
    root.heap[root.size++] = p;
  }
  // Branches that have bought the same set (in different orders) are joined into one that covers both, so ambiguous
  // rounds add branches instead of multiplying them; the one with the fewest purchases goes first, so branches meet.
  const sets = new Map<string, Int32Array>();
  const pending = new Map<string, Branch>([['', root]]);
  let branches = 1;
  while (pending.size > 0) {
    let key = '';
    let st: Branch | null = null;
    for (const [k, b] of pending) if (st === null || b.bought.length < st.bought.length) [key, st] = [k, b];
    pending.delete(key);
    const next = advance(st!, maxBranches - branches);
    if (next === null) {
      const set = Int32Array.from(st!.bought).sort();
      sets.set(set.join(','), set);
    }
    // st is done with: it ended, or the branches that follow it are copies.
    ws.pool.push(st!);
    if (next === 'too many') {
      ws.pool.push(...pending.values());
      return null;
    }
    if (next === null) continue;
    branches += next.length - 1;
    if (branches > maxBranches) {
      ws.pool.push(...pending.values(), ...next);
      return null;
    }
    for (const b of next) {
      const k = Int32Array.from(b.bought).sort().join(',');
      const other = pending.get(k);
      if (other) {
        joinInto(other, b);
        ws.pool.push(b);
      } else pending.set(k, b);
    }
  }
  return [...sets.values()];
}
