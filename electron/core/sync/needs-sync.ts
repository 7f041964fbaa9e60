/**
 * Applies needs to the store: upsert by (source, id) when the incoming version is newer, tombstones withdraw, one
 * batch = one transaction. By default any problem (in the file or against the store) refuses the whole batch and
 * nothing is half-applied; a partial apply (the user's choice, recorded on the batch) skips the rejected rows.
 * Feeds (NDJSON) are decoded strictly: invalid UTF-8, control characters and over-long lines are problems with their
 * line; fields the protocol does not know are dropped, counted and never stored.
 */
import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { AppError, type InputProblem } from '../../../shared/api/errors';
import { MAX_UPLOAD_BYTES } from '../../../shared/api/limits';
import type { SyncReport } from '../../../shared/api/types';
import { problem } from '../../../shared/domain/import/problems';
import {
  acceptFeedLine,
  finishFeed,
  MAX_FEED_LINE_CHARS,
  MAX_FEED_PROBLEMS,
  newFeedBuilder,
  type FeedBuilder,
  type FeedContext,
  type FeedNeed,
  type FeedTombstone,
  type ParsedFeed,
} from '../../../shared/domain/needs-feed';
import { appendAudit } from '../audit/audit-log';
import type { Store } from '../db/database';
import { firstInvalidUtf8, utf8Lines, type DecodedLine } from './decode';
import { appliedCount, openNeedsWriter, type NeedsWriter } from './needs-writer';
import type { SyncControl } from './sync-control';

export { CHANGE_FIELDS } from './needs-writer';

const MAX_PROBLEMS_SHOWN = 200;
/** Bytes per feed line (UTF-8 takes up to 3 bytes for each Thai character). */
const MAX_FEED_LINE_BYTES = MAX_FEED_LINE_CHARS * 3;

/** Needs ready to apply, from a feed or from a mapped spreadsheet. */
export type NeedBatch = Readonly<{
  source: string;
  fileName: string;
  fileHash: string;
  /** Records read (lines or rows with data). */
  lines: number;
  needs: readonly FeedNeed[];
  tombstones: readonly FeedTombstone[];
  droppedFields: Readonly<Record<string, number>>;
  /** Problems found while reading; with `partial` their rows are skipped, otherwise the batch is refused. */
  problems: readonly InputProblem[];
  problemCount: number;
  /** Apply the valid rows only (recorded on the batch). */
  partial: boolean;
  /**
   * Records without versions of their own (spreadsheets): a record whose content differs from the stored need
   * becomes the stored version + 1; the same content is unchanged.
   */
  versionless?: boolean;
}>;

/** The store's tambon codes and categories, against which records are checked. */
export function feedContext(store: Store): FeedContext {
  const { sqlite } = store;
  const tambonCodes = new Set((sqlite.prepare('SELECT code FROM area_tambon').all() as { code: string }[]).map((r) => r.code));
  const categoryIds = new Set((sqlite.prepare('SELECT id FROM category').all() as { id: string }[]).map((r) => r.id));
  return { tambonCodes, categoryIds };
}

/** Decodes and validates an NDJSON feed strictly (see the module comment); bounded by the file and line caps. */
export function parseFeedBytes(bytes: Uint8Array, ctx: FeedContext): ParsedFeed {
  const b = newFeedBuilder();
  addFeedBytes(b, bytes, ctx);
  return finishFeed(b);
}

/** The same into a builder shared with other parts of one import. */
export function addFeedBytes(b: FeedBuilder, bytes: Uint8Array, ctx: FeedContext): void {
  for (const l of utf8Lines(bytes, MAX_FEED_LINE_BYTES)) {
    if ('text' in l) {
      acceptFeedLine(b, l.text, l.line, ctx);
      continue;
    }
    lineFault(b, l);
  }
}

/** Syncs a feed held in memory (tests, small files); see syncNeedsFile for the streamed path. */
export function syncNeedsFeed(
  store: Store,
  fileName: string,
  bytes: Uint8Array,
  actor: string,
  options: Readonly<{ partial?: boolean }> = {},
): SyncReport {
  if (bytes.length > MAX_UPLOAD_BYTES) tooLarge(fileName, bytes.length);
  const feed = parseFeedBytes(bytes, feedContext(store));
  return applyNeeds(
    store,
    {
      source: feed.source,
      fileName,
      fileHash: createHash('sha256').update(bytes).digest('hex'),
      lines: feed.lines,
      needs: feed.needs,
      tombstones: feed.tombstones,
      droppedFields: feed.droppedFields,
      problems: feed.problems,
      problemCount: feed.problemCount,
      partial: options.partial === true,
    },
    actor,
  );
}

