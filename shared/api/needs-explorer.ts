/**
 * The needs explorer (issue 9 item 8): the argument schemas of its methods (the contract spreads them in) and their
 * result types. One filter shape serves the grid's pages, its totals and the map, so the three always agree.
 */
import { z } from 'zod';
import { NEEDS_SORT_FIELDS, type NeedRow } from './types';

const id = z.number().int().positive();
const districtCode = z.string().regex(/^19\d\d$/u, 'a Saraburi district code: 19 and two digits');
const tambonCode = z.string().regex(/^19\d{4}$/u, 'a Saraburi tambon code: 19 and four digits');
const isoDate = z.string().regex(/^\d{4}-\d\d-\d\d$/u, 'a date as YYYY-MM-DD (Christian era)');

/** The explorer's filter: every field narrows; none means every need. */
export const needsFilterShape = {
  /** Words of a title (any substring), a need id, or an area code; see shared/domain/needs-query.ts. */
  search: z.string().max(200).optional(),
  districtCode: districtCode.optional(),
  tambonCode: tambonCode.optional(),
  category: z
    .string()
    .regex(/^[a-z_]{1,40}$/u)
    .optional(),
  channel: z.string().min(1).max(40).optional(),
  status: z.enum(['active', 'withdrawn']).optional(),
  tpmap: z.enum(['health', 'living', 'education', 'income', 'accessibility']).optional(),
  /** Reported on or after this day. */
  dateFrom: isoDate.optional(),
  /** Reported on or before this day. */
  dateTo: isoDate.optional(),
  /** Only the needs linked to this proposal. */
  projectId: id.optional(),
} as const;

const needsFilter = z.object(needsFilterShape).strict();
export type NeedsFilter = z.input<typeof needsFilter>;

/** The most points the map draws at once (a district's needs with points; the rest are counted). */
export const MAX_NEED_POINTS = 2_000;

export const needsExplorerSchemas = {
  /** One page of the needs matching the filter, in the grid's order, with how many match. */
  'needs.explore': z
    .object({
      ...needsFilterShape,
      offset: z.number().int().nonnegative(),
      limit: z.number().int().positive().max(1000),
      sort: z.object({ field: z.enum(NEEDS_SORT_FIELDS), dir: z.enum(['asc', 'desc']) }).optional(),
    })
    .strict(),
  /** The sums the grid shows under its filter: needs, people, households and the estimated cost. */
  'needs.totals': needsFilter,
  /** Every field of one need, its versions across syncs and the proposals it is linked to. */
  'needs.detail': z.object({ needId: id }).strict(),
  /** Needs per district (or per tambon of one district) under the filter, for the map. */
  'needs.choropleth': z
    .object({
      ...needsFilterShape,
      level: z.enum(['district', 'tambon']),
      /** The district whose tambons are shown (level 'tambon'). */
      parent: districtCode.optional(),
    })
    .strict()
    .refine((a) => a.level === 'district' || a.parent !== undefined, {
      message: 'the tambon map needs its district (parent)',
      params: { th: 'แผนที่ระดับตำบลต้องระบุอำเภอ (parent)' },
      path: ['parent'],
    }),
  /**
   * The points of the needs under the filter that have one (lat, lon), for the map of one district's tambons: at most
   * `limit` of them (by id), with how many there are.
   */
  'needs.points': z
    .object({ ...needsFilterShape, limit: z.number().int().positive().max(MAX_NEED_POINTS).default(MAX_NEED_POINTS) })
    .strict(),
  /** What the syncs changed in the needs linked to one proposal (the "evidence changed" flag's detail). */
  'needs.changesForProject': z.object({ projectId: id, limit: z.number().int().positive().max(1000).default(200) }).strict(),
} as const;

export type NeedsTotals = Readonly<{
  needs: number;
  people: number;
  households: number;
  /** Satang, summed over the needs that state an estimate. */
  estimatedCost: number;
  /** How many of the needs state an estimate. */
  withCost: number;
}>;

export type NeedsExplorePage = Readonly<{ rows: NeedRow[]; total: number }>;

/** A need's point on the map. */
export type NeedPoint = Readonly<{ id: number; lat: number; lon: number; title: string; people: number }>;

/** The points of the needs under a filter: the first `limit` by id, and how many needs under it have one. */
export type NeedPoints = Readonly<{ points: NeedPoint[]; total: number }>;

/** A field's value as stored (text, number or nothing). */
export type FieldValue = string | number | null;

/** One sync or import that changed a need: the batch, and each field before → after it. */
export type NeedVersion = Readonly<{
  batchId: number;
  at: string;
  fileName: string;
  source: string;
  kind: 'new' | 'changed' | 'withdrawn';
  version: number;
  fields: readonly Readonly<{ field: string; before: FieldValue; after: FieldValue }>[];
}>;

export type NeedProposal = Readonly<{
  projectId: number;
  roundId: number;
  roundName: string;
  fiscalYear: number;
  code: string;
  title: string;
  coverage: number;
  evidenceChanged: boolean;
}>;

export type NeedDetail = Readonly<{
  need: NeedRow &
    Readonly<{
      description: string;
      tpmap: string | null;
      lat: number | null;
      lon: number | null;
      batchId: number | null;
      /** The record as it arrived (JSON text), for checking against the source. */
      raw: string;
    }>;
  /** Oldest first; the last one made the need as it is now. */
  versions: readonly NeedVersion[];
  proposals: readonly NeedProposal[];
}>;

export type ChoroplethArea = Readonly<{
  code: string;
  needs: number;
  people: number;
  population: number | null;
  /** Needs per 1,000 residents; null without a population figure. */
  per1000: number | null;
}>;

export type NeedsChoropleth = Readonly<{ level: 'district' | 'tambon'; parent: string | null; areas: readonly ChoroplethArea[] }>;

/** One change of a proposal's linked need, with the batch that made it. */
export type ProjectNeedChange = Readonly<{
  batchId: number;
  at: string;
  needId: number;
  externalId: string;
  title: string;
  tambonCode: string;
  kind: 'new' | 'changed' | 'withdrawn';
  fields: readonly Readonly<{ field: string; before: FieldValue; after: FieldValue }>[];
}>;

export type ProjectNeedChanges = Readonly<{
  projectId: number;
  code: string;
  title: string;
  evidenceChanged: boolean;
  total: number;
  rows: readonly ProjectNeedChange[];
}>;
