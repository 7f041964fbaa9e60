/**
 * The needs import: any accepted file (see read.ts) → parts → header and mapping per grid part (given, remembered
 * for the source, or suggested) → the feed's own checks → preview (nothing written) or apply (one transaction, all
 * or nothing unless the user asks for the valid rows only, which the batch records). Mappings are remembered per
 * source and per header layout when a batch is applied.
 */
import type { InputProblem } from '../../../shared/api/errors';
import type { ImportPartPreview, ImportPreview, SyncReport } from '../../../shared/api/types';
import { addNeedRows } from '../../../shared/domain/import/needs-rows';
import { problem, problemPlace } from '../../../shared/domain/import/problems';
import { NEEDS_TARGET, type ColumnMapping } from '../../../shared/domain/import/target';
import {
  acceptFeedValue,
  finishFeed,
  newFeedBuilder,
  type FeedBuilder,
  type FeedContext,
  type FeedNeed,
  type ParsedFeed,
  type RowsAsPeople,
} from '../../../shared/domain/needs-feed';
import type { Store } from '../db/database';
import { withPageCache } from '../db/sqlite-store';
import { addFeedBytes, applyNeeds, feedContext } from '../sync/needs-sync';
import { createHash } from 'node:crypto';
import { outsideTambonsNote, type PlacedRecord } from './point-notes';
import {
  defaultSource,
  hiddenBeside,
  importNotes,
  hiddenPart,
  isNotesSheet,
  partWithoutHeader,
  readGridPart,
  storeAreas,
  summaryPart,
  sheetHeaders,
  summarySheets,
  chosenPart,
  notChosenPart,
  unknownSheets,
  inPart,
} from './mapping';
import { IMPORT_PAGE_CACHE_KIB } from './limits';
import { readImportFile, type ImportSource } from './read';

export type ImportOptions = Readonly<{
  mapping?: ColumnMapping;
  partial?: boolean;
  source?: string;
  /** The sheets (or a zip's files) to read, by name (see chosenPart); all of them when absent. */
  sheets?: readonly string[];
  /** A table without a people column read with each row as one person who raised its need (see needs-rows.ts). */
  rowsAsPeople?: boolean;
}>;

type Analysis = Readonly<{
  source: ImportSource;
  sourceName: string;
  parts: ImportPartPreview[];
  feed: ParsedFeed;
  versionless: boolean;
  /** Mappings to remember on apply: keys → mapping. */
  remember: Map<string, Record<string, string>>;
  /** What the report says of the source the file was read as (sourceNotes). */
  sourceNotes: { en: string; th: string }[];
  /** Whether a table of the file maps no people column (the choice of rows as people would read it). */
  peopleColumnMissing: boolean;
}>;

function addProblems(b: FeedBuilder, problems: readonly InputProblem[]): void {
  for (const p of problems) {
    b.problemCount++;
    if (b.problems.length < 1000) b.problems.push(p);
  }
}

