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

/** Appends the export's audit event (file hash, chain before it) and returns the document with the chain after it. */
function recorded(
  store: Store,
  actor: string,
  kind: 'plan.exported' | 'evidence.exported',
  source: PlanSource,
  file: Readonly<{ fileName: string; mimeType: string; buffer: Buffer; format: string; lang: Lang; agency?: string }>,
): ExportedDocument {
  const sha256 = hash('sha256', file.buffer, 'hex');
  const before = auditHead(store.sqlite);
  store.sqlite.transaction(() => {
    appendAudit(store.sqlite, actor, kind, {
      roundId: source.run.ctx.round.id,
      scenarioId: source.scenario?.id ?? null,
      approvalId: source.approval?.id ?? null,
      format: file.format,
      lang: file.lang,
      fileName: file.fileName,
      bytes: file.buffer.length,
      sha256,
      chainLength: before.length,
      chainHead: before.head,
      totalFunded: source.result.totalFunded,
      ...(file.agency !== undefined ? { agency: file.agency } : {}),
    });
  })();
  const after = auditHead(store.sqlite);
  return {
    fileName: file.fileName,
    mimeType: file.mimeType,
    base64: file.buffer.toString('base64'),
    sha256,
    chainLength: after.length,
    chainHead: after.head,
    approved: source.approval !== null,
    totalFunded: source.result.totalFunded,
    fundedCount: source.result.rows.filter((r) => r.funded > 0).length,
  };
}

/** One document of a plan, recorded in the audit trail. */
export async function exportPlan(store: Store, request: PlanExportRequest, tools: ExportTools): Promise<ExportedDocument> {
  const source = await loadPlanSource(store, request, tools.solver);
  const buffer = await render(source, request.format, request.lang, tools.printer);
  const fileName = planFileName(source, request.format);
  return recorded(store, tools.actor, 'plan.exported', source, {
    fileName,
    mimeType: MIME[request.format],
    buffer,
    format: request.format,
    lang: request.lang,
  });
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
  return recorded(store, tools.actor, 'evidence.exported', source, {
    fileName,
    mimeType: MIME.zip,
    buffer,
    format: 'evidence',
    lang: request.lang,
    agency: request.agency,
  });
}
