import { useCallback, useEffect, useState } from 'react';
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
 * One member's scores with optimistic edits: the new value shows at once, is replaced by the stored
 * score (and its version) on success, and reverts on any error (out of range, someone else's newer
 * version, lost connection), with the reason in the snackbar.
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

  useEffect(() => {
    setScores(query.data ? toMap(query.data) : new Map());
  }, [query.data]);

  const { reload } = query;
  const set = useCallback(
    (projectId: number, criterionId: number, value: number) => {
      if (roundId === undefined || memberId === null) return;
      const key = scoreKey(projectId, criterionId);
      const before = scores.get(key);
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
      patch({ value, version: before?.version ?? 0 });
      mark(true);
      void client
        .call('scores.set', { roundId, memberId, projectId, criterionId, value, expectedVersion: before?.version ?? 0 })
        .then((result) => {
          mark(false);
          if (result.ok) {
            patch({ value: result.value.value, version: result.value.version });
          } else {
            patch(before);
            notify.error(result.error);
            // Someone else saved first: fetch their value and version so the next edit can succeed.
            if (result.error.code === 'VERSION_CONFLICT') reload();
          }
        });
    },
    [client, notify, roundId, memberId, scores, reload],
  );

  return { scores, pending, loaded: query.data !== undefined, set };
}
