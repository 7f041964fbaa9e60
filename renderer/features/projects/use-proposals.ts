import { useCallback, useMemo, useRef, useState } from 'react';
import type { ApiError } from '../../../shared/api/errors';
import type { ProposalDetail, ProposalWriteResult } from '../../../shared/api/projects';
import type { Lang } from '../../../shared/api/types';
import type { ProposalInput } from '../../../shared/domain/proposals';
import { useNotify } from '../../app/notify-context';
import { useApi, useApiEvent } from '../../app/api-context';
import { useQuery, type Query } from '../../app/use-query';
import { useSession } from '../../app/session-context';
import { useI18n } from '../../i18n/i18n-context';
import type { Dict } from '../../i18n/th';

/** A field the host or the editor refused, with why (both languages). */
export type FieldProblem = Readonly<{ field: string; en: string; th: string }>;

/** A refused save: its field problems, and whether it was a version conflict (the data shown is stale). */
export type SaveOutcome = Readonly<{ ok: true }> | Readonly<{ ok: false; problems: readonly FieldProblem[]; conflict?: boolean }>;

/** A save waiting for the user to confirm editing a proposal members have scored. */
export type PendingConfirm = Readonly<{ code: string; scoreCount: number; answer(confirmed: boolean): void }>;

export type ProposalEditor = Readonly<{
  /** The round's proposals, with this window's own saves applied until the refetch catches up. */
  rows: readonly ProposalDetail[] | undefined;
  save(p: ProposalDetail, input: ProposalInput): Promise<SaveOutcome>;
  create(input: ProposalInput): Promise<SaveOutcome>;
  remove(p: ProposalDetail): Promise<boolean>;
  confirm: PendingConfirm | null;
  busy: boolean;
}>;

type Local = Readonly<{ input: ProposalInput; version: number; flagged: boolean }>;

/** How many proposals already holding a priority a save's warning names (then how many more). */
const HELD_NAMED = 3;

/**
 * What a save says: done, or done with its warnings (saved all the same): other proposals of the agency already hold
 * the priority it gave; the point lies outside the tambons the proposal covers.
 */
function savedNote(t: Dict, lang: Lang, done: string, written: ProposalWriteResult): { warning: boolean; text: string } {
  const same = written.samePriority;
  const outside = written.pointOutside;
  let text = done;
  if (same) {
    const named = same.held.slice(0, HELD_NAMED).map((h) => `${h.code} “${h.title}”`);
    text = t.projects.samePriority(done, same.agency, same.priority, named.join(', '), same.held.length - named.length);
  }
  if (outside) text = `${text} ${lang === 'th' ? outside.th : outside.en}`;
  return { warning: same !== undefined || outside !== undefined, text };
}

/** The problems an error carries, by field; empty when it is not about fields. */
function fieldProblems(error: ApiError): FieldProblem[] {
  return (error.problems ?? []).filter((p) => p.column).map((p) => ({ field: p.column ?? '', en: p.en, th: p.th }));
}

/**
 * The current round's proposals and their writes. Every write sends the version last seen (versions only grow,
 * so the newer of the fetched and the last written one); editing a scored proposal asks first; a conflict shows
 * who changed what and reloads.
 */
