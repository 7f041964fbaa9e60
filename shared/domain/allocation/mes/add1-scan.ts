/**
 * The add1 completion: pabutools' linear scan over per-voter budgets B/n + k * increment, computing only the runs that
 * no certificate proves unchanged, and scanning independent parts of the election separately (docs/allocation-rules.md,
 * "Why add1 skipping is exact").
 */
import type { Rational } from '../rational';
import * as Q from '../rational';
import type { Election } from './election';
import { buildElection } from './election';
import { MesRun, Workspace } from './run';

/** Total cost of a run's selection (up-front ones included), in the scaled integers of `Election.costScaled`. */
export function scaledCost(c: Election, r: MesRun): bigint {
  let t = c.upfrontScaled;
  for (const s of r.sels) t += c.costScaled[s.p]!;
  return t;
}

/**
 * pabutools' is_exhaustive in scaled integers: no project of `among` that is not selected fits in `left`.
 */
export function exhaustive(c: Election, among: Iterable<number>, left: bigint, selected: (p: number) => boolean): boolean {
  for (const p of among) if (c.costScaled[p]! <= left && !selected(p)) return false;
  return true;
}

export function sameOutcome(a: MesRun, b: MesRun): boolean {
  return a.sels.length === b.sels.length && a.sels.every((s, i) => s.p === b.sels[i]!.p);
}

/**
 * When to track the skip-ahead certificate, which costs time: after 8 tracked runs in a row proved nothing, pause it
 * for 1, 2, 4, ... 32 runs between tries, until it proves something again.
 */
export class TrackingPolicy {
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
export type Part = {
  members: Int32Array;
  c: Election;
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
export function splitParts(c: Election, skip: boolean): Part[] | null {
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
    part.weights.push(c.groupWeight[g]!);
    part.approvals.push(approvals);
  });
  const compiled = [...partOf.values()].map(({ members, weights, approvals }) => {
    let voters = 0;
    for (const w of weights) voters += w;
    const ids = members.map((p) => c.ids[p]!);
    const costs = members.map((p) => c.costs[p]!);
    return { members, pc: buildElection(ids, costs, weights, approvals, BigInt(voters), c.budget, c.utility, []) };
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
 * The add1 linear scan over independent parts (docs/allocation-rules.md, "Independent parts"): the index k of the run at which
 * pabutools' scan stops, whether that run overspent, and the selected candidates of the run the scan returns.
 */
export function scanParts(
  c: Election,
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

/** Options of the add1 scan (see {@link MesInput}). */
export type Add1Options = Readonly<{ increment: Rational; maxRuns: number; skipAhead: boolean; parts: boolean }>;

/**
 * pabutools' add1 completion: the run the linear scan over per-voter budgets perVoter0 + k * increment returns (already
 * run), the scan's number of runs (its final k + 1) and the runs actually computed.
 */
export function scanAdd1(
  c: Election,
  perVoter0: Rational,
  options: Add1Options,
): { finalRun: MesRun; runs: number; computed: number } {
  const { increment: inc, maxRuns } = options;
  let runs = 0;
  let computed = 0;
  let finalRun: MesRun;
  const skip = options.skipAhead && inc.num > 0n;
  const baseOf = (k: number): Rational => Q.add(perVoter0, Q.mulInt(inc, BigInt(k)));
  const parts = options.parts ? splitParts(c, skip) : null;
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
  return { finalRun: finalRun!, runs, computed };
}
