/** Official exports of a plan (issue 10 items 3–6): see electron/core/export/plan-export.ts and docs/exports.md. */
import { pdfPrinter } from '../export/pdf/printer';
import type { ExportedDocument } from '../../../shared/api/exports';
import {
  exportEvidencePack,
  exportPlan,
  listAgencies,
  PRINTERLESS_FORMATS,
  recordDocument,
  type ExportTools,
  type PlanExportRequest,
} from '../export/plan-export';
import { highsSolver } from '../solver/highs';
import type { Caller, CoreContext } from '../context';
import type { HandlerMap } from './types';

const tools = (caller: Caller): ExportTools => ({ actor: caller.actor, printer: pdfPrinter(), solver: highsSolver });

/**
 * A plan's document: the workbook and the open data are made on the compute worker (a province's plan held the host's
 * thread, and every device's calls, for 5–15 s) and recorded here; what needs the PDF printer is made on the host.
 */
async function planDocument(request: PlanExportRequest, caller: Caller, ctx: CoreContext): Promise<ExportedDocument> {
  if (!PRINTERLESS_FORMATS.has(request.format)) return exportPlan(ctx.store, request, tools(caller));
  const made = await ctx.compute('export.plan', { dbPath: ctx.dataPath, request });
  return recordDocument(ctx.store, caller.actor, 'plan.exported', made);
}

export const exportsHandlers = {
  // The workbook of the round's plan or of a scenario (kept for the allocation screen's button and older callers).
  'plan.exportXlsx': async (args, caller, ctx) => {
    const file = await planDocument(
      { roundId: args.roundId, scenarioId: args.scenarioId, format: 'xlsx', lang: args.lang ?? 'th' },
      caller,
      ctx,
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
    planDocument(
      { roundId: args.roundId, scenarioId: args.scenarioId, format: args.format, lang: args.lang ?? 'th' },
      caller,
      ctx,
    ),
  'exports.agencies': (args, _caller, ctx) => listAgencies(ctx.store, args.roundId),
  'exports.evidencePack': (args, caller, ctx) =>
    exportEvidencePack(
      ctx.store,
      { roundId: args.roundId, scenarioId: args.scenarioId, agency: args.agency, lang: args.lang ?? 'th' },
      tools(caller),
    ),
} satisfies Partial<HandlerMap>;
