import type { ProposalDetail } from '../../../shared/api/projects';
import type { ProjectRow } from '../../../shared/api/types';

/** One row of the proposals grid: the stored proposal and, once ranked, its rank, composite and evidence. */
export type ProposalGridRow = ProposalDetail &
  Readonly<{
    rank: number | null;
    composite: number | null;
    peopleAffected: number | null;
    evidenceChanged: boolean;
    needCount: number;
    readinessCount: number;
  }>;

/**
 * Joins a round's proposals with its ranking by project id; a proposal not ranked yet has no rank or composite.
 * @example gridRows([p], [])[0].rank // null
 */
export function gridRows(details: readonly ProposalDetail[], ranking: readonly ProjectRow[] | undefined): ProposalGridRow[] {
  const ranked = new Map((ranking ?? []).map((r) => [r.id, r]));
  return details.map((p) => {
    const r = ranked.get(p.id);
    return {
      ...p,
      rank: r?.rank ?? null,
      composite: r?.composite ?? null,
      peopleAffected: r?.peopleAffected ?? null,
      evidenceChanged: r?.evidenceChanged ?? false,
      needCount: p.linkCount,
      readinessCount: p.readiness.length,
    };
  });
}
