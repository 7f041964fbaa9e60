import type { AllocationView } from '../../../shared/api/types';
import { useSession } from '../../app/session-context';
import { useQuery, type Query } from '../../app/use-query';

/**
 * The greedy allocation for the current round, rerun whenever scores, the round, the needs or the
 * allocation change. `allocation.run` itself announces nothing, so this cannot loop.
 */
export function useAllocation(): Query<AllocationView> {
  const { round } = useSession();
  return useQuery('allocation.run', round ? { roundId: round.id, rule: 'greedy' } : null, {
    refetchOn: ['allocation.changed', 'scores.changed', 'round.changed', 'needs.synced'],
  });
}
