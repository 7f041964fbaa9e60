import { useCallback, useEffect, useRef, useState } from 'react';
import type { EventName } from '../../../shared/api/contract';
import type { ScenarioParams } from '../../../shared/api/scenario';
import type { Scenario, ScenarioResult } from '../../../shared/api/types';
import { useApi, useApiEvent } from '../../app/api-context';
import { useNotify } from '../../app/notify-context';
import { useSession } from '../../app/session-context';
import { useQuery, type Query } from '../../app/use-query';

/** Everything that can change a scenario's result: its own edits, scores, the round, the needs. */
export const RESULT_EVENTS: readonly EventName[] = [
  'scenario.changed',
  'scores.changed',
  'allocation.changed',
  'round.changed',
  'needs.synced',
];

/** The current round's scenarios, refetched when any of them is created, changed or deleted. */
export function useScenarioList(): Query<Scenario[]> {
  const { round } = useSession();
  const roundId = round?.id;
  return useQuery('scenarios.list', roundId === undefined ? null : { roundId }, {
    refetchOn: ['scenario.changed'],
    when: (m) => m.event === 'scenario.changed' && m.payload.roundId === roundId,
  });
}

/**
 * One scenario's result, rerun after anything that changes it. A scenario's own `scenario.changed` counts;
 * another scenario's does not. `scenarios.run` announces nothing, so this cannot loop.
 */
export function useScenarioRun(scenarioId: number | null): Query<ScenarioResult> {
  return useQuery('scenarios.run', scenarioId === null ? null : { scenarioId }, {
    refetchOn: RESULT_EVENTS,
    when: (m) => m.event !== 'scenario.changed' || m.payload.scenarioId === scenarioId,
  });
}

const STORAGE_KEY = 'chipao.scenario';

function storedId(): number | null {
  try {
    const n = Number(localStorage.getItem(STORAGE_KEY));
    return Number.isSafeInteger(n) && n > 0 ? n : null;
  } catch {
    return null;
  }
}

/**
 * The scenario the workbench shows, remembered across screens and reloads; falls back to the first one
 * when the remembered scenario is gone (deleted here or on another device).
 */
export function useCurrentScenarioId(scenarios: readonly Scenario[] | undefined): [number | null, (id: number) => void] {
  const [wanted, setWanted] = useState<number | null>(storedId);
  const select = useCallback((id: number) => {
    setWanted(id);
    try {
      localStorage.setItem(STORAGE_KEY, String(id));
    } catch {
      // Not remembered; the choice still holds for this session.
    }
  }, []);
  if (!scenarios) return [null, select];
  const found = scenarios.find((s) => s.id === wanted) ?? scenarios[0];
  return [found?.id ?? null, select];
}

export type ScenarioPatch = Readonly<{
  name?: string;
  rule?: Scenario['rule'];
  params?: Partial<ScenarioParams>;
  locks?: Readonly<Record<string, number>>;
}>;

export type ScenarioEditor = Readonly<{
  /** The scenario as the user last set it (optimistic); the host's copy once nothing is in flight. */
  scenario: Scenario | undefined;
  /** A patch, or a function of the latest local copy (for edits to one entry of a map or of the locks). */
  patch(patch: ScenarioPatch | ((latest: Scenario) => ScenarioPatch)): void;
}>;

/**
 * Optimistic edits of one scenario. Each patch is merged into the latest local copy before it is sent, so
 * quick successive edits (two district floors, two locks) build on each other instead of on a stale copy;
 * the host's copy is adopted again when nothing is in flight.
 */
export function useScenarioEditor(server: Scenario | undefined): ScenarioEditor {
  const { client } = useApi();
  const notify = useNotify();
  const [local, setLocal] = useState(server);
  const latest = useRef(server);
  const serverRef = useRef(server);
  const inFlight = useRef(0);

  useEffect(() => {
    serverRef.current = server;
    if (inFlight.current === 0 || server?.id !== latest.current?.id) {
      latest.current = server;
      setLocal(server);
    }
  }, [server]);

  const patch = useCallback(
    (patchOrFn: ScenarioPatch | ((latest: Scenario) => ScenarioPatch)) => {
      const current = latest.current;
      if (!current) return;
      const p = typeof patchOrFn === 'function' ? patchOrFn(current) : patchOrFn;
      const next: Scenario = {
        ...current,
        name: p.name ?? current.name,
        rule: p.rule ?? current.rule,
        params: { ...current.params, ...p.params },
        locks: p.locks ?? current.locks,
      };
      latest.current = next;
      setLocal(next);
      inFlight.current += 1;
      void client.call('scenarios.update', { scenarioId: current.id, ...p }).then((result) => {
        inFlight.current -= 1;
        if (result.ok) return;
        notify.error(result.error);
        if (inFlight.current === 0) {
          latest.current = serverRef.current;
          setLocal(serverRef.current);
        }
      });
    },
    [client, notify],
  );

  return { scenario: local, patch };
}

/**
 * Results of several scenarios at once (the comparison table), rerun after anything that changes them.
 * Answers from a superseded request are dropped.
 */
export function useScenarioRuns(
  ids: readonly number[],
): Readonly<{ data: ReadonlyMap<number, ScenarioResult>; loading: boolean }> {
  const { client, epoch } = useApi();
  const notify = useNotify();
  const [data, setData] = useState<ReadonlyMap<number, ScenarioResult>>(new Map());
  const [loading, setLoading] = useState(false);
  const [tick, setTick] = useState(0);
  const seq = useRef(0);
  const key = ids.join(',');

  useEffect(() => {
    const mine = ++seq.current;
    const wanted = key === '' ? [] : key.split(',').map(Number);
    setLoading(wanted.length > 0);
    void Promise.all(wanted.map((scenarioId) => client.call('scenarios.run', { scenarioId }))).then((results) => {
      if (mine !== seq.current) return;
      setLoading(false);
      const next = new Map<number, ScenarioResult>();
      results.forEach((r, i) => {
        if (r.ok) next.set(wanted[i]!, r.value);
        else notify.error(r.error);
      });
      setData(next);
    });
  }, [client, key, tick, epoch, notify]);

  useApiEvent(RESULT_EVENTS, () => setTick((n) => n + 1));
  return { data, loading };
}
