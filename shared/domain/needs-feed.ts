/**
 * Needs feed protocol v1 (NDJSON), pure parsing and validation. One JSON object per line:
 * an optional header `{"feed":"chipao.needs","version":1,"source":"…"}`, needs
 * `{"op":"upsert","id":…,"version":…,…}` (op may be omitted) and tombstones `{"op":"delete","id":…,"version":…}`.
 * See docs/needs-sync-protocol.md. A feed with any problem is refused whole by the caller.
 */
import { notJsonReason } from './import/json-syntax';
import { z } from 'zod';
import type { InputProblem } from '../api/errors';
import { parseBaht } from './money';
import { parseThaiDate } from './thai-date';
import { CHANNELS } from './taxonomy';
import { controlCharProblem, findControlChar, problem, shown, zodIssueTh } from './import/problems';
import { remembered, type Cell } from './import/values';

export type FeedNeed = Readonly<{
  line: number;
  externalId: string;
  version: number;
  updatedAt: string;
  title: string;
  description: string;
  category: string;
  tambonCode: string;
  villageNo: number | null;
  households: number;
  peopleAffected: number;
  timesRaised: number;
  channel: string;
  reportedDate: string | null;
  status: 'active' | 'withdrawn';
  lat: number | null;
  lon: number | null;
  estimatedCost: number | null;
  /** The record's known fields as JSON (unknown fields are never kept). */
  raw: string;
}>;

export type FeedTombstone = Readonly<{ line: number; externalId: string; version: number }>;

export type ParsedFeed = Readonly<{
  source: string;
  needs: FeedNeed[];
  tombstones: FeedTombstone[];
  problems: InputProblem[];
  /** All problems found (only the first MAX_FEED_PROBLEMS are listed). */
  problemCount: number;
  lines: number;
  /** Unknown fields dropped, by name, with how many records carried each. */
  droppedFields: Readonly<Record<string, number>>;
  /** The line after which the feed was read no further (see MAX_FEED_PROBLEMS_READ): refused, also in part. */
  givenUpAt?: number;
  /** Rows of a table without a people column read as one person each (the user's choice, see RowsAsPeople). */
  rowsAsPeople?: RowsAsPeople;
}>;

/**
 * A table that gives no people count read with each row as one person who raised its need (a complaints platform's
 * export, a form's responses): how many rows were so read, and how many of them named a need an earlier row named (the
 * same tambon, village and title, without ids of their own), counted as that need's further people.
 */
export type RowsAsPeople = Readonly<{ rows: number; merged: number }>;

export type FeedContext = Readonly<{
  tambonCodes: ReadonlySet<string>;
  categoryIds: ReadonlySet<string>;
}>;

const count = z.number().int().nonnegative();
const needSchema = z.object({
  op: z.literal('upsert').optional(),
  id: z.string().trim().min(1).max(100),
  version: z.number().int().positive(),
  updated_at: z.string().min(1),
  title: z.string().trim().min(1).max(500),
  description: z.string().max(10_000).default(''),
  category: z.string().min(1),
  tambon: z.union([z.string(), z.number()]).transform(String),
  village_no: z.number().int().positive().max(99).nullable().optional(),
  households: count.default(0),
  people_affected: count,
  times_raised: z.number().int().positive().default(1),
  channel: z.enum(CHANNELS).default('ประชาคม'),
  reported_date: z.string().nullable().optional(),
  status: z.enum(['open', 'active', 'in_progress', 'resolved']).default('open'),
  lat: z.number().min(-90).max(90).nullable().optional(),
  lon: z.number().min(-180).max(180).nullable().optional(),
  estimated_cost: z.union([z.number(), z.string()]).nullable().optional(),
});
const tombstoneSchema = z.object({
  op: z.literal('delete'),
  id: z.string().trim().min(1).max(100),
  version: z.number().int().positive(),
});
const headerSchema = z.object({
  feed: z.literal('chipao.needs'),
  version: z.literal(1),
  source: z.string().trim().min(1).max(100).optional(),
});

/** The fields of the protocol's records; anything else is dropped (counted, never stored). */
export const FEED_FIELDS = [
  'op',
  'id',
  'version',
  'updated_at',
  'title',
  'description',
  'category',
  'tambon',
  'village_no',
  'households',
  'people_affected',
  'times_raised',
  'channel',
  'reported_date',
  'status',
  'lat',
  'lon',
  'estimated_cost',
] as const;
const FEED_FIELD_SET: ReadonlySet<string> = new Set(FEED_FIELDS);
const HEADER_FIELDS: ReadonlySet<string> = new Set(['feed', 'version', 'source']);