/** Reads and checks a file for the needs target without writing anything. */
export function analyzeNeedsImport(store: Store, fileName: string, bytes: Buffer, options: ImportOptions = {}): Analysis {
  const source = readImportFile(fileName, bytes);
  const onlyFeeds = source.parts.every((p) => p.kind !== 'grid');
  const sourceName = options.source ?? (onlyFeeds ? 'file' : defaultSource(fileName));
  const ctx: FeedContext = feedContext(store);
  const areas = storeAreas(store);
  const b = newFeedBuilder(sourceName);
  const parts: ImportPartPreview[] = [];
  const remember = new Map<string, Record<string, string>>();
  const now = new Date().toISOString();
  const many = source.parts.length > 1;
  let versionless = !onlyFeeds;
  const grid = {
    sourceName,
    areas,
    given: options.mapping,
    firstLayout: null as string | null,
    filled: options.rowsAsPeople ? ['people_affected'] : [],
  };
  let peopleColumnMissing = false;
  const noHeader = (name: string | undefined): InputProblem =>
    problem(
      0,
      name,
      'NO_HEADER',
      `no header row naming the needs' columns was found in the first rows`,
      'ไม่พบแถวหัวตารางที่ระบุคอลัมน์ของข้อมูลความต้องการในแถวแรก ๆ',
    );
  // Sheets of notes passed over, refused after all when no sheet holds a table.
  const notes: string[] = [];
  const chosen = source.parts.filter((p) => chosenPart(p, options.sheets));
  const headers = sheetHeaders(chosen, NEEDS_TARGET);
  const summaries = summarySheets(headers, NEEDS_TARGET);
  addProblems(b, unknownSheets(source.parts, options.sheets));
  let tables = 0;
  for (const part of source.parts) {
    const before = b.problems.length;
    b.part = many ? part.name : undefined;
    if (!chosen.includes(part)) {
      parts.push(notChosenPart(part.name, part.kind));
    } else if (part.kind === 'feed' || part.kind === 'records') {
      const linesBefore = b.lines;
      if (part.kind === 'feed') addFeedBytes(b, part.bytes, ctx);
      else part.records.forEach((r, i) => acceptFeedValue(b, r, i + 1, ctx));
      versionless = false;
      parts.push(partWithoutHeader(part.name, part.kind, b.lines - linesBefore));
    } else if (hiddenBeside(chosen, part)) {
      parts.push(hiddenPart(part.name));
    } else if (summaries.has(part)) {
      parts.push(summaryPart(part.name));
    } else {
      const g = readGridPart(store, NEEDS_TARGET, part, grid, headers.get(part));
      if (!g) {
        if (many && isNotesSheet(part.rows)) notes.push(part.name);
        else addProblems(b, [noHeader(many ? part.name : undefined)]);
        parts.push(partWithoutHeader(part.name, 'grid', 0));
        continue;
      }
      tables++;
      if (!('people_affected' in g.mapping)) peopleColumnMissing = true;
      if (g.problems.length > 0) {
        addProblems(b, g.problems);
        b.lines += g.rows.length + g.refusedRows;
      } else {
        addProblems(b, g.rowProblems);
        b.lines += g.refusedRows;
        addNeedRows(b, g.rows, {
          feed: ctx,
          areas,
          labels: g.header.labels,
          mapping: g.mapping,
          units: g.units,
          source: sourceName,
          now,
          ...(options.rowsAsPeople ? { rowsAsPeople: true } : {}),
        });
        for (const [key, mapping] of g.remember) remember.set(key, mapping);
      }
      if ('version' in g.mapping) versionless = false;
      parts.push(g.preview);
    }
    if (many) {
      for (let i = before; i < b.problems.length; i++) {
        const p = b.problems[i]!;
        if (p.line > 0) b.problems[i] = inPart(p, part.name);
      }
    }
  }
  if (tables === 0 && b.lines === 0) addProblems(b, notes.map(noHeader));
  // Only sheets the file lacks chosen: that is the file's problem (UNKNOWN_SHEET), not that it has no records.
  const feed = finishFeed(b, chosen.length > 0);
  const ids = generatedIds(feed);
  const same = options.source === undefined && versionless ? sameNeedsSource(store, b.source, ids) : null;
  return {
    source,
    sourceName: same?.adopted ? same.source : b.source,
    parts,
    feed,
    versionless,
    remember,
    sourceNotes: sourceNotes(store, same, b.source, ids),
    peopleColumnMissing,
  };
}

/** The needs of a file without ids, by the ids made from their tambon, village and title. */
const generatedIds = (feed: ParsedFeed): string[] =>
  [...feed.needs.map((n) => n.externalId), ...feed.tombstones.map((t) => t.externalId)].filter((id) => id.startsWith('R-'));

/**
 * The file source that already holds most of this file's needs (the same tambon, village and title), when it is not
 * the one the file's name gives; null when no other file source holds half of them. A file sent again under its
 * first name with a note added ("… (แก้ไข).xlsx", "… ฉบับแก้ไข.xlsx", "… (1).csv") is `adopted`: read as a new version
 * of that source, not as a second copy of its needs. Under a name of its own it is only said (sourceNotes).
 */
function sameNeedsSource(
  store: Store,
  named: string,
  ids: readonly string[],
): { source: string; matched: number; of: number; adopted: boolean } | null {
  if (ids.length === 0) return null;
  const json = JSON.stringify(ids);
  const held = store.sqlite.prepare(
    `SELECT COUNT(*) AS n FROM json_each(?) j JOIN need n ON n.source = ? AND n.external_id = j.value AND n.status = 'active'`,
  );
  const count = (source: string): number => (held.get(json, source) as { n: number }).n;
  const sources = store.sqlite
    .prepare(`SELECT DISTINCT source FROM need WHERE source LIKE 'file:%' AND source <> ?`)
    .all(named) as { source: string }[];
  let best: { source: string; matched: number; of: number; adopted: boolean } | null = null;
  for (const { source } of sources) {
    const matched = count(source);
    if (2 * matched >= ids.length && matched > (best?.matched ?? 0)) {
      best = { source, matched, of: ids.length, adopted: named.startsWith(source) };
    }
  }
  return best && best.matched > count(named) ? best : null;
}

