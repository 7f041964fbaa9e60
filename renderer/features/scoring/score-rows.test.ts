import { describe, expect, it } from 'vitest';
import type { ProjectRow } from '../../../shared/api/types';
import { noScoreRows, scoreRows } from './score-rows';

const project = (id: number, code: string, rank: number, composite: number, title = `โครงการ ${id}`): ProjectRow =>
  ({ id, code, title, rank, composite }) as unknown as ProjectRow;

describe('scoreRows', () => {
  const a = project(1, 'P2', 1, 80);
  const b = project(2, 'P1', 2, 70);
  const none = new Set<number>();

  it('orders rows by code and holds no score, rank or composite', () => {
    const out = scoreRows(noScoreRows, [a, b], none);
    expect(out.rows).toEqual([
      { projectId: 2, code: 'P1', title: 'โครงการ 2', conflict: false },
      { projectId: 1, code: 'P2', title: 'โครงการ 1', conflict: false },
    ]);
    expect(out.byId.get(1)).toBe(out.rows[1]);
  });

  it('gives back the same rows when only the ranking moved', () => {
    const first = scoreRows(noScoreRows, [a, b], none);
    const reRanked = [project(2, 'P1', 1, 90), project(1, 'P2', 2, 80)];
    expect(scoreRows(first, reRanked, new Set<number>())).toBe(first);
  });

  it('makes a new row for a renamed project or a changed conflict and keeps the others', () => {
    const first = scoreRows(noScoreRows, [a, b], none);
    const renamed = scoreRows(first, [a, project(2, 'P1', 2, 70, 'ชื่อใหม่')], none);
    expect(renamed).not.toBe(first);
    expect(renamed.rows[0]).toEqual({ projectId: 2, code: 'P1', title: 'ชื่อใหม่', conflict: false });
    expect(renamed.rows[1]).toBe(first.rows[1]);
    const conflicted = scoreRows(renamed, [a, project(2, 'P1', 2, 70, 'ชื่อใหม่')], new Set([1]));
    expect(conflicted.rows[1]).toEqual({ projectId: 1, code: 'P2', title: 'โครงการ 1', conflict: true });
    expect(conflicted.rows[0]).toBe(renamed.rows[0]);
  });

  it('follows a project added or removed', () => {
    const first = scoreRows(noScoreRows, [a, b], none);
    const added = scoreRows(first, [a, b, project(3, 'P0', 3, 10)], none);
    expect(added.rows.map((r) => r.code)).toEqual(['P0', 'P1', 'P2']);
    const removed = scoreRows(added, [a], none);
    expect(removed.rows.map((r) => r.code)).toEqual(['P2']);
    expect(removed.byId.has(2)).toBe(false);
  });
});
