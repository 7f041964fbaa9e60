/**
 * The one typed contract between every client (Electron window, browser, workshop device) and the core.
 * Each method has an argument schema (zod), the roles that may call it and a result type. Adding a method
 * here without a handler in electron/core/handlers fails to compile (`handlers satisfies HandlerMap`).
 */
import { z } from 'zod';
import type {
  AllocationView,
  AppInfo,
  AreasList,
  ExportedFile,
  MemberScore,
  NeedsPage,
  ProjectRow,
  Role,
  RoundDetail,
  RoundSummary,
  SyncBatch,
  SyncReport,
} from './types';
import { NEEDS_SORT_FIELDS } from './types';
import type { Result } from './errors';
import { RULES, locksSchema, scenarioParamsPatchSchema } from './scenario';
import type { AreasImportReport, PbAnalysis, Scenario, ScenarioDiff, ScenarioResult, WhyCardView } from './types';

const id = z.number().int().positive();

/** Integer satang, non-negative, within JS safe integers. */
const satang = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

export const schemas = {
  'app.info': z.object({}).strict(),
  'areas.list': z.object({}).strict(),
  'needs.sync': z
    .object({
      fileName: z.string().min(1).max(260),
      /** NDJSON text of the feed. */
      content: z.string().max(200 * 1024 * 1024),
    })
    .strict(),
  'needs.list': z
    .object({
      offset: z.number().int().nonnegative(),
      limit: z.number().int().positive().max(5000),
      search: z.string().max(200).optional(),
      districtCode: z
        .string()
        .regex(/^19\d\d$/u)
        .optional(),
      status: z.enum(['active', 'withdrawn']).optional(),
      sort: z
        .object({
          field: z.enum(NEEDS_SORT_FIELDS),
          dir: z.enum(['asc', 'desc']),
        })
        .optional(),
    })
    .strict(),
  'needs.batches': z.object({}).strict(),
  'rounds.list': z.object({}).strict(),
  'rounds.get': z.object({ roundId: id }).strict(),
  'rounds.setCeiling': z.object({ roundId: id, ceiling: satang }).strict(),
  'projects.list': z.object({ roundId: id }).strict(),
  'scores.forMember': z.object({ roundId: id, memberId: id }).strict(),
  'scores.set': z
    .object({
      roundId: id,
      memberId: id,
      projectId: id,
      criterionId: id,
      value: z.number().finite(),
      /** Version the client last saw; a newer stored version means someone else changed it. */
      expectedVersion: z.number().int().nonnegative().optional(),
    })
    .strict(),
  'allocation.run': z.object({ roundId: id, rule: z.literal('greedy') }).strict(),
  'plan.exportXlsx': z
    .object({
      roundId: id,
      lang: z.enum(['th', 'en']).optional(),
      /** Export this scenario's allocation; without it, the round's greedy allocation. */
      scenarioId: id.optional(),
    })
    .strict(),
  'scenarios.list': z.object({ roundId: id }).strict(),
  'scenarios.create': z
    .object({
      roundId: id,
      name: z.string().trim().min(1).max(120),
      rule: z.enum(RULES).optional(),
      params: scenarioParamsPatchSchema.optional(),
      /** Branch: copy rule, parameters and locks from this scenario. */
      fromId: id.optional(),
    })
    .strict(),
  'scenarios.update': z
    .object({
      scenarioId: id,
      name: z.string().trim().min(1).max(120).optional(),
      rule: z.enum(RULES).optional(),
      /** Fields given replace the stored ones; others stay. */
      params: scenarioParamsPatchSchema.optional(),
      locks: locksSchema.optional(),
    })
    .strict(),
  'scenarios.delete': z.object({ scenarioId: id }).strict(),
  'scenarios.run': z.object({ scenarioId: id }).strict(),
  'scenarios.diff': z.object({ a: id, b: id }).strict(),
  'scenarios.explain': z.object({ scenarioId: id, projectId: id }).strict(),
  'reference.importAreas': z
    .object({
      fileName: z.string().min(1).max(260),
      /** Reference JSON (districts/tambons with population), GeoJSON boundaries, or CSV `code,population`. */
      content: z.string().max(50 * 1024 * 1024),
    })
    .strict(),
  'areas.geometry': z.object({ level: z.enum(['district', 'tambon']) }).strict(),
  'scenarios.exportPb': z.object({ scenarioId: id }).strict(),
  'pabulib.analyze': z
    .object({
      fileName: z.string().min(1).max(260),
      /** The .pb or .pb.gz file, base64. */
      base64: z.string().max(150 * 1024 * 1024),
    })
    .strict(),
} as const;

