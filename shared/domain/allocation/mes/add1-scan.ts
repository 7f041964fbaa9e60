/**
 * The add1 completion: pabutools' linear scan over per-voter budgets B/n + k * increment. Stretches of runs whose
 * selected set is proven at once by the interval certificate (`interval-run.ts`) are passed in one step, growing
 * the stretch while proofs succeed and halving it when one fails; independent parts of the election are scanned
 * separately (docs/allocation-rules.md, "Why add1 skipping is exact").
 */
import type { Rational } from '../rational';
import * as Q from '../rational';
import type { Election, GroupTable } from './election';
import { buildElection } from './election';
import { MesRun, Workspace } from './run';
import { coverSelections, IntervalWorkspace } from './interval-run';
import type { ProofStats } from './interval-run';

/**
 * A MES computation refused for a reason the user can act on, in English (`message`) and Thai: a RangeError, as the
 * engine's other refusals are, but one that a command line or a dialog can show as it is.
 */
export class MesRangeError extends RangeError {
  constructor(
    message: string,
    readonly messageTh: string,
  ) {
    super(message);
    this.name = 'MesRangeError';
  }
}

/**
 * The add1 scan reached `maxRuns` without stopping: each run raises every voter's budget by one increment, and an
 * election whose budget is huge next to what its voters' shares can buy would need more runs than that.
 */
function notSettled(maxRuns: number): MesRangeError {
  const n = maxRuns.toLocaleString('en-US');
  return new MesRangeError(
    `MES add1 did not settle within ${n} runs: the per-voter budget would have to rise more than ${n} times; use a rule without add1 (e.g. mes_cost) or check the budget and costs`,
    `MES แบบ add1 หาผลไม่ได้ภายใน ${n} รอบ: ต้องเพิ่มงบต่อผู้ลงคะแนนเกิน ${n} ครั้ง ให้ใช้กฎที่ไม่มี add1 (เช่น mes_cost) หรือตรวจงบประมาณและราคาโครงการ`,
  );
}

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

/**
 * An independent part of the election: its candidates (global indices) compiled on their own, and its scan state: the
 * family of sets (global indices) that covers its outcome on runs start .. valid (one set: the outcome is known).
 */
export type Part = {
  /** Global index of each of the part's projects (its election numbers them 0..). */
  members: Int32Array;
  c: Election;
  ws: Workspace;
  intervals: IntervalWorkspace;
  /** Number of runs the next interval proof tries to cover, and the last that a proof covered. */
  stretch: number;
  good: number;
  /** Proofs that failed in a row, and the exact runs to compute before the next try (back-off). */
  failures: number;
  wait: number;
  /**
   * Growing the stretch: `ceiling` is half the stretch of the latest proof that failed at the first try (a first-try
   * success beyond it lifts it); growing past it waits for `credit` more first-try proofs below it, a wait that
   * doubles with each first try that failed since it was last lifted (`ceilingFailures`).
   */
  ceiling: number;
  credit: number;
  ceilingFailures: number;
  /** First and last k of the add1 scan covered by `sets` (valid -1: not computed yet). */
  start: number;
  valid: number;
  sets: Int32Array[];
  /** Whether each run's selection is one of `sets` (false: each run's selection is within one of them, a cover). */
  exact: boolean;
  /** The largest scaled cost among `sets`. */
  cost: bigint;
  /** The family of the stretch before the current one (for the run before an overspending one), and its `exact`. */
  prevSets: Int32Array[];
  prevExact: boolean;
  /**
   * Longest stretch whose proof may end in a cover instead of giving up (`coverSelections`); halved when a cover
   * did not pass the scan's test.
   */
  coverLimit: number;
  /** Work of the part's latest exact run (supporters its evaluations read; before any, every candidate's once). */
  runWork: number;
};

/** Most exact runs computed before proofs are tried again after failing (`advancePart`). */
const MAX_WAIT = 64;

/** Shortest stretch worth a proof: a proof costs a few runs, so shorter stretches are computed run by run. */
const MIN_STRETCH = 4;

/**
 * Most branches an interval proof may make before it gives up (it then returns a cover, or the stretch is halved),
 * joined ones included. Long stretches pass many swaps of neighbours in the winners' order (each a branch, joined
 * again a purchase or two later), but since proofs that give up still bound the selections, a proof that would need
 * more is cheaper given up: 48 over stretches of 64 runs or more cost budget 1e9 40% more work than 16 (232.9 against
 * 167.5 million supporters read, branches copied and joined) for 84 computations instead of 114.
 */
