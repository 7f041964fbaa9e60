import { useCallback, useMemo, useRef, useState } from 'react';
import type { ApiError } from '../../../shared/api/errors';
import type { ProposalDetail } from '../../../shared/api/projects';
import type { ProposalInput } from '../../../shared/domain/proposals';
import { useApi } from '../../app/api-context';
import { useNotify } from '../../app/notify-context';
import { useQuery } from '../../app/use-query';
import { useSession } from '../../app/session-context';
import { useI18n } from '../../i18n/i18n-context';

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
  const { t } = useI18n();
  const roundId = round?.id;
  const query = useQuery('projects.details', roundId === undefined ? null : { roundId }, {
    refetchOn: ['round.changed', 'scores.changed', 'needs.synced', 'allocation.changed'],
    when: (m) => !('roundId' in m.payload) || m.payload.roundId === roundId,
  });
  const [local, setLocal] = useState<ReadonlyMap<number, Local>>(new Map());
  const [confirm, setConfirm] = useState<PendingConfirm | null>(null);
  const [busy, setBusy] = useState(false);
  const localRef = useRef(local);
  localRef.current = local;

  const rows = useMemo(
    () =>
      query.data?.map((p): ProposalDetail => {
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
    [query.data, local],
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
          notify.success(t.projects.saved(p.code));
        }
        return { ok: true };
      } finally {
        setBusy(false);
      }
    },
    [askConfirm, client, notify, refused, remember, t],
  );

  const create = useCallback(
    async (input: ProposalInput): Promise<SaveOutcome> => {
      if (roundId === undefined) return { ok: false, problems: [] };
      setBusy(true);
      try {
        const r = await client.call('projects.create', { roundId, proposal: input });
        if (!r.ok) return refused(r.error, null);
        notify.success(t.projects.created(input.code));
        query.reload();
        return { ok: true };
      } finally {
        setBusy(false);
      }
    },
    [client, notify, query, refused, roundId, t],
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
