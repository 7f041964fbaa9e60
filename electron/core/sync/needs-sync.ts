/**
 * Applies a needs feed to the store: upsert by (source, id) when the incoming version is newer, tombstones
 * withdraw, one sync = one transaction. Any problem (in the file or against the store) refuses the whole
 * batch: nothing is half-applied.
 */
import { createHash } from 'node:crypto';
import { AppError, type InputProblem } from '../../../shared/api/errors';
import type { SyncReport } from '../../../shared/api/types';
import { parseNeedsFeed } from '../../../shared/domain/needs-feed';
import { NEED_CATEGORIES } from '../../../shared/domain/taxonomy';
import { appendAudit } from '../audit/audit-log';
import type { Store } from '../db/database';

const MAX_PROBLEMS_SHOWN = 200;

export function syncNeedsFeed(store: Store, fileName: string, content: string, actor: string): SyncReport {
  const { sqlite } = store;
  const tambonCodes = new Set((sqlite.prepare('SELECT code FROM area_tambon').all() as { code: string }[]).map((r) => r.code));
  const categoryIds = new Set((sqlite.prepare('SELECT id FROM category').all() as { id: string }[]).map((r) => r.id));
  const feed = parseNeedsFeed(content, { tambonCodes, categoryIds });
  if (feed.problems.length > 0) reject(fileName, feed.problems);

  const fileHash = createHash('sha256').update(content).digest('hex');
  const startedAt = new Date().toISOString();
  const find = sqlite.prepare('SELECT id, version, status FROM need WHERE source = ? AND external_id = ?');
  const insert = sqlite.prepare(`INSERT INTO need (source, external_id, version, updated_at, title, description, category,
      tpmap, tambon_code, village_no, households, people_affected, times_raised, channel, reported_date, status, lat, lon,
      estimated_cost, raw_json, batch_id)
    VALUES (@source, @externalId, @version, @updatedAt, @title, @description, @category, @tpmap, @tambonCode, @villageNo,
      @households, @peopleAffected, @timesRaised, @channel, @reportedDate, 'active', @lat, @lon, @estimatedCost, @raw, @batchId)`);
  const update = sqlite.prepare(`UPDATE need SET version = @version, updated_at = @updatedAt, title = @title,
      description = @description, category = @category, tpmap = @tpmap, tambon_code = @tambonCode, village_no = @villageNo,
      households = @households, people_affected = @peopleAffected, times_raised = @timesRaised, channel = @channel,
      reported_date = @reportedDate, status = 'active', lat = @lat, lon = @lon, estimated_cost = @estimatedCost,
      raw_json = @raw, batch_id = @batchId WHERE id = @id`);
  const withdraw = sqlite.prepare(`UPDATE need SET version = ?, status = 'withdrawn', batch_id = ?, updated_at = ? WHERE id = ?`);
  const tpmapOf = new Map(NEED_CATEGORIES.map((c) => [c.id, c.tpmap]));

  return sqlite.transaction((): SyncReport => {
    const batch = sqlite
      .prepare(
        `INSERT INTO sync_batch (source, file_name, file_hash, started_at, finished_at, new_count, changed_count,
        withdrawn_count, unchanged_count, rejected_count, actor) VALUES (?, ?, ?, ?, ?, 0, 0, 0, 0, 0, ?)`,
      )
      .run(feed.source, fileName, fileHash, startedAt, startedAt, actor);
    const batchId = Number(batch.lastInsertRowid);
    const problems: InputProblem[] = [];
    const touched: number[] = [];
    let newCount = 0;
    let changedCount = 0;
    let withdrawnCount = 0;
    let unchangedCount = 0;
    for (const n of feed.needs) {
      const existing = find.get(feed.source, n.externalId) as { id: number; version: number; status: string } | undefined;
      const row = { ...n, source: feed.source, tpmap: tpmapOf.get(n.category) ?? null, batchId };
      if (!existing) {
        insert.run(row);
        newCount++;
      } else if (n.version > existing.version) {
        update.run({ ...row, id: existing.id });
        touched.push(existing.id);
        changedCount++;
      } else if (n.version === existing.version) {
        unchangedCount++;
      } else {
        problems.push(olderVersion(n.line, n.externalId, n.version, existing.version));
      }
    }
    for (const t of feed.tombstones) {
      const existing = find.get(feed.source, t.externalId) as { id: number; version: number; status: string } | undefined;
      if (!existing || (existing.status === 'withdrawn' && t.version <= existing.version)) {
        unchangedCount++;
      } else if (t.version >= existing.version) {
        withdraw.run(t.version, batchId, new Date().toISOString(), existing.id);
        touched.push(existing.id);
        withdrawnCount++;
      } else {
        problems.push(olderVersion(t.line, t.externalId, t.version, existing.version));
      }
    }
    if (problems.length > 0) reject(fileName, problems); // throws: the transaction rolls back

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
        `UPDATE sync_batch SET finished_at = ?, new_count = ?, changed_count = ?, withdrawn_count = ?, unchanged_count = ?
        WHERE id = ?`,
      )
      .run(finishedAt, newCount, changedCount, withdrawnCount, unchangedCount, batchId);
    const report: SyncReport = {
      batchId,
      source: feed.source,
      fileName,
      fileHash,
      lines: feed.lines,
      newCount,
      changedCount,
      withdrawnCount,
      unchangedCount,
      flaggedProjects,
    };
    appendAudit(sqlite, actor, 'needs.synced', report);
    return report;
  })();
}

function olderVersion(line: number, id: string, version: number, stored: number): InputProblem {
  return {
    line,
    column: 'version',
    en: `id '${id}' has version ${version}, older than the stored version ${stored}`,
    th: `รหัส '${id}' รุ่น ${version} เก่ากว่ารุ่นที่มีอยู่แล้ว (${stored})`,
  };
}

function reject(fileName: string, problems: readonly InputProblem[]): never {
  const first = problems[0]!;
  throw new AppError(
    'SYNC_REJECTED',
    `${fileName}: ${problems.length} problem(s), nothing was applied. Line ${first.line}: ${first.en}`,
    `${fileName}: พบปัญหา ${problems.length} รายการ ไม่มีการนำเข้าข้อมูลใด ๆ บรรทัดที่ ${first.line}: ${first.th}`,
    problems.slice(0, MAX_PROBLEMS_SHOWN),
  );
}
