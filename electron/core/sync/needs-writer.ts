/**
 * Writes one batch of needs record by record, inside a transaction the caller holds: upsert by (source, id) when the
 * incoming version is newer, tombstones withdraw, what changed is kept per batch (`need_change`, the state before the
 * first change in the batch). Nothing is held in memory per record, so a feed of a million needs streams through it.
 * Used by a whole file (needs-sync.ts: one batch, one transaction) and by an HTTPS pull (https-pull.ts: one batch per
 * run, one transaction per page).
 */
import type Database from 'better-sqlite3';
import type { InputProblem } from '../../../shared/api/errors';
import { problem } from '../../../shared/domain/import/problems';
import type { FeedNeed } from '../../../shared/domain/needs-feed';
import { NEED_CATEGORIES } from '../../../shared/domain/taxonomy';
import { indexNewNeeds } from '../db/need-search';

/** A need as stored, with the fields a "what changed" view compares. */
type StoredNeed = {
  id: number;
  version: number;
  status: string;
  title: string;
  description: string;
  category: string;
  tambon_code: string;
  village_no: number | null;
  households: number;
  people_affected: number;
  times_raised: number;
  channel: string;
  reported_date: string | null;
  estimated_cost: number | null;
  lat: number | null;
  lon: number | null;
  batch_id: number | null;
};

/** The fields a "what changed" view compares, as stored before the batch. */
export const CHANGE_FIELDS = [
  'version',
  'status',
  'title',
  'description',
  'category',
  'tambon_code',
  'village_no',
  'households',
  'people_affected',
  'times_raised',
  'channel',
  'reported_date',
  'estimated_cost',
  'lat',
  'lon',
] as const;

/**
 * The fields a need's version changed, before and after, of those its state before recorded: a change recorded before
 * a field was compared (lat and lon since 7 December 2026) says nothing of it, so it is not listed as changed from
 * nothing.
 * @example changedFields({ title: 'ก' }, { title: 'ข', lat: 14.5 }) // [{ field: 'title', before: 'ก', after: 'ข' }]
 */
export function changedFields<V>(
  before: Readonly<Record<string, V | null | undefined>>,
  after: Readonly<Record<string, V | null | undefined>>,
): { field: (typeof CHANGE_FIELDS)[number]; before: V | null; after: V | null }[] {
  return CHANGE_FIELDS.filter((f) => f !== 'version' && f in before && (before[f] ?? null) !== (after[f] ?? null)).map((f) => ({
    field: f,
    before: before[f] ?? null,
    after: after[f] ?? null,
  }));
}

/** A withdrawal: with the source's version, or without one (an HTTPS feed's `deleted` ids). */
export type Withdrawal = Readonly<{ line: number; externalId: string; version: number | null }>;

export type BatchCounts = { newCount: number; changedCount: number; withdrawnCount: number; unchangedCount: number };

export type BatchHeader = Readonly<{
  source: string;
  fileName: string;
  fileHash: string;
  actor: string;
  partial: boolean;
  /**
   * Records without versions of their own (spreadsheets): a record whose content differs from the stored need
   * becomes the stored version + 1; the same content is unchanged.
   */
  versionless?: boolean;
}>;

export type NeedsWriter = Readonly<{
  batchId: number;
  counts: Readonly<BatchCounts>;
  /** Applies one need; a problem (an older version, an id repeated in the batch) is returned, nothing written. */
  upsert(n: FeedNeed): InputProblem | null;
  /** Applies one tombstone; the same for its problems. */
  withdraw(t: Withdrawal): InputProblem | null;
  /**
   * Records the new needs, stores the counts on the batch row and flags the projects whose evidence changed; returns
   * how many it flagged. Call before the transaction commits.
   */
  save(rejectedCount: number): number;
}>;

const tpmapOf = new Map(NEED_CATEGORIES.map((c) => [c.id, c.tpmap]));

