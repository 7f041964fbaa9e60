/** Schema version 6: what each needs batch changed (new / changed field by field / withdrawn). Frozen. */
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time and never see app types
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE need_change (
    batch_id INTEGER NOT NULL REFERENCES sync_batch(id),
    need_id INTEGER NOT NULL REFERENCES need(id),
    kind TEXT NOT NULL CHECK (kind IN ('new','changed','withdrawn')),
    before_json TEXT,
    PRIMARY KEY (batch_id, need_id))`.execute(db);
  await sql`CREATE INDEX need_change_need ON need_change(need_id)`.execute(db);
}