/** What the report says of the file's source: read as an earlier file's new version; needs of it the file leaves out. */
function sourceNotes(
  store: Store,
  same: { source: string; matched: number; of: number; adopted: boolean } | null,
  named: string,
  ids: readonly string[],
): { en: string; th: string }[] {
  const notes: { en: string; th: string }[] = [];
  const source = same?.adopted ? same.source : named;
  const shown = source.replace(/^file:/u, '');
  if (same && !same.adopted) {
    const other = same.source.replace(/^file:/u, '');
    notes.push({
      en: `${same.matched} of the file's ${same.of} needs (same tambon, village and title) are also held from '${other}', imported before: if this is that file again, the same needs are now held twice; withdraw one copy (status ยกเลิก) or import the file under the earlier name`,
      th: `ความต้องการ ${same.matched} จาก ${same.of} รายการในไฟล์ (ตำบล หมู่ และเรื่องเดียวกัน) มีอยู่แล้วจาก '${other}' ที่นำเข้าก่อนหน้า หากเป็นไฟล์เดิม ความต้องการเหล่านี้จะซ้ำกันสองชุด กรุณายกเลิกชุดหนึ่ง (สถานะ ยกเลิก) หรือนำเข้าไฟล์ด้วยชื่อเดิม`,
    });
  }
  if (same?.adopted) {
    notes.push({
      en: `${same.matched} of the file's ${same.of} needs (same tambon, village and title) were imported before from '${shown}': the file is read as a new version of it, not as a second copy`,
      th: `ความต้องการ ${same.matched} จาก ${same.of} รายการในไฟล์ (ตำบล หมู่ และเรื่องเดียวกัน) เคยนำเข้าจาก '${shown}' แล้ว จึงอ่านไฟล์นี้เป็นฉบับใหม่ของแหล่งนั้น ไม่ใช่สำเนาที่สอง`,
    });
  }
  if (ids.length === 0 || !source.startsWith('file:')) return notes;
  const missing = (
    store.sqlite
      .prepare(
        `SELECT COUNT(*) AS n FROM need WHERE source = ? AND status = 'active' AND external_id NOT IN (SELECT value FROM json_each(?))`,
      )
      .get(source, JSON.stringify(ids)) as { n: number }
  ).n;
  if (missing > 0) {
    notes.push({
      en: `${missing} needs imported before from '${shown}' are not in this file and stay active (a title or village corrected since reads as a new need): to withdraw one, send its row with the status ยกเลิก`,
      th: `ความต้องการ ${missing} รายการที่เคยนำเข้าจาก '${shown}' ไม่มีในไฟล์นี้และยังคงใช้งานอยู่ (เรื่องหรือหมู่ที่แก้ไขแล้วจะอ่านเป็นความต้องการใหม่) หากต้องการยกเลิก ให้ส่งแถวนั้นพร้อมสถานะ ยกเลิก`,
    });
  }
  return notes;
}

/** What the report says of rows read as one person each (the user's choice, recorded on the batch). */
function rowsAsPeopleNotes(r: RowsAsPeople | undefined): { en: string; th: string }[] {
  if (!r || r.rows === 0) return [];
  const merged =
    r.merged === 0
      ? { en: '', th: '' }
      : {
          en: `; ${r.merged} of them named the same need as an earlier row (same tambon, village and title) and were counted as its further people`,
          th: ` โดย ${r.merged} แถวเป็นความต้องการเดียวกับแถวก่อนหน้า (ตำบล หมู่ และเรื่องเดียวกัน) จึงนับเป็นผู้แจ้งเพิ่มของความต้องการนั้น`,
        };
  return [
    {
      en: `${r.rows} rows of a table without a people count were read as one person each who raised the need, as chosen${merged.en}`,
      th: `อ่าน ${r.rows} แถวของตารางที่ไม่มีจำนวนผู้ได้รับผลกระทบเป็นผู้แจ้ง 1 คนต่อแถว ตามที่เลือก${merged.th}`,
    },
  ];
}

/**
 * What the preview and the report say of needs whose point lies outside their tambon as the stored boundaries draw it
 * (point-notes.ts): kept as given, said so the secretariat can check them.
 */
