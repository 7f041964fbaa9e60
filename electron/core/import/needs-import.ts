/**
 * The needs import: any accepted file (see read.ts) → parts → header and mapping per grid part (given, remembered
 * for the source, or suggested) → the feed's own checks → preview (nothing written) or apply (one transaction, all
 * or nothing unless the user asks for the valid rows only, which the batch records). Mappings are remembered per
 * source and per header layout when a batch is applied.
 */
import { AppError, type InputProblem } from '../../../shared/api/errors';
import type { ImportPartPreview, ImportPreview, SyncReport } from '../../../shared/api/types';
import { areaIndex, type AreaIndex } from '../../../shared/domain/import/areas';
import { detectHeader, mappedRows, type HeaderDetection } from '../../../shared/domain/import/headers';
import { addNeedRows, rowHash } from '../../../shared/domain/import/needs-rows';
import { problem } from '../../../shared/domain/import/problems';
import { NEEDS_TARGET, type ColumnMapping, type TargetSchema } from '../../../shared/domain/import/target';
import { cellText } from '../../../shared/domain/import/values';
import {
  acceptFeedValue,
  finishFeed,
  newFeedBuilder,
  type FeedBuilder,
  type FeedContext,
  type ParsedFeed,
} from '../../../shared/domain/needs-feed';
import type { Store } from '../db/database';
import { addFeedBytes, applyNeeds, feedContext } from '../sync/needs-sync';
import { createHash } from 'node:crypto';
import { readImportFile, type ImportSource } from './read';

export type ImportOptions = Readonly<{ mapping?: ColumnMapping; partial?: boolean; source?: string }>;

const SAMPLE_ROWS = 10;

/** A source name from a file name: the stem without extension, dates or version numbers at its end. */
export function defaultSource(fileName: string): string {
  const base = fileName.split('/').pop() ?? fileName;
  const stem = base.replace(/\.[a-z0-9]+$/iu, '');
  const trimmed = stem.replace(/[\s_.-]*[0-9๐-๙][0-9๐-๙\s_.-]*$/u, '').trim();
  return `file:${(trimmed || stem).slice(0, 80)}`;
}

/** The key of a header layout (its labels), to remember a mapping for files laid out alike. */
export function layoutKey(labels: readonly string[]): string {
  return `layout:${rowHash(labels.join('\u0001'))}`;
}

type Analysis = Readonly<{
  source: ImportSource;
  sourceName: string;
  parts: ImportPartPreview[];
  feed: ParsedFeed;
  versionless: boolean;
  /** Mappings to remember on apply: keys → mapping. */
  remember: Map<string, Record<string, string>>;
}>;

export function storeAreas(store: Store): AreaIndex {
  const districts = store.sqlite.prepare('SELECT code, name_th AS nameTh, name_en AS nameEn FROM area_district').all() as {
    code: string;
    nameTh: string;
    nameEn: string;
  }[];
  const tambons = store.sqlite
    .prepare('SELECT code, district_code AS districtCode, name_th AS nameTh, name_en AS nameEn FROM area_tambon')
    .all() as { code: string; districtCode: string; nameTh: string; nameEn: string }[];
  return areaIndex(districts, tambons);
}

/**
 * A remembered mapping (field → header label) applied to this file's labels: fields whose label is found keep it;
 * fields the file names that the remembered mapping lacks are added from the suggestion when their column is free.
 * Null when nothing was remembered or none of its labels is in this file.
 */
function rememberedMapping(
  store: Store,
  target: string,
  keys: readonly string[],
  labels: readonly string[],
  suggested: ColumnMapping,
): ColumnMapping | null {
  for (const key of keys) {
    const row = store.sqlite
      .prepare('SELECT mapping_json FROM import_mapping WHERE target = ? AND source_key = ?')
      .get(target, key) as { mapping_json: string } | undefined;
    if (!row) continue;
    let value: unknown;
    try {
      value = JSON.parse(row.mapping_json);
    } catch {
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    const out: Record<string, number> = {};
    const used = new Set<number>();
    for (const [field, label] of Object.entries(value)) {
      const col = typeof label === 'string' ? labels.indexOf(label) : -1;
      if (col >= 0 && !used.has(col)) {
        out[field] = col;
        used.add(col);
      }
    }
    if (Object.keys(out).length === 0) continue;
    for (const [field, col] of Object.entries(suggested)) {
      if (!(field in out) && !used.has(col) && !Object.hasOwn(value, field)) {
        out[field] = col;
        used.add(col);
      }
    }
    return out;
  }
  return null;
}

/** A mapping as remembered: field → the header label of its column. */
function labelled(mapping: ColumnMapping, labels: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, col] of Object.entries(mapping)) if (labels[col]) out[field] = labels[col];
  return out;
}

