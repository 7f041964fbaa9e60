import { useMemo, type ReactNode } from 'react';
import { useQuery } from './use-query';
import { SessionContext, type Session } from './session-context';

export function SessionProvider({ children }: { children: ReactNode }) {
  const info = useQuery('app.info', {});
  const areas = useQuery('areas.list', {});
  const rounds = useQuery('rounds.list', {}, { refetchOn: ['round.changed'] });
  // The first round is the current one until round selection exists.
  const roundId = rounds.data?.[0]?.id;
  const round = useQuery('rounds.get', roundId === undefined ? null : { roundId }, {
    refetchOn: ['round.changed'],
    when: (m) => m.event === 'round.changed' && m.payload.roundId === roundId,
  });

  const value = useMemo<Session>(() => {
    const a = areas.data;
    return {
      info: info.data,
      round: round.data,
      areas: a,
      districts: new Map((a?.districts ?? []).map((d) => [d.code, d])),
      tambons: new Map((a?.tambons ?? []).map((x) => [x.code, x])),
      categories: new Map((a?.categories ?? []).map((c) => [c.id, c])),
      isOwner: info.data?.role === 'owner',
      reloadRound: round.reload,
    };
  }, [info.data, areas.data, round.data, round.reload]);

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