export type MethodName = keyof typeof schemas;
export type Args<M extends MethodName> = z.input<(typeof schemas)[M]>;
export type ParsedArgs<M extends MethodName> = z.output<(typeof schemas)[M]>;

/** Result type of every method. */
export type Results = {
  'app.info': AppInfo;
  'areas.list': AreasList;
  'needs.sync': SyncReport;
  'needs.list': NeedsPage;
  'needs.batches': SyncBatch[];
  'rounds.list': RoundSummary[];
  'rounds.get': RoundDetail;
  'rounds.setCeiling': RoundDetail;
  'projects.list': ProjectRow[];
  'scores.forMember': MemberScore[];
  'scores.set': MemberScore;
  'allocation.run': AllocationView;
  'plan.exportXlsx': ExportedFile;
  'scenarios.list': Scenario[];
  'scenarios.create': Scenario;
  'scenarios.update': Scenario;
  'scenarios.delete': { deleted: number };
  'scenarios.run': ScenarioResult;
  'scenarios.diff': ScenarioDiff;
  'scenarios.explain': WhyCardView;
  'reference.importAreas': AreasImportReport;
  'areas.geometry': { type: 'FeatureCollection'; features: unknown[] } | null;
  'scenarios.exportPb': ExportedFile;
  'pabulib.analyze': PbAnalysis;
};

// Compile-time check that every method has a result type and no result lacks a method.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const resultsCoverMethods: Exact<keyof Results, MethodName> = true;
void resultsCoverMethods;

const everyone: readonly Role[] = ['owner', 'member', 'viewer'];
const committee: readonly Role[] = ['owner', 'member'];
const ownerOnly: readonly Role[] = ['owner'];

/** Who may call what. A workshop participant's browser is a `member`; the desktop owner is `owner`. */
export const roles = {
  'app.info': everyone,
  'areas.list': everyone,
  'needs.sync': ownerOnly,
  'needs.list': everyone,
  'needs.batches': everyone,
  'rounds.list': everyone,
  'rounds.get': everyone,
  'rounds.setCeiling': ownerOnly,
  'projects.list': everyone,
  'scores.forMember': committee,
  'scores.set': committee,
  'allocation.run': everyone,
  'plan.exportXlsx': ownerOnly,
  'scenarios.list': everyone,
  'scenarios.create': ownerOnly,
  'scenarios.update': ownerOnly,
  'scenarios.delete': ownerOnly,
  'scenarios.run': everyone,
  'scenarios.diff': everyone,
  'scenarios.explain': everyone,
  'reference.importAreas': ownerOnly,
  'areas.geometry': everyone,
  'scenarios.exportPb': committee,
  'pabulib.analyze': committee,
} as const satisfies Record<MethodName, readonly Role[]>;

export const methodNames = Object.keys(schemas) as MethodName[];

/** Checks a method name that arrived over a transport (a string from an untrusted client). */
export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.hasOwn(schemas, name);
}

/** Events broadcast to every window and WebSocket client. */
export type Events = {
  'needs.synced': { batchId: number };
  'scores.changed': { roundId: number; memberId: number; projectId: number; criterionId: number };
  'allocation.changed': { roundId: number };
  'round.changed': { roundId: number };
  'scenario.changed': { roundId: number; scenarioId: number };
  'areas.changed': Record<string, never>;
};
export type EventName = keyof Events;
export type EventMessage = { [E in EventName]: { event: E; payload: Events[E] } }[EventName];

/** What a transport sends for one call and gets back. */
export type CallRequest = { id: number; method: string; args: unknown };
export type CallResponse = { id: number; result: Result<unknown> };
