/**
 * What one batch changed: its new, changed and withdrawn needs, with each changed field's value before the batch and
 * after it (the state the next batch found, or the current row when no later batch touched the need).
 */
import { AppError } from '../../../shared/api/errors';
import type { NeedChange, NeedChangesPage } from '../../../shared/api/types';
import type { Store } from '../db/database';
import { CHANGE_FIELDS, changedFields } from '../sync/needs-sync';

type ChangeRow = {
  need_id: number;
  kind: 'new' | 'changed' | 'withdrawn';
  before_json: string | null;
  next_json: string | null;
  external_id: string;
  title: string;
  tambon_code: string;
} & Record<(typeof CHANGE_FIELDS)[number], string | number | null>;

export function needChanges(
  store: Store,
  batchId: number,
  options: Readonly<{ kind?: 'new' | 'changed' | 'withdrawn' | undefined; offset: number; limit: number }>,
): NeedChangesPage {
  const { sqlite } = store;
  if (!sqlite.prepare('SELECT 1 FROM sync_batch WHERE id = ?').get(batchId)) {
    throw new AppError('NOT_FOUND', `no batch ${batchId}`, `ไม่พบการนำเข้าครั้งที่ ${batchId}`);
  }
  const counts = { new: 0, changed: 0, withdrawn: 0 };
  for (const r of sqlite.prepare('SELECT kind, COUNT(*) AS n FROM need_change WHERE batch_id = ? GROUP BY kind').all(batchId) as {
    kind: keyof typeof counts;
    n: number;
  }[]) {
    counts[r.kind] = r.n;
  }
  const kindFilter = options.kind ? 'AND c.kind = @kind' : '';
  const rows = sqlite
    .prepare(
      `SELECT c.need_id, c.kind, c.before_json,
        (SELECT n2.before_json FROM need_change n2 WHERE n2.need_id = c.need_id AND n2.batch_id > c.batch_id
          ORDER BY n2.batch_id LIMIT 1) AS next_json,
        n.external_id, n.title, n.tambon_code, ${CHANGE_FIELDS.map((f) => `n.${f}`).join(', ')}
      FROM need_change c JOIN need n ON n.id = c.need_id
      WHERE c.batch_id = @batchId ${kindFilter}
      ORDER BY CASE c.kind WHEN 'changed' THEN 0 WHEN 'withdrawn' THEN 1 ELSE 2 END, n.external_id
      LIMIT @limit OFFSET @offset`,
    )
    .all({ batchId, kind: options.kind ?? null, limit: options.limit, offset: options.offset }) as ChangeRow[];
  return {
    batchId,
    counts,
    total: options.kind ? counts[options.kind] : counts.new + counts.changed + counts.withdrawn,
    rows: rows.map((r): NeedChange => {
      const after: Record<string, string | number | null> = r.next_json
        ? (JSON.parse(r.next_json) as Record<string, string | number | null>)
        : Object.fromEntries(CHANGE_FIELDS.map((f) => [f, r[f]]));
      const before = r.before_json ? (JSON.parse(r.before_json) as Record<string, string | number | null>) : null;
      const fields = before === null ? [] : changedFields(before, after);
      return {
        needId: r.need_id,
        externalId: r.external_id,
        title: String(after['title'] ?? r.title),
        tambonCode: String(after['tambon_code'] ?? r.tambon_code),
        kind: r.kind,
        fields,
      };
    }),
  };
}
