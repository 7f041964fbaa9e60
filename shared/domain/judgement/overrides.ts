/**
 * Manual changes to the ranking the committee decides in session: move a project to a position, include it
 * (funded whatever its rank) or exclude it (never funded). Each needs a written reason and the member who asked;
 * the latest override of a project is the one in force.
 */
import { AppError } from '../../api/errors';

export const OVERRIDE_KINDS = ['move', 'include', 'exclude'] as const;

export type OverrideKind = (typeof OVERRIDE_KINDS)[number];

/** A reason shorter than this (after trimming) is not a reason. */
export const MIN_REASON_CHARS = 5;

export type RankingOverride = Readonly<{
  id: number;
  projectId: number;
  kind: OverrideKind;
  /** For `move`: the 1-based rank the project takes. */
  position: number | null;
  reason: string;
  /** The committee member who asked for it. */
  requestedBy: number;
  at: string;
}>;

/**
 * The reason, trimmed; refuses a missing or too short one in both languages.
 * @example checkReason('  ติดปัญหาที่ดิน  ') // 'ติดปัญหาที่ดิน'
 */
export function checkReason(reason: string | undefined): string {
  const trimmed = (reason ?? '').trim();
  if ([...trimmed].length < MIN_REASON_CHARS) {
    throw new AppError(
      'BAD_ARGS',
      `an override needs a written reason of at least ${MIN_REASON_CHARS} characters (the minutes quote it)`,
      `การปรับลำดับต้องระบุเหตุผลเป็นลายลักษณ์อักษรอย่างน้อย ${MIN_REASON_CHARS} ตัวอักษร (ใช้บันทึกในรายงานการประชุม)`,
    );
  }
  return trimmed;
}

/** The override in force per project: the latest by id. */
export function overridesInForce(overrides: readonly RankingOverride[]): Map<number, RankingOverride> {
  const byProject = new Map<number, RankingOverride>();
  for (const o of [...overrides].sort((a, b) => a.id - b.id)) byProject.set(o.projectId, o);
  return byProject;
}

/**
 * Applies the overrides in force to an order of project ids (best first): each `move` takes its project out and
 * puts it at its position (clamped to the list, applied oldest first); `include` and `exclude` keep the rank and
 * are returned for the allocation to honour (lock or leave out).
 * @example applyOverrides([1, 2, 3], [{ id: 1, projectId: 3, kind: 'move', position: 1, reason: 'ready', requestedBy: 1, at: '' }]).order
 * // [3, 1, 2]
 */
export function applyOverrides(
  order: readonly number[],
  overrides: readonly RankingOverride[],
): { order: number[]; included: Set<number>; excluded: Set<number>; inForce: Map<number, RankingOverride> } {
  const inForce = overridesInForce(overrides);
  const present = new Set(order);
  const out = [...order];
  const included = new Set<number>();
  const excluded = new Set<number>();
  for (const o of [...inForce.values()].sort((a, b) => a.id - b.id)) {
    if (!present.has(o.projectId)) continue;
    if (o.kind === 'include') included.add(o.projectId);
    else if (o.kind === 'exclude') excluded.add(o.projectId);
    else {
      out.splice(out.indexOf(o.projectId), 1);
      const at = Math.min(out.length, Math.max(0, (o.position ?? 1) - 1));
      out.splice(at, 0, o.projectId);
    }
  }
  return { order: out, included, excluded, inForce };
}

/**
 * The sentence the why-card and the minutes add for an override in force.
 * @example describeOverride({ kind: 'exclude', position: null, reason: 'ซ้ำซ้อนกับงบกรม', requestedByName: 'นายสมชาย' }).en
 * // ' The committee excluded it from funding at the request of นายสมชาย: "ซ้ำซ้อนกับงบกรม".'
 */
export function describeOverride(
  o: Readonly<{ kind: OverrideKind; position: number | null; reason: string; requestedByName: string }>,
): Readonly<{ th: string; en: string }> {
  const what = {
    move: { th: `ย้ายไปลำดับที่ ${o.position ?? 1}`, en: `moved it to rank ${o.position ?? 1}` },
    include: { th: 'ให้ได้รับงบประมาณโดยไม่ขึ้นกับลำดับ', en: 'included it for funding whatever its rank' },
    exclude: { th: 'ไม่ให้ได้รับงบประมาณ', en: 'excluded it from funding' },
  }[o.kind];
  return {
    th: ` คณะกรรมการ${what.th} ตามที่ ${o.requestedByName} เสนอ ด้วยเหตุผล "${o.reason}"`,
    en: ` The committee ${what.en} at the request of ${o.requestedByName}: "${o.reason}".`,
  };
}
