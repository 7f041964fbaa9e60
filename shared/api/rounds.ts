/**
 * A round as the secretariat prepares it: statuses, planning levels, development issues, committee members and
 * criteria. The argument schemas of the round-setup methods live here (the contract imports them), and so does the
 * round-setup file the command line imports and exports (snake_case JSON, amounts as baht text).
 */
import { z } from 'zod';
import { refuseControlChars } from './text-checks';
import { normalizeName } from '../domain/names';

export const ROUND_STATUSES = ['preparing', 'in_session', 'approved', 'closed'] as const;
export type RoundStatus = (typeof ROUND_STATUSES)[number];

/** Which status a round may move to from each status (one step forward, or back to reopen). */
export const STATUS_MOVES: Readonly<Record<RoundStatus, readonly RoundStatus[]>> = {
  preparing: ['in_session'],
  in_session: ['preparing', 'approved'],
  approved: ['in_session', 'closed'],
  closed: [],
};

export const PLANNING_LEVELS = ['province', 'agency', 'local'] as const;
export type PlanningLevel = (typeof PLANNING_LEVELS)[number];

export const MEMBER_ROLES = ['chair', 'member', 'secretariat'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

export const CRITERION_DIRECTIONS = ['benefit', 'cost'] as const;
export type CriterionDirection = (typeof CRITERION_DIRECTIONS)[number];

/** Evidence a computed criterion is computed from (see docs/criteria.md for each one's normalisation). */
export const EVIDENCE_SOURCES = ['people', 'cost_per_person', 'times_raised', 'area_share'] as const;
export type EvidenceSource = (typeof EVIDENCE_SOURCES)[number];

/** The direction each evidence source has: a lower cost per person is better. */
export const SOURCE_DIRECTION: Readonly<Record<EvidenceSource, CriterionDirection>> = {
  people: 'benefit',
  cost_per_person: 'cost',
  times_raised: 'benefit',
  area_share: 'benefit',
};

export const NATIONAL_STRATEGY_COUNT = 6;
export const MASTER_PLAN_COUNT = 23;

const id = z.number().int().positive();
const satang = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
/** Fiscal years in the Buddhist era (2500–2700 keeps a typed Christian-era year out). */
export const fiscalYearSchema = z.number().int().min(2500).max(2700);
/**
 * Free text a person types or a file brings: refused when it holds a control character, a bidi override (which can
 * make a name read as another) or half of a UTF-16 surrogate pair (stored, it is no longer valid UTF-8); then put in
 * one spelling (`normalizeName`: invisible characters such as U+200B dropped, runs of white space made one space,
 * NFC), so a name pasted with a zero-width space or typed with two spaces is the same name, never a second one.
 */
const plain = (schema: z.ZodString) => schema.superRefine(refuseControlChars).transform(normalizeName);
/** A name or title: refused when nothing visible is left of it. */
const text = (max: number) =>
  plain(z.string()).pipe(
    z
      .string()
      .refine((s) => s !== '', {
        message: 'is empty (or holds only spaces and invisible characters)',
        params: { th: 'ว่างเปล่า (หรือมีเพียงช่องว่างและอักขระที่มองไม่เห็น)' },
      })
      .max(max),
  );
/** Optional free text (may be empty). */
const freeText = (max: number) => plain(z.string()).pipe(z.string().max(max));
const levels = z
  .array(z.enum(PLANNING_LEVELS))
  .min(1)
  .max(3)
  .refine((l) => new Set(l).size === l.length, { message: 'each level once', params: { th: 'ระดับแผนแต่ละระดับระบุได้ครั้งเดียว' } });

/** The longest text (after trimming) each text field of a round's setup may hold: the forms stop typing there. */
export const ROUND_TEXT_LIMITS = {
  roundName: 200,
  memberName: 200,
  memberTitle: 200,
  memberAgency: 200,
  issueTitle: 300,
  approach: 300,
  criterionName: 200,
} as const;

/**
 * A development issue's fields, checked alike by the rounds API (`developmentIssues.set`) and the round-setup file
 * (`development_issues`, snake_case, the same checks).
 */
const issueFields = {
  no: z.number().int().min(1).max(99),
  title: text(ROUND_TEXT_LIMITS.issueTitle),
  titleEn: freeText(ROUND_TEXT_LIMITS.issueTitle),
  /** แนวทางการพัฒนา, in order. */
  approaches: z.array(text(ROUND_TEXT_LIMITS.approach)).max(30),
  nationalStrategy: z.number().int().min(1).max(NATIONAL_STRATEGY_COUNT).nullable(),
  masterPlans: z
    .array(z.number().int().min(1).max(MASTER_PLAN_COUNT))
    .max(MASTER_PLAN_COUNT)
    .refine((l) => new Set(l).size === l.length, {
      message: 'each master plan once',
      params: { th: 'แผนแม่บทแต่ละแผนระบุได้ครั้งเดียว' },
    }),
};

export const developmentIssueInput = z
  .object({
    no: issueFields.no,
    titleTh: issueFields.title,
    titleEn: issueFields.titleEn.default(''),
    approaches: issueFields.approaches.default([]),
    nationalStrategy: issueFields.nationalStrategy.default(null),
    masterPlans: issueFields.masterPlans.default([]),
  })
  .strict();
export type DevelopmentIssueInput = z.output<typeof developmentIssueInput>;

const memberFields = {
  name: text(ROUND_TEXT_LIMITS.memberName),
  /** Position (ตำแหน่ง) in Thai and English. */
  titleTh: freeText(ROUND_TEXT_LIMITS.memberTitle),
  titleEn: freeText(ROUND_TEXT_LIMITS.memberTitle),
  agency: freeText(ROUND_TEXT_LIMITS.memberAgency),
  role: z.enum(MEMBER_ROLES),
};

export const criterionInput = z
  .object({
    code: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/u, 'lower-case letters, digits and _ (starting with a letter)'),
    nameTh: text(ROUND_TEXT_LIMITS.criterionName),
    nameEn: freeText(ROUND_TEXT_LIMITS.criterionName).default(''),
    kind: z.enum(['member', 'computed']),
    /** Only for computed criteria. */
    source: z.enum(EVIDENCE_SOURCES).nullable().default(null),
    direction: z.enum(CRITERION_DIRECTIONS).default('benefit'),
    scaleMin: z.number().finite().default(1),
    scaleMax: z.number().finite().default(5),
    /** Ignored when the weights come from an AHP comparison. */
    weight: z.number().finite().nonnegative().max(1000).default(0),
  })
  .strict();
