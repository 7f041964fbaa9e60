import type { ProjectRanking, ProjectRow } from '../../../shared/api/types';

/**
 * The rows in the new ranking's order with its ranks and composites; a row whose rank and composite did not move is
 * the same object as before (grids redraw only the rows that changed). Null when the ranking is not of these rows
 * (a project added or removed meanwhile): the caller then reads the whole list again.
 *
 * @example applyRanking([a, b], { ids: [b.id, a.id], composites: [71, 70] }) // [{ ...b, rank: 1, composite: 71 }, { ...a, rank: 2, composite: 70 }]
 */
export function applyRanking(rows: readonly ProjectRow[], ranking: ProjectRanking): ProjectRow[] | null {
  if (ranking.ids.length !== rows.length || ranking.composites.length !== rows.length) return null;
  const byId = new Map(rows.map((r) => [r.id, r]));
  const out: ProjectRow[] = [];
  for (let i = 0; i < ranking.ids.length; i++) {
    const row = byId.get(ranking.ids[i]!);
    if (!row) return null;
    byId.delete(row.id);
    const composite = ranking.composites[i]!;
    out.push(row.rank === i + 1 && row.composite === composite ? row : { ...row, rank: i + 1, composite });
  }
  return out;
}
