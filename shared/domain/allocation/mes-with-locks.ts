/**
 * MES with locks, as scenarios run it: locked amounts are paid first, and Equal Shares shares out what is left among
 * the other projects.
 */
import type { MesBallot, MesCompletion } from './mes';
import { mesAllocate } from './mes';
import type { AllocationOutcome, AllocationProject, Decision } from './types';

export type MesWithLocksInput = Readonly<{
  /** Projects in ranking order. */
  projects: readonly AllocationProject[];
  /** Integer satang. */
  budget: number;
  voters: readonly MesBallot[];
  completion: MesCompletion;
  /** Project id → locked amount (integer satang), paid before MES runs; a lock of 0 keeps the project out. */
  locks: Readonly<Record<string, number>>;
  /** How far the add1 scan is, 0..1 (`MesInput.onProgress`). */
  onProgress?: (fraction: number) => void;
}>;

/**
 * Locked projects first (decided at step 0 with reason `locked`), then MES over the rest of the projects with the
 * money the locks leave (none when they take it all).
 *
 * @example
 * mesWithLocks({ budget: 100_00, completion: 'add1', locks: { P2: 30_00 },
 *   projects: [{ id: 'P1', cost: 60_00, score: 1 }, { id: 'P2', cost: 60_00, score: 1 }],
 *   voters: [{ weight: 2, approves: ['P1'] }] }).funded // { P1: 6000, P2: 3000 }
 */
export function mesWithLocks(input: MesWithLocksInput): AllocationOutcome {
  const { budget, locks } = input;
  const lockedTotal = Object.values(locks).reduce((s, v) => s + v, 0);
  const lockedDecisions: Decision[] = Object.entries(locks).map(([projectId, amount]) => ({
    projectId,
    funded: amount,
    reason: 'locked',
    step: 0,
    remainingBefore: budget,
  }));
  const mes = mesAllocate({
    projects: input.projects,
    budget: Math.max(0, budget - lockedTotal),
    voters: input.voters,
    completion: input.completion,
    excluded: Object.keys(locks),
    ...(input.onProgress ? { onProgress: input.onProgress } : {}),
  });
  const funded: Record<string, number> = { ...mes.funded };
  for (const [id, amount] of Object.entries(locks)) if (amount > 0) funded[id] = amount;
  const totalFunded = mes.totalFunded + lockedTotal;
  return {
    rule: mes.rule,
    funded,
    totalFunded,
    budget,
    remaining: budget - totalFunded,
    decisions: [...lockedDecisions, ...mes.decisions.filter((d) => d.reason !== 'excluded')],
    reserve: mes.reserve,
  };
}
