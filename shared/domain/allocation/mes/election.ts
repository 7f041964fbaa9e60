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
  groupApprovals: Int32Array[];
  candidates: number[];
  upfront: number[];
  voters: bigint;
  budget: Rational;
  utility: MesUtility;
};

export function compileElection(input: MesInput): Election {
  const index = new Map<string, number>();
  input.projects.forEach((p, i) => {
    if (index.has(p.id)) throw new RangeError(`Duplicate project id "${p.id}"`);
    if (p.cost.num < 0n) throw new RangeError(`Project "${p.id}" has a negative cost`);
    index.set(p.id, i);
  });
  // Identical ballots merged into groups, in order of first appearance: each ballot's approvals as sorted project
  // indices without repeats, looked up by a hash of them (a chain of the groups with that hash).
  const weights: number[] = [];
  const approvals: Int32Array[] = [];
  const byHash = new Map<number, number[]>();
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
      buf.copyWithin(j + 1, j, m);
      buf[j] = i;
      m++;
    }
    let h = 0x811c9dc5 ^ m;
    for (let j = 0; j < m; j++) h = Math.imul(h ^ buf[j]!, 0x01000193);
    let chain = byHash.get(h);
    let found = -1;
    if (chain) {
      for (const g of chain) {
        const ap = approvals[g]!;
        if (ap.length !== m) continue;
        let j = 0;
        while (j < m && ap[j] === buf[j]) j++;
        if (j === m) {
          found = g;
          break;
        }
      }
    } else byHash.set(h, (chain = []));
    if (found >= 0) weights[found]! += ballot.weight;
    else {
      chain.push(approvals.length);
      weights.push(ballot.weight);
      approvals.push(buf.slice(0, m));
    }
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
    weights,
    approvals,
    BigInt(voters),
    input.budget,
    input.utility,
    initial,
  );
}

/** The compiled election from projects and ballot groups (each group's approvals sorted, without repeats). */
export function buildElection(
  ids: string[],
  costs: Rational[],
  weights: readonly number[],
  groupApprovals: Int32Array[],
  voters: bigint,
  budget: Rational,
  utility: MesUtility,
  initial: readonly number[],
): Election {
  const P = ids.length;
  const G = weights.length;
  const groupWeight = new Float64Array(G);
  const nSup = new Int32Array(P);
  for (let g = 0; g < G; g++) {
    groupWeight[g] = weights[g]!;
    for (const p of groupApprovals[g]!) nSup[p]!++;
  }
  const supporters = Array.from({ length: P }, (_, p) => new Int32Array(nSup[p]!));
  const supporterWeights = Array.from({ length: P }, (_, p) => new Float64Array(nSup[p]!));
  const supportWeight = new Float64Array(P);
  nSup.fill(0);
  for (let g = 0; g < G; g++) {
    for (const p of groupApprovals[g]!) {
      const i = nSup[p]!++;
      supporters[p]![i] = g;
      supporterWeights[p]![i] = groupWeight[g]!;
      supportWeight[p]! += groupWeight[g]!;
    }
  }
  const utilities = costs.map((c) => (utility === 'cost' ? c : Q.ONE));
  const candidates: number[] = [];
  const upfront: number[] = [];
  for (let p = 0; p < P; p++) {
    if (initial.includes(p)) continue;
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
    groupApprovals,
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
