/**
 * The committee's judgement in the contract (docs/judgement.md): argument schemas of the scoring-sheet and judgement
 * methods (the contract spreads them) and the shapes they return. Scores travel as numbers on the criterion's scale;
 * "not scored" is the absence of a value (null), never zero.
 */
import { z } from 'zod';
import type { DownloadRef } from './downloads';
import { refuseControlChars } from './text-checks';
import { AGGREGATIONS, type Aggregation } from '../domain/judgement/aggregation';
import type { KendallResult } from '../domain/judgement/kendall';
import { OVERRIDE_KINDS, type OverrideKind } from '../domain/judgement/overrides';
import type { SpreadMeasure } from '../domain/judgement/spread';

const id = z.number().int().positive();
const uploadId = z.string().regex(/^[0-9a-f]{32}$/u);
/** The longest comment and reasons members and the secretariat may write: the forms stop typing there. */
export const JUDGEMENT_TEXT_LIMITS = { comment: 2000, conflictReason: 500, overrideReason: 1000 } as const;

/**
 * A comment or reason: plain text (tabs and line breaks allowed), refused with the character and its place when it
 * holds a control character, a bidi override (which can make a reason in the exported plan read as another) or half
 * of a UTF-16 surrogate pair (SQLite would store it as bytes that read back as U+FFFD: not what was saved).
 */
export const note = (max: number) => z.string().max(max).superRefine(refuseControlChars);

export const SPREAD_MEASURES = ['sd', 'iqr'] as const satisfies readonly SpreadMeasure[];
/** The weight changes the sensitivity analysis offers (±10%, ±20%). */
export const SENSITIVITY_SPREADS = [0.1, 0.2] as const;

export const judgementSchemas = {
  /** One member's sheet: scores (with comments), cleared cells' versions, declared conflicts and progress. */
  'scores.sheet': z.object({ roundId: id, memberId: id }).strict(),
  /** Takes a score back: the cell is "not scored" again (versioned like scores.set). */
  'scores.clear': z
    .object({ roundId: id, memberId: id, projectId: id, criterionId: id, expectedVersion: z.number().int().nonnegative() })
    .strict(),
  /** A member's comment on one cell ('' removes it); the score itself is unchanged. */
  'scores.comment': z
    .object({ roundId: id, memberId: id, projectId: id, criterionId: id, comment: note(JUDGEMENT_TEXT_LIMITS.comment) })
    .strict(),
  /** Declares (or withdraws) a conflict of interest: the member's scores on the project leave the aggregates. */
  'scores.declareConflict': z
    .object({
      roundId: id,
      memberId: id,
      projectId: id,
      declared: z.boolean(),
      reason: note(JUDGEMENT_TEXT_LIMITS.conflictReason).optional(),
    })
    .strict(),
  /** Disagreement, concordance, progress and the list to discuss first. */
  'judgement.view': z
    .object({ roundId: id, spread: z.enum(SPREAD_MEASURES).optional(), top: z.number().int().min(1).max(200).optional() })
    .strict(),
  /** The round's aggregation (default and per criterion, null = the default) and members' weights; recorded. */
  'judgement.setAggregation': z
    .object({
      roundId: id,
      aggregation: z.enum(AGGREGATIONS).optional(),
      criteria: z
        .array(z.object({ criterionId: id, aggregation: z.enum(AGGREGATIONS).nullable() }).strict())
        .max(100)
        .optional(),
      memberWeights: z
        .array(z.object({ memberId: id, weight: z.number().finite().min(0).max(100) }).strict())
        .max(500)
        .optional(),
    })
    .strict(),
  'judgement.overrides': z.object({ roundId: id }).strict(),
  /** A manual change of the ranking; refused without a written reason and the member who asked. */
  'judgement.addOverride': z
    .object({
      roundId: id,
      projectId: id,
      kind: z.enum(OVERRIDE_KINDS),
      position: z.number().int().min(1).max(1_000_000).optional(),
      reason: note(JUDGEMENT_TEXT_LIMITS.overrideReason),
      requestedBy: id,
    })
    .strict(),
  'judgement.withdrawOverride': z.object({ overrideId: id, reason: note(JUDGEMENT_TEXT_LIMITS.overrideReason) }).strict(),
  /** Rank range and funded status of every project when the weights vary by ±spread (seeded Monte Carlo). */
  'judgement.sensitivity': z
    .object({
      roundId: id,
      spread: z.union([z.literal(0.1), z.literal(0.2)]),
      samples: z.number().int().min(10).max(5000).optional(),
      seed: z.number().int().min(0).max(0xffffffff).optional(),
    })
    .strict(),
  /** One member's offline scoring sheet (XLSX). */
  'judgement.exportSheet': z.object({ roundId: id, memberId: id, lang: z.enum(['th', 'en']).optional() }).strict(),
  /** A filled-in offline sheet back: all of it, or nothing with each problem's row and column. */
  'judgement.importSheet': z.object({ roundId: id, uploadId }).strict(),
} as const;

