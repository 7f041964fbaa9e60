/**
 * What an allocation rule is to the app: its parameters (zod fields and defaults), its run, how it explains one
 * decision (the why-card, from a detail typed per rule) and its Thai and English label with a one-line explanation.
 * Each rule is one file beside this one; index.ts lists them in the registry.
 */
import { z } from 'zod';
import { formatBaht } from '../../money';
import type { LpSolver, OptimumNames } from '../optimum';
import type { NeedLinks } from '../need-ballots';
import type { AllocationOutcome, AllocationProject, Decision } from '../types';

/** A text in both languages. */
export type Named = Readonly<{ th: string; en: string }>;

/** What every rule's run receives. Money is integer satang. */
export type RuleRunInput<P> = Readonly<{
  /** Projects in ranking order (minCost set: a rule that does not fund partly ignores it). */
  projects: readonly AllocationProject[];
  budget: number;
  /** Project id → locked amount, already checked against the request. */
  locks: Readonly<Record<string, number>>;
  /** This rule's parameters, parsed (defaults filled in). */
  params: P;
  /** Active needs with the projects they link to (the voters of rules that use ballots). */
  needs: readonly NeedLinks[];
  /** Display names of districts, strategies and projects, for constraint names. */
  names: OptimumNames;
  solver: LpSolver;
  /** Where a rule that can tell how far it is reports it, 0..1 (optional: a rule that cannot tell says nothing). */
  onProgress?: (fraction: number) => void;
}>;

/** What a rule's run gives back: the outcome and, for rules with constraints, whether they could all hold. */
export type RuleRunOutput = Readonly<{
  outcome: AllocationOutcome;
  /** Constraint names the rule adds for its why-cards (id → name). */
  constraintNames?: Readonly<Record<string, Named>>;
  /** When the constraints cannot all hold: a minimal set of them that conflict. */
  conflict?: readonly (Named & Readonly<{ id: string }>)[];
  infeasible?: boolean;
}>;

/** The project a why-card is about. */
export type CardProject = Readonly<{
  code: string;
  title: string;
  rank: number;
  composite: number;
  requested: number;
  locked: boolean;
}>;

/** What a rule's why-card sees besides its own typed detail. */
export type CardContext<P> = Readonly<{
  decision: Decision;
  project: CardProject;
  funded: boolean;
  /** "code title (rank, composite)" in both languages. */
  head: Named;
  /** The reserve-list sentence (empty when funded). */
  reserve: Named;
  /** A constraint's name by id ('district:1901', 'cap:1901', …), its id when unnamed. */
  constraint: (id: string | null) => Named;
  /** The whole run, for comparisons (the projects as the rule saw them and its outcome). */
  run: Readonly<{ projects: readonly AllocationProject[]; outcome: AllocationOutcome }>;
  params: P;
}>;

/** One allocation rule, its parameter and detail types kept (see defineRule). */
export type RuleDefinition<F extends z.ZodRawShape = z.ZodRawShape> = Readonly<{
  label: Named;
  /** One line a committee member reads to know what the rule does. */
  summary: Named;
  /** The rule's parameter fields (no defaults: a patch names only what it changes) and their defaults. */
  params: Readonly<{ fields: F; defaults: z.output<z.ZodObject<F>> }>;
  /** Runs the rule; its own parameters are read from `params` (other rules' fields are ignored). */
  run(input: RuleRunInput<Readonly<Record<string, unknown>>>): Promise<RuleRunOutput>;
  /** The why-card of a decision that is neither locked nor excluded. */
  explain(card: CardContext<Readonly<Record<string, unknown>>>): Named;
}>;

/** A rule as its file writes it: typed parameters and a typed why-card detail. */
export type RuleSpec<F extends z.ZodRawShape, D> = Readonly<{
  label: Named;
  summary: Named;
  params: Readonly<{ fields: F; defaults: z.output<z.ZodObject<F>> }>;
  run(input: RuleRunInput<z.output<z.ZodObject<F>>>): RuleRunOutput | Promise<RuleRunOutput>;
  /** Reads a decision's detail as this rule wrote it; must accept `{}` (a decision without detail). */
  detail: z.ZodType<D>;
  explain(card: CardContext<z.output<z.ZodObject<F>>>, detail: D): Named;
}>;

