/**
 * Runs the Pabulib reference rules (the pabutools variants listed in ../shared/pabulib/README.md) on a parsed .pb
 * instance.
 */
import type { Rational } from '../allocation/rational';
import type { MesBallot, MesProject, MesResult } from '../allocation/mes';
import type { PbInstance } from './pb-format';
import { approvalGreedy, compareIds } from '../allocation/approval-greedy';
import { runMes } from '../allocation/mes';
import { pbBudget } from './pb-format';

/** Rule keys, named as in the reference JSON files. */
export const PB_RULE_KEYS = [
  'greedy_cost',
  'greedy_card',
  'mes_cost',
  'mes_card',
  'mes_cost_add1',
  'mes_cost_greedy',
  'mes_cost_add1_greedy',
] as const;
export type PbRuleKey = (typeof PB_RULE_KEYS)[number];

/**
 * Type guard for rule keys.
 *
 * @example isPbRuleKey('mes_cost_add1') // true
 */
export function isPbRuleKey(key: string): key is PbRuleKey {
  return (PB_RULE_KEYS as readonly string[]).includes(key);
}

/** An instance as approval data: merged ballots (weight = voters), projects with exact costs, budget. */
export type PbApprovalProfile = Readonly<{ projects: readonly MesProject[]; ballots: readonly MesBallot[]; budget: Rational }>;

/**
 * Reads every ballot as an approval set: approval and choose-1 as is, ordinal "ranked = approved", cumulative and
 * scoring "any positive points = approved". Identical ballots are merged; empty ballots are kept (they count as voters).
 *
 * @example pbApprovalProfile(parsePb(text)).ballots // [{ weight: 2, approves: ['1', '3'] }, ...]
 */
export function pbApprovalProfile(instance: PbInstance): PbApprovalProfile {
  const merged = new Map<string, { weight: number; approves: string[] }>();
  for (const v of instance.votes) {
    const ids = v.points ? v.vote.filter((_, i) => (v.points?.[i] ?? 0) > 0) : v.vote;
    const approves = [...new Set(ids)].sort(compareIds);
    const key = approves.join(',');
    const g = merged.get(key);
    if (g) g.weight++;
    else merged.set(key, { weight: 1, approves });
  }
  return {
    projects: instance.projects.map((p) => ({ id: p.id, cost: p.cost })),
    ballots: [...merged.values()],
    budget: pbBudget(instance),
  };
}

/** Result of a rule: ids sorted like the reference JSON `selected` (code-point order), and in selection order. */
export type PbRuleResult = Readonly<{ selected: readonly string[]; inOrder: readonly string[]; mes?: MesResult }>;

/**
 * Runs a reference rule on an approval profile.
 *
 * @example runPbRuleOnProfile(pbApprovalProfile(instance), 'greedy_cost').selected // ['11', '13', '2', ...]
 */
export function runPbRuleOnProfile(profile: PbApprovalProfile, key: PbRuleKey): PbRuleResult {
  if (key === 'greedy_cost' || key === 'greedy_card') {
    const approvals = new Map<string, number>();
    for (const b of profile.ballots) for (const id of b.approves) approvals.set(id, (approvals.get(id) ?? 0) + b.weight);
    const r = approvalGreedy({
      projects: profile.projects.map((p) => ({ id: p.id, cost: p.cost, approvals: approvals.get(p.id) ?? 0 })),
      budget: profile.budget,
      utility: key === 'greedy_cost' ? 'cost' : 'card',
    });
    return { selected: [...r.selected].sort(compareIds), inOrder: r.selected };
  }
  const mes = runMes({
    projects: profile.projects,
    ballots: profile.ballots,
    budget: profile.budget,
    utility: key === 'mes_card' ? 'card' : 'cost',
    completion:
      key === 'mes_cost_add1'
        ? 'add1'
        : key === 'mes_cost_greedy'
          ? 'greedy'
          : key === 'mes_cost_add1_greedy'
            ? 'add1_greedy'
            : 'none',
  });
  return { selected: [...mes.selected].sort(compareIds), inOrder: mes.selected, mes };
}

/**
 * Runs a reference rule on a parsed .pb instance and returns the selected ids sorted as strings (code-point order),
 * the form of the reference JSON's `selected`.
 *
 * @example runPbRule(parsePb(text), 'mes_cost_add1') // ['11', '12', '13', '14', '2', '3', '5', '6', '9']
 */
export function runPbRule(instance: PbInstance, key: PbRuleKey): string[] {
  return [...runPbRuleOnProfile(pbApprovalProfile(instance), key).selected];
}
