import type { ProjectRow } from '../../../shared/api/types';
import type { Query } from '../../app/use-query';
import { useQuery } from '../../app/use-query';
import { useSession } from '../../app/session-context';

/** The current round's projects, refetched whenever ranks or evidence can have moved. */
export function useProjects(): Query<ProjectRow[]> {
  const { round } = useSession();
  return useQuery('projects.list', round ? { roundId: round.id } : null, {
    refetchOn: ['scores.changed', 'allocation.changed', 'needs.synced', 'round.changed'],
  });
}
