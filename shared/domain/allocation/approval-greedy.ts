/**
 * pabutools' `greedy_utilitarian_welfare` for approval ballots (resolute, lexicographic tie-breaking), reproduced
 * exactly: projects sorted by id, then by `(-density, that position)`, each taken while it fits.
 */
import type { Rational } from './rational';
import { add, cmp, sub, ZERO } from './rational';

/**
 * Compares two ids by Unicode code point, as Python compares `str` (JS `<` compares UTF-16 code units, which differs
 * for characters outside the BMP).
 *
 * @example ['9', '10', 'L014', 'L010'].sort(compareIds) // ['10', '9', 'L010', 'L014']
 */
export function compareIds(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    // Surrogates (astral code points) must sort above every BMP character, including U+E000..U+FFFF.
    x = x >= 0xd800 && x <= 0xdfff ? x + 0x2000 : x >= 0xe000 ? x - 0x800 : x;
    y = y >= 0xd800 && y <= 0xdfff ? y + 0x2000 : y >= 0xe000 ? y - 0x800 : y;
    return x - y;
  }
  return a.length - b.length;
}

/** A project for the approval greedy: `approvals` is the number of voters approving it (weights summed). */
export type ApprovalGreedyProject = Readonly<{ id: string; cost: Rational; approvals: number }>;

/** Which satisfaction pabutools uses: `cost` = Cost_Sat (density = #approvers), `card` = Cardinality_Sat. */
export type ApprovalUtility = 'cost' | 'card';

export type ApprovalGreedyInput = Readonly<{
  projects: readonly ApprovalGreedyProject[];
  budget: Rational;
  utility: ApprovalUtility;
  /** Projects already selected (e.g. an MES outcome being completed); they are kept and their cost is spent. */
  initial?: readonly string[];
}>;

export type ApprovalGreedyResult = Readonly<{
  /** Initial projects first, then the greedy picks in the order they were taken. */
  selected: readonly string[];
  /** Greedy picks only (excluding `initial`), in order. */
  added: readonly string[];
  totalCost: Rational;
}>;

type Density = Readonly<{ inf: boolean; num: bigint; den: bigint }>;

function density(p: ApprovalGreedyProject, utility: ApprovalUtility): Density {
  const sat = BigInt(p.approvals);
  if (sat === 0n) return { inf: false, num: 0n, den: 1n };
  if (utility === 'cost') {
    // Cost_Sat: total satisfaction is approvals * cost, so a free project has zero satisfaction, hence density 0.
    if (p.cost.num === 0n) return { inf: false, num: 0n, den: 1n };
    return { inf: false, num: sat, den: 1n };
  }
  if (p.cost.num === 0n) return { inf: true, num: 0n, den: 1n };
  return { inf: false, num: sat * p.cost.den, den: p.cost.num };
}

function compareDensityDesc(a: Density, b: Density): number {
  if (a.inf || b.inf) return a.inf === b.inf ? 0 : a.inf ? -1 : 1;
  const l = a.num * b.den;
  const r = b.num * a.den;
  return l > r ? -1 : l < r ? 1 : 0;
}

/**
 * Greedy by approval density, exactly as pabutools' `greedy_utilitarian_welfare` with `Cost_Sat` (order by number of
 * approvers) or `Cardinality_Sat` (approvers per unit of cost). Ties go to the smaller id (code-point order);
 * projects nobody approves are still considered last and funded when they fit.
 *
 * @example
 * approvalGreedy({ budget: fromInt(3), utility: 'cost', projects: [
 *   { id: 'a', cost: fromInt(2), approvals: 5 }, { id: 'b', cost: fromInt(2), approvals: 4 },
 *   { id: 'c', cost: fromInt(1), approvals: 1 } ] }).selected // ['a', 'c']
 */
export function approvalGreedy(input: ApprovalGreedyInput): ApprovalGreedyResult {
  const initial = input.initial ?? [];
  const byId = new Map(input.projects.map((p) => [p.id, p] as const));
  const taken = new Set(initial);
  let spent = ZERO;
  for (const id of initial) {
    const p = byId.get(id);
    if (!p) throw new RangeError(`Initial allocation names an unknown project "${id}"`);
    spent = add(spent, p.cost);
  }
  const pool = input.projects.filter((p) => !taken.has(p.id)).sort((a, b) => compareIds(a.id, b.id));
  const keyed = pool.map((p, position) => ({ p, position, d: density(p, input.utility) }));
  keyed.sort((x, y) => compareDensityDesc(x.d, y.d) || x.position - y.position);
  let remaining = sub(input.budget, spent);
  const added: string[] = [];
  for (const { p } of keyed) {
    if (cmp(p.cost, remaining) <= 0) {
      added.push(p.id);
      remaining = sub(remaining, p.cost);
      spent = add(spent, p.cost);
    }
  }
  return { selected: [...initial, ...added], added, totalCost: spent };
}
