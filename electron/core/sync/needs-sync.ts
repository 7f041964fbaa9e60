/**
 * Applies needs to the store: upsert by (source, id) when the incoming version is newer, tombstones withdraw, one
 * batch = one transaction. By default any problem (in the file or against the store) refuses the whole batch and
 * nothing is half-applied; a partial apply (the user's choice, recorded on the batch) skips the rejected rows.
 * Feeds (NDJSON) are decoded strictly: invalid UTF-8, control characters and over-long lines are problems with their
 * line; fields the protocol does not know are dropped, counted and never stored.
 */
import { createHash } from 'node:crypto';
import { AppError, type InputProblem } from '../../../shared/api/errors';
import { MAX_UPLOAD_BYTES } from '../../../shared/api/limits';
import type { SyncReport } from '../../../shared/api/types';
import { problem } from '../../../shared/domain/import/problems';
import {
  acceptFeedLine,
  finishFeed,
  MAX_FEED_LINE_CHARS,
  newFeedBuilder,
  type FeedBuilder,
  type FeedContext,
  type FeedNeed,
  type FeedTombstone,
  type ParsedFeed,
} from '../../../shared/domain/needs-feed';
import { NEED_CATEGORIES } from '../../../shared/domain/taxonomy';
import { appendAudit } from '../audit/audit-log';
import type { Store } from '../db/database';
import { utf8Lines } from './decode';

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
    b.lines++;
    b.problemCount++;
    if (b.problems.length >= 1000) continue;
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
}

export function syncNeedsFeed(
  store: Store,
  fileName: string,
  bytes: Uint8Array,
  actor: string,
  options: Readonly<{ partial?: boolean }> = {},
): SyncReport {
  if (bytes.length > MAX_UPLOAD_BYTES) {
    reject(
      fileName,
      [
        problem(
          0,
          undefined,
          'FILE_TOO_LARGE',
          `the file has ${bytes.length} bytes; at most ${MAX_UPLOAD_BYTES} are accepted`,
          `ไฟล์มีขนาด ${bytes.length} ไบต์ เกินที่รับได้ ${MAX_UPLOAD_BYTES} ไบต์`,
        ),
      ],
      1,
    );
  }
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
};

function storedOf(id: number, version: number, n: FeedNeed): StoredNeed {
  return {
    id,
    version,
    status: 'active',
    title: n.title,
    description: n.description,
    category: n.category,
    tambon_code: n.tambonCode,
    village_no: n.villageNo,
    households: n.households,
    people_affected: n.peopleAffected,
    times_raised: n.timesRaised,
    channel: n.channel,
    reported_date: n.reportedDate,
    estimated_cost: n.estimatedCost,
  };
}

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
] as const;

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
    s.estimated_cost === n.estimatedCost
  );
}