export type CriterionInput = z.output<typeof criterionInput>;

/** Pairwise judgments above the diagonal, row by row, in the order of the criteria list. */
export const ahpInput = z.object({ upper: z.array(z.number().finite().positive()).max(105) }).strict();

export const roundSchemas = {
  'rounds.create': z
    .object({
      fiscalYear: fiscalYearSchema,
      name: text(ROUND_TEXT_LIMITS.roundName),
      ceiling: satang,
      levels: levels.default([...PLANNING_LEVELS]),
      /** Copy development issues, criteria (with weights) and active members from this round. */
      copyFromRoundId: id.optional(),
    })
    .strict(),
  'rounds.update': z
    .object({
      roundId: id,
      fiscalYear: fiscalYearSchema.optional(),
      name: text(ROUND_TEXT_LIMITS.roundName).optional(),
      levels: levels.optional(),
    })
    .strict(),
  'rounds.setStatus': z.object({ roundId: id, status: z.enum(ROUND_STATUSES) }).strict(),
  'rounds.archive': z.object({ roundId: id, archived: z.boolean() }).strict(),
  'rounds.progress': z.object({ roundId: id }).strict(),
  /** Replaces the round's development issues (all or nothing). */
  'developmentIssues.set': z.object({ roundId: id, issues: z.array(developmentIssueInput).max(50) }).strict(),
  'members.create': z.object({ roundId: id, ...memberFields }).strict(),
  'members.update': z
    .object({
      memberId: id,
      name: memberFields.name.optional(),
      titleTh: memberFields.titleTh.optional(),
      titleEn: memberFields.titleEn.optional(),
      agency: memberFields.agency.optional(),
      role: memberFields.role.optional(),
      active: z.boolean().optional(),
    })
    .strict(),
  /**
   * Replaces the round's criteria set: criteria are matched by code (kept ids keep their scores); a criterion left
   * out is removed, refused when it has scores. With `ahp`, weights come from the comparison.
   */
  'criteria.set': z
    .object({ roundId: id, criteria: z.array(criterionInput).min(1).max(15), ahp: ahpInput.nullable().default(null) })
    .strict(),
} as const;

