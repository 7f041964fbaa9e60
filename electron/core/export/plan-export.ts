/**
 * Making an official document and recording it: reads the plan (plan-source.ts), writes the file in the format asked,
 * and appends an audit event with the file's SHA-256 and the audit chain's length and head hash at that moment. The
 * handlers and the command line both call these, so they write the same file.
 */
import { hash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExportAgency, ExportedDocument, PlanFormat } from '../../../shared/api/exports';
import { AppError } from '../../../shared/api/errors';
import type { Lang } from '../../../shared/api/types';
import type { LpSolver } from '../../../shared/domain/allocation/optimum';
import { appendAudit, auditHead } from '../audit/audit-log';
import type { Store } from '../db/database';
import { findApproval } from '../services/approval';
import { loadRound } from '../services/ranking';
import { evidenceHtml, evidenceItems, evidenceWorkbook, fileSafe } from './evidence';
import { loadZip } from './libs';
import { openDataCsv, openDataFiles, openDataJson, openDataRows } from './open-data';
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
      throw new Error('the open-data package is made by makePack');
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
 * A document recorded in the audit trail: what the answer says of it (without the download, which the handler offers)
 * and its bytes, which the handler offers for download and the command line writes to its file.
 */
export type RecordedDocument = Omit<ExportedDocument, 'downloadId' | 'size'> & Readonly<{ bytes: Buffer }>;

/** A document made and written to a file (on the compute worker), its size and SHA-256 taken there. */
export type WrittenDocument = Omit<MadeDocument, 'buffer'> & Readonly<{ path: string; size: number; sha256: string }>;

/**
 * Appends the export's audit event (file hash, chain before it) and returns the document with the chain after it.
 * The file may have been made on another thread (`makePlanDocument` on the compute worker): only this runs on the host.
 */
export function recordDocument(
  store: Store,
  actor: string,
  kind: 'plan.exported' | 'evidence.exported',
  file: MadeDocument,
): RecordedDocument {
  const { buffer: bytes, ...made } = file;
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const sha256 = hash('sha256', buffer, 'hex');
  return { ...recordWritten(store, actor, kind, { ...made, path: '', size: buffer.length, sha256 }), bytes: buffer };
}

/**
 * The same for a document written to a file and hashed on the compute worker: the host reads none of its bytes (a
 * province's open data is ~200 MB) and only appends the event.
 */
