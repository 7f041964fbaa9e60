import { AppError } from '../../../shared/api/errors';
import { appendAudit } from '../audit/audit-log';
import { highsSolver } from '../solver/highs';
import { runScenario } from '../services/scenarios';
import { buildPlanWorkbook } from '../export/plan-xlsx';
import { runGreedy } from '../services/allocation';
import { rankedProjects } from '../services/ranking';
import type { HandlerMap } from './types';

export const allocationHandlers = {
  'allocation.run': (args, _caller, ctx) => runGreedy(ctx.store, args.roundId),
  'plan.exportXlsx': async (args, caller, ctx) => {
    const lang = args.lang ?? 'th';
    const { round, rows } = await rankedProjects(ctx.store, args.roundId);
    const scenario = args.scenarioId ? await runScenario(ctx.store, args.scenarioId, highsSolver) : null;
    if (scenario && scenario.scenario.roundId !== args.roundId) {
      throw new AppError('INVALID_STATE', 'the scenario belongs to another round', 'สถานการณ์นี้อยู่ในรอบการพิจารณาอื่น');
    }
    if (scenario?.status === 'infeasible') {
      throw new AppError(
        'INVALID_STATE',
        'this scenario has no feasible plan to export; relax the conflicting constraints first',
        'สถานการณ์นี้ไม่มีแผนที่เป็นไปได้ กรุณาผ่อนเงื่อนไขที่ขัดกันก่อนส่งออก',
      );
    }
    const view = scenario ?? (await runGreedy(ctx.store, args.roundId));
    const districts = await ctx.store.db.selectFrom('area_district').selectAll().execute();
    const synthetic = ctx.store.sqlite.prepare(`SELECT value FROM setting WHERE key = 'synthetic'`).get() as
      { value: string } | undefined;
    const buffer = await buildPlanWorkbook({
      round,
      view,
      projects: rows,
      districtNames: new Map(districts.map((d) => [d.code, { th: d.name_th, en: d.name_en }])),
      synthetic: synthetic?.value === '1',
      lang,
      now: new Date(),
      rule: scenario?.scenario.rule ?? 'greedy',
      ...(scenario ? { scenarioName: scenario.scenario.name } : {}),
    });
    ctx.store.sqlite.transaction(() => {
      appendAudit(ctx.store.sqlite, caller.actor, 'plan.exported', {
        roundId: args.roundId,
        scenarioId: args.scenarioId ?? null,
        totalFunded: view.totalFunded,
        lang,
      });
    })();
    return {
      fileName: `chipao-plan-FY${round.fiscalYear}${scenario ? `-scenario-${scenario.scenario.id}` : ''}.xlsx`,
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      base64: buffer.toString('base64'),
      totalFunded: view.totalFunded,
      fundedCount: view.rows.filter((r) => r.funded > 0).length,
    };
  },
} satisfies Partial<HandlerMap>;