export type DevelopmentIssue = Readonly<{
  id: number;
  no: number;
  titleTh: string;
  titleEn: string;
  approaches: readonly string[];
  nationalStrategy: number | null;
  masterPlans: readonly number[];
}>;

/** The comparison the round's weights came from, with its consistency. */
export type AhpComparison = Readonly<{ codes: readonly string[]; upper: readonly number[]; cr: number }>;

export const PROGRESS_STEPS = ['needs', 'proposals', 'linked', 'scored', 'scenarios', 'approved', 'exported'] as const;
export type ProgressStepKey = (typeof PROGRESS_STEPS)[number];
export type StepState = 'done' | 'in_progress' | 'todo';

export type ProgressStep = Readonly<{
  key: ProgressStepKey;
  state: StepState;
  /** What has been done of `total` (needs, proposals, linked proposals, scores entered, …); null when not counted. */
  done: number | null;
  total: number | null;
}>;

export type RoundProgress = Readonly<{
  roundId: number;
  steps: readonly ProgressStep[];
  /** The first step not done (null when every step is done). */
  next: ProgressStepKey | null;
  setup: Readonly<{
    developmentIssues: number;
    activeMembers: number;
    criteria: number;
    memberCriteria: number;
    weightSum: number;
  }>;
}>;

// ---- The round-setup file (command line) ----

const bahtText = z.string().regex(/^\d{1,13}(\.\d{2})?$/u, 'baht with two decimals, e.g. "250000000.00"');

export const setupFileSchema = z
  .object({
    fiscal_year: fiscalYearSchema,
    name: text(ROUND_TEXT_LIMITS.roundName),
    ceiling: bahtText,
    levels: levels.optional(),
    development_issues: z
      .array(
        z
          .object({
            no: issueFields.no,
            title: issueFields.title,
            title_en: issueFields.titleEn.optional(),
            approaches: issueFields.approaches.optional(),
            national_strategy: issueFields.nationalStrategy.optional(),
            master_plans: issueFields.masterPlans.optional(),
          })
          .strict(),
      )
      .max(50),
    criteria: z
      .array(
        z
          .object({
            code: criterionInput.shape.code,
            name_th: text(ROUND_TEXT_LIMITS.criterionName),
            name_en: freeText(ROUND_TEXT_LIMITS.criterionName).optional(),
            kind: z.enum(['member', 'computed']).optional(),
            source: z.enum(EVIDENCE_SOURCES).nullable().optional(),
            direction: z.enum(CRITERION_DIRECTIONS).optional(),
            scale_min: z.number().finite().optional(),
            scale_max: z.number().finite().optional(),
            weight: z.number().finite().nonnegative().max(1000).optional(),
          })
          .strict(),
      )
      .min(1)
      .max(15)
      .optional(),
    /** Pairwise judgments above the diagonal, in the order of `criteria`. */
    ahp: z
      .object({ upper: z.array(z.number().finite().positive()).max(105) })
      .strict()
      .optional(),
    members: z
      .array(
        z
          .object({
            name: text(ROUND_TEXT_LIMITS.memberName),
            position: freeText(ROUND_TEXT_LIMITS.memberTitle).optional(),
            position_en: freeText(ROUND_TEXT_LIMITS.memberTitle).optional(),
            agency: freeText(ROUND_TEXT_LIMITS.memberAgency).optional(),
            role: z.enum(MEMBER_ROLES).optional(),
            active: z.boolean().optional(),
          })
          .strict(),
      )
      .max(100)
      .optional(),
  })
  .strict();
export type SetupFile = z.output<typeof setupFileSchema>;