export function recordWritten(
  store: Store,
  actor: string,
  kind: 'plan.exported' | 'evidence.exported',
  file: WrittenDocument,
): Omit<RecordedDocument, 'bytes'> {
  const before = auditHead(store.sqlite);
  store.sqlite.transaction(() => {
    appendAudit(store.sqlite, actor, kind, {
      roundId: file.roundId,
      scenarioId: file.scenarioId,
      approvalId: file.approvalId,
      format: file.format,
      lang: file.lang,
      fileName: file.fileName,
      bytes: file.size,
      sha256: file.sha256,
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
    sha256: file.sha256,
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

/** One document of a plan made and written to `out`, hashed as it is written (the compute worker's task). */
export async function writePlanDocument(
  store: Store,
  request: PlanExportRequest,
  solver: LpSolver,
  printer: PdfPrinter,
  out: string,
): Promise<WrittenDocument> {
  const { buffer, ...made } = await makePlanDocument(store, request, solver, printer);
  await writeFile(out, buffer);
  return { ...made, path: out, size: buffer.byteLength, sha256: hash('sha256', buffer, 'hex') };
}

/** One document of a plan, recorded in the audit trail (the open-data package made as a pack: see makePack). */
export async function exportPlan(store: Store, request: PlanExportRequest, tools: ExportTools): Promise<RecordedDocument> {
  if (request.format === 'opendata') {
    const { format: _format, ...ref } = request;
    return recordPack(
      store,
      tools.actor,
      await makePack(inlinePackSteps(store, tools.solver), { ...ref, pack: 'opendata' }, tools.printer),
    );
  }
  return recordDocument(store, tools.actor, 'plan.exported', await makePlanDocument(store, request, tools.solver, tools.printer));
}

/**
 * The agencies with proposals in the round and how many each has, by name. For an approved scenario of the round,
 * those of its frozen plan (the proposals its ranking froze, which its evidence packs are made from): an agency renamed
 * since is listed by the name the approved plan gives it, under which its pack is found. A draft's: today's.
 */
export async function listAgencies(store: Store, roundId: number, scenarioId?: number): Promise<ExportAgency[]> {
  await loadRound(store, roundId);
  const approval = scenarioId === undefined ? null : findApproval(store, scenarioId);
  const rows = (
    approval?.roundId === roundId
      ? store.sqlite
          .prepare(
            `SELECT json_extract(j.value, '$.agency') AS agency, COUNT(*) AS proposals
               FROM approval_part p, json_each(p.content_json) j
              WHERE p.approval_id = ? AND p.part = 'ranking' GROUP BY 1 ORDER BY 1`,
          )
          .all(approval.id)
      : store.sqlite
          .prepare('SELECT agency, COUNT(*) AS proposals FROM project WHERE round_id = ? GROUP BY agency ORDER BY agency')
          .all(roundId)
  ) as { agency: string; proposals: number }[];
  return rows.map((r) => ({ agency: r.agency, proposals: r.proposals }));
}

/**
 * A zip of many files (the open-data package, an agency's evidence pack): which plan, and which package. Its files are
 * made off the host's thread (`preparePack` and `zipPack` on the compute worker); only the PDF pages are printed on
 * the host, where the printer is.
 */
export type PackRequest = PlanRef &
  Readonly<{ lang: Lang }> &
  (Readonly<{ pack: 'opendata' }> | Readonly<{ pack: 'evidence'; agency: string }>);

/** A file of the zip: made in the pack's folder, or (`print`) a page whose HTML is beside it, printed by the host. */
export type PackEntry = Readonly<{ name: string; file: string; print: boolean }>;

/** A pack's files made in its folder, in the zip's order, and what the audit event and the answer say of its plan. */
export type PreparedPack = Readonly<{ document: Omit<MadeDocument, 'buffer'>; entries: readonly PackEntry[] }>;

/** Where a page to print is written: beside the PDF it becomes. */
const pageFile = (entry: PackEntry): string => `${entry.file}.html`;

/**
 * Reads the plan once and writes every file of the pack into `dir` (read-only: it runs on the compute worker's
 * connection). The pages to print are written as HTML; `printPack` turns them into the PDFs.
 */
export async function preparePack(store: Store, request: PackRequest, dir: string, solver: LpSolver): Promise<PreparedPack> {
  const source = await loadPlanSource(store, request, solver);
  const entries: PackEntry[] = [];
  const put = async (name: string, content: string | Uint8Array, print = false): Promise<void> => {
    const entry = { name, file: join(dir, `${entries.length}-${print ? 'page.pdf' : 'part'}`), print };
    await writeFile(print ? pageFile(entry) : entry.file, content);
    entries.push(entry);
  };
  if (request.pack === 'opendata') {
    for (const f of openDataFiles(source, request.lang)) await put(f.name, f.content(), f.print);
    return {
      document: made(source, {
        fileName: planFileName(source, 'opendata'),
        mimeType: MIME.opendata,
        buffer: new Uint8Array(),
        format: 'opendata',
        lang: request.lang,
      }),
      entries,
    };
  }
  const items = evidenceItems(source, request.agency);
  if (items.length === 0) {
    throw new AppError(
      'NOT_FOUND',
      `no proposal of the round comes from the agency "${request.agency}"`,
      `ไม่มีโครงการของหน่วยงาน "${request.agency}" ในรอบนี้`,
    );
  }
  for (const item of items) {
    const name = fileSafe(item.project.code);
    await put(`${name}.xlsx`, await evidenceWorkbook(source, item, request.lang));
    await put(`${name}.pdf`, await evidenceHtml(source, item, request.lang), true);
  }
  const fileName = `chipao-evidence-FY${source.run.ctx.round.fiscalYear}-${fileSafe(request.agency)}.zip`;
  return {
    document: made(source, {
      fileName,
      mimeType: MIME.zip,
      buffer: new Uint8Array(),
      format: 'evidence',
      lang: request.lang,
      agency: request.agency,
    }),
    entries,
  };
}

/**
 * Prints the pack's pages into their PDFs, two at a time (one Chromium each); `onProgress` hears after each page.
 * Only this runs on the host's thread: it waits on the printer and does no work of its own.
 */
export async function printPack(
  entries: readonly PackEntry[],
  printer: PdfPrinter,
  onProgress: (done: number, total: number) => void = () => undefined,
): Promise<void> {
  const pages = entries.filter((e) => e.print);
  let next = 0;
  let done = 0;
  const worker = async (): Promise<void> => {
    while (next < pages.length) {
      const page = pages[next++]!;
      await writeFile(page.file, await printer.print(await readFile(pageFile(page), 'utf8')));
      onProgress(++done, pages.length);
    }
  };
  await Promise.all([worker(), worker()]);
}

/** Zips the pack's files, in order, into `out` (no database: it runs on the compute worker). Returns its size and hash. */
export async function zipPack(entries: readonly PackEntry[], out: string): Promise<Readonly<{ size: number; sha256: string }>> {
  const zip = new (await loadZip())();
  for (const e of entries) zip.file(e.name, await readFile(e.file));
  const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  await writeFile(out, bytes);
  return { size: bytes.length, sha256: hash('sha256', bytes, 'hex') };
}

/** Where a pack's two steps off the printer run: the compute worker in the app, this thread for the command line. */
export type PackSteps = Readonly<{
  prepare: (request: PackRequest, dir: string) => Promise<PreparedPack>;
  zip: (entries: readonly PackEntry[], out: string) => Promise<Readonly<{ size: number; sha256: string }>>;
}>;

/** The steps on this thread, on the given store (the command line, tests without a worker). */
export function inlinePackSteps(store: Store, solver: LpSolver): PackSteps {
  return { prepare: (request, dir) => preparePack(store, request, dir, solver), zip: zipPack };
}

/** A pack made in a temporary folder (removed after): its files prepared, its pages printed, zipped. */
export async function makePack(
  steps: PackSteps,
  request: PackRequest,
  printer: PdfPrinter,
  onProgress?: (done: number, total: number) => void,
): Promise<MadeDocument> {
  return inPackFolder(async (dir) => {
    const out = join(dir, 'pack.zip');
    const { path: _path, size: _size, sha256: _sha256, ...made } = await packInto(dir, steps, request, printer, out, onProgress);
    return { ...made, buffer: await readFile(out) };
  });
}

/**
 * A pack made and zipped into `out` (its other files in a temporary folder, removed after); with the worker's steps
 * the host never reads the zip, only prints its pages.
 */
export function writePack(
  steps: PackSteps,
  request: PackRequest,
  printer: PdfPrinter,
  out: string,
  onProgress?: (done: number, total: number) => void,
): Promise<WrittenDocument> {
  return inPackFolder((dir) => packInto(dir, steps, request, printer, out, onProgress));
}

/** Runs `work` with a temporary folder of its own, removed after whatever happens. */
async function inPackFolder<T>(work: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'chipao-pack-'));
  try {
    return await work(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A pack's files prepared in `dir`, its pages printed, zipped into `out`. */
async function packInto(
  dir: string,
  steps: PackSteps,
  request: PackRequest,
  printer: PdfPrinter,
  out: string,
  onProgress?: (done: number, total: number) => void,
): Promise<WrittenDocument> {
  const prepared = await steps.prepare(request, dir);
  await printPack(prepared.entries, printer, onProgress);
  const zipped = await steps.zip(prepared.entries, out);
  return { ...prepared.document, path: out, ...zipped };
}

/** The audit event of a pack: the open data as a plan's document, an evidence pack as evidence. */
export const packKind = (file: Pick<MadeDocument, 'format'>): 'plan.exported' | 'evidence.exported' =>
  file.format === 'evidence' ? 'evidence.exported' : 'plan.exported';

/** Records a pack as its kind of export: the open data as a plan's document, an evidence pack as evidence. */
export function recordPack(store: Store, actor: string, file: MadeDocument): RecordedDocument {
  return recordDocument(store, actor, packKind(file), file);
}

/** One agency's evidence pack (zip), recorded in the audit trail. */
export async function exportEvidencePack(
  store: Store,
  request: PlanRef & Readonly<{ agency: string; lang: Lang }>,
  tools: ExportTools,
  onProgress?: (done: number, total: number) => void,
): Promise<RecordedDocument> {
  return recordPack(
    store,
    tools.actor,
    await makePack(inlinePackSteps(store, tools.solver), { ...request, pack: 'evidence' }, tools.printer, onProgress),
  );
}
