/**
 * Project proposals as the secretariat edits them in the grid: the argument schemas of the proposal methods (the
 * contract spreads them in) and their result types. The schemas mirror the domain rules of shared/domain/proposals.ts;
 * the store (electron/core/services/proposal-store.ts) checks them again with messages naming the field.
 */
import { z } from 'zod';
import { inThailand } from '../domain/import/coordinates';
import { hasUnsafeCharacters } from '../domain/line-formats';
import { AGENCY_PRIORITY_MAX, READINESS_KEYS, type Proposal, type ReadinessKey } from '../domain/proposals';
import { PLANNING_LEVELS } from './rounds';
import type { PriorityHolder } from './types';

export const PROPOSAL_SCOPES = ['tambons', 'district', 'province'] as const;

/** The most KPIs one proposal may carry. */
export const MAX_KPIS = 20;

const id = z.number().int().positive();
const satang = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const count = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
/** One line of text without control characters or bidi overrides (it is written into lists and files). */
const line = (min: number, max: number) =>
  z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine((s) => !hasUnsafeCharacters(s), {
      message: 'must be one line without control characters',
      params: { th: 'ต้องเป็นข้อความบรรทัดเดียว ไม่มีอักขระควบคุม' },
    });
const readinessKey = z.string().refine((k): k is ReadinessKey => (READINESS_KEYS as readonly string[]).includes(k), {
  message: 'unknown readiness item',
  params: { th: 'ไม่รู้จักรายการความพร้อมนี้' },
});

/** The longest text (in UTF-16 units, after trimming) each text field of a proposal may hold, in the editor and in files. */
export const PROPOSAL_TEXT_LIMITS = { code: 40, title: 300, agency: 300, description: 5000, strategy: 200 } as const;

/** The same for each of a proposal's KPIs. */
export const KPI_TEXT_LIMITS = { name: 300, target: 100, unit: 100 } as const;

export const kpiInput = z
  .object({
    name: line(1, KPI_TEXT_LIMITS.name),
    target: line(0, KPI_TEXT_LIMITS.target),
    unit: line(0, KPI_TEXT_LIMITS.unit),
  })
  .strict();

export const proposalInput = z
  .object({
    code: line(1, PROPOSAL_TEXT_LIMITS.code),
    title: line(1, PROPOSAL_TEXT_LIMITS.title),
    level: z.enum(PLANNING_LEVELS),
    agency: line(0, PROPOSAL_TEXT_LIMITS.agency),
    developmentIssueNo: z.number().int().min(1).max(99).nullable(),
    scope: z.enum(PROPOSAL_SCOPES),
    tambonCodes: z
      .array(z.string().regex(/^\d{6}$/u, 'a tambon code has 6 digits'))
      .max(2000)
      .refine((l) => new Set(l).size === l.length, { message: 'each tambon once', params: { th: 'ตำบลแต่ละตำบลระบุได้ครั้งเดียว' } })
      .readonly(),
    districtCode: z
      .string()
      .regex(/^\d{4}$/u, 'a district code has 4 digits')
      .nullable(),
    operating: satang,
    investment: satang,
    minimum: satang.nullable(),
    people: count.nullable(),
    households: count.nullable(),
    /** The agency's own ranking of its proposals (ลำดับความสำคัญ, 1 = most important); null when it gave none. */
    agencyPriority: z.number().int().min(1).max(AGENCY_PRIORITY_MAX).nullable(),
    /** Where it is carried out, in degrees (the request form's พิกัด); null, or left out, when not given. */
    point: z
      .object({ lat: z.number(), lon: z.number() })
      .strict()
      .refine(inThailand, {
        message: 'the point must lie in Thailand (latitude 5–21, longitude 97–106 degrees)',
        params: { th: 'พิกัดต้องอยู่ในประเทศไทย (ละติจูด 5–21 ลองจิจูด 97–106 องศา)' },
      })
      .readonly()
      .nullable()
      .default(null),
    readiness: z
      .array(readinessKey)
      .max(READINESS_KEYS.length)
      .refine((l) => new Set(l).size === l.length, {
        message: 'each readiness item once',
        params: { th: 'รายการความพร้อมแต่ละรายการระบุได้ครั้งเดียว' },
      })
      .readonly(),
    kpis: z.array(kpiInput.readonly()).max(MAX_KPIS).readonly(),
    description: z.string().max(PROPOSAL_TEXT_LIMITS.description).default(''),
    strategy: line(0, PROPOSAL_TEXT_LIMITS.strategy).default(''),
  })
  .strict();

