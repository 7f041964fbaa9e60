/** Official exports of a plan (issue 10 items 3–6): see electron/core/export/plan-export.ts and docs/exports.md. */
import { pdfPrinter } from '../export/pdf/printer';
import { exportEvidencePack, exportPlan, listAgencies, type ExportTools } from '../export/plan-export';
import { highsSolver } from '../solver/highs';
import type { Caller } from '../context';
import type { HandlerMap } from './types';

const tools = (caller: Caller): ExportTools => ({ actor: caller.actor, printer: pdfPrinter(), solver: highsSolver });

export const exportsHandlers = {
  // The workbook of the round's plan or of a scenario (kept for the allocation screen's button and older callers).
  'plan.exportXlsx': async (args, caller, ctx) => {
    const file = await exportPlan(
      ctx.store,
      { roundId: args.roundId, scenarioId: args.scenarioId, format: 'xlsx', lang: args.lang ?? 'th' },
      tools(caller),
    );
    return {
      fileName: file.fileName,
      mimeType: file.mimeType,
      base64: file.base64,
      totalFunded: file.totalFunded,
      fundedCount: file.fundedCount,
    };
  },
  'exports.plan': (args, caller, ctx) =>
    exportPlan(
      ctx.store,
      { roundId: args.roundId, scenarioId: args.scenarioId, format: args.format, lang: args.lang ?? 'th' },
      tools(caller),
    ),
  'exports.agencies': (args, _caller, ctx) => listAgencies(ctx.store, args.roundId),
  'exports.evidencePack': (args, caller, ctx) =>
    exportEvidencePack(
      ctx.store,
      { roundId: args.roundId, scenarioId: args.scenarioId, agency: args.agency, lang: args.lang ?? 'th' },
      tools(caller),
    ),
} satisfies Partial<HandlerMap>;
