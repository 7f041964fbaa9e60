/**
 * Spreadsheet rows (already mapped to fields) into needs in the feed's record form, then validated by the feed's own
 * rules (needs-feed.ts), so a need from a workbook meets exactly the protocol's checks. Problems name the file's row
 * and the column as the file labels it.
 */
import type { InputProblem } from '../../api/errors';
import { acceptFeedValue, finishFeed, newFeedBuilder, type FeedBuilder, type FeedContext, type ParsedFeed } from '../needs-feed';
import { formatBaht } from '../money';
import { resolveDistrict, resolveTambon, type AreaIndex } from './areas';
import type { MappedRow } from './headers';
import { problem, type ProblemCode } from './problems';
import { NEEDS_TARGET, type ColumnMapping } from './target';
import {
  cellText,
  parseAmount,
  parseCategory,
  parseChannel,
  parseCount,
  parseDateCell,
  parseStatus,
  type Cell,
  type Parsed,
} from './values';

export type NeedsRowsContext = Readonly<{
  feed: FeedContext;
  areas: AreaIndex;
  /** The column labels of the file (for messages) and the mapping used. */
  labels: readonly string[];
  mapping: ColumnMapping;
  /** The need's source (identity is source + id). */
  source: string;
  /** Timestamp given to rows without one. */
  now: string;
}>;

export type NeedsFromRows = ParsedFeed & Readonly<{ versionless: boolean }>;

/**
 * A 53-bit hash of a text as 14 hex digits (cyrb53), for ids of rows that have none.
 * @example rowHash('190101|3|ขอถนน').length // 14
 */
export function rowHash(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
}

const CODE_OF: Readonly<Record<string, ProblemCode>> = {
  count: 'BAD_COUNT',
  amount: 'BAD_AMOUNT',
  date: 'BAD_DATE',
  channel: 'UNKNOWN_CHANNEL',
  category: 'UNKNOWN_CATEGORY',
  status: 'UNKNOWN_STATUS',
};

/**
 * Converts and validates mapped rows. Rows without an id get one from their tambon, village and title; without a
 * version column the batch is versionless (content decides new / changed / unchanged).
 */
export function needsFromRows(rows: readonly MappedRow[], ctx: NeedsRowsContext): NeedsFromRows {
  const b = newFeedBuilder(ctx.source);
  addNeedRows(b, rows, ctx);
  return { ...finishFeed(b), versionless: !('version' in ctx.mapping) };
}

/** The same into a builder shared with other parts of one import (a zip, a workbook's sheets). */
export function addNeedRows(b: FeedBuilder, rows: readonly MappedRow[], ctx: NeedsRowsContext): void {
  const linesBefore = b.lines;
  const versionless = !('version' in ctx.mapping);
  const label = (key: string): string => {
    const col = ctx.mapping[key];
    const text = col === undefined ? undefined : ctx.labels[col];
    return text && text !== '' ? text : (NEEDS_TARGET.fields.find((f) => f.key === key)?.th ?? key);
  };
  const add = (p: InputProblem): void => {
    b.problemCount++;
    if (b.problems.length < 1000) b.problems.push(p);
  };
  for (const { row, cells } of rows) {
    let bad = false;
    const fail = (key: string, code: ProblemCode, r: { en: string; th: string }): void => {
      bad = true;
      add(problem(row, label(key), code, r.en, r.th));
    };
    const get = (key: string): Cell => cells[key] ?? null;
    for (const f of NEEDS_TARGET.fields) {
      if (f.required && cellText(get(f.key)) === null) {
        fail(f.key, 'REQUIRED', { en: `'${label(f.key)}' is empty`, th: `ช่อง '${label(f.key)}' ว่าง` });
      }
    }
    if (bad) continue;
    const record: Record<string, unknown> = { updated_at: ctx.now, version: 1 };
    const take = <T>(key: string, parse: (c: Cell) => Parsed<T>, code: ProblemCode): T | undefined => {
      const cell = get(key);
      if (cellText(cell) === null) return undefined;
      const r = parse(cell);
      if (r.ok) return r.value;
      fail(key, code, r);
      return undefined;
    };
    for (const key of ['title', 'description'] as const) {
      const t = cellText(get(key));
      if (t !== null) record[key] = t;
    }
    const category = take('category', parseCategory, CODE_OF['category']!);
    if (category !== undefined) record['category'] = category;
    for (const key of ['village_no', 'households', 'people_affected', 'times_raised', 'version'] as const) {
      const v = take(key, parseCount, 'BAD_COUNT');
      if (v !== undefined) record[key] = v;
    }
    if (record['village_no'] !== undefined && (Number(record['village_no']) < 1 || Number(record['village_no']) > 99)) {
      fail('village_no', 'BAD_VILLAGE', {
        en: `village no. ${String(record['village_no'])} is not between 1 and 99`,
        th: `หมู่ที่ ${String(record['village_no'])} ไม่อยู่ระหว่าง 1 ถึง 99`,
      });
    }
    const channel = take('channel', parseChannel, 'UNKNOWN_CHANNEL');
    if (channel !== undefined) record['channel'] = channel;
    const date = take('reported_date', parseDateCell, 'BAD_DATE');
    if (date !== undefined) record['reported_date'] = date;
    const cost = take('estimated_cost', parseAmount, 'BAD_AMOUNT');
    if (cost !== undefined) record['estimated_cost'] = formatBaht(cost).replace(/,/gu, '');
    const status = take('status', parseStatus, 'UNKNOWN_STATUS') ?? 'active';
    let districtCode: string | null = null;
    if (cellText(get('district')) !== null) {
      const d = resolveDistrict(ctx.areas, get('district'));
      if (d.ok) districtCode = d.value;
      else fail('district', 'UNKNOWN_AREA', d);
    }
    const t = resolveTambon(ctx.areas, get('tambon'), districtCode);
    if (t.ok) record['tambon'] = t.value;
    else fail('tambon', /หลายอำเภอ/u.test(t.th) ? 'AMBIGUOUS_AREA' : 'UNKNOWN_AREA', t);
    if (bad) continue;
    const id =
      cellText(get('id')) ??
      `R-${rowHash(`${String(record['tambon'])}|${String(record['village_no'] ?? '')}|${String(record['title'])}`)}`;
    record['id'] = id;
    const prior = b.seen?.get(id);
    if (prior && cellText(get('id')) === null && versionless) {
      // Without ids, a need is its tambon, village and title: the same three twice is the same need twice.
      add(
        problem(
          row,
          label('title'),
          'DUPLICATE_ID',
          `the same need (tambon, village no. and title) as row ${prior.line}`,
          `ความต้องการซ้ำกับแถว ${prior.line} (ตำบล หมู่ที่ และเรื่องเดียวกัน)`,
        ),
      );
      continue;
    }
    if (status === 'withdrawn') {
      acceptFeedValue(b, { op: 'delete', id, version: record['version'] }, row, ctx.feed);
      continue;
    }
    const before = b.problems.length;
    acceptFeedValue(b, record, row, ctx.feed);
    // The feed's checks name protocol fields; give the file's own column labels instead.
    for (let i = before; i < b.problems.length; i++) {
      const p = b.problems[i]!;
      if (p.column === undefined) continue;
      const mapped = p.column in ctx.mapping;
      b.problems[i] = mapped
        ? { ...p, column: label(p.column) }
        : { line: p.line, ...(p.code ? { code: p.code } : {}), en: p.en, th: p.th };
    }
  }
  b.lines = linesBefore + rows.length; // every data row, also those refused before the feed's checks
}
