/**
 * Approval of a scenario under a committee resolution, the frozen plan and its reproduction: argument schemas (the
 * contract imports them) and result types. See docs/approval.md.
 */
import { z } from 'zod';
import { hasUnsafeCharacters } from '../domain/line-formats';
import { parseThaiDate } from '../domain/thai-date';
import type { MemberRole } from './rounds';

const id = z.number().int().positive();
const oneLine = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((s) => !hasUnsafeCharacters(s), {
      message: 'must be one line without control characters',
      params: { th: 'ต้องเป็นข้อความบรรทัดเดียว ไม่มีอักขระควบคุม' },
    });

/** A meeting date as Thai documents write it (BE or CE, `15/12/2568`, `15 ธ.ค. 2568`, `2025-12-15`), kept as ISO (CE). */
const meetingDate = z
  .string()
  .max(40)
  .transform((text, ctx) => {
    const iso = parseThaiDate(text);
    if (iso === null) {
      ctx.addIssue({
        code: 'custom',
        message: `not a date: '${text}' (e.g. 15/12/2568)`,
        params: { th: `ไม่ใช่วันที่: '${text}' (เช่น 15/12/2568)` },
      });
      return z.NEVER;
    }
    return iso;
  });

export const approvalSchemas = {
  /**
   * Approves a scenario: the chair or the secretariat (`approverId`, a member of the round) records the resolution and
   * the members present; the plan is frozen. Approving another scenario of a round that already has an approved plan
   * supersedes that plan.
   */
  'approvals.approve': z
    .object({
      scenarioId: id,
      /** มติที่ประชุม ครั้งที่ …/… */
      resolutionNo: oneLine(200),
      resolutionDate: meetingDate,
      approverId: id,
      memberIds: z
        .array(id)
        .min(1)
        .max(500)
        .refine((l) => new Set(l).size === l.length, {
          message: 'each member once',
          params: { th: 'กรรมการแต่ละคนระบุได้ครั้งเดียว' },
        }),
    })
    .strict(),
  /** The approval of one scenario, or null when it is a draft. */
  'approvals.forScenario': z.object({ scenarioId: id }).strict(),
  /** The round's approvals, oldest first (superseded ones included). */
  'approvals.list': z.object({ roundId: id }).strict(),
  /** Checks the frozen snapshot against its manifest and re-runs the rule from it; writes an audit event. */
  'approvals.reproduce': z.object({ approvalId: id }).strict(),
} as const;

/** A committee member recorded as present at the approving meeting. */
export type PresentMember = Readonly<{ memberId: number; name: string; titleTh: string; role: MemberRole }>;

/** An approved plan as the record keeps it. */
export type Approval = Readonly<{
  id: number;
  scenarioId: number;
  roundId: number;
  resolutionNo: string;
  /** ISO date (CE) of the meeting; shown in the Buddhist era. */
  resolutionDate: string;
  /** Name of the chair or secretariat member who approved. */
  approvedBy: string;
  membersPresent: readonly PresentMember[];
  approvedAt: string;
  /** SHA-256 over the manifest (each frozen part's SHA-256). */
  manifestSha256: string;
  /** The audit chain's length and head hash right after the approval was recorded. */
  chainLength: number;
  chainHead: string;
  codeVersion: string;
  /** The approval this one replaced, if any. */
  supersedes: number | null;
  /** The approval that replaced this one (this plan is then no longer the round's plan, but stays readable). */
  supersededBy: number | null;
}>;

/** A frozen part whose content no longer matches the hash in the manifest. */
export type TamperedPart = Readonly<{ part: string; expected: string; actual: string }>;

/** One project whose re-run amount differs from the approved one. */
export type ReproductionDifference = Readonly<{ projectId: number; code: string; approved: number; rerun: number }>;

/** What re-running an approved plan from its frozen inputs showed. */
export type ReproductionReport = Readonly<{
  approvalId: number;
  scenarioId: number;
  /** True when the snapshot is intact and the re-run equals the approved result bit for bit. */
  ok: boolean;
  manifestOk: boolean;
  /** Stored overall hash and the one recomputed from the parts. */
  manifestSha256: string;
  recomputedSha256: string;
  tampered: readonly TamperedPart[];
  /** Null when the snapshot could not be re-run (tampered or unreadable). */
  identical: boolean | null;
  /** Up to 50 projects whose amounts differ. */
  differences: readonly ReproductionDifference[];
  rerunMs: number;
  /** The audit chain's length and head hash after the check was recorded. */
  chainLength: number;
  chainHead: string;
}>;