/** Records between two looks at the control (progress, cancel). */
const CONTROL_EVERY = 2048;
/** Bytes read from the file at a time. */
const CHUNK_BYTES = 1 << 20;

/**
 * Syncs an NDJSON feed file streamed from disk in one transaction: each line is decoded, checked and written as it
 * is read, so memory stays bounded whatever the file's size (a repeated id is found against the rows this batch has
 * already written, not a table in memory). Any problem refuses the whole batch (rolled back) unless `partial`; a
 * cancel rolls back too. The file is hashed as it is read.
 */
export function syncNeedsFile(
  store: Store,
  file: Readonly<{ path: string; fileName: string }>,
  actor: string,
  options: Readonly<{ partial?: boolean; control?: SyncControl; chunkBytes?: number }> = {},
): SyncReport {
  const { sqlite } = store;
  const chunkBytes = options.chunkBytes ?? CHUNK_BYTES;
  const { fileName } = file;
  const partial = options.partial === true;
  const control = options.control;
  const size = statSync(file.path).size;
  if (size > MAX_UPLOAD_BYTES) tooLarge(fileName, size);
  const ctx = feedContext(store);
  const b: FeedBuilder = { ...newFeedBuilder(), seen: null };
  const hash = createHash('sha256');
  const fd = openSync(file.path, 'r');
  let writer: NeedsWriter | null = null;
  const writerFor = (source: string): NeedsWriter =>
    (writer ??= openNeedsWriter(sqlite, { source, fileName, fileHash: '', actor, partial }));
  // A repeated id is a problem of the file (as the in-memory parse finds it); an older version than stored is a
  // problem against the store, listed only when the file itself is fine (or the valid rows are applied).
  const storeProblems: InputProblem[] = [];
  const noteProblem = (p: InputProblem): void => {
    if (p.code === 'OLDER_VERSION') {
      storeProblems.push(p);
      return;
    }
    b.problemCount++;
    if (b.problems.length < MAX_FEED_PROBLEMS) b.problems.push(p);
  };
  let bytesRead = 0;
  sqlite.exec('BEGIN IMMEDIATE');
  try {
    const onLine = (l: DecodedLine): void => {
      if ('text' in l) acceptFeedLine(b, l.text, l.line, ctx);
      else lineFault(b, l);
      // Records are written as they come, also after a problem (a repeated id is found against what this batch
      // wrote); a refused batch is rolled back whole at the end.
      for (const n of b.needs) {
        const p = writerFor(b.source).upsert(n);
        if (p) noteProblem(p);
      }
      for (const t of b.tombstones) {
        const p = writerFor(b.source).withdraw(t);
        if (p) noteProblem(p);
      }
      b.needs.length = 0;
      b.tombstones.length = 0;
      if (control && l.line % CONTROL_EVERY === 0) {
        if (control.cancelled()) throw cancelled(fileName);
        control.progress({ rows: b.lines, bytesRead, bytesTotal: size });
      }
    };
    const buffer = Buffer.allocUnsafe(chunkBytes);
    const lines = new LineSplitter(MAX_FEED_LINE_BYTES, onLine);
    for (;;) {
      const n = readSync(fd, buffer, 0, chunkBytes, null);
      if (n === 0) break;
      const chunk = buffer.subarray(0, n);
      hash.update(chunk);
      bytesRead += n;
      lines.push(chunk);
    }
    lines.end();
    control?.progress({ rows: b.lines, bytesRead, bytesTotal: size });
    const feed = finishFeed(b);
    if (control?.cancelled()) throw cancelled(fileName);
    if (!partial && feed.problemCount > 0) reject(fileName, sortedProblems(feed.problems), feed.problemCount);
    if (!partial && storeProblems.length > 0) reject(fileName, storeProblems, storeProblems.length);
    const w = writerFor(feed.source);
    const fileHash = hash.digest('hex');
    sqlite.prepare('UPDATE sync_batch SET file_hash = ? WHERE id = ?').run(fileHash, w.batchId);
    const report = finishBatch(sqlite, w, {
      source: feed.source,
      fileName,
      fileHash,
      lines: feed.lines,
      droppedFields: feed.droppedFields,
      partial,
      problems: sortedProblems([...feed.problems, ...storeProblems]),
      problemCount: feed.problemCount + storeProblems.length,
      actor,
    });
    sqlite.exec('COMMIT');
    return report;
  } catch (error) {
    if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
    throw error;
  } finally {
    closeSync(fd);
  }
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Splits streamed bytes into decoded lines (see decode.ts `utf8Lines`), carrying a partial line between chunks. */
class LineSplitter {
  private carry: Buffer = Buffer.alloc(0);
  /** Bytes of the file before `carry`. */
  private offset = 0;
  private line = 0;
  /** Inside a line already reported too long: skip to its end. */
  private skipping = false;
  private first = true;

  constructor(
    private readonly maxLineBytes: number,
    private readonly onLine: (l: DecodedLine) => void,
  ) {}

  push(chunk: Buffer): void {
    let bytes = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
    let base = this.offset;
    if (this.first) {
      this.first = false;
      if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
        bytes = bytes.subarray(3);
        base += 3;
      }
    }
    let start = 0;
    for (;;) {
      const end = bytes.indexOf(0x0a, start);
      if (end < 0) break;
      this.emit(bytes.subarray(start, end), base + start);
      start = end + 1;
    }
    const rest = bytes.subarray(start);
    if (!this.skipping && rest.length > this.maxLineBytes) {
      this.line++;
      this.onLine({ line: this.line, fault: 'LINE_TOO_LONG', offset: base + start, length: rest.length });
      this.skipping = true;
    }
    this.offset = base + start;
    this.carry = this.skipping ? Buffer.alloc(0) : Buffer.from(rest);
    if (this.skipping) this.offset = base + bytes.length;
  }

  end(): void {
    if (this.carry.length > 0 && !this.skipping) this.emit(this.carry, this.offset);
    this.carry = Buffer.alloc(0);
  }

  private emit(raw: Buffer, offset: number): void {
    if (this.skipping) {
      this.skipping = false;
      return;
    }
    this.line++;
    const stop = raw.length > 0 && raw[raw.length - 1] === 0x0d ? raw.length - 1 : raw.length;
    if (stop > this.maxLineBytes) {
      this.onLine({ line: this.line, fault: 'LINE_TOO_LONG', offset, length: stop });
      return;
    }
    if (stop === 0) return;
    const slice = raw.subarray(0, stop);
    let text: string | null;
    try {
      text = strictUtf8.decode(slice);
    } catch {
      text = null;
    }
    this.onLine(
      text === null
        ? { line: this.line, fault: 'BAD_UTF8', offset: offset + Math.max(0, firstInvalidUtf8(slice)), length: stop }
        : { line: this.line, text },
    );
  }
}

