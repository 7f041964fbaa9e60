/**
 * Making an official document and recording it: reads the plan (plan-source.ts), writes the file in the format asked,
 * and appends an audit event with the file's SHA-256 and the audit chain's length and head hash at that moment. The
 * handlers and the command line both call these, so they write the same file.
 */
import { hash } from 'node:crypto';
import type { ExportAgency, ExportedDocument, PlanFormat } from '../../../shared/api/exports';
import { AppError } from '../../../shared/api/errors';
import type { Lang } from '../../../shared/api/types';
import type { LpSolver } from '../../../shared/domain/allocation/optimum';
import { appendAudit, auditHead } from '../audit/audit-log';
import type { Store } from '../db/database';
import { loadRound } from '../services/ranking';
import { evidenceItems, evidenceZip, fileSafe, type MemberScoreRow } from './evidence';
import { openDataCsv, openDataJson, openDataRows, openDataZip } from './open-data';
import { buildPlanReportPdf } from './pdf/report';
import type { PdfPrinter } from './pdf/printer';
import { buildPlanWorkbook } from './plan-xlsx';
import { loadPlanSource, type PlanRef, type PlanSource } from './plan-source';

export type PlanExportRequest = PlanRef & Readonly<{ format: PlanFormat; lang: Lang }>;

/** What an export needs besides the database: who asks (for the audit event), the PDF printer and the LP solver. */
export type ExportTools = Readonly<{ actor: string; printer: PdfPrinter; solver: LpSolver }>;

const MIME: Readonly<Record<PlanFormat | 'zip', string>> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json',
  opendata: 'application/zip',
  zip: 'application/zip',
};

/** The file's name: what it is, the fiscal year, the scenario. */
function planFileName(source: PlanSource, format: PlanFormat): string {
  const base = `FY${source.run.ctx.round.fiscalYear}${source.scenario ? `-scenario-${source.scenario.id}` : ''}`;
  switch (format) {
    case 'xlsx':
    case 'pdf':
      return `chipao-plan-${base}.${format}`;
    case 'csv':
    case 'json':
      return `chipao-open-data-${base}.${format}`;
    case 'opendata':
      return `chipao-open-data-${base}.zip`;
  }
}

async function render(source: PlanSource, format: PlanFormat, lang: Lang, printer: PdfPrinter): Promise<Buffer> {
  switch (format) {
    case 'xlsx':
      return buildPlanWorkbook(source, lang);
    case 'pdf':
      return buildPlanReportPdf(source, lang, printer);
    case 'csv':
      return openDataCsv(openDataRows(source, lang));
    case 'json':
      return openDataJson(source, openDataRows(source, lang), lang);
    case 'opendata':
      return openDataZip(source, lang, printer);
  }
}

/** A document made and not yet recorded: its bytes, and what its audit event and the answer say of its plan. */
export type MadeDocument = Readonly<{
  fileName: string;
  mimeType: string;
  buffer: Uint8Array;
  format: string;
  lang: Lang;
  agency?: string;
  roundId: number;
  scenarioId: number | null;
  approvalId: number | null;
  totalFunded: number;
  fundedCount: number;
}>;

function made(
  source: PlanSource,
  file: Readonly<{ fileName: string; mimeType: string; buffer: Uint8Array; format: string; lang: Lang; agency?: string }>,
): MadeDocument {
  return {
    ...file,
    roundId: source.run.ctx.round.id,
    scenarioId: source.scenario?.id ?? null,
    approvalId: source.approval?.id ?? null,
    totalFunded: source.result.totalFunded,
    fundedCount: source.result.rows.filter((r) => r.funded > 0).length,
  };
}

/**
 * Appends the export's audit event (file hash, chain before it) and returns the document with the chain after it.
 * The file may have been made on another thread (`makePlanDocument` on the compute worker): only this runs on the host.
 */