export function useProposals(): ProposalEditor {
  const { round } = useSession();
  const { client } = useApi();
  const notify = useNotify();
  const { lang, t } = useI18n();
  const roundId = round?.id;
  const query = useQuery('projects.details', roundId === undefined ? null : { roundId }, {
    refetchOn: ['round.changed', 'needs.synced', 'allocation.changed'],
    // A member's score changes one proposal's score count, nothing else here: that row alone is read again (below).
    when: (m) =>
      (!('roundId' in m.payload) || m.payload.roundId === roundId) &&
      !(m.event === 'allocation.changed' && m.payload.cause === 'score'),
  });
  const rescored = useRescoredRows(roundId, query);
  const [local, setLocal] = useState<ReadonlyMap<number, Local>>(new Map());
  const [confirm, setConfirm] = useState<PendingConfirm | null>(null);
  const [busy, setBusy] = useState(false);
  const localRef = useRef(local);
  localRef.current = local;

  const rows = useMemo(
    () =>
      query.data?.map((fetched): ProposalDetail => {
        const p = rescored.get(fetched.id) ?? fetched;
        const mine = local.get(p.id);
        if (!mine || mine.version <= p.version) return p;
        return {
          ...p,
          ...mine.input,
          requested: mine.input.operating + mine.input.investment,
          version: mine.version,
          changedAfterScoring: p.changedAfterScoring || mine.flagged,
        };
      }),
    [query.data, rescored, local],
  );

  const remember = useCallback((id: number, value: Local | null) => {
    setLocal((m) => {
      const next = new Map(m);
      if (value) next.set(id, value);
      else next.delete(id);
      return next;
    });
  }, []);

  /** Shows a refusal: field problems go back to the form, a conflict reloads, anything else to the snackbar. */
  const refused = useCallback(
    (error: ApiError, id: number | null): SaveOutcome => {
      if (error.code === 'VERSION_CONFLICT') {
        notify.error({
          ...error,
          message: `${error.message}. ${t.projects.conflict}`,
          messageTh: `${error.messageTh} ${t.projects.conflict}`,
        });
        if (id !== null) remember(id, null);
        query.reload();
        return { ok: false, problems: [], conflict: true };
      }
      const problems = fieldProblems(error);
      notify.error(error);
      return { ok: false, problems };
    },
    [notify, query, remember, t],
  );

  const askConfirm = useCallback(
    (p: ProposalDetail): Promise<boolean> =>
      new Promise((resolve) => {
        setConfirm({
          code: p.code,
          scoreCount: p.scoreCount,
          answer: (confirmed) => {
            setConfirm(null);
            resolve(confirmed);
          },
        });
      }),
    [],
  );

  const save = useCallback(
    async (p: ProposalDetail, input: ProposalInput): Promise<SaveOutcome> => {
      const scored = p.scoreCount > 0;
      if (scored && !(await askConfirm(p))) return { ok: false, problems: [] };
      const expectedVersion = Math.max(p.version, localRef.current.get(p.id)?.version ?? 0);
      setBusy(true);
      try {
        const r = await client.call('projects.update', {
          projectId: p.id,
          expectedVersion,
          proposal: input,
          ...(scored ? { confirmAfterScoring: true } : {}),
        });
        if (!r.ok) return refused(r.error, p.id);
        if (r.value.kind === 'changed') {
          remember(p.id, { input, version: r.value.version, flagged: scored });
          const note = savedNote(t, lang, t.projects.saved(p.code), r.value);
          if (note.warning) notify.warning(note.text);
          else notify.success(note.text);
        }
        return { ok: true };
      } finally {
        setBusy(false);
      }
    },
    [askConfirm, client, notify, refused, remember, lang, t],
  );

  const create = useCallback(
    async (input: ProposalInput): Promise<SaveOutcome> => {
      if (roundId === undefined) return { ok: false, problems: [] };
      setBusy(true);
      try {
        const r = await client.call('projects.create', { roundId, proposal: input });
        if (!r.ok) return refused(r.error, null);
        const note = savedNote(t, lang, t.projects.created(input.code), r.value);
        if (note.warning) notify.warning(note.text);
        else notify.success(note.text);
        query.reload();
        return { ok: true };
      } finally {
        setBusy(false);
      }
    },
    [client, notify, query, refused, roundId, lang, t],
  );

  const remove = useCallback(
    async (p: ProposalDetail): Promise<boolean> => {
      setBusy(true);
      try {
        const r = await client.call('projects.remove', { projectId: p.id, expectedVersion: p.version });
        if (!r.ok) {
          refused(r.error, p.id);
          return false;
        }
        notify.success(t.projects.removed(p.code));
        query.reload();
        return true;
      } finally {
        setBusy(false);
      }
    },
    [client, notify, query, refused, t],
  );

  return { rows, save, create, remove, confirm, busy };
}

/**
 * The proposals a score edit touched, read again one by one (`projects.get`) over the round's list they were read for:
 * a committee scoring in session sends an edit every few seconds, and reading the whole round's proposals (megabytes
 * at a province's 5,000) on every screen after each one kept the host busy. A newer list replaces them.
 */
function useRescoredRows(roundId: number | undefined, query: Query<ProposalDetail[]>): ReadonlyMap<number, ProposalDetail> {
  const { client } = useApi();
  const [rescored, setRescored] = useState<{ from: ProposalDetail[]; rows: ReadonlyMap<number, ProposalDetail> } | null>(null);
  const latest = useRef(query.data);
  latest.current = query.data;
  const { reload } = query;
  useApiEvent(['scores.changed'], (m) => {
    if (m.event !== 'scores.changed' || m.payload.roundId !== roundId) return;
    // A returned offline sheet (project 0) changes many proposals; the allocation.changed after it reloads the list.
    const from = latest.current;
    if (m.payload.projectId === 0 || !from) return;
    void client.call('projects.get', { projectId: m.payload.projectId }).then((r) => {
      if (!r.ok) {
        reload();
        return;
      }
      setRescored((prev) => {
        if (latest.current !== from) return prev; // a newer list has come meanwhile
        const rows = new Map(prev && prev.from === from ? prev.rows : []);
        rows.set(r.value.id, r.value);
        return { from, rows };
      });
    });
  });
  return useMemo(
    () => (rescored && rescored.from === query.data ? rescored.rows : new Map<number, ProposalDetail>()),
    [rescored, query.data],
  );
}
