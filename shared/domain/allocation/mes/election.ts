/**
 * The compiled election: projects and merged ballot groups as typed arrays, with the float copies, static bounds and
 * scaled integer costs that MES runs read. Built once per call (and once per independent part).
 */
import type { Rational } from '../rational';
import * as Q from '../rational';
import { compareIds } from '../approval-greedy';
import type { MesInput, MesUtility } from './types';

export type Election = {
  ids: string[];
  costs: Rational[];
  costFloat: Float64Array;
  utilityFloat: Float64Array;
  utilities: Rational[];
  supporters: Int32Array[];
  supportWeight: Float64Array;
  /** Weights of the supporter groups, aligned with `supporters[p]`. */
  supporterWeights: Float64Array[];
  /** Largest number of supporter groups of a project. */
  maxSupporterGroups: number;
  /** Static lower bound of each candidate's rho, cost / (u * supporters' weight), and the candidates sorted by it. */
  staticRhoBound: Float64Array;
  staticRhoBoundTol: Float64Array;
  byStaticRhoBound: Int32Array;
  /** Costs, the budget and the up-front projects' total cost times the lcm of all their denominators (integers). */
  costScaled: bigint[];
  budgetScaled: bigint;
  upfrontScaled: bigint;
  groupWeight: Float64Array;
  /**
   * Each group's approvals (project indices, sorted, without repeats) in one flat array: group g approves
   * `groupApprovalProjects[groupApprovalStart[g] .. groupApprovalStart[g + 1])`.
   */
  groupApprovalStart: Int32Array;
  groupApprovalProjects: Int32Array;
  candidates: number[];
  upfront: number[];
  voters: bigint;
  budget: Rational;
  utility: MesUtility;
};

/** Ballot groups in the flat layout of {@link Election}: weights and approvals (sorted, without repeats). */
export type GroupTable = {
  weights: Float64Array;
  /** Group g approves `projects[start[g] .. start[g + 1])`. */
  start: Int32Array;
  projects: Int32Array;
};

/** Doubles a typed array's capacity until it holds `n` entries (the first `used` kept). */
function grown<T extends Int32Array | Float64Array>(a: T, used: number, n: number): T {
  if (n <= a.length) return a;
  let size = a.length * 2;
  while (size < n) size *= 2;
  const b = new (a.constructor as new (n: number) => T)(size);
  b.set(a.subarray(0, used));
  return b;
}

export function compileElection(input: MesInput): Election {
  const index = new Map<string, number>();
  input.projects.forEach((p, i) => {
    if (index.has(p.id)) throw new RangeError(`Duplicate project id "${p.id}"`);
    if (p.cost.num < 0n) throw new RangeError(`Project "${p.id}" has a negative cost`);
    index.set(p.id, i);
  });
  // Identical ballots merged into groups, in order of first appearance: each ballot's approvals as sorted project
  // indices without repeats, looked up in an open-addressing table by a hash of them. Groups are stored flat.
  let weights = new Float64Array(1024);
  let start = new Int32Array(1025);
  let projects = new Int32Array(2048);
  /** Hash table, per slot a group's index + 1 (0: free slot) and its hash; kept at most half full. */
  let table: Int32Array = new Int32Array(2 * 2048);
  let G = 0;
  let buf = new Int32Array(16);
  let voters = 0;
  for (const ballot of input.ballots) {
    if (!Number.isSafeInteger(ballot.weight) || ballot.weight < 0) {
      throw new RangeError(`Ballot weight must be a non-negative integer, got ${ballot.weight}`);
    }
    if (ballot.weight === 0) continue;
    voters += ballot.weight;
    const ids = ballot.approves;
    if (ids.length > buf.length) buf = new Int32Array(2 * ids.length);
    let m = 0;
    for (const id of ids) {
      const i = index.get(id);
      if (i === undefined) throw new RangeError(`Ballot approves unknown project "${id}"`);
      // Insertion into the sorted prefix, skipping a repeat.
      let j = m;
      while (j > 0 && buf[j - 1]! > i) j--;
      if (j > 0 && buf[j - 1] === i) continue;
      for (let k = m; k > j; k--) buf[k] = buf[k - 1]!;
      buf[j] = i;
      m++;
    }
    let h = 0x811c9dc5 ^ m;
    for (let j = 0; j < m; j++) h = Math.imul(h ^ buf[j]!, 0x01000193);
    const mask = (table.length >> 1) - 1;
    let slot = (h ^ (h >>> 15)) & mask;
    let found = -1;
    for (; table[2 * slot] !== 0; slot = (slot + 1) & mask) {
      if (table[2 * slot + 1] !== h) continue;
      const g = table[2 * slot]! - 1;
      const from = start[g]!;
      if (start[g + 1]! - from !== m) continue;
      let j = 0;
      while (j < m && projects[from + j] === buf[j]) j++;
      if (j === m) {
        found = g;
        break;
      }
    }
    if (found >= 0) {
      weights[found]! += ballot.weight;
      continue;
    }
    const at = start[G]!;
    weights = grown(weights, G, G + 1);
    start = grown(start, G + 1, G + 2);
    projects = grown(projects, at, at + m);
    weights[G] = ballot.weight;
    for (let j = 0; j < m; j++) projects[at + j] = buf[j]!;
    start[G + 1] = at + m;
    table[2 * slot] = ++G;
    table[2 * slot + 1] = h;
    if (4 * G > table.length) table = rehashed(table);
  }
  if (!Number.isSafeInteger(voters)) throw new RangeError('Too many voters');
  const initial: number[] = [];
  for (const id of input.initial ?? []) {
    const i = index.get(id);
    if (i === undefined) throw new RangeError(`Initial allocation names unknown project "${id}"`);
    if (!initial.includes(i)) initial.push(i);
  }
  return buildElection(
    input.projects.map((p) => p.id),
    input.projects.map((p) => p.cost),
    { weights: weights.slice(0, G), start: start.slice(0, G + 1), projects: projects.slice(0, start[G]!) },
    BigInt(voters),
    input.budget,
    input.utility,
    initial,
  );
}