/** A line that could not be decoded, as a problem of the feed. */
function lineFault(b: FeedBuilder, l: Extract<DecodedLine, { fault: string }>): void {
  b.lines++;
  b.problemCount++;
  if (b.problems.length >= MAX_FEED_PROBLEMS) return;
  b.problems.push(
    l.fault === 'BAD_UTF8'
      ? problem(
          l.line,
          undefined,
          'BAD_UTF8',
          `the line is not UTF-8 text (invalid byte at offset ${l.offset}); save the file as UTF-8`,
          `บรรทัดนี้ไม่ใช่ข้อความ UTF-8 (ไบต์ไม่ถูกต้องที่ตำแหน่ง ${l.offset}) กรุณาบันทึกไฟล์เป็น UTF-8`,
        )
      : problem(
          l.line,
          undefined,
          'LINE_TOO_LONG',
          `the line has ${l.length} bytes; at most ${MAX_FEED_LINE_BYTES} are accepted`,
          `บรรทัดยาว ${l.length} ไบต์ เกินที่รับได้ ${MAX_FEED_LINE_BYTES} ไบต์`,
        ),
  );
}

function sortedProblems(problems: readonly InputProblem[]): InputProblem[] {
  return [...problems].sort((a, b) => a.line - b.line);
}

/** Applies a batch held in memory in one transaction (see the module comment). Throws SYNC_REJECTED when refused. */
export function applyNeeds(store: Store, batch: NeedBatch, actor: string): SyncReport {
  const { sqlite } = store;
  const { fileName } = batch;
  if (!batch.partial && batch.problemCount > 0) reject(fileName, batch.problems, batch.problemCount);
  return sqlite.transaction((): SyncReport => {
    const w = openNeedsWriter(sqlite, {
      source: batch.source,
      fileName,
      fileHash: batch.fileHash,
      actor,
      partial: batch.partial,
      ...(batch.versionless ? { versionless: true } : {}),
    });
    const problems: InputProblem[] = [];
    // In the file's order (an id may be withdrawn, then published again with a newer version).
    let t = 0;
    for (const n of batch.needs) {
      for (; t < batch.tombstones.length && batch.tombstones[t]!.line < n.line; t++) {
        const p = w.withdraw(batch.tombstones[t]!);
        if (p) problems.push(p);
      }
      const p = w.upsert(n);
      if (p) problems.push(p);
    }
    for (; t < batch.tombstones.length; t++) {
      const p = w.withdraw(batch.tombstones[t]!);
      if (p) problems.push(p);
    }
    if (problems.length > 0 && !batch.partial) reject(fileName, problems, problems.length); // throws: rolls back
    return finishBatch(sqlite, w, {
      source: batch.source,
      fileName,
      fileHash: batch.fileHash,
      lines: batch.lines,
      droppedFields: batch.droppedFields,
      partial: batch.partial,
      problems: sortedProblems([...batch.problems, ...problems]),
      problemCount: batch.problemCount + problems.length,
      actor,
    });
  })();
}

