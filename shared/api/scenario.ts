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

export const scenarioParamsSchema = z
  .object({
    /** Ceiling for this scenario (satang); null = the round's ceiling. */
    ceiling: satang.nullable().default(null),
    /** greedy: money reserved per district / strategy (envelopes). */
    districtEnvelopes: z.record(districtCode, satang).default({}),
    strategyEnvelopes: z.record(strategyCode, satang).default({}),
    /** optimum */
    objective: z.enum(['score', 'people']).default('score'),
    districtFloors: z.record(districtCode, satang).default({}),
    districtCaps: z.record(districtCode, satang).default({}),
    strategyCaps: z.record(strategyCode, satang).default({}),
    mustFund: z.array(projectId).max(2000).default([]),
    mustNot: z.array(projectId).max(2000).default([]),
    dependencies: z.array(z.object({ project: projectId, requires: projectId }).strict()).max(500).default([]),
    incompatibilities: z.array(z.tuple([projectId, projectId])).max(500).default([]),
    partialFunding: z.boolean().default(false),
    /** mes */
    voterUnit: z.enum(['people', 'households']).default('people'),
    completion: z.enum(['none', 'add1', 'add1_greedy']).default('add1'),
  })
  .strict();

export type ScenarioParams = z.output<typeof scenarioParamsSchema>;
export type ScenarioParamsInput = z.input<typeof scenarioParamsSchema>;

/** Project id (as text) → locked amount in satang. */
export const locksSchema = z.record(z.string().regex(/^\d+$/u), satang);

export const DEFAULT_PARAMS: ScenarioParams = scenarioParamsSchema.parse({});
