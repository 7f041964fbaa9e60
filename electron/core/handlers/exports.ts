/** Official exports of a plan (issue 10 items 3–6): see electron/core/export/plan-export.ts and docs/exports.md. */
import { rm } from 'node:fs/promises';
import { pdfPrinter } from '../export/pdf/printer';
import type { ExportedDocument } from '../../../shared/api/exports';
import {
  exportPlan,
  listAgencies,
  PRINTERLESS_FORMATS,
  packKind,
  recordWritten,
  writePack,
  type ExportTools,
  type RecordedDocument,
  type WrittenDocument,
  type PackRequest,
  type PackSteps,
  type PlanExportRequest,
} from '../export/plan-export';
import { highsSolver } from '../solver/highs';
import type { Caller, CoreContext } from '../context';
import type { HandlerMap } from './types';

const tools = (caller: Caller): ExportTools => ({ actor: caller.actor, printer: pdfPrinter(), solver: highsSolver });

/**
 * The recorded document offered to the caller's device for download: the answer names the file, its bytes are
 * fetched apart (downloads.ts), never carried in the answer.
 */
async function offer(doc: RecordedDocument, caller: Caller, ctx: CoreContext): Promise<ExportedDocument> {
  const { bytes, ...answer } = doc;
  const ref = await ctx.downloads.putBytes(caller, {
    fileName: doc.fileName,
    mimeType: doc.mimeType,
    bytes,
    sha256: doc.sha256,
  });
  return { ...answer, ...ref };
}

/**
 * A document the compute worker writes straight into the downloads' folder (`make(out)`), recorded and offered
 * without the host reading its bytes; the file is removed if anything fails before it is offered.
 */
async function offerWritten(
  make: (out: string) => Promise<WrittenDocument>,
  kind: (file: WrittenDocument) => 'plan.exported' | 'evidence.exported',
  caller: Caller,
  ctx: CoreContext,
): Promise<ExportedDocument> {
  const out = ctx.downloads.scratchPath();
  try {
    const file = await make(out);
    const answer = recordWritten(ctx.store, caller.actor, kind(file), file);
    const ref = await ctx.downloads.putFile(caller, file);
    return { ...answer, ...ref };
  } finally {
    await rm(out, { force: true });
  }
}

/** A pack's steps off the printer on the compute worker, its own read-only connection reading the database. */
const workerPackSteps = (ctx: CoreContext): PackSteps => ({
  prepare: (request, dir) => ctx.compute('export.prepare', { dbPath: ctx.dataPath, request, dir }),
  zip: (entries, out) => ctx.compute('export.zip', { entries, out }),
});

/**
 * A zip of many files (the open-data package, an evidence pack): read, written and zipped on the compute worker (a
 * province's open data held the host's thread, and every device's calls, for 5–15 s); the host only prints its pages
 * (the printer lives there) and records it.
 */
async function packDocument(request: PackRequest, caller: Caller, ctx: CoreContext): Promise<ExportedDocument> {
  return offerWritten((out) => writePack(workerPackSteps(ctx), request, tools(caller).printer, out), packKind, caller, ctx);
}

/**
 * A plan's document: the workbook and the open data are made on the compute worker (a province's plan held the host's
 * thread, and every device's calls, for 5–15 s) and recorded here; the PDF report is made on the host, where the
 * printer is.
 */
async function planDocument(request: PlanExportRequest, caller: Caller, ctx: CoreContext): Promise<ExportedDocument> {
  if (request.format === 'opendata') {
    const { format: _format, ...ref } = request;
    return packDocument({ ...ref, pack: 'opendata' }, caller, ctx);
  }
  if (!PRINTERLESS_FORMATS.has(request.format)) return offer(await exportPlan(ctx.store, request, tools(caller)), caller, ctx);
  return offerWritten(
    (out) => ctx.compute('export.plan', { dbPath: ctx.dataPath, request, out }),
    () => 'plan.exported',
    caller,
    ctx,
  );
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
      downloadId: file.downloadId,
      fileName: file.fileName,
      mimeType: file.mimeType,
      size: file.size,
      sha256: file.sha256,
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
  'exports.agencies': (args, _caller, ctx) => listAgencies(ctx.store, args.roundId, args.scenarioId),
  'exports.evidencePack': (args, caller, ctx) =>
    packDocument(
      { roundId: args.roundId, scenarioId: args.scenarioId, agency: args.agency, lang: args.lang ?? 'th', pack: 'evidence' },
      caller,
      ctx,
    ),
} satisfies Partial<HandlerMap>;
