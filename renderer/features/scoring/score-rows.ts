import type { ProjectRow } from '../../../shared/api/types';

/**
 * What a row of the scoring grid holds: only what changes with the project list or a declared conflict. Scores,
 * saves in flight, ranks and composites are read by the grid's value getters from where they are kept, and a change
 * redraws only the cells it touches.
 */
export type ScoreRow = Readonly<{
  projectId: number;
  code: string;
  title: string;
  conflict: boolean;
}>;

/** The rows last given to the grid, by project id. */
export type ScoreRows = Readonly<{ rows: ScoreRow[]; byId: ReadonlyMap<number, ScoreRow> }>;

export const noScoreRows: ScoreRows = { rows: [], byId: new Map() };

const same = (row: ScoreRow | undefined, p: ProjectRow, conflict: boolean): row is ScoreRow =>
  row !== undefined && row.code === p.code && row.title === p.title && row.conflict === conflict;

/**
 * The grid's rows by project code. When no project was added, removed or renamed and no conflict changed (a score
 * edit, a new ranking) the previous rows come back as they were, the same array, so the grid neither compares nor
 * filters thousands of rows again; otherwise every row that did not change keeps its object.
 *
 * @example scoreRows(prev, reRanked, conflicts) === prev // only ranks and composites moved
 */
export function scoreRows(previous: ScoreRows, projects: readonly ProjectRow[], conflicts: ReadonlySet<number>): ScoreRows {
  if (previous.rows.length === projects.length && projects.every((p) => same(previous.byId.get(p.id), p, conflicts.has(p.id))))
    return previous;
  const byId = new Map<number, ScoreRow>();
  const rows = [...projects]
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
    .map((p) => {
      const conflict = conflicts.has(p.id);
      const old = previous.byId.get(p.id);
      const row = same(old, p, conflict) ? old : { projectId: p.id, code: p.code, title: p.title, conflict };
      byId.set(p.id, row);
      return row;
    });
  return { rows, byId };
}
