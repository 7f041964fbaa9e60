import { useCallback, useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import type { ScoringSheet } from '../../../shared/api/judgement';
import { useApi } from '../../app/api-context';
import { useNotify } from '../../app/notify-context';
import { useQuery } from '../../app/use-query';

/** One cell of a member's sheet: value null is "not scored" (never zero). */
export type ScoreCell = Readonly<{ value: number | null; version: number; comment: string }>;
export const scoreKey = (projectId: number, criterionId: number): string => `${projectId}:${criterionId}`;

/** Cells that changed: their keys, or null when the whole sheet was read again. */
export type ScoresChange = readonly string[] | null;

export type MemberScores = Readonly<{
  /**
   * The cells as shown now (optimistic edits included). Kept in place and changed without a render: the grid reads
   * it through value getters and redraws only the cells `subscribe` names, so one edit does not rebuild thousands of
   * rows (province scale: 5,000 projects × 12 criteria).
   */
  scores: ReadonlyMap<string, ScoreCell>;
  /** Cells with a save not yet answered (same rules as `scores`). */
  pending: ReadonlySet<string>;
  /** Calls `listener` after every change of `scores` or `pending`; returns the unsubscribe. */
  subscribe(listener: (change: ScoresChange) => void): () => void;
  /** Moves each time the whole sheet is read again (comments, conflicts), so what is derived from it is re-read. */
  sheetVersion: number;
  conflicts: ReadonlySet<number>;
  progress: Readonly<{ scored: number; total: number }> | undefined;
  loaded: boolean;
  /** performance.now() of the last edit the member made (the UI's edit-to-ranking timing starts there). */
  lastEditAt: RefObject<number | null>;
  /** A score, or null to take it back ("not scored"). */
  set(projectId: number, criterionId: number, value: number | null): void;
  comment(projectId: number, criterionId: number, text: string): Promise<boolean>;
  declareConflict(projectId: number, declared: boolean, reason: string): Promise<boolean>;
}>;

function toMap(sheet: ScoringSheet): Map<string, ScoreCell> {
  return new Map(
    sheet.cells.map((s) => [scoreKey(s.projectId, s.criterionId), { value: s.value, version: s.version, comment: s.comment }]),
  );
}

/**
 * One member's sheet with optimistic edits: the new value shows at once, is replaced by the stored score (and its
 * version) on success, and reverts on any error (out of range, someone else's newer version, lost connection), with
 * the reason in the snackbar. Writes to one cell go out one after another, each with the version the previous one
 * got back, so a member's own quick consecutive edits never conflict with each other; a conflict is only ever
 * someone else's write, and then the current value is fetched and shown.
 */
export function useMemberScores(roundId: number | undefined, memberId: number | null): MemberScores {
  const { client } = useApi();
  const notify = useNotify();
  /**
   * Per cell, this device's writes whose "scores.changed" has not come back yet. The answer to a write already says
   * what was stored, so the echo of one's own write does not refetch the whole sheet (tens of thousands of cells at
   * province scale); a change by anyone else does.
   */
  const ownWrites = useRef(new Map<string, number>());
  const query = useQuery('scores.sheet', roundId !== undefined && memberId !== null ? { roundId, memberId } : null, {
    refetchOn: ['scores.changed'],
    when: (m) => {
      if (m.event !== 'scores.changed' || m.payload.memberId !== memberId) return false;
      const key = scoreKey(m.payload.projectId, m.payload.criterionId);
      const mine = ownWrites.current.get(key) ?? 0;
      if (mine === 0) return true;
      if (mine === 1) ownWrites.current.delete(key);
      else ownWrites.current.set(key, mine - 1);
      return false;
    },
  });
  /** Cells this device scored (+1) or took back (−1) since the sheet was last read: the progress moves at once. */
  const [scoredDelta, setScoredDelta] = useState(0);
  const [scores] = useState(() => new Map<string, ScoreCell>());
  const [pending] = useState(() => new Set<string>());
  const listeners = useRef(new Set<(change: ScoresChange) => void>());
  const changed = useCallback((change: ScoresChange) => {
    for (const listener of listeners.current) listener(change);
  }, []);
  const subscribe = useCallback((listener: (change: ScoresChange) => void) => {
    listeners.current.add(listener);
    return () => {
      listeners.current.delete(listener);
    };
  }, []);
  const [sheetVersion, setSheetVersion] = useState(0);
  /** What the core last confirmed per cell: the version the next write of that cell must name. */
  const confirmed = useRef(new Map<string, ScoreCell>());
  /** Per cell, the last write in flight (later writes wait for it) and how many are queued. */
  const chains = useRef(new Map<string, { tail: Promise<void>; queued: number }>());
  const lastEditAt = useRef<number | null>(null);

  useEffect(() => {
    const loaded = query.data ? toMap(query.data) : new Map<string, ScoreCell>();
    confirmed.current = new Map(loaded);
    setScoredDelta(0);
    // Cells with writes still queued keep showing the member's newest value.
    for (const key of chains.current.keys()) {
      const shown = scores.get(key);
      if (shown) loaded.set(key, shown);
    }
    scores.clear();
    for (const [key, cell] of loaded) scores.set(key, cell);
    setSheetVersion((v) => v + 1);
    changed(null);
  }, [query.data, scores, changed]);

  useEffect(() => {
    confirmed.current = new Map();
    chains.current = new Map();
    ownWrites.current = new Map();
  }, [roundId, memberId]);

  const { reload } = query;
  const set = useCallback(
    (projectId: number, criterionId: number, value: number | null) => {
      if (roundId === undefined || memberId === null) return;
      lastEditAt.current = performance.now();
      const key = scoreKey(projectId, criterionId);
      const patch = (cell: ScoreCell | undefined) => {
        if (cell) scores.set(key, cell);
        else scores.delete(key);
      };
      const known = confirmed.current.get(key);
      patch({ value, version: known?.version ?? 0, comment: known?.comment ?? '' });
      pending.add(key);
      changed([key]);
      const chain = chains.current.get(key) ?? { tail: Promise.resolve(), queued: 0 };
      chain.queued += 1;
      chain.tail = chain.tail.then(async () => {
        const before = confirmed.current.get(key);
        const expectedVersion = before?.version ?? 0;
        const cell = { roundId, memberId, projectId, criterionId, expectedVersion };
        const writes = ownWrites.current;
        writes.set(key, (writes.get(key) ?? 0) + 1);
        const result =
          value === null ? await client.call('scores.clear', cell) : await client.call('scores.set', { ...cell, value });
        chain.queued -= 1;
        const last = chain.queued === 0;
        if (last) chains.current.delete(key);
        if (result.ok) {
          const saved = { value: result.value.value, version: result.value.version, comment: before?.comment ?? '' };
          confirmed.current.set(key, saved);
          const wasScored = before !== undefined && before.value !== null;
          if (wasScored !== (saved.value !== null)) setScoredDelta((d) => d + (wasScored ? -1 : 1));
          if (last) patch(saved);
        } else {
          // A refused write sends no change back.
          const n = writes.get(key) ?? 0;
          if (n <= 1) writes.delete(key);
          else writes.set(key, n - 1);
          notify.error(result.error);
          if (last) patch(confirmed.current.get(key));
          // Someone else saved first: fetch their value and version so the next edit can succeed.
          if (result.error.code === 'VERSION_CONFLICT') reload();
        }
        if (last) {
          pending.delete(key);
          changed([key]);
        }
      });
      chains.current.set(key, chain);
    },
    [client, notify, roundId, memberId, reload, scores, pending, changed],
  );

  const comment = useCallback(
    async (projectId: number, criterionId: number, text: string) => {
      if (roundId === undefined || memberId === null) return false;
      const result = await client.call('scores.comment', { roundId, memberId, projectId, criterionId, comment: text });
      if (!result.ok) notify.error(result.error);
      else reload();
      return result.ok;
    },
    [client, notify, roundId, memberId, reload],
  );

  const declareConflict = useCallback(
    async (projectId: number, declared: boolean, reason: string) => {
      if (roundId === undefined || memberId === null) return false;
      const result = await client.call('scores.declareConflict', { roundId, memberId, projectId, declared, reason });
      if (!result.ok) notify.error(result.error);
      else reload();
      return result.ok;
    },
    [client, notify, roundId, memberId, reload],
  );

  const conflicts = useMemo(() => new Set(query.data?.conflicts.map((c) => c.projectId) ?? []), [query.data]);
  return {
    scores,
    pending,
    subscribe,
    sheetVersion,
    conflicts,
    progress: query.data ? { ...query.data.progress, scored: query.data.progress.scored + scoredDelta } : undefined,
    loaded: query.data !== undefined,
    lastEditAt,
    set,
    comment,
    declareConflict,
  };
}
