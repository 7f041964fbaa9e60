/**
 * Reading typed or pasted text into score cells, all or nothing: every cell must be a score on its criterion's
 * scale (or empty, "not scored"), and no cell may lie on a project under a conflict of interest.
 */
import { parseScore } from '../../../shared/domain/judgement/score-input';
import type { Criterion } from '../../../shared/api/types';

export type PasteTarget = Readonly<{ projectId: number; code: string; criterion: Criterion; conflict: boolean }>;

export type PasteProblem = Readonly<{ en: string; th: string }>;

export type PasteResult =
  | Readonly<{ ok: true; cells: ReadonlyArray<Readonly<{ projectId: number; criterionId: number; value: number | null }>> }>
  | Readonly<{ ok: false; problems: readonly PasteProblem[] }>;

/**
 * Texts (rows × columns) against the cells they land on (same shape).
 * @example pastedCells([['4'], ['abc']], targets).ok // false: row 2 is not a score
 */
export function pastedCells(block: readonly (readonly string[])[], targets: readonly (readonly PasteTarget[])[]): PasteResult {
  const cells: { projectId: number; criterionId: number; value: number | null }[] = [];
  const problems: PasteProblem[] = [];
  block.forEach((line, r) =>
    line.forEach((text, k) => {
      const target = targets[r]?.[k];
      if (!target) return;
      const where = {
        en: `${target.code}, '${target.criterion.nameEn}'`,
        th: `${target.code} เกณฑ์ '${target.criterion.nameTh}'`,
      };
      if (target.conflict) {
        problems.push({ en: `${where.en}: a conflict of interest is declared`, th: `${where.th}: แจ้งส่วนได้เสียไว้` });
        return;
      }
      const parsed = parseScore(text, target.criterion);
      if (parsed.ok) cells.push({ projectId: target.projectId, criterionId: target.criterion.id, value: parsed.value });
      else problems.push({ en: `${where.en}: ${parsed.en}`, th: `${where.th}: ${parsed.th}` });
    }),
  );
  return problems.length > 0 ? { ok: false, problems } : { ok: true, cells };
}