const MAX_BRANCHES = 16;

/**
 * Splits the MES candidates into parts linked by shared supporters (union-find over the ballot groups); null when
 * there are fewer than two parts.
 */
export function splitParts(c: Election): Part[] | null {
  const P = c.ids.length;
  const G = c.groupWeight.length;
  const { groupApprovalStart: start, groupApprovalProjects: approved } = c;
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
  for (let g = 0; g < G; g++) {
    let first = -1;
    for (let j = start[g]!; j < start[g + 1]!; j++) {
      const p = approved[j]!;
      if (!isCand[p]) continue;
      if (first < 0) first = find(p);
      else {
        const r = find(p);
        if (r !== first) parent[r] = first;
      }
    }
  }
  // Parts numbered in order of their first candidate; each candidate's index within its part (candidates in index
  // order, so ids and tie-breaking are unchanged).
  const partOfRoot = new Int32Array(P).fill(-1);
  const partOf = new Int32Array(P).fill(-1);
  const local = new Int32Array(P);
  const members: number[][] = [];
  for (const p of c.candidates) {
    const r = find(p);
    if (partOfRoot[r]! < 0) {
      partOfRoot[r] = members.length;
      members.push([]);
    }
    const part = partOfRoot[r]!;
    partOf[p] = part;
    local[p] = members[part]!.length;
    members[part]!.push(p);
  }
  const n = members.length;
  if (n < 2) return null;
  // Each part's groups (those approving one of its candidates, in group order) with approvals renumbered, in the
  // flat layout: counted first, then filled.
  const groupOf = new Int32Array(G).fill(-1);
  const groupCount = new Int32Array(n);
  const approvalCount = new Int32Array(n);
  for (let g = 0; g < G; g++) {
    let part = -1;
    let m = 0;
    for (let j = start[g]!; j < start[g + 1]!; j++) {
      const p = approved[j]!;
      if (!isCand[p]) continue;
      part = partOf[p]!;
      m++;
    }
    if (part < 0) continue;
    groupOf[g] = part;
    groupCount[part]!++;
    approvalCount[part]! += m;
  }
  // The parts' tables as views of three flat arrays (three buffers in all).
  let groupTotal = 0;
  let approvalTotal = 0;
  for (let part = 0; part < n; part++) {
    groupTotal += groupCount[part]!;
    approvalTotal += approvalCount[part]!;
  }
  const allWeights = new Float64Array(groupTotal);
  const allStarts = new Int32Array(groupTotal + n);
  const allProjects = new Int32Array(approvalTotal);
  const tables: GroupTable[] = [];
  for (let part = 0, g0 = 0, a0 = 0; part < n; part++) {
    const groups = groupCount[part]!;
    tables.push({
      weights: allWeights.subarray(g0, g0 + groups),
      start: allStarts.subarray(g0 + part, g0 + part + groups + 1),
      projects: allProjects.subarray(a0, a0 + approvalCount[part]!),
    });
    g0 += groups;
    a0 += approvalCount[part]!;
  }
  const voters = new Float64Array(n);
  groupCount.fill(0);
  approvalCount.fill(0);
  for (let g = 0; g < G; g++) {
    const part = groupOf[g]!;
    if (part < 0) continue;
    const table = tables[part]!;
    const i = groupCount[part]!++;
    let at = approvalCount[part]!;
    table.weights[i] = c.groupWeight[g]!;
    voters[part]! += c.groupWeight[g]!;
    for (let j = start[g]!; j < start[g + 1]!; j++) {
      const p = approved[j]!;
      if (isCand[p]) table.projects[at++] = local[p]!;
    }
    approvalCount[part] = at;
    table.start[i + 1] = at;
  }
  const compiled = members.map((list, part) => {
    const ids = list.map((p) => c.ids[p]!);
    const costs = list.map((p) => c.costs[p]!);
    return {
      members: Int32Array.from(list),
      pc: buildElection(ids, costs, tables[part]!, BigInt(voters[part]!), c.budget, c.utility, []),
    };
  });
  // Parts run one at a time and keep only their selections: one workspace serves them all.
  const ws = new Workspace(...compiled.map((x) => x.pc));
  const intervals = new IntervalWorkspace(...compiled.map((x) => x.pc));
  return compiled.map(({ members, pc }) => newPart(members, pc, ws, intervals));
}

