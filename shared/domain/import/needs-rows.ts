/**
 * Spreadsheet rows (already mapped to fields) into needs in the feed's record form, then validated by the feed's own
 * rules (needs-feed.ts), so a need from a workbook meets exactly the protocol's checks. Problems name the file's row
 * and the column as the file labels it.
 */
import type { InputProblem } from '../../api/errors';
import {
  acceptFeedValue,
  elsewhere,
  finishFeed,
  newFeedBuilder,
  type FeedBuilder,
  type FeedContext,
  type FeedNeed,
  type ParsedFeed,
} from '../needs-feed';
import { formatBaht } from '../money';
import { dateOrderOf } from '../thai-date';
import { resolveDistrict, resolveProvince, resolveTambon, villageInPlace, type AreaIndex } from './areas';
import type { MappedRow } from './headers';
import { problem, type ProblemCode } from './problems';
import { NEEDS_TARGET, type ColumnMapping } from './target';
import { columnUnit, type MoneyUnit } from './units';
import { pointInText, pointReader } from './coordinates';
import {
  amountText,
  cellText,
  emptyCellReason,
  lostDigits,
  parseAmount,
  parseCategory,
  implausibleNeedDate,
  parseChannel,
  parseCount,
  parseCountOf,
  parseDateCell,
  parseStatus,
  parseVillageNo,
  remembered,
  rememberedIn,
  severalNeeds,
  type Cell,
  type Parsed,
} from './values';