/** Ends a batch inside its transaction: refused when nothing applies, else its counts, flags, report and audit event. */
function finishBatch(
  sqlite: Store['sqlite'],
  w: NeedsWriter,
  b: Readonly<{
    source: string;
    fileName: string;
    fileHash: string;
    lines: number;
    droppedFields: Readonly<Record<string, number>>;
    partial: boolean;
    problems: readonly InputProblem[];
    problemCount: number;
    actor: string;
  }>,
): SyncReport {
  if (appliedCount(w.counts) === 0) reject(b.fileName, b.problems, b.problemCount);
  const flaggedProjects = w.save(b.problemCount);
  const report: SyncReport = {
    batchId: w.batchId,
    source: b.source,
    fileName: b.fileName,
    fileHash: b.fileHash,
    lines: b.lines,
    ...w.counts,
    flaggedProjects,
    droppedFields: { ...b.droppedFields },
    partial: b.partial,
    rejected: b.problems.slice(0, MAX_PROBLEMS_SHOWN),
    rejectedCount: b.problemCount,
  };
  appendAudit(sqlite, b.actor, 'needs.synced', { ...report, rejected: undefined });
  return report;
}

function tooLarge(fileName: string, size: number): never {
  reject(
    fileName,
    [
      problem(
        0,
        undefined,
        'FILE_TOO_LARGE',
        `the file has ${size} bytes; at most ${MAX_UPLOAD_BYTES} are accepted`,
        `ไฟล์มีขนาด ${size} ไบต์ เกินที่รับได้ ${MAX_UPLOAD_BYTES} ไบต์`,
      ),
    ],
    1,
  );
}

function cancelled(fileName: string): AppError {
  return new AppError(
    'CANCELLED',
    `${fileName}: the sync was cancelled; nothing was applied`,
    `${fileName}: ยกเลิกการนำเข้าแล้ว ไม่มีการนำเข้าข้อมูลใด ๆ`,
  );
}

function reject(fileName: string, problems: readonly InputProblem[], count: number): never {
  const first = problems[0];
  const where = first ? (first.line > 0 ? ` Line ${first.line}: ${first.en}` : ` ${first.en}`) : '';
  const whereTh = first ? (first.line > 0 ? ` บรรทัดที่ ${first.line}: ${first.th}` : ` ${first.th}`) : '';
  throw new AppError(
    'SYNC_REJECTED',
    `${fileName}: ${count} problem(s), nothing was applied.${where}`,
    `${fileName}: พบปัญหา ${count} รายการ ไม่มีการนำเข้าข้อมูลใด ๆ${whereTh}`,
    problems.slice(0, MAX_PROBLEMS_SHOWN),
  );
}
