import { appendAudit } from '../audit/audit-log';
import { loadRound, rankedProjects } from '../services/ranking';
import type { HandlerMap } from './types';

export const roundsHandlers = {
  'rounds.list': async (_args, _caller, ctx) => {
    const rows = await ctx.store.db
      .selectFrom('round')
      .leftJoin('project', 'project.round_id', 'round.id')
      .select(['round.id', 'round.name', 'round.fiscal_year', 'round.ceiling', 'round.status'])
      .select((eb) => eb.fn.count<number>('project.id').as('n'))
      .groupBy('round.id')
      .orderBy('round.fiscal_year', 'desc')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      fiscalYear: r.fiscal_year,
      ceiling: r.ceiling,
      status: r.status,
      projectCount: Number(r.n),
    }));
  },
  'rounds.get': (args, _caller, ctx) => loadRound(ctx.store, args.roundId),
  'rounds.setCeiling': async (args, caller, ctx) => {
    await loadRound(ctx.store, args.roundId);
    ctx.store.sqlite.transaction(() => {
      ctx.store.sqlite.prepare('UPDATE round SET ceiling = ? WHERE id = ?').run(args.ceiling, args.roundId);
      appendAudit(ctx.store.sqlite, caller.actor, 'round.ceiling_set', args);
    })();
    ctx.emit('round.changed', { roundId: args.roundId });
    ctx.emit('allocation.changed', { roundId: args.roundId });
    return loadRound(ctx.store, args.roundId);
  },
  'projects.list': async (args, _caller, ctx) => (await rankedProjects(ctx.store, args.roundId)).rows,
} satisfies Partial<HandlerMap>;