/** Checks a mapping against the schema and the part's width; problems are file-level (line 0). */
function mappingProblems(mapping: ColumnMapping, width: number, schema: TargetSchema, part: string): InputProblem[] {
  const out: InputProblem[] = [];
  const used = new Map<number, string>();
  for (const [key, col] of Object.entries(mapping)) {
    const f = schema.fields.find((x) => x.key === key);
    if (!f) {
      throw new AppError('BAD_ARGS', `the mapping names an unknown field '${key}'`, `การจับคู่คอลัมน์มีช่องที่ไม่รู้จัก '${key}'`);
    }
    if (col >= width) {
      throw new AppError(
        'BAD_ARGS',
        `the mapping puts '${key}' in column ${col + 1}, beyond the file's ${width}`,
        `การจับคู่ให้ '${f.th}' อยู่คอลัมน์ที่ ${col + 1} เกินจำนวนคอลัมน์ของไฟล์ (${width})`,
      );
    }
    const other = used.get(col);
    if (other) {
      out.push(
        problem(
          0,
          part,
          'DUPLICATE_COLUMN',
          `column ${col + 1} is mapped to both '${other}' and '${key}'`,
          `คอลัมน์ที่ ${col + 1} ถูกจับคู่กับทั้ง '${other}' และ '${f.th}'`,
        ),
      );
    }
    used.set(col, key);
  }
  for (const f of schema.fields) {
    if (f.required && !(f.key in mapping)) {
      out.push(
        problem(0, part, 'MISSING_COLUMN', `no column is mapped to '${f.en}' (required)`, `ยังไม่มีคอลัมน์สำหรับ '${f.th}' (จำเป็น)`),
      );
    }
  }
  return out;
}

function addProblems(b: FeedBuilder, problems: readonly InputProblem[]): void {
  for (const p of problems) {
    b.problemCount++;
    if (b.problems.length < 1000) b.problems.push(p);
  }
}

/** The preview of a part read without a header row: a feed, or a sheet where none was found. */
function partWithoutHeader(name: string, kind: ImportPartPreview['kind'], rows: number): ImportPartPreview {
  return {
    name,
    kind,
    headerRow: null,
    headerRows: 0,
    labels: [],
    mapping: {},
    mappingFrom: 'suggested',
    suggested: {},
    sample: [],
    sampleRows: [],
    rows,
    skipped: { blank: 0, total: 0, header: 0, numbers: 0 },
  };
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
  let firstLayout: string | null = null;
  for (const part of source.parts) {
    const before = b.problems.length;
    if (part.kind === 'feed' || part.kind === 'records') {
      const linesBefore = b.lines;
      if (part.kind === 'feed') addFeedBytes(b, part.bytes, ctx);
      else part.records.forEach((r, i) => acceptFeedValue(b, r, i + 1, ctx));
      versionless = false;
      parts.push(partWithoutHeader(part.name, part.kind, b.lines - linesBefore));
    } else {
      const header: HeaderDetection | null = detectHeader(part.rows, NEEDS_TARGET);
      if (!header) {
        addProblems(b, [
          problem(
            0,
            many ? part.name : undefined,
            'NO_HEADER',
            `no header row naming the needs' columns was found in the first rows`,
            'ไม่พบแถวหัวตารางที่ระบุคอลัมน์ของข้อมูลความต้องการในแถวแรก ๆ',
          ),
        ]);
        parts.push(partWithoutHeader(part.name, 'grid', 0));
        continue;
      }
      const layout = layoutKey(header.labels);
      firstLayout ??= layout;
      let mapping: ColumnMapping = header.mapping;
      let from: ImportPartPreview['mappingFrom'] = 'suggested';
      const remembered = rememberedMapping(
        store,
        NEEDS_TARGET.id,
        [`source:${sourceName}`, layout],
        header.labels,
        header.mapping,
      );
      if (options.mapping && layout === firstLayout) {
        mapping = options.mapping;
        from = 'given';
      } else if (remembered) {
        mapping = remembered;
        from = 'remembered';
      }
      const problemsOfMapping = mappingProblems(mapping, header.labels.length, NEEDS_TARGET, part.name);
      const { rows, skipped } = mappedRows(part.rows, header, mapping, NEEDS_TARGET);
      if (problemsOfMapping.length > 0) {
        addProblems(b, problemsOfMapping);
        b.lines += rows.length;
      } else {
        addNeedRows(b, rows, { feed: ctx, areas, labels: header.labels, mapping, source: sourceName, now });
        remember.set(`source:${sourceName}`, labelled(mapping, header.labels));
        remember.set(layout, labelled(mapping, header.labels));
      }
      if ('version' in mapping) versionless = false;
      const sample = rows.slice(0, SAMPLE_ROWS).map((r) => (part.rows[r.row - 1] ?? []).map((c) => cellText(c)));
      parts.push({
        name: part.name,
        kind: 'grid',
        headerRow: header.headerIndex + 1,
        headerRows: header.headerRows,
        labels: header.labels,
        mapping,
        mappingFrom: from,
        suggested: header.mapping,
        sample,
        sampleRows: rows.slice(0, SAMPLE_ROWS).map((r) => r.row),
        rows: rows.length,
        skipped,
      });
    }
    if (many) {
      for (let i = before; i < b.problems.length; i++) {
        const p = b.problems[i]!;
        if (p.line > 0) b.problems[i] = { ...p, column: p.column ? `${part.name} › ${p.column}` : part.name };
      }
    }
  }
  return { source, sourceName: b.source, parts, feed: finishFeed(b), versionless, remember };
}

/** `needs.importPreview`. */
export function previewNeedsImport(store: Store, fileName: string, bytes: Buffer, options: ImportOptions = {}): ImportPreview {
  const a = analyzeNeedsImport(store, fileName, bytes, options);
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
  return store.sqlite.transaction((): SyncReport => {
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
      },
      actor,
    );
    // Remembered with the batch, in its transaction: a refused file remembers nothing.
    const at = new Date().toISOString();
    for (const [key, mapping] of a.remember) save.run(NEEDS_TARGET.id, key, JSON.stringify(mapping), at);
    return report;
  })();
}
