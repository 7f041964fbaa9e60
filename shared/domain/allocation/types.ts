/**
 * Common shapes of every allocation rule. Money is integer satang (1 baht = 100 satang) as a JS number
 * (safe integer); rules that need fractions compute with bigint rationals internally.
 */

/** A project as an allocation rule sees it. */
export type AllocationProject = Readonly<{
  /** Stable identity (project code). Ties that nothing else breaks are broken by this id. */
  id: string;
  /** Requested amount, integer satang. */
  cost: number;
  /** Minimum fundable amount for partial funding, integer satang (defaults to `cost`: all or nothing). */
  minCost?: number;
  /** Composite score (higher is better); used by optimum and shown in explanations. */
  score: number;
  /** Amphoe (district) code, e.g. "1901"; a project covering several districts names its main one. */
  district?: string;
  /** Provincial strategy (development issue) code. */
  strategy?: string;
  /** People reached through linked needs (for the optimum's "people" objective). */
  peopleReached?: number;
}>;

/** Why a project ended where it did. */
export type DecisionReason =
  | 'funded'
  | 'funded_partial'
  | 'locked'
  | 'skipped_no_money'
  | 'skipped_district_envelope'
  | 'skipped_strategy_envelope'
  | 'not_selected'
  | 'excluded';

/** One project's outcome with what the rule saw when it decided. */
export type Decision = Readonly<{
  projectId: string;
  /** Amount funded, integer satang (0 when not funded). */
  funded: number;
  reason: DecisionReason;
  /** 1-based step of the rule at which the project was decided (0 when decided before the rule ran, e.g. locks). */
  step: number;
  /** Money left (integer satang) just before this decision. */
  remainingBefore: number;
  /** Free-form detail for explanations (e.g. binding constraint id, MES rho, supporters' shares). */
  detail?: Readonly<Record<string, unknown>>;
}>;

/** Result of any rule. */
export type AllocationOutcome = Readonly<{
  rule: string;
  /** Funded amounts by project id (only funded projects), integer satang. */
  funded: Readonly<Record<string, number>>;
  totalFunded: number;
  budget: number;
  remaining: number;
  /** One decision per input project, in the order the rule decided them. */
  decisions: readonly Decision[];
  /** Y2: ids of projects not funded, in reserve (ranking) order. */
  reserve: readonly string[];
}>;
