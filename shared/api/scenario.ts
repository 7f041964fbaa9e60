/**
 * Scenario parameters: the rule's settings and the committee's constraints, validated at the boundary and
 * stored as JSON. Every field has a default, so an old scenario keeps working when a field is added.
 */
import { z } from 'zod';

const satang = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const districtCode = z.string().regex(/^19\d\d$/u);
const strategyCode = z.string().regex(/^S\d$/u);
const projectId = z.number().int().positive();

export const RULES = ['greedy', 'optimum', 'mes'] as const;
export type RuleKind = (typeof RULES)[number];

/** The fields, without defaults: a patch names only what it changes. */
const paramFields = {
  /** Ceiling for this scenario (satang); null = the round's ceiling. */
  ceiling: satang.nullable(),
  /** greedy: money reserved per district / strategy (envelopes). */
  districtEnvelopes: z.record(districtCode, satang),
  strategyEnvelopes: z.record(strategyCode, satang),
  /** optimum */
  objective: z.enum(['score', 'people']),
  districtFloors: z.record(districtCode, satang),
  districtCaps: z.record(districtCode, satang),
  strategyCaps: z.record(strategyCode, satang),
  mustFund: z.array(projectId).max(2000),
  mustNot: z.array(projectId).max(2000),
  dependencies: z.array(z.object({ project: projectId, requires: projectId }).strict()).max(500),
  incompatibilities: z.array(z.tuple([projectId, projectId])).max(500),
  partialFunding: z.boolean(),
  /** mes */
  voterUnit: z.enum(['people', 'households']),
  completion: z.enum(['none', 'add1', 'add1_greedy']),
};

/** Stored parameters: missing fields (from older scenarios) take their defaults. */
export const scenarioParamsSchema = z
  .object({
    ceiling: paramFields.ceiling.default(null),
    districtEnvelopes: paramFields.districtEnvelopes.default({}),
    strategyEnvelopes: paramFields.strategyEnvelopes.default({}),
    objective: paramFields.objective.default('score'),
    districtFloors: paramFields.districtFloors.default({}),
    districtCaps: paramFields.districtCaps.default({}),
    strategyCaps: paramFields.strategyCaps.default({}),
    mustFund: paramFields.mustFund.default([]),
    mustNot: paramFields.mustNot.default([]),
    dependencies: paramFields.dependencies.default([]),
    incompatibilities: paramFields.incompatibilities.default([]),
    partialFunding: paramFields.partialFunding.default(false),
    voterUnit: paramFields.voterUnit.default('people'),
    completion: paramFields.completion.default('add1'),
  })
  .strict();

/** A change to parameters: only the fields given, no defaults filled in. */
export const scenarioParamsPatchSchema = z.object(paramFields).partial().strict();

export type ScenarioParams = z.output<typeof scenarioParamsSchema>;
export type ScenarioParamsPatch = z.output<typeof scenarioParamsPatchSchema>;

/** Project id (as text) → locked amount in satang. */
export const locksSchema = z.record(z.string().regex(/^\d+$/u), satang);

export const DEFAULT_PARAMS: ScenarioParams = scenarioParamsSchema.parse({});
