/**
 * The needs import: any accepted file (see read.ts) → parts → header and mapping per grid part (given, remembered
 * for the source, or suggested) → the feed's own checks → preview (nothing written) or apply (one transaction, all
 * or nothing unless the user asks for the valid rows only, which the batch records). Mappings are remembered per
 * source and per header layout when a batch is applied.
 */
import type { InputProblem } from '../../../shared/api/errors';
import type { ImportPartPreview, ImportPreview, SyncReport } from '../../../shared/api/types';
import { addNeedRows } from '../../../shared/domain/import/needs-rows';
import { problem } from '../../../shared/domain/import/problems';
import { NEEDS_TARGET, type ColumnMapping } from '../../../shared/domain/import/target';
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
import {
  defaultSource,
  hiddenBeside,
  importNotes,
  hiddenPart,
  isNotesSheet,
  partWithoutHeader,
  readGridPart,
  storeAreas,
} from './mapping';
import { readImportFile, type ImportSource } from './read';

export type ImportOptions = Readonly<{ mapping?: ColumnMapping; partial?: boolean; source?: string }>;

type Analysis = Readonly<{
  source: ImportSource;
  sourceName: string;
  parts: ImportPartPreview[];
  feed: ParsedFeed;
  versionless: boolean;
  /** Mappings to remember on apply: keys → mapping. */
  remember: Map<string, Record<string, string>>;
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
  const grid = { sourceName, areas, given: options.mapping, firstLayout: null as string | null };
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
  let tables = 0;
  for (const part of source.parts) {
    const before = b.problems.length;
    if (part.kind === 'feed' || part.kind === 'records') {
      const linesBefore = b.lines;
      if (part.kind === 'feed') addFeedBytes(b, part.bytes, ctx);
      else part.records.forEach((r, i) => acceptFeedValue(b, r, i + 1, ctx));
      versionless = false;
      parts.push(partWithoutHeader(part.name, part.kind, b.lines - linesBefore));
    } else if (hiddenBeside(source.parts, part)) {
      parts.push(hiddenPart(part.name));
    } else {
      const g = readGridPart(store, NEEDS_TARGET, part, grid);
      if (!g) {
        if (many && isNotesSheet(part.rows)) notes.push(part.name);
        else addProblems(b, [noHeader(many ? part.name : undefined)]);
        parts.push(partWithoutHeader(part.name, 'grid', 0));
        continue;
      }
      tables++;
      if (g.problems.length > 0) {
        addProblems(b, g.problems);
        b.lines += g.rows.length + g.refusedRows;
      } else {
        addProblems(b, g.rowProblems);
        b.lines += g.refusedRows;
        addNeedRows(b, g.rows, { feed: ctx, areas, labels: g.header.labels, mapping: g.mapping, source: sourceName, now });
        for (const [key, mapping] of g.remember) remember.set(key, mapping);
      }
      if ('version' in g.mapping) versionless = false;
      parts.push(g.preview);
    }
    if (many) {
      for (let i = before; i < b.problems.length; i++) {
        const p = b.problems[i]!;
        if (p.line > 0) b.problems[i] = { ...p, column: p.column ? `${part.name} › ${p.column}` : part.name };
      }
    }
  }
  if (tables === 0 && b.lines === 0) addProblems(b, notes.map(noHeader));
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
    return { ...report, ...importNotes(a.parts, NEEDS_TARGET) };
  })();
}
