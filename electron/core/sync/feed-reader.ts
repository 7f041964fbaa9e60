/**
 * Reads an NDJSON needs feed from disk in chunks of checked records: streamed (bounded memory whatever the file's
 * size), hashed as it is read, each line decoded strictly and checked (shared/domain/needs-feed.ts). A chunk holds
 * the records and the problems of a run of lines, in the file's order; whoever applies them (needs-sync.ts) does
 * not care whether they were read on its own thread or on another (compute/feed-reader-thread.ts), and a chunk
 * crosses threads as flat arrays (`encodeChunk`), several times cheaper to copy than records as objects.
 */
import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import type { InputProblem } from '../../../shared/api/errors';
import { problem } from '../../../shared/domain/import/problems';
import {
  acceptFeedLine,
  addFeedProblem,
  MAX_FEED_LINE_CHARS,
  newFeedBuilder,
  type FeedBuilder,
  type FeedContext,
  type FeedNeed,
  type FeedTombstone,
} from '../../../shared/domain/needs-feed';
import { firstInvalidUtf8, type DecodedLine } from './decode';

/** Bytes per feed line (UTF-8 takes up to 3 bytes for each Thai character). */
export const MAX_FEED_LINE_BYTES = MAX_FEED_LINE_CHARS * 3;
/** Lines per chunk: between two chunks the applier reports progress and looks at the cancel flag. */
export const CHUNK_LINES = 2048;
/** Bytes read from the file at a time. */
const CHUNK_BYTES = 1 << 20;

export type FeedRecord = FeedNeed | FeedTombstone;

export type FeedChunk = Readonly<{
  /** The feed's source (its header's, or the default), as known after these lines. */
  source: string;
  /** Records read so far (all chunks up to this one). */
  lines: number;
  bytesRead: number;
  /** This chunk's needs and tombstones in the file's order. */
  records: FeedRecord[];
  /**
   * This chunk's problems in the file's order, as long as fewer than MAX_FEED_PROBLEMS were found before; the
   * rest are only counted (`FeedEnd.problemCount`).
   */
  problems: InputProblem[];
}>;

export type FeedEnd = Readonly<{
  source: string;
  lines: number;
  /** Every problem of the file, listed or not. */
  problemCount: number;
  droppedFields: Readonly<Record<string, number>>;
  fileHash: string;
  bytesTotal: number;
  /** The line after which the file was read no further (see MAX_FEED_PROBLEMS_READ): refused, also in part. */
  givenUpAt?: number;
}>;

export function isNeed(r: FeedRecord): r is FeedNeed {
  return 'title' in r;
}

/**
 * Reads the file at `path`, calling `onChunk` for every CHUNK_LINES lines (and the last ones), and returns what the
 * whole file said. Problems are collected, never thrown: the caller decides (refuse the batch, or skip the rows).
 */
