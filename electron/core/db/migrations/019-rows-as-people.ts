/**
 * Schema version 19: a needs batch records how many of its rows were read as one person each. Frozen once released.
 *
 * A complaints platform's export or a form's responses give no people count: one row is one person who raised the
 * need. Reading them so is the user's choice at import (it changes what the allocation weighs), so the batch keeps it
 * as it keeps `partial`: the number of rows so read, 0 for every batch before and every batch read by its own counts.
 */
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time and never see app types
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE sync_batch ADD COLUMN rows_as_people INTEGER NOT NULL DEFAULT 0
    CHECK (typeof(rows_as_people) = 'integer' AND rows_as_people >= 0)`.execute(db);
}