function newPart(members: Int32Array, c: Election, ws: Workspace, intervals: IntervalWorkspace): Part {
  return {
    members,
    c,
    ws,
    intervals,
    stretch: MIN_STRETCH,
    good: MIN_STRETCH,
    failures: 0,
    wait: 0,
    ceiling: Infinity,
    credit: 0,
    ceilingFailures: 0,
    start: 0,
    valid: -1,
    sets: [],
    exact: true,
    cost: 0n,
    prevSets: [],
    prevExact: true,
    coverLimit: Infinity,
    runWork: c.candidates.reduce((n, p) => n + c.supporters[p]!.length, 0),
  };
}

/**
 * A proof over a stretch of s runs may work as much as max(PROOF_WORK_MIN_RUNS, s * PROOF_WORK_PER_RUN) exact runs of
 * the part (`coverSelections`' maxWork) before it gives up: a proof that succeeds costs about 1.5 runs, and one that
 * fails could otherwise cost ten (the city of 100,000, where every proof fails). Giving up changes no outcome.
 */
const PROOF_WORK_MIN_RUNS = 2;
const PROOF_WORK_PER_RUN = 0.25;

/** The whole election as its only part. */
function wholePart(c: Election): Part {
  return newPart(
    Int32Array.from(c.ids, (_, p) => p),
    c,
    new Workspace(c),
    new IntervalWorkspace(c),
  );
}

/**
 * The family of sets (the part's own indices) covering the part's outcome from run k on, and the last run it covers:
 * the interval proof over runs k .. k + stretch - 1, halving the stretch on failure, down to the exact run k alone.
 * A proof that gives up over a stretch no longer than `coverLimit` returns a cover instead (`exact` false: each run's
 * selection is within one of the sets), which the scan's test may still pass. After proofs failed down to one run,
 * the next runs are computed exactly without trying until they have worked 1, 2, 4 .. times what the failed proofs
 * did (at most `MAX_WAIT` runs; proofs cost more than a run, and fail where the set changes every few runs). Returns
 * the number of runs (proofs and exact runs) computed.
 */
function advancePart(
  part: Part,
  k: number,
  baseOf: (k: number) => Rational,
  maxRuns: number,
  skip: boolean,
): { sets: ArrayLike<number>[]; exact: boolean; computed: number } {
  let computed = 0;
  if (skip && part.wait > 0) part.wait--;
  else if (skip) {
    const bLo = Q.toNumber(baseOf(k));
    const stats: ProofStats = { jointPurchases: 0, branches: 0, joins: 0, work: 0 };
    for (let stretch = Math.min(part.stretch, maxRuns - k); stretch >= MIN_STRETCH; stretch = Math.floor(stretch / 2)) {
      computed++;
      // A proof that gives up still bounds the stretch's selections (a cover) unless covers of this length failed.
      const cover = stretch <= part.coverLimit;
      const maxWork = part.runWork * Math.max(PROOF_WORK_MIN_RUNS, stretch * PROOF_WORK_PER_RUN);
      const bHi = Q.toNumber(baseOf(k + stretch - 1));
      const before = stats.work;
      const proof = coverSelections(part.c, part.intervals, bLo, bHi, MAX_BRANCHES, maxWork, cover, stats);
      part.stretch = stretch;
      if (proof) {
        // Proofs pay again when this one worked less than the runs it passes (else the back-off goes on).
        if (stats.work - before < stretch * part.runWork) part.failures = 0;
        part.good = stretch;
        part.valid = k + stretch - 1;
        // Grow after a proof that worked at the first try (not right after a failed longer one); a cover, only as far
        // as covers are still tried (beyond, proofs that would have ended in covers only give up).
        if (computed === 1 && stretch > part.ceiling) {
          part.ceiling = Infinity;
          part.ceilingFailures = 0;
        }
        if (proof.sets.length === 1 && computed === 1) {
          const grown = proof.exact ? stretch * 2 : Math.max(stretch, Math.min(stretch * 2, part.coverLimit));
          if (grown <= part.ceiling || part.credit-- <= 0) part.stretch = grown;
        }
        return { ...proof, computed };
      }
      if (computed === 1 && stretch > MIN_STRETCH) {
        part.ceiling = stretch / 2;
        part.credit = 2 ** part.ceilingFailures++;
      }
    }
    // Exact runs until they have worked 2^failures times what the failed proofs did (they cost about two runs each
    // where the set changes every few runs).
    if (computed > 0) part.wait = Math.min(Math.ceil((2 ** part.failures++ * stats.work) / part.runWork), MAX_WAIT);
  }
  // One run alone: the exact run (cheaper than a proof); the next proof tries the last stretch that worked.
  const r = new MesRun(part.c, baseOf(k), part.ws);
  r.run();
  part.runWork = r.reads;
  part.valid = k;
  part.stretch = part.good;
  return { sets: [r.sels.map((s) => s.p)], exact: true, computed: computed + 1 };
}

