import type { Approval } from '../../../shared/api/approval';
import { useQuery } from '../../app/use-query';

/**
 * The approval of the scenario on screen (null for a draft), refetched when a scenario changes (an approval announces
 * itself as `scenario.changed`). An answer still about the previously shown scenario is not returned as this one's.
 */
export function useScenarioApproval(
  scenarioId: number | null,
): Readonly<{ approval: Approval | null | undefined; reload(): void }> {
  const q = useQuery('approvals.forScenario', scenarioId === null ? null : { scenarioId }, {
    refetchOn: ['scenario.changed'],
    when: (m) => m.event !== 'scenario.changed' || m.payload.scenarioId === scenarioId,
  });
  const approval = q.data === undefined || q.loading ? undefined : q.data;
  return { approval: approval && approval.scenarioId !== scenarioId ? undefined : approval, reload: q.reload };
}