export type SheetCell = Readonly<{
  projectId: number;
  criterionId: number;
  /** null: not scored (a comment alone, or a score taken back). */
  value: number | null;
  /** The version the next write of this cell must name (0 for a cell never written). */
  version: number;
  comment: string;
}>;

export type ConflictDeclaration = Readonly<{ memberId: number; projectId: number; reason: string; declaredAt: string }>;

export type ScoringSheet = Readonly<{
  memberId: number;
  cells: SheetCell[];
  conflicts: ConflictDeclaration[];
  /** Cells to score (member criteria × projects without a conflict) and how many are scored. */
  progress: Readonly<{ scored: number; total: number }>;
}>;

export type CellWrite = Readonly<{ projectId: number; criterionId: number; value: number | null; version: number }>;

export type KendallRow = Readonly<{ criterionId: number; result: KendallResult | null }>;

export type JudgementView = Readonly<{
  roundId: number;
  spread: SpreadMeasure;
  aggregation: Aggregation;
  /** Member criteria with their aggregation (null = the round's default). */
  criteria: ReadonlyArray<Readonly<{ criterionId: number; aggregation: Aggregation | null }>>;
  memberWeights: ReadonlyArray<Readonly<{ memberId: number; weight: number }>>;
  /** The heatmap: the projects the committee disagrees on most (rows) × member criteria; spread as share of scale. */
  heat: Readonly<{
    projects: ReadonlyArray<Readonly<{ projectId: number; code: string; title: string; rank: number }>>;
    criterionIds: number[];
    values: (number | null)[][];
  }>;
  kendall: KendallRow[];
  /** Projects ordered by mean spread over the criteria, most disputed first. */
  discussFirst: ReadonlyArray<Readonly<{ projectId: number; code: string; title: string; rank: number; spread: number }>>;
  progress: Readonly<{
    members: ReadonlyArray<Readonly<{ memberId: number; scored: number; total: number; conflicts: number }>>;
    /** Projects with fewest scores first (at most `top`). */
    projects: ReadonlyArray<Readonly<{ projectId: number; code: string; scored: number; total: number }>>;
    scored: number;
    total: number;
  }>;
}>;

export type OverrideView = Readonly<{
  id: number;
  roundId: number;
  projectId: number;
  code: string;
  title: string;
  kind: OverrideKind;
  position: number | null;
  reason: string;
  requestedBy: number;
  requestedByName: string;
  at: string;
  actor: string;
  /** Withdrawn overrides stay listed for the record; they no longer apply. */
  withdrawnAt: string | null;
}>;

export type SensitivityRow = Readonly<{
  projectId: number;
  code: string;
  title: string;
  requested: number;
  baseRank: number;
  minRank: number;
  maxRank: number;
  funded: boolean;
  /** Share of samples (0–1) in which the project is funded. */
  fundedShare: number;
  /** Funded in some samples and not in others (or unlike the unperturbed ranking). */
  flips: boolean;
}>;

export type SensitivityView = Readonly<{
  roundId: number;
  spread: number;
  samples: number;
  seed: number;
  rows: SensitivityRow[];
  flipCount: number;
}>;

/** A member's offline scoring sheet (its bytes fetched by `downloadId`). */
export type SheetFile = DownloadRef & Readonly<{ projects: number }>;

export type SheetImportReport = Readonly<{
  memberId: number;
  memberName: string;
  /** Cells whose score or comment changed. */
  changed: number;
  unchanged: number;
}>;

export type JudgementResults = {
  'scores.sheet': ScoringSheet;
  'scores.clear': CellWrite;
  'scores.comment': Readonly<{ projectId: number; criterionId: number; comment: string }>;
  'scores.declareConflict': ScoringSheet;
  'judgement.view': JudgementView;
  'judgement.setAggregation': JudgementView;
  'judgement.overrides': OverrideView[];
  'judgement.addOverride': OverrideView;
  'judgement.withdrawOverride': OverrideView;
  'judgement.sensitivity': SensitivityView;
  'judgement.exportSheet': SheetFile;
  'judgement.importSheet': SheetImportReport;
};
