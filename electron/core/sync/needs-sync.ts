/**
 * Applies needs to the store: upsert by (source, id) when the incoming version is newer, tombstones withdraw, one
 * batch = one transaction. By default any problem (in the file or against the store) refuses the whole batch and
 * nothing is half-applied; a partial apply (the user's choice, recorded on the batch) skips the rejected rows.
 * Feeds (NDJSON) are decoded strictly: invalid UTF-8, control characters and over-long lines are problems with their
 * line; fields the protocol does not know are dropped, counted and never stored.
 */
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { AppError, type InputProblem } from '../../../shared/api/errors';
import { MAX_UPLOAD_BYTES } from '../../../shared/api/limits';
import type { SyncReport } from '../../../shared/api/types';
import { problem, problemPlace } from '../../../shared/domain/import/problems';
import {
  acceptFeedLine,
  finishFeed,
  givenUpProblem,
  MAX_FEED_PROBLEMS,
  newFeedBuilder,
  type FeedBuilder,
  type FeedContext,
  type FeedNeed,
  type FeedTombstone,
  type ParsedFeed,
  type RowsAsPeople,
} from '../../../shared/domain/needs-feed';
import { appendAudit } from '../audit/audit-log';
import { bulkWorthIt, dropOwnIndexes, withIndexesRebuilt, type SqliteStore } from '../db/sqlite-store';
import { utf8Lines } from './decode';
import { isNeed, lineFault, MAX_FEED_LINE_BYTES, readFeedFile, type FeedChunk, type FeedEnd } from './feed-reader';
import { appliedCount, openNeedsWriter, type NeedsWriter } from './needs-writer';
import type { SyncControl } from './sync-control';

export { CHANGE_FIELDS, changedFields } from './needs-writer';

const MAX_PROBLEMS_SHOWN = 200;

/**
 * Bytes a feed's record is taken to take when its file's size says how many records it holds (a record of a title, a
 * tambon, counts and dates takes 250–400 bytes; a long description more): more than most, so the count is not
 * overestimated.
 */
const FEED_BYTES_PER_RECORD = 1000;

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
  /** Rows read as one person each (the user's choice for a table without a people column): recorded on the batch. */
  rowsAsPeople?: RowsAsPeople;
}>;

/** The store's tambon codes and categories, against which records are checked. */
export function feedContext(store: SqliteStore): FeedContext {
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
  store: SqliteStore,
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
      // A feed read no further is refused as a whole (see MAX_FEED_PROBLEMS_READ).
      partial: options.partial === true && feed.givenUpAt === undefined,
    },
    actor,
  );
}

/**
 * Syncs an NDJSON feed file streamed from disk in one transaction: the file is read in chunks (feed-reader.ts) and
 * each chunk's records are written as they come, so memory stays bounded whatever the file's size (a repeated id is
 * found against the rows this batch has already written, not a table in memory). Any problem refuses the whole
 * batch (rolled back) unless `partial`; a cancel rolls back too. The file is hashed as it is read.
 */
export function syncNeedsFile(
  store: SqliteStore,
  file: Readonly<{ path: string; fileName: string }>,
  actor: string,
  options: Readonly<{ partial?: boolean; control?: SyncControl; chunkBytes?: number; chunkLines?: number }> = {},
): SyncReport {
  const size = checkedSize(file);
  const apply = new ChunkApplier(store, file.fileName, actor, options.partial === true, options.control, size);
  try {
    const end = readFeedFile(file.path, feedContext(store), (c) => apply.chunk(c), options);
    return apply.end(end);
  } catch (error) {
    apply.abort();
    throw error;
  }
}

/** Reads a feed's chunks elsewhere (another thread) while this one writes them. */
export type ChunkSource = Readonly<{
  /** The next chunk, or the file's end; rejects when the reading failed. */
  next(): Promise<FeedChunk | FeedEnd>;
  /** Called once the chunk last returned is written: the reader may read further ahead. */
  consumed(): void;
  /** Stops the reading (on a cancel or a refusal). */
  stop(): void;
}>;

/**
 * The same as `syncNeedsFile`, with the reading and checking done by `open(ctx)` (a thread of its own) while this
 * thread writes: the same chunks in the same order, so the same batch, report and problems.
 */