/** Starts a batch (its `sync_batch` row) in the caller's open transaction. */
export function openNeedsWriter(sqlite: Database.Database, header: BatchHeader): NeedsWriter {
  if (!sqlite.inTransaction) throw new Error('openNeedsWriter needs an open transaction');
  const now = new Date().toISOString();
  const batchId = Number(
    sqlite
      .prepare(
        `INSERT INTO sync_batch (source, file_name, file_hash, started_at, finished_at, new_count, changed_count,
        withdrawn_count, unchanged_count, rejected_count, actor, partial) VALUES (?, ?, ?, ?, ?, 0, 0, 0, 0, 0, ?, ?)`,
      )
      .run(header.source, header.fileName, header.fileHash, now, now, header.actor, header.partial ? 1 : 0).lastInsertRowid,
  );
  return resumeNeedsWriter(sqlite, header, batchId, { newCount: 0, changedCount: 0, withdrawnCount: 0, unchangedCount: 0 });
}

/** Continues a batch begun in an earlier transaction (the next page of a pull), from the counts it has saved. */
export function resumeNeedsWriter(
  sqlite: Database.Database,
  header: BatchHeader,
  batchId: number,
  saved: Readonly<BatchCounts>,
): NeedsWriter {
  const { source } = header;
  const find = sqlite.prepare(`SELECT id, version, status, title, description, category, tambon_code, village_no, households,
      people_affected, times_raised, channel, reported_date, estimated_cost, lat, lon, batch_id FROM need
      WHERE source = ? AND external_id = ?`);
  // A need not stored yet is inserted straight away (no lookup first: a first sync of a million needs is all inserts);
  // an id already stored makes the insert do nothing, and the record is then compared with the stored need.
  const insert = sqlite.prepare(`INSERT INTO need (source, external_id, version, updated_at, title, description, category,
      tpmap, tambon_code, village_no, households, people_affected, times_raised, channel, reported_date, status, lat, lon,
      estimated_cost, raw_json, batch_id)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'active', ?, ?, ?, ?, ?)
    ON CONFLICT (source, external_id) DO NOTHING`);
  const update = sqlite.prepare(`UPDATE need SET version = ?, updated_at = ?, title = ?, description = ?, category = ?,
      tpmap = ?, tambon_code = ?, village_no = ?, households = ?, people_affected = ?, times_raised = ?, channel = ?,
      reported_date = ?, status = 'active', lat = ?, lon = ?, estimated_cost = ?, raw_json = ?, batch_id = ? WHERE id = ?`);
  const withdrawStmt = sqlite.prepare(
    `UPDATE need SET version = ?, status = 'withdrawn', batch_id = ?, updated_at = ? WHERE id = ?`,
  );
  // The first change of a need in a batch keeps its state before the batch; a need the batch itself wrote already has
  // its change (or will: new needs are recorded together, see `recordNew`).
  const change = sqlite.prepare('INSERT OR IGNORE INTO need_change (batch_id, need_id, kind, before_json) VALUES (?, ?, ?, ?)');
  const changeOnce = (existing: StoredNeed, kind: 'changed' | 'withdrawn'): void => {
    if (existing.batch_id !== batchId) change.run(batchId, existing.id, kind, beforeJson(existing));
  };
  // The needs this batch inserted since its last save: a range of ids (AUTOINCREMENT, and this transaction is the only
  // writer), recorded as new and indexed for search in one statement each rather than one call per need.
  const newRange = sqlite.prepare(`INSERT OR IGNORE INTO need_change (batch_id, need_id, kind, before_json)
    SELECT ?, id, 'new', NULL FROM need WHERE id BETWEEN ? AND ?`);
  let firstNew: number | null = null;
  let lastNew = 0;
  const recordNew = (): void => {
    if (firstNew === null) return;
    newRange.run(batchId, firstNew, lastNew);
    indexNewNeeds(sqlite, firstNew, lastNew);
    firstNew = null;
  };
  const counts: BatchCounts = { ...saved };
  // A record the batch read but did not write (unchanged, older, a tombstone of an id not stored) leaves no row to
  // find it by; its version is kept in a temporary table (SQLite's, not this heap) so the id repeated is still caught.
  sqlite.exec(
    'CREATE TEMP TABLE IF NOT EXISTS sync_unwritten (external_id TEXT PRIMARY KEY, version INTEGER NOT NULL) WITHOUT ROWID',
  );
  if (appliedCount(saved) === 0) sqlite.exec('DELETE FROM temp.sync_unwritten');
  const unwrittenGet = sqlite.prepare('SELECT version FROM temp.sync_unwritten WHERE external_id = ?').pluck();
  const unwrittenSet = sqlite.prepare(`INSERT INTO temp.sync_unwritten (external_id, version) VALUES (?, ?)
    ON CONFLICT (external_id) DO UPDATE SET version = max(version, excluded.version)`);
  // How many are kept (a first sync keeps none, and then looks nothing up).
  let unwritten = sqlite.prepare('SELECT COUNT(*) FROM temp.sync_unwritten').pluck().get() as number;
  const priorUnwritten = (id: string): number | undefined =>
    header.versionless || unwritten === 0 ? undefined : (unwrittenGet.get(id) as number | undefined);
  const noteUnwritten = (id: string, version: number | null): void => {
    if (header.versionless || version === null) return;
    unwrittenSet.run(id, version);
    unwritten++;
  };

  /** A need's stored fields from title to raw record, in the order the insert and the update name them. */
  const stored = (n: FeedNeed): unknown[] => [
    n.title,
    n.description,
    n.category,
    tpmapOf.get(n.category) ?? null,
    n.tambonCode,
    n.villageNo,
    n.households,
    n.peopleAffected,
    n.timesRaised,
    n.channel,
    n.reportedDate,
    n.lat,
    n.lon,
    n.estimatedCost,
    n.raw,
  ];

  const write = (existing: StoredNeed, version: number, n: FeedNeed): void => {
    // A need this batch inserted and has not indexed yet is indexed first: the update's trigger then replaces its
    // entry (indexing it afterwards would add a second one).
    if (firstNew !== null && existing.id >= firstNew) recordNew();
    update.run(version, n.updatedAt, ...stored(n), batchId, existing.id);
    changeOnce(existing, 'changed');
    counts.changedCount++;
  };

  return {
    batchId,
    counts,
    upsert(n) {
      const prior = priorUnwritten(n.externalId);
      if (prior !== undefined && n.version <= prior) return repeated(n.line, n.externalId, n.version, prior);
      const inserted = insert.run(source, n.externalId, n.version, n.updatedAt, ...stored(n), batchId);
      if (inserted.changes === 1) {
        lastNew = Number(inserted.lastInsertRowid);
        firstNew ??= lastNew;
        counts.newCount++;
        return null;
      }
      const existing = find.get(source, n.externalId) as StoredNeed;
      if (header.versionless) {
        if (sameContent(existing, n)) counts.unchangedCount++;
        else write(existing, existing.version + 1, n);
        return null;
      }
      if (existing.batch_id === batchId && n.version <= existing.version)
        return repeated(n.line, n.externalId, n.version, existing.version);
      if (n.version > existing.version) {
        write(existing, n.version, n);
        return null;
      }
      noteUnwritten(n.externalId, n.version);
      if (n.version === existing.version) {
        counts.unchangedCount++;
        return null;
      }
      return olderVersion(n.line, n.externalId, n.version, existing.version);
    },
    withdraw(t) {
      const prior = t.version === null ? undefined : priorUnwritten(t.externalId);
      if (prior !== undefined && t.version !== null && t.version <= prior) {
        return repeated(t.line, t.externalId, t.version, prior);
      }
      const existing = find.get(source, t.externalId) as StoredNeed | undefined;
      if (!existing) {
        noteUnwritten(t.externalId, t.version);
        counts.unchangedCount++;
        return null;
      }
      if (!header.versionless && t.version !== null && existing.batch_id === batchId && t.version <= existing.version) {
        return repeated(t.line, t.externalId, t.version, existing.version);
      }
      const wasWithdrawn = existing.status === 'withdrawn';
      const version = header.versionless || t.version === null ? existing.version + (wasWithdrawn ? 0 : 1) : t.version;
      if (wasWithdrawn && version <= existing.version) {
        noteUnwritten(t.externalId, t.version);
        counts.unchangedCount++;
        return null;
      }
      if (version < existing.version) {
        noteUnwritten(t.externalId, t.version);
        return olderVersion(t.line, t.externalId, version, existing.version);
      }
      withdrawStmt.run(version, batchId, new Date().toISOString(), existing.id);
      changeOnce(existing, 'withdrawn');
      counts.withdrawnCount++;
      return null;
    },
    save(rejectedCount) {
      recordNew();
      // Evidence changed only matters once the committee has started scoring.
      const flagged = sqlite
        .prepare(
          `UPDATE project SET evidence_changed = 1
          WHERE evidence_changed = 0
            AND id IN (SELECT pn.project_id FROM project_need pn JOIN need_change c ON c.need_id = pn.need_id
                       WHERE c.batch_id = ? AND c.kind IN ('changed', 'withdrawn'))
            AND EXISTS (SELECT 1 FROM score s WHERE s.project_id IN (SELECT id FROM project p2 WHERE p2.round_id = project.round_id))`,
        )
        .run(batchId).changes;
      sqlite
        .prepare(
          `UPDATE sync_batch SET finished_at = ?, new_count = ?, changed_count = ?, withdrawn_count = ?, unchanged_count = ?,
          rejected_count = ? WHERE id = ?`,
        )
        .run(
          new Date().toISOString(),
          counts.newCount,
          counts.changedCount,
          counts.withdrawnCount,
          counts.unchangedCount,
          rejectedCount,
          batchId,
        );
      return flagged;
    },
  };
}