/** The hash table of {@link compileElection} with twice the slots. */
function rehashed(old: Int32Array): Int32Array {
  const table = new Int32Array(2 * old.length);
  const mask = (table.length >> 1) - 1;
  for (let i = 0; i < old.length; i += 2) {
    if (old[i] === 0) continue;
    const h = old[i + 1]!;
    let slot = (h ^ (h >>> 15)) & mask;
    while (table[2 * slot] !== 0) slot = (slot + 1) & mask;
    table[2 * slot] = old[i]!;
    table[2 * slot + 1] = h;
  }
  return table;
}

/** The compiled election from projects and ballot groups (each group's approvals sorted, without repeats). */
export function buildElection(
  ids: string[],
  costs: Rational[],
  groups: GroupTable,
  voters: bigint,
  budget: Rational,
  utility: MesUtility,
  initial: readonly number[],
): Election {
  const P = ids.length;
  const { weights: groupWeight, start, projects } = groups;
  const G = groupWeight.length;
  // Each project's supporter groups (and their weights) as views of one flat array, project after project: two
  // buffers instead of two per project.
  const supporterStart = new Int32Array(P + 1);
  for (let i = 0; i < start[G]!; i++) supporterStart[projects[i]! + 1]!++;
  for (let p = 0; p < P; p++) supporterStart[p + 1]! += supporterStart[p]!;
  const allSupporters = new Int32Array(start[G]!);
  const allSupporterWeights = new Float64Array(start[G]!);
  const supportWeight = new Float64Array(P);
  const next = supporterStart.slice(0, P);
  for (let g = 0; g < G; g++) {
    const w = groupWeight[g]!;
    for (let j = start[g]!; j < start[g + 1]!; j++) {
      const p = projects[j]!;
      const i = next[p]!++;
      allSupporters[i] = g;
      allSupporterWeights[i] = w;
      supportWeight[p]! += w;
    }
  }
  const supporters = Array.from({ length: P }, (_, p) => allSupporters.subarray(supporterStart[p]!, supporterStart[p + 1]!));
  const supporterWeights = Array.from({ length: P }, (_, p) =>
    allSupporterWeights.subarray(supporterStart[p]!, supporterStart[p + 1]!),
  );
  const utilities = costs.map((c) => (utility === 'cost' ? c : Q.ONE));
  const isInitial = new Uint8Array(P);
  for (const p of initial) isInitial[p] = 1;
  const candidates: number[] = [];
  const upfront: number[] = [];
  for (let p = 0; p < P; p++) {
    if (isInitial[p]) continue;
    const totalSat = supportWeight[p]! > 0 && utilities[p]!.num > 0n;
    if (!totalSat) continue;
    if (costs[p]!.num > 0n) candidates.push(p);
    else upfront.push(p);
  }
  upfront.sort((a, b) => compareIds(ids[a]!, ids[b]!));
  upfront.unshift(...initial);
  const costFloat = new Float64Array(P);
  const utilityFloat = new Float64Array(P);
  for (let p = 0; p < P; p++) {
    costFloat[p] = Q.toNumber(costs[p]!);
    utilityFloat[p] = Q.toNumber(utilities[p]!);
  }
  const staticRhoBound = new Float64Array(P);
  const staticRhoBoundTol = new Float64Array(P);
  for (const p of candidates) {
    staticRhoBound[p] = costFloat[p]! / (utilityFloat[p]! * supportWeight[p]!);
    staticRhoBoundTol[p] = staticRhoBound[p]! * 1e-12;
  }
  const byStaticRhoBound = Int32Array.from(candidates).sort((a, b) => staticRhoBound[a]! - staticRhoBound[b]! || a - b);
  let scale = budget.den;
  for (const x of costs) if (x.den !== 1n) scale = (scale / Q.gcd(scale, x.den)) * x.den;
  const costScaled = costs.map((x) => (x.num * scale) / x.den);
  let maxSupporterGroups = 0;
  for (const sup of supporters) if (sup.length > maxSupporterGroups) maxSupporterGroups = sup.length;
  return {
    costScaled,
    budgetScaled: (budget.num * scale) / budget.den,
    upfrontScaled: upfront.reduce((t, p) => t + costScaled[p]!, 0n),
    ids,
    costs,
    costFloat,
    utilityFloat,
    staticRhoBound,
    staticRhoBoundTol,
    byStaticRhoBound,
    utilities,
    supporters,
    supportWeight,
    supporterWeights,
    maxSupporterGroups,
    groupWeight,
    groupApprovalStart: start,
    groupApprovalProjects: projects,
    candidates,
    upfront,
    voters,
    budget,
    utility,
  };
}

export function totalCostOf(c: Election, indices: readonly number[]): Rational {
  let t = Q.ZERO;
  for (const p of indices) t = Q.add(t, c.costs[p]!);
  return t;
}
