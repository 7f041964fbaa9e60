import { appendAudit } from '../audit/audit-log';
import { buildPlanWorkbook } from '../export/plan-xlsx';
import { runGreedy } from '../services/allocation';
import { rankedProjects } from '../services/ranking';
import type { HandlerMap } from './types';

export const allocationHandlers = {
  'allocation.run': (args, _caller, ctx) => runGreedy(ctx.store, args.roundId),
  'plan.exportXlsx': async (args, caller, ctx) => {
    const lang = args.lang ?? 'th';
    const { round, rows } = await rankedProjects(ctx.store, args.roundId);
    const view = await runGreedy(ctx.store, args.roundId);
    const districts = await ctx.store.db.selectFrom('area_district').selectAll().execute();
    const synthetic = ctx.store.sqlite.prepare(`SELECT value FROM setting WHERE key = 'synthetic'`).get() as { value: string } | undefined;
    const buffer = await buildPlanWorkbook({
      round,
      view,
      projects: rows,
      districtNames: new Map(districts.map((d) => [d.code, { th: d.name_th, en: d.name_en }])),
      synthetic: synthetic?.value === '1',
      lang,
      now: new Date(),
    });
    ctx.store.sqlite.transaction(() => {
      appendAudit(ctx.store.sqlite, caller.actor, 'plan.exported', { roundId: args.roundId, totalFunded: view.totalFunded, lang });
    })();
    return {
      fileName: `chipao-plan-FY${round.fiscalYear}.xlsx`,
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      base64: buffer.toString('base64'),
      totalFunded: view.totalFunded,
      fundedCount: view.fundedCount,
    };
  },
} satisfies Partial<HandlerMap>;
