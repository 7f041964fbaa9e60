/**
 * CPU-heavy computations that take no database: plain functions of serialisable input, run by the compute worker
 * (see runner.ts) so the host keeps answering other devices meanwhile, or inline where no worker is configured.
 */
import { isMainThread, threadId } from 'node:worker_threads';
import { readFileSync, statSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { MAX_INFLATED_BYTES, MAX_PB_BYTES } from '../../../shared/api/limits';
import type { PbAnalysis } from '../../../shared/api/types';
import { AppError } from '../../../shared/api/errors';
import { add, fromInt, toDecimalString, ZERO } from '../../../shared/domain/allocation/rational';
import { parsePb, PbParseError, pbDuplicateVoters } from '../../../shared/domain/pabulib/pb-format';
import { PB_RULE_KEYS, pbApprovalProfile, runPbRuleOnProfile } from '../../../shared/domain/pabulib/rules';
import { scenarioToPb } from '../export/scenario-pb';
import { decodeUtf8 } from '../sync/decode';
import { readOnlyCall, readOnlyStore } from './read-replica';
import { openStore, type Store } from '../db/database';
import {
  writePlanDocument,
  preparePack,
  PRINTERLESS_FORMATS,
  zipPack,
  type WrittenDocument,
  type PackEntry,
  type PackRequest,
  type PlanExportRequest,
  type PreparedPack,
} from '../export/plan-export';
import type { PdfPrinter } from '../export/pdf/printer';
import { highsSolver } from '../solver/highs';
import { freezeScenario, reproduceApproval, type ApproveInput, type FrozenParts, type Reproduction } from '../services/approval';
import { suggestForRound } from '../../../shared/domain/links/suggest-round';
import type { NeedTable } from '../../../shared/domain/links/need-index';
import type { RoundProposal } from '../../../shared/domain/links/suggest-round';
import { syncTasks } from './sync-tasks';
import { readImportFile, type ImportSource } from '../import/read';
import { readScoringSheet, type ScoringSheetFile } from '../export/scoring-sheets-import';

/** Reads a Pabulib .pb (or .pb.gz) file and runs every rule on it. */
export function analyzePb(args: Readonly<{ fileName: string; path: string }>): PbAnalysis {
  const text = readPbText(args.path, args.fileName);
  let instance;
  try {
    instance = parsePb(text);
  } catch (error) {
    if (error instanceof PbParseError) {
      throw new AppError(
        'IMPORT_REJECTED',
        `${args.fileName}: ${error.message}`,
        `${args.fileName}: บรรทัดที่ ${error.line}: ${error.messageTh}`,
        [{ line: error.line, en: error.messageEn, th: error.messageTh }],
      );
    }
    throw error;
  }
  const profile = pbApprovalProfile(instance);
  const costOf = new Map(profile.projects.map((p) => [p.id, p.cost]));
  const rules = PB_RULE_KEYS.map((rule) => {
    const t0 = performance.now();
    const r = runPbRuleOnProfile(profile, rule);
    const seconds = (performance.now() - t0) / 1000;
    const total = r.selected.reduce((s, id) => add(s, costOf.get(id) ?? ZERO), fromInt(0));
    return { rule, selected: r.selected, totalCost: toDecimalString(total), seconds: Math.round(seconds * 1e4) / 1e4 };
  });
  const hasSelected = instance.projects.some((p) => p.fields['selected'] !== undefined);
  const duplicateVoters = pbDuplicateVoters(instance.votes);
  return {
    fileName: args.fileName,
    meta: instance.meta,
    projects: instance.projects.length,
    voters: instance.votes.length,
    distinctBallots: profile.ballots.length,
    rules,
    official: hasSelected
      ? instance.projects
          .filter((p) => Number(p.fields['selected'] ?? 0) >= 1)
          .map((p) => p.id)
          .sort()
      : null,
    ...(duplicateVoters ? { duplicateVoters } : {}),
  };
}

/** zlib's output pieces for a .pb.gz: 16 MB (see gunzipCapped). */
const PB_GUNZIP_CHUNK = 16 * 1024 * 1024;

function pbTooLarge(fileName: string): AppError {
  const mb = Math.round(MAX_PB_BYTES / (1024 * 1024));
  return new AppError(
    'TOO_LARGE',
    `${fileName}: larger than ${mb} MB, the most a .pb file may be; refused`,
    `${fileName}: ไฟล์ใหญ่เกิน ${mb} MB ซึ่งเป็นขนาดสูงสุดของไฟล์ .pb จึงไม่รับ`,
  );
}

/**
 * Reads a `.pb` or `.pb.gz` file as UTF-8 text (gzip detected by its magic bytes, whatever the extension), for the app
 * and the command line alike. A plain file and an unpacked gzip are both held to MAX_PB_BYTES: a plain file by its size
 * before it is read (and once read, should it have grown meanwhile), a gzip while it inflates.
 *
 * @example readPbText('instances/Poland_Swiecie_2023.pb.gz', 'Poland_Swiecie_2023.pb.gz')
 */
export function readPbText(path: string, fileName: string): string {
  if (statSync(path).size > MAX_PB_BYTES) throw pbTooLarge(fileName);
  const raw = readFileSync(path);
  if (raw.length > MAX_PB_BYTES) throw pbTooLarge(fileName);
  const gzip = raw.length >= 2 && raw[0] === 0x1f && raw[1] === 0x8b;
  return decodeUtf8(gzip ? gunzipCapped(raw, fileName, MAX_PB_BYTES, PB_GUNZIP_CHUNK) : raw, fileName);
}

/**
 * Inflates a gzip with an output cap, so a small bomb cannot take the host's memory. `chunkSize` is zlib's output
 * piece: its default 64 KB pieces of a file of hundreds of megabytes stay in the allocator after they are joined.
 */
export function gunzipCapped(raw: Buffer, fileName: string, cap = MAX_INFLATED_BYTES, chunkSize?: number): Buffer {
  try {
    return gunzipSync(raw, { maxOutputLength: cap, ...(chunkSize ? { chunkSize } : {}) });
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (
      code === 'ERR_BUFFER_TOO_LARGE' ||
      (error instanceof RangeError && /Cannot create a Buffer larger/u.test(error.message))
    ) {
      const mb = Math.round(cap / (1024 * 1024));
      throw new AppError(
        'TOO_LARGE',
        `${fileName}: the compressed file unpacks to more than ${mb} MB; refused`,
        `${fileName}: ไฟล์บีบอัดนี้เมื่อขยายแล้วใหญ่เกิน ${mb} MB จึงไม่รับ`,
      );
    }
    // zlib's "unexpected end of file": the compressed data stops before its end (a download cut short).
    if (code === 'Z_BUF_ERROR') {
      throw new AppError(
        'IMPORT_REJECTED',
        `${fileName}: the gzip file is cut short (its compressed data ends early, as after an interrupted download)`,
        `${fileName}: ไฟล์ gzip ไม่ครบ (ข้อมูลที่บีบอัดจบก่อนกำหนด เช่น ดาวน์โหลดไม่สำเร็จ)`,
      );
    }
    throw new AppError('IMPORT_REJECTED', `${fileName}: not a valid gzip file`, `${fileName}: ไฟล์ gzip ไม่ถูกต้อง`);
  }
}

/**
 * A read-only connection for a task that reads the database: the worker's own, kept; on the host's thread (a core
 * without a worker: the command line, tests) one opened for the task and closed after it, so none outlives its core.
 */
async function withReadOnlyStore<T>(dbPath: string, task: (store: Store) => Promise<T>): Promise<T> {
  if (!isMainThread) return task(readOnlyStore(dbPath));
  const store = openStore(dbPath);
  store.sqlite.pragma('query_only = ON');
  try {
    return await task(store);
  } finally {
    await store.close();
  }
}

/** The worker has no PDF printer: the desktop shell installs its own on the host (export/pdf/printer.ts). */
const NO_PRINTER: PdfPrinter = {
  print: () => Promise.reject(new AppError('INTERNAL', 'no PDF printer off the host', 'พิมพ์ PDF ได้ที่เครื่องหลักเท่านั้น')),
};

export const computeTasks = {
  /** A read-only method on the worker's own read-only connection (read-replica.ts). */
  'core.read': readOnlyCall,
  /** Every proposal's best needs (links.suggestAll); proposals done so far are written to `progress[0]`. */
  'links.suggestAll': (input: { table: NeedTable; proposals: RoundProposal[]; limit: number; progress: SharedArrayBuffer }) =>
    suggestForRound(input.table, input.proposals, input.limit, (done) => Atomics.store(new Int32Array(input.progress), 0, done)),
  'pb.analyze': analyzePb,
  /**
   * An import file read into its parts (import/read.ts), off the host's thread: a large workbook, or a damaged one
   * SheetJS spins on until its limit, holds no other device's call meanwhile. Feed parts arrive as Uint8Arrays
   * (`arrivedSource` makes them Buffers again).
   */
  'import.read': (input: Readonly<{ path: string; fileName: string }>): ImportSource =>
    readImportFile(input.fileName, readFileSync(input.path)),
  /**
   * An offline scoring sheet read (export/scoring-sheets-import.ts): its zip checked, then ExcelJS, off the host's
   * thread; the checks against the round and the writes stay on the host.
   */
  'judgement.readSheet': (input: Readonly<{ path: string }>): Promise<ScoringSheetFile> =>
    readScoringSheet(readFileSync(input.path)),
  /** A scenario as a gzipped Pabulib file (one vote line per person: over a million lines for a province). */
  'pb.export': (input: Parameters<typeof scenarioToPb>[0]): Uint8Array => scenarioToPb(input),
  /**
   * A plan's workbook or open data made on the task's read-only connection and written to `out` with its SHA-256
   * (reading a province's plan and writing its file held the host's thread for 5–15 s); the host only records it and
   * offers the file for download, never reading its bytes (export/plan-export.ts, handlers/exports.ts).
   */
  'export.plan': (input: Readonly<{ dbPath: string; request: PlanExportRequest; out: string }>): Promise<WrittenDocument> => {
    if (!PRINTERLESS_FORMATS.has(input.request.format)) {
      throw new AppError(
        'INTERNAL',
        `a ${input.request.format} document is printed on the host, not here`,
        `เอกสาร ${input.request.format} พิมพ์ที่เครื่องหลักเท่านั้น`,
      );
    }
    return withReadOnlyStore(input.dbPath, (store) =>
      writePlanDocument(store, input.request, highsSolver, NO_PRINTER, input.out),
    );
  },
  /**
   * The files of a zip of many (the open-data package, an agency's evidence pack) written into `dir` on the task's
   * read-only connection; the host prints its pages (the printer lives there) and `export.zip` zips them.
   */
  'export.prepare': (input: Readonly<{ dbPath: string; request: PackRequest; dir: string }>): Promise<PreparedPack> =>
    withReadOnlyStore(input.dbPath, (store) => preparePack(store, input.request, input.dir, highsSolver)),
  /** A pack's files zipped into `out` and hashed (a province's open data: 230 MB of CSV and JSON to deflate). */
  'export.zip': (
    input: Readonly<{ entries: readonly PackEntry[]; out: string }>,
  ): Promise<Readonly<{ size: number; sha256: string }>> => zipPack(input.entries, input.out),
  /**
   * A scenario's plan frozen for its approval on the task's read-only connection (a province's million needs took over
   * 20 s); the host checks nothing was written meanwhile and records it (services/approval.ts).
   */
  'approval.freeze': (input: Readonly<{ dbPath: string; approve: ApproveInput; codeVersion: string }>): Promise<FrozenParts> =>
    withReadOnlyStore(input.dbPath, (store) => freezeScenario(store, input.approve, input.codeVersion, highsSolver)),
  /**
   * An approved plan read back and re-run on the task's read-only connection (a province's million needs held the
   * host's thread 2.3 s); the host records the check in the audit chain (handlers/approval.ts).
   */
  'approval.reproduce': (input: Readonly<{ dbPath: string; approvalId: number }>): Promise<Reproduction> =>
    withReadOnlyStore(input.dbPath, (store) => reproduceApproval(store, input.approvalId, highsSolver)),
  /** Which thread computes (0 = the main thread): lets the app and tests check that work leaves the host's loop. */
  'worker.ping': (_input: null): { threadId: number } => ({ threadId }),
  ...syncTasks,
};

export type ComputeTasks = typeof computeTasks;
export type ComputeTask = keyof ComputeTasks;
export type TaskInput<T extends ComputeTask> = Parameters<ComputeTasks[T]>[0];
export type TaskOutput<T extends ComputeTask> = Awaited<ReturnType<ComputeTasks[T]>>;