/** The longest line a feed may have (characters); a record is a few hundred. */
export const MAX_FEED_LINE_CHARS = 256 * 1024;
/** Problems kept per feed: beyond it they are counted, not listed, so a broken file cannot fill memory. */
export const MAX_FEED_PROBLEMS = 1000;
/** Distinct unknown field names counted by name; further ones are counted under one key. */
const MAX_DROPPED_NAMES = 50;
const OTHER_FIELDS = '…';

/** What a parse accumulates; built line by line so that a caller can feed lines as they are decoded. */
export type FeedBuilder = {
  source: string;
  needs: FeedNeed[];
  tombstones: FeedTombstone[];
  problems: InputProblem[];
  problemCount: number;
  lines: number;
  droppedFields: Record<string, number>;
  /**
   * Ids read so far, to refuse an id repeated without a newer version; null when the caller checks that itself
   * (a streamed sync checks against the rows its batch already wrote, so memory stays bounded).
   */
  seen: Map<string, { line: number; version: number; part?: string | undefined }> | null;
  /** The sheet or file being read, of a file of several (a repeat found in another names where its first one is). */
  part?: string | undefined;
  /** `parseThaiDate` remembered for this feed: a feed repeats a few hundred dates over a million needs. */
  reportedDate?: (text: Cell) => string | null;
  /** The line after which the feed is read no further (see giveUpCheck). */
  givenUpAt?: number;
  /** Rows read as one person each, and the index in `needs` of each need they made, by id (see RowsAsPeople). */
  rowsAsPeople?: { rows: number; merged: number; needAt: Map<string, number> };
};

/**
 * Where an earlier line is when it is in another sheet or file of the one being read: " of 'ชีต 1'", or nothing (a
 * line number alone would point at a line of the sheet being read).
 */
export function elsewhere(b: FeedBuilder, prior: Readonly<{ part?: string | undefined }>): { en: string; th: string } {
  if (prior.part === undefined || prior.part === b.part) return { en: '', th: '' };
  return { en: ` of '${prior.part}'`, th: ` ของ '${prior.part}'` };
}

export function newFeedBuilder(source = 'file'): FeedBuilder {
  return {
    source,
    needs: [],
    tombstones: [],
    problems: [],
    problemCount: 0,
    lines: 0,
    droppedFields: Object.create(null) as Record<string, number>,
    seen: new Map(),
  };
}

/**
 * Counts a problem of the feed, lists it among the first MAX_FEED_PROBLEMS, and gives the feed up when it is mostly
 * problems (see MAX_FEED_PROBLEMS_READ): every problem of a feed, of a line that parses or not, goes through here.
 */
export function addFeedProblem(b: FeedBuilder, p: InputProblem): void {
  b.problemCount++;
  if (b.problems.length < MAX_FEED_PROBLEMS) b.problems.push(p);
  giveUpCheck(b, p.line);
}

/**
 * Problems after which a feed most of whose lines are problems is read no further: such a file is no needs feed, and
 * reading it to its end only counts more of the same (10 million lines of "x", a 20 MB file, were read for three
 * minutes). A feed with problems on half its lines or fewer is read to its end, every problem counted.
 */
export const MAX_FEED_PROBLEMS_READ = 10_000;

/** Marks the feed given up at `line` once it has MAX_FEED_PROBLEMS_READ problems on more than half its lines. */
function giveUpCheck(b: FeedBuilder, line: number): void {
  if (b.givenUpAt === undefined && b.problemCount >= MAX_FEED_PROBLEMS_READ && b.problemCount * 2 > b.lines) {
    b.givenUpAt = line;
  }
}

/** The problem of a feed given up at `line` (see MAX_FEED_PROBLEMS_READ), a problem of the whole file. */
export function givenUpProblem(line: number, problems: number): InputProblem {
  return problem(
    0,
    undefined,
    'TOO_MANY_PROBLEMS',
    `reading stopped at line ${line}: ${problems.toLocaleString('en-US')} problems in the lines up to it, more than half of them; the file is not a needs feed, or not one this program reads (check its format and encoding)`,
    `หยุดอ่านที่บรรทัด ${line}: พบปัญหา ${problems.toLocaleString('en-US')} รายการในบรรทัดจนถึงบรรทัดนี้ เกินครึ่งหนึ่งของบรรทัดที่อ่าน ไฟล์นี้ไม่ใช่ข้อมูลความต้องการ หรือไม่ใช่รูปแบบที่โปรแกรมอ่านได้ (กรุณาตรวจรูปแบบและการเข้ารหัสของไฟล์)`,
  );
}

/**
 * Parses and validates a needs feed. Collects every problem with its line and field instead of stopping
 * at the first, so the secretariat can fix the file in one go.
 * @example parseNeedsFeed('{"op":"delete","id":"N1","version":2}', ctx).tombstones // [{ line: 1, externalId: 'N1', version: 2 }]
 */
