/**
 * Reading typed or pasted text into score cells, all or nothing: every cell must be a score on its criterion's
 * scale (or empty, "not scored"), and no cell may lie on a project under a conflict of interest.
 */
import { parseScore } from '../../../shared/domain/judgement/score-input';
import type { Criterion } from '../../../shared/api/types';
import { en } from '../../i18n/en';
import { th } from '../../i18n/th';

export type PasteTarget = Readonly<{ projectId: number; code: string; criterion: Criterion; conflict: boolean }>;

/** A cell that is refused: the whole message (project, criterion, reason) and the reason alone. */
export type PasteProblem = Readonly<{ en: string; th: string; reason: Readonly<{ en: string; th: string }> }>;

type Cell = Readonly<{ projectId: number; criterionId: number; value: number | null }>;

export type PasteResult =
  Readonly<{ ok: true; cells: readonly Cell[] }> | Readonly<{ ok: false; problems: readonly PasteProblem[] }>;

/**
 * Texts (rows × columns) against the cells they land on (same shape).
 * @example pastedCells([['4'], ['abc']], targets).ok // false: row 2 is not a score
 */
export function pastedCells(block: readonly (readonly string[])[], targets: readonly (readonly PasteTarget[])[]): PasteResult {
  const cells: Cell[] = [];
  const problems: PasteProblem[] = [];
  block.forEach((line, r) =>
    line.forEach((text, k) => {
      const target = targets[r]?.[k];
      if (!target) return;
      const where = {
        en: `${target.code}, '${target.criterion.nameEn}'`,
        th: `${target.code} เกณฑ์ '${target.criterion.nameTh}'`,
      };
      const refuse = (reason: Readonly<{ en: string; th: string }>): void => {
        problems.push({ en: `${where.en}: ${reason.en}`, th: `${where.th}: ${reason.th}`, reason });
      };
      if (target.conflict) {
        refuse({ en: 'a conflict of interest is declared', th: 'แจ้งส่วนได้เสียไว้' });
        return;
      }
      const parsed = parseScore(text, target.criterion);
      if (parsed.ok) cells.push({ projectId: target.projectId, criterionId: target.criterion.id, value: parsed.value });
      else refuse({ en: parsed.en, th: parsed.th });
    }),
  );
  return problems.length > 0 ? { ok: false, problems } : { ok: true, cells };
}

/**
 * Text typed into one score cell: the cell, or why it is refused, naming the project and the criterion once.
 * @example typedScore('9', target) // { ok: false, th: "โครงการ P1 เกณฑ์ 'ความเร่งด่วน': 9 อยู่นอกช่วง… ไม่ได้บันทึก", … }
 */
export function typedScore(
  text: string,
  target: PasteTarget,
): Readonly<{ ok: true; cell: Cell }> | Readonly<{ ok: false; en: string; th: string }> {
  const parsed = pastedCells([[text]], [[target]]);
  if (parsed.ok) return { ok: true, cell: parsed.cells[0]! };
  const { reason } = parsed.problems[0]!;
  return {
    ok: false,
    en: en.judgement.badInput(target.code, target.criterion.nameEn, reason.en),
    th: th.judgement.badInput(target.code, target.criterion.nameTh, reason.th),
  };
}
