import { useCallback, useMemo, useState, type ReactNode } from 'react';
import { canCall } from '../../shared/api/contract';
import { useQuery } from './use-query';
import { SessionContext, type Session } from './session-context';

const ROUND_KEY = 'chipao.roundId';

function storedRoundId(): number | null {
  try {
    const v = Number(localStorage.getItem(ROUND_KEY));
    return Number.isInteger(v) && v > 0 ? v : null;
  } catch {
    return null;
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const info = useQuery('app.info', {}, { refetchOn: ['sample.removed'] });
  const areas = useQuery('areas.list', {});
  const rounds = useQuery('rounds.list', {}, { refetchOn: ['round.changed'] });
  // The chosen round (remembered on this device) while it exists; otherwise the first listed (real rounds first).
  const [chosen, setChosen] = useState<number | null>(storedRoundId);
  const roundId = rounds.data?.find((r) => r.id === chosen)?.id ?? rounds.data?.[0]?.id;
  const selectRound = useCallback((id: number) => {
    try {
      localStorage.setItem(ROUND_KEY, String(id));
    } catch {
      // Storage may be unavailable (private mode); the choice then lasts until reload.
    }
    setChosen(id);
  }, []);
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
      can: (method) => canCall(info.data?.role, method),
      reloadRound: round.reload,
      rounds: rounds.data ?? [],
      selectRound,
    };
  }, [info.data, areas.data, round.data, round.reload, rounds.data, selectRound]);

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
