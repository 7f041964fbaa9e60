/**
 * Schema version 11: needs sources (HTTPS feeds) per round (no round: the command line's), with the cursor each pull
 * has committed. Frozen once released.
 */
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time and never see app types
export async function up(db: Kysely<any>): Promise<void> {
  // `source_key` is the identity its needs are stored under (need.source); `cursor` and `etag` move only in the same
  // transaction as the page they follow, so a pull resumes after the last page applied and never applies one twice.
  await sql`CREATE TABLE needs_source (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    round_id INTEGER REFERENCES round(id),
    name TEXT NOT NULL,
    url TEXT NOT NULL,
    source_key TEXT NOT NULL,
    cursor TEXT,
    etag TEXT,
    pages INTEGER NOT NULL DEFAULT 0,
    last_run_at TEXT,
    last_ok INTEGER,
    last_result_json TEXT,
    created_at TEXT NOT NULL,
    UNIQUE (round_id, url))`.execute(db);
}
