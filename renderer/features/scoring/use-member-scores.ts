import { useCallback, useEffect, useRef, useState } from 'react';
import type { MemberScore } from '../../../shared/api/types';
import { useApi } from '../../app/api-context';
import { useNotify } from '../../app/notify-context';
import { useQuery } from '../../app/use-query';

export type ScoreCell = Readonly<{ value: number; version: number }>;
export const scoreKey = (projectId: number, criterionId: number): string => `${projectId}:${criterionId}`;

export type MemberScores = Readonly<{
  scores: ReadonlyMap<string, ScoreCell>;
  pending: ReadonlySet<string>;
  loaded: boolean;
  set(projectId: number, criterionId: number, value: number): void;
}>;

function toMap(rows: readonly MemberScore[]): Map<string, ScoreCell> {
  return new Map(rows.map((s) => [scoreKey(s.projectId, s.criterionId), { value: s.value, version: s.version }]));
}

/**
 * One member's scores with optimistic edits: the new value shows at once, is replaced by the stored score (and its
 * version) on success, and reverts on any error (out of range, someone else's newer version, lost connection), with
 * the reason in the snackbar. Writes to one cell go out one after another, each with the version the previous one
 * got back, so a member's own quick consecutive edits never conflict with each other; a conflict is only ever
 * someone else's write, and then the current value is fetched and shown.
 */
export function useMemberScores(roundId: number | undefined, memberId: number | null): MemberScores {
  const { client } = useApi();
  const notify = useNotify();
  const query = useQuery('scores.forMember', roundId !== undefined && memberId !== null ? { roundId, memberId } : null, {
    refetchOn: ['scores.changed'],
    when: (m) => m.event === 'scores.changed' && m.payload.memberId === memberId,
  });
  const [scores, setScores] = useState<ReadonlyMap<string, ScoreCell>>(new Map());
  const [pending, setPending] = useState<ReadonlySet<string>>(new Set());
  /** What the core last confirmed per cell: the version the next write of that cell must name. */
  const confirmed = useRef(new Map<string, ScoreCell>());
  /** Per cell, the last write in flight (later writes wait for it) and how many are queued. */
  const chains = useRef(new Map<string, { tail: Promise<void>; queued: number }>());

  useEffect(() => {
    const loaded = query.data ? toMap(query.data) : new Map<string, ScoreCell>();
    confirmed.current = new Map(loaded);
    // Cells with writes still queued keep showing the member's newest value.
    setScores((prev) => {
      const next = new Map(loaded);
      for (const key of chains.current.keys()) {
        const shown = prev.get(key);
        if (shown) next.set(key, shown);
      }
      return next;
    });
  }, [query.data]);

  useEffect(() => {
    confirmed.current = new Map();
    chains.current = new Map();
  }, [roundId, memberId]);

  const { reload } = query;
  const set = useCallback(
    (projectId: number, criterionId: number, value: number) => {
      if (roundId === undefined || memberId === null) return;
      const key = scoreKey(projectId, criterionId);
      const patch = (cell: ScoreCell | undefined) =>
        setScores((prev) => {
          const next = new Map(prev);
          if (cell) next.set(key, cell);
          else next.delete(key);
          return next;
        });
      const mark = (on: boolean) =>
        setPending((prev) => {
          const next = new Set(prev);
          if (on) next.add(key);
          else next.delete(key);
          return next;
        });
      patch({ value, version: confirmed.current.get(key)?.version ?? 0 });
      mark(true);
      const chain = chains.current.get(key) ?? { tail: Promise.resolve(), queued: 0 };
      chain.queued += 1;
      chain.tail = chain.tail.then(async () => {
        const expectedVersion = confirmed.current.get(key)?.version ?? 0;
        const result = await client.call('scores.set', { roundId, memberId, projectId, criterionId, value, expectedVersion });
        chain.queued -= 1;
        const last = chain.queued === 0;
        if (last) chains.current.delete(key);
        if (result.ok) {
          const cell = { value: result.value.value, version: result.value.version };
          confirmed.current.set(key, cell);
          if (last) patch(cell);
        } else {
          notify.error(result.error);
          if (last) patch(confirmed.current.get(key));
          // Someone else saved first: fetch their value and version so the next edit can succeed.
          if (result.error.code === 'VERSION_CONFLICT') reload();
        }
        if (last) mark(false);
      });
      chains.current.set(key, chain);
    },
    [client, notify, roundId, memberId, reload],
  );

  return { scores, pending, loaded: query.data !== undefined, set };
}