export function parseNeedsFeed(text: string, ctx: FeedContext): ParsedFeed {
  return parseNeedsFeedLines(text.replace(/^\uFEFF/u, '').split(/\r?\n/u), ctx);
}

/**
 * The same over lines already split (line i of the iterable is line i + 1 of the file), e.g. decoded one by one
 * from bytes so that an encoding error names its line.
 * @example parseNeedsFeedLines(['{"op":"delete","id":"N1","version":2}'], ctx).lines // 1
 */
export function parseNeedsFeedLines(lines: Iterable<string>, ctx: FeedContext): ParsedFeed {
  const b = newFeedBuilder();
  let line = 0;
  for (const rawLine of lines) {
    line++;
    acceptFeedLine(b, rawLine, line, ctx);
  }
  return finishFeed(b);
}

/** Ends a parse: an empty feed is a problem (unless `emptyIsProblem` is false: a file none of whose parts was chosen). */
export function finishFeed(b: FeedBuilder, emptyIsProblem = true): ParsedFeed {
  if (b.lines === 0 && emptyIsProblem)
    addFeedProblem(b, problem(1, undefined, 'EMPTY_FILE', 'the file has no records', 'ไฟล์ไม่มีข้อมูล'));
  const givenUp = b.givenUpAt === undefined ? null : givenUpProblem(b.givenUpAt, b.problemCount);
  return {
    source: b.source,
    needs: b.needs,
    tombstones: b.tombstones,
    problems: givenUp ? [givenUp, ...b.problems] : b.problems,
    problemCount: b.problemCount + (givenUp ? 1 : 0),
    lines: b.lines,
    droppedFields: b.droppedFields,
    ...(b.givenUpAt === undefined ? {} : { givenUpAt: b.givenUpAt }),
    ...(b.rowsAsPeople ? { rowsAsPeople: { rows: b.rowsAsPeople.rows, merged: b.rowsAsPeople.merged } } : {}),
  };
}

/** One line of NDJSON: blank lines are skipped; a too-long line is refused before it is parsed. */
export function acceptFeedLine(b: FeedBuilder, rawLine: string, line: number, ctx: FeedContext): void {
  if (b.givenUpAt !== undefined) return;
  if (rawLine.length > MAX_FEED_LINE_CHARS) {
    b.lines++;
    addFeedProblem(
      b,
      problem(
        line,
        undefined,
        'LINE_TOO_LONG',
        `the line has ${rawLine.length} characters; at most ${MAX_FEED_LINE_CHARS} are accepted`,
        `บรรทัดยาว ${rawLine.length} อักขระ เกินที่รับได้ ${MAX_FEED_LINE_CHARS} อักขระ`,
      ),
    );
    return;
  }
  if (rawLine.trim() === '') return;
  let value: unknown;
  try {
    value = JSON.parse(rawLine);
  } catch (e) {
    b.lines++;
    const why = notJsonReason(rawLine, e, 'column');
    addFeedProblem(b, problem(line, undefined, 'NOT_JSON', `not valid JSON: ${why.en}`, `ไม่ใช่ JSON ที่ถูกต้อง: ${why.th}`));
    return;
  }
  acceptFeedValue(b, value, line, ctx);
}