export function recordDocument(
  store: Store,
  actor: string,
  kind: 'plan.exported' | 'evidence.exported',
  file: MadeDocument,
): ExportedDocument {
  const buffer = Buffer.from(file.buffer.buffer, file.buffer.byteOffset, file.buffer.byteLength);
  const sha256 = hash('sha256', buffer, 'hex');
  const before = auditHead(store.sqlite);
  store.sqlite.transaction(() => {
    appendAudit(store.sqlite, actor, kind, {
      roundId: file.roundId,
      scenarioId: file.scenarioId,
      approvalId: file.approvalId,
      format: file.format,
      lang: file.lang,
      fileName: file.fileName,
      bytes: buffer.length,
      sha256,
      chainLength: before.length,
      chainHead: before.head,
      totalFunded: file.totalFunded,
      ...(file.agency !== undefined ? { agency: file.agency } : {}),
    });
  })();
  const after = auditHead(store.sqlite);
  return {
    fileName: file.fileName,
    mimeType: file.mimeType,
    base64: buffer.toString('base64'),
    sha256,
    chainLength: after.length,
    chainHead: after.head,
    approved: file.approvalId !== null,
    totalFunded: file.totalFunded,
    fundedCount: file.fundedCount,
  };
}

/** The formats made without the PDF printer, which lives on the host (Electron's printToPDF in the desktop app). */
export const PRINTERLESS_FORMATS: ReadonlySet<PlanFormat> = new Set<PlanFormat>(['xlsx', 'csv', 'json']);

/** One document of a plan, made and not recorded (read-only: it can run on the compute worker's connection). */
export async function makePlanDocument(
  store: Store,
  request: PlanExportRequest,
  solver: LpSolver,
  printer: PdfPrinter,
): Promise<MadeDocument> {
  const source = await loadPlanSource(store, request, solver);
  const buffer = await render(source, request.format, request.lang, printer);
  return made(source, {
    fileName: planFileName(source, request.format),
    mimeType: MIME[request.format],
    buffer,
    format: request.format,
    lang: request.lang,
  });
}

/** One document of a plan, recorded in the audit trail. */
export async function exportPlan(store: Store, request: PlanExportRequest, tools: ExportTools): Promise<ExportedDocument> {
  return recordDocument(store, tools.actor, 'plan.exported', await makePlanDocument(store, request, tools.solver, tools.printer));
}

/** The agencies with proposals in the round and how many each has, by name. */
export async function listAgencies(store: Store, roundId: number): Promise<ExportAgency[]> {
  await loadRound(store, roundId);
  const rows = store.sqlite
    .prepare('SELECT agency, COUNT(*) AS proposals FROM project WHERE round_id = ? GROUP BY agency ORDER BY agency')
    .all(roundId) as { agency: string; proposals: number }[];
  return rows.map((r) => ({ agency: r.agency, proposals: r.proposals }));
}

/** One agency's evidence pack (zip), recorded in the audit trail. */
export async function exportEvidencePack(
  store: Store,
  request: PlanRef & Readonly<{ agency: string; lang: Lang }>,
  tools: ExportTools,
  onProgress?: (done: number, total: number) => void,
): Promise<ExportedDocument> {
  const source = await loadPlanSource(store, request, tools.solver);
  const readScores = store.sqlite.prepare(
    'SELECT m.name AS memberName, s.criterion_id AS criterionId, s.value FROM score s JOIN member m ON m.id = s.member_id WHERE s.project_id = ?',
  );
  const items = evidenceItems(source, request.agency, (id) => readScores.all(id) as MemberScoreRow[]);
  if (items.length === 0) {
    throw new AppError(
      'NOT_FOUND',
      `no proposal of the round comes from the agency "${request.agency}"`,
      `ไม่มีโครงการของหน่วยงาน "${request.agency}" ในรอบนี้`,
    );
  }
  const buffer = await evidenceZip(source, items, request.lang, tools.printer, onProgress);
  const fileName = `chipao-evidence-FY${source.run.ctx.round.fiscalYear}-${fileSafe(request.agency)}.zip`;
  return recordDocument(
    store,
    tools.actor,
    'evidence.exported',
    made(source, { fileName, mimeType: MIME.zip, buffer, format: 'evidence', lang: request.lang, agency: request.agency }),
  );
}
