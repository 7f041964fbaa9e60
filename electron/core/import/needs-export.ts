/**
 * Every need in the feed's record form (docs/needs-sync-protocol.md fields plus `status`), one JSON line each,
 * sorted by id: money as baht with two decimals, dates ISO in the Christian era. So any import can be diffed
 * against what its file says.
 */
import { formatBaht } from '../../../shared/domain/money';
import type { Selectable } from 'kysely';
import type { Store } from '../db/database';
import type { DB } from '../db/schema';

/** The stored columns a record is made from (typed once, in db/schema.ts). */
type NeedExportRow = Omit<Selectable<DB['need']>, 'id' | 'raw_json' | 'batch_id'>;

/** One need as its record (keys in the protocol's order). */
export function needRecord(r: NeedExportRow): Record<string, unknown> {
  return {
    id: r.external_id,
    version: r.version,
    updated_at: r.updated_at,
    title: r.title,
    description: r.description,
    category: r.category,
    tambon: r.tambon_code,
    village_no: r.village_no,
    households: r.households,
    people_affected: r.people_affected,
    times_raised: r.times_raised,
    channel: r.channel,
    reported_date: r.reported_date,
    estimated_cost: r.estimated_cost === null ? null : formatBaht(r.estimated_cost).replace(/,/gu, ''),
    lat: r.lat,
    lon: r.lon,
    status: r.status,
  };
}

/** Yields the JSON lines in id order (then source), reading the store row by row. */
export function* exportNeedLines(store: Store): Generator<string> {
  const rows = store.sqlite
    .prepare(
      `SELECT source, external_id, version, updated_at, title, description, category, tambon_code, village_no, households,
        people_affected, times_raised, channel, reported_date, status, lat, lon, estimated_cost
      FROM need ORDER BY external_id, source`,
    )
    .iterate() as IterableIterator<NeedExportRow>;
  for (const r of rows) yield JSON.stringify(needRecord(r));
}