export async function syncNeedsFileFrom(
  store: SqliteStore,
  file: Readonly<{ path: string; fileName: string }>,
  actor: string,
  open: (ctx: FeedContext) => ChunkSource,
  options: Readonly<{ partial?: boolean; control?: SyncControl }> = {},
): Promise<SyncReport> {
  const size = checkedSize(file);
  const apply = new ChunkApplier(store, file.fileName, actor, options.partial === true, options.control, size);
  let source: ChunkSource | null = null;
  try {
    source = open(feedContext(store));
    for (;;) {
      const next = await source.next();
      if (!('records' in next)) return apply.end(next);
      apply.chunk(next);
      source.consumed();
    }
  } catch (error) {
    apply.abort();
    throw error;
  } finally {
    source?.stop();
  }
}

function checkedSize(file: Readonly<{ path: string; fileName: string }>): number {
  const size = statSync(file.path).size;
  if (size > MAX_UPLOAD_BYTES) tooLarge(file.fileName, size);
  return size;
}

/**
 * Writes a feed's chunks in one transaction (begun when it is made): records as they come, also after a problem (a
 * repeated id is found against what this batch wrote); problems merged in the file's order with the writer's own,
 * as reading and writing line by line would list them; at the end the batch is refused (rolled back) or committed.
 */
class ChunkApplier {
  private writer: NeedsWriter | null = null;
  /** The file's problems and the writer's repeated ids, in line order (only the first MAX_FEED_PROBLEMS listed). */
  private readonly problems: InputProblem[] = [];
  private problemCount = 0;
  /** Problems the reader counted without listing them. */
  private readProblemsListed = 0;
  /** An older version than stored is a problem against the store, listed only when the file itself is fine. */
  private readonly storeProblems: InputProblem[] = [];
  private storeProblemCount = 0;
  private readonly sqlite: SqliteStore['sqlite'];
  /** Builds the needs table's indexes again when they were dropped for a first sync of a large feed. */
  private readonly rebuildIndexes: (() => void) | null;

  constructor(
    store: SqliteStore,
    private readonly fileName: string,
    private readonly actor: string,
    private readonly partial: boolean,
    private readonly control: SyncControl | undefined,
    private readonly size: number,
  ) {
    this.sqlite = store.sqlite;
    this.sqlite.exec('BEGIN IMMEDIATE');
    // A feed of more needs than the table holds (a province's first full sync) is written without the table's own
    // indexes, which are built once at the end (see bulkWorthIt). Its records are counted only as they come, so they
    // are guessed from the file's size, erring low: FEED_BYTES_PER_RECORD is more than a feed's record takes.
    this.rebuildIndexes = bulkIntoNeeds(this.sqlite, Math.floor(size / FEED_BYTES_PER_RECORD))
      ? dropOwnIndexes(this.sqlite, 'need')
      : null;
  }

  chunk(c: FeedChunk): void {
    if (this.control?.cancelled()) throw cancelled(this.fileName);
    const read = c.problems;
    let r = 0;
    for (const record of c.records) {
      for (; r < read.length && read[r]!.line < record.line; r++) this.note(read[r]!);
      const w = this.writerFor(c.source);
      const p = isNeed(record) ? w.upsert(record) : w.withdraw(record);
      if (p) {
        if (p.code === 'OLDER_VERSION') {
          // Listed like the file's own (the first MAX_FEED_PROBLEMS), so a feed of old versions cannot fill memory.
          if (this.storeProblemCount++ < MAX_FEED_PROBLEMS) this.storeProblems.push(p);
        } else this.note(p);
      }
    }
    for (; r < read.length; r++) this.note(read[r]!);
    this.readProblemsListed += read.length;
    this.control?.progress({ rows: c.lines, bytesRead: c.bytesRead, bytesTotal: this.size });
  }

