/**
 * The app's greedy rule: walk the ranking and fund each project that still fits the money left and its envelopes.
 */
import type { AllocationOutcome, AllocationProject, Decision, DecisionReason } from './types';

export type GreedyInput = Readonly<{
  /** Projects already in ranking order (best first). */
  projects: readonly AllocationProject[];
  /** Integer satang. */
  budget: number;
  /** Ceiling per district code (integer satang); districts without an entry are unconstrained. */
  districtEnvelopes?: Readonly<Record<string, number>>;
  /** Ceiling per strategy code (integer satang); strategies without an entry are unconstrained. */
  strategyEnvelopes?: Readonly<Record<string, number>>;
  /** Project id → locked amount (integer satang), funded before the walk whatever the money left. */
  locks?: Readonly<Record<string, number>>;
  /** Project ids left out of the walk. */
  excluded?: readonly string[];
}>;

function checkSatang(n: number, what: string): void {
  if (!Number.isSafeInteger(n) || n < 0)
    throw new RangeError(`${what} must be a non-negative integer number of satang, got ${n}`);
}

/**
 * Greedy allocation down the ranking: locked projects first (step 0), then each project is funded in full when its cost
 * fits the money left and its district and strategy envelopes, otherwise skipped with the binding constraint as
 * reason. `reserve` lists the unfunded projects in ranking order (Y2).
 *
 * @example
 * greedyAllocate({ budget: 100_00, projects: [
 *   { id: 'A', cost: 70_00, score: 9 }, { id: 'B', cost: 50_00, score: 8 }, { id: 'C', cost: 30_00, score: 7 }] })
 * // funded { A: 7000, C: 3000 }, reserve ['B']
 */
export function greedyAllocate(input: GreedyInput): AllocationOutcome {
  checkSatang(input.budget, 'Budget');
  const ids = new Set<string>();
  for (const p of input.projects) {
    if (ids.has(p.id)) throw new RangeError(`Duplicate project id "${p.id}"`);
    ids.add(p.id);
    checkSatang(p.cost, `Cost of ${p.id}`);
  }
  const locks = input.locks ?? {};
  const excluded = new Set(input.excluded ?? []);
  const districtLeft = new Map(Object.entries(input.districtEnvelopes ?? {}));
  const strategyLeft = new Map(Object.entries(input.strategyEnvelopes ?? {}));
  for (const [k, v] of [...districtLeft, ...strategyLeft]) checkSatang(v, `Envelope ${k}`);
  const decisions: Decision[] = [];
  // A Map, not an object: ids such as "constructor" or "__proto__" must not collide with Object.prototype.
  const funded = new Map<string, number>();
  let remaining = input.budget;

  const charge = (p: AllocationProject, amount: number): void => {
    funded.set(p.id, amount);
    remaining -= amount;
    if (p.district !== undefined && districtLeft.has(p.district))
      districtLeft.set(p.district, districtLeft.get(p.district)! - amount);
    if (p.strategy !== undefined && strategyLeft.has(p.strategy))
      strategyLeft.set(p.strategy, strategyLeft.get(p.strategy)! - amount);
  };

  for (const p of input.projects) {
    const amount = locks[p.id];
    if (amount === undefined || excluded.has(p.id)) continue;
    checkSatang(amount, `Lock of ${p.id}`);
    decisions.push({ projectId: p.id, funded: amount, reason: 'locked', step: 0, remainingBefore: remaining });
    charge(p, amount);
  }
  for (const p of input.projects) {
    if (excluded.has(p.id))
      decisions.push({ projectId: p.id, funded: 0, reason: 'excluded', step: 0, remainingBefore: remaining });
  }
  let step = 0;
  for (const p of input.projects) {
    if (excluded.has(p.id) || funded.has(p.id)) continue;
    step++;
    const before = remaining;
    let reason: DecisionReason = 'funded';
    let detail: Record<string, unknown> | undefined;
    const dLeft = p.district === undefined ? undefined : districtLeft.get(p.district);
    const sLeft = p.strategy === undefined ? undefined : strategyLeft.get(p.strategy);
    if (p.cost > remaining) {
      reason = 'skipped_no_money';
      detail = { needed: p.cost, available: remaining };
    } else if (dLeft !== undefined && p.cost > dLeft) {
      reason = 'skipped_district_envelope';
      detail = { constraint: `district:${p.district}`, needed: p.cost, available: dLeft };
    } else if (sLeft !== undefined && p.cost > sLeft) {
      reason = 'skipped_strategy_envelope';
      detail = { constraint: `strategy:${p.strategy}`, needed: p.cost, available: sLeft };
    }
    if (reason === 'funded') charge(p, p.cost);
    decisions.push({
      projectId: p.id,
      funded: reason === 'funded' ? p.cost : 0,
      reason,
      step,
      remainingBefore: before,
      ...(detail ? { detail } : {}),
    });
  }
  const reserve = input.projects.filter((p) => !funded.has(p.id) && !excluded.has(p.id)).map((p) => p.id);
  const totalFunded = input.budget - remaining;
  return { rule: 'greedy', funded: Object.fromEntries(funded), totalFunded, budget: input.budget, remaining, decisions, reserve };
}