/**
 * The add1 linear scan over independent parts (docs/allocation-rules.md, "Independent parts"): the index k of the run at which
 * pabutools' scan stops, whether that run overspent, and the selected candidates of the run the scan returns.
 */
export function scanParts(
  c: Election,
  parts: Part[],
  baseOf: (k: number) => Rational,
  maxRuns: number,
  skip: boolean,
  progress: (cost: bigint) => void = () => undefined,
): { k: number; overspent: boolean; selected: Set<number> | null; computed: number } {
  // maybe[p]: p is in some set of its part's family; total: up-front cost plus each part's largest cost.
  const maybe = new Uint8Array(c.ids.length);
  let total = c.upfrontScaled;
  let computed = 0;
  // Parts in a binary min-heap by the last k their family covers.
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
  // Runs up to the plainest cover's last k need no computing (`affordableCover`).
  const first = skip ? affordableCover(c, baseOf, maxRuns) + 1 : 0;
  if (first >= maxRuns) throw notSettled(maxRuns);
  for (let k = first; ;) {
    while (key(heap[0]!) < k) {
      const part = parts[heap[0]!]!;
      const step = advancePart(part, k, baseOf, maxRuns, skip);
      computed += step.computed;
      for (const set of part.sets) for (const p of set) maybe[p] = 0;
      if (part.start < k || part.valid < 0) {
        part.prevSets = part.sets;
        part.prevExact = part.exact;
      }
      part.start = k;
      part.exact = step.exact;
      total -= part.cost;
      part.cost = 0n;
      part.sets = step.sets.map((local) => {
        const set = Int32Array.from(local, (p) => part.members[p]!);
        let cost = 0n;
        for (const p of set) {
          maybe[p] = 1;
          cost += c.costScaled[p]!;
        }
        if (cost > part.cost) part.cost = cost;
        return set;
      });
      total += part.cost;
      siftDown(0);
    }
    progress(total);
    // The scan surely passes runs k .. (the least valid) when, whichever set each part has, the total stays within
    // the budget and some candidate outside every set still fits (exactly pabutools' test when all sets are known).
    const left = c.budgetScaled - total;
    if (left >= 0n && !exhaustive(c, c.candidates, left, (p) => maybe[p] === 1)) {
      const next = key(heap[0]!) + 1;
      if (next >= maxRuns) throw notSettled(maxRuns);
      k = next;
      continue;
    }
    const ambiguous = parts.filter((part) => part.sets.length > 1 || !part.exact);
    if (ambiguous.length > 0) {
      // Not proven: narrow the ambiguous parts' stretches to end at k - 1 and cover run k again (a part whose cover
      // did not pass covers only shorter stretches from now on).
      for (const part of ambiguous) {
        if (!part.exact) part.coverLimit = Math.floor((part.valid - part.start + 1) / 2);
        part.valid = k - 1;
        part.stretch = Math.max(1, part.stretch >> 1);
      }
      for (let i = (heap.length >> 1) - 1; i >= 0; i--) siftDown(i);
      continue;
    }
    if (left < 0n) {
      // The scan returns run k - 1: the parts recomputed at k had their previous family up to k - 1, the others
      // keep theirs (covering k at least). Its set is known when all those families are single sets.
      let selected: Set<number> | null = new Set<number>();
      if (k > 0)
        for (const part of parts) {
          const before = part.start === k;
          const sets = before ? part.prevSets : part.sets;
          if (sets.length !== 1 || !(before ? part.prevExact : part.exact)) selected = null;
          else if (selected) for (const p of sets[0]!) selected.add(p);
        }
      return { k, overspent: true, selected, computed };
    }
    return { k, overspent: false, selected: new Set(parts.flatMap((part) => [...part.sets[0]!])), computed };
  }
}