export type NeedsRowsContext = Readonly<{
  feed: FeedContext;
  areas: AreaIndex;
  /** The column labels of the file (for messages) and the mapping used. */
  labels: readonly string[];
  mapping: ColumnMapping;
  /** The money unit of each amount field's column, as its header or the title states it (amountUnits); baht when absent. */
  units?: Readonly<Record<string, MoneyUnit>>;
  /** The need's source (identity is source + id). */
  source: string;
  /** Timestamp given to rows without one. */
  now: string;
  /**
   * The user's choice for a table that gives no people count: each row is one person who raised its need (people
   * affected 1), and rows without ids that name the same need (tambon, village and title) are one need raised by as
   * many people (see RowsAsPeople). A table whose people column is mapped is read by it.
   */
  rowsAsPeople?: boolean;
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
  // The 53-bit value (2097151 & h2) * 2^32 + (h1 >>> 0) in hex, written as its two halves (no 53-bit conversion).
  return (2097151 & h2).toString(16).padStart(6, '0') + (h1 >>> 0).toString(16).padStart(8, '0');
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

const COUNT_KEYS = ['households', 'people_affected', 'times_raised', 'version'] as const;

/** The same into a builder shared with other parts of one import (a zip, a workbook's sheets). */
export function addNeedRows(b: FeedBuilder, rows: readonly MappedRow[], ctx: NeedsRowsContext): void {
  const linesBefore = b.lines;
  const versionless = !('version' in ctx.mapping);
  const labels = new Map<string, string>();
  const label = (key: string): string => {
    let text = labels.get(key);
    if (text === undefined) {
      const col = ctx.mapping[key];
      const given = col === undefined ? undefined : ctx.labels[col];
      text = given && given !== '' ? given : (NEEDS_TARGET.fields.find((f) => f.key === key)?.th ?? key);
      labels.set(key, text);
    }
    return text;
  };
  const add = (p: InputProblem): void => {
    b.problemCount++;
    if (b.problems.length < 1000) b.problems.push(p);
  };
  const people1 =
    ctx.rowsAsPeople === true && !('people_affected' in ctx.mapping)
      ? (b.rowsAsPeople ??= { rows: 0, merged: 0, needAt: new Map() })
      : null;
  const required = NEEDS_TARGET.fields.filter((f) => f.required && !(people1 && f.key === 'people_affected')).map((f) => f.key);
  const category = remembered(parseCategory);
  const orByTitle = (r: Parsed<string>, c: Cell, title: string | null): Parsed<string> => (r.ok ? r : parseCategory(c, title));
  const count = remembered(parseCount);
  const people = remembered(parseCountOf('people'));
  const households = remembered(parseCountOf('households'));
  const village = remembered(parseVillageNo);
  // A tambon cell repeats over many rows: the village it names, read once per distinct cell.
  const villageOfPlace = remembered((c: Cell) => villageInPlace(cellText(c)));
  const channel = remembered(parseChannel);
  // Numeric dates are day first, unless the column is an English form's, month first throughout (dateOrderOf); its
  // distinct texts are enough to tell.
  const dateTexts = new Set<string>();
  for (const r of rows) {
    const c = r.cells['reported_date'];
    if (typeof c === 'string') dateTexts.add(c);
  }
  const order = dateOrderOf(dateTexts);
  const date = remembered((c: Cell) => parseDateCell(c, order));
  // The amount as the feed writes it (baht with two decimals, no separators), parsed and formatted once per value.
  const unit = columnUnit(ctx.units, 'estimated_cost', label('estimated_cost'));
  const amount = remembered((c: Cell): Parsed<string> => {
    const r = parseAmount(c, unit);
    return r.ok ? { ok: true, value: formatBaht(r.value).replace(/,/gu, '') } : r;
  });
  const status = remembered(parseStatus);
  const province = remembered((c: Cell) => resolveProvince(ctx.areas, c));
  const district = remembered((c: Cell) => resolveDistrict(ctx.areas, c));
  const tambon = rememberedIn((districtCode: string | null) => (c: Cell) => resolveTambon(ctx.areas, c, districtCode));
  let row = 0;
  let cells: Readonly<Record<string, Cell>> = {};
  let bad = false;
  const fail = (key: string, code: ProblemCode, r: { en: string; th: string }): void => {
    bad = true;
    add(problem(row, label(key), code, r.en, r.th));
  };
  const get = (key: string): Cell => cells[key] ?? null;
  const take = <T>(key: string, parse: (c: Cell) => Parsed<T>, code: ProblemCode): T | undefined => {
    const cell = get(key);
    if (cellText(cell) === null) return undefined;
    const r = parse(cell);
    if (r.ok) return r.value;
    fail(key, code, r);
    return undefined;
  };
  // The need's point: its latitude and longitude columns, else one column of both (pointReader).
  const pointMapped = 'lat' in ctx.mapping || 'lon' in ctx.mapping || 'coords' in ctx.mapping;
  const readPoint = pointReader(label);
  // A place cell repeats over many rows: whether it holds a point, read once per distinct cell.
  const placePoint = remembered((c: Cell) => (typeof c === 'string' ? pointInText(c) : null));
  const placeAt = (record: Record<string, unknown>): void => {
    const p = readPoint(get);
    for (const x of p.problems) fail(x.key, 'BAD_FIELD', x);
    if (p.value) {
      record['lat'] = p.value.lat;
      record['lon'] = p.value.lon;
    }
  };
  for (const mapped of rows) {
    row = mapped.row;
    cells = mapped.cells;
    bad = false;
    for (const key of required) {
      if (cellText(get(key)) === null) fail(key, 'REQUIRED', emptyCellReason(label(key), get(key)));
    }
    if (bad) continue;
    const several = severalNeeds(get('title'));
    if (several) fail('title', 'SEVERAL_NEEDS', several);
    const record: Record<string, unknown> = { updated_at: ctx.now, version: 1 };
    for (const key of ['title', 'description'] as const) {
      const t = cellText(get(key));
      if (t !== null) record[key] = t;
    }
    // A label that spans several categories takes the one the title names.
    const title = cellText(get('title'));
    const categoryId = take('category', (c) => orByTitle(category(c), c, title), CODE_OF['category']!);
    if (categoryId !== undefined) record['category'] = categoryId;
    for (const key of COUNT_KEYS) {
      const v = take(key, key === 'people_affected' ? people : key === 'households' ? households : count, 'BAD_COUNT');
      if (v !== undefined) record[key] = v;
    }
    if (people1) record['people_affected'] = 1;
    const villageNo = take('village_no', village, 'BAD_VILLAGE');
    // null: the whole tambon ("ทุกหมู่บ้าน"), no village.
    if (villageNo !== undefined && villageNo !== null) record['village_no'] = villageNo;
    // A village written in the tambon's cell ("หมู่ 3 ต.ตะกุด") is the need's when the row gives none (it was dropped
    // with the rest of the place), and a village column saying another is refused rather than either kept.
    const placeVillage = villageOfPlace(get('tambon'));
    if (placeVillage !== null && villageNo === undefined) record['village_no'] = placeVillage;
    else if (placeVillage !== null && villageNo !== null && villageNo !== placeVillage) {
      const place = cellText(get('tambon'));
      fail('village_no', 'BAD_VILLAGE', {
        en: `village no. ${villageNo}, but '${label('tambon')}' says หมู่ ${placeVillage} ('${place}'): correct one of them`,
        th: `หมู่ที่ ${villageNo} ไม่ตรงกับช่อง '${label('tambon')}' ที่ระบุหมู่ ${placeVillage} ('${place}') กรุณาแก้ไขให้ตรงกัน`,
      });
    }
    if (record['village_no'] !== undefined && (Number(record['village_no']) < 1 || Number(record['village_no']) > 99)) {
      fail('village_no', 'BAD_VILLAGE', {
        en: `village no. ${String(record['village_no'])} is not between 1 and 99`,
        th: `หมู่ที่ ${String(record['village_no'])} ไม่อยู่ระหว่าง 1 ถึง 99`,
      });
    }
    const channelValue = take('channel', channel, 'UNKNOWN_CHANNEL');
    if (channelValue !== undefined) record['channel'] = channelValue;
    const dateValue = take('reported_date', date, 'BAD_DATE');
    const implausible = dateValue === undefined ? null : implausibleNeedDate(dateValue, ctx.now, get('reported_date'));
    if (implausible) fail('reported_date', 'BAD_DATE', implausible);
    else if (dateValue !== undefined) record['reported_date'] = dateValue;
    // "ไม่มี" in an amount says no amount, as a dash does.
    const cost = amountText(get('estimated_cost')) === null ? undefined : take('estimated_cost', amount, 'BAD_AMOUNT');
    if (cost !== undefined) record['estimated_cost'] = cost;
    const statusValue = take('status', status, 'UNKNOWN_STATUS') ?? 'active';
    if (pointMapped) placeAt(record);
    if (cellText(get('province')) !== null) {
      const p = province(get('province'));
      if (!p.ok) fail('province', 'UNKNOWN_AREA', p);
    }
    let districtCode: string | null = null;
    if (cellText(get('district')) !== null) {
      const d = district(get('district'));
      if (d.ok) districtCode = d.value;
      else fail('district', 'UNKNOWN_AREA', d);
    }
    // A place written with its point ("ต.ตาลเดี่ยว อ.แก่งคอย 14.56, 101.00", an address and a map link): read apart.
    const tambonCell = get('tambon');
    const inPlace = placePoint(tambonCell);
    const t = tambon(inPlace ? inPlace.rest : tambonCell, districtCode);
    if (inPlace && record['lat'] === undefined) {
      if (inPlace.point.ok) {
        record['lat'] = inPlace.point.value.lat;
        record['lon'] = inPlace.point.value.lon;
      } else fail('tambon', 'BAD_FIELD', inPlace.point);
    }
    if (t.ok) record['tambon'] = t.value;
    else fail('tambon', /หลายอำเภอ/u.test(t.th) ? 'AMBIGUOUS_AREA' : 'UNKNOWN_AREA', t);
    const ownId = cellText(get('id'));
    const lost = ownId === null ? null : lostDigits(ownId);
    if (lost) fail('id', 'BAD_FIELD', lost);
    if (bad) continue;
    const id =
      ownId ?? `R-${rowHash(`${String(record['tambon'])}|${String(record['village_no'] ?? '')}|${String(record['title'])}`)}`;
    record['id'] = id;
    const prior = b.seen?.get(id);
    // Another person who raised a need an earlier row of the choice made (see rowsAsPeople).
    const same =
      people1 && prior && ownId === null && versionless && statusValue !== 'withdrawn' ? people1.needAt.get(id) : undefined;
    if (prior && ownId === null && versionless && same === undefined) {
      // Without ids, a need is its tambon, village and title: the same three twice is the same need twice.
      add(
        problem(
          row,
          label('title'),
          'DUPLICATE_ID',
          `the same need (tambon, village no. and title) as row ${prior.line}${elsewhere(b, prior).en}`,
          `ความต้องการซ้ำกับแถว ${prior.line}${elsewhere(b, prior).th} (ตำบล หมู่ที่ และเรื่องเดียวกัน)`,
        ),
      );
      continue;
    }
    if (statusValue === 'withdrawn') {
      acceptFeedValue(b, { op: 'delete', id, version: record['version'] }, row, ctx.feed);
      continue;
    }
    const before = b.problems.length;
    const needsBefore = b.needs.length;
    if (people1 && same !== undefined) {
      // Checked as a need of its own, then counted as the earlier one's further person (the first row's other fields
      // kept): its id is the earlier row's, so the repeat check is not the one to make.
      const seen = b.seen;
      b.seen = null;
      acceptFeedValue(b, record, row, ctx.feed);
      b.seen = seen;
      if (b.needs.length > needsBefore) {
        b.needs[same] = oneMorePerson(b.needs[same]!, b.needs.pop()!.timesRaised);
        people1.rows++;
        people1.merged++;
      }
    } else {
      acceptFeedValue(b, record, row, ctx.feed);
      if (people1 && b.needs.length > needsBefore) {
        people1.rows++;
        people1.needAt.set(id, needsBefore);
      }
    }
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

/** A need raised by one more person (a row read as one person, see RowsAsPeople), its stored record too. */
function oneMorePerson(n: FeedNeed, timesRaised: number): FeedNeed {
  const peopleAffected = n.peopleAffected + 1;
  const times = n.timesRaised + timesRaised;
  const raw = { ...(JSON.parse(n.raw) as Record<string, unknown>), people_affected: peopleAffected, times_raised: times };
  return { ...n, peopleAffected, timesRaised: times, raw: JSON.stringify(raw) };
}
