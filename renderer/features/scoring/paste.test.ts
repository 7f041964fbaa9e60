import { describe, expect, it } from 'vitest';
import type { Criterion } from '../../../shared/api/types';
import { pastedCells, typedScore, type PasteTarget } from './paste';

const criterion: Criterion = {
  id: 7,
  code: 'urgency',
  nameTh: 'ความเร่งด่วน',
  nameEn: 'Urgency',
  weight: 1,
  scaleMin: 1,
  scaleMax: 5,
  kind: 'member',
  direction: 'benefit',
  source: null,
};
const target = (projectId: number, conflict = false): PasteTarget => ({ projectId, code: `P${projectId}`, criterion, conflict });

describe('a column pasted from Excel', () => {
  it('lands cell by cell; an empty cell is "not scored"', () => {
    expect(pastedCells([['4'], [''], [' 2 ']], [[target(1)], [target(2)], [target(3)]])).toEqual({
      ok: true,
      cells: [
        { projectId: 1, criterionId: 7, value: 4 },
        { projectId: 2, criterionId: 7, value: null },
        { projectId: 3, criterionId: 7, value: 2 },
      ],
    });
  });
  it('is refused whole when one cell is not a score or lies on a declared conflict, naming each', () => {
    const r = pastedCells([['4'], ['abc'], ['3.5'], ['2']], [[target(1)], [target(2)], [target(3)], [target(4, true)]]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.en)).toEqual([
      "P2, 'Urgency': 'abc' is not a score (a number on the scale)",
      "P3, 'Urgency': 3.5 is not a whole number on the scale 1–5",
      "P4, 'Urgency': a conflict of interest is declared",
    ]);
    expect(r.problems[0]!.th).toContain('ความเร่งด่วน');
  });
});

describe('a score typed into one cell', () => {
  it('is refused naming the project and the criterion once, in Thai and English', () => {
    const r = typedScore('9', target(1));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.en).toBe("Project P1, 'Urgency': 9 is outside the scale 1–5; not saved");
    expect(r.th.split('P1')).toHaveLength(2);
    expect(r.th.split('ความเร่งด่วน')).toHaveLength(2);
    expect(r.th).toMatch(/^โครงการ P1 เกณฑ์ 'ความเร่งด่วน': 9 /u);
  });
  it('on a declared conflict says so once', () => {
    const r = typedScore('4', target(2, true));
    expect(r).toEqual({
      ok: false,
      en: "Project P2, 'Urgency': a conflict of interest is declared; not saved",
      th: "โครงการ P2 เกณฑ์ 'ความเร่งด่วน': แจ้งส่วนได้เสียไว้ ไม่ได้บันทึก",
    });
  });
  it('lands as the cell when it is a score', () => {
    expect(typedScore(' 4 ', target(3))).toEqual({ ok: true, cell: { projectId: 3, criterionId: 7, value: 4 } });
  });
});