  end(e: FeedEnd): SyncReport {
    const { fileName, partial, sqlite } = this;
    if (this.control?.cancelled()) throw cancelled(fileName);
    const problemCount = this.problemCount + (e.problemCount - this.readProblemsListed);
    const problems = sortedProblems(this.problems);
    // A file read no further is refused as a whole, also when only its valid rows were asked for.
    if (e.givenUpAt !== undefined) reject(fileName, [givenUpProblem(e.givenUpAt, problemCount), ...problems], problemCount + 1);
    if (!partial && problemCount > 0) reject(fileName, problems, problemCount);
    if (!partial && this.storeProblemCount > 0) reject(fileName, this.storeProblems, this.storeProblemCount);
    const w = this.writerFor(e.source);
    if (this.rebuildIndexes) {
      this.rebuildIndexes();
      // Building them takes seconds for a million needs: a cancel meanwhile is still obeyed.
      if (this.control?.cancelled()) throw cancelled(fileName);
    }
    sqlite.prepare('UPDATE sync_batch SET file_hash = ? WHERE id = ?').run(e.fileHash, w.batchId);
    const report = finishBatch(sqlite, w, {
      source: e.source,
      fileName,
      fileHash: e.fileHash,
      lines: e.lines,
      droppedFields: e.droppedFields,
      partial,
      problems: sortedProblems([...problems, ...this.storeProblems]),
      problemCount: problemCount + this.storeProblemCount,
      actor: this.actor,
    });
    sqlite.exec('COMMIT');
    return report;
  }

  abort(): void {
    if (this.sqlite.inTransaction) this.sqlite.exec('ROLLBACK');
  }

  private note(p: InputProblem): void {
    this.problemCount++;
    if (this.problems.length < MAX_FEED_PROBLEMS) this.problems.push(p);
  }

  private writerFor(source: string): NeedsWriter {
    return (this.writer ??= openNeedsWriter(this.sqlite, {
      source,
      fileName: this.fileName,
      fileHash: '',
      actor: this.actor,
      partial: this.partial,
    }));
  }
}

/** Whether `rows` needs written now should build the needs table's indexes once afterwards (bulkWorthIt). */
function bulkIntoNeeds(sqlite: SqliteStore['sqlite'], rows: number): boolean {
  return bulkWorthIt(rows, sqlite.prepare('SELECT coalesce(max(id), 0) FROM need').pluck().get() as number);
}

function sortedProblems(problems: readonly InputProblem[]): InputProblem[] {
  return [...problems].sort((a, b) => a.line - b.line);
}

/** Applies a batch held in memory in one transaction (see the module comment). Throws SYNC_REJECTED when refused. */
export function applyNeeds(store: SqliteStore, batch: NeedBatch, actor: string): SyncReport {
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
    const writeAll = (): void => {
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
    };
    // A write of more needs than the table holds (a province's first import) builds its indexes once, after the rows.
    if (bulkIntoNeeds(sqlite, batch.needs.length)) withIndexesRebuilt(sqlite, 'need', writeAll);
    else writeAll();
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
      ...(batch.rowsAsPeople ? { rowsAsPeople: batch.rowsAsPeople } : {}),
    });
  })();
}

/** Ends a batch inside its transaction: refused when nothing applies, else its counts, flags, report and audit event. */
function finishBatch(
  sqlite: SqliteStore['sqlite'],
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
    rowsAsPeople?: RowsAsPeople;
  }>,
): SyncReport {
  if (appliedCount(w.counts) === 0) reject(b.fileName, b.problems, b.problemCount);
  const flaggedProjects = w.save(b.problemCount);
  if (b.rowsAsPeople) {
    sqlite.prepare('UPDATE sync_batch SET rows_as_people = ? WHERE id = ?').run(b.rowsAsPeople.rows, w.batchId);
  }
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
    ...(b.rowsAsPeople ? { rowsAsPeople: b.rowsAsPeople } : {}),
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
  // Where: the line or row, and the column as the file labels it (in a workbook of several sheets, with its sheet).
  const column = first?.column ? ` (${first.column})` : '';
  const place = first ? problemPlace(fileName, first) : null;
  const where = first
    ? place
      ? ` ${place.en[0]!.toUpperCase()}${place.en.slice(1)}${column}: ${first.en}`
      : `${column} ${first.en}`
    : '';
  const whereTh = first ? (place ? ` ${place.th}${column}: ${first.th}` : `${column} ${first.th}`) : '';
  throw new AppError(
    'SYNC_REJECTED',
    `${fileName}: ${count} problem(s), nothing was applied.${where}`,
    `${fileName}: พบปัญหา ${count} รายการ ไม่มีการนำเข้าข้อมูลใด ๆ${whereTh}`,
    problems.slice(0, MAX_PROBLEMS_SHOWN),
  );
}