/**
 * The last run k of the add1 scan (-1 when none) that no run up to stops, by the plainest cover: a run with base b
 * can only select candidates whose supporters' shares at the start, b each, pay for them. When all such candidates
 * at base b(k), with the up-front ones, stay within the budget and some other candidate still fits, no run up to k
 * overspends or is exhaustive (the cover only grows with b, so the last such k is found by doubling and halving).
 */
export function affordableCover(c: Election, baseOf: (k: number) => Rational, maxRuns: number): number {
  const passes = (k: number): boolean => {
    const b = Q.toNumber(baseOf(k)) * (1 + 1e-9);
    let total = c.upfrontScaled;
    let cheapestOut = -1n;
    for (const p of c.candidates) {
      if (c.supportWeight[p]! * b >= c.costFloat[p]!) total += c.costScaled[p]!;
      else if (cheapestOut < 0n || c.costScaled[p]! < cheapestOut) cheapestOut = c.costScaled[p]!;
    }
    return total <= c.budgetScaled && cheapestOut >= 0n && cheapestOut <= c.budgetScaled - total;
  };
  if (!passes(0)) return -1;
  let good = 0;
  let bad = 1;
  while (bad < maxRuns && passes(bad)) {
    good = bad;
    bad = Math.min(maxRuns, bad * 2 + 1);
  }
  while (bad - good > 1) {
    const mid = good + Math.floor((bad - good) / 2);
    if (passes(mid)) good = mid;
    else bad = mid;
  }
  return Math.min(good, maxRuns - 1);
}

/** Options of the add1 scan (see {@link MesInput}). */
export type Add1Options = Readonly<{
  increment: Rational;
  maxRuns: number;
  skipAhead: boolean;
  parts: boolean;
  onProgress?: (fraction: number) => void;
}>;

/** Smallest rise of the reported fraction worth a call. */
const PROGRESS_STEP = 0.005;

/**
 * The scan's progress from the cost bounds it reaches (`MesInput.onProgress`): the first bound is 0, the budget 1,
 * clamped and never going back; calls only when the fraction rose by a step (or reached 1).
 */
export function progressReporter(budget: bigint, report?: (fraction: number) => void): (cost: bigint) => void {
  if (!report) return () => undefined;
  let start = -1n;
  let shown = 0;
  return (cost) => {
    if (start < 0n) {
      start = cost < budget ? cost : budget;
      report(0);
      return;
    }
    const f = budget > start ? Number(((cost - start) * 10_000n) / (budget - start)) / 10_000 : 1;
    const clamped = f < 0 ? 0 : f > 1 ? 1 : f;
    if (clamped >= shown + PROGRESS_STEP || (clamped === 1 && shown < 1)) {
      shown = clamped;
      report(clamped);
    }
  };
}

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
  const progress = progressReporter(c.budgetScaled, options.onProgress);
  const baseOf = (k: number): Rational => Q.add(perVoter0, Q.mulInt(inc, BigInt(k)));
  const parts = options.parts ? splitParts(c) : null;
  if (skip || parts) {
    const scan = scanParts(c, parts ?? [wholePart(c)], baseOf, maxRuns, skip, progress);
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
      const want = scan.selected;
      if (want && (got.length !== want.size || got.some((x) => !want.has(x.p))))
        throw new Error('internal: MES add1 scan changed an outcome');
    }
  } else {
    // The plain linear scan (the reference of the tests): run k at base B/n + k * inc, k = 0, 1, ...; runs alternate
    // between two workspaces, so the previous run stays intact while the next is computed.
    const spaces = [new Workspace(c), new Workspace(c)] as const;
    let prev: MesRun | null = null;
    for (let k = 0; ; k++) {
      if (k >= maxRuns) throw notSettled(maxRuns);
      const r = new MesRun(c, baseOf(k), spaces[k % 2]!);
      r.run();
      computed++;
      runs = k + 1;
      const spent = scaledCost(c, r);
      progress(spent);
      if (spent > c.budgetScaled) {
        finalRun = prev ?? new MesRun(c, perVoter0);
        break;
      }
      if (exhaustive(c, c.candidates, c.budgetScaled - spent, (p) => r.selOrder[p]! >= 0)) {
        finalRun = r;
        break;
      }
      prev = r;
    }
  }
  // The scan has ended: 1, unless its last bound already reported it (the scan reported at least one bound).
  progress(c.budgetScaled);
  return { finalRun: finalRun!, runs, computed };
}
