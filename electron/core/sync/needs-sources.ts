/** The `needs_source` table behind a small repository: a round's HTTPS feeds, their cursors and last results. */
import { AppError } from '../../../shared/api/errors';
import type { NeedsSource, PullOutcome } from '../../../shared/api/needs-sources';
import { appendAudit } from '../audit/audit-log';
import type { Store } from '../db/database';
import { sourceKeyOf } from './https-pull';

type SourceRow = {
  id: number;
  round_id: number | null;
  name: string;
  url: string;
  source_key: string;
  cursor: string | null;
  pages: number;
  last_run_at: string | null;
  last_result_json: string | null;
};

const COLUMNS = 'id, round_id, name, url, source_key, cursor, pages, last_run_at, last_result_json';

function toSource(r: SourceRow): NeedsSource {
  return {
    id: r.id,
    roundId: r.round_id,
    name: r.name,
    url: r.url,
    sourceKey: r.source_key,
    cursor: r.cursor,
    pages: r.pages,
    lastRunAt: r.last_run_at,
    lastResult: r.last_result_json ? (JSON.parse(r.last_result_json) as PullOutcome) : null,
  };
}

/** A round's sources, oldest first. */
export function listSources(store: Store, roundId: number): NeedsSource[] {
  const rows = store.sqlite
    .prepare(`SELECT ${COLUMNS} FROM needs_source WHERE round_id = ? ORDER BY id`)
    .all(roundId) as SourceRow[];
  return rows.map(toSource);
}

/** One source; NOT_FOUND when there is none with this id. */
export function getSource(store: Store, sourceId: number): NeedsSource {
  const row = store.sqlite.prepare(`SELECT ${COLUMNS} FROM needs_source WHERE id = ?`).get(sourceId) as SourceRow | undefined;
  if (!row) throw new AppError('NOT_FOUND', `needs source ${sourceId} not found`, `ไม่พบแหล่งข้อมูลความต้องการ ${sourceId}`);
  return toSource(row);
}

/**
 * Adds a source to a round (or, with no round, the command line's source for that URL, reused on later runs). The URL
 * must already be checked (`isPullableUrl`). A round lists each URL once.
 */
export function addSource(store: Store, roundId: number | null, name: string, url: string, actor: string): NeedsSource {
  const { sqlite } = store;
  if (roundId !== null && !sqlite.prepare('SELECT 1 FROM round WHERE id = ?').get(roundId)) {
    throw new AppError('NOT_FOUND', `round ${roundId} not found`, `ไม่พบรอบ ${roundId}`);
  }
  const existing = sqlite.prepare('SELECT id FROM needs_source WHERE round_id IS ? AND url = ?').get(roundId, url) as
    { id: number } | undefined;
  if (existing) {
    if (roundId === null) return getSource(store, existing.id);
    throw new AppError('INVALID_STATE', `this round already has the source ${url}`, `รอบนี้มีแหล่งข้อมูล ${url} อยู่แล้ว`);
  }
  const id = sqlite.transaction(() => {
    const r = sqlite
      .prepare('INSERT INTO needs_source (round_id, name, url, source_key, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(roundId, name, url, sourceKeyOf(url), new Date().toISOString());
    appendAudit(sqlite, actor, 'needs.source_added', { roundId, name, url });
    return Number(r.lastInsertRowid);
  })();
  return getSource(store, id);
}

/** Removes a source (its needs stay: they are the evidence already synced). */
export function removeSource(store: Store, sourceId: number, actor: string): void {
  const { sqlite } = store;
  const source = getSource(store, sourceId);
  sqlite.transaction(() => {
    sqlite.prepare('DELETE FROM needs_source WHERE id = ?').run(sourceId);
    appendAudit(sqlite, actor, 'needs.source_removed', { roundId: source.roundId, name: source.name, url: source.url });
  })();
}
