/**
 * Schema version 14: new needs are indexed for search by the batch that writes them, not one at a time. Frozen once
 * released.
 *
 * Migration 012's `AFTER INSERT` trigger made FTS5 flush its pending terms at every statement, one small index segment
 * per new need (~40–150 µs each, most of a large import's time). The trigger is dropped; whoever inserts needs indexes
 * them in one `INSERT … SELECT` per batch before the batch commits (the sync and import writer, the sample, a
 * restore), through `electron/core/db/need-search.ts`. The update and delete triggers stay: a changed title or a
 * removed need is rare and is still kept right by SQL alone.
 */
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time and never see app types
export async function up(db: Kysely<any>): Promise<void> {
  await sql`DROP TRIGGER need_search_insert`.execute(db);
}