/** One record (a parsed JSON value, or a spreadsheet row already in the record form). */
export function acceptFeedValue(b: FeedBuilder, value: unknown, line: number, ctx: FeedContext): void {
  b.lines++;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    addFeedProblem(b, problem(line, undefined, 'NOT_OBJECT', 'expected a JSON object', 'ต้องเป็นออบเจ็กต์ JSON'));
    return;
  }
  const record = value as Record<string, unknown>;
  if (Object.hasOwn(record, 'feed')) {
    const h = headerSchema.safeParse(value);
    const sourceControl = typeof record['source'] === 'string' ? findControlChar(record['source']) : null;
    if (!h.success || b.lines !== 1) {
      addFeedProblem(
        b,
        problem(
          line,
          undefined,
          'BAD_HEADER',
          'header must be the first line: {"feed":"chipao.needs","version":1}',
          'บรรทัดหัวไฟล์ต้องอยู่บรรทัดแรก และเป็น {"feed":"chipao.needs","version":1}',
        ),
      );
    } else if (sourceControl) {
      addFeedProblem(b, controlCharProblem(line, 'source', sourceControl));
    } else if (h.data.source) {
      b.source = h.data.source;
    }
    for (const key of Object.keys(record)) if (!HEADER_FIELDS.has(key)) dropField(b, key);
    return;
  }
  const known: Record<string, unknown> = {};
  let controlFound = false;
  for (const key of Object.keys(record)) {
    if (!FEED_FIELD_SET.has(key)) {
      dropField(b, key);
      continue;
    }
    const v = record[key];
    if (typeof v === 'string') {
      const found = findControlChar(v);
      if (found) {
        addFeedProblem(b, controlCharProblem(line, key, found));
        controlFound = true;
      }
    }
    known[key] = v;
  }
  if (controlFound) return;
  const isDelete = known['op'] === 'delete';
  const parsed = isDelete ? tombstoneSchema.safeParse(known) : needSchema.safeParse(known);
  if (!parsed.success) {
    for (const issue of parsed.error.issues.slice(0, 3)) {
      const column = issue.path.join('.') || undefined;
      const where = column ? ` '${column}'` : '';
      addFeedProblem(
        b,
        problem(line, column, 'BAD_FIELD', `field${where}: ${issue.message}`, `ช่อง${where}: ${zodIssueTh(issue)}`),
      );
    }
    return;
  }
  const data = parsed.data;
  const prior = b.seen?.get(data.id);
  if (prior && data.version <= prior.version) {
    addFeedProblem(
      b,
      problem(
        line,
        'version',
        'DUPLICATE_ID',
        `id '${data.id}' appears again with version ${data.version}, not newer than version ${prior.version} on line ${prior.line}${elsewhere(b, prior).en}`,
        `รหัส '${data.id}' ซ้ำ รุ่น ${data.version} ไม่ใหม่กว่ารุ่น ${prior.version} ในบรรทัด ${prior.line}${elsewhere(b, prior).th}`,
      ),
    );
    return;
  }
  b.seen?.set(data.id, { line, version: data.version, part: b.part });
  if (isDelete) {
    b.tombstones.push({ line, externalId: data.id, version: data.version });
    return;
  }
  const need = data as z.output<typeof needSchema>;
  let bad = false;
  const fail = (p: InputProblem): void => {
    bad = true;
    addFeedProblem(b, p);
  };
  if (!ctx.tambonCodes.has(need.tambon)) {
    fail(
      problem(
        line,
        'tambon',
        'UNKNOWN_TAMBON',
        `unknown tambon code '${shown(need.tambon)}'`,
        `ไม่พบรหัสตำบล '${shown(need.tambon)}'`,
      ),
    );
  }
  if (!ctx.categoryIds.has(need.category)) {
    fail(
      problem(
        line,
        'category',
        'UNKNOWN_CATEGORY',
        `unknown category '${shown(need.category)}'`,
        `ไม่รู้จักหมวด '${shown(need.category)}'`,
      ),
    );
  }
  let estimatedCost: number | null = null;
  if (need.estimated_cost !== undefined && need.estimated_cost !== null && need.estimated_cost !== '') {
    const amount = parseBaht(need.estimated_cost);
    if (amount.ok) estimatedCost = amount.satang;
    else fail(problem(line, 'estimated_cost', 'BAD_AMOUNT', amount.en, amount.th));
  }
  let reportedDate: string | null = null;
  if (need.reported_date) {
    b.reportedDate ??= remembered((c: Cell) => (typeof c === 'string' ? parseThaiDate(c) : null));
    reportedDate = b.reportedDate(need.reported_date);
    if (!reportedDate) {
      fail(
        problem(
          line,
          'reported_date',
          'BAD_DATE',
          `'${shown(need.reported_date)}' is not a date`,
          `'${shown(need.reported_date)}' ไม่ใช่วันที่`,
        ),
      );
    }
  }
  if (Number.isNaN(Date.parse(need.updated_at))) {
    fail(
      problem(
        line,
        'updated_at',
        'BAD_TIMESTAMP',
        `'${shown(need.updated_at)}' is not a timestamp`,
        `'${shown(need.updated_at)}' ไม่ใช่วันเวลา`,
      ),
    );
  }
  if (bad) return;
  b.needs.push({
    line,
    externalId: need.id,
    version: need.version,
    updatedAt: need.updated_at,
    title: need.title,
    description: need.description,
    category: need.category,
    tambonCode: need.tambon,
    villageNo: need.village_no ?? null,
    households: need.households,
    peopleAffected: need.people_affected,
    timesRaised: need.times_raised,
    channel: need.channel,
    reportedDate,
    status: 'active',
    lat: need.lat ?? null,
    lon: need.lon ?? null,
    estimatedCost,
    raw: JSON.stringify(known),
  });
}

function dropField(b: FeedBuilder, key: string): void {
  const safe = shown(key);
  const name = safe in b.droppedFields || Object.keys(b.droppedFields).length < MAX_DROPPED_NAMES ? safe : OTHER_FIELDS;
  b.droppedFields[name] = (b.droppedFields[name] ?? 0) + 1;
}