/** Records applied by a batch so far (the rows it did not skip). */
export function appliedCount(c: Readonly<BatchCounts>): number {
  return c.newCount + c.changedCount + c.withdrawnCount + c.unchangedCount;
}

function beforeJson(s: StoredNeed): string {
  const out: Record<string, unknown> = {};
  for (const f of CHANGE_FIELDS) out[f] = s[f];
  return JSON.stringify(out);
}

function sameContent(s: StoredNeed, n: FeedNeed): boolean {
  return (
    s.status === 'active' &&
    s.title === n.title &&
    s.description === n.description &&
    s.category === n.category &&
    s.tambon_code === n.tambonCode &&
    s.village_no === n.villageNo &&
    s.households === n.households &&
    s.people_affected === n.peopleAffected &&
    s.times_raised === n.timesRaised &&
    s.channel === n.channel &&
    s.reported_date === n.reportedDate &&
    s.estimated_cost === n.estimatedCost &&
    s.lat === n.lat &&
    s.lon === n.lon
  );
}

function olderVersion(line: number, id: string, version: number, stored: number): InputProblem {
  return problem(
    line,
    'version',
    'OLDER_VERSION',
    `id '${id}' has version ${version}, older than the stored version ${stored}`,
    `รหัส '${id}' รุ่น ${version} เก่ากว่ารุ่นที่มีอยู่แล้ว (${stored})`,
  );
}

function repeated(line: number, id: string, version: number, prior: number): InputProblem {
  return problem(
    line,
    'version',
    'DUPLICATE_ID',
    `id '${id}' appears again with version ${version}, not newer than version ${prior} earlier in this batch`,
    `รหัส '${id}' ซ้ำ รุ่น ${version} ไม่ใหม่กว่ารุ่น ${prior} ที่มีก่อนหน้าในชุดข้อมูลนี้`,
  );
}
