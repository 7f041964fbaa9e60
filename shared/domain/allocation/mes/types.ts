/** Public shapes of the Method of Equal Shares (input, result, trace). */
import type { Rational } from '../rational';

/** A ballot group: `weight` voters who approve exactly `approves` (an empty list is a voter who approved nothing). */
export type MesBallot = Readonly<{ weight: number; approves: readonly string[] }>;
/** A project with its exact cost. */
export type MesProject = Readonly<{ id: string; cost: Rational }>;
/** `cost` = Cost_Sat (utility of an approved project is its cost), `card` = Cardinality_Sat (utility 1). */
export type MesUtility = 'cost' | 'card';
/** `add1`: raise every voter's budget by `increment` until exhaustive; `greedy`: complete with greedy (Cost_Sat). */
export type MesCompletion = 'none' | 'add1' | 'greedy' | 'add1_greedy';

export type MesInput = Readonly<{
  ballots: readonly MesBallot[];
  projects: readonly MesProject[];
  budget: Rational;
  utility: MesUtility;
  completion?: MesCompletion;
  /** Per-voter budget increment of the add1 completion; defaults to 1 currency unit. */
  increment?: Rational;
  /** Safety stop for add1 (number of MES runs); defaults to 10,000,000. */
  maxRuns?: number;
  /** Projects selected beforehand (pabutools' `initial_budget_allocation`): kept, never candidates. */
  initial?: readonly string[];
  /**
   * add1 skip-ahead (default true): pass stretches of runs whose selected sets are proven at once (interval proof,
   * docs/allocation-rules.md). The result is the same either way (only `computedRuns` differs); `false` computes
   * every run of the linear scan (with `parts: false`, the plain reference scan of the tests).
   */
  skipAhead?: boolean;
  /**
   * add1 over independent parts (default true): candidates that share no supporter, directly or through others, are
   * scanned part by part (docs/allocation-rules.md, "Independent parts"). Same result either way; `false` scans the whole election (tests).
   */
  parts?: boolean;
  /**
   * How far the add1 scan is, 0..1, nondecreasing, called as it moves (for a progress bar; never called without add1):
   * how far the bound on the selection's cost has come from where the scan started to the budget, where the scan
   * stops. 1 once the scan has ended (the final run and the trace follow, a small part of the time).
   */
  onProgress?: (fraction: number) => void;
}>;

/** Why a project was selected by MES: what its supporters paid. */
export type MesSelectionTrace = Readonly<{
  projectId: string;
  /** 1-based selection round within the final MES run (0 for free projects selected up front). */
  round: number;
  /** Exact affordability rho (payment per unit of utility). */
  rho: Rational;
  /**
   * Payment of a supporter who could afford the full share (rho * utility), as a number. `rho` and `payment` are
   * computed exactly when first read (so the trace keeps its run's buffers until it is dropped).
   */
  payment: number;
  /** That payment rounded up to a whole unit of the costs (satang for the app's runs), exactly. */
  paymentCeil: number;
  cost: number;
  /** Voters approving the project. */
  supporters: number;
  /** Voters who paid the full share `payment`. */
  paidFullShare: number;
  /** Voters who paid all they had left (less than or equal to the share) and are now empty. */
  paidAllRemaining: number;
  /** Voters who had nothing left when the project was selected. */
  alreadyEmpty: number;
  /** Supporters' total remaining money just before the selection. */
  supportersMoneyBefore: number;
}>;

/** Why a project was not selected: its supporters' money at the end of the final MES run versus its cost. */
export type MesUnselectedTrace = Readonly<{
  projectId: string;
  cost: number;
  supporters: number;
  supportersMoney: number;
  /** `no_support` = nobody approves it (or it is free under cost utility): MES never considers it. */
  status: 'unaffordable' | 'no_support';
}>;

/** Budget use of one ballot group in the final MES run (per voter of the group). */
export type MesGroupSummary = Readonly<{ weight: number; approves: readonly string[]; share: number; spent: number }>;

export type MesResult = Readonly<{
  /** Selected ids in selection order (MES, then greedy completion if any). */
  selected: readonly string[];
  /** The part chosen by MES itself (including free projects selected up front). */
  mesSelected: readonly string[];
  /** The part added by greedy completion. */
  completionAdded: readonly string[];
  trace: readonly MesSelectionTrace[];
  unselected: readonly MesUnselectedTrace[];
  /** Per-voter budget of the final MES run (B/n, plus k increments with add1). */
  perVoterBudget: Rational;
  /** Number of MES runs of the add1 linear scan (1 without add1), i.e. the final run's k + 1. */
  runs: number;
  /**
   * MES runs actually computed: exact runs plus interval proofs (each counts as one, failed ones included; fewer
   * than `runs` when proofs passed stretches of runs); with independent parts, a run over one part counts as one.
   */
  computedRuns?: number;
  totalCost: Rational;
  groups: readonly MesGroupSummary[];
}>;