/** Applies a batch in one transaction (see the module comment). Throws SYNC_REJECTED when refused. */
export function applyNeeds(store: Store, batch: NeedBatch, actor: string): SyncReport {
  const { sqlite } = store;
  const { fileName } = batch;
  if (!batch.partial && batch.problemCount > 0) reject(fileName, batch.problems, batch.problemCount);
  if (batch.partial && batch.needs.length === 0 && batch.tombstones.length === 0) {
    reject(fileName, batch.problems, batch.problemCount);
  }

  const startedAt = new Date().toISOString();
  const find = sqlite.prepare(`SELECT id, version, status, title, description, category, tambon_code, village_no, households,
      people_affected, times_raised, channel, reported_date, estimated_cost FROM need WHERE source = ? AND external_id = ?`);
  const insert = sqlite.prepare(`INSERT INTO need (source, external_id, version, updated_at, title, description, category,
      tpmap, tambon_code, village_no, households, people_affected, times_raised, channel, reported_date, status, lat, lon,
      estimated_cost, raw_json, batch_id)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'active', ?, ?, ?, ?, ?)`);
  const update = sqlite.prepare(`UPDATE need SET version = @version, updated_at = @updatedAt, title = @title,
      description = @description, category = @category, tpmap = @tpmap, tambon_code = @tambonCode, village_no = @villageNo,
      households = @households, people_affected = @peopleAffected, times_raised = @timesRaised, channel = @channel,
      reported_date = @reportedDate, status = 'active', lat = @lat, lon = @lon, estimated_cost = @estimatedCost,
      raw_json = @raw, batch_id = @batchId WHERE id = @id`);
  const withdraw = sqlite.prepare(`UPDATE need SET version = ?, status = 'withdrawn', batch_id = ?, updated_at = ? WHERE id = ?`);
  // What the batch changed, with each changed need's state before it (the first change in a batch wins).
  const change = sqlite.prepare('INSERT OR IGNORE INTO need_change (batch_id, need_id, kind, before_json) VALUES (?, ?, ?, ?)');
  const tpmapOf = new Map(NEED_CATEGORIES.map((c) => [c.id, c.tpmap]));

  // A large batch reads the source's needs once instead of one lookup per record.
  let stored: Map<string, StoredNeed> | null = null;
  const lookup = (externalId: string): StoredNeed | undefined =>
    stored ? stored.get(externalId) : (find.get(batch.source, externalId) as StoredNeed | undefined);

  return sqlite.transaction((): SyncReport => {
    if (batch.needs.length + batch.tombstones.length > 5000) {
      stored = new Map();
      const all = sqlite.prepare(`SELECT external_id, id, version, status, title, description, category, tambon_code, village_no,
          households, people_affected, times_raised, channel, reported_date, estimated_cost FROM need WHERE source = ?`);
      for (const r of all.iterate(batch.source) as IterableIterator<StoredNeed & { external_id: string }>)
        stored.set(r.external_id, r);
    }
    const inserted = sqlite
      .prepare(
        `INSERT INTO sync_batch (source, file_name, file_hash, started_at, finished_at, new_count, changed_count,
        withdrawn_count, unchanged_count, rejected_count, actor, partial) VALUES (?, ?, ?, ?, ?, 0, 0, 0, 0, 0, ?, ?)`,
      )
      .run(batch.source, fileName, batch.fileHash, startedAt, startedAt, actor, batch.partial ? 1 : 0);
    const batchId = Number(inserted.lastInsertRowid);
    const problems: InputProblem[] = [];
    const touched: number[] = [];
    let newCount = 0;
    let changedCount = 0;
    let withdrawnCount = 0;
    let unchangedCount = 0;
    for (const n of batch.needs) {
      const existing = lookup(n.externalId);
      const tpmap = tpmapOf.get(n.category) ?? null;
      if (!existing) {
        const id = Number(
          insert.run(
            batch.source,
            n.externalId,
            n.version,
            n.updatedAt,
            n.title,
            n.description,
            n.category,
            tpmap,
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
            batchId,
          ).lastInsertRowid,
        );
        change.run(batchId, id, 'new', null);
        stored?.set(n.externalId, storedOf(id, n.version, n));
        newCount++;
      } else if (batch.versionless) {
        if (sameContent(existing, n)) {
          unchangedCount++;
        } else {
          update.run({ ...n, source: batch.source, tpmap, batchId, version: existing.version + 1, id: existing.id });
          stored?.set(n.externalId, storedOf(existing.id, existing.version + 1, n));
          change.run(batchId, existing.id, 'changed', beforeJson(existing));
          touched.push(existing.id);
          changedCount++;
        }
      } else if (n.version > existing.version) {
        update.run({ ...n, source: batch.source, tpmap, batchId, id: existing.id });
        stored?.set(n.externalId, storedOf(existing.id, n.version, n));
        change.run(batchId, existing.id, 'changed', beforeJson(existing));
        touched.push(existing.id);
        changedCount++;
      } else if (n.version === existing.version) {
        unchangedCount++;
      } else {
        problems.push(olderVersion(n.line, n.externalId, n.version, existing.version));
      }
    }
    for (const t of batch.tombstones) {
      const existing = lookup(t.externalId);
      const version = batch.versionless && existing ? existing.version + (existing.status === 'withdrawn' ? 0 : 1) : t.version;
      if (!existing || (existing.status === 'withdrawn' && version <= existing.version)) {
        unchangedCount++;
      } else if (version >= existing.version) {
        withdraw.run(version, batchId, new Date().toISOString(), existing.id);
        change.run(batchId, existing.id, 'withdrawn', beforeJson(existing));
        stored?.set(t.externalId, { ...existing, version, status: 'withdrawn' });
        touched.push(existing.id);
        withdrawnCount++;
      } else {
        problems.push(olderVersion(t.line, t.externalId, t.version, existing.version));
      }
    }
    if (problems.length > 0 && !batch.partial) reject(fileName, problems, problems.length); // throws: rolls back
    const rejected = [...batch.problems, ...problems].sort((a, b) => a.line - b.line);
    const rejectedCount = batch.problemCount + problems.length;
    if (newCount + changedCount + withdrawnCount + unchangedCount === 0) reject(fileName, rejected, rejectedCount);

    let flaggedProjects = 0;
    if (touched.length > 0) {
      // Evidence changed only matters once the committee has started scoring.
      const flag = sqlite.prepare(`UPDATE project SET evidence_changed = 1
        WHERE evidence_changed = 0 AND id IN (SELECT project_id FROM project_need WHERE need_id = ?)
          AND EXISTS (SELECT 1 FROM score s WHERE s.project_id IN (SELECT id FROM project p2 WHERE p2.round_id = project.round_id))`);
      for (const id of touched) flaggedProjects += flag.run(id).changes;
    }
    const finishedAt = new Date().toISOString();
    sqlite
      .prepare(
        `UPDATE sync_batch SET finished_at = ?, new_count = ?, changed_count = ?, withdrawn_count = ?, unchanged_count = ?,
        rejected_count = ? WHERE id = ?`,
      )
      .run(finishedAt, newCount, changedCount, withdrawnCount, unchangedCount, rejectedCount, batchId);
    const report: SyncReport = {
      batchId,
      source: batch.source,
      fileName,
      fileHash: batch.fileHash,
      lines: batch.lines,
      newCount,
      changedCount,
      withdrawnCount,
      unchangedCount,
      flaggedProjects,
      droppedFields: { ...batch.droppedFields },
      partial: batch.partial,
      rejected: rejected.slice(0, MAX_PROBLEMS_SHOWN),
      rejectedCount,
    };
    appendAudit(sqlite, actor, 'needs.synced', { ...report, rejected: undefined });
    return report;
  })();
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