function pointNotes(store: Store, fileName: string, needs: readonly FeedNeed[]): { en: string; th: string }[] {
  const placed: PlacedRecord[] = [];
  for (const n of needs) {
    if (n.lat === null || n.lon === null) continue;
    // Each by its row, or its line in a feed (problemPlace).
    const at = problemPlace(fileName, { line: n.line, en: '', th: '' })!;
    placed.push({ at, tambons: [n.tambonCode], point: { lat: n.lat, lon: n.lon } });
  }
  return outsideTambonsNote(store, placed, (count, en, th) => ({
    en: `${count} need(s) have a point outside their tambon's boundary (${en}): the tambon or the point may be wrong; kept as given`,
    th: `ความต้องการ ${count} รายการมีพิกัดอยู่นอกขอบเขตตำบลของตน (${th}) ตำบลหรือพิกัดอาจไม่ถูกต้อง ระบบเก็บตามที่ระบุ`,
  }));
}

/** `needs.importPreview`. */
export function previewNeedsImport(store: Store, fileName: string, bytes: Buffer, options: ImportOptions = {}): ImportPreview {
  const a = analyzeNeedsImport(store, fileName, bytes, options);
  const notes = pointNotes(store, fileName, a.feed.needs);
  return {
    fileName,
    format: a.source.format,
    encoding: a.source.encoding,
    source: a.sourceName,
    fields: NEEDS_TARGET.fields.map((f) => ({ key: f.key, th: f.th, en: f.en, required: f.required })),
    parts: a.parts,
    rows: a.feed.lines,
    valid: a.feed.needs.length + a.feed.tombstones.length,
    problemCount: a.feed.problemCount,
    problems: [...a.feed.problems].sort((x, y) => x.line - y.line).slice(0, 500),
    droppedFields: a.feed.droppedFields,
    ...(a.peopleColumnMissing ? { peopleColumnMissing: true } : {}),
    ...(a.feed.rowsAsPeople ? { rowsAsPeople: a.feed.rowsAsPeople } : {}),
    ...(notes.length > 0 ? { notes } : {}),
  };
}

/** `needs.importApply` and the command line's `sync FILE`: applies in one transaction (see applyNeeds). */
export function applyNeedsImport(
  store: Store,
  fileName: string,
  bytes: Buffer,
  actor: string,
  options: ImportOptions = {},
): SyncReport {
  const a = analyzeNeedsImport(store, fileName, bytes, options);
  const fileLevel = a.feed.problems.filter((p) => p.line === 0);
  const save = store.sqlite.prepare(`INSERT INTO import_mapping (target, source_key, mapping_json, updated_at) VALUES (?, ?, ?, ?)
    ON CONFLICT (target, source_key) DO UPDATE SET mapping_json = excluded.mapping_json, updated_at = excluded.updated_at`);
  return withPageCache(store.sqlite, IMPORT_PAGE_CACHE_KIB, () =>
    store.sqlite.transaction((): SyncReport => {
      const report = applyNeeds(
        store,
        {
          source: a.sourceName,
          fileName,
          fileHash: createHash('sha256').update(bytes).digest('hex'),
          lines: a.feed.lines,
          needs: a.feed.needs,
          tombstones: a.feed.tombstones,
          droppedFields: a.feed.droppedFields,
          problems: a.feed.problems,
          problemCount: a.feed.problemCount,
          // A problem with the file as a whole (a missing column, no header) is never skipped as a row.
          partial: options.partial === true && fileLevel.length === 0,
          versionless: a.versionless,
          ...(a.feed.rowsAsPeople ? { rowsAsPeople: a.feed.rowsAsPeople } : {}),
        },
        actor,
      );
      // Remembered with the batch, in its transaction: a refused file remembers nothing.
      const at = new Date().toISOString();
      for (const [key, mapping] of a.remember) save.run(NEEDS_TARGET.id, key, JSON.stringify(mapping), at);
      const notes = importNotes(a.parts, NEEDS_TARGET);
      const mappingNotes = [
        ...(notes.mappingNotes ?? []),
        ...a.sourceNotes,
        ...rowsAsPeopleNotes(a.feed.rowsAsPeople),
        ...pointNotes(store, fileName, a.feed.needs),
      ];
      return { ...report, ...notes, ...(mappingNotes.length > 0 ? { mappingNotes } : {}) };
    })(),
  );
}