export const projectSchemas = {
  'projects.get': z.object({ projectId: id }).strict(),
  /** Every proposal of a round with its score and link counts (what the grid editor shows beside the ranking). */
  'projects.details': z.object({ roundId: id }).strict(),
  'projects.create': z.object({ roundId: id, proposal: proposalInput }).strict(),
  'projects.update': z
    .object({
      projectId: id,
      /** The version the editor last saw: any other stored version is refused as a conflict. */
      expectedVersion: z.number().int().positive(),
      proposal: proposalInput,
      /** The user confirmed editing a proposal members have already scored (it is then flagged). */
      confirmAfterScoring: z.boolean().optional(),
    })
    .strict(),
  /**
   * The round's proposals that have a point, within a district or a tambon when given (those covering any of its
   * tambons): what the needs map draws beside the needs; the first `MAX_PROPOSAL_POINTS` by code.
   */
  'projects.points': z
    .object({
      roundId: id,
      districtCode: z
        .string()
        .regex(/^\d{4}$/u, 'a district code has 4 digits')
        .optional(),
      tambonCode: z
        .string()
        .regex(/^\d{6}$/u, 'a tambon code has 6 digits')
        .optional(),
    })
    .strict(),
  /** Only a proposal without scores and without linked needs. */
  'projects.remove': z.object({ projectId: id, expectedVersion: z.number().int().positive() }).strict(),
} as const;

/** The fields of a proposal a change may leave empty (the others are required or are amounts). */
export const CLEARABLE_FIELDS = [
  'agency',
  'developmentIssueNo',
  'minimum',
  'people',
  'households',
  'agencyPriority',
  'point',
  'readiness',
  'kpis',
  'description',
  'strategy',
] as const;
export type ClearableField = (typeof CLEARABLE_FIELDS)[number];

/**
 * Proposals an import changes that had a value in a field the file leaves empty (a column the file lacks, or an empty
 * cell): the value is cleared on apply. The first codes are named.
 */
export type ClearedField = Readonly<{ field: ClearableField; count: number; codes: readonly string[] }>;

/** The most proposals' points one answer of `projects.points` carries. */
export const MAX_PROPOSAL_POINTS = 2000;

/** A proposal where it is carried out, as the needs map draws it. */
export type ProposalPoint = Readonly<{ id: number; code: string; title: string; lat: number; lon: number; requested: number }>;

/** The proposals' points under a filter, and how many proposals under it have one. */
export type ProposalPoints = Readonly<{ points: ProposalPoint[]; total: number }>;

/** A stored proposal and how much depends on it. */
export type ProposalDetail = Proposal &
  Readonly<{
    /** Scores members entered for it (editing it then needs confirmation). */
    scoreCount: number;
    /** Needs linked to it (a proposal with links cannot be removed). */
    linkCount: number;
    /** Its point lies in none of the tambons it covers, as the imported boundaries draw them (absent otherwise). */
    pointOutside?: true;
  }>;

/** What a create or update did, and the version the editor sends with its next write. */
export type ProposalWriteResult = Readonly<{
  id: number;
  version: number;
  kind: 'new' | 'changed' | 'unchanged';
  /**
   * A warning, never a refusal: the proposal was created, or its priority or agency changed, and other proposals of its
   * agency in the round already hold that priority (ลำดับความสำคัญ); they are named.
   */
  samePriority?: Readonly<{ agency: string; priority: number; held: readonly PriorityHolder[] }>;
  /**
   * A warning, never a refusal: the point just given (or the areas just changed) lies in none of the tambons the
   * proposal covers, as the imported boundaries draw them; saved as given (the area or the point may be typed wrong).
   */
  pointOutside?: Readonly<{ en: string; th: string }>;
}>;
