import { readCache } from '../services/read-cache';
import { loadRound, rankedProjects } from '../services/ranking';
import {
  archiveRound,
  createMember,
  createRound,
  listRounds,
  roundDetail,
  roundProgress,
  setCriteria,
  setDevelopmentIssues,
  setRoundCeiling,
  setRoundStatus,
  updateMember,
  updateRound,
} from '../services/round-setup';
import type { CoreContext } from '../context';
import type { HandlerMap } from './types';

/** A round's setup changed: every screen showing the round refetches it, and rankings follow criteria changes. */
function changed(ctx: CoreContext, roundId: number): void {
  ctx.emit('round.changed', { roundId });
  ctx.emit('allocation.changed', { roundId });
}

export const roundsHandlers = {
  'rounds.list': (_args, _caller, ctx) => listRounds(ctx.store.sqlite),
  'rounds.get': (args, _caller, ctx) => loadRound(ctx.store, args.roundId),
  'rounds.setCeiling': async (args, caller, ctx) => {
    await loadRound(ctx.store, args.roundId);
    setRoundCeiling(ctx.store.sqlite, caller.actor, args.roundId, args.ceiling);
    ctx.emit('round.changed', { roundId: args.roundId });
    ctx.emit('allocation.changed', { roundId: args.roundId });
    return loadRound(ctx.store, args.roundId);
  },
  'rounds.create': (args, caller, ctx) => {
    const roundId = createRound(ctx.store.sqlite, caller.actor, args);
    ctx.emit('round.changed', { roundId });
    return roundDetail(ctx.store.sqlite, roundId);
  },
  'rounds.update': (args, caller, ctx) => {
    updateRound(ctx.store.sqlite, caller.actor, args.roundId, args);
    ctx.emit('round.changed', { roundId: args.roundId });
    return roundDetail(ctx.store.sqlite, args.roundId);
  },
  'rounds.setStatus': (args, caller, ctx) => {
    setRoundStatus(ctx.store.sqlite, caller.actor, args.roundId, args.status);
    ctx.emit('round.changed', { roundId: args.roundId });
    return roundDetail(ctx.store.sqlite, args.roundId);
  },
  'rounds.archive': (args, caller, ctx) => {
    archiveRound(ctx.store.sqlite, caller.actor, args.roundId, args.archived);
    ctx.emit('round.changed', { roundId: args.roundId });
    return roundDetail(ctx.store.sqlite, args.roundId);
  },
  'rounds.progress': (args, _caller, ctx) => roundProgress(ctx.store.sqlite, args.roundId),
  'developmentIssues.set': (args, caller, ctx) => {
    setDevelopmentIssues(ctx.store.sqlite, caller.actor, args.roundId, args.issues);
    ctx.emit('round.changed', { roundId: args.roundId });
    return roundDetail(ctx.store.sqlite, args.roundId).developmentIssues;
  },
  'members.create': (args, caller, ctx) => {
    const { roundId, ...member } = args;
    const created = createMember(ctx.store.sqlite, caller.actor, roundId, member);
    ctx.emit('round.changed', { roundId });
    return created;
  },
  'members.update': (args, caller, ctx) => {
    const { memberId, ...patch } = args;
    const updated = updateMember(ctx.store.sqlite, caller.actor, memberId, patch);
    const roundId = (ctx.store.sqlite.prepare('SELECT round_id FROM member WHERE id = ?').get(memberId) as { round_id: number })
      .round_id;
    changed(ctx, roundId);
    return updated;
  },
  'criteria.set': (args, caller, ctx) => {
    setCriteria(ctx.store.sqlite, caller.actor, args.roundId, args.criteria, args.ahp);
    changed(ctx, args.roundId);
    return roundDetail(ctx.store.sqlite, args.roundId);
  },
  // Every device asks for the ranking after every change; between two writes it is computed once.
  'projects.list': async (args, _caller, ctx) =>
    (await readCache(ctx.store).get(`ranking:${args.roundId}`, () => rankedProjects(ctx.store, args.roundId))).rows,
  'projects.ranking': async (args, _caller, ctx) => {
    const { rows } = await readCache(ctx.store).get(`ranking:${args.roundId}`, () => rankedProjects(ctx.store, args.roundId));
    return { ids: rows.map((r) => r.id), composites: rows.map((r) => r.composite) };
  },
} satisfies Partial<HandlerMap>;