/**
 * Wraps a rule's typed spec so the registry can hold every rule under one type: the run parses its own parameters
 * out of the scenario's (defaults for missing fields), the why-card parses the decision's detail with the rule's
 * schema. A detail that does not read is a programming error of the rule, so it throws.
 *
 * @example
 * const rule = defineRule({ label, summary, params: { fields: {}, defaults: {} }, detail: z.object({}),
 *   run: ({ projects, budget }) => ({ outcome: greedyAllocate({ projects, budget }) }), explain: () => label });
 */
export function defineRule<F extends z.ZodRawShape, D>(spec: RuleSpec<F, D>): RuleDefinition<F> {
  const schema = z.object(spec.params.fields);
  const defaults: Readonly<Record<string, unknown>> = spec.params.defaults;
  const read = (params: Readonly<Record<string, unknown>>): z.output<z.ZodObject<F>> => {
    const own = Object.fromEntries(
      Object.keys(spec.params.fields).map((k) => [k, params[k] === undefined ? defaults[k] : params[k]]),
    );
    return schema.parse(own);
  };
  return {
    label: spec.label,
    summary: spec.summary,
    params: spec.params,
    run: async (input) => spec.run({ ...input, params: read(input.params) }),
    explain: (card) => spec.explain({ ...card, params: read(card.params) }, spec.detail.parse(card.decision.detail ?? {})),
  };
}

/** Satang as "1,234.50 บาท" / "1,234.50 baht". */
export function baht(satang: number, lang: 'th' | 'en'): string {
  return `${formatBaht(satang)} ${lang === 'th' ? 'บาท' : 'baht'}`;
}

/**
 * The run of a rule that pays locks before it runs (greedy, Equal Shares) when the locks together take more than the
 * budget: no plan, infeasible, the ceiling and every lock named as the conflict (as the optimum names its own), so a
 * plan over the ceiling is never shown or approved. Null when the locks fit.
 *
 * @example
 * locksOverBudget({ projects: [p1, p2], budget: 100_00, locks: { '1': 80_00, '2': 50_00 }, names: {} })?.conflict
 * // [{ id: 'ceiling', … }, { id: 'lock:1', … }, { id: 'lock:2', … }]
 */
export function locksOverBudget(
  input: Pick<RuleRunInput<unknown>, 'projects' | 'budget' | 'locks' | 'names'>,
  rule: AllocationOutcome['rule'],
): RuleRunOutput | null {
  const { projects, budget, locks } = input;
  let total = 0;
  for (const amount of Object.values(locks)) total += amount;
  if (total <= budget) return null;
  const code = (id: string): string => input.names.projects?.[id] ?? id;
  const conflict = [
    { id: 'ceiling', th: `วงเงินงบประมาณรวมไม่เกิน ${baht(budget, 'th')}`, en: `budget ceiling: ${baht(budget, 'en')}` },
    ...projects
      .filter((p) => (locks[p.id] ?? 0) > 0)
      .map((p) => ({
        id: `lock:${p.id}`,
        ...(input.names.included?.includes(p.id)
          ? {
              th: `โครงการ ${code(p.id)} ที่คณะกรรมการให้รวมไว้ ใช้งบ ${baht(locks[p.id]!, 'th')}`,
              en: `project ${code(p.id)}, included by the committee, takes ${baht(locks[p.id]!, 'en')}`,
            }
          : {
              th: `โครงการ ${code(p.id)} ถูกล็อกไว้ที่ ${baht(locks[p.id]!, 'th')}`,
              en: `project ${code(p.id)} locked at ${baht(locks[p.id]!, 'en')}`,
            }),
      })),
  ];
  return {
    outcome: {
      rule,
      funded: {},
      totalFunded: 0,
      budget,
      remaining: budget,
      decisions: projects.map((p) => ({
        projectId: p.id,
        funded: 0,
        reason: 'not_selected',
        step: 0,
        remainingBefore: budget,
        detail: { infeasible: true, conflict: conflict.map((g) => g.id) },
      })),
      reserve: projects.map((p) => p.id),
    },
    conflict,
    infeasible: true,
  };
}
