/**
 * Scenario parameters: the rule's settings and the committee's constraints, validated at the boundary and
 * stored as JSON. Every field has a default, so an old scenario keeps working when a field is added.
 */
import { z } from 'zod';
import { RULE_PARAM_DEFAULTS, RULE_PARAM_FIELDS, type RuleParamFields } from '../domain/allocation/rules';

const satang = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

/** The longest name a scenario may have: the rename field stops typing there. */
export const SCENARIO_NAME_MAX = 120;

export { isRuleKind, RULES, type RuleKind } from '../domain/allocation/rules';

/**
 * The fields, without defaults: a patch names only what it changes. Each rule's own fields come from its file in
 * shared/domain/allocation/rules/; the ceiling is every rule's.
 */
const paramFields = {
  /** Ceiling for this scenario (satang); null = the round's ceiling. */
  ceiling: satang.nullable(),
  ...RULE_PARAM_FIELDS,
};

/** Stored parameters: missing fields (from older scenarios) take their defaults. */
export const scenarioParamsSchema = z
  .object(paramFields)
  .partial()
  .strict()
  .transform((given): ScenarioParams => ({ ceiling: null, ...RULE_PARAM_DEFAULTS, ...dropUndefined(given) }));

/** A change to parameters: only the fields given, no defaults filled in. */
export const scenarioParamsPatchSchema = z.object(paramFields).partial().strict();

/** Keeps only the fields given (a patch's `undefined` never overwrites a default). */
function dropUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** A scenario's parameters, every field present: the ceiling and each rule's own. */
export type ScenarioParams = Readonly<{ ceiling: number | null }> & z.output<z.ZodObject<RuleParamFields>>;
export type ScenarioParamsPatch = z.output<typeof scenarioParamsPatchSchema>;

/** Project id (as text) → locked amount in satang. */
export const locksSchema = z.record(z.string().regex(/^\d+$/u), satang);

export const DEFAULT_PARAMS: ScenarioParams = scenarioParamsSchema.parse({});

/** The stages of a scenario run: reading the round and its needs, the rule computing, the result being put together. */
export const RUN_STAGES = ['reading', 'computing', 'finishing'] as const;
export type RunStage = (typeof RUN_STAGES)[number];

/** A scenario run's progress (`scenario.progress` events). */
export type ScenarioRunProgress = Readonly<{
  scenarioId: number;
  stage: RunStage;
  /** How far the rule is, 0..1, while it computes and can tell (Equal Shares with add1); otherwise null. */
  fraction: number | null;
}>;