export function readFeedFile(
  path: string,
  ctx: FeedContext,
  onChunk: (chunk: FeedChunk) => void,
  options: Readonly<{ chunkBytes?: number; chunkLines?: number }> = {},
): FeedEnd {
  const chunkBytes = options.chunkBytes ?? CHUNK_BYTES;
  const chunkLines = options.chunkLines ?? CHUNK_LINES;
  const b: FeedBuilder = { ...newFeedBuilder(), seen: null };
  const hash = createHash('sha256');
  let records: FeedRecord[] = [];
  let problemsSent = 0;
  let bytesRead = 0;
  let linesInChunk = 0;
  let flushedAt = 0;
  const flush = (): void => {
    const problems = b.problems.slice(problemsSent);
    problemsSent = b.problems.length;
    onChunk({ source: b.source, lines: b.lines, bytesRead, records, problems });
    records = [];
    linesInChunk = 0;
    flushedAt = bytesRead;
  };
  const onLine = (l: DecodedLine): void => {
    if ('text' in l) acceptFeedLine(b, l.text, l.line, ctx);
    else lineFault(b, l);
    // A line gives one record at most.
    if (b.needs.length > 0) records.push(b.needs.pop()!);
    else if (b.tombstones.length > 0) records.push(b.tombstones.pop()!);
    if (++linesInChunk === chunkLines) flush();
  };
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(chunkBytes);
    const lines = new LineSplitter(MAX_FEED_LINE_BYTES, onLine);
    for (;;) {
      const n = readSync(fd, buffer, 0, chunkBytes, null);
      if (n === 0) break;
      const chunk = buffer.subarray(0, n);
      hash.update(chunk);
      bytesRead += n;
      lines.push(chunk);
      // A file that is mostly problems is read no further (the rest of it is neither read nor hashed).
      if (b.givenUpAt !== undefined) break;
      // A read that ended no chunk (empty lines, an over-long line being skipped) ends one, perhaps empty, so the
      // applier still reports progress and sees a cancel: a file of empty lines gave neither until its end.
      if (bytesRead - flushedAt >= chunkBytes) flush();
    }
    lines.end();
  } finally {
    closeSync(fd);
  }
  flush();
  if (b.lines === 0) {
    b.problemCount++;
    onChunk({
      source: b.source,
      lines: 0,
      bytesRead,
      records: [],
      problems: [problem(1, undefined, 'EMPTY_FILE', 'the file has no records', 'ไฟล์ไม่มีข้อมูล')],
    });
  }
  return {
    source: b.source,
    lines: b.lines,
    problemCount: b.problemCount,
    droppedFields: b.droppedFields,
    fileHash: hash.digest('hex'),
    bytesTotal: bytesRead,
    ...(b.givenUpAt === undefined ? {} : { givenUpAt: b.givenUpAt }),
  };
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Splits streamed bytes into decoded lines (see decode.ts `utf8Lines`), carrying a partial line between chunks. */
class LineSplitter {
  private carry: Buffer = Buffer.alloc(0);
  /** Bytes of the file before `carry`. */
  private offset = 0;
  private line = 0;
  /** Inside a line too long: skip to its end, counting its bytes, then report it with its whole length. */
  private skipping = false;
  private skipped = { line: 0, offset: 0, length: 0, lastByte: 0 };
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
    if (this.skipping) this.skip(rest);
    else if (rest.length > this.maxLineBytes) {
      this.line++;
      this.skipped = { line: this.line, offset: base + start, length: 0, lastByte: 0 };
      this.skipping = true;
      this.skip(rest);
    }
    this.offset = base + start;
    this.carry = this.skipping ? Buffer.alloc(0) : Buffer.from(rest);
    if (this.skipping) this.offset = base + bytes.length;
  }

  end(): void {
    if (this.skipping) this.endSkipped(Buffer.alloc(0));
    else if (this.carry.length > 0) this.emit(this.carry, this.offset);
    this.carry = Buffer.alloc(0);
  }

  private skip(bytes: Buffer): void {
    this.skipped.length += bytes.length;
    if (bytes.length > 0) this.skipped.lastByte = bytes[bytes.length - 1]!;
  }

  /** The over-long line has ended (with `last`, its bytes since the last read): reported with its whole length. */
  private endSkipped(last: Buffer): void {
    this.skip(last);
    this.skipping = false;
    const { line, offset, length, lastByte } = this.skipped;
    this.onLine({ line, fault: 'LINE_TOO_LONG', offset, length: lastByte === 0x0d ? length - 1 : length });
  }

  private emit(raw: Buffer, offset: number): void {
    if (this.skipping) {
      this.endSkipped(raw);
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
export function lineFault(b: FeedBuilder, l: Extract<DecodedLine, { fault: string }>): void {
  if (b.givenUpAt !== undefined) return;
  b.lines++;
  addFeedProblem(
    b,
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

/** A chunk as it crosses to another thread: its records as one flat array (see `encodeChunk`). */
export type EncodedChunk = Readonly<{
  source: string;
  lines: number;
  bytesRead: number;
  records: unknown[];
  problems: InputProblem[];
}>;

const NEED = 0;
const TOMBSTONE = 1;

/** Flattens a chunk's records for postMessage: structured cloning of flat values costs about half that of objects. */
export function encodeChunk(c: FeedChunk): EncodedChunk {
  const out: unknown[] = [];
  for (const r of c.records) {
    if (!isNeed(r)) {
      out.push(TOMBSTONE, r.line, r.externalId, r.version);
      continue;
    }
    out.push(
      NEED,
      r.line,
      r.externalId,
      r.version,
      r.updatedAt,
      r.title,
      r.description,
      r.category,
      r.tambonCode,
      r.villageNo,
      r.households,
      r.peopleAffected,
      r.timesRaised,
      r.channel,
      r.reportedDate,
      r.status,
      r.lat,
      r.lon,
      r.estimatedCost,
      r.raw,
    );
  }
  return { source: c.source, lines: c.lines, bytesRead: c.bytesRead, records: out, problems: c.problems };
}

/** The chunk `encodeChunk` flattened. */
export function decodeChunk(e: EncodedChunk): FeedChunk {
  const a = e.records;
  const records: FeedRecord[] = [];
  let i = 0;
  while (i < a.length) {
    if (a[i] === TOMBSTONE) {
      records.push({ line: a[i + 1] as number, externalId: a[i + 2] as string, version: a[i + 3] as number });
      i += 4;
      continue;
    }
    records.push({
      line: a[i + 1] as number,
      externalId: a[i + 2] as string,
      version: a[i + 3] as number,
      updatedAt: a[i + 4] as string,
      title: a[i + 5] as string,
      description: a[i + 6] as string,
      category: a[i + 7] as string,
      tambonCode: a[i + 8] as string,
      villageNo: a[i + 9] as number | null,
      households: a[i + 10] as number,
      peopleAffected: a[i + 11] as number,
      timesRaised: a[i + 12] as number,
      channel: a[i + 13] as string,
      reportedDate: a[i + 14] as string | null,
      status: a[i + 15] as FeedNeed['status'],
      lat: a[i + 16] as number | null,
      lon: a[i + 17] as number | null,
      estimatedCost: a[i + 18] as number | null,
      raw: a[i + 19] as string,
    });
    i += 20;
  }
  return { source: e.source, lines: e.lines, bytesRead: e.bytesRead, records, problems: e.problems };
}
