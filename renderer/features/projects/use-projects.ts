import { useEffect, useRef, useState } from 'react';
import type { ProjectRow } from '../../../shared/api/types';
import { useApi, useApiEvent } from '../../app/api-context';
import type { Query } from '../../app/use-query';
import { useQuery } from '../../app/use-query';
import { useSession } from '../../app/session-context';
import { applyRanking } from './apply-ranking';

/**
 * The current round's projects, refetched whenever ranks or evidence can have moved. After a score edit only the
 * ranking changes: then only ids and composites are read (`projects.ranking`, a few bytes per project instead of the
 * whole list) and applied to the rows already here; anything else reads the whole list again.
 */
export function useProjects(): Query<ProjectRow[]> {
  const { round } = useSession();
  const { client } = useApi();
  const roundId = round?.id;
  const full = useQuery('projects.list', roundId !== undefined ? { roundId } : null, {
    refetchOn: ['allocation.changed', 'needs.synced', 'round.changed'],
    when: (m) => !(m.event === 'allocation.changed' && m.payload.cause === 'score'),
  });
  /** The re-ranked rows and the full list they were made from (a newer full list replaces them). */
  const [ranked, setRanked] = useState<{ from: ProjectRow[]; rows: ProjectRow[] } | null>(null);
  const latest = useRef({ data: full.data, ranked });
  useEffect(() => {
    latest.current = { data: full.data, ranked };
  });
  const seq = useRef(0);
  const { reload } = full;
  useApiEvent(['allocation.changed'], (m) => {
    if (m.event !== 'allocation.changed' || m.payload.roundId !== roundId || m.payload.cause !== 'score') return;
    const mine = ++seq.current;
    void client.call('projects.ranking', { roundId: m.payload.roundId }).then((r) => {
      if (mine !== seq.current) return; // a newer edit's answer is on its way
      if (!r.ok) {
        reload();
        return;
      }
      const { data: from, ranked: prev } = latest.current;
      if (!from) return;
      const rows = applyRanking(prev && prev.from === from ? prev.rows : from, r.value);
      if (rows) setRanked({ from, rows });
      else reload();
    });
  });
  const data = ranked && ranked.from === full.data ? ranked.rows : full.data;
  return { ...full, data };
}
